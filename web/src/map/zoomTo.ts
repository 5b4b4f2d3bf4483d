import type OlMap from 'ol/Map.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type VectorSource from 'ol/source/Vector.js';
import { CGCS2000 } from './projection.ts';
import type { GeoJsonFeature, ProjectionCode } from './types.ts';

export interface ZoomToOptions {
  /** Padding around the feature in pixels; default 60. */
  padding?: number;
  /** Zoom no deeper than this; default 18. */
  maxZoom?: number;
}

/** Shows a GeoJSON feature (EPSG:4490) in the highlight source and fits the view to it. */
export function zoomToFeature(map: OlMap, highlight: VectorSource | null, feature: GeoJsonFeature, projection: ProjectionCode, options: ZoomToOptions = {}): void {
  const { padding = 60, maxZoom = 18 } = options;
  const f = new GeoJSON({ dataProjection: CGCS2000, featureProjection: projection }).readFeature(feature);
  const features = Array.isArray(f) ? f : [f];
  highlight?.clear();
  highlight?.addFeatures(features);
  const extent = features[0]?.getGeometry()?.getExtent();
  if (extent) map.getView().fit(extent, { padding: [padding, padding, padding, padding], maxZoom, duration: 300 });
}
