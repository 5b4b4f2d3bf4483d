import { Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { local } from './format.ts';
import type { RuleResult } from './types.ts';

/** What the rule found, what the applicant can do about it, notes, the legal basis and a tripped guard. */
export function MessageCell({ result }: { result: RuleResult }) {
  const { t, lang } = useI18n();
  return (
    <div style={{ minWidth: 220 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{local(result.message, lang)}</Typography.Paragraph>
      {result.advice && (
        <Typography.Paragraph style={{ marginBottom: 4 }} data-testid={`advice-${result.ruleId}`}>
          <Typography.Text strong>{t('review.advice')}：</Typography.Text>
          {local(result.advice, lang)}
        </Typography.Paragraph>
      )}
      {result.notes.map((n, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 4, fontSize: 12 }}>{local(n, lang)}</Typography.Paragraph>
      ))}
      {result.guard?.tripped && (
        <Typography.Paragraph type="danger" style={{ marginBottom: 4, fontSize: 12 }}>{t('review.guard', { reason: result.guard.reason })}</Typography.Paragraph>
      )}
      {result.legalBasis && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.legalBasis')}：{result.legalBasis}</Typography.Text>
      )}
    </div>
  );
}
