/**
 * The page to return to after sign-in, taken from router state. Only same-origin paths are
 * accepted so a crafted link cannot send the user elsewhere.
 */
export function safeFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  const from = (state as { from: unknown }).from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return undefined;
  if (from === '/login' || from.startsWith('/login?')) return undefined;
  return from;
}
