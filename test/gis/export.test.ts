import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Polygon, Position } from 'geojson';
import { detectCrsFromPrj } from '../../src/modules/gis/formats/crs.ts';
import { openZippedShapefile } from '../../src/modules/gis/formats/shapefile.ts';
import type { FieldDef } from '../../src/modules/gis/formats/types.ts';
import { openSafeZip } from '../../src/modules/gis/formats/zip.ts';
import { esriPrj } from '../../src/modules/gis/export/crs.ts';
import { dbfFieldNames, gbkLength } from '../../src/modules/gis/export/dbf.ts';
import { LayerExporter } from '../../src/modules/gis/export/service.ts';
import { shapeTypeFor } from '../../src/modules/gis/export/shapefile-writer.ts';
import { GisService } from '../../src/modules/gis/service.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { memorySource, rect } from './helpers.ts';

// Asynchronous: a synchronous child process would block the server under test.
const run = promisify(execFile);

// Gauss-Krüger 3° zone 38 with prefix (EPSG:4526), near 112.70°E 26.80°N.
const X0 = 38370700;
const Y0 = 2966120;
const LONG_NAME = '衡南县云集街道办事处花桥村民委员会第一村民小组农民集体经济组织';
const QUOTED = 'a, "quoted" value';
const FIELDS: FieldDef[] = [
  { name: 'DLBM', type: 'string' },
  { name: 'DLMC', type: 'string' },
  { name: 'QSDWMC', type: 'string' },
  { name: 'ZLDWMC_LONGNAME', type: 'string' },
  { name: 'ZLDWMC_LONGER', type: 'string' },
  { name: 'TBMJ', type: 'number' },
  { name: 'BSM', type: 'integer' },
];
const FEATURES = [
  { properties: { DLBM: '0103', DLMC: '旱地', QSDWMC: LONG_NAME, ZLDWMC_LONGNAME: QUOTED, ZLDWMC_LONGER: '=1+1', TBMJ: 7600.25, BSM: 1 }, geometry: rect(X0, Y0, 100, 80, [X0 + 40, Y0 + 30, 20, 20]) },
  { properties: { DLBM: '0301', DLMC: '乔木林地', QSDWMC: '花桥村', ZLDWMC_LONGNAME: 'plain', ZLDWMC_LONGER: null, TBMJ: 2000, BSM: 2 }, geometry: rect(X0 + 200, Y0, 50, 40) },
];

