import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.ts';
import { ApplicantContext, type ApplicantSession, type ApplicantState } from './ApplicantContext.ts';
import type { ApplicantMe } from './types.ts';

/** Holds the applicant session of the hall (cookie landgov_portal_sid), apart from any staff session. */
export function ApplicantProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ApplicantState>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      const me = await api<ApplicantMe>('/api/portal/auth/me');
      setState({ status: 'ready', me });
    } catch (cause) {
      // Anything but a definite "not signed in" still leaves the public pages usable.
      if (!(cause instanceof ApiError) || cause.status === 401 || cause.status === 403 || cause.status === 404) setState({ status: 'anonymous' });
      else setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const signedOut = useCallback(() => setState({ status: 'anonymous' }), []);
  const logout = useCallback(async () => {
    try {
      await api('/api/portal/auth/logout', { method: 'POST' });
    } finally {
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo<ApplicantSession>(() => ({ state, reload, signedOut, logout }), [state, reload, signedOut, logout]);
  return <ApplicantContext.Provider value={value}>{children}</ApplicantContext.Provider>;
}
