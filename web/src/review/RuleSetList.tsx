import { List, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { itemNameKey } from './itemName.ts';
import type { RuleSet } from './types.ts';

export interface RuleSetListProps {
  sets: RuleSet[];
  selected: string | undefined;
  onSelect: (itemCode: string) => void;
}

/** The service items with a rule set: code, name, current version and number of rules. */
export function RuleSetList({ sets, selected, onSelect }: RuleSetListProps) {
  const { t } = useI18n();
  return (
    <List<RuleSet>
      size="small"
      bordered
      data-testid="rule-set-list"
      dataSource={sets}
      renderItem={(s) => {
        const key = itemNameKey(s.itemCode);
        return (
          <List.Item
            onClick={() => onSelect(s.itemCode)}
            data-testid={`rule-set-item-${s.itemCode}`}
            style={{ cursor: 'pointer', background: s.itemCode === selected ? '#e6f4ff' : undefined }}
          >
            <List.Item.Meta
              title={<span>{s.itemCode} {key ? t(key) : ''}</span>}
              description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.rulesPage.current', { v: s.version })} · {t('review.rulesPage.rules', { n: s.rules.length })}</Typography.Text>}
            />
          </List.Item>
        );
      }}
    />
  );
}
