import { useCallback } from 'react';
import { App, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import type { Report } from './types.ts';

export interface RerunButtonsProps {
  report: Report;
  /** The new report (with its diff to this one). */
  onDone: (next: Report) => void;
}

/** Runs the report again: on the current layer versions (default, with a diff) or pinned to the report's versions. */
export function RerunButtons({ report, onDone }: RerunButtonsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const action = useCallback(
    async (pinVersions: boolean) => {
      const next = await api<Report>(`/api/reviews/${encodeURIComponent(report.id)}/rerun`, { method: 'POST', body: { pinVersions } });
      void message.success(t('review.rerun.done', { no: next.reportNo }));
      onDone(next);
    },
    [report.id, message, t, onDone],
  );
  const submit = useSubmit(action);
  return (
    <>
      <Button icon={<ReloadOutlined />} loading={submit.pending} onClick={() => void submit.run(false)} data-testid="rerun">
        {t('review.action.rerunCurrent')}
      </Button>
      <Button loading={submit.pending} onClick={() => void submit.run(true)} data-testid="rerun-pinned">
        {t('review.action.rerunPinned')}
      </Button>
      {submit.error !== undefined && <ProblemAlert error={submit.error} />}
    </>
  );
}
