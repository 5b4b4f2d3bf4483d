import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { STARTER_RULE_SETS } from '../../src/modules/review/rules/starter.ts';
import { validateRules } from '../../src/modules/review/rules/validate.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { boundaryTxt, buildCounty, form } from './helpers.ts';

const msg = (zh: string) => ({ zh, en: zh });

describe('rule-set validation', () => {
  it('accepts every starter rule set', () => {
    for (const [item, rules] of Object.entries(STARTER_RULE_SETS)) assert.doesNotThrow(() => validateRules(rules, []), item);
  });
  it('refuses unknown measures, a distance rule without radius, badly ordered thresholds and verdicts', () => {
    const base = { id: 'R1', title: msg('x'), layer: 'DLTB', otherwise: { verdict: 'PASS', message: msg('x') } };
    const cases: [unknown, RegExp][] = [
      [[{ ...base, measure: 'perimeter', thresholds: [] }], /measure/],
      [[{ ...base, measure: 'distance', thresholds: [] }], /searchRadiusM/],
      [[{ ...base, measure: 'distance', searchRadiusM: 100, thresholds: [{ value: 10, verdict: 'WARN', message: msg('a') }, { value: 50, verdict: 'FAIL', message: msg('b') }] }], /strictly decreasing/],
      [[{ ...base, measure: 'intersect_area', thresholds: [{ value: 10, verdict: 'FAIL', message: msg('a') }, { value: 50, verdict: 'WARN', message: msg('b') }] }], /less severe/],
      [[{ ...base, measure: 'intersect_share', thresholds: [{ value: 5, verdict: 'FAIL', message: msg('a') }] }], /between 0 and 1/],
      [[{ ...base, measure: 'intersect_area', thresholds: [] }, { ...base, measure: 'intersect_area', thresholds: [] }], /used twice/],
    ];
    for (const [rules, re] of cases) {
      try {
        validateRules(rules, []);
        assert.fail(`accepted ${JSON.stringify(rules).slice(0, 80)}`);
      } catch (err) {
        assert.ok(err instanceof AppError && err.code === 'RULE_SET_INVALID', String(err));
        assert.match(err.message, re);
      }
    }
  });
});

for (const kind of testDbs) {
  describe(`rule measures on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
      const admin = await t.login((await t.user(['data_admin'])).username);
      const rules = [
        { id: 'GD_SHARE', title: msg('耕地占比'), layer: 'DLTB', filter: { field: 'DLBM', prefix: ['01'] }, measure: 'intersect_share', otherwise: { verdict: 'PASS', message: msg('少') },
          thresholds: [{ value: 0.3, verdict: 'WARN', message: msg('耕地占 {share}') }, { value: 0.6, verdict: 'FAIL', message: msg('耕地占 {share}') }] },
        { id: 'KFBJ_SHARE', title: msg('界外占比'), layer: 'CZKFBJ', measure: 'outside_share', otherwise: { verdict: 'PASS', message: msg('界外 {share}') },
          thresholds: [{ value: 0.5, verdict: 'FAIL', message: msg('界外 {share}') }] },
        { id: 'GYD_NEAR', title: msg('临近已供地'), layer: 'GYD', measure: 'distance', searchRadiusM: 100, otherwise: { verdict: 'PASS', message: msg('远') },
          thresholds: [{ value: 50, verdict: 'WARN', message: msg('距 {distanceM} 米') }, { value: 20, verdict: 'FAIL', message: msg('距 {distanceM} 米') }] },
        { id: 'NO_DATA', title: msg('无数据'), layer: 'KFYQ', measure: 'intersect_area', otherwise: { verdict: 'PASS', message: msg('x') }, thresholds: [] },
      ];
      const res = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/TESTX', headers: { cookie: admin }, payload: { rules } });
      assert.equal(res.statusCode, 422, 'KFYQ is not a known layer');
      const ok = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/TESTX', headers: { cookie: admin }, payload: { rules: rules.slice(0, 3) } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().version, 1);
    });
    after(() => t.close());

    it('measures shares, the share outside, and distances, mapping them through the thresholds', async () => {
      const f = form({ itemCode: 'TESTX' }, { name: 'a.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
      assert.equal(res.statusCode, 201, res.body);
      const by = (id: string) => res.json().results.find((r: { ruleId: string }) => r.ruleId === id);
      assert.ok(Math.abs(by('GD_SHARE').share - 0.5) < 1e-4, `share ${by('GD_SHARE').share}`);
      assert.equal(by('GD_SHARE').verdict, 'WARN');
      assert.match(by('GD_SHARE').message.zh, /耕地占 50\.0\d%/);
      assert.ok(Math.abs(by('KFBJ_SHARE').share - 0.3) < 1e-4, `outside share ${by('KFBJ_SHARE').share}`);
      assert.equal(by('KFBJ_SHARE').verdict, 'PASS');
      // From the corner (150,150) to the supplied parcel's corner (180,180): 30√2 ≈ 42.43 m.
      assert.ok(Math.abs(by('GYD_NEAR').distanceM - 42.43) < 0.1, `distance ${by('GYD_NEAR').distanceM}`);
      assert.equal(by('GYD_NEAR').verdict, 'WARN');
      assert.equal(by('GYD_NEAR').features.length, 1);
    });

    it('says MANUAL when a rule’s layer has no data', async () => {
      const admin = await t.login((await t.user(['data_admin'])).username);
      const rules = [{ id: 'NO_DATA', title: msg('无数据'), layer: 'PZYD', measure: 'intersect_area', otherwise: { verdict: 'PASS', message: msg('x') }, thresholds: [] }];
      await t.db.query(`UPDATE layers SET current_version = NULL WHERE region_code = $1 AND code = 'PZYD'`, [t.region]);
      const ok = await t.app.inject({ method: 'PUT', url: '/api/review-rule-sets/TESTY', headers: { cookie: admin }, payload: { rules } });
      assert.equal(ok.statusCode, 200, ok.body);
      const f = form({ itemCode: 'TESTY' }, { name: 'a.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload });
      assert.equal(res.json().results[0].verdict, 'MANUAL');
      assert.equal(res.json().overall, 'MANUAL');
      assert.equal(res.json().layerVersions.PZYD, null);
    });
  });
}
