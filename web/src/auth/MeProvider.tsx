import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { MeContext, type MeContextValue, type MeState } from './MeContext.ts';

/** Loads the current user once at start and whenever asked to. */
export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MeState>({ status: 'loading' });

  const reload = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('/api/auth/me');
      // The server answers /me during unfinished sign-in too; such a session opens no page.
      if (me.stage && me.stage !== 'active') {
        setState({ status: 'pending', stage: me.stage });
        return null;
      }
      setState({ status: 'ready', me });
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setState({ status: 'anonymous' });
        return null;
      }
      const apiError = error instanceof ApiError ? error : new ApiError(0, undefined, String(error));
      setState({ status: 'error', error: apiError });
      return null;
    }
  }, []);

  const signedOut = useCallback(() => setState({ status: 'anonymous' }), []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo<MeContextValue>(() => ({ state, reload, signedOut }), [state, reload, signedOut]);
  return <MeContext.Provider value={value}>{children}</MeContext.Provider>;
}
