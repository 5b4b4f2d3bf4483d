import { Tag } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { Verdict } from './types.ts';
import { VERDICT_COLOR } from './verdictStyle.ts';

export interface VerdictTagProps {
  verdict: Verdict;
  /** The big tag of the report header. */
  large?: boolean;
}

/** A verdict as a coloured tag: 通过 / 提示 / 有条件符合 / 需人工核查 / 不通过 / 不适用. */
export function VerdictTag({ verdict, large = false }: VerdictTagProps) {
  const { t } = useI18n();
  return (
    <Tag
      color={VERDICT_COLOR[verdict]}
      data-verdict={verdict}
      style={large ? { fontSize: 20, lineHeight: '34px', padding: '0 16px', fontWeight: 600, marginInlineEnd: 0 } : { marginInlineEnd: 0 }}
    >
      {t(`review.verdict.${verdict}`)}
    </Tag>
  );
}
