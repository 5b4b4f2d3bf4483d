import { createContext, useContext } from 'react';
import type { ApplicantMe } from './types.ts';

export type ApplicantState = { status: 'loading' } | { status: 'anonymous' } | { status: 'ready'; me: ApplicantMe };

export interface ApplicantSession {
  state: ApplicantState;
  /** Reads /api/portal/auth/me again (after sign-in, act-as). */
  reload: () => Promise<void>;
  /** Marks the session as ended (a 401 from an applicant route). */
  signedOut: () => void;
  logout: () => Promise<void>;
}

export const ApplicantContext = createContext<ApplicantSession | null>(null);

/** The applicant signed in to the hall, if any; must be used below {@link ApplicantProvider}. */
export function useApplicant(): ApplicantSession {
  const value = useContext(ApplicantContext);
  if (!value) throw new Error('useApplicant must be used inside ApplicantProvider');
  return value;
}
