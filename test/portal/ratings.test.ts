import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applicantActor } from '../../src/modules/approval/actor.ts';
import { chinaDate } from '../../src/modules/approval/cases/clock.ts';
import { RECTIFICATION_WORKING_DAYS } from '../../src/modules/portal/ratings/catalogue.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { get, ok, openTask, projectFor, staff, toDecision, type Staff } from '../approval/helpers.ts';
import { registerPerson, type Person } from './helpers.ts';

async function onlineCase(t: TestApp, p: Person, itemCode = 'JSYDGH') {
  const actor = applicantActor({ applicantId: p.id, displayName: p.name, regionCode: t.region });
  const { id } = await t.app.approval.cases.submit(actor, {
    itemCode,
    applicant: { type: 'person', name: p.name, idType: 'resident_id', idNumber: p.idNumber, phone: p.phone },
    project: projectFor(itemCode),
  }, `r${Date.now()}${Math.random().toString(36).slice(2, 8)}`);
  return id;
}

/** An online case ended by 不予受理 (a decision: it may be rated). */
async function notAccepted(t: TestApp, s: Staff, p: Person, itemCode = 'JSYDGH'): Promise<string> {
  const id = await onlineCase(t, p, itemCode);
  const c = await get(t, s.clerk, id);
  await ok(t, s.clerk, id, { action: 'not_accept', taskId: openTask(c, 'accept'), reason: '申请材料不齐全' });
  return id;
}

