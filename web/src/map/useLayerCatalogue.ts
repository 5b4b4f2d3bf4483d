import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, isAbort } from '../api/client.ts';
import { useMe } from '../auth/MeContext.ts';
import type { GisLayer, GisLayerDetail } from './types.ts';

export interface LayerCatalogue<D = GisLayerDetail> {
  layers: D[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again; the current list stays shown meanwhile. */
  reload: () => void;
}

export interface LayerCatalogueOptions {
  /** Also fetch each layer's version history (needed for the version switch and the initial extent); default true. */
  withVersions?: boolean;
}

/**
 * The layers the caller may read (GET /api/gis/layers), each with its versions (GET /api/gis/layers/{code}).
 * D is the caller's view of a layer detail (the map's, or the data page's with full version records).
 */
export function useLayerCatalogue<D = GisLayerDetail>(options: LayerCatalogueOptions = {}): LayerCatalogue<D> {
  const { withVersions = true } = options;
  const { signedOut } = useMe();
  const [layers, setLayers] = useState<D[]>();
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
      const details = withVersions
        ? await Promise.all(list.map((l) => api<D>(`/api/gis/layers/${encodeURIComponent(l.code)}`, { signal })))
        : list.map((l) => ({ ...l, versions: [] }) as unknown as D);
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
  }, [generation, withVersions, signedOut]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { layers, error, loading, reload };
}
