import { useCallback, useState } from 'react';
import { Alert, Flex } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { LinkButton } from '../components/LinkButton.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { BoundaryProblem } from './BoundaryProblem.tsx';
import { CheckForm, type CheckInput } from './CheckForm.tsx';
import { polygonFromText } from './geojsonInput.ts';
import { postBoundaryFile } from './postBoundary.ts';
import { ReportView } from './ReportView.tsx';
import type { Report } from './types.ts';

/** /review/check — staff pre-check of a boundary against an item's rules; the report shows below. */
export function CheckPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [report, setReport] = useState<Report>();
  const [badJson, setBadJson] = useState<string>();
  const action = useCallback(async (input: CheckInput) => {
    setReport(undefined);
    setBadJson(undefined);
    if (input.kind === 'file') {
      setReport(await postBoundaryFile(input));
      return;
    }
    let geometry;
    try {
      geometry = polygonFromText(input.text);
    } catch (e) {
      setBadJson(e instanceof Error ? e.message : String(e));
      return;
    }
    setReport(await api<Report>('/api/reviews', { method: 'POST', body: { itemCode: input.itemCode, geometry } }));
  }, []);
  const submit = useSubmit(action);
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('review.check.title')} description={t('review.check.desc')} extra={<LinkButton to="/review/rules">{t('review.check.rules')}</LinkButton>} />
      <CheckForm pending={submit.pending} onRun={(i) => void submit.run(i)} />
      {badJson && <Alert type="error" showIcon title={t('review.check.badJson', { reason: badJson })} />}
      {submit.error !== undefined && <BoundaryProblem error={submit.error} />}
      {report && <ReportView report={report} onChange={setReport} onRerun={(next) => navigate(`/review/${next.id}`)} />}
    </Flex>
  );
}
