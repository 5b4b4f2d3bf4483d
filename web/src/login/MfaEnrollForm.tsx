import { useCallback } from 'react';
import { Flex, QRCode, Typography } from 'antd';
import { api } from '../api/client.ts';
import type { LoginStage, MfaSetup, StageResponse } from '../api/types.ts';
import { useApi } from '../api/useApi.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { CodeForm } from './CodeForm.tsx';
import { LoginProblem } from './LoginProblem.tsx';

/** First-time authenticator set-up: GET /api/auth/mfa/setup, then POST /api/auth/mfa/enroll {code}. */
export function MfaEnrollForm({ onStage }: { onStage: (stage: LoginStage | undefined) => Promise<void> }) {
  const { t } = useI18n();
  const setup = useApi<MfaSetup>('/api/auth/mfa/setup');
  const submit = useSubmit(
    useCallback(
      async (code: string) => {
        const result = await api<StageResponse | undefined>('/api/auth/mfa/enroll', {
          method: 'POST',
          body: { code },
        });
        await onStage(result?.stage);
      },
      [onStage],
    ),
  );

  if (setup.loading) return <Loading />;
  if (setup.error || !setup.data) return <ProblemAlert error={setup.error} onRetry={setup.reload} />;
  const { secret, uri } = setup.data;

  return (
    <>
      <Typography.Paragraph>{t('mfa.enrollIntro')}</Typography.Paragraph>
      <Flex justify="center" style={{ marginBottom: 16 }}>
        <QRCode value={uri} type="svg" size={180} role="img" aria-label={t('mfa.qrAlt')} />
      </Flex>
      <dl style={{ margin: '0 0 16px' }}>
        <dt>
          <Typography.Text type="secondary">{t('mfa.secret')}</Typography.Text>
        </dt>
        <dd style={{ margin: '0 0 8px' }}>
          <Typography.Text code copyable style={{ fontSize: 15, wordBreak: 'break-all' }}>
            {secret}
          </Typography.Text>
        </dd>
        <dt>
          <Typography.Text type="secondary">{t('mfa.uri')}</Typography.Text>
        </dt>
        <dd style={{ margin: 0 }}>
          <Typography.Text copyable style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {uri}
          </Typography.Text>
        </dd>
      </dl>
      <LoginProblem error={submit.error} />
      <CodeForm submitLabel={t('mfa.enrollSubmit')} pending={submit.pending} onSubmit={(code) => void submit.run(code)} />
    </>
  );
}
