import { Alert, Typography } from 'antd';
import { useApi } from '../api/useApi.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { count, splitErrorCode } from './format.ts';
import { importErrorKey } from './importErrors.ts';
import type { DataLayer, ImportJob } from './types.ts';

/** The end of an import: the published version's counts, or why it failed (the version's recorded error). */
export function ImportOutcome({ job }: { job: ImportJob }) {
  const { t, lang } = useI18n();
  // The version row holds the error with its code and the final counts; the job only has progress.
  const detail = useApi<DataLayer>(`/api/gis/layers/${encodeURIComponent(job.layer)}`);
  const version = detail.data?.versions.find((v) => v.version === job.version);

  if (job.status === 'done') {
    const features = version?.featureCount ?? job.progress?.features;
    return (
      <Alert
        type="success"
        showIcon
        data-testid="import-done"
        title={t('data.importDone', { layer: job.layer, v: job.version })}
        description={
          features === undefined
            ? undefined
            : t('data.importDoneDetail', { n: count(features, lang), repaired: count(version?.repairedCount ?? 0, lang) })
        }
      />
    );
  }

  const text = version?.error ?? job.error ?? '';
  const { code } = splitErrorCode(text);
  const reasonKey = importErrorKey(code);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="import-failed"
      title={t('data.importFailed', { v: job.version })}
      description={
        <>
          {reasonKey && <Typography.Paragraph style={{ marginBottom: 4 }}>{t(reasonKey)}</Typography.Paragraph>}
          <Typography.Paragraph style={{ marginBottom: 4, wordBreak: 'break-word' }}>
            <Typography.Text code>{text || t('data.noReason')}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('data.nothingChanged')}</Typography.Text>
        </>
      }
    />
  );
}
