import { useEffect, useRef, useState, type RefObject } from 'react';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import type { Coordinate } from 'ol/coordinate.js';
import { fromLonLat, registerCgcs2000, toLonLat } from './projection.ts';
import type { ProjectionCode } from './types.ts';

export interface OlMapOptions {
  projection: ProjectionCode;
  /** First centre, CGCS2000 [lon, lat]; default the middle of the demo county (112.7°E, 26.8°N). */
  center?: Coordinate;
  /** First zoom level; default 11. */
  zoom?: number;
  /** Deepest zoom; default 20. */
  maxZoom?: number;
  /** Tooltips of the zoom buttons (translated by the caller); default OpenLayers' English. */
  zoomInTip?: string;
  zoomOutTip?: string;
}

/**
 * Creates an OpenLayers map in `target` and disposes it on unmount. Changing the projection
 * (or the language of the tooltips) rebuilds the map and keeps the centre and zoom the user had.
 * @returns the map, or null before the first render has a target
 */
export function useOlMap(target: RefObject<HTMLDivElement | null>, options: OlMapOptions): OlMap | null {
  const { projection, center = [112.7, 26.8], zoom = 11, maxZoom = 20, zoomInTip = 'Zoom in', zoomOutTip = 'Zoom out' } = options;
  const [map, setMap] = useState<OlMap | null>(null);
  // Where the user was, carried across projection switches.
  const last = useRef<{ center: Coordinate; zoom: number } | null>(null);

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    registerCgcs2000();
    const start = last.current ?? { center, zoom };
    const view = new View({ projection, center: fromLonLat(start.center, projection), zoom: start.zoom, maxZoom, constrainResolution: false });
    const m = new OlMap({
      target: el,
      view,
      controls: defaultControls({ attribution: false, rotate: false, zoomOptions: { zoomInTipLabel: zoomInTip, zoomOutTipLabel: zoomOutTip } }).extend([new ScaleLine({ units: 'metric' })]),
    });
    setMap(m);
    return () => {
      const c = view.getCenter();
      if (c) last.current = { center: toLonLat(c, projection), zoom: view.getZoom() ?? start.zoom };
      m.setTarget(undefined);
      m.dispose();
      setMap(null);
    };
    // centre and zoom are first values only; the view owns them afterwards.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, projection, maxZoom, zoomInTip, zoomOutTip]);

  return map;
}
