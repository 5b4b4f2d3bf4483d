import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { useApplicant } from './ApplicantContext.ts';

/** Shows its children to a signed-in applicant; sends anyone else to the hall's sign-in with a way back. */
export function RequireApplicant({ children }: { children: ReactNode }) {
  const { state } = useApplicant();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/hall/login?from=${encodeURIComponent(from)}`} replace />;
  }
  return <>{children}</>;
}

/** A same-site path inside the app to return to after sign-in, else the applicant's cases. */
export function safeReturn(from: string | null): string {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/\\') || from.startsWith('/api/')) return '/hall/cases';
  return from;
}
