import { useEffect, useRef } from 'react';
import { Alert, Flex, Progress, Typography } from 'antd';
import { errorText } from '../api/errorText.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { count } from './format.ts';
import { ImportOutcome } from './ImportOutcome.tsx';
import type { ImportJob, ImportStarted } from './types.ts';
import { useImportJob } from './useImportJob.ts';

export interface ImportJobStatusProps {
  started: ImportStarted;
  /** Called once when the job is done or failed. */
  onFinished: (job: ImportJob) => void;
}

/** Follows an import job every second: a progress bar (percent, or the feature count when the total is unknown), then the outcome. */
export function ImportJobStatus({ started, onFinished }: ImportJobStatusProps) {
  const { t, lang } = useI18n();
  const { job, error } = useImportJob(started.jobId);
  const reported = useRef(false);
  const finished = job && (job.status === 'done' || job.status === 'failed');

  useEffect(() => {
    if (finished && !reported.current) {
      reported.current = true;
      onFinished(job);
    }
  }, [finished, job, onFinished]);

  if (job && finished) return <ImportOutcome job={job} />;

  const p = job?.progress;
  const label = t('data.jobProgress', { layer: started.layer, v: started.version });
  return (
    <div data-testid="import-progress" aria-live="polite">
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {!job || job.status === 'queued' ? t('data.jobQueued') : t('data.jobRunning', { layer: started.layer, v: started.version })}
      </Typography.Paragraph>
      {p && p.percent !== null ? (
        <Progress percent={Math.floor(p.percent)} status="active" aria-label={label} />
      ) : (
        // No declared total (GeoJSON is streamed): an indeterminate bar with the running count.
        <Progress percent={100} status="active" showInfo={false} aria-label={label} />
      )}
      {p && (
        <Flex gap={16} wrap>
          <Typography.Text>
            {p.total === null
              ? t('data.featuresRead', { n: count(p.features, lang) })
              : t('data.featuresOf', { n: count(p.features, lang), total: count(p.total, lang) })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('data.speed', { n: count(Math.round(p.featuresPerSecond), lang) })}</Typography.Text>
          {!!p.warnings && <Typography.Text type="warning">{t('data.warnings', { n: p.warnings })}</Typography.Text>}
        </Flex>
      )}
      {error && <Alert type="warning" showIcon title={errorText(error, lang, t)} description={t('data.pollRetry')} style={{ marginTop: 8 }} />}
    </div>
  );
}
