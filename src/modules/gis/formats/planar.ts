/**
 * Planar geometry for validating boundary parcels (no GEOS in JS here): areas, orientation,
 * point-in-ring, segment intersection. Coordinates are projected metres, x = easting, y = northing.
 */
export type Pt = [number, number];

/** Signed shoelace area of a ring (closed or not); positive = counter-clockwise. */
export function signedArea(ring: Pt[]): number {
  let s = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

function orient(a: Pt, b: Pt, c: Pt): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  // Relative tolerance: coordinates are ~1e6–4e7 m, products ~1e5 m² for short edges.
  const scale = Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]) + Math.abs(c[0] - a[0]) + Math.abs(c[1] - a[1]);
  return Math.abs(v) <= 1e-9 * scale * scale ? 0 : v > 0 ? 1 : -1;
}

function onSegment(a: Pt, b: Pt, p: Pt): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

export type SegmentRelation = 'none' | 'cross' | 'touch' | 'overlap';

/**
 * How segments ab and cd meet: 'cross' = proper crossing of interiors, 'touch' = an end point lies
 * on the other segment, 'overlap' = collinear with a shared stretch.
 */
export function segmentRelation(a: Pt, b: Pt, c: Pt, d: Pt): SegmentRelation {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return 'cross';
  if (o1 === 0 && o2 === 0) {
    // Collinear: a shared stretch longer than a point is an overlap.
    const ax = Math.abs(b[0] - a[0]) >= Math.abs(b[1] - a[1]) ? 0 : 1;
    const lo = Math.max(Math.min(a[ax], b[ax]), Math.min(c[ax], d[ax]));
    const hi = Math.min(Math.max(a[ax], b[ax]), Math.max(c[ax], d[ax]));
    if (hi > lo) return 'overlap';
    if (hi === lo) return 'touch';
    return 'none';
  }
  if ((o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))) return 'touch';
  return 'none';
}

/** Intersection point of the lines through ab and cd (for messages); a midpoint when parallel. */
export function intersectionPoint(a: Pt, b: Pt, c: Pt, d: Pt): Pt {
  const den = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0]);
  if (den === 0) return [(b[0] + c[0]) / 2, (b[1] + c[1]) / 2];
  const t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / den;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/** 1 inside, 0 on the boundary, −1 outside (ring open or closed). */
export function pointInRing(p: Pt, ring: Pt[]): 1 | 0 | -1 {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (orient(a, b, p) === 0 && onSegment(a, b, p)) return 0;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** A point in a polygon (shell + holes): 1 strictly inside the area, 0 on any boundary, −1 outside. */
export function pointInPolygon(p: Pt, polygon: Pt[][]): 1 | 0 | -1 {
  const shell = pointInRing(p, polygon[0]!);
  if (shell !== 1) return shell;
  for (const hole of polygon.slice(1)) {
    const h = pointInRing(p, hole);
    if (h === 0) return 0;
    if (h === 1) return -1;
  }
  return 1;
}

export interface SelfIntersection {
  /** Indices of the two segments (segment i runs from vertex i to i+1). */
  i: number;
  j: number;
  at: Pt;
  kind: SegmentRelation;
}

/**
 * Finds where a closed ring (first == last) meets itself, O(n²): every pair of non-adjacent
 * segments is tested; adjacent segments only for a collinear fold-back.
 */
export function ringSelfIntersections(ring: Pt[], limit = 10): SelfIntersection[] {
  const found: SelfIntersection[] = [];
  const m = ring.length - 1; // segments
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === m - 1);
      const a = ring[i]!, b = ring[i + 1]!, c = ring[j]!, d = ring[j + 1]!;
      const rel = segmentRelation(a, b, c, d);
      if (rel === 'none' || (adjacent && rel === 'touch')) continue;
      const at = rel === 'cross' ? intersectionPoint(a, b, c, d) : touchPoint(a, b, c, d);
      found.push({ i, j, at, kind: rel });
      if (found.length >= limit) return found;
    }
  }
  return found;
}

function touchPoint(a: Pt, b: Pt, c: Pt, d: Pt): Pt {
  for (const [p, s, e] of [[c, a, b], [d, a, b], [a, c, d], [b, c, d]] as [Pt, Pt, Pt][]) {
    if (orient(s, e, p) === 0 && onSegment(s, e, p)) return p;
  }
  return c;
}

/** Where two rings' boundaries meet (first hit), or null. Touching counts only when `touch` is true. */
export function ringsIntersection(r1: Pt[], r2: Pt[], touch: boolean): { i: number; j: number; at: Pt; kind: SegmentRelation } | null {
  for (let i = 0; i + 1 < r1.length; i++) {
    for (let j = 0; j + 1 < r2.length; j++) {
      const a = r1[i]!, b = r1[i + 1]!, c = r2[j]!, d = r2[j + 1]!;
      const rel = segmentRelation(a, b, c, d);
      if (rel === 'cross' || (touch && rel !== 'none')) {
        return { i, j, at: rel === 'cross' ? intersectionPoint(a, b, c, d) : touchPoint(a, b, c, d), kind: rel };
      }
    }
  }
  return null;
}

export function ringBbox(ring: Pt[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of ring) {
    if (p[0] < b[0]) b[0] = p[0];
    if (p[1] < b[1]) b[1] = p[1];
    if (p[0] > b[2]) b[2] = p[0];
    if (p[1] > b[3]) b[3] = p[1];
  }
  return b;
}

export function bboxesOverlap(a: number[], b: number[]): boolean {
  return a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
}

/**
 * Where two polygons (each: shell + holes, closed rings) share interior area, or null. Detects
 * crossing boundaries, a vertex strictly inside the other, and coincident shapes (points just
 * inside each edge of one polygon lying strictly inside the other).
 */
export function polygonsOverlap(p: Pt[][], q: Pt[][]): Pt | null {
  for (const r1 of p) for (const r2 of q) {
    const hit = ringsIntersection(r1, r2, false);
    if (hit) return hit.at;
  }
  for (const [a, b] of [[p, q], [q, p]] as [Pt[][], Pt[][]][]) {
    for (const v of a[0]!) if (pointInPolygon(v, b) === 1) return v;
    for (const probe of insideProbes(a)) if (pointInPolygon(probe, b) === 1) return probe;
  }
  return null;
}

/** Points a few millimetres inside the polygon next to the middle of each shell edge. */
function insideProbes(polygon: Pt[][]): Pt[] {
  const shell = polygon[0]!;
  const ccw = signedArea(shell) > 0;
  const out: Pt[] = [];
  for (let i = 0; i + 1 < shell.length; i++) {
    const a = shell[i]!, b = shell[i + 1]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const eps = Math.min(0.005, len / 10);
    // Inward normal: left of the edge for a counter-clockwise ring.
    const nx = (-(b[1] - a[1]) / len) * (ccw ? 1 : -1);
    const ny = ((b[0] - a[0]) / len) * (ccw ? 1 : -1);
    const probe: Pt = [(a[0] + b[0]) / 2 + nx * eps, (a[1] + b[1]) / 2 + ny * eps];
    if (pointInPolygon(probe, polygon) === 1) out.push(probe);
  }
  return out;
}
