// The administrative skeleton: a fine Voronoi tessellation ("admin cells", ~470 m) of the domain,
// the county as a noisy ellipse-like union of cells, towns and villages as connected unions of
// cells grown from seats. Every boundary (county, town, village) is made of cell edges, so the
// hierarchy nests exactly and DLTB patches can be clipped cell by cell.
import { type Ring, type Poly, toGridX, toGridY, xKm, yKm } from './geom.ts';
import { Noise, Rng } from './prng.ts';
import { type Diagram, buildDiagram, cellRing } from './voronoi.ts';
import type { Town as DivTown } from './divisions.ts';

/** Domain (grid units) around the county's official extent 112°06′–113°08′E, 26°32′–26°58′N. */
export const DOMAIN: [number, number, number, number] = [toGridX(112.04), toGridY(26.49), toGridX(113.2), toGridY(27.01)];
const CELL_KM = 0.47;
const TARGET_KM2 = 2600;
export const COUNTY_SEAT_LONLAT: [number, number] = [112.7, 26.8];

export interface TownSite {
  code: string;
  name: string;
  isStreet: boolean; // 街道
  isCountySeat: boolean;
  seat: [number, number];
  villages: number[];
}
export interface VillageSite {
  code: string;
  name: string;
  town: number;
  seat: [number, number];
}
export interface AdminModel {
  diagram: Diagram;
  rings: (Ring | null)[];
  /** Village index of each admin cell, −1 outside the county. */
  cellVillage: Int32Array;
  /** Hops from the cell to the nearest cell outside the county (0 outside). */
  depth: Int32Array;
  neighbours: number[][];
  towns: TownSite[];
  villages: VillageSite[];
}

function distKm(ax: number, ay: number, bx: number, by: number): number {
  return Math.hypot(xKm(ax - bx), yKm(ay - by));
}

