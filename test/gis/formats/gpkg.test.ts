import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { openGpkg } from '../../../src/modules/gis/formats/gpkg.ts';
import { decodeGpkgGeometry, encodeGpkgGeometry } from '../../../src/modules/gis/formats/gpkg-geometry.ts';
import { rejectsCode, throwsCode } from './helpers.ts';
import { PRJ_4526 } from './shp-writer.ts';

let dir: string;
before(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'landgov-gpkg-'));
});
after(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

interface TestLayer {
  name: string;
  srsId: number;
  rows: { props: Record<string, string | number | null>; geometry: Geometry | null; raw?: Buffer }[];
}
/** The minimal GeoPackage tables (GeoPackage 1.3 §1.1.2–1.1.3) plus one feature table per layer. */
function writeGpkg(file: string, layers: TestLayer[], srs: { id: number; org: string; code: number; definition: string }[]): string {
  const p = path.join(dir, file);
  const db = new Database(p);
  db.exec(`
    PRAGMA application_id = 1196444487;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
  `);
  for (const s of srs) db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)').run(`srs ${s.id}`, s.id, s.org, s.code, s.definition);
  db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('notes', 'attributes', 'notes')").run();
  for (const l of layers) {
    db.exec(`CREATE TABLE "${l.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, DLMC TEXT, TBMJ DOUBLE, BSM INTEGER)`);
    db.prepare("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)").run(l.name, l.name, l.srsId);
    db.prepare("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', ?, 0, 0)").run(l.name, l.srsId);
    const ins = db.prepare(`INSERT INTO "${l.name}" (geom, DLMC, TBMJ, BSM) VALUES (?, ?, ?, ?)`);
    for (const r of l.rows) ins.run(r.raw ?? encodeGpkgGeometry(r.geometry, l.srsId), r.props['DLMC'] ?? null, r.props['TBMJ'] ?? null, r.props['BSM'] ?? null);
  }
  db.close();
  return p;
}

const square: Geometry = { type: 'Polygon', coordinates: [[[38370700, 2966200], [38370750, 2966200], [38370750, 2966250], [38370700, 2966250], [38370700, 2966200]]] };
const EPSG_4526 = { id: 4526, org: 'EPSG', code: 4526, definition: PRJ_4526 };

describe('GeoPackage geometry encoding', () => {
  for (const g of [
    { type: 'Point', coordinates: [112.7, 26.8] },
    square,
    { type: 'MultiPolygon', coordinates: [(square as { coordinates: number[][][] }).coordinates, [[[1, 1], [2, 1], [2, 2], [1, 1]]]] },
    { type: 'LineString', coordinates: [[1, 2], [3, 4]] },
  ] as Geometry[]) {
    it(`round-trips a ${g.type} through the GP header and WKB`, () => {
      const blob = encodeGpkgGeometry(g, 4526);
      assert.equal(blob.subarray(0, 2).toString('latin1'), 'GP');
      const back = decodeGpkgGeometry(blob);
      assert.equal(back.srsId, 4526);
      assert.deepEqual(back.geometry, g);
      if (g.type === 'Point') assert.equal(back.envelope, null);
      else assert.equal(back.envelope?.length, 4);
    });
  }
  it('writes an empty geometry with the empty flag and reads it as null', () => {
    const blob = encodeGpkgGeometry(null, 4490);
    assert.equal(blob[3]! & 0x10, 0x10);
    assert.equal(decodeGpkgGeometry(blob).geometry, null);
  });
  it('reads a big-endian header with an xy envelope', () => {
    const le = encodeGpkgGeometry(square, 4526);
    const be = Buffer.from(le);
    be[3] = be[3]! & ~1;
    be.writeInt32BE(4526, 4);
    for (let i = 0; i < 4; i++) be.writeDoubleBE(le.readDoubleLE(8 + 8 * i), 8 + 8 * i);
    const d = decodeGpkgGeometry(be);
    assert.equal(d.srsId, 4526);
    assert.deepEqual(d.envelope, [38370700, 38370750, 2966200, 2966250]);
    assert.deepEqual(d.geometry, square);
  });
});

