import { useEffect } from 'react';
import type OlMap from 'ol/Map.js';
import Draw from 'ol/interaction/Draw.js';
import type VectorSource from 'ol/source/Vector.js';
import type LineString from 'ol/geom/LineString.js';
import type Polygon from 'ol/geom/Polygon.js';
import type { Coordinate } from 'ol/coordinate.js';
import { geodesicArea, geodesicLength } from './geodesic.ts';
import { toLonLat } from './projection.ts';
import type { ProjectionCode } from './types.ts';

export type MeasureMode = 'none' | 'length' | 'area';

/** A finished measurement: ellipsoidal (GRS80) metres or m², and the shape in CGCS2000 lon/lat. */
export interface Measurement {
  kind: 'length' | 'area';
  /** Metres for a length, m² for an area. */
  value: number;
  /** Perimeter in metres (areas only). */
  perimeter?: number;
  lonLat: Coordinate[];
}

export interface DrawMeasureOptions {
  mode: MeasureMode;
  projection: ProjectionCode;
  /** Where the drawn shape stays visible (the highlight layer's source). */
  source: VectorSource | null;
  onMeasured: (m: Measurement) => void;
}

/** A Draw interaction for the chosen mode; each finished shape is measured on the ellipsoid. */
export function useDrawMeasure(map: OlMap | null, options: DrawMeasureOptions): void {
  const { mode, projection, source, onMeasured } = options;
  useEffect(() => {
    if (!map || !source || mode === 'none') return;
    const draw = new Draw({ source, type: mode === 'length' ? 'LineString' : 'Polygon' });
    draw.on('drawstart', () => source.clear());
    draw.on('drawend', (e) => {
      const geom = e.feature.getGeometry();
      if (!geom) return;
      if (mode === 'length') {
        const path = (geom as LineString).getCoordinates().map((c) => toLonLat(c, projection));
        onMeasured({ kind: 'length', value: geodesicLength(path), lonLat: path });
      } else {
        const ring = ((geom as Polygon).getCoordinates()[0] ?? []).map((c) => toLonLat(c, projection));
        onMeasured({ kind: 'area', value: geodesicArea(ring), perimeter: geodesicLength(ring), lonLat: ring });
      }
    });
    map.addInteraction(draw);
    return () => {
      map.removeInteraction(draw);
      draw.dispose();
    };
  }, [map, source, mode, projection, onMeasured]);
}
