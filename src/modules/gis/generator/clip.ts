// Clipping a patch ring to one Voronoi cell of the admin tessellation. The cell is not taken from
// its rounded ring (rounding can make a short edge point the wrong way) but as the exact set of
// grid points closer to its seed than to each neighbouring seed — integer arithmetic, so two
// neighbouring cells classify every vertex consistently. New vertices are computed from the
// original "carrier" of each edge (a patch edge or a bisector) in a canonical order, so every
// feature that needs a vertex gets the same rounded numbers.
import { type Ring, cleanRing } from './geom.ts';

/** Seeds as flat [x0, y0, …] grid coordinates. */
export type Seeds = ArrayLike<number>;

/** Circumcentre of three seeds, rounded; the same for every permutation of (i, j, k). */
export function circumcentre(seeds: Seeds, i: number, j: number, k: number): [number, number] {
  if (i > j) [i, j] = [j, i];
  if (j > k) [j, k] = [k, j];
  if (i > j) [i, j] = [j, i];
  const ax = seeds[2 * i]!, ay = seeds[2 * i + 1]!;
  const bx = seeds[2 * j]! - ax, by = seeds[2 * j + 1]! - ay;
  const cx = seeds[2 * k]! - ax, cy = seeds[2 * k + 1]! - ay;
  const d = 2 * (bx * cy - by * cx);
  const b2 = bx * bx + by * by;
  const c2 = cx * cx + cy * cy;
  return [Math.round(ax + (cy * b2 - by * c2) / d), Math.round(ay + (bx * c2 - cx * b2) / d)];
}

/** > 0 when (x, y) is closer to seed a than to seed b, 0 on the bisector. Exact. */
function side(seeds: Seeds, a: number, b: number, x: number, y: number): number {
  const ax = seeds[2 * a]!, ay = seeds[2 * a + 1]!;
  const nx = seeds[2 * b]! - ax, ny = seeds[2 * b + 1]! - ay;
  return nx * nx + ny * ny - 2 * ((x - ax) * nx + (y - ay) * ny);
}

/** Segment pq (as a line) meets the bisector of seeds a, b; canonical order of both inputs. */
function segBisector(seeds: Seeds, px: number, py: number, qx: number, qy: number, a: number, b: number): [number, number] {
  if (qx < px || (qx === px && qy < py)) [px, py, qx, qy] = [qx, qy, px, py];
  if (a > b) [a, b] = [b, a];
  const ax = seeds[2 * a]!, ay = seeds[2 * a + 1]!;
  const nx = seeds[2 * b]! - ax, ny = seeds[2 * b + 1]! - ay;
  const den = 2 * ((qx - px) * nx + (qy - py) * ny);
  if (den === 0) return [px, py];
  const t = (nx * nx + ny * ny - 2 * ((px - ax) * nx + (py - ay) * ny)) / den;
  if (t <= 0) return [px, py];
  if (t >= 1) return [qx, qy];
  return [Math.round(px + t * (qx - px)), Math.round(py + t * (qy - py))];
}

/**
 * Clips `subject` to the Voronoi cell of seed `own` among `neighbours` (Sutherland–Hodgman over
 * the bisectors). Returns the clipped ring or null when nothing is left.
 */
export function clipToCell(subject: Ring, seeds: Seeds, own: number, neighbours: readonly number[]): Ring | null {
  let pts = subject;
  const n0 = subject.length / 2;
  // Carrier per vertex (for the edge leaving it): kind 0 = segment [c0..c3], kind 1 = bisector of (own, c0).
  let kind: number[] = new Array(n0).fill(0);
  let car: number[] = new Array(n0 * 4);
  for (let i = 0; i < n0; i++) {
    const j = (i + 1) % n0;
    car[4 * i] = subject[2 * i]!;
    car[4 * i + 1] = subject[2 * i + 1]!;
    car[4 * i + 2] = subject[2 * j]!;
    car[4 * i + 3] = subject[2 * j + 1]!;
  }
  for (const nb of neighbours) {
    const n = pts.length / 2;
    let allIn = true;
    const ins: boolean[] = new Array(n);
    for (let e = 0; e < n; e++) {
      ins[e] = side(seeds, own, nb, pts[2 * e]!, pts[2 * e + 1]!) >= 0;
      if (!ins[e]) allIn = false;
    }
    if (allIn) continue;
    const outP: number[] = [];
    const outK: number[] = [];
    const outC: number[] = [];
    const cross = (s: number): [number, number] =>
      kind[s] === 0
        ? segBisector(seeds, car[4 * s]!, car[4 * s + 1]!, car[4 * s + 2]!, car[4 * s + 3]!, own, nb)
        : circumcentre(seeds, own, car[4 * s]!, nb);
    let s = n - 1;
    for (let e = 0; e < n; e++) {
      if (ins[e]) {
        if (!ins[s]) {
          const [ix, iy] = cross(s);
          outP.push(ix, iy);
          outK.push(kind[s]!);
          outC.push(car[4 * s]!, car[4 * s + 1]!, car[4 * s + 2]!, car[4 * s + 3]!);
        }
        outP.push(pts[2 * e]!, pts[2 * e + 1]!);
        outK.push(kind[e]!);
        outC.push(car[4 * e]!, car[4 * e + 1]!, car[4 * e + 2]!, car[4 * e + 3]!);
      } else if (ins[s]) {
        const [ix, iy] = cross(s);
        outP.push(ix, iy);
        outK.push(1);
        outC.push(nb, 0, 0, 0);
      }
      s = e;
    }
    if (outP.length < 6) return null;
    pts = outP;
    kind = outK;
    car = outC;
  }
  return cleanRing(pts);
}
