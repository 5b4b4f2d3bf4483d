import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import wkx from 'wkx';
import { DLBM_NAMES, groupOf } from '../../../src/modules/gis/generator/codes.ts';
import { generateCounty, type Manifest } from '../../../src/modules/gis/generator/generate.ts';
import { LAYERS } from '../../../src/modules/gis/generator/layers.ts';

type Rings = number[][][]; // polygon: rings of [lon, lat]
interface Feature {
  polys: Rings[];
  bbox: [number, number, number, number];
  props: Record<string, unknown>;
}

function decode(blob: Buffer): Rings[] {
  assert.equal(blob.toString('latin1', 0, 2), 'GP');
  assert.equal(blob[2], 0);
  assert.equal(blob[3], 0b11, 'little-endian with an xy envelope');
  assert.equal(blob.readInt32LE(4), 4490);
  const g = wkx.Geometry.parse(blob.subarray(40)).toGeoJSON() as { type: string; coordinates: Rings[] };
  assert.equal(g.type, 'MultiPolygon');
  return g.coordinates;
}

function readLayer(db: Database.Database, table: string): Feature[] {
  return (db.prepare(`SELECT * FROM "${table}" ORDER BY fid`).all() as Record<string, unknown>[]).map((row) => {
    const polys = decode(row.geom as Buffer);
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of polys) for (const [x, y] of p[0]!) (b[0] = Math.min(b[0], x!)), (b[1] = Math.min(b[1], y!)), (b[2] = Math.max(b[2], x!)), (b[3] = Math.max(b[3], y!));
    return { polys, bbox: b, props: row };
  });
}

function inRing(r: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i]!, [xj, yj] = r[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}
function contains(f: Feature, x: number, y: number): boolean {
  if (x < f.bbox[0] || x > f.bbox[2] || y < f.bbox[1] || y > f.bbox[3]) return false;
  return f.polys.some((p) => inRing(p[0]!, x, y) && !p.slice(1).some((h) => inRing(h, x, y)));
}
function signedArea(r: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++) s += r[i]![0]! * r[i + 1]![1]! - r[i + 1]![0]! * r[i]![1]!;
  return s / 2;
}

