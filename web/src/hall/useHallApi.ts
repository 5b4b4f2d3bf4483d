import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbort, type RequestOptions } from '../api/client.ts';
import { useApplicant } from './ApplicantContext.ts';

export interface HallApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs a hall route whenever `path` or `query` change (nothing while `path` is null).
 * A 401 ends the applicant session only (the staff session is a different cookie).
 */
export function useHallApi<T>(path: string | null, query?: RequestOptions['query']): HallApiState<T> {
  const { signedOut } = useApplicant();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api<T>(path, { query: JSON.parse(queryKey) as RequestOptions['query'], signal: controller.signal })
      .then((result) => {
        setData(result);
        setLoading(false);
      })
      .catch((cause: unknown) => {
        if (isAbort(cause)) return;
        const apiError = cause instanceof ApiError ? cause : new ApiError(0, undefined, String(cause));
        if (apiError.status === 401) signedOut();
        setError(apiError);
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, generation, signedOut]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}
