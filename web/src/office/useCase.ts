import { useApi } from '../api/useApi.ts';
import type { CaseDetail } from './types.ts';

/** One case with tasks, timeline, materials, clock and the caller's allowed actions (GET /api/cases/:id). */
export function useCase(id: string) {
  return useApi<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`);
}
