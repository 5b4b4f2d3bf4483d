import { Alert, Descriptions, Empty, Flex, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { count, crsParts, hectares, splitErrorCode } from './format.ts';
import { importErrorKey } from './importErrors.ts';
import type { DataVersion } from './types.ts';
import { VersionStatusTag } from './VersionStatusTag.tsx';

export interface VersionHistoryProps {
  versions: DataVersion[];
  /** The version readers see, marked 现行. */
  currentVersion: number | null;
}

/** Every import of a layer, newest first: outcome, counts, area, source file and detected CRS. */
export function VersionHistory({ versions, currentVersion }: VersionHistoryProps) {
  const { t, time, lang } = useI18n();
  if (versions.length === 0) return <Empty description={t('data.noVersions')} />;
  return (
    <ol aria-label={t('data.history')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {versions.map((v) => {
        const crs = v.source.crs ? crsParts(v.source.crs) : undefined;
        const reasonKey = v.error ? importErrorKey(splitErrorCode(v.error).code) : undefined;
        return (
          <li
            key={v.version}
            data-testid={`version-${v.version}`}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12, marginBottom: 12 }}
          >
            <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>{t('data.versionN', { v: v.version })}</Typography.Text>
              <VersionStatusTag status={v.status} />
              {v.version === currentVersion && <Typography.Text type="success">{t('data.current')}</Typography.Text>}
            </Flex>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('data.features')}>{count(v.featureCount, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('data.repaired')}>{count(v.repairedCount, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('data.areaHa')}>
                {v.totalAreaM2 === null ? t('common.none') : hectares(v.totalAreaM2, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('data.sourceFile')}>
                <span style={{ wordBreak: 'break-all' }}>{v.source.fileName ?? t('common.none')}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('data.crs')} span={{ xs: 1, sm: 2 }}>
                {crs ? (
                  <span>
                    {crs.code}
                    {crs.how && <Typography.Text type="secondary">{t('data.crsHow', { how: crs.how })}</Typography.Text>}
                  </span>
                ) : (
                  t('common.none')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('data.startedAt')}>{time(v.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('data.finishedAt')}>{v.finishedAt ? time(v.finishedAt) : t('common.none')}</Descriptions.Item>
            </Descriptions>
            {v.status === 'failed' && v.error && (
              <Alert
                type="error"
                showIcon
                title={reasonKey ? t(reasonKey) : t('data.failedReason')}
                description={<span style={{ wordBreak: 'break-word' }}>{v.error}</span>}
                style={{ marginTop: 8 }}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
