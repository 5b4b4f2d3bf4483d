import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { box, boundaryTxt, buildCounty, form, importLayer } from './helpers.ts';

type Result = { ruleId: string; verdict: string; computedVerdict: string; area: { m2: number }; features: { fid: number }[]; ignored: { reason: { zh: string; en: string } }[]; guard: { tripped: boolean } | null; override?: { reason: string; verdict: string } };
const rule = (r: { results: Result[] }, id: string) => r.results.find((x) => x.ruleId === id)!;

for (const kind of testDbs) {
  describe(`review rules, re-runs and overrides on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    let handler: string;
    let admin: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
      handler = await t.login((await t.user(['case_handler'])).username);
      admin = await t.login((await t.user(['data_admin'])).username);
    });
    after(() => t.close());

    const review = async (rect: [number, number, number, number], fields: Record<string, string> = {}, itemCode = 'YDYS') => {
      const f = form({ itemCode, ...fields }, { name: '红线.txt', bytes: Buffer.from(boundaryTxt([{ rect }])) });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };

    it('keeps reports to their region', async () => {
      const r = await review([50, 50, 100, 100]);
      const other = await testApp(t.db);
      try {
        const stranger = await other.login((await other.user(['window_clerk'])).username);
        const res = await other.app.inject({ method: 'GET', url: `/api/reviews/${r.id}`, headers: { cookie: stranger } });
        assert.equal(res.statusCode, 404);
        assert.equal(res.json().code, 'REPORT_NOT_FOUND');
      } finally {
        await other.close();
      }
    });

    it('agrees with PostGIS ST_Area(ST_Intersection(…)::geography) on every rule', async () => {
      const r = await review([50, 50, 100, 100]);
      for (const res of r.results as (Result & { layer: { code: string; version: number }; measure: string })[]) {
        if (res.measure === 'distance' || res.features.length === 0 && !res.measure.startsWith('outside')) continue;
        const fids = res.features.map((f) => f.fid);
        const sql = res.measure.startsWith('outside')
          ? `SELECT ST_Area(ST_Difference(b.boundary, ST_Union(f.geom))::geography) AS a`
          : `SELECT ST_Area(ST_Intersection(ST_Union(f.geom), b.boundary)::geography) AS a`;
        const q = await t.db.query<{ a: number }>(
          `${sql} FROM features f JOIN layers l ON l.id = f.layer_id, review_reports b
            WHERE b.id = $1 AND l.region_code = $2 AND l.code = $3 AND f.version = $4 AND f.fid = ANY($5::int[]) GROUP BY b.boundary`,
          [r.id, t.region, res.layer.code, res.layer.version, fids],
        );
        const expected = q.rows[0]!.a;
        assert.ok(Math.abs(res.area.m2 - expected) <= Math.max(0.1, expected * 1e-4), `${res.ruleId}: ${res.area.m2} vs PostGIS ${expected}`);
      }
    });

    it('lists overlaps below the tolerance as ignored, with the reason, instead of counting them', async () => {
      // [50, 140.3] × [50, 150] touches the red line [140, 200]² by a 0.3 m × 10 m strip (3 m², narrower than 0.5 m).
      const narrow = await review([50, 50, 90.3, 100]);
      const red = rule(narrow, 'STBHHX_OVERLAP');
      assert.equal(red.verdict, 'PASS');
      assert.equal(red.area.m2, 0);
      assert.equal(red.ignored.length, 1);
      assert.match(red.ignored[0]!.reason.zh, /宽度不足 0\.5 米/);
      // A 0.2 m × 0.2 m corner: 0.04 m², below the minimum area.
      const corner = await review([50, 50, 90.2, 90.2]);
      assert.match(rule(corner, 'STBHHX_OVERLAP').ignored[0]!.reason.en, /below tolerance/);
      assert.equal(rule(corner, 'STBHHX_OVERLAP').verdict, 'PASS');
    });

    it('re-running on the same versions gives identical numbers', async () => {
      const first = await review([50, 50, 100, 100]);
      const res = await t.app.inject({ method: 'POST', url: `/api/reviews/${first.id}/rerun`, headers: { cookie: clerk }, payload: { pinVersions: true } });
      assert.equal(res.statusCode, 201, res.body);
      const again = res.json();
      assert.notEqual(again.reportNo, first.reportNo);
      assert.deepEqual(again.results, first.results);
      assert.deepEqual(again.landUse, first.landUse);
      assert.deepEqual(again.layerVersions, first.layerVersions);
      assert.equal(again.previousReportId, first.id);
      assert.equal(again.diff.changed, false);
    });

    it('an edited threshold changes the verdict; every edit is a validated, audited new version', async () => {
      const before = await review([50, 50, 100, 100]);
      assert.equal(rule(before, 'GD_OCCUPY').verdict, 'WARN');
      const current = (await t.app.inject({ method: 'GET', url: '/api/review-rule-sets/YDYS', headers: { cookie: admin } })).json();
      const rules = structuredClone(current.rules);
      rules.find((r: { id: string }) => r.id === 'GD_OCCUPY').thresholds[0].value = 10000;
      const denied = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/YDYS', headers: { cookie: clerk }, payload: { rules } });
      assert.equal(denied.statusCode, 403);
      const bad = structuredClone(rules);
      bad[0].layer = 'NO_SUCH_LAYER';
      bad[1].thresholds = [{ ...bad[1].thresholds[0], value: 100 }, { ...bad[1].thresholds[0], value: 50 }];
      bad[1].filter = { field: 'NO_FIELD', prefix: ['01'] };
      const invalid = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/YDYS', headers: { cookie: admin }, payload: { rules: bad } });
      assert.equal(invalid.statusCode, 422);
      assert.equal(invalid.json().code, 'RULE_SET_INVALID');
      assert.match(invalid.json().detail, /unknown layer NO_SUCH_LAYER/);
      assert.match(invalid.json().detail, /strictly increasing/);
      assert.match(invalid.json().detail, /layer DLTB has no field NO_FIELD/);
      const saved = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/YDYS', headers: { cookie: admin }, payload: { rules, note: '耕地提示阈值调整为 1 公顷' } });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.json().version, current.version + 1);
      const after = await review([50, 50, 100, 100]);
      assert.equal(rule(after, 'GD_OCCUPY').verdict, 'PASS');
      assert.equal(after.ruleSetVersion, current.version + 1);
      const history = (await t.app.inject({ method: 'GET', url: '/api/review-rule-sets/YDYS/history', headers: { cookie: admin } })).json();
      assert.deepEqual(history.map((h: { version: number }) => h.version), [current.version + 1, current.version]);
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE region_code = $1 AND action = 'review.rule_set_update' AND object_id = $2`, [t.region, `YDYS@${current.version + 1}`]);
      assert.equal(audit.rowCount, 1);
    });

    it('an override needs a written reason, is audited, and shows beside the computed verdict', async () => {
      const r = await review([50, 50, 100, 100], {}, 'JSGCGH');
      const url = `/api/reviews/${r.id}/overrides`;
      const noRight = await t.app.inject({ method: 'POST', url, headers: { cookie: clerk }, payload: { ruleId: 'STBHHX_OVERLAP', verdict: 'PASS', reason: '红线数据边界误差，已现场核实不占用' } });
      assert.equal(noRight.statusCode, 403);
      const short = await t.app.inject({ method: 'POST', url, headers: { cookie: handler }, payload: { ruleId: 'STBHHX_OVERLAP', verdict: 'PASS', reason: '误报' } });
      assert.equal(short.statusCode, 422);
      assert.equal(short.json().code, 'OVERRIDE_REASON_REQUIRED');
      const ok = await t.app.inject({ method: 'POST', url, headers: { cookie: handler }, payload: { ruleId: 'STBHHX_OVERLAP', verdict: 'PASS', reason: '红线数据边界误差，已现场核实不占用' } });
      assert.equal(ok.statusCode, 200, ok.body);
      const red = rule(ok.json(), 'STBHHX_OVERLAP');
      assert.equal(red.computedVerdict, 'FAIL');
      assert.equal(red.verdict, 'PASS');
      assert.equal(red.override!.reason, '红线数据边界误差，已现场核实不占用');
      assert.equal(ok.json().overallComputed, 'FAIL');
      assert.equal(ok.json().overrides.length, 1);
      const audit = await t.db.query<{ detail: { computedVerdict: string; reason: string } }>(`SELECT detail FROM audit_log WHERE region_code = $1 AND action = 'review.override' AND object_id = $2`, [t.region, r.reportNo]);
      assert.equal(audit.rows[0]!.detail.computedVerdict, 'FAIL');
      const fetched = (await t.app.inject({ method: 'GET', url: `/api/reviews/${r.id}`, headers: { cookie: clerk } })).json();
      assert.equal(rule(fetched, 'STBHHX_OVERLAP').override!.verdict, 'PASS');
      const unknown = await t.app.inject({ method: 'POST', url, headers: { cookie: handler }, payload: { ruleId: 'NO_SUCH_RULE', verdict: 'PASS', reason: '这是一条足够长的书面理由' } });
      assert.equal(unknown.statusCode, 404);
    });

    it('re-running on the current versions records the diff', async () => {
      const r = await review([50, 50, 100, 100]);
      await importLayer(t, 'DLTB', [
        { properties: { BSM: 1, DLBM: '0101', DLMC: '水田', QSXZ: '30' }, geometry: box(0, 0, 200, 100) },
        { properties: { BSM: 2, DLBM: '0301', DLMC: '乔木林地', QSXZ: '30' }, geometry: box(0, 100, 200, 100) },
      ]);
      const res = await t.app.inject({ method: 'POST', url: `/api/reviews/${r.id}/rerun`, headers: { cookie: clerk }, payload: {} });
      assert.equal(res.statusCode, 201, res.body);
      const diff = res.json().diff;
      assert.equal(diff.changed, true);
      assert.ok(diff.layers.some((l: { code: string }) => l.code === 'DLTB'));
      assert.ok(res.json().landUse.rows.length === 2);
    });
  });

  describe(`GEOS failure guard in reviews on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
    });
    after(() => t.close());

    it('says MANUAL with the reason, never "no overlap", when an overlay fails', async () => {
      // A self-intersecting red line (something an import never stores) across the boundary.
      await t.db.query(
        `UPDATE features f SET geom = ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[
           ST_Transform(ST_SetSRID(ST_MakePoint($2 + 60, $3 + 60), 4526), 4490), ST_Transform(ST_SetSRID(ST_MakePoint($2 + 140, $3 + 140), 4526), 4490),
           ST_Transform(ST_SetSRID(ST_MakePoint($2 + 140, $3 + 60), 4526), 4490), ST_Transform(ST_SetSRID(ST_MakePoint($2 + 60, $3 + 140), 4526), 4490),
           ST_Transform(ST_SetSRID(ST_MakePoint($2 + 60, $3 + 60), 4526), 4490)])), 4490)
          FROM layers l WHERE l.id = f.layer_id AND l.region_code = $1 AND l.code = 'STBHHX'`,
        [t.region, 38370700, 2966120],
      );
      const f = form({ itemCode: 'JSGCGH' }, { name: '红线.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
      assert.equal(res.statusCode, 201, res.body);
      const red = rule(res.json(), 'STBHHX_OVERLAP');
      assert.equal(red.verdict, 'MANUAL');
      assert.equal(red.guard!.tripped, true);
      assert.notEqual(res.json().overall, 'PASS');
      assert.match((red as unknown as { message: { zh: string } }).message.zh, /需人工核查/);
    });
  });
}
