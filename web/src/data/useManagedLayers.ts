import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbort } from '../api/client.ts';
import { useMe } from '../auth/MeContext.ts';
import type { GisLayer } from '../map/types.ts';
import type { DataLayer } from './types.ts';

export interface ManagedLayers {
  layers: DataLayer[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again; the current list stays shown meanwhile. */
  reload: () => void;
}

/** Every layer the data administrator may read (GET /api/gis/layers), each with its full version history. */
export function useManagedLayers(): ManagedLayers {
  const { signedOut } = useMe();
  const [layers, setLayers] = useState<DataLayer[]>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setLoading(true);
    setError(undefined);
    (async () => {
      const list = await api<GisLayer[]>('/api/gis/layers', { signal });
      const details = await Promise.all(list.map((l) => api<DataLayer>(`/api/gis/layers/${encodeURIComponent(l.code)}`, { signal })));
      setLayers(details);
      setLoading(false);
    })().catch((cause: unknown) => {
      if (isAbort(cause)) return;
      const e = cause instanceof ApiError ? cause : new ApiError(0, undefined, String(cause));
      if (e.status === 401) signedOut();
      setError(e);
      setLoading(false);
    });
    return () => controller.abort();
  }, [generation, signedOut]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { layers, error, loading, reload };
}
