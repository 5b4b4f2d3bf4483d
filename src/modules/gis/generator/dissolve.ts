// Union of rings that tile a region with shared vertices (Voronoi cells, clipped pieces): edges
// seen in both directions are interior and cancel; what is left is the boundary, chained into
// rings. No general polygon clipping is needed because the inputs never overlap.
import { type Poly, type Ring, pointInRing, ringArea2, ringBBox } from './geom.ts';

const KEY = 16777216; // 2^24 > any grid coordinate used here

function keyOf(x: number, y: number): number {
  return x * KEY + y;
}

/**
 * Dissolves counter-clockwise rings into polygons (outer rings CCW, holes CW). Returns null when
 * the boundary does not chain up (a near-degenerate input); callers then keep the parts apart.
 */
export function dissolve(rings: readonly Ring[]): Poly[] | null {
  if (rings.length === 1) return [{ outer: rings[0]!, holes: [] }];
  const out = new Map<number, number[]>();
  let expected = 0;
  for (const r of rings) {
    expected += ringArea2(r);
    const n = r.length;
    for (let i = 0; i < n; i += 2) {
      const a = keyOf(r[i]!, r[i + 1]!);
      const b = keyOf(r[(i + 2) % n]!, r[(i + 3) % n]!);
      const back = out.get(b);
      const k = back ? back.indexOf(a) : -1;
      if (k >= 0) {
        back!.splice(k, 1);
        if (back!.length === 0) out.delete(b);
      } else {
        const list = out.get(a);
        if (list) list.push(b);
        else out.set(a, [b]);
      }
    }
  }
  const chained: Ring[] = [];
  while (out.size > 0) {
    const start = out.keys().next().value as number;
    const ring: Ring = [];
    let prev = -1;
    let cur = start;
    for (let guard = 0; ; guard++) {
      if (guard > 10_000_000) return null;
      const list = out.get(cur);
      if (!list || list.length === 0) return null;
      let pick = 0;
      if (list.length > 1 && prev >= 0) pick = turnPick(prev, cur, list);
      const next = list[pick]!;
      list.splice(pick, 1);
      if (list.length === 0) out.delete(cur);
      ring.push(Math.floor(cur / KEY), cur % KEY);
      prev = cur;
      cur = next;
      if (cur === start) break;
    }
    chained.push(ring);
  }
  let got = 0;
  for (const r of chained) got += ringArea2(r);
  if (Math.abs(got - expected) > 1e-6 * Math.abs(expected) + 4) return null;
  return assemble(chained);
}

/** At a vertex with several outgoing edges, take the first one clockwise from the way back. */
function turnPick(prev: number, cur: number, list: number[]): number {
  const cx = Math.floor(cur / KEY), cy = cur % KEY;
  const back = Math.atan2(prev % KEY - cy, Math.floor(prev / KEY) - cx);
  let best = 0;
  let bestTurn = Infinity;
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    const ang = Math.atan2(n % KEY - cy, Math.floor(n / KEY) - cx);
    let cw = back - ang;
    while (cw <= 0) cw += 2 * Math.PI;
    while (cw > 2 * Math.PI) cw -= 2 * Math.PI;
    if (cw < bestTurn) {
      bestTurn = cw;
      best = i;
    }
  }
  return best;
}

/** Groups rings into polygons: CCW rings are shells, CW rings go into the smallest shell holding them. */
export function assemble(rings: readonly Ring[]): Poly[] {
  const shells: { poly: Poly; area: number; bbox: [number, number, number, number] }[] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    const a = ringArea2(r);
    if (a > 0) shells.push({ poly: { outer: r, holes: [] }, area: a, bbox: ringBBox(r) });
    else if (a < 0) holes.push(r);
  }
  for (const h of holes) {
    // A probe just inside the hole's first edge is never on a shell boundary.
    const mx = (h[0]! + h[2]!) / 2;
    const my = (h[1]! + h[3]!) / 2;
    let best: (typeof shells)[number] | null = null;
    for (const s of shells) {
      const [x0, y0, x1, y1] = s.bbox;
      if (mx < x0 || mx > x1 || my < y0 || my > y1) continue;
      if (!pointInRing(s.poly.outer, mx, my)) continue;
      if (!best || s.area < best.area) best = s;
    }
    if (best) best.poly.holes.push(h);
  }
  return shells.map((s) => s.poly);
}
