import type { HTMLAttributes } from 'react';
import { Button, Card, Grid, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../i18n/LangContext.ts';
import { AreaText } from './AreaText.tsx';
import { FeatureList } from './FeatureList.tsx';
import { local, num, percent } from './format.ts';
import { MessageCell } from './MessageCell.tsx';
import { RuleCards } from './RuleCards.tsx';
import type { RuleResult } from './types.ts';
import { VerdictCell } from './VerdictCell.tsx';

export interface RuleTableProps {
  results: RuleResult[];
  /** Given when the user may override verdicts; opens the override dialog for a rule. */
  onOverride?: (result: RuleResult) => void;
}

/** One row per rule: layer and version, area, share, verdict (computed vs override), message and advice; touched features expand. */
export function RuleTable({ results, onOverride }: RuleTableProps) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  if (!screens.md) {
    return (
      <Card size="small" title={t('review.rules.title')}>
        <RuleCards results={results} onOverride={onOverride} />
      </Card>
    );
  }
  const columns: ColumnsType<RuleResult> = [
    {
      title: `${t('review.col.rule')} / ${t('review.col.layer')}`, key: 'rule', width: 180,
      render: (_, r) => (
        <span>
          {local(r.title, lang)}
          <br />
          <small style={{ color: '#8c8c8c' }}>{r.ruleId}</small>
          <br />
          <small style={{ color: '#595959' }}>{r.layer.name ?? r.layer.code} · {r.layer.version === null ? t('review.noData') : t('review.layerVersion', { v: r.layer.version })}</small>
        </span>
      ),
    },
    {
      title: t('review.col.area'), key: 'area', width: 150,
      render: (_, r) => (r.measure === 'distance' ? (r.distanceM === null ? '—' : t('review.distance', { m: num(r.distanceM, lang, 1) })) : <AreaText area={r.area} />),
    },
    { title: t('review.col.share'), key: 'share', width: 80, render: (_, r) => (r.measure === 'distance' ? '—' : percent(r.share, lang)) },
    { title: t('review.col.verdict'), key: 'verdict', width: 150, render: (_, r) => <VerdictCell result={r} /> },
    { title: t('review.col.message'), key: 'message', render: (_, r) => <MessageCell result={r} /> },
  ];
  if (onOverride) {
    columns.push({
      title: t('review.col.actions'), key: 'actions', width: 72,
      render: (_, r) => <Button size="small" data-testid={`override-button-${r.ruleId}`} onClick={() => onOverride(r)}>{t('review.action.override')}</Button>,
    });
  }
  return (
    <Card size="small" title={t('review.rules.title')}>
      <Table<RuleResult>
        size="small"
        rowKey="ruleId"
        pagination={false}
        dataSource={results}
        columns={columns}
        scroll={{ x: 980 }}
        expandable={{ expandedRowRender: (r) => <FeatureList result={r} />, rowExpandable: (r) => r.features.length > 0 || r.ignored.length > 0 }}
        onRow={(r) => ({ 'data-rule': r.ruleId }) as HTMLAttributes<HTMLElement>}
      />
    </Card>
  );
}
