import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { RecordingCertificateIssuer } from '../../src/modules/approval/certificates.ts';
import { act, get, ok, openTask, staff, submit, type Staff } from './helpers.ts';

for (const kind of testDbs) {
  describe(`case lifecycle on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    it('POST /api/cases numbers the case {region}{yyyyMMdd}{item}{serial} and opens the acceptance task', async () => {
      const res = await submit(t, s.clerk, 'JSYDGH');
      assert.equal(res.statusCode, 201, res.body);
      const c = res.json();
      assert.match(c.caseNo, new RegExp(`^${t.region}\\d{8}JSYDGH\\d{6}$`));
      assert.equal(c.state, 'SUBMITTED');
      assert.equal(c.applicant.idNumber, '914***********BC11');
      assert.deepEqual(c.tasks.map((x: any) => [x.stepId, x.status]), [['accept', 'open']]);
      assert.deepEqual(c.allowedActions.map((a: any) => a.action).sort(), ['accept', 'not_accept', 'request_supplement', 'withdraw']);
      const stored = await t.db.query<{ applicant: any }>('SELECT applicant FROM cases WHERE id = $1', [c.id]);
      assert.ok(!JSON.stringify(stored.rows[0]!.applicant).includes('91430422MA4L0ABC11'), 'the id number is stored encrypted');
    });

    it('runs 受理 → 承办 → 审核 → 审批 → 制证 → 送达 through the API, writing history, audit and outbox per step', async () => {
      const c0 = (await submit(t, s.clerk, 'JSYDGH')).json();
      let c = await ok(t, s.clerk, c0.id, { action: 'accept', taskId: openTask(c0, 'accept') });
      assert.equal(c.state, 'HANDLING');
      assert.ok(c.acceptedOn && c.clock.dueDate);
      // The handler sees the buttons of the 承办 task; the clerk only the applicant's withdrawal.
      assert.deepEqual((await get(t, s.clerk, c.id)).allowedActions.map((a: any) => a.action), ['withdraw']);
      c = await get(t, s.handler, c.id);
      assert.deepEqual(c.allowedActions.map((a: any) => a.action).sort(), ['pass', 'request_supplement', 'start_special']);
      assert.deepEqual(c.tasks.find((x: any) => x.stepId === 'handle').actions.sort(), ['pass', 'request_supplement', 'start_special']);
      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle'), comment: '符合规划条件' });
      assert.equal(c.state, 'REVIEW');
      c = await ok(t, s.head, c.id, { action: 'pass', taskId: openTask(c, 'review') });
      assert.equal(c.state, 'APPROVAL');
      c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
      assert.equal(c.state, 'DONE_APPROVED');
      assert.equal(c.decision, 'approved');
      c = await ok(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'certify') });
      assert.equal(c.state, 'CERTIFIED');
      assert.match(c.certificateNo, /^JSYDGH-\d{8}-\d{6}$/);
      c = await ok(t, s.clerk, c.id, { action: 'deliver', taskId: openTask(c, 'deliver'), method: 'electronic' });
      assert.equal(c.state, 'DELIVERED');
      assert.ok(c.closedAt);
      assert.deepEqual(c.timeline.map((h: any) => h.action), ['submit', 'accept', 'pass', 'pass', 'approve', 'certify', 'deliver']);
      const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE region_code = $1 AND object_id = $2 ORDER BY id`, [t.region, c.caseNo]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['submit', 'accept', 'pass', 'pass', 'approve', 'certify', 'deliver'].map((a) => `approval.case_${a}`));
      const events = await t.db.query<{ topic: string }>(`SELECT topic FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [c.id]);
      assert.deepEqual(events.rows.map((r) => r.topic), ['submit', 'accept', 'pass', 'pass', 'approve', 'certify', 'deliver'].map((a) => `case.${a}`));
    });

    it('certify goes through the pluggable CertificateIssuer inside the case transaction', async () => {
      const seen: string[] = [];
      t.app.approval.setCertificateIssuer({
        async issue(tx, req) {
          const n = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM case_tasks WHERE case_id = $1', [req.caseId]);
          seen.push(`${req.itemCode}/${req.resultName}/${n.rows[0]!.n}`);
          return { certificateNo: '湘(2026)衡南县建设用地规划许可第0001号' };
        },
      });
      try {
        let c = (await submit(t, s.clerk, 'JSYDGH')).json();
        c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
        c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
        c = await ok(t, s.head, c.id, { action: 'pass', taskId: openTask(c, 'review') });
        c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
        c = await ok(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'certify') });
        assert.equal(c.certificateNo, '湘(2026)衡南县建设用地规划许可第0001号');
        assert.deepEqual(seen, ['JSYDGH/建设用地规划许可证/5']);
      } finally {
        t.app.approval.setCertificateIssuer(new RecordingCertificateIssuer());
      }
    });

    it('the decider may deny (reject) with a reason: DONE_DENIED, no certificate', async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      c = await ok(t, s.head, c.id, { action: 'pass', taskId: openTask(c, 'review') });
      const noReason = await act(t, s.leader, c.id, { action: 'reject', taskId: openTask(c, 'approve') });
      assert.equal(noReason.statusCode, 400);
      c = await ok(t, s.leader, c.id, { action: 'reject', taskId: openTask(c, 'approve'), reason: '不符合国土空间规划' });
      assert.equal(c.state, 'DONE_DENIED');
      assert.equal(c.decision, 'denied');
      assert.equal(c.certificateNo, null);
      assert.equal(c.tasks.filter((x: any) => x.status === 'open').length, 0);
    });

    it('not accepting (不予受理) ends the case with the reason', async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'not_accept', taskId: openTask(c, 'accept'), reason: '不属于本机关职权范围' });
      assert.equal(c.state, 'REJECTED_ACCEPT');
      assert.ok(c.closedAt);
    });

    it('return sends the case back to an earlier step; a later step as target gets 422', async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      const bad = await act(t, s.head, c.id, { action: 'return', taskId: openTask(c, 'review'), targetStepId: 'approve' });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().code, 'CASE_RETURN_TARGET_INVALID');
      c = await ok(t, s.head, c.id, { action: 'return', taskId: openTask(c, 'review'), targetStepId: 'handle', comment: '补充现场核查意见' });
      assert.equal(c.state, 'HANDLING');
      assert.deepEqual(c.tasks.map((x: any) => [x.stepId, x.status, x.outcome]), [['accept', 'done', 'accept'], ['handle', 'done', 'pass'], ['review', 'done', 'return'], ['handle', 'open', null]]);
    });

    it('withdraw before the decision cancels open tasks; after the decision it gets 409', async () => {
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.clerk, c.id, { action: 'withdraw', reason: '申请人主动撤回' });
      assert.equal(c.state, 'WITHDRAWN');
      assert.equal(c.tasks.filter((x: any) => x.status === 'open').length, 0);
      let d = (await submit(t, s.clerk, 'JSYDGH')).json();
      d = await ok(t, s.clerk, d.id, { action: 'accept', taskId: openTask(d, 'accept') });
      d = await ok(t, s.handler, d.id, { action: 'pass', taskId: openTask(d, 'handle') });
      d = await ok(t, s.head, d.id, { action: 'pass', taskId: openTask(d, 'review') });
      d = await ok(t, s.leader, d.id, { action: 'pass', taskId: openTask(d, 'approve') });
      const late = await act(t, s.clerk, d.id, { action: 'withdraw', reason: '太迟了' });
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().code, 'CASE_ACTION_NOT_ALLOWED');
    });

    it('PUT /api/cases/{id}/review-report attaches the compliance-review report and makes it the case\'s, with history and audit', async () => {
      // A window check made before the case existed (what the register page does), written as the review module stores it.
      const report = async () => (await t.db.query<{ id: string }>(
        `INSERT INTO review_reports (region_code, report_no, item_code, boundary, boundary_area_m2, source, rule_set_version, layer_versions, results, land_use, overall, overall_computed, created_at)
         VALUES ($1, $2, 'JSYDGH', ST_Multi(ST_GeomFromText('POLYGON((112.6 26.9, 112.601 26.9, 112.601 26.901, 112.6 26.9))', 4490)), 100, '{}', 1, '{}', '[]', '[]', 'PASS', 'PASS', now()) RETURNING id`,
        [t.region, `T${crypto.randomUUID()}`],
      )).rows[0]!.id;
      const caseOf = async (id: string) => (await t.db.query<{ case_id: string | null }>('SELECT case_id FROM review_reports WHERE id = $1', [id])).rows[0]!.case_id;
      const c = (await submit(t, s.clerk, 'JSYDGH')).json();
      const first = await report();
      const res = await t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/review-report`, headers: { cookie: s.clerk }, payload: { reportId: first } });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().reviewReportId, first);
      assert.equal(res.json().timeline.at(-1).action, 'attach_review_report');
      assert.equal(await caseOf(first), c.id, 'the report now belongs to the case (re-runs and re-reviews find it)');
      const second = await report();
      const leader = await t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/review-report`, headers: { cookie: s.leader }, payload: { reportId: second } });
      assert.equal(leader.statusCode, 200, 'leaders may run reviews too');

      const other = (await submit(t, s.clerk, 'JSYDGH')).json();
      const taken = await t.app.inject({ method: 'PUT', url: `/api/cases/${other.id}/review-report`, headers: { cookie: s.clerk }, payload: { reportId: first } });
      assert.equal(taken.statusCode, 409, taken.body);
      assert.equal(taken.json().code, 'REPORT_OF_ANOTHER_CASE');
      const missing = await t.app.inject({ method: 'PUT', url: `/api/cases/${other.id}/review-report`, headers: { cookie: s.clerk }, payload: { reportId: crypto.randomUUID() } });
      assert.equal(missing.statusCode, 404, missing.body);
      const after = (await t.db.query<{ review_report_id: string | null; version: number }>('SELECT review_report_id, version FROM cases WHERE id = $1', [other.id])).rows[0]!;
      assert.equal(after.review_report_id, null, 'a refused attachment changes nothing');
      assert.equal(await caseOf(first), c.id);

      const noPerm = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
      assert.equal((await t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/review-report`, headers: { cookie: noPerm }, payload: { reportId: 'x' } })).statusCode, 403);
    });

    it('a running case stays on the definition version it started with', async () => {
      const admin = await t.login((await t.user(['item_admin'], { department: 'approval_window' })).username);
      let c = (await submit(t, s.clerk, 'JSYDGH')).json();
      assert.equal(c.definitionVersion, 1);
      const def = (await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process', headers: { cookie: admin } })).json();
      // Version 2 drops the 审核 step.
      const graph = {
        nodes: def.graph.nodes.filter((n: any) => n.id !== 'review').map((n: any) => (n.id === 'approve' ? { ...n, returnTargets: ['handle'] } : n)),
        flows: [...def.graph.flows.filter((f: any) => f.from !== 'review' && f.to !== 'review'), { id: 'f_handle_approve', from: 'handle', to: 'approve' }],
      };
      const saved = await t.app.inject({ method: 'PUT', url: '/api/service-items/JSYDGH/process', headers: { cookie: admin }, payload: { name: '简化流程', reason: '取消审核环节', graph } });
      assert.equal(saved.statusCode, 201, saved.body);
      assert.equal(saved.json().version, 2);
      c = await ok(t, s.clerk, c.id, { action: 'accept', taskId: openTask(c, 'accept') });
      c = await ok(t, s.handler, c.id, { action: 'pass', taskId: openTask(c, 'handle') });
      assert.equal(c.state, 'REVIEW', 'the old case still has 审核');
      let n = (await submit(t, s.clerk, 'JSYDGH')).json();
      assert.equal(n.definitionVersion, 2);
      n = await ok(t, s.clerk, n.id, { action: 'accept', taskId: openTask(n, 'accept') });
      n = await ok(t, s.handler, n.id, { action: 'pass', taskId: openTask(n, 'handle') });
      assert.equal(n.state, 'APPROVAL', 'the new case skips 审核');
    });
  });
}
