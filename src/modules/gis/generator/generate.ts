// Builds the synthetic county (衡南县-like) and writes county.gpkg + manifest.json. Deterministic:
// the same seed and patch count give the same bytes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildAdmin } from './admin.ts';
import { ellipsoidalArea, round2 } from './area.ts';
import { DLBM_NAMES, YDYH_NAMES, type ClassGroup, groupOf } from './codes.ts';
import { loadDivisions } from './divisions.ts';
import { dissolve } from './dissolve.ts';
import type { Poly, Ring } from './geom.ts';
import { GpkgWriter } from './gpkg-writer.ts';
import { Landscape } from './landscape.ts';
import { LAYERS, type LayerName } from './layers.ts';
import { partition } from './partition.ts';
import { buildBoundaries, plannedUse, touchesBoundary, zoneAt } from './planning.ts';
import { hashUnit } from './prng.ts';
import { writeHazard, writeParcels } from './extras.ts';

export const COUNTY_CODE = '430422';

export interface GenerateOptions {
  seed: number;
  patches: number;
  outDir: string;
  log?: (msg: string) => void;
}

export interface Manifest {
  generator: string;
  seed: number;
  patches: number;
  county: { code: string; name: string; areaM2: number };
  layers: Record<LayerName, number>;
  classShares: Record<ClassGroup, number>;
  dlbmShares: Record<string, number>;
  file: string;
  bytes: number;
  sha256: string;
}

