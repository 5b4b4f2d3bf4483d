import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { applicantActor } from '../../src/modules/approval/actor.ts';
import { AppError } from '../../src/core/errors.ts';
import { APPLICANT, get, ok, openTask, projectFor, staff, type Staff } from './helpers.ts';

for (const kind of testDbs) {
  describe(`applicants of the online hall acting on their own cases on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    const a = () => applicantActor({ applicantId: idA, displayName: '衡南县城市建设投资有限公司', regionCode: t.region });
    const b = () => applicantActor({ applicantId: crypto.randomUUID(), displayName: '另一申请人', regionCode: t.region });
    const idA = crypto.randomUUID();
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    const body = { itemCode: 'JSYDGH', applicant: APPLICANT as never, project: projectFor('JSYDGH') };

    it('an online submission is idempotent per account, also when concurrent, and counts no visit', async () => {
      const cases = t.app.approval.cases;
      const first = await cases.submit(a(), body, 'online-key-1');
      const again = await cases.submit(a(), body, 'online-key-1');
      assert.equal(first.created, true);
      assert.deepEqual(again, { id: first.id, created: false });
      const many = await Promise.all([1, 2, 3].map(() => cases.submit(a(), body, 'online-key-2')));
      assert.equal(new Set(many.map((m) => m.id)).size, 1);
      assert.equal(many.filter((m) => m.created).length, 1);
      const other = await cases.submit(b(), body, 'online-key-1');
      assert.notEqual(other.id, first.id, 'the same key of another account is another case');
      const row = await t.db.query<{ channel: string; visits: number; submitted_by: string | null }>('SELECT channel, visits, submitted_by FROM cases WHERE id = $1', [first.id]);
      assert.deepEqual(row.rows[0], { channel: 'online', visits: 0, submitted_by: null });
      assert.equal((await get(t, s.clerk, first.id)).channel, 'online', 'the window sees online cases');
    });

    it('the applicant answers a 补正 notice, sees progress without internal comments, and may withdraw; another account may do neither', async () => {
      const { cases, applicantViews } = t.app.approval;
      const { id } = await cases.submit(a(), body, null);
      let c = await get(t, s.clerk, id);
      c = await ok(t, s.clerk, id, { action: 'request_supplement', taskId: openTask(c, 'accept'), comment: '内部备注：红线与规划条件不一致', items: [{ materialCode: 'boundary_txt', name: '勘测定界成果', problem: '缺少坐标文件' }] });
      let mine = await applicantViews.detail(a(), id);
      assert.equal(mine.state, 'SUPPLEMENT_BEFORE_ACCEPT');
      assert.equal((mine.supplementNotices[0]!.items as unknown[]).length, 1);
      assert.ok(!JSON.stringify(mine).includes('内部备注'), 'staff comments stay inside');
      assert.deepEqual(mine.allowedActions.map((x) => x.action).sort(), ['resubmit', 'withdraw']);
      await assert.rejects(applicantViews.detail(b(), id), (e: AppError) => e.code === 'CASE_NOT_FOUND');
      await assert.rejects(cases.act(b(), id, { action: 'withdraw' }), (e: AppError) => e.code === 'CASE_NOT_YOUR_TASK');
      await cases.act(a(), id, { action: 'resubmit', materials: [{ code: 'boundary_txt', note: '已补交' }] });
      await assert.rejects(cases.act(a(), id, { action: 'accept', taskId: openTask(c, 'accept') }), (e: AppError) => e.code === 'CASE_NOT_YOUR_TASK', 'applicants never act on staff tasks');
      mine = await applicantViews.detail(a(), id);
      assert.equal(mine.state, 'SUBMITTED');
      assert.deepEqual(mine.timeline.map((h) => h.label), ['已申报', '需补正材料', '已补正']);
      await cases.act(a(), id, { action: 'withdraw', reason: '项目调整' });
      assert.equal((await applicantViews.detail(a(), id)).state, 'WITHDRAWN');
      const list = await applicantViews.list(a());
      assert.ok(list.some((x) => x.id === id));
      assert.ok(list.every((x) => x.caseNo.includes('JSYDGH')));
      const history = await t.db.query<{ actor_id: string | null; actor_name: string }>(`SELECT actor_id, actor_name FROM case_history WHERE case_id = $1 AND action = 'withdraw'`, [id]);
      assert.deepEqual(history.rows[0], { actor_id: null, actor_name: '衡南县城市建设投资有限公司' });
    });
  });
}
