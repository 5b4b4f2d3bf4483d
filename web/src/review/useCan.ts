import { useMe } from '../auth/MeContext.ts';

/** Whether the signed-in user holds any of the permissions (a hint for the UI; the server checks every request). */
export function useCan(...anyOf: string[]): boolean {
  const { state } = useMe();
  if (state.status !== 'ready') return false;
  return anyOf.some((p) => state.me.permissions.includes(p));
}
