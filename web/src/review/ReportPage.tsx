import { useNavigate, useParams } from 'react-router-dom';
import { Result } from 'antd';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ReportView } from './ReportView.tsx';
import { useReport } from './useReport.ts';

/** /review/:id — one compliance-review report. */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { report, error, loading, reload, replace } = useReport(id);
  if (loading && !report) return <Loading />;
  if (error?.status === 404) return <Result status="404" title="404" subTitle={t('review.report.notFound')} />;
  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  if (!report) return null;
  return <ReportView report={report} onChange={replace} onRerun={(next) => navigate(`/review/${next.id}`)} />;
}
