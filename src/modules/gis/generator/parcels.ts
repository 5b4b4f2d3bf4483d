// Small parcels: 已批建设用地 (PZYD), 已供地 (GYD, inside approved land) and 采矿权 (CKQ).
import type { AdminModel } from './admin.ts';
import type { Boundary } from './planning.ts';
import { type Poly, type Ring, pointInPoly, xKm, yKm } from './geom.ts';
import { Rng } from './prng.ts';
import type { Landscape } from './landscape.ts';

export interface Parcel {
  poly: Poly;
  town: number;
  cx: number;
  cy: number;
  radiusKm: number;
}

function rect(cx: number, cy: number, wKm: number, hKm: number, angle: number): Ring {
  const r: Ring = [];
  for (const [sx, sy] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
    const dx = (sx * wKm) / 2, dy = (sy * hKm) / 2;
    const ex = dx * Math.cos(angle) - dy * Math.sin(angle);
    const ey = dx * Math.sin(angle) + dy * Math.cos(angle);
    r.push(cx + Math.round(ex / xKm(1)), cy + Math.round(ey / yKm(1)));
  }
  return r;
}

function farEnough(list: readonly Parcel[], cx: number, cy: number, rKm: number): boolean {
  for (const p of list) if (Math.hypot(xKm(p.cx - cx), yKm(p.cy - cy)) < p.radiusKm + rKm + 0.02) return false;
  return true;
}

/** Approved parcels: rotated rectangles inside the boundaries, not overlapping each other. */
export function approvedParcels(seed: number, bounds: readonly Boundary[], admin: AdminModel, count: number): Parcel[] {
  const rng = new Rng(seed, 6);
  const out: Parcel[] = [];
  for (let tries = 0; out.length < count && tries < count * 60; tries++) {
    const b = bounds[rng.int(bounds.length)]!;
    const seat = admin.towns[b.town]!.seat;
    const ang = rng.range(0, 2 * Math.PI);
    const dist = rng.range(0, admin.towns[b.town]!.isCountySeat ? 4 : 1.3);
    const cx = seat[0] + Math.round((dist * Math.cos(ang)) / xKm(1));
    const cy = seat[1] + Math.round((dist * Math.sin(ang)) / yKm(1));
    const w = rng.range(0.06, 0.28), h = rng.range(0.05, 0.22);
    const rKm = Math.hypot(w, h) / 2;
    if (!(pointInPoly(b.core, cx, cy) || pointInPoly(b.flex, cx, cy)) || !farEnough(out, cx, cy, rKm)) continue;
    const ring = rect(cx, cy, w, h, rng.range(0, Math.PI));
    if (!ring.every((_, k) => k % 2 === 1 || pointInPoly(b.flex, ring[k]!, ring[k + 1]!) || pointInPoly(b.core, ring[k]!, ring[k + 1]!))) continue;
    out.push({ poly: { outer: ring, holes: [] }, town: b.town, cx, cy, radiusKm: rKm });
  }
  return out;
}

/** Supplied land: the approved parcel itself or a smaller rectangle inside it. */
export function suppliedFrom(p: Parcel, shrink: number): Poly {
  if (shrink >= 1) return p.poly;
  const r = p.poly.outer;
  const out: Ring = [];
  for (let k = 0; k < r.length; k += 2) out.push(Math.round(p.cx + (r[k]! - p.cx) * shrink), Math.round(p.cy + (r[k + 1]! - p.cy) * shrink));
  return { outer: out, holes: [] };
}

/** Mining rights: axis-aligned rectangles in the hills, away from towns. */
export function miningParcels(seed: number, admin: AdminModel, land: Landscape, bounds: readonly Boundary[], count: number): Parcel[] {
  const rng = new Rng(seed, 7);
  const out: Parcel[] = [];
  const inCounty = (x: number, y: number): boolean => admin.cellVillage[admin.diagram.delaunay.find(x, y)]! >= 0;
  const v = admin.villages;
  for (let tries = 0; out.length < count && tries < count * 400; tries++) {
    const vil = v[rng.int(v.length)]!;
    const cx = vil.seat[0] + Math.round(rng.range(-3, 3) / xKm(1));
    const cy = vil.seat[1] + Math.round(rng.range(-3, 3) / yKm(1));
    if (land.terrainAt(cx, cy) < 0.55 || land.urbanAt(cx, cy) > 0.02) continue;
    const w = rng.range(0.2, 0.9), h = rng.range(0.2, 0.7);
    const rKm = Math.hypot(w, h) / 2;
    if (!farEnough(out, cx, cy, rKm)) continue;
    const ring = rect(cx, cy, w, h, 0);
    let ok = true;
    for (let k = 0; k < ring.length && ok; k += 2) ok = inCounty(ring[k]!, ring[k + 1]!) && !bounds.some((b) => pointInPoly(b.flex, ring[k]!, ring[k + 1]!) || pointInPoly(b.core, ring[k]!, ring[k + 1]!));
    if (!ok) continue;
    out.push({ poly: { outer: ring, holes: [] }, town: vil.town, cx, cy, radiusKm: rKm });
  }
  return out;
}