/** Lays out county, towns and villages for a seed. */
export function buildAdmin(seed: number, divTowns: readonly DivTown[]): AdminModel {
  const rng = new Rng(seed, 1);
  const [x0, y0, x1, y1] = DOMAIN;
  const gx = CELL_KM / xKm(1);
  const gy = CELL_KM / yKm(1);
  const pts: number[] = [];
  for (let y = y0 + gy / 2; y < y1; y += gy) {
    for (let x = x0 + gx / 2; x < x1; x += gx) {
      pts.push(Math.round(x + (rng.next() - 0.5) * 0.9 * gx), Math.round(y + (rng.next() - 0.5) * 0.9 * gy));
    }
  }
  const diagram = buildDiagram(Float64Array.from(pts), DOMAIN);
  const n = diagram.count;
  const rings: (Ring | null)[] = new Array(n);
  for (let i = 0; i < n; i++) rings[i] = cellRing(diagram, i);
  const neighbours: number[][] = new Array(n);
  for (let i = 0; i < n; i++) neighbours[i] = [...diagram.delaunay.neighbors(i)];

  const inside = countyCells(seed, pts, rings, neighbours, diagram);
  const depth = depthFromOutside(inside, neighbours);
  const edgeNoise = new Noise(seed ^ 0x5eed, 6, 3);
  const cost = (a: number, b: number): number => {
    const mx = (pts[2 * a]! + pts[2 * b]!) / 2;
    const my = (pts[2 * a + 1]! + pts[2 * b + 1]!) / 2;
    return distKm(pts[2 * a]!, pts[2 * a + 1]!, pts[2 * b]!, pts[2 * b + 1]!) * (0.5 + edgeNoise.at(xKm(mx), yKm(my)));
  };

  // Town seats: the county seat by the river, its two sub-districts close by, the rest spread out.
  const towns: TownSite[] = [];
  const seatCells: number[] = [];
  const cellAt = (lon: number, lat: number): number => diagram.delaunay.find(toGridX(lon), toGridY(lat));
  const meanVillages = divTowns.reduce((s, t) => s + t.villages.length, 0) / divTowns.length;
  const streets = divTowns.filter((t) => t.name.endsWith('街道'));
  const others = divTowns.filter((t) => !t.name.endsWith('街道'));
  const [csLon, csLat] = COUNTY_SEAT_LONLAT;
  streets.forEach((t, k) => {
    const ang = (k * 2 * Math.PI) / Math.max(1, streets.length) + 2.2;
    const c = k === 0 ? cellAt(csLon, csLat) : cellAt(csLon + 0.032 * Math.cos(ang), csLat + 0.027 * Math.sin(ang));
    seatCells.push(c);
  });
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (inside[i] && depth[i]! >= 5) candidates.push(i);
  for (let k = 0; k < others.length; k++) {
    let best = -1;
    let bestScore = -1;
    for (let c = 0; c < 24; c++) {
      const cand = candidates[rng.int(candidates.length)]!;
      let d = Infinity;
      for (const s of seatCells) d = Math.min(d, distKm(pts[2 * cand]!, pts[2 * cand + 1]!, pts[2 * s]!, pts[2 * s + 1]!));
      if (d > bestScore) {
        bestScore = d;
        best = cand;
      }
    }
    seatCells.push(best);
  }
  const ordered = [...streets, ...others];
  ordered.forEach((t, k) => {
    const c = seatCells[k]!;
    towns.push({
      code: t.code, name: t.name, isStreet: t.name.endsWith('街道'), isCountySeat: k === 0,
      seat: [pts[2 * c]!, pts[2 * c + 1]!], villages: [],
    });
  });
  const speed = ordered.map((t) => (t.name.endsWith('街道') ? 0.42 : Math.sqrt(t.villages.length / meanVillages)));
  const cellTown = grow(seatCells, speed, inside, neighbours, cost);

  // Villages: seats spread over the town's cells, then grown inside the town only.
  const villages: VillageSite[] = [];
  const cellVillage = new Int32Array(n).fill(-1);
  ordered.forEach((t, ti) => {
    const own: number[] = [];
    for (let i = 0; i < n; i++) if (cellTown[i] === ti) own.push(i);
    const vSeats: number[] = [seatCells[ti]!];
    while (vSeats.length < t.villages.length && vSeats.length < own.length) {
      let best = -1;
      let bestScore = -1;
      for (let c = 0; c < 10; c++) {
        const cand = own[rng.int(own.length)]!;
        if (vSeats.includes(cand)) continue;
        let d = Infinity;
        for (const s of vSeats) d = Math.min(d, distKm(pts[2 * cand]!, pts[2 * cand + 1]!, pts[2 * s]!, pts[2 * s + 1]!));
        if (d > bestScore) {
          bestScore = d;
          best = cand;
        }
      }
      if (best >= 0) vSeats.push(best);
    }
    if (vSeats.length < t.villages.length) throw new Error(`town ${t.name} is too small for its villages`);
    const mask = new Uint8Array(n);
    for (const i of own) mask[i] = 1;
    const first = villages.length;
    const lab = grow(vSeats, vSeats.map(() => rng.range(0.85, 1.15)), mask, neighbours, cost);
    t.villages.forEach((v, vi) => {
      const c = vSeats[vi]!;
      villages.push({ code: v.code, name: v.name, town: ti, seat: [pts[2 * c]!, pts[2 * c + 1]!] });
      towns[ti]!.villages.push(first + vi);
    });
    for (const i of own) cellVillage[i] = first + lab[i]!;
  });
  return { diagram, rings, cellVillage, depth, neighbours, towns, villages };
}

