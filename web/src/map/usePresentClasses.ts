import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { AreaStats, GisLayer } from './types.ts';

/**
 * The values of `style.by` that occur in a layer's current version (via the area statistics),
 * so the legend lists only the classes on the map. Undefined while loading or when unknown.
 */
export function usePresentClasses(layer: GisLayer): Set<string> | undefined {
  const [present, setPresent] = useState<Set<string>>();
  const by = layer.style.by;
  const hasField = Boolean(by && layer.fields.some((f) => f.name === by));
  useEffect(() => {
    if (!by || !hasField || layer.currentVersion === null) return;
    const controller = new AbortController();
    api<AreaStats>(`/api/gis/layers/${encodeURIComponent(layer.code)}/stats/area`, { method: 'POST', body: { by }, signal: controller.signal })
      .then((r) => setPresent(new Set(r.groups.map((g) => g.key ?? ''))))
      // Without the statistics the legend falls back to every class of the style.
      .catch(() => undefined);
    return () => controller.abort();
  }, [layer.code, layer.currentVersion, by, hasField]);
  return present;
}
