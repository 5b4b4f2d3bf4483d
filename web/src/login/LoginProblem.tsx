import { Alert, Typography } from 'antd';
import { ApiError } from '../api/client.ts';
import { errorText, requestIdOf } from '../api/errorText.ts';
import { useI18n } from '../i18n/LangContext.ts';

/**
 * A failed sign-in step. A locked account (423) states until when it stays locked; a wrong
 * password (401) states how many attempts remain when the server tells us.
 */
export function LoginProblem({ error }: { error: unknown }) {
  const { lang, t, time } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const locked = error instanceof ApiError && (error.status === 423 || error.code === 'ACCOUNT_LOCKED');
  const lines: string[] = [];
  if (locked && problem?.lockedUntil) lines.push(t('login.lockedUntil', { time: time(problem.lockedUntil) }));
  if (typeof problem?.remainingAttempts === 'number') {
    lines.push(t('login.remaining', { n: problem.remainingAttempts }));
  }
  const id = requestIdOf(error);

  return (
    <Alert
      type={locked ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      title={locked && !problem?.message ? t('login.lockedTitle') : errorText(error, lang, t)}
      description={
        lines.length > 0 || id ? (
          <>
            {lines.map((line, index) => (
              <div key={line} style={index === 0 && locked ? { fontWeight: 600 } : undefined}>
                {line}
              </div>
            ))}
            {id && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('common.requestId', { id })}
              </Typography.Text>
            )}
          </>
        ) : undefined
      }
    />
  );
}
