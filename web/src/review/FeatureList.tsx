import { Table, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { local, num } from './format.ts';
import type { RuleResult, TouchedFeature } from './types.ts';

function attributesText(a: Record<string, unknown>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('；');
}

/** The features a rule touched (with the overlap or distance) and the slivers ignored by its tolerance. */
export function FeatureList({ result }: { result: RuleResult }) {
  const { t, lang } = useI18n();
  const isDistance = result.measure === 'distance';
  return (
    <div data-testid={`features-${result.ruleId}`}>
      <Typography.Text strong>{t('review.features.title', { n: result.features.length })}</Typography.Text>
      {result.features.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('review.features.none')}</Typography.Paragraph>
      ) : (
        <Table<TouchedFeature>
          size="small"
          rowKey="fid"
          pagination={result.features.length > 10 ? { pageSize: 10, size: 'small' } : false}
          dataSource={result.features}
          columns={[
            { title: t('review.features.fid'), dataIndex: 'fid', width: 80 },
            isDistance
              ? { title: t('review.features.distanceM'), key: 'd', width: 120, render: (_, f) => (f.distanceM === undefined ? '' : num(f.distanceM, lang, 1)) }
              : { title: t('review.features.areaM2'), key: 'a', width: 140, render: (_, f) => (f.areaM2 === undefined ? '' : num(f.areaM2, lang)) },
            { title: t('review.features.attributes'), key: 'attrs', render: (_, f) => <span style={{ wordBreak: 'break-all' }}>{attributesText(f.attributes)}</span> },
          ]}
        />
      )}
      {result.ignored.length > 0 && (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('review.features.ignored', { n: result.ignored.length })}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {result.ignored.map((p, i) => (
              <li key={i}>
                {p.fid !== null && `#${p.fid} `}
                {p.areaM2 !== undefined && `${num(p.areaM2, lang)} ${t('review.unit.m2')} — `}
                {local(p.reason, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
