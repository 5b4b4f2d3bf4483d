import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { RuleResult } from './types.ts';
import { VerdictTag } from './VerdictTag.tsx';

/** The verdict of a rule; when a reviewer overrode it, the computed verdict beside it with who, when and why. */
export function VerdictCell({ result }: { result: RuleResult }) {
  const { t, time } = useI18n();
  const o = result.override;
  return (
    <Flex vertical gap={4} data-testid={`verdict-${result.ruleId}`}>
      <VerdictTag verdict={result.verdict} />
      {o && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('review.computed')}: <VerdictTag verdict={result.computedVerdict} />
          </Typography.Text>
          <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`override-${result.ruleId}`}>
            {t('review.overrideBy', { name: o.byName ?? o.by, at: time(o.at), reason: o.reason })}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}
