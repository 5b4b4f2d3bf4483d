import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { act, get, ok, openTask, staff, submit, type Staff } from './helpers.ts';

/** Everything a refused action must leave untouched. */
async function snapshot(t: TestApp, caseId: string) {
  const c = await t.db.query('SELECT state, version, decision, due_date::text, closed_at FROM cases WHERE id = $1', [caseId]);
  const tasks = await t.db.query('SELECT step_id, status, outcome FROM case_tasks WHERE case_id = $1 ORDER BY started_at, id', [caseId]);
  const history = await t.db.query('SELECT count(*)::int AS n FROM case_history WHERE case_id = $1', [caseId]);
  const outbox = await t.db.query('SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1', [caseId]);
  return JSON.stringify([c.rows, tasks.rows, history.rows, outbox.rows]);
}

for (const kind of testDbs) {
  describe(`case rules on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    async function accepted(itemCode = 'JSYDGH', landArea?: number) {
      const c = (await submit(t, s.clerk, itemCode, { landArea })).json();
      return ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
    }

    it('two people passing the same task at once: exactly one 200, the other 409 CASE_TASK_ALREADY_DONE', async () => {
      const c = await accepted();
      const taskId = openTask(c, 'handle');
      const other = await t.login((await t.user(['case_handler'], { department: 'planning' })).username);
      const [a, b] = await Promise.all([act(t, s.handler, c.id, { action: 'pass', taskId }), act(t, other, c.id, { action: 'pass', taskId })]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      assert.equal(loser.json().code, 'CASE_TASK_ALREADY_DONE');
      const after = await get(t, s.head, c.id);
      assert.equal(after.state, 'REVIEW');
      assert.equal(after.tasks.filter((x: any) => x.stepId === 'review').length, 1, 'the next step opened once');
      assert.equal(after.timeline.filter((h: any) => h.action === 'pass').length, 1);
    });

    it('more transitions at once than pooled connections, while the calendar reloads, all complete (no read outside the transaction)', async () => {
      // Each transition works out due dates inside its transaction. Reading the calendar through the pool there
      // waits for a second connection: on PGlite (one connection) forever, on PostgreSQL once every pooled
      // connection holds such a transaction. An administrator's calendar change makes every process reload it.
      const cases = [];
      for (let k = 0; k < 24; k++) cases.push((await submit(t, s.clerk, 'BDCDJ')).json());
      let reloading = true;
      const reload = async () => { while (reloading) { t.ctx.calendar.invalidate(); await new Promise((r) => setImmediate(r)); } };
      const reloads = reload();
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('the transitions hung (a calendar read waited for a connection)')), 60_000); });
      try {
        const results = await Promise.race([Promise.all(cases.map((c) => act(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') }))), hung]);
        assert.deepEqual(results.map((r) => r.statusCode), cases.map(() => 200));
      } finally {
        reloading = false;
        clearTimeout(timer);
        await reloads;
      }
      for (const c of [cases[0], cases[23]]) {
        const v = await get(t, s.clerk, c.id);
        assert.equal(v.state, 'HANDLING');
        assert.ok(v.clock.dueDate > v.acceptedOn, 'the due date was worked out from the calendar');
      }
    });

    it('已办 counts every task the user completed, per item, and nothing a refused or rolled-back action touched', async () => {
      const clerk = await t.user(['window_clerk'], { department: 'approval_window' });
      const cookie = await t.login(clerk.username);
      const counts = async (q = '') => (await t.app.inject({ method: 'GET', url: `/api/tasks?view=done${q}`, headers: { cookie } })).json();
      assert.equal((await counts()).counts.done, 0);
      const a = (await submit(t, cookie, 'JSYDGH')).json();
      const b = (await submit(t, cookie, 'BDCDJ')).json();
      const c = (await submit(t, cookie, 'BDCDJ')).json();
      await ok(t, cookie, a.id, { action: 'accept', taskId: openTask(a, 'accept') });
      await ok(t, cookie, b.id, { action: 'accept', taskId: openTask(b, 'accept') });
      // 不予受理 completes the acceptance task too.
      await ok(t, cookie, c.id, { action: 'not_accept', taskId: openTask(c, 'accept'), reason: '不属于本机关职责范围' });
      // Refused: the task is already done (409), and a transaction that fails after completing the task rolls back.
      assert.equal((await act(t, cookie, a.id, { action: 'accept', taskId: openTask(a, 'accept') })).statusCode, 409);
      const d = (await submit(t, cookie, 'JSYDGH')).json();
      await t.db.exec(`CREATE OR REPLACE FUNCTION test_fail_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history refused'; END $$`);
      await t.db.exec(`CREATE TRIGGER test_fail_history BEFORE INSERT ON case_history FOR EACH ROW WHEN (NEW.case_id = '${d.id}') EXECUTE FUNCTION test_fail_history()`);
      try {
        assert.equal((await act(t, cookie, d.id, { action: 'accept', taskId: openTask(d, 'accept') })).statusCode, 500);
      } finally {
        await t.db.exec('DROP TRIGGER test_fail_history ON case_history');
        await t.db.exec('DROP FUNCTION test_fail_history()');
      }
      const all = await counts();
      assert.equal(all.counts.done, 3);
      assert.deepEqual(all.items.map((x: any) => x.caseId).sort(), [a.id, b.id, c.id].sort(), 'the count is the list');
      assert.equal((await counts('&itemCode=BDCDJ')).counts.done, 2);
      assert.equal((await counts('&itemCode=JSYDGH')).counts.done, 1);
      assert.equal((await counts('&itemCode=YDYS')).counts.done, 0);
      // Another user's completions are theirs.
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/tasks?view=done&itemCode=BDCDJ', headers: { cookie: s.handler } })).json().counts.done, 0);
    });

    it('an action not allowed in the current state gets 409 CASE_ACTION_NOT_ALLOWED and changes nothing', async () => {
      const c = await accepted();
      const before = await snapshot(t, c.id);
      const certify = await act(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'handle') });
      assert.equal(certify.statusCode, 409);
      assert.equal(certify.json().code, 'CASE_ACTION_NOT_ALLOWED');
      const end = await act(t, s.handler, c.id, { action: 'end_special' });
      assert.equal(end.statusCode, 409);
      const resubmit = await act(t, s.clerk, c.id, { action: 'resubmit' });
      assert.equal(resubmit.statusCode, 409);
      assert.equal(await snapshot(t, c.id), before);
    });

    it('acting on a task already done gets 409 CASE_TASK_ALREADY_DONE and changes nothing', async () => {
      const c = await accepted();
      const handle = openTask(c, 'handle');
      await ok(t, s.handler, c.id, { action: 'pass', taskId: handle });
      const before = await snapshot(t, c.id);
      const again = await act(t, s.handler, c.id, { action: 'pass', taskId: handle });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'CASE_TASK_ALREADY_DONE');
      assert.equal(await snapshot(t, c.id), before);
    });

    it('a user without the task’s permission or department gets 403 and changes nothing', async () => {
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      let before = await snapshot(t, c.id);
      const handlerAccepts = await act(t, s.handler, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      assert.equal(handlerAccepts.statusCode, 403);
      assert.equal(handlerAccepts.json().code, 'CASE_NOT_YOUR_TASK');
      assert.equal(await snapshot(t, c.id), before);
      const a = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      before = await snapshot(t, c.id);
      const otherSection = await act(t, s.mineralHandler, a.id, { action: 'pass', taskId: openTask(a, 'handle') });
      assert.equal(otherSection.statusCode, 403, 'a 矿产 handler may not act on a 规划 task');
      const clerkExtends = await act(t, s.clerk, a.id, { action: 'extend', reason: '情况复杂' });
      assert.equal(clerkExtends.statusCode, 403);
      assert.equal(await snapshot(t, c.id), before);
      const unauth = await t.app.inject({ method: 'POST', url: `/api/cases/${a.id}/actions`, payload: { action: 'withdraw' } });
      assert.equal(unauth.statusCode, 401);
    });

    it('department roles see only their section’s cases (data scope); others get 404', async () => {
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: s.handler } })).statusCode, 200);
      const hidden = await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: s.mineralHandler } });
      assert.equal(hidden.statusCode, 404);
      assert.equal(hidden.json().code, 'CASE_NOT_FOUND');
      const list = (await t.app.inject({ method: 'GET', url: '/api/cases?itemCode=JSYDGH&pageSize=200', headers: { cookie: s.mineralHandler } })).json();
      assert.equal(list.total, 0);
      const y = await accepted('YDYS', 25_000);
      const yy = await ok(t, s.landUseHandler, y.id, { action: 'pass', taskId: openTask(y, 'handle') });
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${yy.id}`, headers: { cookie: s.mineralHandler } })).statusCode, 200, 'the 矿产 section has a joint-review task');
      const all = (await t.app.inject({ method: 'GET', url: '/api/cases?pageSize=200', headers: { cookie: s.leader } })).json();
      assert.ok(all.items.some((x: any) => x.id === c.id), 'region-wide roles see every case');
    });

    it('a stale expectedVersion gets 409 CASE_VERSION_CONFLICT', async () => {
      const c = await accepted();
      const res = await act(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle'), expectedVersion: c.version - 1 });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().code, 'CASE_VERSION_CONFLICT');
    });

    it('a repeated submission with the same Idempotency-Key creates one case, also when concurrent', async () => {
      const key = `key-${Date.now()}-a`;
      const first = await submit(t, s.clerk, 'JSYDGH', { key });
      assert.equal(first.statusCode, 201);
      const again = await submit(t, s.clerk, 'JSYDGH', { key });
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, first.json().id);
      const key2 = `key-${Date.now()}-b`;
      const results = await Promise.all([1, 2, 3].map(() => submit(t, s.clerk, 'JSYDGH', { key: key2 })));
      assert.equal(new Set(results.map((r) => r.json().id)).size, 1);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 200, 201]);
      const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE region_code = $1 AND idempotency_key = $2', [t.region, key2]);
      assert.equal(n.rows[0]!.n, 1);
      // The key is unique per submitter: another clerk's request with the same key is a new case.
      const otherClerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
      const other = await submit(t, otherClerk, 'JSYDGH', { key: key2 });
      assert.equal(other.statusCode, 201);
      assert.notEqual(other.json().id, results[0]!.json().id);
    });

    it('concurrent submissions get consecutive, gap-free daily serials', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => submit(t, s.clerk, 'BDCDJ')));
      for (const r of results) assert.equal(r.statusCode, 201, r.body);
      const nos = await t.db.query<{ case_no: string }>('SELECT case_no FROM cases WHERE region_code = $1', [t.region]);
      const serials = nos.rows.map((r) => Number(r.case_no.slice(-6))).sort((a, b) => a - b);
      assert.deepEqual(serials, serials.map((_, i) => i + 1), 'serials 1..n without gaps or repeats');
      assert.equal(new Set(nos.rows.map((r) => r.case_no)).size, nos.rowCount);
    });

    it('an application failing the item’s form gets 422 CASE_FORM_INVALID listing every field, and writes nothing', async () => {
      const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE region_code = $1', [t.region]);
      const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'YDYS', applicant: (await import('./helpers.ts')).APPLICANT, project: { projectName: '缺字段项目', landArea: 'big', projectType: 'round', unknownField: 1 } } });
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'CASE_FORM_INVALID');
      const fields = res.json().problems.map((p: any) => p.field).sort();
      assert.deepEqual(fields, ['landArea', 'landUse', 'location', 'projectType', 'supplyMethod', 'unknownField']);
      const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE region_code = $1', [t.region]);
      assert.equal(after.rows[0]!.n, before.rows[0]!.n);
      const unknownItem = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'NOPE', applicant: (await import('./helpers.ts')).APPLICANT, project: {} } });
      assert.equal(unknownItem.statusCode, 404);
      assert.equal(unknownItem.json().code, 'ITEM_NOT_FOUND');
    });

    it('用地预审 runs the four sections’ opinions in parallel and continues when all are done', async () => {
      let c = await accepted('YDYS', 25_000);
      c = await ok(t, s.landUseHandler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      const open = c.tasks.filter((x: any) => x.status === 'open').map((x: any) => x.stepId).sort();
      assert.deepEqual(open, ['op_farmland', 'op_land_use', 'op_mineral', 'op_planning']);
      c = await ok(t, s.farmlandHandler, c.id, { action: 'pass', taskId: openTask(c, 'op_farmland') });
      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'op_planning') });
      c = await ok(t, s.landUseHandler, c.id, { action: 'pass', taskId: openTask(c, 'op_land_use') });
      assert.equal(c.state, 'HANDLING', 'waits for the 矿产 opinion');
      assert.ok(!c.tasks.some((x: any) => x.stepId === 'review'));
      c = await ok(t, s.mineralHandler, c.id, { action: 'pass', taskId: openTask(c, 'op_mineral') });
      assert.equal(c.state, 'REVIEW');
      assert.equal(c.tasks.filter((x: any) => x.stepId === 'review').length, 1);
    });

    it('a project over 10 ha adds the 节约集约 joint opinion (condition on case data)', async () => {
      let c = await accepted('YDYS', 150_000);
      c = await ok(t, s.landUseHandler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      const open = c.tasks.filter((x: any) => x.status === 'open').map((x: any) => x.stepId).sort();
      assert.deepEqual(open, ['op_farmland', 'op_intensive', 'op_land_use', 'op_mineral', 'op_planning']);
      for (const [who, step] of [[s.farmlandHandler, 'op_farmland'], [s.handler, 'op_planning'], [s.landUseHandler, 'op_land_use'], [s.mineralHandler, 'op_mineral']] as const) {
        c = await ok(t, who, c.id, { action: 'pass', taskId: openTask(c, step) });
      }
      assert.equal(c.state, 'HANDLING', 'still waiting for 自然资源开发利用股');
      c = await ok(t, s.resourceHandler, c.id, { action: 'pass', taskId: openTask(c, 'op_intensive') });
      assert.equal(c.state, 'REVIEW');
    });

    it('returning from 审核 to 承办 in 用地预审 reopens only that step', async () => {
      let c = await accepted('YDYS', 25_000);
      c = await ok(t, s.landUseHandler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      for (const [who, step] of [[s.farmlandHandler, 'op_farmland'], [s.handler, 'op_planning'], [s.landUseHandler, 'op_land_use'], [s.mineralHandler, 'op_mineral']] as const) {
        c = await ok(t, who, c.id, { action: 'pass', taskId: openTask(c, step) });
      }
      const head = await t.login((await t.user(['section_head'], { department: 'land_use_control' })).username);
      c = await ok(t, head, c.id, { action: 'return', taskId: openTask(c, 'review'), targetStepId: 'handle' });
      assert.equal(c.state, 'HANDLING');
      assert.deepEqual(c.tasks.filter((x: any) => x.status === 'open').map((x: any) => x.stepId), ['handle']);
    });
  });

  describe(`parallel review that completes on any branch on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    it('a join with mode any continues after the first opinion and cancels the others', async () => {
      const admin = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
      const task = (id: string, name: string, phase: string, permission: string, department: string | null) => ({ id, type: 'task', name, nameEn: name, phase, permission, department, timeLimitDays: 2, returnTargets: [] });
      const graph = {
        nodes: [
          { id: 'start', type: 'start', name: '申请' },
          task('accept', '受理', 'accept', 'case:accept', 'approval_window'),
          { id: 'fork', type: 'fork', name: '会审' },
          task('op_planning', '规划意见', 'opinion', 'case:review', 'planning'),
          task('op_mineral', '矿产意见', 'opinion', 'case:review', 'mineral'),
          { id: 'join', type: 'join', name: '任一完成', mode: 'any' },
          task('approve', '审批', 'approve', 'case:decide', 'leadership'),
          task('certify', '制证', 'certify', 'case:certify', 'approval_window'),
          task('deliver', '送达', 'deliver', 'case:certify', 'approval_window'),
          { id: 'end', type: 'end', name: '办结' },
        ],
        flows: [
          { id: 'a', from: 'start', to: 'accept' }, { id: 'b', from: 'accept', to: 'fork' },
          { id: 'c', from: 'fork', to: 'op_planning' }, { id: 'd', from: 'fork', to: 'op_mineral' },
          { id: 'e', from: 'op_planning', to: 'join' }, { id: 'f', from: 'op_mineral', to: 'join' },
          { id: 'g', from: 'join', to: 'approve' }, { id: 'h', from: 'approve', to: 'certify' }, { id: 'i', from: 'certify', to: 'deliver' }, { id: 'j', from: 'deliver', to: 'end' },
        ],
      };
      const saved = await t.app.inject({ method: 'PUT', url: '/api/service-items/JSGCGH/process', headers: { cookie: admin }, payload: { name: '任一会审', reason: '测试任一完成', graph } });
      assert.equal(saved.statusCode, 201, saved.body);
      const submitted = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'JSGCGH', applicant: (await import('./helpers.ts')).APPLICANT, project: { projectName: '综合楼', location: '云集街道', landArea: 5000, floorArea: 12000 } } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      let c = await ok(t, s.clerk, submitted.json().id, { action: 'accept', taskId: openTask(submitted.json(), 'accept') });
      assert.equal(c.tasks.filter((x: any) => x.status === 'open').length, 2);
      c = await ok(t, s.mineralHandler, c.id, { action: 'pass', taskId: openTask(c, 'op_mineral') });
      assert.equal(c.state, 'APPROVAL');
      assert.deepEqual(c.tasks.filter((x: any) => x.stepId === 'op_planning').map((x: any) => [x.status, x.outcome]), [['cancelled', 'branch_not_needed']]);
    });
  });
}