function near(a: Position[][], b: Position[][], tolerance: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: ring count`);
  a.forEach((ring, i) => ring.forEach((p, j) => {
    assert.ok(Math.abs(p[0]! - b[i]![j]![0]!) <= tolerance && Math.abs(p[1]! - b[i]![j]![1]!) <= tolerance, `${what}: ${p} vs ${b[i]![j]}`);
  }));
}

/** The ring's corners as a set of "x y" strings rounded to mm (orientation and start may differ). */
function corners(ring: Position[]): string[] {
  return [...new Set(ring.map(([x, y]) => `${x!.toFixed(3)} ${y!.toFixed(3)}`))].sort();
}

for (const kind of testDbs) {
  describe(`GET /api/gis/layers/:code/export on ${kind.name}`, () => {
    let t: TestApp;
    let gis: GisService;
    let admin: string;
    let clerk: string;
    const get = (query: string, cookie?: string) => t.app.inject({ method: 'GET', url: `/api/gis/layers/DLTB/export?${query}`, headers: cookie ? { cookie } : {} });

    before(async () => {
      t = await testApp(await kind.get());
      gis = new GisService(t.ctx);
      admin = await t.login((await t.user(['data_admin'], { department: 'survey_monitoring' })).username);
      clerk = await t.login((await t.user(['window_clerk'])).username);
      await gis.importSource(null, t.region, 'DLTB', memorySource(4526, FEATURES, FIELDS), { define: { name: '地类图斑', category: 'current', geometryType: 'polygon', access: 'staff' } });
    });
    after(() => t.close());

    it('streams GeoJSON that matches a direct query: count, properties, coordinates', async () => {
      const r = await get('format=geojson', admin);
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^application\/geo\+json/);
      assert.match(String(r.headers['content-disposition']), /^attachment; filename="DLTB_v1\.geojson"; filename\*=UTF-8''%E5%9C%B0%E7%B1%BB%E5%9B%BE%E6%96%91_DLTB_v1\.geojson$/);
      const fc = r.json();
      assert.equal(fc.type, 'FeatureCollection');
      assert.equal(fc.numberMatched, 2);
      const layer = await gis.layerForImport(t.region, 'DLTB');
      const direct = await gis.queryFeatures(layer, 1, { limit: 10, offset: 0 });
      assert.equal(fc.features.length, direct.features.length);
      fc.features.forEach((f: { id: number; properties: unknown; geometry: Polygon }, i: number) => {
        const d = direct.features[i]!;
        assert.equal(f.id, d.id);
        assert.deepEqual(f.properties, d.properties);
        near(f.geometry.coordinates, (d.geometry as Polygon).coordinates, 1e-7, `feature ${f.id}`);
      });
      assert.equal(fc.features[0].geometry.coordinates.length, 2, 'the hole is kept');
    });

    it('writes a zipped Shapefile that the project reader and GDAL read back: GBK attributes, .prj, holes', async () => {
      for (const crs of [4526, 4490]) {
        const r = await get(`format=shapefile&crs=${crs}`, admin);
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.headers['content-type'], 'application/zip');
        assert.equal(r.headers['x-feature-count'], '2');
        const dir = tempDir('landgov-export-test-');
        const zipPath = path.join(dir, 'out.zip');
        await fs.writeFile(zipPath, r.rawPayload);
        const src = await openZippedShapefile(zipPath);
        try {
          assert.equal(src.crs.epsg, crs, `.prj read as EPSG:${src.crs.epsg}`);
          assert.deepEqual(src.fields.map((f) => f.name), ['DLBM', 'DLMC', 'QSDWMC', 'ZLDWMC_LON', 'ZLDWMC_L_1', 'TBMJ', 'BSM']);
          assert.deepEqual(src.fields.map((f) => f.type), ['string', 'string', 'string', 'string', 'string', 'number', 'integer']);
          const read = [];
          for await (const f of src.features()) read.push(f);
          assert.equal(read.length, 2);
          assert.equal(read[0]!.properties.DLMC, '旱地');
          assert.equal(read[0]!.properties.QSDWMC, LONG_NAME);
          assert.equal(read[0]!.properties.ZLDWMC_LON, QUOTED);
          assert.equal(read[0]!.properties.TBMJ, 7600.25);
          assert.equal(read[1]!.properties.DLMC, '乔木林地');
          assert.equal(read[1]!.properties.BSM, 2);
          const g = read[0]!.geometry as Polygon;
          assert.equal(g.type, 'Polygon');
          assert.equal(g.coordinates.length, 2, 'a hole stays a hole');
          if (crs === 4526) {
            // 4526 → 4490 on import → 4526 on export returns the surveyed corners to the millimetre.
            const original = FEATURES[0]!.geometry as Polygon;
            assert.deepEqual(corners(g.coordinates[0]!), corners(original.coordinates[0]!));
            assert.deepEqual(corners(g.coordinates[1]!), corners(original.coordinates[1]!));
          }
        } finally {
          await src.close();
        }
        await gdalReads(dir, zipPath, crs);
      }
    });

    async function gdalReads(dir: string, zipPath: string, crs: number) {
      const version = await run('ogrinfo', ['--version']).then((x) => x.stdout, () => null);
      if (!version) return; // GDAL is optional on developer machines; CI installs gdal-bin
      const zip = await openSafeZip(zipPath);
      try {
        for (const e of zip.entries) await zip.extract(e, path.join(dir, path.basename(e.name)));
      } finally {
        zip.close();
      }
      const out = (await run('ogrinfo', ['-ro', '-al', path.join(dir, 'DLTB.shp')], { encoding: 'utf8', maxBuffer: 8 * 1024 * 1024, timeout: 60_000 })).stdout;
      assert.match(out, /Feature Count: 2/);
      assert.match(out, /DLMC \(String\) = 旱地/);
      assert.match(out, new RegExp(`QSDWMC \\(String\\) = ${LONG_NAME}`));
      assert.match(out, /DLMC \(String\) = 乔木林地/);
      assert.match(out, crs === 4526 ? /CGCS2000.*(Zone|zone) 38/ : /China Geodetic Coordinate System 2000|CGCS2000/);
      assert.match(out, /POLYGON \(\([^)]*\),\([^)]*\)\)/, 'GDAL sees the hole as an inner ring');
    }

    it('writes CSV with BOM, header, RFC 4180 quoting, CRLF and WKT', async () => {
      const r = await get('format=csv', admin);
      assert.equal(r.statusCode, 200);
      assert.match(String(r.headers['content-type']), /^text\/csv/);
      const bytes = r.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      assert.equal(lines[0], 'DLBM,DLMC,QSDWMC,ZLDWMC_LONGNAME,ZLDWMC_LONGER,TBMJ,BSM,area_m2,wkt');
      assert.ok(lines[1]!.startsWith(`0103,旱地,${LONG_NAME},"a, ""quoted"" value",'=1+1,7600.25,1,`), lines[1]);
      assert.match(lines[1]!, /,"POLYGON\(\(112\.\d+ 26\.\d+,.*\),\(.*\)\)"$/);
      assert.equal(lines[3], '', 'CRLF after the last row');
      assert.equal(lines.length, 4);
      const none = await get('format=csv&geometry=none', admin);
      assert.equal(none.rawPayload.subarray(3).toString('utf8').split('\r\n')[0], 'DLBM,DLMC,QSDWMC,ZLDWMC_LONGNAME,ZLDWMC_LONGER,TBMJ,BSM,area_m2');
    });

    it('restricts the export to a bbox (EPSG:4490) and to property values', async () => {
      const east = (await get('format=geojson&bbox=112.7015,26.79,112.71,26.81', admin)).json();
      assert.deepEqual(east.features.map((f: { properties: { DLBM: string } }) => f.properties.DLBM), ['0301']);
      const paddy = await get('format=csv&prop.DLBM=0103&geometry=none', admin);
      assert.equal(paddy.headers['x-feature-count'], '1');
      assert.equal(paddy.rawPayload.toString('utf8').split('\r\n').length, 3);
      const shp = await get('format=shapefile&prop.DLMC=乔木林地', admin);
      assert.equal(shp.headers['x-feature-count'], '1');
      const unknown = await get('format=csv&prop.NOPE=1', admin);
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().code, 'PROPERTY_UNKNOWN');
    });

    it('refuses staff without layer:export (403), anonymous callers (401), unknown formats and CRS (400)', async () => {
      assert.equal((await get('format=geojson', clerk)).statusCode, 403);
      assert.equal((await get('format=geojson')).statusCode, 401);
      const format = await get('format=dwg', admin);
      assert.equal(format.statusCode, 400);
      assert.equal(format.json().code, 'EXPORT_FORMAT_UNSUPPORTED');
      const crs = await get('format=geojson&crs=3857', admin);
      assert.equal(crs.statusCode, 400);
      assert.equal(crs.json().code, 'EXPORT_CRS_UNSUPPORTED');
    });

    it('audits every export with format, count and bbox', async () => {
      const r = await get('format=csv&bbox=112.7015,26.79,112.71,26.81', admin);
      assert.equal(r.statusCode, 200);
      const rows = await t.db.query<{ result: string; detail: { format: string; count: number; bbox: string | null; status: number }; username: string }>(
        `SELECT result, detail, username FROM audit_log WHERE region_code = $1 AND action = 'gis.export' AND object_type = 'layer' AND object_id = 'DLTB@1' ORDER BY id DESC LIMIT 1`, [t.region]);
      const row = rows.rows[0]!;
      assert.equal(row.result, 'success');
      assert.deepEqual({ format: row.detail.format, count: row.detail.count, bbox: row.detail.bbox, status: row.detail.status }, { format: 'csv', count: 1, bbox: '112.7015,26.79,112.71,26.81', status: 200 });
      const refused = await t.db.query(`SELECT 1 FROM audit_log WHERE region_code = $1 AND action = 'gis.export' AND result = 'failure' AND detail ->> 'code' = 'EXPORT_FORMAT_UNSUPPORTED'`, [t.region]);
      assert.equal(refused.rowCount, 1, 'a refused export is audited too');
    });

    it('refuses a Shapefile above the size limit with EXPORT_TOO_LARGE and leaves no temp files', async () => {
      // A 400-vertex polygon with one short attribute: a few hundred .dbf bytes, 6 kB of .shp.
      const circle = Array.from({ length: 401 }, (_, i) => [X0 + 50 * Math.cos((2 * Math.PI * (i % 400)) / 400), Y0 - 500 + 50 * Math.sin((2 * Math.PI * (i % 400)) / 400)]);
      await gis.importSource(null, t.region, 'ROUND', memorySource(4526, [{ properties: { MC: '圆' }, geometry: { type: 'Polygon', coordinates: [circle] } }]), { define: { name: '圆', category: 'other', geometryType: 'polygon' } });
      const round = await gis.layerForImport(t.region, 'ROUND');
      const tmpRoot = tempDir('landgov-export-tmp-');
      const limited = (maxShapefileBytes?: number) => new LayerExporter(t.db, { tmpRoot, maxShapefileBytes });
      // The .dbf is sized before anything is written; the .shp is checked while it is written.
      await assert.rejects(limited(50).export(round, 1, { format: 'shapefile' }), (e: { code?: string; status?: number }) => e.code === 'EXPORT_TOO_LARGE' && e.status === 413);
      await assert.rejects(limited(2000).export(round, 1, { format: 'shapefile' }), { code: 'EXPORT_TOO_LARGE' });
      assert.deepEqual(await fs.readdir(tmpRoot), [], 'no temp files after a refusal mid-write');
      const ok = await limited().export(round, 1, { format: 'shapefile' });
      assert.equal((await fs.readdir(tmpRoot)).length, 1, 'the parts wait in a temp dir while the zip streams');
      for await (const chunk of ok.body) assert.ok((chunk as Buffer).length > 0);
      await waitFor(async () => (await fs.readdir(tmpRoot)).length === 0);
    });
  });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('the temp directory was not removed');
}

