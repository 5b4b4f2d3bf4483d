import { useMemo } from 'react';
import { useMe } from '../auth/MeContext.ts';

/** The signed-in user's permissions (only to choose which entry points to show; the server decides). */
export function usePermissions(): ReadonlySet<string> {
  const { state } = useMe();
  const list = state.status === 'ready' ? state.me.permissions : undefined;
  return useMemo(() => new Set(list ?? []), [list]);
}
