import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client.ts';
import { useNotifyError } from '../api/useNotifyError.ts';
import { useMe } from './MeContext.ts';

/** Signs out on the server, then forgets the user and opens /login. */
export function useLogout(): () => Promise<void> {
  const { signedOut } = useMe();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  return useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch (error) {
      // 401: the session had already ended, which is what we wanted.
      if (!(error instanceof ApiError && error.status === 401)) {
        notifyError(error);
        return;
      }
    }
    signedOut();
    navigate('/login', { replace: true });
  }, [signedOut, navigate, notifyError]);
}
