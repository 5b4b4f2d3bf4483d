import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

const CODES = ['BDCDJ', 'CKQDJ', 'CLBZCQ', 'GHHS', 'JSGCGH', 'JSYDGH', 'LSYD', 'XCJSGH', 'YDYS'];

for (const kind of testDbs) {
  describe(`service-item catalogue on ${kind.name}`, () => {
    let t: TestApp;
    let admin: string;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      admin = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
      clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
    });
    after(() => t.close());

    it('GET /api/service-items lists the seeded county items to anonymous callers', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/service-items' });
      assert.equal(res.statusCode, 200);
      const items = res.json().items as { code: string; guide: Record<string, unknown> }[];
      assert.deepEqual(items.map((i) => i.code), CODES);
      const ydys = items.find((i) => i.code === 'YDYS')!.guide as Record<string, any>;
      assert.equal(ydys.name, '建设项目用地预审与选址意见书核发');
      assert.equal(ydys.kind, '行政许可');
      assert.equal(ydys.spatialReview.required, true);
      assert.match(ydys.implementationCode, /^11430422MB1C73208X/);
      assert.ok(ydys.materials.some((m: any) => m.code === 'boundary_txt' && m.requirement === 'required'));
      assert.ok(['全程网办', '网上申报', '网上预审', '窗口办理'].includes(ydys.onlineDepth));
      const keys = ydys.formSchema.fields.map((f: any) => f.key);
      for (const k of ['projectName', 'location', 'landArea', 'projectType', 'supplyMethod']) assert.ok(keys.includes(k), k);
      const bdcdj = items.find((i) => i.code === 'BDCDJ')!.guide as Record<string, any>;
      assert.equal(bdcdj.legalDays, 30);
      assert.equal(bdcdj.promisedDays, 5);
      assert.equal(bdcdj.spatialReview.required, false);
    });

    it('GET /api/service-items/{code} returns one guide, 404 ITEM_NOT_FOUND for an unknown code', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().guide.resultName, '建设用地规划许可证');
      const missing = await t.app.inject({ method: 'GET', url: '/api/service-items/NOPE' });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'ITEM_NOT_FOUND');
    });

    it('GET /api/service-items/{code}/process shows the current definition', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/service-items/YDYS/process' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().version, 1);
      assert.ok(res.json().graph.nodes.some((n: any) => n.type === 'fork'));
    });

    it('PUT /api/service-items/{code} writes a new version, keeps the old one, and audits', async () => {
      const cur = (await t.app.inject({ method: 'GET', url: '/api/service-items/LSYD' })).json();
      const guide = { ...cur.guide, promisedDays: 8 };
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/LSYD', headers: { cookie: admin }, payload: { expectedVersion: cur.version, reason: '实施清单调整承诺时限', guide } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().version, cur.version + 1);
      assert.equal(res.json().guide.promisedDays, 8);
      const versions = await t.app.inject({ method: 'GET', url: '/api/service-items/LSYD/versions', headers: { cookie: admin } });
      assert.deepEqual(versions.json().versions.map((v: any) => [v.version, v.guide.promisedDays]), [[cur.version + 1, 8], [cur.version, cur.guide.promisedDays]]);
      const audit = await t.db.query<{ detail: any }>(`SELECT detail FROM audit_log WHERE region_code = $1 AND action = 'approval.item_edit' AND object_id = 'LSYD'`, [t.region]);
      assert.equal(audit.rowCount, 1);
      assert.deepEqual(audit.rows[0]!.detail.changed, ['promisedDays']);
    });

    it('a stale expectedVersion gets 409 ITEM_VERSION_CONFLICT and changes nothing', async () => {
      const cur = (await t.app.inject({ method: 'GET', url: '/api/service-items/GHHS' })).json();
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/GHHS', headers: { cookie: admin }, payload: { expectedVersion: cur.version + 5, reason: '过期版本', guide: { ...cur.guide, promisedDays: 3 } } });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'ITEM_VERSION_CONFLICT');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/service-items/GHHS' })).json().version, cur.version);
    });

    it('a promised time limit over the legal one gets 422 ITEM_GUIDE_INVALID', async () => {
      const cur = (await t.app.inject({ method: 'GET', url: '/api/service-items/GHHS' })).json();
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/GHHS', headers: { cookie: admin }, payload: { expectedVersion: cur.version, reason: '错误时限', guide: { ...cur.guide, promisedDays: 40 } } });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'ITEM_GUIDE_INVALID');
    });

    it('a guide missing required fields is refused with 400', async () => {
      const cur = (await t.app.inject({ method: 'GET', url: '/api/service-items/GHHS' })).json();
      const { legalBasis: _drop, ...guide } = cur.guide;
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/GHHS', headers: { cookie: admin }, payload: { expectedVersion: cur.version, reason: '缺字段', guide } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    });

    it('editing without item:manage gets 403 and changes nothing; anonymous gets 401', async () => {
      const cur = (await t.app.inject({ method: 'GET', url: '/api/service-items/BDCDJ' })).json();
      const payload = { expectedVersion: cur.version, reason: '无权修改', guide: { ...cur.guide, promisedDays: 1 } };
      const res = await t.app.inject({ method: 'PUT', url: '/api/service-items/BDCDJ', headers: { cookie: clerk }, payload });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'FORBIDDEN');
      assert.equal((await t.app.inject({ method: 'PUT', url: '/api/service-items/BDCDJ', payload })).statusCode, 401);
      const after = (await t.app.inject({ method: 'GET', url: '/api/service-items/BDCDJ' })).json();
      assert.equal(after.version, cur.version);
      assert.equal(after.guide.promisedDays, cur.guide.promisedDays);
    });
  });
}
