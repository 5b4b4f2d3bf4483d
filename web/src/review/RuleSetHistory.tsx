import { Button, Empty, List, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { RuleSet } from './types.ts';

export interface RuleSetHistoryProps {
  versions: RuleSet[];
  /** The version shown in the editor. */
  shown: number | undefined;
  onView: (version: number) => void;
}

/** Every version of a rule set, newest first: who saved it, when and why. */
export function RuleSetHistory({ versions, shown, onView }: RuleSetHistoryProps) {
  const { t, time } = useI18n();
  if (versions.length === 0) return <Empty />;
  const current = versions[0]?.version;
  return (
    <List<RuleSet>
      size="small"
      data-testid="rule-set-history"
      dataSource={versions}
      renderItem={(v) => (
        <List.Item
          data-testid={`rule-set-version-${v.version}`}
        >
          <List.Item.Meta
            title={
              <span>
                {t('review.layerVersion', { v: v.version })} {v.version === current && <Tag color="green">{t('review.rulesPage.current', { v: v.version })}</Tag>}
              </span>
            }
            description={
              <span>
                {t('review.rulesPage.versionBy', { who: v.createdByName ?? t('review.rulesPage.system'), at: time(v.createdAt) })}
                {v.note && <><br /><Typography.Text>{v.note}</Typography.Text></>}
                <br />
                {t('review.rulesPage.rules', { n: v.rules.length })}
                {v.version !== shown && (
                  <Button size="small" type="link" onClick={() => onView(v.version)} style={{ paddingInline: 4 }}>
                    {t('review.rulesPage.viewVersion')}
                  </Button>
                )}
              </span>
            }
          />
        </List.Item>
      )}
    />
  );
}
