import { useEffect, useState } from 'react';
import { Card, Descriptions, Flex, Timeline, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { LightTag, StateTag, useLocalName } from '../bits.tsx';
import { ProgressForm } from '../ProgressForm.tsx';
import type { Progress } from '../types.ts';

/** 进度查询: case number + query code, no sign-in; the QR code on every notice opens this with both filled. */
export function ProgressPage() {
  const { t, time } = useI18n();
  const name = useLocalName();
  const [params, setParams] = useSearchParams();
  const no = params.get('no') ?? '';
  const code = params.get('code') ?? '';
  const [result, setResult] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!no || !code) return;
    const controller = new AbortController();
    setPending(true);
    setError(undefined);
    setResult(undefined);
    api<Progress>('/api/portal/progress', { query: { no, code }, signal: controller.signal })
      .then(setResult, (cause: unknown) => {
        if (!(cause instanceof DOMException && cause.name === 'AbortError')) setError(cause);
      })
      .finally(() => setPending(false));
    return () => controller.abort();
  }, [no, code]);

  return (
    <>
      <PageHeading title={t('hall.progress.title')} description={t('hall.progress.desc')} />
      <Flex vertical gap={16}>
        <Card size="small">
          <ProgressForm key={`${no}|${code}`} initial={{ no, code }} pending={pending} onSubmit={(q) => setParams({ no: q.no, code: q.code }, { replace: true })} />
        </Card>
        {error !== undefined && <ProblemAlert error={error} />}
        {result && (
          <Card
            size="small"
            data-testid="progress-result"
            title={<Typography.Title level={2} style={{ fontSize: '1.15em', margin: 0 }}>{result.itemName}</Typography.Title>}
          >
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('hall.progress.caseNo')}>{result.caseNo}</Descriptions.Item>
              <Descriptions.Item label={t('hall.case.state')}>
                <StateTag state={result.state} name={result.stateName} /> <LightTag light={result.light} />
              </Descriptions.Item>
              <Descriptions.Item label={t('hall.case.submittedAt')}>{time(result.submittedAt)}</Descriptions.Item>
              {result.dueDate && <Descriptions.Item label={t('hall.case.dueDate')}>{result.dueDate}</Descriptions.Item>}
            </Descriptions>
            <Timeline
              items={result.timeline.map((e) => ({
                children: (
                  <>
                    <Typography.Text strong>{name(e.label, e.labelEn)}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {[e.department, time(e.at)].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