describe('openGpkg', () => {
  it('reads the first feature table: fields, count, EPSG from gpkg_spatial_ref_sys, rows in order, empty geometry as null', async () => {
    const p = writeGpkg('a.gpkg', [
      { name: 'DLTB', srsId: 4526, rows: [{ props: { DLMC: '旱地', TBMJ: 2500, BSM: 1 }, geometry: square }, { props: { DLMC: '水田', TBMJ: null, BSM: 2 }, geometry: null }] },
      { name: 'YJJBNT', srsId: 4526, rows: [] },
    ], [EPSG_4526]);
    const src = openGpkg(p);
    assert.equal(src.format, 'gpkg');
    assert.equal(src.name, 'DLTB');
    assert.equal(src.count, 2);
    assert.equal(src.crs.epsg, 4526);
    assert.deepEqual(src.fields, [{ name: 'DLMC', type: 'string' }, { name: 'TBMJ', type: 'number' }, { name: 'BSM', type: 'integer' }]);
    assert.match(src.warnings[0]!.message, /read DLTB, not YJJBNT/);
    const got = [];
    for await (const f of src.features()) got.push({ n: f.n, properties: f.properties, geometry: f.geometry });
    await src.close();
    assert.deepEqual(got, [
      { n: 1, properties: { DLMC: '旱地', TBMJ: 2500, BSM: 1 }, geometry: square },
      { n: 2, properties: { DLMC: '水田', TBMJ: null, BSM: 2 }, geometry: null },
    ]);
    const other = openGpkg(p, { layer: 'yjjbnt' });
    assert.equal(other.name, 'YJJBNT');
    await other.close();
    assert.throws(() => openGpkg(p, { layer: 'nope' }), (e: { code?: string }) => e.code === 'IMPORT_LAYER_MISSING');
  });

  it('uses the WKT definition when the organization is not EPSG, and the coordinates when the SRS is undefined', () => {
    const a = writeGpkg('b.gpkg', [{ name: 'T', srsId: 100001, rows: [{ props: {}, geometry: square }] }], [{ id: 100001, org: 'NONE', code: 0, definition: PRJ_4526 }]);
    assert.equal(openGpkg(a).crs.epsg, 4526);
    const b = writeGpkg('c.gpkg', [{ name: 'T', srsId: 0, rows: [{ props: {}, geometry: square }] }], [{ id: 0, org: 'NONE', code: 0, definition: 'undefined' }]);
    const src = openGpkg(b);
    assert.equal(src.crs.epsg, 4526);
    assert.match(src.crs.source, /srs_id 0 undefined/);
  });

  it('names the feature whose geometry blob is not a GeoPackage geometry', async () => {
    const p = writeGpkg('d.gpkg', [{ name: 'T', srsId: 4526, rows: [{ props: {}, geometry: square }, { props: {}, geometry: null, raw: Buffer.from('not a geometry') }] }], [EPSG_4526]);
    const src = openGpkg(p);
    await rejectsCode(async () => {
      for await (const f of src.features()) void f;
    }, 'IMPORT_GPKG_INVALID', /feature 2 \(fid 2\): the geometry does not start with the GeoPackage magic/);
    await src.close();
  });

  it('refuses a SQLite file that is not a GeoPackage, and an unsupported EPSG', () => {
    const p = path.join(dir, 'plain.sqlite');
    const db = new Database(p);
    db.exec('CREATE TABLE t (x)');
    db.close();
    throwsCode(() => openGpkg(p), 'IMPORT_GPKG_INVALID', /not a GeoPackage/);
    const q = writeGpkg('e.gpkg', [{ name: 'T', srsId: 2362, rows: [] }], [{ id: 2362, org: 'EPSG', code: 2362, definition: 'x' }]);
    throwsCode(() => openGpkg(q), 'IMPORT_CRS_LEGACY_DATUM', /EPSG:2362/);
  });
});
