import { Alert, Typography } from 'antd';
import { ApiError } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';

/** A refused rule set: the server's message and each problem with its path in the rules (/3/thresholds/1/value …). */
export function RuleSetProblem({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  const p = error instanceof ApiError ? error.problem : undefined;
  if (!p || (p.status !== 400 && p.status !== 422)) return <ProblemAlert error={error} />;
  const items = Array.isArray(p.problems) ? (p.problems as { path?: string; message?: string }[]) : [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="rule-set-problem"
      title={`${t('review.rulesPage.problems')}：${p.message?.[lang] ?? p.title}`}
      description={
        items.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {items.map((i, k) => (
              <li key={k}><Typography.Text code>{i.path}</Typography.Text> {i.message}</li>
            ))}
          </ul>
        ) : (
          p.detail
        )
      }
    />
  );
}
