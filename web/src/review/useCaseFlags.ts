import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbort } from '../api/client.ts';
import { useMe } from '../auth/MeContext.ts';
import type { CaseListItem, ReviewFlag } from './types.ts';

export interface CaseFlags {
  case: CaseListItem;
  flags: ReviewFlag[];
}

export interface CaseFlagsState {
  entries: CaseFlags[] | undefined;
  /** Cases looked at. */
  scanned: number;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Puts the acknowledged flag in place (it stays on screen, marked, until the next load). */
  acknowledged: (flag: ReviewFlag) => void;
}

/**
 * The re-review flags of the cases the user may read: the cases (GET /api/cases, newest 200) and
 * their flags in one request (GET /api/reviews/flags?caseIds=); only cases with flags are kept,
 * newest flag first. Acknowledged flags only with includeAcknowledged.
 */
export function useCaseFlags(includeAcknowledged = false): CaseFlagsState {
  const { signedOut } = useMe();
  const [entries, setEntries] = useState<CaseFlags[]>();
  const [scanned, setScanned] = useState(0);
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setLoading(true);
    setError(undefined);
    (async () => {
      const page = await api<{ items: CaseListItem[] }>('/api/cases', { query: { page: 1, pageSize: 200 }, signal });
      const found: CaseFlags[] = [];
      if (page.items.length) {
        const flags = await api<ReviewFlag[]>('/api/reviews/flags', { query: { caseIds: page.items.map((c) => c.id).join(','), ...(includeAcknowledged ? { include: 'acknowledged' } : {}) }, signal });
        for (const c of page.items) {
          const own = flags.filter((f) => f.caseId === c.id);
          if (own.length) found.push({ case: c, flags: own.reverse() });
        }
      }
      setScanned(page.items.length);
      found.sort((a, b) => (b.flags[0]!.createdAt > a.flags[0]!.createdAt ? 1 : -1));
      setEntries(found);
      setLoading(false);
    })().catch((cause: unknown) => {
      if (isAbort(cause)) return;
      const e = cause instanceof ApiError ? cause : new ApiError(0, undefined, String(cause));
      if (e.status === 401) signedOut();
      setError(e);
      setLoading(false);
    });
    return () => controller.abort();
  }, [generation, signedOut, includeAcknowledged]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const acknowledged = useCallback((flag: ReviewFlag) => {
    setEntries((list) => list?.map((e) => (e.case.id === flag.caseId ? { ...e, flags: e.flags.map((f) => (f.id === flag.id ? flag : f)) } : e)));
  }, []);
  return { entries, scanned, error, loading, reload, acknowledged };
}
