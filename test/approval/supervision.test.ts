import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { CLOSED } from '../../src/modules/approval/cases/states.ts';
import { APPLICANT, ok, openTask, relogin, setChinaDate, staff, submit, type Staff } from './helpers.ts';

for (const kind of testDbs) {
  describe(`efficiency supervision (效能监管) on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    const ids: Record<string, string> = {};
    before(async () => {
      t = await testApp(await kind.get());
      setChinaDate(t, '2026-11-02');
      s = await staff(t);
      const a = (await submit(t, s.clerk, 'JSYDGH')).json();
      ids.a = a.id;
      await ok(t, s.clerk, a.id, { action: 'accept', taskId: openTask(a, 'accept') });
      const b = (await submit(t, s.clerk, 'JSYDGH')).json();
      ids.b = b.id;
      await ok(t, s.clerk, b.id, { action: 'accept', taskId: openTask(b, 'accept') });
      const c = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'BDCDJ', channel: 'online', applicant: APPLICANT, project: { registrationType: 'first', location: '云集街道' } } });
      ids.c = c.json().id;
      const d = (await submit(t, s.clerk, 'JSYDGH')).json();
      ids.d = d.id;
      await ok(t, s.clerk, d.id, { action: 'not_accept', taskId: openTask(d, 'accept'), reason: '不属于受理范围' });
      setChinaDate(t, '2026-11-03');
      await relogin(t, s, ['handler']);
      let x = await ok(t, s.handler, ids.a!, { action: 'pass', taskId: openTask(await (await t.app.inject({ method: 'GET', url: `/api/cases/${ids.a}`, headers: { cookie: s.handler } })).json(), 'handle') });
      setChinaDate(t, '2026-11-04');
      await relogin(t, s, ['head', 'leader']);
      x = await ok(t, s.head, ids.a!, { action: 'pass', taskId: openTask(x, 'review') });
      x = await ok(t, s.leader, ids.a!, { action: 'pass', taskId: openTask(x, 'approve') });
      assert.equal(x.state, 'DONE_APPROVED');
      setChinaDate(t, '2026-11-10');
      await relogin(t, s, ['leader', 'clerk']);
    });
    after(() => t.close());

    it('GET /api/supervision/summary gives on-time, early, overdue, online, instant, visits and working days', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/supervision/summary?from=2026-11-01&to=2026-11-30', headers: { cookie: s.leader } });
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json();
      assert.deepEqual(
        { cases: r.totals.cases, decided: r.totals.decided, onTimeRate: r.totals.onTimeRate, earlyRate: r.totals.earlyRate, averageWorkingDays: r.totals.averageWorkingDays, overdue: r.totals.overdue, fullyOnlineShare: r.totals.fullyOnlineShare, instantShare: r.totals.instantShare, averageVisits: r.totals.averageVisits },
        { cases: 4, decided: 1, onTimeRate: 100, earlyRate: 100, averageWorkingDays: 2, overdue: 1, fullyOnlineShare: 25, instantShare: 0, averageVisits: 0.75 },
      );
      const byItem = Object.fromEntries(r.byItem.map((g: any) => [g.key, g.cases]));
      assert.deepEqual(byItem, { JSYDGH: 3, BDCDJ: 1 });
      const byState = Object.fromEntries(r.byState.map((g: any) => [g.state, g.cases]));
      assert.deepEqual(byState, { DONE_APPROVED: 1, HANDLING: 1, SUBMITTED: 1, REJECTED_ACCEPT: 1 });
      assert.deepEqual(Object.fromEntries(r.byDepartment.map((g: any) => [g.key, g.cases])), { planning: 3, registration: 1 });
      const handle = r.byStep.find((x: any) => x.itemCode === 'JSYDGH' && x.stepId === 'handle');
      assert.deepEqual([handle.tasks, handle.averageWorkingDays], [1, 1]);
      const outside = (await t.app.inject({ method: 'GET', url: '/api/supervision/summary?from=2026-10-01&to=2026-10-31', headers: { cookie: s.leader } })).json();
      assert.equal(outside.totals, null, 'no cases submitted in October');
    });

    it('stores each case\'s China-local days of submission and finishing, for every closed state the engine knows', async () => {
      const rows = (await t.db.query<{ id: string; submitted_on: string; finished_on: string | null }>(
        'SELECT id, submitted_on::text AS submitted_on, finished_on::text AS finished_on FROM cases WHERE id = ANY($1::uuid[])', [[ids.a, ids.b, ids.d]])).rows;
      const by = Object.fromEntries(rows.map((r) => [r.id, [r.submitted_on, r.finished_on]]));
      assert.deepEqual(by[ids.a!], ['2026-11-02', '2026-11-04'], 'decided on Nov 4');
      assert.deepEqual(by[ids.b!], ['2026-11-02', null], 'still running');
      assert.deepEqual(by[ids.d!], ['2026-11-02', '2026-11-02'], 'not accepted: closed the day it was refused');
      // The stored expression lists the engine's closed states (cases/states.ts CLOSED); a state added there must be added here.
      const expr = (await t.db.query<{ e: string }>(
        `SELECT pg_get_expr(d.adbin, d.adrelid) AS e FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
          WHERE d.adrelid = 'cases'::regclass AND a.attname = 'finished_on'`)).rows[0]!.e;
      const listed = [...expr.matchAll(/'([A-Z_]+)'::text/g)].map((m) => m[1]).filter((x) => x !== 'UTC').sort();
      assert.deepEqual(listed, [...CLOSED].sort());
    });

    it('drills down to the cases behind a figure', async () => {
      const overdue = (await t.app.inject({ method: 'GET', url: '/api/supervision/cases?from=2026-11-01&to=2026-11-30&metric=overdue', headers: { cookie: s.leader } })).json();
      assert.deepEqual(overdue.items.map((c: any) => c.id), [ids.b]);
      const online = (await t.app.inject({ method: 'GET', url: '/api/supervision/cases?from=2026-11-01&to=2026-11-30&metric=fullyOnline', headers: { cookie: s.leader } })).json();
      assert.deepEqual(online.items.map((c: any) => c.id), [ids.c]);
      const onTime = (await t.app.inject({ method: 'GET', url: '/api/supervision/cases?from=2026-11-01&to=2026-11-30&metric=onTime&itemCode=JSYDGH', headers: { cookie: s.leader } })).json();
      assert.deepEqual(onTime.items.map((c: any) => c.id), [ids.a]);
    });

    it('pages the drill-down on the server, with the total of every page', async () => {
      const get = async (q: string) => t.app.inject({ method: 'GET', url: `/api/supervision/cases?from=2026-11-01&to=2026-11-30${q}`, headers: { cookie: s.leader } });
      const all = (await get('')).json();
      assert.equal(all.total, 4);
      const pages = [];
      for (let p = 1; p <= 4; p++) {
        const r = (await get(`&pageSize=1&page=${p}`)).json();
        assert.deepEqual([r.total, r.page, r.pageSize, r.items.length], [4, p, 1, 1]);
        pages.push(r.items[0].id);
      }
      assert.deepEqual(pages, all.items.map((c: any) => c.id), 'the pages are the full list in its order');
      const past = (await get('&pageSize=2&page=9')).json();
      assert.deepEqual([past.total, past.items.length], [4, 0], 'a page past the end still says how many there are');
      const pastOverdue = (await get('&metric=overdue&pageSize=2&page=9')).json();
      assert.deepEqual([pastOverdue.total, pastOverdue.items.length], [1, 0]);
      for (const bad of ['&pageSize=0', '&pageSize=201', '&page=0', '&page=x']) assert.equal((await get(bad)).statusCode, 400, bad);
    });

    it('exports an xlsx workbook with the figures and the cases', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/supervision/export.xlsx?from=2026-11-01&to=2026-11-30', headers: { cookie: s.leader } });
      assert.equal(res.statusCode, 200);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      assert.ok(files['[Content_Types].xml'] && files['xl/workbook.xml']);
      assert.match(strFromU8(files['xl/workbook.xml']!), /name="按事项".*name="办件明细"/);
      const cases = strFromU8(files['xl/worksheets/sheet4.xml']!);
      const caseNo = (await t.db.query<{ case_no: string }>('SELECT case_no FROM cases WHERE id = $1', [ids.b])).rows[0]!.case_no;
      assert.ok(cases.includes(caseNo));
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE region_code = $1 AND action = 'approval.supervision_export'`, [t.region]);
      assert.equal(audit.rowCount, 1, 'the export is audited');
    });

    it('needs supervise:read; a reversed period gets 400', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/supervision/summary', headers: { cookie: s.clerk } })).statusCode, 403);
      const bad = await t.app.inject({ method: 'GET', url: '/api/supervision/summary?from=2026-12-01&to=2026-11-01', headers: { cookie: s.leader } });
      assert.equal(bad.statusCode, 400);
    });

    it('GET /api/notifications lists my reminders and marks them read', async () => {
      const { ReminderService, LoggingSender } = await import('../../src/modules/approval/reminders.ts');
      await new ReminderService(t.ctx, new LoggingSender('sms'), new LoggingSender('mail')).run(t.region);
      await relogin(t, s, ['handler']);
      const list = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: s.handler } })).json();
      assert.ok(list.unread >= 1);
      const first = list.items[0];
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/notifications/${first.id}/read`, headers: { cookie: s.handler } })).statusCode, 204);
      const after = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: s.handler } })).json();
      assert.equal(after.unread, list.unread - 1);
      assert.equal((await t.app.inject({ method: 'POST', url: `/api/notifications/${first.id}/read`, headers: { cookie: s.leader } })).statusCode, 404, 'not someone else’s');
    });

    it('counts working days without the paused ones exactly as the case clock does, across the National Day week', async () => {
      // Accepted Tue 29 Sep 2026; 现场踏勘 from Wed 30 Sep to Fri 9 Oct (National Day 1–7 Oct, make-up Sat 10 Oct);
      // 批前公示 from Mon 12 Oct, still running on Thu 15 Oct.
      const fig = async (id: string) => {
        const r = (await t.app.inject({ method: 'GET', url: '/api/supervision/cases?from=2026-09-01&to=2026-09-30&pageSize=200', headers: { cookie: s.leader } })).json();
        return r.items.find((x: any) => x.id === id);
      };
      setChinaDate(t, '2026-09-29');
      await relogin(t, s, ['clerk', 'handler', 'leader']);
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      setChinaDate(t, '2026-09-30');
      await relogin(t, s, ['clerk', 'handler', 'leader']);
      c = await ok(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'site_survey', plannedDays: 5, reason: '现场踏勘' });
      let f = await fig(c.id);
      assert.equal(f.light, 'paused');
      setChinaDate(t, '2026-10-09');
      await relogin(t, s, ['clerk', 'handler', 'leader']);
      c = await ok(t, s.handler, c.id, { action: 'end_special', result: '踏勘完成' });
      setChinaDate(t, '2026-10-12');
      await relogin(t, s, ['clerk', 'handler', 'leader']);
      c = await ok(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 5, reason: '批前公示' });
      setChinaDate(t, '2026-10-15');
      await relogin(t, s, ['clerk', 'handler', 'leader']);
      const detail = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: s.leader } })).json();
      f = await fig(c.id);
      assert.equal(detail.clock.elapsedDays, 3, 'Sep 30, the make-up Saturday Oct 10 and Oct 12: the survey took Oct 8 and 9, the publicity Oct 13–15');
      assert.deepEqual([f.workingDays, f.light], [detail.clock.elapsedDays, 'paused']);
      const row = (await t.db.query<{ paused_days: number; open_pause_since: string }>('SELECT paused_days, open_pause_since::text AS open_pause_since FROM cases WHERE id = $1', [c.id])).rows[0]!;
      assert.deepEqual(row, { paused_days: 2, open_pause_since: '2026-10-12' }, 'kept by the pause trigger');
    });
  });
}
