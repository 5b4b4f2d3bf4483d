import { useCallback } from 'react';
import { Typography } from 'antd';
import { api } from '../api/client.ts';
import type { LoginStage, StageResponse } from '../api/types.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { CodeForm } from './CodeForm.tsx';
import { LoginProblem } from './LoginProblem.tsx';

/** Second factor for an enrolled user; POST /api/auth/mfa {code}. */
export function MfaForm({ onStage }: { onStage: (stage: LoginStage | undefined) => Promise<void> }) {
  const { t } = useI18n();
  const submit = useSubmit(
    useCallback(
      async (code: string) => {
        const result = await api<StageResponse | undefined>('/api/auth/mfa', { method: 'POST', body: { code } });
        await onStage(result?.stage);
      },
      [onStage],
    ),
  );
  return (
    <>
      <Typography.Paragraph>{t('mfa.intro')}</Typography.Paragraph>
      <LoginProblem error={submit.error} />
      <CodeForm submitLabel={t('mfa.submit')} pending={submit.pending} onSubmit={(code) => void submit.run(code)} />
    </>
  );
}
