import { Geodesic, PolygonArea } from 'geographiclib-geodesic';
import type { Coordinate } from 'ol/coordinate.js';

// GRS80, the CGCS2000 ellipsoid (its flattening differs from WGS84's only in the 11th digit).
const GRS80 = new Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Ellipsoidal length in metres of a path of CGCS2000 [lon, lat] points. */
export function geodesicLength(path: Coordinate[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1]!;
    const b = path[i]!;
    sum += GRS80.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12 ?? 0;
  }
  return sum;
}

/** Ellipsoidal area in m² of a ring of CGCS2000 [lon, lat] points (closed or not). */
export function geodesicArea(ring: Coordinate[]): number {
  const poly = new PolygonArea.PolygonArea(GRS80, false);
  const open = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  for (const c of open) poly.AddPoint(c[1]!, c[0]!);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/** 1 亩 = 10000/15 m². */
export const M2_PER_MU = 10000 / 15;

/** An area in m², 公顷 and 亩. */
export function areaUnits(m2: number): { m2: number; ha: number; mu: number } {
  return { m2, ha: m2 / 10000, mu: m2 / M2_PER_MU };
}
