import { useEffect } from 'react';
import type OlMap from 'ol/Map.js';
import TileLayer from 'ol/layer/Tile.js';
import XYZ from 'ol/source/XYZ.js';
import { CGCS2000, cgcs2000TileGrid } from './projection.ts';
import type { ProjectionCode } from './types.ts';

declare global {
  interface Window {
    /** Deployment settings injected by the server page, when any. */
    __LANDGOV__?: { tiandituKey?: string };
  }
}

export interface TiandituOptions {
  projection: ProjectionCode;
  /** 天地图 key; default `window.__LANDGOV__?.tiandituKey`. Without a key nothing is added (the default: no internet). */
  key?: string;
  /** Map type: vec (矢量), img (影像), ter (地形); default vec. */
  kind?: 'vec' | 'img' | 'ter';
}

/** Optional 天地图 basemap and labels under the county's data; on the "c" (CGCS2000) or "w" (Web Mercator) matrix. */
export function useTiandituBasemap(map: OlMap | null, options: TiandituOptions): void {
  const { projection, key = typeof window === 'undefined' ? undefined : window.__LANDGOV__?.tiandituKey, kind = 'vec' } = options;
  useEffect(() => {
    if (!map || !key) return;
    const matrix = projection === CGCS2000 ? 'c' : 'w';
    const labels = { vec: 'cva', img: 'cia', ter: 'cta' }[kind];
    const made = [kind, labels].map((type, i) => {
      const url = `https://t{0-7}.tianditu.gov.cn/DataServer?T=${type}_${matrix}&x={x}&y={y}&l={z}&tk=${encodeURIComponent(key)}`;
      const source = projection === CGCS2000 ? new XYZ({ url, projection: CGCS2000, tileGrid: cgcs2000TileGrid(18), crossOrigin: 'anonymous' }) : new XYZ({ url, maxZoom: 18, crossOrigin: 'anonymous' });
      return new TileLayer({ source, zIndex: i });
    });
    for (const l of made) map.addLayer(l);
    return () => {
      for (const l of made) {
        map.removeLayer(l);
        l.dispose();
      }
    };
  }, [map, key, projection, kind]);
}
