import { useCallback, useEffect, useState } from 'react';
import { useMe } from '../auth/MeContext.ts';
import { api, ApiError, isAbort, type RequestOptions } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * GETs `path` (with `query`) whenever either changes and returns the result as state; nothing
 * while `path` is null. A 401 calls `signedOut` (whose session ended depends on the caller).
 */
export function useGet<T>(path: string | null, query: RequestOptions['query'] | undefined, signedOut: () => void): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  // Query objects are rebuilt every render; compare them by content.
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

/** A staff GET: a 401 marks the staff session as ended so the route guard sends the user to /login. */
export function useApi<T>(path: string, query?: RequestOptions['query']): ApiState<T> {
  const { signedOut } = useMe();
  return useGet<T>(path, query, signedOut);
}
