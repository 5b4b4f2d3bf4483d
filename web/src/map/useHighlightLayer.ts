import { useEffect, useState } from 'react';
import type OlMap from 'ol/Map.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { StyleLike } from 'ol/style/Style.js';
import { HIGHLIGHT_STYLE } from './layerStyle.ts';

export interface HighlightLayerOptions {
  /** Drawn above every data layer; default 1000. */
  zIndex?: number;
  style?: StyleLike;
}

/**
 * A vector layer on top of the data for selections, search results or drawn shapes; removed and
 * disposed with the map.
 * @returns its source (null until the map exists)
 */
export function useHighlightLayer(map: OlMap | null, options: HighlightLayerOptions = {}): VectorSource | null {
  const { zIndex = 1000, style = HIGHLIGHT_STYLE } = options;
  const [source, setSource] = useState<VectorSource | null>(null);
  useEffect(() => {
    if (!map) return;
    const s = new VectorSource();
    const layer = new VectorLayer({ source: s, style, zIndex });
    map.addLayer(layer);
    setSource(s);
    return () => {
      map.removeLayer(layer);
      s.dispose();
      layer.dispose();
      setSource(null);
    };
  }, [map, zIndex, style]);
  return source;
}
