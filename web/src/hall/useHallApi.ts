import type { RequestOptions } from '../api/client.ts';
import { useGet, type ApiState } from '../api/useApi.ts';
import { useApplicant } from './ApplicantContext.ts';

export type HallApiState<T> = ApiState<T>;

/**
 * GETs a hall route whenever `path` or `query` change (nothing while `path` is null).
 * A 401 ends the applicant session only (the staff session is a different cookie).
 */
export function useHallApi<T>(path: string | null, query?: RequestOptions['query']): HallApiState<T> {
  const { signedOut } = useApplicant();
  return useGet<T>(path, query, signedOut);
}
