// The fields that decide current land use: a smooth "terrain" noise, the 湘江 and tributaries,
// roads between town seats, reservoirs in the hills and the pull of town seats. Thresholds are
// calibrated on random points of the county so class shares hold at any patch count.
import type { AdminModel } from './admin.ts';
import { toGridX, toGridY, xKm, yKm } from './geom.ts';
import { Noise, Rng, hashUnit, pickWeighted } from './prng.ts';

interface Line {
  pts: number[]; // grid
  halfWidthKm: number;
}

export interface LandUse {
  dlbm: string;
  qsxz: '10' | '30';
  czcsxm: string | null;
  /** 1–5 for cultivated land, else null. */
  slope: number | null;
  /** In 生态保护红线 (forest or water in the most natural part of the county). */
  redLine: boolean;
  /** Terrain value in [0, 1] (also read by hazard zoning and the planning layer). */
  h: number;
}

export class Landscape {
  private readonly terrain: Noise;
  private readonly jitter: Noise;
  readonly rivers: Line[] = [];
  readonly roads: Line[] = [];
  readonly reservoirs: { x: number; y: number; rKm: number }[] = [];
  private qCult = 0.3;
  private qTrans = 0.4;
  private hMin = 0;
  private qRed = 0.8;

  constructor(
    private readonly seed: number,
    private readonly admin: AdminModel,
  ) {
    const rng = new Rng(seed, 3);
    this.terrain = new Noise(seed ^ 0x7e77a1, 22, 5);
    this.jitter = new Noise(seed ^ 0x1a77e5, 1.5, 2);
    // 湘江: south to north through the east of the county, meandering, past the county seat.
    this.rivers.push(meander(rng, [[112.99, 26.45], [112.95, 26.58], [112.9, 26.68], [112.78, 26.79], [112.74, 26.88], [112.66, 27.05]], 0.012, 0.3));
    // 耒水 from the south-east, and two smaller streams from the western hills.
    this.rivers.push(meander(rng, [[113.2, 26.6], [113.05, 26.68], [112.93, 26.74], [112.84, 26.79]], 0.008, 0.11));
    this.rivers.push(meander(rng, [[112.2, 26.6], [112.42, 26.7], [112.6, 26.78], [112.76, 26.83]], 0.006, 0.05));
    this.rivers.push(meander(rng, [[112.35, 26.95], [112.48, 26.86], [112.62, 26.7], [112.86, 26.64], [112.92, 26.66]], 0.006, 0.045));
    // Roads: a minimum spanning tree over the town seats.
    const seats = admin.towns.map((t) => t.seat);
    const inTree = [0];
    const rest = seats.map((_, i) => i).slice(1);
    while (rest.length) {
      let best: [number, number, number] = [Infinity, -1, -1];
      for (const a of inTree) for (const b of rest) {
        const d = Math.hypot(xKm(seats[a]![0] - seats[b]![0]), yKm(seats[a]![1] - seats[b]![1]));
        if (d < best[0]) best = [d, a, b];
      }
      inTree.push(best[2]);
      rest.splice(rest.indexOf(best[2]), 1);
      this.roads.push({ pts: [...seats[best[1]]!, ...seats[best[2]]!], halfWidthKm: 0.03 });
    }
    this.calibrate(rng);
  }

  /** Terrain in [0, 1]: noise, higher away from the 湘江 and towards the south-west hills. */
  terrainAt(x: number, y: number): number {
    const n = this.terrain.at(xKm(x), yKm(y));
    const dr = Math.min(1, distToLine(this.rivers[0]!, x, y) / 30);
    const sw = Math.max(0, Math.min(1, (toGridX(112.9) - x) / 6e6 + (toGridY(26.9) - y) / 5e6));
    return 0.62 * n + 0.22 * dr + 0.16 * sw;
  }

  /** Pull of town seats: ~1 at a seat, 0.5 at 0.83 × the town radius. */
  urbanAt(x: number, y: number): number {
    let u = 0;
    for (const t of this.admin.towns) {
      const r = t.isCountySeat ? 3.2 : t.isStreet ? 1.6 : 1.0;
      const d2 = (xKm(x - t.seat[0]) ** 2 + yKm(y - t.seat[1]) ** 2) / (r * r);
      if (d2 < 9) u = Math.max(u, Math.exp(-d2));
    }
    return u;
  }

  private kind(x: number, y: number): 'river' | 'reservoir' | 'urban' | 'road' | 'land' {
    for (const r of this.rivers) if (distToLine(r, x, y) < r.halfWidthKm) return 'river';
    for (const r of this.reservoirs) if (Math.hypot(xKm(x - r.x), yKm(y - r.y)) < r.rKm) return 'reservoir';
    if (this.urbanAt(x, y) + 0.3 * (this.jitter.at(xKm(x), yKm(y)) - 0.5) > 0.5) return 'urban';
    for (const r of this.roads) if (distToLine(r, x, y) < r.halfWidthKm) return 'road';
    return 'land';
  }

