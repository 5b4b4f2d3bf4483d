import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { LoggingSender, ReminderService } from '../../src/modules/approval/reminders.ts';
import { act, get, ok, openTask, relogin, setChinaDate, staff, submit, type Staff } from './helpers.ts';

for (const kind of testDbs) {
  describe(`the clock (working days, pauses, warnings) on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      setChinaDate(t, '2026-09-18');
      s = await staff(t);
    });
    after(() => t.close());

    async function at(date: string) {
      setChinaDate(t, date);
      await relogin(t, s, ['clerk', 'handler', 'head', 'leader', 'landUseHandler']);
    }

    it('a 5-day case accepted on Mon 2026-09-28 is due on the make-up Saturday 2026-10-10 (National Day Oct 1–7 off)', async () => {
      await at('2026-09-28');
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      const a = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      assert.equal(a.acceptedOn, '2026-09-28');
      // Sep 29, Sep 30, (Oct 1–7 off), Oct 8, Oct 9, Oct 10 (补班 Saturday) = 5 working days.
      assert.equal(a.clock.dueDate, '2026-10-10');
      // The 承办 step has 2 working days: Sep 29, Sep 30.
      assert.equal(a.tasks.find((x: any) => x.stepId === 'handle').dueDate, '2026-09-30');
    });

    it('a 12-day 用地预审 accepted on Fri 2026-09-18 counts both make-up days (Sun Sep 20, Sat Oct 10) and skips 中秋 and 国庆', async () => {
      await at('2026-09-18');
      const c = (await submit(t, s.clerk, 'YDYS')).json();
      const a = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      // 20(补班) 21 22 23 24 | 25–27 中秋 | 28 29 30 | Oct 1–7 国庆 | 8 9 10(补班) 12 → 12 working days.
      assert.equal(a.clock.dueDate, '2026-10-12');
    });

    it('a special procedure (批前公示) stops the clock: its working days are excluded and the due date moves', async () => {
      await at('2026-11-02');
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      assert.equal(c.clock.dueDate, '2026-11-09');
      await at('2026-11-03');
      const tooLong = await act(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 11 });
      assert.equal(tooLong.statusCode, 422);
      assert.equal(tooLong.json().code, 'CASE_SPECIAL_PROCEDURE_TOO_LONG');
      const unknown = await act(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'hearing', plannedDays: 5 });
      assert.equal(unknown.json().code, 'CASE_SPECIAL_PROCEDURE_UNKNOWN');
      c = await ok(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 5, reason: '批前公示' });
      assert.equal(c.state, 'SPECIAL_PROCEDURE');
      assert.equal(c.clock.light, 'paused');
      const blocked = await act(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      assert.equal(blocked.statusCode, 409, 'no review step while the clock stands still');
      await at('2026-11-06');
      c = await ok(t, s.handler, c.id, { action: 'end_special', result: '公示无异议' });
      assert.equal(c.state, 'HANDLING');
      // Nov 4, 5, 6 were paused: 5 + 3 working days after Nov 2 → Thu Nov 12.
      assert.equal(c.clock.dueDate, '2026-11-12');
      assert.equal(c.clock.pausedDays, 3);
      assert.equal(c.clock.elapsedDays, 1, 'only Nov 3 counts');
      assert.equal(c.pauses[0].pausedWorkingDays, 3);
    });

    it('补正 after acceptance pauses the clock until the applicant resubmits', async () => {
      await at('2026-11-02');
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      await at('2026-11-03');
      const empty = await act(t, s.handler, c.id, { action: 'request_supplement', taskId: openTask(c, 'handle'), items: [] });
      assert.equal(empty.statusCode, 422);
      assert.equal(empty.json().code, 'CASE_SUPPLEMENT_EMPTY');
      c = await ok(t, s.handler, c.id, { action: 'request_supplement', taskId: openTask(c, 'handle'), items: [
        { materialCode: 'boundary_txt', name: '勘测定界成果', problem: '坐标文件缺少地块2' },
        { materialCode: 'project_approval', name: '项目批准文件', problem: '未加盖公章' },
      ] });
      assert.equal(c.state, 'SUSPENDED');
      assert.equal(c.supplementNotices[0].items.length, 2);
      await at('2026-11-05');
      c = await ok(t, s.clerk, c.id, { action: 'resubmit', materials: [{ code: 'boundary_txt', note: '补充地块2' }, { code: 'project_approval' }] });
      assert.equal(c.state, 'HANDLING');
      // Nov 4 and 5 paused → due Nov 9 + 2 working days = Nov 11.
      assert.equal(c.clock.dueDate, '2026-11-11');
      assert.ok(c.supplementNotices[0].answeredAt);
    });

    it('补正 before acceptance: one complete notice, a second one is refused, the clock starts at acceptance after resubmission', async () => {
      await at('2026-11-02');
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'request_supplement', taskId: openTask(c, 'accept'), items: [{ materialCode: 'application_form', name: '申请表', problem: '未签字' }] });
      assert.equal(c.state, 'SUPPLEMENT_BEFORE_ACCEPT');
      assert.equal(c.clock.dueDate, null);
      c = await ok(t, s.clerk, c.id, { action: 'resubmit', materials: [{ code: 'application_form', note: '已签字' }] });
      assert.equal(c.state, 'SUBMITTED');
      const second = await act(t, s.clerk, c.id, { action: 'request_supplement', taskId: openTask(c, 'accept'), items: [{ name: '身份证明', problem: '过期' }] });
      assert.equal(second.statusCode, 409, '一次性告知: no second notice');
      await at('2026-11-04');
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      assert.equal(c.clock.dueDate, '2026-11-11');
      assert.deepEqual(c.materials.filter((m: any) => m.code === 'application_form').map((m: any) => [m.version, m.current]), [[1, true]]);
    });

    it('materials keep every version when replaced', async () => {
      await at('2026-11-02');
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      for (const note of ['第一版', '第二版']) {
        const r = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/materials`, headers: { cookie: s.clerk }, payload: { code: 'boundary_txt', note } });
        assert.equal(r.statusCode, 200, r.body);
      }
      const d = await get(t, s.clerk, c.id);
      assert.deepEqual(d.materials.map((m: any) => [m.version, m.note, m.current]), [[1, '第一版', false], [2, '第二版', true]]);
      const bad = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/materials`, headers: { cookie: s.clerk }, payload: { code: 'no_such_material' } });
      assert.equal(bad.json().code, 'CASE_MATERIAL_UNKNOWN');
      const missingFile = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/materials`, headers: { cookie: s.clerk }, payload: { code: 'boundary_txt', fileId: '00000000-0000-4000-8000-000000000000' } });
      assert.equal(missingFile.json().code, 'CASE_FILE_NOT_FOUND');
    });

    it('extension (延期) adds 10 working days once, by the decider', async () => {
      await at('2026-11-02');
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.leader, c.id, { action: 'extend', reason: '需征求相关部门意见' });
      assert.equal(c.clock.dueDate, '2026-11-23');
      assert.equal(c.extensionDays, 10);
      const again = await act(t, s.leader, c.id, { action: 'extend', reason: '再次延期' });
      assert.equal(again.statusCode, 409);
    });
  });

  describe(`warnings, overdue lists and reminders on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      setChinaDate(t, '2026-11-02');
      s = await staff(t);
    });
    after(() => t.close());

    it('yellow with 2 working days left, red when overdue; the task lists and the reminder job follow, once', async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      // 承办 has 2 working days (due Nov 4): yellow at once; the case (due Nov 9) is green.
      assert.equal(c.tasks.find((x: any) => x.stepId === 'handle').light, 'yellow');
      assert.equal(c.clock.light, 'green');
      let lists = (await t.app.inject({ method: 'GET', url: '/api/tasks?view=warning', headers: { cookie: s.handler } })).json();
      assert.deepEqual(lists.counts, { todo: 1, done: 0, warning: 1, overdue: 0 });
      assert.equal(lists.items[0].caseNo, c.caseNo);
      assert.deepEqual(lists.items[0].actions.sort(), ['pass', 'request_supplement', 'start_special']);

      setChinaDate(t, '2026-11-05');
      await relogin(t, s, ['handler', 'head']);
      c = await get(t, s.handler, c.id);
      assert.equal(c.tasks.find((x: any) => x.stepId === 'handle').light, 'red');
      assert.equal(c.clock.light, 'yellow', 'Nov 6 and Nov 9 left');
      lists = (await t.app.inject({ method: 'GET', url: '/api/tasks?view=overdue', headers: { cookie: s.handler } })).json();
      assert.deepEqual(lists.counts, { todo: 1, done: 0, warning: 0, overdue: 1 });

      const sms = new LoggingSender('sms');
      const mail = new LoggingSender('mail');
      const reminders = new ReminderService(t.ctx, sms, mail);
      const first = await reminders.run(t.region);
      const notes = await t.db.query<{ user_id: string; title: string; dedupe_key: string }>('SELECT user_id, title, dedupe_key FROM notifications WHERE case_id = $1 ORDER BY dedupe_key', [c.id]);
      assert.ok(notes.rows.some((n) => n.user_id === s.ids.handler && n.title.startsWith('【超期】')), 'the handler is reminded');
      assert.ok(notes.rows.some((n) => n.user_id === s.ids.head && n.dedupe_key.endsWith(':red:head')), 'the section head is told when red');
      assert.ok(!notes.rows.some((n) => n.user_id === s.ids.clerk), 'the window clerk cannot act on 承办');
      assert.equal(first.notified, notes.rowCount);
      assert.equal(sms.sent.length, notes.rowCount);
      assert.equal(mail.sent.length, notes.rowCount);
      const second = await reminders.run(t.region);
      assert.equal(second.notified, 0, 'a second run writes nothing new');
      const again = await t.db.query('SELECT 1 FROM notifications WHERE case_id = $1', [c.id]);
      assert.equal(again.rowCount, notes.rowCount);
      assert.equal(sms.sent.length, notes.rowCount);

      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      lists = (await t.app.inject({ method: 'GET', url: '/api/tasks?view=done', headers: { cookie: s.handler } })).json();
      assert.deepEqual(lists.counts, { todo: 0, done: 1, warning: 0, overdue: 0 });
      assert.equal(lists.items[0].onTime, false);
    });

    it('a case past its own due date alerts the section head; a special procedure past its planned length alerts the task holders', async () => {
      setChinaDate(t, '2026-11-12');
      await relogin(t, s, ['clerk', 'handler']);
      const reminders = new ReminderService(t.ctx, new LoggingSender('sms'), new LoggingSender('mail'));
      await reminders.run(t.region);
      const late = await t.db.query<{ user_id: string }>(`SELECT user_id FROM notifications WHERE dedupe_key LIKE 'case:%:red' AND region_code = $1`, [t.region]);
      assert.deepEqual(late.rows.map((r) => r.user_id), [s.ids.head], 'the case due Nov 9 is late: the planning head is told');
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.handler, c.id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 2 });
      const todo = (await t.app.inject({ method: 'GET', url: '/api/tasks?view=todo', headers: { cookie: s.handler } })).json();
      const item = todo.items.find((x: any) => x.caseId === c.id);
      assert.deepEqual([item.light, item.actions, item.caseActions], ['paused', [], ['end_special']], 'the list offers ending the procedure, nothing else');
      await reminders.run(t.region);
      const early = await t.db.query(`SELECT 1 FROM notifications WHERE case_id = $1`, [c.id]);
      assert.equal(early.rowCount, 0, 'no reminders while the procedure is within its plan and the clock is stopped');
      setChinaDate(t, '2026-11-17');
      await reminders.run(t.region);
      const over = await t.db.query<{ user_id: string; title: string }>(`SELECT user_id, title FROM notifications WHERE case_id = $1`, [c.id]);
      assert.ok(over.rows.some((r) => r.user_id === s.ids.handler && r.title.startsWith('【特别程序超期】')), 'planned end Nov 16 passed');
      const n = over.rowCount;
      await reminders.run(t.region);
      assert.equal((await t.db.query(`SELECT 1 FROM notifications WHERE case_id = $1`, [c.id])).rowCount, n, 'once');
    });
  });
}
