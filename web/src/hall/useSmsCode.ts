import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

/** Sends an SMS code for sign-in or registration and counts down until another may be asked for. */
export function useSmsCode(purpose: 'login' | 'register') {
  const [wait, setWait] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async (phone: string) => {
    setPending(true);
    setError(undefined);
    try {
      const r = await api<{ resendAfterSeconds: number }>('/api/portal/auth/sms-codes', { method: 'POST', body: { phone, purpose } });
      setSent(true);
      setWait(r?.resendAfterSeconds ?? 60);
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };
  return { send, wait, pending, error, sent };
}