describe('export building blocks', () => {
  it('writes an ESRI .prj for 4490, 4326 and every 3° Gauss-Krüger code that the reader maps back', () => {
    for (const epsg of [4490, 4326, ...Array.from({ length: 42 }, (_, i) => 4513 + i)]) assert.equal(detectCrsFromPrj(esriPrj(epsg)).epsg, epsg, `EPSG:${epsg}`);
    assert.match(esriPrj(4526), /^PROJCS\["CGCS2000_3_Degree_GK_Zone_38",.*"False_Easting",38500000\.0\].*"Central_Meridian",114\.0\]/);
    assert.match(esriPrj(4547), /^PROJCS\["CGCS2000_3_Degree_GK_CM_114E",/);
    assert.throws(() => esriPrj(3857), { code: 'EXPORT_CRS_UNSUPPORTED' });
  });

  it('makes .dbf field names of at most 10 ASCII characters, unique regardless of case', () => {
    assert.deepEqual(dbfFieldNames(['DLBM', 'ZLDWMC_LONGNAME', 'ZLDWMC_LONGER', 'zldwmc_lon', '地类名称', '2020MJ']), ['DLBM', 'ZLDWMC_LON', 'ZLDWMC_L_1', 'zldwmc_l_2', 'FIELD5', 'F2020MJ']);
    assert.equal(gbkLength('旱地 A'), 6);
  });

  it('picks one shape type, refusing mixed geometry types', () => {
    assert.equal(shapeTypeFor(['POLYGON', 'MULTIPOLYGON'], 'polygon'), 5);
    assert.equal(shapeTypeFor([], 'line'), 3);
    assert.equal(shapeTypeFor(['POINT', 'MULTIPOINT'], 'point'), 8);
    assert.throws(() => shapeTypeFor(['POLYGON', 'LINESTRING'], 'polygon'), { code: 'EXPORT_MIXED_GEOMETRY' });
  });
});
