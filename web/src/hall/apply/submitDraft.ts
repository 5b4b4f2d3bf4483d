import { ApiError, parseProblem } from '../../api/client.ts';
import type { Submitted } from '../types.ts';

const KEY_PREFIX = 'landgov.hall.submitKey.';

/**
 * The Idempotency-Key of this draft's submission: made once and kept (sessionStorage) so a
 * double click, a retry after a network failure or a reload sends the same key again.
 */
export function submissionKey(draftId: string): string {
  const storageKey = KEY_PREFIX + draftId;
  try {
    const kept = sessionStorage.getItem(storageKey);
    if (kept) return kept;
  } catch {
    // No storage: the key lives in the page's state only.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = `hall-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  try {
    sessionStorage.setItem(storageKey, key);
  } catch {
    // As above.
  }
  return key;
}

/**
 * POST /api/portal/drafts/{id}/submit with the Idempotency-Key header.
 * @throws ApiError with the problem (APPLICATION_INVALID, MATERIALS_MISSING, BOUNDARY_REQUIRED, DRAFT_ALREADY_SUBMITTED …)
 */
export async function submitDraft(draftId: string, key: string): Promise<Submitted> {
  let res: Response;
  try {
    res = await fetch(`/api/portal/drafts/${encodeURIComponent(draftId)}/submit`, {
      method: 'POST',
      headers: { accept: 'application/json, application/problem+json', 'idempotency-key': key },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, undefined, 'Network error');
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, parseProblem(text), res.statusText);
  return JSON.parse(text) as Submitted;
}
