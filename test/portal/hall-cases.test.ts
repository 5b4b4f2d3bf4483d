import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { get, ok, openTask, projectFor, relogin, setChinaDate, staff, toDecision, type Staff } from '../approval/helpers.ts';
import { pdfText } from '../documents/poppler.ts';
import { boundaryTxt, buildCounty } from '../review/helpers.ts';
import { APPLICANT_PASSWORD, applicantCookie, fillDraft, filePart, newDraft, newUscc, registerPerson, uploadFile, type Person } from './helpers.ts';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** Applies online for an item (draft, materials, boundary when the item has a review, submit); returns the case id and number. */
async function applyOnline(t: TestApp, p: Person, itemCode: string, project: Record<string, unknown> = projectFor(itemCode)): Promise<{ caseId: string; caseNo: string; queryCode: string }> {
  const d = await newDraft(t, p.cookie, itemCode);
  await fillDraft(t, p.cookie, d, project);
  if (itemCode !== 'BDCDJ') {
    const f = filePart('红线.txt', Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])));
    const b = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/boundary`, headers: { ...f.headers, cookie: p.cookie }, payload: f.payload });
    assert.equal(b.statusCode, 200, b.body);
  }
  const res = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/submit`, headers: { cookie: p.cookie, 'idempotency-key': `apply-${crypto.randomUUID()}` } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function mine(t: TestApp, p: Person, id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${id}`, headers: { cookie: p.cookie } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** A problem body without what names the request. */
function generic(body: Record<string, unknown>) {
  const { requestId: _r, instance: _i, ...rest } = body;
  return rest;
}

for (const kind of testDbs) {
  describe(`online hall: my cases, 补正, withdrawal, documents and public progress on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    let zhang: Person;
    let li: Person;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      s = await staff(t);
      zhang = await registerPerson(t, { name: '张三' });
      li = await registerPerson(t, { name: '李四' });
    });
    after(() => t.close());

    it('lists the applicant’s cases and shows one with clock, timeline by department and no documents yet', async () => {
      const { caseId, caseNo, queryCode } = await applyOnline(t, zhang, 'JSYDGH');
      const list = (await t.app.inject({ method: 'GET', url: '/api/portal/cases', headers: { cookie: zhang.cookie } })).json();
      const row = list.find((x: { id: string }) => x.id === caseId);
      assert.deepEqual(Object.keys(row).sort(), ['caseNo', 'dueDate', 'id', 'itemCode', 'itemName', 'light', 'state', 'stateName', 'submittedAt']);
      assert.equal(row.itemName, '建设用地规划许可证核发');
      assert.equal(row.state, 'SUBMITTED');
      assert.equal(row.light, 'none');
      assert.ok(!(await t.app.inject({ method: 'GET', url: '/api/portal/cases', headers: { cookie: li.cookie } })).json().some((x: { id: string }) => x.id === caseId));
      const c = await mine(t, zhang, caseId);
      assert.equal(c.caseNo, caseNo);
      assert.equal(c.queryCode, queryCode);
      assert.equal(c.stateName, '已申报（待受理）');
      assert.deepEqual(c.clock, { allowedDays: 5, usedDays: 0, remainingDays: null, dueDate: null, light: 'none', running: false, pauses: [], holidaysSkipped: [] });
      assert.deepEqual(c.timeline.map((h: { label: string; department: string }) => [h.label, h.department]), [['已申报', '申请人']]);
      assert.deepEqual(c.documents, []);
      assert.equal(c.certificate, null);
      assert.deepEqual(c.allowedActions.map((a: { action: string }) => a.action), ['withdraw']);
    });

    it('answers another applicant’s case and an unknown id with the same 403, revealing nothing', async () => {
      const { caseId, caseNo } = await applyOnline(t, zhang, 'BDCDJ');
      const bodies = [];
      for (const id of [caseId, crypto.randomUUID()]) {
        for (const url of [`/api/portal/cases/${id}`, `/api/portal/cases/${id}/notices/supplement.pdf`, `/api/portal/cases/${id}/certificate.pdf`]) {
          const res = await t.app.inject({ method: 'GET', url, headers: { cookie: li.cookie } });
          assert.equal(res.statusCode, 403, url);
          assert.equal(res.json().code, 'CASE_FORBIDDEN');
          assert.ok(!res.body.includes(caseNo) && !res.body.includes('张三') && !JSON.stringify(generic(res.json())).includes(id), res.body);
          if (url.endsWith(id)) bodies.push(generic(res.json()));
        }
        for (const [action, payload] of [['withdraw', { reason: '不想办了' }], ['resubmit', { materials: [{ code: 'identity', fileId: (await uploadFile(t, li.cookie)).fileId }] }]] as const) {
          const res = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${id}/${action}`, headers: { cookie: li.cookie }, payload });
          assert.equal(res.statusCode, 403, action);
          assert.equal(res.json().code, 'CASE_FORBIDDEN');
        }
      }
      assert.deepEqual(bodies[0], bodies[1], 'a foreign case and an unknown one look the same');
      assert.equal((await mine(t, zhang, caseId)).state, 'SUBMITTED', 'nothing happened to the case');
    });

    it('补正: the applicant sees exactly the listed materials, may replace only those, and resubmits', async () => {
      const { caseId } = await applyOnline(t, zhang, 'JSYDGH');
      const staffView = await get(t, s.clerk, caseId);
      await ok(t, s.clerk, caseId, {
        action: 'request_supplement', taskId: openTask(staffView, 'accept'), comment: '内部备注：申请人电话打不通',
        items: [{ materialCode: 'project_approval', name: '项目批准文件', problem: `备案文件已过期 ${XSS}` }],
      });
      let c = await mine(t, zhang, caseId);
      assert.equal(c.state, 'SUPPLEMENT_BEFORE_ACCEPT');
      assert.deepEqual(c.supplementNotices.at(-1).items, [{ materialCode: 'project_approval', name: '项目批准文件', problem: `备案文件已过期 ${XSS}` }]);
      assert.deepEqual(c.allowedActions.map((a: { action: string }) => a.action).sort(), ['resubmit', 'withdraw']);
      assert.deepEqual(c.documents.map((d: { kind: string }) => d.kind), ['supplement']);
      assert.ok(!JSON.stringify(c).includes('内部备注'), 'internal comments stay inside');
      assert.ok(!JSON.stringify(c).includes(s.names.clerk!), 'no staff name');
      const notice = await t.app.inject({ method: 'GET', url: c.documents[0].url, headers: { cookie: zhang.cookie } });
      assert.equal(notice.statusCode, 200);
      assert.match(pdfText(notice.rawPayload).replace(/\s+/g, ''), /项目批准文件/);
      const notListed = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${caseId}/resubmit`, headers: { cookie: zhang.cookie }, payload: { materials: [{ code: 'application_form', fileId: (await uploadFile(t, zhang.cookie)).fileId }] } });
      assert.equal(notListed.statusCode, 422);
      assert.equal(notListed.json().code, 'MATERIAL_NOT_REQUESTED');
      assert.equal((await mine(t, zhang, caseId)).version, c.version, 'nothing changed');
      const refused = await t.db.query<{ result: string; detail: { code: string; actor: string; applicantId: string } }>(`SELECT result, detail FROM audit_log WHERE action = 'portal.resubmit' AND object_id = $1`, [caseId]);
      assert.deepEqual(refused.rows.map((r) => [r.result, r.detail.code, r.detail.actor, r.detail.applicantId]), [['failure', 'MATERIAL_NOT_REQUESTED', 'applicant', zhang.id]]);
      const foreignFile = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${caseId}/resubmit`, headers: { cookie: zhang.cookie }, payload: { materials: [{ code: 'project_approval', fileId: (await uploadFile(t, li.cookie)).fileId }] } });
      assert.equal(foreignFile.statusCode, 422);
      const file = await uploadFile(t, zhang.cookie, '备案文件（新）.pdf');
      const res = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${caseId}/resubmit`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: c.version, materials: [{ code: 'project_approval', fileId: file.fileId, note: XSS }] } });
      assert.equal(res.statusCode, 200, res.body);
      c = res.json();
      assert.equal(c.state, 'SUBMITTED');
      const current = c.materials.filter((m: { code: string; current: boolean }) => m.code === 'project_approval' && m.current);
      assert.equal(current.length, 1);
      assert.equal(current[0].fileId, file.fileId);
      assert.equal(current[0].note, XSS, 'the note comes back verbatim as JSON text');
      assert.deepEqual(c.timeline.map((h: { label: string; department: string }) => [h.label, h.department]), [['已申报', '申请人'], ['需补正材料', '行政审批服务股（政务服务窗口）'], ['已补正', '申请人']]);
      const again = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${caseId}/resubmit`, headers: { cookie: zhang.cookie }, payload: { materials: [{ code: 'project_approval', fileId: file.fileId }] } });
      assert.equal(again.statusCode, 409, 'no open notice any more');
      const pdf = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${caseId}/notices/supplement.pdf`, headers: { cookie: zhang.cookie } });
      assert.equal(pdf.statusCode, 200, 'a PDF with markup in its text still renders');
    });

    it('withdraws before the decision with the reason kept verbatim; after the decision it is 409', async () => {
      const a = await applyOnline(t, zhang, 'BDCDJ');
      const res = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${a.caseId}/withdraw`, headers: { cookie: zhang.cookie }, payload: { reason: XSS } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, 'WITHDRAWN');
      assert.equal(res.json().timeline.at(-1).label, '已撤回');
      const h = await t.db.query<{ comment: string }>(`SELECT comment FROM case_history WHERE case_id = $1 AND action = 'withdraw'`, [a.caseId]);
      assert.equal(h.rows[0]!.comment, XSS);
      const b = await applyOnline(t, zhang, 'JSYDGH');
      let c = await toDecision(t, s, await get(t, s.clerk, b.caseId));
      c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
      const late = await t.app.inject({ method: 'POST', url: `/api/portal/cases/${b.caseId}/withdraw`, headers: { cookie: zhang.cookie }, payload: { reason: '不想办了' } });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().code, 'CASE_ACTION_NOT_ALLOWED');
    });

    it('offers the decision and the signed certificate of an own case as PDFs, with the verification link', async () => {
      const { caseId } = await applyOnline(t, zhang, 'JSYDGH');
      let c = await toDecision(t, s, await get(t, s.clerk, caseId));
      c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
      let m = await mine(t, zhang, caseId);
      assert.deepEqual(m.documents.map((d: { kind: string }) => d.kind), ['acceptance', 'approval']);
      assert.equal(m.certificate, null);
      const early = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${caseId}/certificate.pdf`, headers: { cookie: zhang.cookie } });
      assert.equal(early.statusCode, 409);
      assert.equal(early.json().code, 'CERTIFICATE_NOT_ISSUED');
      c = await ok(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'certify') });
      m = await mine(t, zhang, caseId);
      assert.equal(m.certificate.number, c.certificateNo);
      assert.equal(m.certificate.url, `/api/portal/cases/${caseId}/certificate.pdf`);
      assert.equal(m.certificate.verifyUrl, `/verify/${c.certificateNo}`);
      const cert = await t.app.inject({ method: 'GET', url: m.certificate.url, headers: { cookie: zhang.cookie } });
      assert.equal(cert.statusCode, 200, cert.body);
      assert.match(pdfText(cert.rawPayload).replace(/\s+/g, ''), /张三/);
      const decision = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${caseId}/notices/approval.pdf`, headers: { cookie: zhang.cookie } });
      assert.equal(decision.statusCode, 200);
      assert.match(pdfText(decision.rawPayload).replace(/\s+/g, ''), /准予行政许可决定书/);
      const notYet = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${caseId}/notices/denial.pdf`, headers: { cookie: zhang.cookie } });
      assert.equal(notYet.statusCode, 409);
      for (const url of [m.certificate.url, `/api/portal/cases/${caseId}/notices/approval.pdf`]) {
        const theirs = await t.app.inject({ method: 'GET', url, headers: { cookie: li.cookie } });
        assert.equal(theirs.statusCode, 403, url);
      }
      const labels = m.timeline.map((h: { label: string }) => h.label);
      assert.deepEqual(labels, ['已申报', '已受理', '准予许可', '已制证']);
      for (const h of m.timeline.slice(1)) assert.ok(h.department !== '申请人' && h.departmentEn, JSON.stringify(h));
      assert.ok(!JSON.stringify(m.timeline).match(new RegExp(Object.values(s.names).join('|'))), 'no staff names');
    });

    it('an agent acting for an organisation applies as the organisation; the person’s own cases stay apart', async () => {
      const wang = await registerPerson(t, { name: '王五' });
      const org = await t.app.inject({ method: 'POST', url: '/api/portal/auth/organisations', headers: { cookie: wang.cookie }, payload: { name: '衡南县示例置业有限公司', uscc: newUscc() } });
      assert.equal(org.statusCode, 201, org.body);
      const actAs = (organisationId: string | null) => t.app.inject({ method: 'POST', url: '/api/portal/auth/act-as', headers: { cookie: wang.cookie }, payload: { organisationId } });
      assert.equal((await actAs(org.json().id)).statusCode, 200);
      const { caseId } = await applyOnline(t, wang, 'BDCDJ');
      const row = (await t.db.query<{ applicant: { type: string; name: string; idType: string; accountId: string; contactName: string } }>('SELECT applicant FROM cases WHERE id = $1', [caseId])).rows[0]!.applicant;
      assert.deepEqual([row.type, row.name, row.idType, row.accountId, row.contactName], ['organisation', '衡南县示例置业有限公司', 'credit_code', org.json().id, '王五']);
      assert.ok((await t.app.inject({ method: 'GET', url: '/api/portal/cases', headers: { cookie: wang.cookie } })).json().some((x: { id: string }) => x.id === caseId));
      assert.equal((await actAs(null)).statusCode, 200);
      assert.ok(!(await t.app.inject({ method: 'GET', url: '/api/portal/cases', headers: { cookie: wang.cookie } })).json().some((x: { id: string }) => x.id === caseId));
      const res = await t.app.inject({ method: 'GET', url: `/api/portal/cases/${caseId}`, headers: { cookie: wang.cookie } });
      assert.equal(res.statusCode, 403, 'acting for oneself, the organisation’s case is not the person’s');
    });

    describe('GET /api/portal/progress (public)', () => {
      it('shows progress by number and code without names; a wrong code and an unknown number give the same 404', async () => {
        const { caseNo, queryCode } = await applyOnline(t, zhang, 'BDCDJ');
        const remoteAddress = '10.77.0.1';
        const res = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode}`, remoteAddress });
        assert.equal(res.statusCode, 200, res.body);
        const p = res.json();
        assert.deepEqual(Object.keys(p).sort(), ['caseNo', 'dueDate', 'itemName', 'light', 'state', 'stateName', 'submittedAt', 'timeline']);
        assert.equal(p.itemName, '不动产登记');
        assert.deepEqual(p.timeline.map((h: { label: string; department: string }) => [h.label, h.department]), [['已申报', '申请人']]);
        assert.ok(!res.body.includes('张三') && !res.body.includes(zhang.phone.slice(-4)));
        const lower = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode.toLowerCase()}`, remoteAddress });
        assert.equal(lower.statusCode, 200, 'the code is read case-insensitively');
        const wrongCode = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH'}`, remoteAddress });
        const unknown = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${t.region}20260101BDCDJ999999&code=${queryCode}`, remoteAddress });
        for (const r of [wrongCode, unknown]) {
          assert.equal(r.statusCode, 404);
          assert.equal(r.json().code, 'PROGRESS_NOT_FOUND');
        }
        assert.deepEqual(generic(wrongCode.json()), generic(unknown.json()));
      });

      it('answers the 21st failed lookup within a minute from one address with 429', async () => {
        const { caseNo, queryCode } = await applyOnline(t, li, "BDCDJ");
        const remoteAddress = '10.77.0.21';
        for (let i = 0; i < 20; i++) {
          const r = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=WRONG${i}`, remoteAddress });
          assert.equal(r.statusCode, 404, `lookup ${i + 1}`);
        }
        const limited = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode}`, remoteAddress });
        assert.equal(limited.statusCode, 429);
        assert.equal(limited.json().code, 'PROGRESS_RATE_LIMITED');
        const elsewhere = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode}`, remoteAddress: '10.77.0.22' });
        assert.equal(elsewhere.statusCode, 200, 'other addresses are not affected');
        t.clock.advanceMinutes(2);
        const later = await t.app.inject({ method: 'GET', url: `/api/portal/progress?no=${caseNo}&code=${queryCode}`, remoteAddress });
        assert.equal(later.statusCode, 200, 'a minute later the address may look again');
      });
    });
  });

  describe(`online hall: the legal clock across National Day 2026 on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    let zhang: Person;
    before(async () => {
      t = await testApp(await kind.get());
      setChinaDate(t, '2026-09-29');
      await buildCounty(t);
      s = await staff(t);
      zhang = await registerPerson(t, { name: '张三' });
    });
    after(() => t.close());

    const signInAgain = async () => {
      await relogin(t, s, ['clerk', 'handler', 'head', 'leader']);
      const res = await t.app.inject({ method: 'POST', url: '/api/portal/auth/login', payload: { account: zhang.phone, password: APPLICANT_PASSWORD } });
      zhang.cookie = applicantCookie(res);
    };

    it('counts working days used of those allowed, lists 国庆节 as skipped, and shows a special procedure as a pause with its legal reason', async () => {
      const { caseId } = await applyOnline(t, zhang, 'JSYDGH');
      let c = await ok(t, s.clerk, caseId, { action: 'accept', taskId: openTask(await get(t, s.clerk, caseId), 'accept') });
      setChinaDate(t, '2026-10-09');
      await signInAgain();
      let m = await mine(t, zhang, caseId);
      const cal = t.ctx.calendar;
      assert.equal(m.acceptedOn, '2026-09-29');
      assert.equal(m.clock.allowedDays, 5);
      assert.equal(m.clock.usedDays, await cal.workingDaysBetween('2026-09-29', '2026-10-09'));
      assert.equal(m.clock.usedDays, 3, '09-30, 10-08, 10-09');
      assert.equal(m.clock.running, true);
      const skipped = m.clock.holidaysSkipped as { date: string; name: string }[];
      assert.deepEqual(skipped.map((h) => h.date), ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
      assert.ok(skipped.every((h) => h.name.includes('国庆')), JSON.stringify(skipped));
      assert.equal(m.clock.dueDate, '2026-10-12');
      c = await get(t, s.handler, caseId);
      await ok(t, s.handler, caseId, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 5, reason: '内部：等领导批示', comment: '内部：等领导批示' });
      setChinaDate(t, '2026-10-13');
      await signInAgain();
      m = await mine(t, zhang, caseId);
      assert.equal(m.clock.light, 'paused');
      assert.equal(m.clock.running, false);
      assert.equal(m.clock.pauses.length, 1);
      const p = m.clock.pauses[0];
      assert.deepEqual([p.kind, p.procedure, p.reasonName, p.reasonNameEn, p.from, p.to, p.days], ['special', 'publicity', '公示', 'Public notice', '2026-10-09', null, await cal.workingDaysBetween('2026-10-09', '2026-10-13')]);
      assert.ok(!JSON.stringify(m).includes('等领导批示'), 'the staff’s own words stay inside');
      assert.equal(m.clock.usedDays, 3, 'paused days are not used days');
      assert.equal(m.timeline.at(-1).label, '进入特别程序');
    });
  });
}
