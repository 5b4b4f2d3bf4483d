import { createContext, useContext } from 'react';
import type { ApiError } from '../api/client.ts';
import type { LoginStage, Me } from '../api/types.ts';

/** Who is signed in, as a state the UI renders. */
export type MeState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /** Signed in with a password but a further step (password change, MFA) is still due. */
  | { status: 'pending'; stage: LoginStage }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; me: Me };

export interface MeContextValue {
  state: MeState;
  /** Fetches GET /api/auth/me again; resolves to the user, or null unless fully signed in. */
  reload: () => Promise<Me | null>;
  /** Forgets the user locally (after logout or when any call answers 401). */
  signedOut: () => void;
}

export const MeContext = createContext<MeContextValue | null>(null);

/** The signed-in user state; must be used below {@link MeProvider}. */
export function useMe(): MeContextValue {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMe must be used inside MeProvider');
  return value;
}
