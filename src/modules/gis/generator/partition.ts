// A gap-free partition of the county into patches: Voronoi cells of seeded points, each clipped
// to the admin cells it crosses and regrouped by village, so a patch never crosses a village
// boundary. Cells are produced one at a time (bounded memory) in a space-filling-curve order.
import { DOMAIN, type AdminModel } from './admin.ts';
import { clipToCell } from './clip.ts';
import type { Poly, Ring } from './geom.ts';
import { dissolve } from './dissolve.ts';
import { Rng } from './prng.ts';
import { buildDiagram, cellRing } from './voronoi.ts';

export interface Patch {
  /** Index of the generating point (patches from one cell split by village share it). */
  cell: number;
  x: number;
  y: number;
  village: number;
  polys: Poly[];
}

/** Morton (Z-order) key of a grid point inside DOMAIN, 16 bits per axis. */
function morton(x: number, y: number): number {
  const [x0, y0, x1, y1] = DOMAIN;
  const xi = Math.floor(((x - x0) / (x1 - x0)) * 65535);
  const yi = Math.floor(((y - y0) / (y1 - y0)) * 65535);
  let k = 0;
  for (let b = 15; b >= 0; b--) k = k * 4 + ((yi >> b) & 1) * 2 + ((xi >> b) & 1);
  return k;
}

/**
 * Partitions the county with `count` points inside it (plus sparser points outside so border
 * cells stay small) and calls `emit` for every patch, in a fixed order.
 */
export function partition(seed: number, stream: number, count: number, admin: AdminModel, emit: (p: Patch) => void): void {
  const rng = new Rng(seed, stream);
  const [x0, y0, x1, y1] = DOMAIN;
  const find = admin.diagram.delaunay;
  const adminSeeds = find.points;
  const xs: number[] = [];
  const ys: number[] = [];
  let inside = 0;
  let hint = 0;
  while (inside < count) {
    const x = Math.round(rng.range(x0, x1));
    const y = Math.round(rng.range(y0, y1));
    hint = find.find(x, y, hint);
    if (admin.cellVillage[hint]! >= 0) inside++;
    else if (rng.next() > 0.3) continue;
    xs.push(x);
    ys.push(y);
  }
  const order = xs.map((_, i) => i);
  const keys = xs.map((x, i) => morton(x, ys[i]!));
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  const pts = new Float64Array(order.length * 2);
  order.forEach((o, i) => {
    pts[2 * i] = xs[o]!;
    pts[2 * i + 1] = ys[o]!;
  });
  xs.length = ys.length = keys.length = order.length = 0;
  const diagram = buildDiagram(pts, DOMAIN);
  const seen = new Int32Array(admin.diagram.count);
  const queue: number[] = [];
  hint = 0;
  for (let i = 0; i < diagram.count; i++) {
    const ring = cellRing(diagram, i);
    if (!ring) continue;
    const px = pts[2 * i]!, py = pts[2 * i + 1]!;
    hint = find.find(px, py, hint);
    const byVillage = new Map<number, Ring[]>();
    queue.length = 0;
    queue.push(hint);
    seen[hint] = i + 1;
    for (let q = 0; q < queue.length; q++) {
      const a = queue[q]!;
      const piece = clipToCell(ring, adminSeeds, a, admin.neighbours[a]!);
      if (!piece && q > 0) continue;
      if (piece) {
        const v = admin.cellVillage[a]!;
        if (v >= 0) {
          const list = byVillage.get(v);
          if (list) list.push(piece);
          else byVillage.set(v, [piece]);
        }
      }
      for (const b of admin.neighbours[a]!) {
        if (seen[b] !== i + 1) {
          seen[b] = i + 1;
          queue.push(b);
        }
      }
    }
    const villages = [...byVillage.keys()].sort((a, b) => a - b);
    for (const v of villages) {
      const pieces = byVillage.get(v)!;
      const merged = dissolve(pieces);
      if (merged) emit({ cell: i, x: px, y: py, village: v, polys: merged });
      // Near-degenerate boundary: keep the pieces as separate patches rather than guess.
      else for (const p of pieces) emit({ cell: i, x: px, y: py, village: v, polys: [{ outer: p, holes: [] }] });
    }
  }
}