describe('synthetic county generator (generate:county)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-county-'));
  const dirs = { a: path.join(root, 'a'), b: path.join(root, 'b'), c: path.join(root, 'c') };
  let manifest: Manifest;
  let db: Database.Database;
  let dltb: Feature[];
  let xzq: Feature[];

  before(() => {
    manifest = generateCounty({ seed: 1, patches: 400, outDir: dirs.a });
    generateCounty({ seed: 1, patches: 400, outDir: dirs.b });
    generateCounty({ seed: 2, patches: 400, outDir: dirs.c });
    db = new Database(path.join(dirs.a, 'county.gpkg'), { readonly: true });
    dltb = readLayer(db, 'DLTB');
    xzq = readLayer(db, 'XZQ');
  });
  after(() => {
    db?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes byte-identical files for the same seed and different ones for another seed', () => {
    const a = fs.readFileSync(path.join(dirs.a, 'county.gpkg'));
    assert.ok(a.equals(fs.readFileSync(path.join(dirs.b, 'county.gpkg'))));
    assert.ok(!a.equals(fs.readFileSync(path.join(dirs.c, 'county.gpkg'))));
    const m = JSON.parse(fs.readFileSync(path.join(dirs.a, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(m.sha256.length, 64);
    assert.equal(m.seed, 1);
    assert.equal(m.patches, 400);
    assert.equal(m.layers.DLTB, dltb.length);
  });

  it('is a GeoPackage 1.3 with the CGCS2000 SRS and one contents row per layer', () => {
    assert.equal(db.pragma('application_id', { simple: true }), 0x47504b47);
    assert.equal(db.pragma('user_version', { simple: true }), 10300);
    const srs = db.prepare('SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys ORDER BY srs_id').all();
    assert.deepEqual(srs.map((r) => (r as { srs_id: number }).srs_id), [-1, 0, 4326, 4490]);
    const contents = db.prepare('SELECT * FROM gpkg_contents ORDER BY table_name').all() as Record<string, unknown>[];
    assert.deepEqual(contents.map((c) => c.table_name), Object.keys(LAYERS).sort());
    for (const c of contents) {
      assert.equal(c.data_type, 'features');
      assert.equal(c.srs_id, 4490);
      assert.match(String(c.identifier), new RegExp(`^${String(c.table_name)} `));
      assert.match(String(c.last_change), /^2024-12-31T\d\d:\d\d:\d\d\.000Z$/);
      assert.ok((c.min_x as number) >= 112.09 && (c.max_x as number) <= 113.14, `${String(c.table_name)} x extent`);
      assert.ok((c.min_y as number) >= 26.52 && (c.max_y as number) <= 26.97, `${String(c.table_name)} y extent`);
    }
    const cols = db.prepare('SELECT * FROM gpkg_geometry_columns ORDER BY table_name').all() as Record<string, unknown>[];
    assert.equal(cols.length, contents.length);
    for (const c of cols) assert.deepEqual([c.column_name, c.geometry_type_name, c.srs_id, c.z, c.m], ['geom', 'MULTIPOLYGON', 4490, 0, 0]);
  });

  it('has every layer with its fields and at least one feature', () => {
    for (const [name, spec] of Object.entries(LAYERS)) {
      const cols = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; pk: number }[]).map((c) => c.name);
      assert.deepEqual(cols, ['fid', 'geom', ...spec.fields.map((f) => f.name)], name);
      assert.ok((db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n > 0, name);
    }
  });

  it('names the real towns and villages of 衡南县 with their codes', () => {
    const towns = xzq.filter((f) => f.props.JB === '乡镇');
    const villages = xzq.filter((f) => f.props.JB === '村');
    assert.equal(xzq.filter((f) => f.props.JB === '县').length, 1);
    assert.equal(towns.length, 23);
    assert.ok(villages.length > 400);
    const names = new Set(towns.map((t) => t.props.XZQMC));
    for (const n of ['云集街道', '茶市镇', '相市乡']) assert.ok(names.has(n), n);
    for (const t of towns) assert.match(String(t.props.XZQDM), /^430422[0-3]\d\d$/);
    for (const v of villages) {
      assert.match(String(v.props.XZQDM), /^430422\d{6}$/);
      assert.equal(String(v.props.XZQDM).slice(0, 9), v.props.SJXZQDM);
    }
  });

  it('covers the county with DLTB patches: areas add up and every sample point is in exactly one patch', () => {
    const county = xzq.find((f) => f.props.JB === '县')!;
    const countyArea = county.props.JSMJ as number;
    assert.ok(countyArea > 2.3e9 && countyArea < 2.9e9, `county area ${countyArea}`);
    const sum = dltb.reduce((s, f) => s + (f.props.TBMJ as number), 0);
    assert.ok(Math.abs(sum - countyArea) / countyArea < 0.001, `Σ TBMJ ${sum} vs ${countyArea}`);
    let inside = 0;
    const [x0, y0, x1, y1] = county.bbox;
    for (let i = 0; i < 80; i++) {
      for (let j = 0; j < 40; j++) {
        const x = x0 + ((i + 0.37) / 80) * (x1 - x0);
        const y = y0 + ((j + 0.61) / 40) * (y1 - y0);
        const hits = dltb.filter((f) => contains(f, x, y)).length;
        if (contains(county, x, y)) {
          inside++;
          assert.equal(hits, 1, `point ${x},${y} is in ${hits} patches`);
        } else assert.equal(hits, 0, `point ${x},${y} outside the county is in a patch`);
      }
    }
    assert.ok(inside > 1000);
  });

  it('writes valid rings: closed, no repeated points, outer rings counter-clockwise, holes clockwise', () => {
    for (const f of [...dltb, ...xzq]) {
      for (const p of f.polys) {
        p.forEach((r, k) => {
          assert.ok(r.length >= 4);
          assert.deepEqual(r[0], r[r.length - 1]);
          for (let i = 1; i < r.length; i++) assert.ok(r[i]![0] !== r[i - 1]![0] || r[i]![1] !== r[i - 1]![1], 'repeated point');
          assert.ok(k === 0 ? signedArea(r) > 0 : signedArea(r) < 0, 'orientation');
          for (const [x, y] of r) assert.equal(Math.round(x! * 1e7) / 1e7, x, 'rounded to 1e-7°');
        });
      }
    }
  });

  it('uses only 三调 codes with their names, TBDLMJ = TBMJ − KCMJ, and plausible class shares', () => {
    const share: Record<string, number> = {};
    let total = 0;
    for (const f of dltb) {
      const { DLBM, DLMC, TBMJ, KCMJ, TBDLMJ, KCXS, GDPDJB, ZLDWDM, SJNF } = f.props as {
        DLBM: string; DLMC: string; TBMJ: number; KCMJ: number | null; TBDLMJ: number; KCXS: number | null;
        GDPDJB: string | null; ZLDWDM: string; SJNF: number;
      };
      assert.equal(DLBM_NAMES[DLBM], DLMC, `DLBM ${DLBM}`);
      assert.match(String(ZLDWDM), /^430422\d{6}$/);
      assert.equal(SJNF, 2024);
      const cult = /^010[123]$/.test(DLBM);
      if (cult) {
        assert.ok(KCXS !== null && KCXS >= 0.05 && KCXS <= 0.1);
        assert.match(String(GDPDJB), /^[1-5]$/);
        assert.ok(Math.abs(TBDLMJ + (KCMJ ?? NaN) - TBMJ) < 0.011);
      } else assert.equal(TBDLMJ, TBMJ);
      share[groupOf(DLBM)] = (share[groupOf(DLBM)] ?? 0) + TBMJ;
      total += TBMJ;
    }
    const pct = (g: string): number => (100 * (share[g] ?? 0)) / total;
    assert.ok(pct('forest') >= 40 && pct('forest') <= 60, `forest ${pct('forest')}`);
    assert.ok(pct('cultivated') >= 15 && pct('cultivated') <= 35, `cultivated ${pct('cultivated')}`);
    assert.ok(pct('construction') > 1 && pct('construction') < 10, `construction ${pct('construction')}`);
    assert.ok(pct('water') > 0, 'water');
    for (const g of ['forest', 'cultivated', 'construction']) assert.ok(Math.abs(manifest.classShares[g as 'forest'] * 100 - pct(g)) < 0.01, g);
  });

  it('takes 永久基本农田 from cultivated patches and 红线 from forest and water', () => {
    const notCultivated = db.prepare(`SELECT count(*) AS n FROM YJJBNTBHTB y WHERE NOT EXISTS
      (SELECT 1 FROM DLTB d WHERE d.geom = y.geom AND d.DLBM IN ('0101', '0102', '0103') AND d.DLBM = y.DLBM)`).get() as { n: number };
    assert.equal(notCultivated.n, 0);
    const notNatural = db.prepare(`SELECT count(*) AS n FROM STBHHX s WHERE NOT EXISTS
      (SELECT 1 FROM DLTB d WHERE d.geom = s.geom AND (d.DLBM LIKE '03%' OR d.DLBM LIKE '11%'))`).get() as { n: number };
    assert.equal(notNatural.n, 0);
    const zones = db.prepare('SELECT DISTINCT FQLX FROM CZKFBJ ORDER BY 1').all().map((r) => (r as { FQLX: string }).FQLX);
    assert.deepEqual(zones, ['弹性发展区', '集中建设区']);
    const xkzh = db.prepare('SELECT XKZH FROM CKQ').all() as { XKZH: string }[];
    for (const r of xkzh) assert.match(r.XKZH, /^C430422\d{16}$/);
    for (const r of db.prepare('SELECT PZWH FROM PZYD').all() as { PZWH: string }[]) assert.match(r.PZWH, /^湘政地〔20\d\d〕\d+号$/);
  });

  it('is readable by GDAL when ogrinfo is installed', () => {
    const which = spawnSync('sh', ['-c', 'command -v ogrinfo']);
    if (which.status !== 0) {
      console.log('# ogrinfo not installed: GDAL read check not run');
      return;
    }
    const r = spawnSync('ogrinfo', ['-so', path.join(dirs.a, 'county.gpkg'), 'DLTB'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Feature Count: \d+/);
    assert.match(r.stdout, /Multi Polygon/);
  });
});
