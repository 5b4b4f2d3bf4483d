import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { GisService } from '../../src/modules/gis/service.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { memorySource, rect } from './helpers.ts';

// Asynchronous: the server answering GDAL runs in this same process.
const run = promisify(execFile);
const hasGdal = spawnSync('ogrinfo', ['--version']).status === 0;
const reason = 'GDAL is not installed; install it with: apt-get install -y gdal-bin';

// A real OGC API client against the real server: GDAL's OAPIF driver.
describe('OGC API Features with GDAL ogrinfo as the client', { skip: hasGdal ? false : reason }, () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await testApp(await testDbs[0]!.get());
    const gis = new GisService(t.ctx);
    const features = Array.from({ length: 25 }, (_, i) => ({ properties: { XZQMC: `村${i + 1}`, XZQDM: `430422001${String(i + 1).padStart(3, '0')}` }, geometry: rect(38370000 + i * 200, 2966000, 150, 150) }));
    await gis.importSource(null, t.region, 'XZQ', memorySource(4526, features), { define: { name: '行政区', nameEn: 'Divisions', category: 'base', geometryType: 'polygon', access: 'public' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    // The served region is the test app's own (REGION_CODE), so anonymous readers see this layer.
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/ogc`;
  });
  after(() => t.close());

  it('lists the collection and reads every feature across pages, with Chinese attributes', async () => {
    const list = (await run('ogrinfo', ['-ro', '-q', `OAPIF:${base}`], { encoding: 'utf8', timeout: 60_000 })).stdout;
    assert.match(list, /XZQ/);
    const out = (await run('ogrinfo', ['-ro', '-al', '-oo', 'PAGE_SIZE=10', `OAPIF:${base}`, 'XZQ'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 60_000 })).stdout;
    assert.match(out, /Feature Count: 25|OGRFeature\(XZQ\):25/);
    assert.match(out, /XZQMC \(String\) = 村25/);
    assert.match(out, /POLYGON|MULTIPOLYGON/);
  });
});
