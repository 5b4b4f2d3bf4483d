import { useCallback, useEffect, useState } from 'react';
import { Button } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { LoginStage } from '../api/types.ts';
import { homePath } from '../auth/faces.tsx';
import { useMe } from '../auth/MeContext.ts';
import { safeFrom } from '../auth/safeFrom.ts';
import { useI18n } from '../i18n/LangContext.ts';
import type { DictKey } from '../i18n/translate.ts';
import { CredentialsForm } from './CredentialsForm.tsx';
import { LoginShell } from './LoginShell.tsx';
import { MfaEnrollForm } from './MfaEnrollForm.tsx';
import { MfaForm } from './MfaForm.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

type Step = Exclude<LoginStage, 'active'> | 'credentials';

const TITLES: Record<Step, DictKey> = {
  credentials: 'login.title',
  password_change: 'pwd.title',
  mfa: 'mfa.title',
  mfa_enroll: 'mfa.enrollTitle',
};

const PENDING_STAGES: readonly string[] = ['password_change', 'mfa', 'mfa_enroll'];

/**
 * /login: walks through the stages the server returns (password change, MFA, MFA enrolment)
 * until the session is active, then returns to the page the user came from.
 */
export function LoginPage() {
  const { t } = useI18n();
  const { state, reload, signedOut } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('credentials');
  const [username, setUsername] = useState('');
  const from = safeFrom(location.state);

  // A reload in the middle of sign-in: continue at the stage the server remembers.
  const pendingStage = state.status === 'pending' ? state.stage : undefined;
  useEffect(() => {
    if (pendingStage && pendingStage !== 'active') setStep((current) => (current === 'credentials' ? pendingStage : current));
  }, [pendingStage]);

  const advance = useCallback(
    async (stage: LoginStage | undefined) => {
      if (stage && PENDING_STAGES.includes(stage)) {
        setStep(stage as Step);
        return;
      }
      // 'active' (or no stage at all): the server's /me decides whether we are in.
      const me = await reload();
      if (!me) {
        setStep('credentials');
        return;
      }
      navigate(from ?? homePath(me.faces), { replace: true });
    },
    [reload, navigate, from],
  );

  const onCredentials = useCallback(
    async (stage: LoginStage | undefined, name: string) => {
      setUsername(name);
      await advance(stage);
    },
    [advance],
  );

  const restart = () => {
    // Drop the half-finished session; failure here changes nothing for the user.
    void api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    signedOut();
    setStep('credentials');
  };

  if (step === 'credentials' && state.status === 'ready') {
    return <Navigate to={from ?? homePath(state.me.faces)} replace />;
  }

  const footer =
    step === 'credentials' ? undefined : (
      <Button type="link" onClick={restart}>
        {t('login.restart')}
      </Button>
    );

  return (
    <LoginShell title={t(TITLES[step])} footer={footer}>
      {step === 'credentials' && <CredentialsForm onStage={onCredentials} />}
      {step === 'password_change' && <PasswordChangeForm username={username} onStage={advance} />}
      {step === 'mfa' && <MfaForm onStage={advance} />}
      {step === 'mfa_enroll' && <MfaEnrollForm onStage={advance} />}
    </LoginShell>
  );
}
