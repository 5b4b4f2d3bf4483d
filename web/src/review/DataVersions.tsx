import { Card, Descriptions } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { GisLayer } from '../map/types.ts';
import type { Report } from './types.ts';

/** The data versions a report read: each layer's version and the rule-set version. */
export function DataVersions({ report, catalogue }: { report: Report; catalogue: GisLayer[] | undefined }) {
  const { t } = useI18n();
  const nameOf = (code: string) => catalogue?.find((l) => l.code === code)?.name ?? report.results.find((r) => r.layer.code === code)?.layer.name ?? code;
  return (
    <Card size="small" title={t('review.versions.title')} data-testid="data-versions">
      <Descriptions size="small" column={1} bordered>
        {Object.entries(report.layerVersions).map(([code, v]) => (
          <Descriptions.Item key={code} label={`${nameOf(code)}（${code}）`}>
            {v === null ? t('review.versions.none') : t('review.layerVersion', { v })}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <p style={{ marginTop: 8, marginBottom: 0 }}>{t('review.versions.ruleSet', { item: report.itemCode, v: report.ruleSetVersion })}</p>
    </Card>
  );
}
