import { useEffect } from 'react';
import type OlMap from 'ol/Map.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type VectorSource from 'ol/source/Vector.js';
import { CGCS2000 } from '../map/projection.ts';

/** Puts the boundary geometry (GeoJSON, EPSG:4490) into `source` and zooms the map to it. */
export function useBoundaryFeature(map: OlMap | null, source: VectorSource | null, geometry: object): void {
  useEffect(() => {
    if (!map || !source) return;
    const format = new GeoJSON({ dataProjection: CGCS2000, featureProjection: map.getView().getProjection() });
    const feature = format.readFeature({ type: 'Feature', properties: {}, geometry });
    const features = Array.isArray(feature) ? feature : [feature];
    source.clear();
    source.addFeatures(features);
    const extent = source.getExtent();
    if (extent && extent.every(Number.isFinite)) map.getView().fit(extent, { padding: [48, 48, 48, 48], maxZoom: 18 });
  }, [map, source, geometry]);
}
