import { useCallback } from 'react';
import { App } from 'antd';
import { useMe } from '../auth/MeContext.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { ApiError } from './client.ts';
import { errorText, requestIdOf } from './errorText.ts';

/** Returns a function that reports a failed action as a toast (or ends the session on 401). */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  const { signedOut } = useMe();
  const { lang, t } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) {
        signedOut();
        return;
      }
      const id = requestIdOf(error);
      const text = errorText(error, lang, t);
      void message.error(id ? `${text} ${t('common.requestId', { id })}` : text);
    },
    [message, signedOut, lang, t],
  );
}
