// Planar geometry on an integer grid of 1e-7 degree (about 1 cm). Every vertex the generator
// makes lives on this grid, so orientation tests are exact (coordinate differences stay below
// 2^25, their products below 2^53) and neighbouring features share bit-identical vertices:
// that is what keeps the partitions free of gaps and overlaps.

/** Grid origin: x = (lon − 111.9°)·1e7, y = (lat − 26.4°)·1e7. */
export const ORIGIN_LON = 111.9;
export const ORIGIN_LAT = 26.4;
export const UNITS_PER_DEG = 1e7;
const ORIGIN_X_UNITS = 1119000000;
const ORIGIN_Y_UNITS = 264000000;
/** Kilometres per grid unit at the county's mean latitude (26.75°N), for noise and distances only. */
export const KM_PER_UNIT_X = (111.3195 * Math.cos((26.75 * Math.PI) / 180)) / UNITS_PER_DEG;
export const KM_PER_UNIT_Y = 110.85 / UNITS_PER_DEG;

/** A ring as a flat, unclosed [x0, y0, x1, y1, …] list of grid coordinates. */
export type Ring = number[];
/** A polygon: outer ring counter-clockwise, holes clockwise (RFC 7946 orientation). */
export interface Poly {
  outer: Ring;
  holes: Ring[];
}

export function toGridX(lon: number): number {
  return Math.round((lon - ORIGIN_LON) * UNITS_PER_DEG);
}
export function toGridY(lat: number): number {
  return Math.round((lat - ORIGIN_LAT) * UNITS_PER_DEG);
}
/** Grid unit → longitude, as the double nearest to the exact 1e-7 decimal. */
export function lonOf(x: number): number {
  return (ORIGIN_X_UNITS + x) / UNITS_PER_DEG;
}
export function latOf(y: number): number {
  return (ORIGIN_Y_UNITS + y) / UNITS_PER_DEG;
}
export function xKm(x: number): number {
  return x * KM_PER_UNIT_X;
}
export function yKm(y: number): number {
  return y * KM_PER_UNIT_Y;
}

/** Twice the signed area of triangle abc; positive when c is left of a→b. Exact on the grid. */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Twice the signed area of a ring (positive = counter-clockwise). */
export function ringArea2(r: Ring): number {
  const x0 = r[0]!;
  const y0 = r[1]!;
  let s = 0;
  for (let i = 2; i + 3 < r.length; i += 2) {
    s += (r[i]! - x0) * (r[i + 3]! - y0) - (r[i + 1]! - y0) * (r[i + 2]! - x0);
  }
  return s;
}

export function reverseRing(r: Ring): Ring {
  const out: Ring = new Array(r.length);
  const n = r.length / 2;
  for (let i = 0; i < n; i++) {
    out[2 * i] = r[2 * (n - 1 - i)]!;
    out[2 * i + 1] = r[2 * (n - 1 - i) + 1]!;
  }
  return out;
}

/** Drops repeated consecutive vertices; null when fewer than three remain or the area is zero. */
export function cleanRing(r: Ring): Ring | null {
  const out: Ring = [];
  for (let i = 0; i < r.length; i += 2) {
    const n = out.length;
    if (n >= 2 && out[n - 2] === r[i] && out[n - 1] === r[i + 1]) continue;
    out.push(r[i]!, r[i + 1]!);
  }
  while (out.length >= 4 && out[0] === out[out.length - 2] && out[1] === out[out.length - 1]) out.length -= 2;
  if (out.length < 6 || ringArea2(out) === 0) return null;
  return out;
}

/**
 * Intersection of the lines through segments ab and cd, rounded to the grid. The inputs are put in
 * a canonical order first, so the same two segments give the same point whichever feature asks —
 * neighbours then share the vertex exactly. A shared endpoint is returned as is.
 */
export function intersect(
  ax: number, ay: number, bx: number, by: number,
  cx: number, cy: number, dx: number, dy: number,
): [number, number] {
  if ((ax === cx && ay === cy) || (ax === dx && ay === dy)) return [ax, ay];
  if ((bx === cx && by === cy) || (bx === dx && by === dy)) return [bx, by];
  if (bx < ax || (bx === ax && by < ay)) [ax, ay, bx, by] = [bx, by, ax, ay];
  if (dx < cx || (dx === cx && dy < cy)) [cx, cy, dx, dy] = [dx, dy, cx, cy];
  if (cx < ax || (cx === ax && (cy < ay || (cy === ay && (dx < bx || (dx === bx && dy < by)))))) {
    [ax, ay, bx, by, cx, cy, dx, dy] = [cx, cy, dx, dy, ax, ay, bx, by];
  }
  const ex = bx - ax;
  const ey = by - ay;
  const fx = dx - cx;
  const fy = dy - cy;
  const den = ex * fy - ey * fx;
  if (den === 0) return [ax, ay]; // parallel: only reached for degenerate input
  const t = ((cx - ax) * fy - (cy - ay) * fx) / den;
  return [Math.round(ax + t * ex), Math.round(ay + t * ey)];
}

export function ringBBox(r: Ring): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < r.length; i += 2) {
    const x = r[i]!, y = r[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
}

/** Even–odd point-in-ring test (points on the boundary may go either way). */
export function pointInRing(r: Ring, px: number, py: number): boolean {
  let inside = false;
  const n = r.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = r[i]!, yi = r[i + 1]!, xj = r[j]!, yj = r[j + 1]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPoly(p: Poly, px: number, py: number): boolean {
  if (!pointInRing(p.outer, px, py)) return false;
  for (const h of p.holes) if (pointInRing(h, px, py)) return false;
  return true;
}

/** True when the interiors of two rings may meet (conservative: touching counts). */
export function ringsOverlap(a: Ring, b: Ring): boolean {
  const [ax0, ay0, ax1, ay1] = ringBBox(a);
  const [bx0, by0, bx1, by1] = ringBBox(b);
  if (ax1 < bx0 || bx1 < ax0 || ay1 < by0 || by1 < ay0) return false;
  if (pointInRing(b, a[0]!, a[1]!) || pointInRing(a, b[0]!, b[1]!)) return true;
  for (let i = 0; i < a.length; i += 2) {
    const p0 = a[i]!, p1 = a[i + 1]!, q0 = a[(i + 2) % a.length]!, q1 = a[(i + 3) % a.length]!;
    for (let j = 0; j < b.length; j += 2) {
      const r0 = b[j]!, r1 = b[j + 1]!, s0 = b[(j + 2) % b.length]!, s1 = b[(j + 3) % b.length]!;
      const o1 = orient(p0, p1, q0, q1, r0, r1);
      const o2 = orient(p0, p1, q0, q1, s0, s1);
      if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0)) continue;
      const o3 = orient(r0, r1, s0, s1, p0, p1);
      const o4 = orient(r0, r1, s0, s1, q0, q1);
      if ((o3 > 0 && o4 > 0) || (o3 < 0 && o4 < 0)) continue;
      return true;
    }
  }
  return false;
}
