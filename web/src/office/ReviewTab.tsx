import { Empty, Spin } from 'antd';
import { useApi } from '../api/useApi.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ReviewSummary } from './ReviewSummary.tsx';
import type { ReviewReport } from './types.ts';

function Report({ id }: { id: string }) {
  const { data, error, loading, reload } = useApi<ReviewReport>(`/api/reviews/${encodeURIComponent(id)}`);
  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  if (loading || !data) return <Spin />;
  return <ReviewSummary report={data} />;
}

/** 审查报告: the latest spatial review report attached to the case. */
export function ReviewTab({ reportId }: { reportId: string | null }) {
  const { t } = useI18n();
  if (!reportId) return <Empty description={t('office.review.none')} />;
  return <Report id={reportId} />;
}
