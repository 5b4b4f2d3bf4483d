import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { testDbs } from '../helpers/db.ts';
import { IMPORT_QUEUE } from '../../src/modules/gis/import-job.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';
import { EXAMPLE_TXT } from './formats/helpers.ts';
import { PRJ_4526, writeDbf, writePolygonShp, type Ring } from './formats/shp-writer.ts';
import { buildZip } from './formats/zip-writer.ts';

const X0 = 38370700;
const Y0 = 2966120;
const square = (x: number, y: number, s: number): Ring[] => [[[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]]];

function shapefileZip(names: string[], extra: { name: string; data: Buffer }[] = []): Buffer {
  const { shp, shx } = writePolygonShp(names.map((_, i) => square(X0 + i * 100, Y0, 50)));
  const dbf = writeDbf([{ name: 'DLBM', type: 'C', length: 10 }, { name: 'DLMC', type: 'C', length: 40 }], names.map((n) => ['0103', n]));
  return buildZip([{ name: 'dltb.shp', data: shp }, { name: 'dltb.shx', data: shx }, { name: 'dltb.dbf', data: dbf }, { name: 'dltb.prj', data: Buffer.from(PRJ_4526) }, ...extra]);
}

for (const kind of testDbs) {
  describe(`layer import through the API on ${kind.name}`, () => {
    let t: TestApp;
    let admin: string;
    before(async () => {
      t = await testApp(await kind.get());
      admin = await t.login((await t.user(['data_admin'], { department: 'survey_monitoring' })).username);
    });
    after(() => t.close());

    async function upload(name: string, bytes: Buffer): Promise<string> {
      const body = multipart(name, bytes);
      const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: admin, ...body.headers }, payload: body.payload });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id;
    }
    async function importAndRun(code: string, fileId: string, extra: Record<string, unknown> = {}) {
      const r = await t.app.inject({ method: 'POST', url: `/api/gis/layers/${code}/imports`, headers: { cookie: admin }, payload: { fileId, ...extra } });
      assert.equal(r.statusCode, 202, r.body);
      // Only imports: other modules' queued jobs (of other tests' regions) are not this test's business.
      while (await t.ctx.jobs.runOnce([IMPORT_QUEUE]));
      const job = await t.app.inject({ method: 'GET', url: `/api/gis/jobs/${r.json().jobId}`, headers: { cookie: admin } });
      return { start: r.json(), job: job.json() };
    }

    it('imports a zipped Shapefile with GBK attributes as a new national layer, with progress', async () => {
      const fileId = await upload('地类图斑.zip', shapefileZip(['旱地', '旱地', '旱地']));
      const { start, job } = await importAndRun('DLTB', fileId);
      assert.equal(start.version, 1);
      assert.equal(job.status, 'done', JSON.stringify(job));
      assert.equal(job.progress.features, 3);
      assert.equal(job.progress.percent, 100);
      assert.ok(job.progress.featuresPerSecond > 0);
      const layer = (await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB', headers: { cookie: admin } })).json();
      assert.equal(layer.name, '地类图斑（三调）');
      assert.equal(layer.versions[0].status, 'ready');
      assert.equal(layer.versions[0].source.crs.epsg, 4526);
      const f = (await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB/features', headers: { cookie: admin } })).json();
      assert.equal(f.features[0].properties.DLMC, '旱地');
      assert.ok(Math.abs(f.features[0].properties._area_m2 - 2500) < 3);
    });

    it('imports the national boundary-coordinate txt (GBK) as parcels', async () => {
      const fileId = await upload('红线.txt', iconv.encode(EXAMPLE_TXT, 'gbk'));
      const { job } = await importAndRun('HX', fileId, { define: { name: '项目红线', category: 'other', geometryType: 'polygon' } });
      assert.equal(job.status, 'done', JSON.stringify(job));
      const f = (await t.app.inject({ method: 'GET', url: '/api/gis/layers/HX/features', headers: { cookie: admin } })).json();
      assert.equal(f.numberMatched, 2);
      const areas = f.features.map((x: { properties: { _area_m2: number } }) => x.properties._area_m2).sort((a: number, b: number) => b - a);
      assert.ok(Math.abs(areas[0] - 7600) < 8 && Math.abs(areas[1] - 2000) < 2, `areas ${areas}`);
      const layer = (await t.app.inject({ method: 'GET', url: '/api/gis/layers/HX', headers: { cookie: admin } })).json();
      assert.equal(layer.versions[0].source.crs.epsg, 4526, 'zone 38 with prefix, from the 带号 and the coordinates');
      assert.ok(Array.isArray(layer.versions[0].source.warnings), 'the import report lists the reader warnings');
    });

    it('fails a zip with a ../ path as a job, records why, and publishes nothing', async () => {
      const bad = shapefileZip(['旱地'], [{ name: '../evil.shp', data: Buffer.from('x') }]);
      const fileId = await upload('evil.zip', bad);
      const { start, job } = await importAndRun('DLTB', fileId);
      assert.equal(job.status, 'failed');
      assert.match(job.error, /unsafe|\.\./i);
      const layer = (await t.app.inject({ method: 'GET', url: '/api/gis/layers/DLTB', headers: { cookie: admin } })).json();
      assert.equal(layer.currentVersion, 1, 'the published version is unchanged');
      const v = layer.versions.find((x: { version: number }) => x.version === start.version);
      assert.equal(v.status, 'failed');
      assert.match(v.error, /IMPORT_ZIP_UNSAFE_PATH/);
      const rows = await t.db.query('SELECT 1 FROM features f JOIN layers l ON l.id = f.layer_id WHERE l.region_code = $1 AND f.version = $2 AND l.code = $3', [t.region, start.version, 'DLTB']);
      assert.equal(rows.rowCount, 0);
    });

    it('refuses an import by staff without layer:manage, and of an unknown layer without a definition', async () => {
      const clerk = await t.login((await t.user(['window_clerk'])).username);
      const fileId = await upload('x.zip', shapefileZip(['旱地']));
      const denied = await t.app.inject({ method: 'POST', url: '/api/gis/layers/DLTB/imports', headers: { cookie: clerk }, payload: { fileId } });
      assert.equal(denied.statusCode, 403);
      const unknown = await t.app.inject({ method: 'POST', url: '/api/gis/layers/NEWLAYER/imports', headers: { cookie: admin }, payload: { fileId } });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().code, 'LAYER_NOT_FOUND');
    });
  });
}