/** Generates the county into outDir (created if missing) and returns the manifest. */
export function generateCounty(opts: GenerateOptions): Manifest {
  const { seed, patches } = opts;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('seed must be an integer 0…4294967295');
  if (!Number.isInteger(patches) || patches < 100) throw new Error('patches must be an integer ≥ 100');
  const log = opts.log ?? (() => {});
  fs.mkdirSync(opts.outDir, { recursive: true });
  const finalPath = path.join(opts.outDir, 'county.gpkg');
  const tmpPath = `${finalPath}.${process.pid}.tmp`;
  fs.rmSync(tmpPath, { force: true });

  const { countyName, towns: divTowns } = loadDivisions(COUNTY_CODE);
  const admin = buildAdmin(seed, divTowns);
  const land = new Landscape(seed, admin);
  const bounds = buildBoundaries(seed, admin);
  log(`admin: ${admin.towns.length} towns, ${admin.villages.length} villages`);

  const secs = seed % 86400;
  const hh = String(Math.floor(secs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secs % 3600) / 60)).padStart(2, '0');
  const ss = String(secs % 60).padStart(2, '0');
  const counts = {} as Record<LayerName, number>;
  let countyArea = 0;
  const byDlbm = new Map<string, number>();
  const w = new GpkgWriter(tmpPath, `2024-12-31T${hh}:${mm}:${ss}.000Z`);
  try {
    const L = Object.fromEntries(
      (Object.keys(LAYERS) as LayerName[]).map((k) => [k, w.addLayer(k, `${k} ${LAYERS[k].title}`, LAYERS[k].title, LAYERS[k].fields)]),
    ) as Record<LayerName, ReturnType<GpkgWriter['addLayer']>>;

    // XZQ: county, towns, villages as unions of admin cells.
    const cellsOf = (pred: (v: number) => boolean): Ring[] => {
      const out: Ring[] = [];
      for (let i = 0; i < admin.diagram.count; i++) {
        const v = admin.cellVillage[i]!;
        if (v >= 0 && pred(v)) out.push(admin.rings[i]!);
      }
      return out;
    };
    const must = (p: Poly[] | null, what: string): Poly[] => {
      if (!p) throw new Error(`could not dissolve ${what}`);
      return p;
    };
    const county = must(dissolve(cellsOf(() => true)), 'the county');
    countyArea = round2(ellipsoidalArea(county));
    L.XZQ.insert(county, [COUNTY_CODE, countyName, '县', '430400', countyArea]);
    admin.towns.forEach((t, ti) => {
      const p = must(dissolve(cellsOf((v) => admin.villages[v]!.town === ti)), t.name);
      L.XZQ.insert(p, [t.code, t.name, '乡镇', COUNTY_CODE, round2(ellipsoidalArea(p))]);
    });
    admin.villages.forEach((v, vi) => {
      const p = must(dissolve(cellsOf((x) => x === vi)), v.name);
      L.XZQ.insert(p, [v.code, v.name, '村', admin.towns[v.town]!.code, round2(ellipsoidalArea(p))]);
    });
    log(`XZQ: county ${(countyArea / 1e6).toFixed(1)} km²`);

    // DLTB with 永久基本农田 and 生态保护红线 drawn from it.
    const tbbh = new Int32Array(admin.villages.length);
    let jbnt = 0;
    partition(seed, 10, patches, admin, (p) => {
      const vil = admin.villages[p.village]!;
      const lu = land.classify(p.x, p.y, p.cell);
      const tbmj = round2(ellipsoidalArea(p.polys));
      if (tbmj <= 0) return;
      byDlbm.set(lu.dlbm, (byDlbm.get(lu.dlbm) ?? 0) + tbmj);
      const cult = lu.slope !== null;
      const kcxs = cult ? 0.05 + 0.0125 * (lu.slope! - 1) : null;
      const kcmj = kcxs === null ? 0 : round2(tbmj * kcxs);
      const tbdlmj = round2(tbmj - kcmj);
      const gdlx = cult && lu.slope! >= 2 ? (hashUnit(seed, p.cell, 11) < (lu.dlbm === '0101' ? 0.6 : 0.2) ? 'TT' : 'PD') : null;
      const state = lu.qsxz === '10';
      const no = ++tbbh[p.village]!;
      L.DLTB.insert(p.polys, [
        Number(COUNTY_CODE) * 1e10 + L.DLTB.count + 1, '2001010100', String(no), lu.dlbm, DLBM_NAMES[lu.dlbm]!, lu.qsxz,
        state ? `${COUNTY_CODE}000000` : vil.code, state ? countyName : vil.name, vil.code, vil.name,
        tbmj, cult ? '1203' : null, kcxs, cult ? kcmj : null, tbdlmj, gdlx, cult ? String(lu.slope) : null, lu.czcsxm, 2024,
      ]);
      if (cult || lu.redLine) {
        const near = touchesBoundary(bounds, p.polys);
        const keep = [0, 0.96, 0.94, 0.86, 0.7, 0.55][lu.slope ?? 0]!;
        if (cult && !near && hashUnit(seed, p.cell, p.village, 12) < keep) {
          jbnt++;
          L.YJJBNTBHTB.insert(p.polys, [`${vil.code.slice(6)}${String(jbnt).padStart(6, '0')}`, lu.dlbm, DLBM_NAMES[lu.dlbm]!, String(lu.slope), vil.code, vil.name, tbmj, tbdlmj]);
        }
        if (lu.redLine && !near) {
          const town = admin.towns[vil.town]!.name.replace(/(街道|镇|乡)$/, '');
          const hxlx = lu.dlbm.startsWith('11') ? '水源涵养' : lu.h > 0.75 ? '生物多样性维护' : '水土保持';
          L.STBHHX.insert(p.polys, [`衡南${town}${hxlx}生态保护红线`, hxlx, vil.code, tbmj]);
        }
      }
      if (L.DLTB.count % 50000 === 0) log(`DLTB: ${L.DLTB.count} patches`);
    });
    log(`DLTB: ${L.DLTB.count} patches, 永农 ${L.YJJBNTBHTB.count}, 红线 ${L.STBHHX.count}`);

    for (const b of bounds) {
      const t = admin.towns[b.town]!;
      const czmc = t.isCountySeat ? `${countyName}县城` : t.name;
      L.CZKFBJ.insert([b.core], ['集中建设区', czmc, t.code, round2(ellipsoidalArea([b.core]))]);
      L.CZKFBJ.insert([b.flex], ['弹性发展区', czmc, t.code, round2(ellipsoidalArea([b.flex]))]);
    }

    // Planned land use on a coarser partition of its own.
    partition(seed, 20, Math.max(200, Math.round(patches / 4)), admin, (p) => {
      const lu = land.classify(p.x, p.y, p.cell + 7_000_000);
      const code = plannedUse(seed, p.cell, lu.dlbm, zoneAt(bounds, p.x, p.y));
      L.GHYDYH.insert(p.polys, [code, YDYH_NAMES[code]!, admin.villages[p.village]!.code, round2(ellipsoidalArea(p.polys))]);
    });
    log(`GHYDYH: ${L.GHYDYH.count} polygons`);

    writeParcels(seed, admin, land, bounds, L);
    writeHazard(seed, admin, land, L);

    for (const k of Object.keys(L) as LayerName[]) counts[k] = L[k].count;
    w.finish();
  } catch (e) {
    w.abort();
    fs.rmSync(tmpPath, { force: true });
    throw e;
  }
  fs.renameSync(tmpPath, finalPath);
  const bytes = fs.readFileSync(finalPath);
  const shares = {} as Record<ClassGroup, number>;
  const dlbmShares: Record<string, number> = {};
  let sum = 0;
  for (const a of byDlbm.values()) sum += a;
  for (const g of ['forest', 'cultivated', 'orchard', 'grass', 'construction', 'water', 'other'] as ClassGroup[]) shares[g] = 0;
  for (const [k, a] of [...byDlbm.entries()].sort()) {
    dlbmShares[k] = Math.round((a / sum) * 1e6) / 1e6;
    shares[groupOf(k)] += a / sum;
  }
  for (const g of Object.keys(shares) as ClassGroup[]) shares[g] = Math.round(shares[g] * 1e6) / 1e6;
  const manifest: Manifest = {
    generator: 'landgov synthetic county v1',
    seed,
    patches,
    county: { code: COUNTY_CODE, name: countyName, areaM2: countyArea },
    layers: counts,
    classShares: shares,
    dlbmShares,
    file: 'county.gpkg',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  fs.writeFileSync(path.join(opts.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
