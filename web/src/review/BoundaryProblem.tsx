import { Alert, Typography } from 'antd';
import { ApiError } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';

interface Item {
  code?: string;
  zh?: string;
  en?: string;
  message?: string;
  parcel?: number;
  line?: number;
}

/**
 * A refused boundary: the server's message and every problem it listed with where it is
 * (parcel, point, coordinates — the server's words name them), other errors as a plain alert.
 */
export function BoundaryProblem({ error }: { error: unknown }) {
  const { t, lang } = useI18n();
  const p = error instanceof ApiError ? error.problem : undefined;
  if (!p || p.status >= 500 || p.status === 401 || p.status === 403) return <ProblemAlert error={error} />;
  const specific = lang === 'zh' ? (typeof p.zh === 'string' ? p.zh : undefined) : p.detail;
  const items = Array.isArray(p.problems) ? (p.problems as Item[]) : [];
  const text = (i: Item) => (lang === 'zh' ? (i.zh ?? i.message ?? i.en) : (i.en ?? i.message ?? i.zh)) ?? i.code ?? '';
  return (
    <Alert
      type="error"
      showIcon
      data-testid="boundary-problem"
      title={`${t('review.check.problem')}：${p.message?.[lang] ?? p.title}`}
      description={
        <div>
          {specific && <Typography.Paragraph style={{ marginBottom: 4 }} strong>{specific}</Typography.Paragraph>}
          {typeof p.parcel === 'number' && !items.length && <Typography.Text>{t('review.check.where', { parcel: p.parcel })}</Typography.Text>}
          {items.length > 0 && (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {items.map((i, k) => (
                <li key={k}>
                  {i.parcel !== undefined && !text(i).includes(String(i.parcel)) && `${t('review.check.where', { parcel: i.parcel })}：`}
                  {text(i)}
                  {i.line !== undefined && <Typography.Text type="secondary">（{t('review.check.line', { line: i.line })}）</Typography.Text>}
                </li>
              ))}
            </ol>
          )}
          {p.code && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.code}</Typography.Text>}
        </div>
      }
    />
  );
}
