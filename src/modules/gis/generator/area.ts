// Ellipsoidal areas on GRS80/CGCS2000 (what 三调 calls 椭球面积), with GeographicLib.
import geographiclib from 'geographiclib-geodesic';
import { type Poly, type Ring, latOf, lonOf } from './geom.ts';

const cgcs2000 = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

function ringArea(r: Ring): number {
  const p = cgcs2000.Polygon(false);
  for (let i = 0; i < r.length; i += 2) p.AddPoint(latOf(r[i + 1]!), lonOf(r[i]!));
  return Math.abs(p.Compute(false, true).area ?? 0);
}

/** Area in m² of polygons (outer rings minus holes). */
export function ellipsoidalArea(polys: readonly Poly[]): number {
  let a = 0;
  for (const p of polys) {
    a += ringArea(p.outer);
    for (const h of p.holes) a -= ringArea(h);
  }
  return a;
}

/** Rounds to 2 decimals (m², as stored in TBMJ and the other area fields). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