/** Cells whose points fall in a smoothed noisy ellipse scaled to ~2 600 km², without holes. */
function countyCells(seed: number, pts: number[], rings: (Ring | null)[], nb: number[][], d: Diagram): Uint8Array {
  const rng = new Rng(seed, 2);
  const n = pts.length / 2;
  const cx = toGridX(112.62), cy = toGridY(26.75);
  const ax = 0.5 * 1e7, ay = 0.205 * 1e7;
  const harmonics = Array.from({ length: 7 }, (_, k) => ({ k: k + 2, a: (0.1 / (k + 2)) * rng.range(0.6, 1.4), ph: rng.range(0, 2 * Math.PI) }));
  const rel = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (pts[2 * i]! - cx) / ax;
    const v = (pts[2 * i + 1]! - cy) / ay;
    const th = Math.atan2(v, u);
    let r = 1;
    for (const h of harmonics) r += h.a * Math.cos(h.k * th + h.ph);
    // Bite in the north where the city of Hengyang sits outside the county.
    const bite = Math.hypot(xKm(pts[2 * i]! - toGridX(112.58)), yKm(pts[2 * i + 1]! - toGridY(26.975)));
    rel[i] = bite < 9 ? 9 : Math.hypot(u, v) / r;
  }
  const cellKm2 = (i: number): number => {
    const r = rings[i];
    if (!r) return 0;
    let s = 0;
    for (let k = 0; k < r.length; k += 2) s += r[k]! * r[(k + 3) % r.length]! - r[k + 1]! * r[(k + 2) % r.length]!;
    return (s / 2) * xKm(1) * yKm(1);
  };
  // Scale the shape so the union of cells lands close to the target area.
  const order = [...rel.keys()].sort((a, b) => rel[a]! - rel[b]!);
  let acc = 0;
  let cut = 1;
  for (const i of order) {
    acc += cellKm2(i);
    if (acc >= TARGET_KM2) {
      cut = rel[i]!;
      break;
    }
  }
  const inside = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (rel[i]! <= cut && rings[i]) inside[i] = 1;
  // Keep the piece holding the centre; then fill holes (cells the outside cannot reach).
  const keep = new Uint8Array(n);
  const start = d.delaunay.find(cx, cy);
  const stack = [start];
  keep[start] = 1;
  while (stack.length) for (const j of nb[stack.pop()!]!) if (inside[j] && !keep[j]) (keep[j] = 1), stack.push(j);
  const outside = new Uint8Array(n);
  for (const h of d.delaunay.hull) if (!keep[h]) (outside[h] = 1), stack.push(h);
  while (stack.length) for (const j of nb[stack.pop()!]!) if (!keep[j] && !outside[j]) (outside[j] = 1), stack.push(j);
  for (let i = 0; i < n; i++) inside[i] = outside[i] ? 0 : rings[i] ? 1 : 0;
  return inside;
}

function depthFromOutside(inside: Uint8Array, nb: number[][]): Int32Array {
  const n = inside.length;
  const depth = new Int32Array(n).fill(-1);
  let frontier: number[] = [];
  for (let i = 0; i < n; i++) if (!inside[i]) (depth[i] = 0), frontier.push(i);
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const i of frontier) for (const j of nb[i]!) if (depth[j] === -1) (depth[j] = d), next.push(j);
    frontier = next;
  }
  return depth;
}

/**
 * Multi-source region growing on the cell graph: each cell goes to the seat that reaches it
 * first (cost divided by the seat's speed). A cell is only claimed through an already claimed
 * neighbour, so every region is connected.
 */
function grow(seats: number[], speed: number[], mask: Uint8Array, nb: number[][], cost: (a: number, b: number) => number): Int32Array {
  const n = mask.length;
  const label = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  seats.forEach((s, k) => heap.push(0, s, k));
  while (heap.size) {
    const [pri, cell, lab] = heap.pop();
    if (label[cell] !== -1) continue;
    label[cell] = lab;
    for (const j of nb[cell]!) if (mask[j] && label[j] === -1) heap.push(pri + cost(cell, j) / speed[lab]!, j, lab);
  }
  return label;
}

class MinHeap {
  private pri: number[] = [];
  private cell: number[] = [];
  private lab: number[] = [];
  get size(): number {
    return this.pri.length;
  }
  push(p: number, c: number, l: number): void {
    let i = this.pri.length;
    this.pri.push(p), this.cell.push(c), this.lab.push(l);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.less(up, i)) break;
      this.swap(i, up);
      i = up;
    }
  }
  pop(): [number, number, number] {
    const top: [number, number, number] = [this.pri[0]!, this.cell[0]!, this.lab[0]!];
    const last = this.pri.length - 1;
    this.swap(0, last);
    this.pri.pop(), this.cell.pop(), this.lab.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < last && this.less(l, m)) m = l;
      if (r < last && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
  // Ties broken by cell then label so the result never depends on heap internals.
  private less(a: number, b: number): boolean {
    return this.pri[a]! < this.pri[b]! || (this.pri[a] === this.pri[b] && (this.cell[a]! < this.cell[b]! || (this.cell[a] === this.cell[b] && this.lab[a]! < this.lab[b]!)));
  }
  private swap(a: number, b: number): void {
    [this.pri[a], this.pri[b]] = [this.pri[b]!, this.pri[a]!];
    [this.cell[a], this.cell[b]] = [this.cell[b]!, this.cell[a]!];
    [this.lab[a], this.lab[b]] = [this.lab[b]!, this.lab[a]!];
  }
}

export type { Poly };
