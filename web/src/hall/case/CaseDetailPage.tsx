import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Flex, List, Row, Space, Typography } from 'antd';
import { FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { StateTag, useLocalName } from '../bits.tsx';
import type { CaseDetail, GuideDetail } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';
import { CaseTimeline } from './CaseTimeline.tsx';
import { ClockPanel } from './ClockPanel.tsx';
import { RatingPanel } from './RatingPanel.tsx';
import { SupplementPanel } from './SupplementPanel.tsx';
import { WithdrawButton } from './WithdrawButton.tsx';

const DECIDED = ['DONE_APPROVED', 'DONE_DENIED', 'CERTIFIED', 'DELIVERED', 'REJECTED_ACCEPT'];

/** One of the applicant's cases: state, legal clock, timeline, 补正, withdrawal, documents, certificate, rating. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t, time } = useI18n();
  const name = useLocalName();
  const { data, error, loading, reload } = useHallApi<CaseDetail>(`/api/portal/cases/${encodeURIComponent(id)}`);
  const [c, setCase] = useState<CaseDetail>();
  useEffect(() => setCase(data), [data]);
  // The item's form gives the project fields their names (and select values their labels).
  const guide = useHallApi<GuideDetail>(c ? `/api/portal/guides/${encodeURIComponent(c.itemCode)}` : null);
  const fields = guide.data?.guide.formSchema.fields ?? [];

  if (loading && !c) return <Loading />;
  if (error || !c) return <ProblemAlert error={error} onRetry={reload} />;
  const can = (action: string) => c.allowedActions.some((a) => a.action === action);
  const openNotice = [...c.supplementNotices].reverse().find((n) => !n.answeredAt);
  return (
    <>
      <PageHeading
        title={c.itemName}
        description={`${t('hall.apply.caseNo')}：${c.caseNo} · ${t('hall.apply.queryCode')}：${c.queryCode}`}
        extra={can('withdraw') ? <WithdrawButton c={c} onDone={setCase} /> : undefined}
      />
      <Space wrap size={8} style={{ marginBottom: 16 }}>
        <StateTag state={c.state} name={c.stateName} />
        <Typography.Text type="secondary">{t('hall.case.submittedAt')}：{time(c.submittedAt)}</Typography.Text>
      </Space>
      <Flex vertical gap={16}>
        {openNotice && can('resubmit') && (
          <Card size="small">
            <SupplementPanel c={c} notice={openNotice} onDone={setCase} />
          </Card>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" style={{ height: '100%' }}>
              <ClockPanel clock={c.clock} decided={c.decidedAt !== null} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" style={{ height: '100%' }}>
              <CaseTimeline entries={c.timeline} />
            </Card>
          </Col>
        </Row>
        {(c.documents.length > 0 || c.certificate) && (
          <Card size="small">
            <Typography.Title level={2} style={{ fontSize: '1.15em' }}>{t('hall.case.documents')}</Typography.Title>
            {c.documents.length > 0 && (
              <List
                size="small"
                dataSource={c.documents}
                renderItem={(d) => (
                  <List.Item>
                    <a href={d.url} target="_blank" rel="noopener">
                      <FilePdfOutlined /> {name(d.name, d.nameEn)}
                    </a>
                  </List.Item>
                )}
              />
            )}
            {c.certificate && (
              <Flex gap={16} wrap align="center" style={{ marginTop: 8 }} data-testid="certificate">
                <Typography.Text strong>
                  <SafetyCertificateOutlined /> {t('hall.case.certificate', { number: c.certificate.number })}
                </Typography.Text>
                <a href={c.certificate.url} download>
                  {t('hall.case.downloadCertificate')}
                </a>
                <Link to={c.certificate.verifyUrl}>{t('hall.case.verifyCertificate')}</Link>
              </Flex>
            )}
          </Card>
        )}
        {DECIDED.includes(c.state) && (
          <Card size="small">
            <RatingPanel caseId={c.id} />
          </Card>
        )}
        <Card size="small">
          <Typography.Title level={2} style={{ fontSize: '1.15em' }}>{t('hall.case.details')}</Typography.Title>
          <Descriptions column={1} size="small" bordered>
            {Object.entries(c.project).map(([k, v]) => {
              const f = fields.find((x) => x.key === k);
              const option = f?.options?.find((o) => o.value === v);
              return (
                <Descriptions.Item key={k} label={f ? name(f.label, f.labelEn) : k}>
                  {option ? name(option.label, option.labelEn) : typeof v === 'object' ? JSON.stringify(v) : `${String(v)}${f?.unit ? ` ${f.unit}` : ''}`}
                </Descriptions.Item>
              );
            })}
          </Descriptions>
          {c.materials.length > 0 && (
            <List
              size="small"
              style={{ marginTop: 12 }}
              header={<Typography.Text strong>{t('hall.step.materials')}</Typography.Text>}
              dataSource={c.materials.filter((m) => m.current !== false)}
              renderItem={(m) => (
                <List.Item>
                  {m.name ?? m.code}{m.fileName ? ` — ${m.fileName}` : ''}
                  {(m.version ?? 1) > 1 && <Typography.Text type="secondary">{` · ${t('hall.case.materialVersion', { n: m.version ?? 1 })}`}</Typography.Text>}
                </List.Item>
              )}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
