import { useEffect, useState } from 'react';
import { useApi } from '../api/useApi.ts';
import type { Report } from './types.ts';

/** GET /api/reviews/{id}; `replace` puts a newer copy (after an override) in its place without fetching. */
export function useReport(id: string) {
  const state = useApi<Report>(`/api/reviews/${encodeURIComponent(id)}`);
  const [local, setLocal] = useState<Report>();
  useEffect(() => setLocal(undefined), [id, state.data]);
  return { ...state, report: local ?? state.data, replace: setLocal };
}