for (const kind of testDbs) {
  describe(`好差评 on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    let planningHandler: string;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
      planningHandler = s.handler;
    });
    after(() => t.close());

    const rating = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/portal/cases/${id}/rating`, headers: { cookie } });
    const rate = (cookie: string, id: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/portal/cases/${id}/rating`, headers: { cookie }, payload });
    const rateAtWindow = (id: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: { cookie: s.clerk }, payload });
    const rectifications = async (cookie: string, status = 'all') => {
      const res = await t.app.inject({ method: 'GET', url: `/api/supervision/rectifications?status=${status}`, headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as { id: string; caseId: string; caseNo: string; department: string; departmentName: string; level: number; levelName: string; tags: string[]; comment: string; dueDate: string; light: string; status: string; reply: string | null }[];
    };
    const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: string }>(sql, params)).rows[0]!.n);

    describe('GET/POST /api/portal/cases/{id}/rating', () => {
      it('offers the five levels and the tag list, and refuses a rating before the decision (409 RATING_NOT_ALLOWED)', async () => {
        const p = await registerPerson(t);
        const id = await onlineCase(t, p);
        const res = await rating(p.cookie, id);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.canRate, false);
        assert.equal(body.rating, null);
        assert.deepEqual(body.levels.map((l: { level: number; name: string }) => `${l.level}${l.name}`), ['5非常满意', '4满意', '3基本满意', '2不满意', '1非常不满意']);
        assert.ok(body.tags.some((x: { code: string; positive: boolean }) => x.code === 'slow' && !x.positive));
        const refused = await rate(p.cookie, id, { level: 5, tags: [] });
        assert.equal(refused.statusCode, 409);
        assert.equal(refused.json().code, 'RATING_NOT_ALLOWED');
        assert.equal(await count('SELECT count(*) AS n FROM case_ratings WHERE case_id = $1', [id]), 0);
        const audit = await t.db.query<{ action: string; result: string }>('SELECT action, result FROM audit_log WHERE request_id = $1', [refused.headers['x-request-id']]);
        assert.deepEqual(audit.rows, [{ action: 'rating.create', result: 'failure' }]);
      });

      it('answers another applicant and an unknown id alike: 403 CASE_FORBIDDEN, nothing written', async () => {
        const p = await registerPerson(t);
        const other = await registerPerson(t);
        const id = await notAccepted(t, s, p);
        const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined, instance: undefined });
        const foreign = await rating(other.cookie, id);
        const unknown = await rating(other.cookie, '00000000-0000-4000-8000-000000000000');
        assert.deepEqual([foreign.statusCode, unknown.statusCode], [403, 403]);
        assert.equal(foreign.json().code, 'CASE_FORBIDDEN');
        assert.deepEqual(strip(foreign.json()), strip(unknown.json()));
        const post = await rate(other.cookie, id, { level: 1, tags: [] });
        assert.deepEqual([post.statusCode, post.json().code], [403, 'CASE_FORBIDDEN']);
        assert.equal(await count('SELECT count(*) AS n FROM case_ratings WHERE case_id = $1', [id]), 0);
        const anonymous = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${id}/rating`, payload: { level: 5, tags: [] } });
        assert.deepEqual([anonymous.statusCode, anonymous.json().code], [401, 'APPLICANT_UNAUTHENTICATED']);
      });

      it('records one rating after the decision, comment verbatim; a second one on any channel is 409 RATING_EXISTS; 3+ opens no rectification', async () => {
        const p = await registerPerson(t);
        const id = await onlineCase(t, p);
        let c = await toDecision(t, s, await get(t, s.clerk, id));
        c = await ok(t, s.leader, id, { action: 'pass', taskId: openTask(c, 'approve') });
        assert.equal(c.state, 'DONE_APPROVED');
        const comment = '<script>alert("x")</script> 办得快，窗口 & 网上都方便';
        const res = await rate(p.cookie, id, { level: 3, tags: ['efficient', 'online_easy', 'efficient'], comment });
        assert.equal(res.statusCode, 201, res.body);
        const r = res.json();
        assert.deepEqual({ level: r.level, levelName: r.levelName, tags: r.tags, comment: r.comment, channel: r.channel, rectification: r.rectification },
          { level: 3, levelName: '基本满意', tags: ['efficient', 'online_easy'], comment, channel: 'online', rectification: null });
        const page = (await rating(p.cookie, id)).json();
        assert.equal(page.canRate, false);
        assert.equal(page.rating.comment, comment);

        const again = await rate(p.cookie, id, { level: 5, tags: [] });
        assert.deepEqual([again.statusCode, again.json().code], [409, 'RATING_EXISTS']);
        const window = await rateAtWindow(id, { level: 1, tags: ['slow'] });
        assert.deepEqual([window.statusCode, window.json().code], [409, 'RATING_EXISTS']);
        assert.equal(await count('SELECT count(*) AS n FROM case_ratings WHERE case_id = $1', [id]), 1);
        assert.equal(await count('SELECT count(*) AS n FROM rating_rectifications WHERE case_id = $1', [id]), 0);
        const audit = await t.db.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM audit_log WHERE request_id = $1', [res.headers['x-request-id']]);
        assert.equal(audit.rows.length, 1);
        assert.equal(audit.rows[0]!.action, 'rating.create');
        assert.equal(audit.rows[0]!.detail.level, 3);
        assert.equal(await count(`SELECT count(*) AS n FROM outbox WHERE topic = 'rating.created' AND payload->>'caseId' = $1`, [id]), 1);
      });

      it('lets exactly one of two simultaneous ratings (online and window) through; the other gets 409 RATING_EXISTS', async () => {
        const p = await registerPerson(t);
        for (let round = 0; round < 3; round++) {
          const id = await notAccepted(t, s, p);
          const results = await Promise.all([rate(p.cookie, id, { level: 4, tags: [] }), rateAtWindow(id, { level: 2, tags: ['slow'] })]);
          assert.deepEqual(results.map((x) => x.statusCode).sort(), [201, 409], results.map((x) => x.body).join('\n'));
          assert.equal(results.find((x) => x.statusCode === 409)!.json().code, 'RATING_EXISTS');
          assert.equal(await count('SELECT count(*) AS n FROM case_ratings WHERE case_id = $1', [id]), 1);
          const winner = results.find((x) => x.statusCode === 201)!.json();
          // The loser left nothing behind: a rectification only when the window's 差评 won.
          assert.equal(await count('SELECT count(*) AS n FROM rating_rectifications WHERE case_id = $1', [id]), winner.level <= 2 ? 1 : 0);
        }
      });

      it('refuses a level outside 1–5, an unknown tag (422) and a comment over 500 characters, writing nothing', async () => {
        const p = await registerPerson(t);
        const id = await notAccepted(t, s, p);
        for (const level of [0, 6, 2.5]) {
          const res = await rate(p.cookie, id, { level, tags: [] });
          assert.deepEqual([res.statusCode, res.json().code], [400, 'VALIDATION_FAILED'], `level ${level}`);
        }
        const tag = await rate(p.cookie, id, { level: 2, tags: ['slow', 'bribery'] });
        assert.equal(tag.statusCode, 422);
        assert.equal(tag.json().code, 'RATING_TAG_UNKNOWN');
        assert.deepEqual(tag.json().errors.map((e: { field: string }) => e.field), ['tags']);
        const long = await rate(p.cookie, id, { level: 4, tags: [], comment: '好'.repeat(501) });
        assert.deepEqual([long.statusCode, long.json().code], [400, 'VALIDATION_FAILED']);
        assert.equal(await count('SELECT count(*) AS n FROM case_ratings WHERE case_id = $1', [id]), 0);
        assert.equal(await count('SELECT count(*) AS n FROM rating_rectifications WHERE case_id = $1', [id]), 0);
        const exact = await rate(p.cookie, id, { level: 4, tags: [], comment: '好'.repeat(500) });
        assert.equal(exact.statusCode, 201, exact.body);
      });
    });

    describe('rectification of poor ratings', () => {
      it('opens one for the competent department due in 5 working days, listed with its light; only that department replies; the applicant sees the reply and gets a message', async () => {
        const p = await registerPerson(t);
        const id = await notAccepted(t, s, p);
        const res = await rate(p.cookie, id, { level: 2, tags: ['slow', 'many_visits'], comment: '跑了三次' });
        assert.equal(res.statusCode, 201, res.body);
        const due = await t.ctx.calendar.addWorkingDays(chinaDate(t.clock.now()), RECTIFICATION_WORKING_DAYS);
        assert.deepEqual(res.json().rectification, { status: 'open', dueDate: due, reply: null, repliedAt: null });

        const list = await rectifications(s.leader, 'open');
        const rect = list.find((x) => x.caseId === id)!;
        assert.deepEqual({ department: rect.department, departmentName: rect.departmentName, level: rect.level, levelName: rect.levelName, tags: rect.tags, comment: rect.comment, dueDate: rect.dueDate, light: rect.light, status: rect.status },
          { department: 'planning', departmentName: '国土空间规划股', level: 2, levelName: '不满意', tags: ['slow', 'many_visits'], comment: '跑了三次', dueDate: due, light: 'green', status: 'open' });
        assert.equal(await count(`SELECT count(*) AS n FROM outbox WHERE topic = 'rating.created' AND payload->>'rectificationId' = $1`, [rect.id]), 1);

        // The light follows the calendar as the case clock does: yellow with ≤ 2 working days left, red past the due date.
        const today = chinaDate(t.clock.now());
        await t.db.query('UPDATE rating_rectifications SET due_date = $2 WHERE id = $1', [rect.id, today]);
        assert.equal((await rectifications(s.leader, 'open')).find((x) => x.id === rect.id)!.light, 'yellow');
        await t.db.query('UPDATE rating_rectifications SET due_date = $2 WHERE id = $1', [rect.id, '2020-01-02']);
        assert.equal((await rectifications(s.leader, 'open')).find((x) => x.id === rect.id)!.light, 'red');
        await t.db.query('UPDATE rating_rectifications SET due_date = $2 WHERE id = $1', [rect.id, due]);

        // Section staff see their own department's list only.
        assert.ok((await rectifications(planningHandler)).some((x) => x.id === rect.id));
        assert.ok(!(await rectifications(s.landUseHandler)).some((x) => x.id === rect.id));

        const reply = (cookie: string, text = '已核实，已对窗口人员进行提醒并优化流程。') => t.app.inject({ method: 'POST', url: `/api/supervision/rectifications/${rect.id}/reply`, headers: { cookie }, payload: { reply: text } });
        const wrong = await reply(s.landUseHandler);
        assert.deepEqual([wrong.statusCode, wrong.json().code], [403, 'RECTIFICATION_FORBIDDEN']);
        const leader = await reply(s.leader);
        assert.deepEqual([leader.statusCode, leader.json().code], [403, 'RECTIFICATION_FORBIDDEN']);
        assert.equal((await rectifications(s.leader, 'open')).find((x) => x.id === rect.id)!.status, 'open');

        const done = await reply(planningHandler);
        assert.equal(done.statusCode, 200, done.body);
        assert.equal(done.json().status, 'closed');
        assert.equal(done.json().light, 'green');
        assert.equal((await reply(planningHandler, '再次答复')).json().code, 'RECTIFICATION_CLOSED');
        assert.ok(!(await rectifications(s.leader, 'open')).some((x) => x.id === rect.id));
        assert.ok((await rectifications(s.leader, 'closed')).some((x) => x.id === rect.id));
        const audit = await t.db.query<{ action: string }>('SELECT action FROM audit_log WHERE request_id = $1', [done.headers['x-request-id']]);
        assert.deepEqual(audit.rows.map((r) => r.action), ['rating.rectification_reply']);

        const seen = (await rating(p.cookie, id)).json().rating.rectification;
        assert.equal(seen.status, 'closed');
        assert.equal(seen.reply, '已核实，已对窗口人员进行提醒并优化流程。');
        assert.ok(seen.repliedAt);
        const msgs = (await t.app.inject({ method: 'GET', url: '/api/portal/messages', headers: { cookie: p.cookie } })).json();
        const m = msgs.items.find((x: { kind: string }) => x.kind === 'rectification_reply');
        assert.ok(m, JSON.stringify(msgs.items.map((x: { kind: string }) => x.kind)));
        assert.equal(m.caseId, id);
        assert.ok(m.body.includes('已核实，已对窗口人员进行提醒并优化流程。'));
      });

      it('opens one for a 1 entered at the window and none for a 3', async () => {
        const p = await registerPerson(t);
        const poor = await notAccepted(t, s, p);
        const fair = await notAccepted(t, s, p);
        const a = await rateAtWindow(poor, { level: 1, tags: ['attitude_poor'] });
        assert.equal(a.statusCode, 201, a.body);
        assert.equal(a.json().channel, 'window');
        assert.equal(a.json().rectification.status, 'open');
        const b = await rateAtWindow(fair, { level: 3, tags: [] });
        assert.equal(b.statusCode, 201, b.body);
        assert.equal(b.json().rectification, null);
        assert.equal(await count('SELECT count(*) AS n FROM rating_rectifications WHERE case_id = $1', [poor]), 1);
        assert.equal(await count('SELECT count(*) AS n FROM rating_rectifications WHERE case_id = $1', [fair]), 0);
        // Section staff without case:register cannot enter window ratings.
        const handler = await t.app.inject({ method: 'POST', url: `/api/cases/${fair}/rating`, headers: { cookie: s.handler }, payload: { level: 5, tags: [] } });
        assert.equal(handler.statusCode, 403);
      });
    });
  });

  describe(`rating statistics on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      // A region of its own: the figures below are all of its ratings.
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    it('counts, averages and poor ratings per item and per department over a period', async () => {
      const p = await registerPerson(t);
      const given: [string, number, 'online' | 'window'][] = [['JSYDGH', 5, 'online'], ['JSYDGH', 2, 'window'], ['BDCDJ', 4, 'online'], ['BDCDJ', 1, 'online'], ['BDCDJ', 3, 'window']];
      for (const [item, level, channel] of given) {
        const id = await notAccepted(t, s, p, item);
        const res = channel === 'online'
          ? await t.app.inject({ method: 'POST', url: `/api/portal/cases/${id}/rating`, headers: { cookie: p.cookie }, payload: { level, tags: [] } })
          : await t.app.inject({ method: 'POST', url: `/api/cases/${id}/rating`, headers: { cookie: s.clerk }, payload: { level, tags: [] } });
        assert.equal(res.statusCode, 201, res.body);
      }
      const today = chinaDate(t.clock.now());
      const res = await t.app.inject({ method: 'GET', url: `/api/supervision/ratings?from=${today}&to=${today}`, headers: { cookie: s.leader } });
      assert.equal(res.statusCode, 200, res.body);
      const st = res.json();
      assert.equal(st.total, 5);
      assert.equal(st.average, 3);
      assert.deepEqual(st.byLevel, [{ level: 5, count: 1 }, { level: 4, count: 1 }, { level: 3, count: 1 }, { level: 2, count: 1 }, { level: 1, count: 1 }]);
      assert.deepEqual(st.byItem.map((i: Record<string, unknown>) => [i.itemCode, i.count, i.average, i.poor]), [['BDCDJ', 3, 2.67, 1], ['JSYDGH', 2, 3.5, 1]]);
      assert.deepEqual(st.byDepartment.map((d: Record<string, unknown>) => [d.department, d.departmentName, d.count, d.average, d.poor]),
        [['registration', '自然资源确权登记股（不动产登记中心）', 3, 2.67, 1], ['planning', '国土空间规划股', 2, 3.5, 1]]);
      assert.ok(st.byItem.every((i: { itemName: string }) => /[\u4e00-\u9fff]/.test(i.itemName)));

      const empty = (await t.app.inject({ method: 'GET', url: '/api/supervision/ratings?from=2020-01-01&to=2020-01-31', headers: { cookie: s.leader } })).json();
      assert.deepEqual([empty.total, empty.average, empty.byItem, empty.byDepartment], [0, null, [], []]);
      const bad = await t.app.inject({ method: 'GET', url: `/api/supervision/ratings?from=${today}&to=2020-01-01`, headers: { cookie: s.leader } });
      assert.equal(bad.statusCode, 400);
      const handler = await t.app.inject({ method: 'GET', url: '/api/supervision/ratings', headers: { cookie: s.handler } });
      assert.equal(handler.statusCode, 403);
    });
  });
}
