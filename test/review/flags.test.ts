import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ok, openTask, staff, submit, toDecision, type Staff } from '../approval/helpers.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { box, boundaryTxt, buildCounty, form, importLayer } from './helpers.ts';

type Flag = {
  id: number; caseId: string; reportId: string; previousReportId: string; acknowledgedAt: string | null; acknowledgedByName: string | null; note: string | null;
  summary: { changed: boolean; reportNo: string; rules: { ruleId: string; verdict: { before: string; after: string } }[]; layers: { code: string; before: number; after: number }[] };
};

for (const kind of testDbs) {
  describe(`re-review of open cases after a layer changed, and acknowledging its flags, on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    let openCase: { id: string; caseNo: string };
    let decidedCase: { id: string };
    const reports: Record<string, { id: string; reportNo: string }> = {};

    const review = async (caseId?: string) => {
      const f = form({ itemCode: 'YDYS', ...(caseId ? { caseId } : {}) }, { name: '红线.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const res = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: s.clerk }, payload: f.payload });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const flagsOf = async (cookie: string, caseIds: string[], include = false): Promise<Flag[]> => {
      const res = await t.app.inject({ method: 'GET', url: `/api/reviews/flags?caseIds=${caseIds.join(',')}${include ? '&include=acknowledged' : ''}`, headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const acknowledge = (cookie: string, id: number, payload: Record<string, unknown> = {}) =>
      t.app.inject({ method: 'POST', url: `/api/reviews/flags/${id}/acknowledge`, headers: { cookie }, payload });

    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      s = await staff(t);
      // An open YDYS case at the 承办 step (land-use control section) and a JSYDGH case already approved.
      const submitted = (await submit(t, s.clerk, 'YDYS')).json();
      openCase = await ok(t, s.clerk, submitted.id, { action: 'accept', taskId: openTask(submitted, 'accept') });
      const d = await toDecision(t, s, (await submit(t, s.clerk, 'JSYDGH')).json());
      decidedCase = await ok(t, s.leader, d.id, { action: 'pass', taskId: openTask(d, 'approve') });
      assert.equal((decidedCase as { state?: string }).state, 'DONE_APPROVED');
      reports.open = await review(openCase.id);
      reports.decided = await review(decidedCase.id);
      reports.precheck = await review();
      reports.freeText = await review('DRAFT-7');
      // 永久基本农田 re-delineated: the SW block now stops at y = 40, below the boundary.
      await importLayer(t, 'YJJBNTBHTB', [{ properties: { YJJBNTTBBH: 'JB001', DLBM: '0101', DLMC: '水田' }, geometry: box(0, 0, 100, 40) }]);
      while ((await t.ctx.outbox.dispatch()) > 0);
      await t.app.review.idle();
    });
    after(() => t.close());

    it('re-runs and flags only the open case; decided cases, pre-checks and free-text ids keep their reports', async () => {
      const flags = await flagsOf(s.landUseHandler, [openCase.id, decidedCase.id, 'DRAFT-7']);
      assert.deepEqual(flags.map((f) => f.caseId), [openCase.id], 'one flag, for the open case');
      const f = flags[0]!;
      assert.deepEqual(f.summary.layers, [{ code: 'YJJBNTBHTB', before: 1, after: 2 }]);
      assert.deepEqual(f.summary.rules.find((x) => x.ruleId === 'YJJBNT_OCCUPY')!.verdict, { before: 'FAIL', after: 'PASS' });
      assert.equal(f.previousReportId, reports.open!.id);
      const fresh = (await t.app.inject({ method: 'GET', url: `/api/reviews/${f.reportId}`, headers: { cookie: s.clerk } })).json();
      assert.equal(fresh.trigger, 'layer_update');
      assert.equal(fresh.layerVersions.YJJBNTBHTB, 2);
      for (const left of [reports.decided!, reports.precheck!, reports.freeText!]) {
        const reruns = await t.db.query('SELECT 1 FROM review_reports WHERE previous_report_id = $1', [left.id]);
        assert.equal(reruns.rowCount, 0, `report ${left.reportNo} is not re-run`);
      }
      const decided = (await t.app.inject({ method: 'GET', url: `/api/reviews?caseId=${decidedCase.id}`, headers: { cookie: s.clerk } })).json();
      assert.deepEqual(decided.map((x: { id: string }) => x.id), [reports.decided!.id], 'the decided case keeps the report it was decided on');
      // A second publication sweep for the same state adds nothing.
      await t.app.review.sweepLayerChanges(t.region);
      const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM review_flags WHERE region_code = $1', [t.region]);
      assert.equal(n.rows[0]!.n, 1);
    });

    it('notifies whoever holds the open case’s current step, once, and no one else', async () => {
      const inbox = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } })).json().items as { kind: string; caseId: string; title: string; body: string }[];
      const mine = (await inbox(s.landUseHandler)).filter((x) => x.kind === 'review_flag');
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.caseId, openCase.id);
      assert.match(mine[0]!.title, new RegExp(`复审提醒.*${openCase.caseNo}`));
      assert.match(mine[0]!.body, /YJJBNTBHTB v1→v2/);
      for (const other of [s.mineralHandler, s.clerk, s.leader]) assert.deepEqual((await inbox(other)).filter((x) => x.kind === 'review_flag'), []);
      const events = await t.db.query<{ payload: { caseNo: string; changedRules: string[] } }>(`SELECT payload FROM outbox WHERE region_code = $1 AND topic = 'review.case_flagged'`, [t.region]);
      assert.equal(events.rowCount, 1);
      assert.ok(events.rows[0]!.payload.changedRules.includes('YJJBNT_OCCUPY'));
    });

    it('POST /api/reviews/flags/{id}/acknowledge and the flags list: permission, data scope, once (409), audited, then only with include=acknowledged', async () => {
      const [f] = await flagsOf(s.landUseHandler, [openCase.id]);
      const unknown = await acknowledge(s.landUseHandler, 999999999);
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().code, 'FLAG_NOT_FOUND');
      // A mining-section handler has no step in the case yet: outside their data scope, the flag does not exist for them.
      const outside = await acknowledge(s.mineralHandler, f!.id, { note: '已阅' });
      assert.equal(outside.statusCode, 404);
      assert.equal(outside.json().code, 'FLAG_NOT_FOUND');
      assert.deepEqual(await flagsOf(s.mineralHandler, [openCase.id]), [], 'the flags list leaves out cases outside the data scope too');
      const itemAdmin = await t.login((await t.user(['data_admin'])).username);
      assert.equal((await acknowledge(itemAdmin, f!.id)).statusCode, 403);
      const tooLong = await acknowledge(s.landUseHandler, f!.id, { note: '长'.repeat(501) });
      assert.equal(tooLong.statusCode, 400);
      assert.equal((await flagsOf(s.landUseHandler, [openCase.id])).length, 1, 'a refused acknowledgement changes nothing');

      const done = await acknowledge(s.landUseHandler, f!.id, { note: '已核对新版永久基本农田，红线不再占用' });
      assert.equal(done.statusCode, 200, done.body);
      assert.ok(done.json().acknowledgedAt);
      assert.equal(done.json().note, '已核对新版永久基本农田，红线不再占用');
      assert.match(done.json().acknowledgedByName, /测试用户/);
      const again = await acknowledge(s.landUseHead, f!.id);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'FLAG_ALREADY_ACKNOWLEDGED');
      assert.match(again.headers['content-type'] as string, /application\/problem\+json/);

      assert.deepEqual(await flagsOf(s.landUseHandler, [openCase.id]), [], 'acknowledged flags leave the default list');
      const all = await flagsOf(s.landUseHandler, [openCase.id], true);
      assert.equal(all.length, 1);
      assert.equal(all[0]!.note, '已核对新版永久基本农田，红线不再占用');
      const audit = await t.db.query<{ detail: { note: string } }>(`SELECT detail FROM audit_log WHERE region_code = $1 AND action = 'review.flag_acknowledge' AND object_id = $2`, [t.region, String(f!.id)]);
      assert.equal(audit.rowCount, 1, 'one audit row: the refused and repeated attempts wrote none');
      assert.equal(audit.rows[0]!.detail.note, '已核对新版永久基本农田，红线不再占用');
      const bad = await t.app.inject({ method: 'GET', url: '/api/reviews/flags?caseId=x&include=everything', headers: { cookie: s.landUseHandler } });
      assert.equal(bad.statusCode, 400);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/reviews/flags', headers: { cookie: s.landUseHandler } })).statusCode, 400);
    });
  });
}
