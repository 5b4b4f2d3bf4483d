import { Button, Collapse, Descriptions, Flex, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { AreaText } from './AreaText.tsx';
import { FeatureList } from './FeatureList.tsx';
import { local, num, percent } from './format.ts';
import { MessageCell } from './MessageCell.tsx';
import type { RuleResult } from './types.ts';
import { VerdictCell } from './VerdictCell.tsx';

export interface RuleCardsProps {
  results: RuleResult[];
  onOverride?: (result: RuleResult) => void;
}

/** The rule results on a phone: one block per rule instead of a wide table. */
export function RuleCards({ results, onOverride }: RuleCardsProps) {
  const { t, lang } = useI18n();
  return (
    <Flex vertical gap={12}>
      {results.map((r) => (
        <section key={r.ruleId} data-rule={r.ruleId} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
          <Flex justify="space-between" align="flex-start" gap={8}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{local(r.title, lang)}</Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.layer.name ?? r.layer.code} · {r.layer.version === null ? t('review.noData') : t('review.layerVersion', { v: r.layer.version })}
              </Typography.Text>
            </div>
            <VerdictCell result={r} />
          </Flex>
          <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('review.col.area')}>
              {r.measure === 'distance' ? (r.distanceM === null ? '—' : t('review.distance', { m: num(r.distanceM, lang, 1) })) : <AreaText area={r.area} />}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.col.share')}>{r.measure === 'distance' ? '—' : percent(r.share, lang)}</Descriptions.Item>
          </Descriptions>
          <MessageCell result={r} />
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {onOverride && <Button size="small" data-testid={`override-button-${r.ruleId}`} onClick={() => onOverride(r)}>{t('review.action.override')}</Button>}
          </Flex>
          {(r.features.length > 0 || r.ignored.length > 0) && (
            <Collapse
              size="small"
              ghost
              items={[{ key: 'f', label: t('review.features.title', { n: r.features.length }), children: <div style={{ overflowX: 'auto' }}><FeatureList result={r} /></div> }]}
            />
          )}
        </section>
      ))}
    </Flex>
  );
}
