/** A polygon geometry for POST /api/reviews. */
export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

type Json = { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown };

/**
 * Reads pasted GeoJSON (a Polygon/MultiPolygon geometry, a Feature or a FeatureCollection of
 * polygons) as one geometry; several polygons become one MultiPolygon.
 * @throws Error with the reason when the text is not such GeoJSON
 */
export function polygonFromText(text: string): PolygonGeometry {
  const data = JSON.parse(text) as Json;
  const polygons: unknown[][] = [];
  const add = (g: unknown) => {
    const geom = g as Json | null;
    if (!geom || typeof geom !== 'object') throw new Error('geometry missing');
    if (geom.type === 'Polygon' && Array.isArray(geom.coordinates)) polygons.push(geom.coordinates);
    else if (geom.type === 'MultiPolygon' && Array.isArray(geom.coordinates)) polygons.push(...(geom.coordinates as unknown[][]));
    else throw new Error(`${String(geom.type)} is not a polygon`);
  };
  if (data.type === 'FeatureCollection' && Array.isArray(data.features)) {
    for (const f of data.features as Json[]) add(f.geometry);
  } else if (data.type === 'Feature') add(data.geometry);
  else add(data);
  if (polygons.length === 0) throw new Error('no polygon');
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}