  private calibrate(rng: Rng): void {
    const [x0, y0, x1, y1] = [toGridX(112.04), toGridY(26.49), toGridX(113.2), toGridY(27.01)];
    const inCounty = (x: number, y: number): boolean => this.admin.cellVillage[this.admin.diagram.delaunay.find(x, y)]! >= 0;
    const samples: { x: number; y: number }[] = [];
    while (samples.length < 6000) {
      const x = Math.round(rng.range(x0, x1)), y = Math.round(rng.range(y0, y1));
      if (inCounty(x, y)) samples.push({ x, y });
    }
    // Reservoirs: a few in the high ground.
    const high = samples.map((s) => ({ ...s, h: this.terrainAt(s.x, s.y) })).sort((a, b) => b.h - a.h).slice(0, 400);
    for (let k = 0; k < 6; k++) {
      const s = high[rng.int(high.length)]!;
      this.reservoirs.push({ x: s.x, y: s.y, rKm: rng.range(0.45, 1.2) });
    }
    const all = samples.map((s) => this.terrainAt(s.x, s.y)).sort((a, b) => a - b);
    const land = samples.filter((s) => this.kind(s.x, s.y) === 'land').map((s) => this.terrainAt(s.x, s.y)).sort((a, b) => a - b);
    const at = (q: number): number => land[Math.min(land.length - 1, Math.floor(q * samples.length))]!;
    this.hMin = all[0]!;
    this.qCult = at(0.3);
    this.qTrans = at(0.385);
    const nat = samples
      .filter((s) => { const k = this.kind(s.x, s.y); return k === 'reservoir' || (k === 'land' && this.terrainAt(s.x, s.y) >= this.qTrans); })
      .map((s) => this.terrainAt(s.x, s.y) - 0.4 * this.urbanAt(s.x, s.y))
      .sort((a, b) => b - a);
    this.qRed = nat[Math.min(nat.length - 1, Math.floor(0.225 * samples.length))]!;
  }

  /** Current land use at a point; u in [0, 1) drives the per-patch random choices. */
  classify(x: number, y: number, salt: number): LandUse {
    const h = this.terrainAt(x, y);
    const u = (k: number): number => hashUnit(this.seed, salt, k);
    const kind = this.kind(x, y);
    const natural = h - 0.4 * this.urbanAt(x, y) >= this.qRed;
    if (kind === 'river') return { dlbm: '1101', qsxz: '10', czcsxm: null, slope: null, redLine: false, h };
    if (kind === 'reservoir') return { dlbm: '1103', qsxz: '10', czcsxm: null, slope: null, redLine: natural, h };
    if (kind === 'urban') {
      const dlbm = pickWeighted(u(1), [['0701', 40], ['05H1', 13], ['0601', 13], ['1004', 13], ['08H2', 7], ['08H1', 4], ['0810', 3], ['0508', 4], ['0809', 3]] as const);
      return { dlbm, qsxz: u(2) < 0.85 ? '10' : '30', czcsxm: '202', slope: null, redLine: false, h };
    }
    if (kind === 'road') return { dlbm: '1003', qsxz: '10', czcsxm: null, slope: null, redLine: false, h };
    const base = { qsxz: '30' as const, czcsxm: null, slope: null, redLine: false, h };
    if (h < this.qCult) {
      const s = (h - this.hMin) / (this.qCult - this.hMin);
      const slope = s < 0.35 ? 1 : s < 0.6 ? 2 : s < 0.8 ? 3 : s < 0.93 ? 4 : 5;
      const r = u(3);
      if (r < 0.05) return { ...base, dlbm: '0702', czcsxm: '203' };
      if (r < 0.12) return { ...base, dlbm: '1104' };
      if (r < 0.13) return { ...base, dlbm: '1107' };
      if (r < 0.145) return { ...base, dlbm: '1202' };
      if (r < 0.15) return { ...base, dlbm: '1203' };
      if (r < 0.17) return { ...base, dlbm: '0201' };
      const paddy = [0, 0.88, 0.82, 0.6, 0.3, 0.2][slope]!;
      const v = u(4);
      const dlbm = v < paddy ? '0101' : v < paddy + 0.03 ? '0102' : '0103';
      return { ...base, dlbm, slope };
    }
    if (h < this.qTrans) {
      const r = u(5);
      if (r < 0.03) return { ...base, dlbm: '0702', czcsxm: '203' };
      const dlbm = pickWeighted(u(6), [['0202', 26], ['0201', 24], ['0404', 26], ['0307', 14], ['1206', 4], ['1104', 6]] as const);
      return { ...base, dlbm };
    }
    const r = u(7);
    if (r < 0.012) return { ...base, dlbm: '0702', czcsxm: '203' };
    if (r < 0.017) return { ...base, dlbm: '1206' };
    if (r < 0.024) return { ...base, dlbm: '1104' };
    const dlbm = pickWeighted(u(8), [['0301', 66], ['0302', 12], ['0305', 10], ['0307', 8], ['0404', 4]] as const);
    return { ...base, dlbm, redLine: natural && dlbm !== '0404' };
  }
}

function meander(rng: Rng, lonlat: [number, number][], ampDeg: number, halfWidthKm: number): Line {
  const pts: number[] = [];
  for (let s = 0; s + 1 < lonlat.length; s++) {
    const [ax, ay] = lonlat[s]!;
    const [bx, by] = lonlat[s + 1]!;
    const steps = 12;
    const ph = rng.range(0, 2 * Math.PI);
    for (let k = 0; k < steps; k++) {
      const t = k / steps;
      const nx = -(by - ay), ny = bx - ax;
      const len = Math.hypot(nx, ny);
      const off = ampDeg * Math.sin(t * 2 * Math.PI + ph) * Math.sin(t * Math.PI);
      pts.push(toGridX(ax + (bx - ax) * t + (off * nx) / len), toGridY(ay + (by - ay) * t + (off * ny) / len));
    }
  }
  const last = lonlat[lonlat.length - 1]!;
  pts.push(toGridX(last[0]), toGridY(last[1]));
  return { pts, halfWidthKm };
}

function distToLine(l: Line, x: number, y: number): number {
  let best = Infinity;
  const p = l.pts;
  for (let i = 0; i + 3 < p.length; i += 2) {
    const ax = xKm(p[i]!), ay = yKm(p[i + 1]!), bx = xKm(p[i + 2]!), by = yKm(p[i + 3]!);
    const px = xKm(x), py = yKm(y);
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
    const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
    if (d < best) best = d;
  }
  return best;
}
