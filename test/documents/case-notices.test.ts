import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { ok, openTask, staff, submit, toDecision, type Staff } from '../approval/helpers.ts';
import { pdfText, popplerMissing } from './poppler.ts';

const squash = (s: string) => s.replace(/\s+/g, '');

for (const kind of testDbs) {
  describe(`GET /api/cases/{id}/notices/{kind}.pdf on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    const notice = (cookie: string, id: string, k: string) => t.app.inject({ method: 'GET', url: `/api/cases/${id}/notices/${k}.pdf`, headers: { cookie } });

    it('refuses a notice the case has not reached (409) and anonymous callers (401)', async () => {
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      for (const k of ['acceptance', 'rejection', 'supplement', 'approval', 'denial']) {
        const r = await notice(s.clerk, c.id, k);
        assert.equal(r.statusCode, 409, `${k}: ${r.body}`);
        assert.equal(r.json().code, 'NOTICE_NOT_AVAILABLE');
      }
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}/notices/acceptance.pdf` })).statusCode, 401);
      assert.equal((await notice(s.clerk, c.id, 'other')).statusCode, 400);
    });

    it('prints the 受理通知书 with the case number, the query code and the due date once accepted', { skip: popplerMissing ?? false }, async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      const r = await notice(s.clerk, c.id, 'acceptance');
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const text = squash(pdfText(r.rawPayload));
      for (const want of ['受理通知书', c.caseNo, c.queryCode, '衡南县城市建设投资有限公司', '建设用地规划许可证核发']) assert.ok(text.includes(want), `missing ${want}`);
      assert.match(c.queryCode, /^[2-9A-Z]{8}$/);
    });

    it('lists every material of the 补正 notice, and gives the reason of a refusal and of a denial', { skip: popplerMissing ?? false }, async () => {
      let a = (await submit(t, s.clerk, 'JSYDGH')).json();
      a = await ok(t, s.clerk, a.id, { action: 'request_supplement', taskId: openTask(a, 'accept'), items: [{ name: '建设项目批准文件', problem: '缺少发展改革部门的批复' }, { name: '勘测定界图', problem: '未加盖测绘单位印章' }] });
      const sup = squash(pdfText((await notice(s.clerk, a.id, 'supplement')).rawPayload));
      for (const want of ['建设项目批准文件', '缺少发展改革部门的批复', '勘测定界图', '未加盖测绘单位印章', a.caseNo]) assert.ok(sup.includes(want), `missing ${want}`);

      let b = (await submit(t, s.clerk, 'JSYDGH')).json();
      b = await ok(t, s.clerk, b.id, { action: 'not_accept', taskId: openTask(b, 'accept'), reason: '申请事项不属于本机关职权范围' });
      const rej = squash(pdfText((await notice(s.clerk, b.id, 'rejection')).rawPayload));
      assert.ok(rej.includes('不予受理通知书') && rej.includes('申请事项不属于本机关职权范围'));

      let d = await toDecision(t, s, (await submit(t, s.clerk, 'JSYDGH')).json());
      d = await ok(t, s.leader, d.id, { action: 'reject', taskId: openTask(d, 'approve'), reason: '拟建项目不符合国土空间规划' });
      const den = squash(pdfText((await notice(s.clerk, d.id, 'denial')).rawPayload));
      assert.ok(den.includes('不予行政许可决定书') && den.includes('拟建项目不符合国土空间规划') && den.includes('行政复议'));
      assert.equal((await notice(s.clerk, d.id, 'approval')).statusCode, 409);
    });

    it('prints the 准予行政许可决定书 with the certificate number after 制证', { skip: popplerMissing ?? false }, async () => {
      let c = await toDecision(t, s, (await submit(t, s.clerk, 'JSYDGH')).json());
      c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
      c = await ok(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'certify') });
      const text = squash(pdfText((await notice(s.clerk, c.id, 'approval')).rawPayload));
      for (const want of ['准予行政许可决定书', '云集大道东段道路工程', c.certificateNo, c.caseNo]) assert.ok(text.includes(want), `missing ${want}`);
    });
  });
}
