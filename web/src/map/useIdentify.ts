import { useEffect, useState } from 'react';
import type OlMap from 'ol/Map.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import type { Coordinate } from 'ol/coordinate.js';
import { api, ApiError, isAbort } from '../api/client.ts';
import { toLonLat } from './projection.ts';
import type { IdentifyHit, ProjectionCode } from './types.ts';

export interface IdentifyOptions {
  projection: ProjectionCode;
  /** Codes of the layers to ask about (the visible ones). */
  layers: string[];
  /** Off while a drawing tool owns the clicks; default true. */
  enabled?: boolean;
}

export interface IdentifyState {
  /** Where the user clicked, in view coordinates; null when closed. */
  at: Coordinate | null;
  hits: IdentifyHit[];
  loading: boolean;
  error: ApiError | undefined;
  close: () => void;
}

/** Click → GET /api/gis/identify at that point for the visible layers. */
export function useIdentify(map: OlMap | null, options: IdentifyOptions): IdentifyState {
  const { projection, layers, enabled = true } = options;
  const [at, setAt] = useState<Coordinate | null>(null);
  const [hits, setHits] = useState<IdentifyHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError>();
  const layerKey = layers.join(',');

  useEffect(() => {
    if (!map || !enabled) return;
    let controller: AbortController | null = null;
    const onClick = (e: MapBrowserEvent) => {
      controller?.abort();
      controller = new AbortController();
      const [lon, lat] = toLonLat(e.coordinate, projection);
      setAt(e.coordinate);
      setHits([]);
      setError(undefined);
      if (!layerKey) return;
      setLoading(true);
      api<IdentifyHit[]>('/api/gis/identify', { query: { lon: lon!.toFixed(8), lat: lat!.toFixed(8), layers: layerKey }, signal: controller.signal })
        .then((r) => {
          setHits(r);
          setLoading(false);
        })
        .catch((cause: unknown) => {
          if (isAbort(cause)) return;
          setError(cause instanceof ApiError ? cause : new ApiError(0, undefined, String(cause)));
          setLoading(false);
        });
    };
    map.on('singleclick', onClick);
    return () => {
      map.un('singleclick', onClick);
      controller?.abort();
    };
  }, [map, projection, layerKey, enabled]);

  // A new map (projection switch) or a drawing tool closes the popup.
  useEffect(() => setAt(null), [map, enabled]);

  return { at, hits, loading, error, close: () => setAt(null) };
}
