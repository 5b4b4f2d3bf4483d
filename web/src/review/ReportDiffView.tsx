import { Alert, Flex, Table, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { local, num } from './format.ts';
import type { ReportDiff } from './types.ts';
import { VerdictTag } from './VerdictTag.tsx';

type RuleChange = ReportDiff['rules'][number];

/** What changed between two reports: data versions, the overall verdict, and each rule's verdict and area before and after. */
export function ReportDiffView({ diff }: { diff: ReportDiff }) {
  const { t, lang } = useI18n();
  const area = (m2: number | null) => (m2 === null ? '—' : `${num(m2, lang)} ${t('review.unit.m2')}`);
  return (
    <Flex vertical gap={8} data-testid="report-diff">
      <Typography.Text>
        {t('review.diff.overall', { before: t(`review.verdict.${diff.overall.before}`), after: t(`review.verdict.${diff.overall.after}`) })}
      </Typography.Text>
      {diff.layers.map((l) => (
        <Typography.Text key={l.code} type="secondary">
          {t('review.diff.layer', { code: l.code, before: l.before ?? '—', after: l.after ?? '—' })}
        </Typography.Text>
      ))}
      {diff.rules.length === 0 ? (
        <Alert type="info" showIcon title={t('review.diff.none')} />
      ) : (
        <Table<RuleChange>
          size="small"
          rowKey="ruleId"
          pagination={false}
          dataSource={diff.rules}
          scroll={{ x: 640 }}
          columns={[
            { title: t('review.col.rule'), key: 'rule', render: (_, r) => local(r.title, lang) },
            {
              title: `${t('review.col.verdict')}（${t('review.diff.before')} → ${t('review.diff.after')}）`, key: 'verdict',
              render: (_, r) => <Flex gap={4} align="center" wrap>{r.verdict.before ? <VerdictTag verdict={r.verdict.before} /> : '—'} → {r.verdict.after ? <VerdictTag verdict={r.verdict.after} /> : '—'}</Flex>,
            },
            { title: `${t('review.col.area')}（${t('review.diff.before')} → ${t('review.diff.after')}）`, key: 'area', render: (_, r) => `${area(r.areaM2.before)} → ${area(r.areaM2.after)}` },
            { title: '', key: 'features', render: (_, r) => (r.featuresAdded.length || r.featuresRemoved.length ? t('review.diff.features', { added: r.featuresAdded.length, removed: r.featuresRemoved.length }) : '') },
          ]}
        />
      )}
    </Flex>
  );
}
