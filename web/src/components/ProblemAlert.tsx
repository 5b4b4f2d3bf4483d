import { Alert, Button } from 'antd';
import { errorText, requestIdOf } from '../api/errorText.ts';
import { useI18n } from '../i18n/LangContext.ts';

export interface ProblemAlertProps {
  error: unknown;
  /** Shows a retry button when given. */
  onRetry?: () => void;
}

/** A failed request rendered as an error Alert with the server's message and request id. */
export function ProblemAlert({ error, onRetry }: ProblemAlertProps) {
  const { lang, t } = useI18n();
  const id = requestIdOf(error);
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error, lang, t)}
      description={id ? t('common.requestId', { id }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
