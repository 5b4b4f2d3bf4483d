import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { boundaryTxt, buildCounty, ellipsoidalRectArea } from './helpers.ts';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= Math.max(0.1, expected * 1e-4), `${what}: ${actual} vs expected ${expected}`);

for (const kind of testDbs) {
  describe(`review analysis on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
    });
    after(() => t.close());

    const run = async (itemCode: string, txt: string) => {
      const m = multipart('红线.txt', Buffer.from(txt, 'utf8'));
      const form = Buffer.concat([Buffer.from(`--${m.headers['content-type'].split('boundary=')[1]}\r\nContent-Disposition: form-data; name="itemCode"\r\n\r\n${itemCode}\r\n`), m.payload]);
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...m.headers, cookie: clerk }, payload: form });
      return res;
    };

    it('reports exact ellipsoidal areas per rule for a square boundary', async () => {
      const res = await run('YDYS', boundaryTxt([{ rect: [50, 50, 100, 100] }]));
      assert.equal(res.statusCode, 201, res.body);
      const r = res.json();
      const by = (id: string) => r.results.find((x: { ruleId: string }) => x.ruleId === id);
      close(r.boundary.area.m2, ellipsoidalRectArea(50, 50, 100, 100), 'boundary');
      close(by('YJJBNT_OCCUPY').area.m2, ellipsoidalRectArea(50, 50, 50, 50, [[60, 60, 20, 20]]), 'permanent farmland with a hole');
      assert.equal(by('YJJBNT_OCCUPY').verdict, 'FAIL');
      close(by('GD_OCCUPY').area.m2, ellipsoidalRectArea(50, 50, 100, 50), 'cultivated');
      assert.equal(by('GD_OCCUPY').verdict, 'WARN');
      close(by('STBHHX_OVERLAP').area.m2, ellipsoidalRectArea(140, 140, 10, 10), 'red line');
      close(by('CZKFBJ_OUTSIDE').area.m2, ellipsoidalRectArea(120, 50, 30, 100), 'outside urban boundary');
      assert.equal(by('CZKFBJ_OUTSIDE').verdict, 'WARN');
      close(by('GHYT_MISMATCH').area.m2, ellipsoidalRectArea(50, 100, 100, 50), 'planned 0101 is not allowed');
      assert.equal(by('GHYT_MISMATCH').verdict, 'FAIL');
      close(by('PZYD_OVERLAP').area.m2, ellipsoidalRectArea(50, 50, 10, 10), 'approved');
      assert.equal(by('GYD_OVERLAP').verdict, 'PASS');
      close(by('CKQ_OVERLAP').area.m2, ellipsoidalRectArea(130, 50, 20, 20), 'mining');
      close(by('DZZH_HIGH').area.m2, ellipsoidalRectArea(50, 50, 100, 10), 'high hazard');
      assert.equal(by('STBHHX_NEAR').distanceM, 0);
      assert.equal(r.overall, 'FAIL');
      assert.match(r.reportNo, new RegExp(`^SC${t.region}\\d{8}\\d{4}$`));
      assert.equal(r.landUse.rows.length, 4);
      assert.ok(r.landUse.coveredShare > 0.9999, `covered ${r.landUse.coveredShare}`);
      assert.ok(by('GD_OCCUPY').advice.zh.includes('占补平衡'));
      const paddy = r.landUse.rows.find((x: { dlbm: string }) => x.dlbm === '0101');
      close(paddy.area.m2, ellipsoidalRectArea(50, 50, 50, 50), 'paddy');
      close(paddy.netArea.m2, ellipsoidalRectArea(50, 50, 50, 50) * 0.9, 'paddy net of 10 % 田坎');
    });
  });
}
