// 城镇开发边界 around each town seat and the planned use (用地用海) of a point.
import type { AdminModel } from './admin.ts';
import { type Poly, type Ring, pointInPoly, ringsOverlap, xKm, yKm } from './geom.ts';
import { Noise, Rng, hashUnit, pickWeighted } from './prng.ts';
import { SANDIAO_TO_YDYH, URBAN_PLAN } from './codes.ts';

export interface Boundary {
  town: number;
  /** 集中建设区 (a star-shaped ring) and 弹性发展区 (the band around it, with the first as hole). */
  core: Poly;
  flex: Poly;
}

/** Star-shaped rings around each seat; the county seat's is the largest. */
export function buildBoundaries(seed: number, admin: AdminModel): Boundary[] {
  const rng = new Rng(seed, 5);
  const inCounty = (x: number, y: number): boolean => admin.cellVillage[admin.diagram.delaunay.find(x, y)]! >= 0;
  const out: Boundary[] = [];
  admin.towns.forEach((t, ti) => {
    // Sub-district seats sit inside the county seat's boundary; they get no ring of their own.
    if (t.isStreet && !t.isCountySeat) return;
    const noise = new Noise(seed ^ (ti * 7919), 1, 3);
    const base = t.isCountySeat ? 3.3 : rng.range(0.75, 1.15);
    const steps = t.isCountySeat ? 96 : 48;
    for (let scale = 1; scale > 0.3; scale *= 0.85) {
      const core: Ring = [];
      const flex: Ring = [];
      for (let k = 0; k < steps; k++) {
        const th = (2 * Math.PI * k) / steps;
        const r = base * scale * (0.75 + 0.5 * noise.at(Math.cos(th) * 1.3 + 5, Math.sin(th) * 1.3 + 5));
        const rf = r * (1.3 + 0.2 * noise.at(Math.cos(th) + 9, Math.sin(th) + 9)) + 0.05;
        core.push(t.seat[0] + Math.round((r * Math.cos(th)) / xKm(1)), t.seat[1] + Math.round((r * Math.sin(th)) / yKm(1)));
        flex.push(t.seat[0] + Math.round((rf * Math.cos(th)) / xKm(1)), t.seat[1] + Math.round((rf * Math.sin(th)) / yKm(1)));
      }
      let ok = true;
      for (let k = 0; k < flex.length && ok; k += 2) {
        const nx = flex[(k + 2) % flex.length]!, ny = flex[(k + 3) % flex.length]!;
        for (let s = 0; s < 4 && ok; s++) ok = inCounty(Math.round(flex[k]! + ((nx - flex[k]!) * s) / 4), Math.round(flex[k + 1]! + ((ny - flex[k + 1]!) * s) / 4));
      }
      for (const o of out) if (ok && ringsOverlap(o.flex.outer, flex)) ok = false;
      if (!ok) continue;
      const hole = [...core];
      const cw: Ring = [];
      for (let k = hole.length - 2; k >= 0; k -= 2) cw.push(hole[k]!, hole[k + 1]!);
      out.push({ town: ti, core: { outer: core, holes: [] }, flex: { outer: flex, holes: [cw] } });
      break;
    }
  });
  return out;
}

/** Which boundary zone holds the point: 'core', 'flex' or null. */
export function zoneAt(bounds: readonly Boundary[], x: number, y: number): 'core' | 'flex' | null {
  for (const b of bounds) {
    if (pointInPoly(b.core, x, y)) return 'core';
    if (pointInPoly(b.flex, x, y)) return 'flex';
  }
  return null;
}

/** True when a patch may touch a boundary ring (then it stays out of 永农 and 红线). */
export function touchesBoundary(bounds: readonly Boundary[], polys: readonly Poly[]): boolean {
  for (const b of bounds) for (const p of polys) if (ringsOverlap(b.flex.outer, p.outer)) return true;
  return false;
}

/** Planned use: current use converted (§2.5), urban uses inside 城镇集中建设区. */
export function plannedUse(seed: number, salt: number, dlbm: string, zone: 'core' | 'flex' | null): string {
  if (zone === 'core' && !dlbm.startsWith('11')) return pickWeighted(hashUnit(seed, salt, 91), URBAN_PLAN);
  return SANDIAO_TO_YDYH[dlbm] ?? '0304';
}
