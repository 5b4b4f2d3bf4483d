import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { get, ok, openTask, projectFor, staff, toDecision, type Staff } from '../approval/helpers.ts';

// A project boundary near 云集街道 (EPSG:4490), about 1.9 ha.
const BOUNDARY = { type: 'Polygon', coordinates: [[[112.7, 26.8], [112.7015, 26.8], [112.7015, 26.8012], [112.7, 26.8012], [112.7, 26.8]]] };
const ORGANISATION = { type: 'organisation', name: '衡南县城市建设投资有限公司', idType: 'credit_code', idNumber: '91430422MA4L0ABC11', phone: '13907340000', contactName: '王经理' };

async function approvedCase(t: TestApp, s: Staff, applicant: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'JSYDGH', applicant, project: projectFor('JSYDGH', 18_000), boundary: BOUNDARY } });
  assert.equal(res.statusCode, 201, res.body);
  const c = await toDecision(t, s, res.json());
  return ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
}

for (const kind of testDbs) {
  describe(`制证: approved cases get signed electronic certificates on ${kind.name}`, () => {
    let t: TestApp;
    let s: Staff;
    before(async () => {
      t = await testApp(await kind.get());
      s = await staff(t);
    });
    after(() => t.close());

    it('issues an SM2-signed certificate for the case, with its boundary, holder and case number, that verifies as valid', async () => {
      let c = await approvedCase(t, s, ORGANISATION);
      c = await ok(t, s.clerk, c.id, { action: 'certify', taskId: openTask(c, 'certify') });
      assert.equal(c.state, 'CERTIFIED');
      const year = new Date().getFullYear();
      assert.match(c.certificateNo, new RegExp(`^(${year}|${year + 1})${t.region}JSYDGH\\d{5}$`));
      const v = await t.app.inject({ method: 'GET', url: `/api/certificates/${c.certificateNo}/verify` });
      assert.equal(v.statusCode, 200, v.body);
      assert.equal(v.json().status, 'valid');
      const cert = (await t.app.inject({ method: 'GET', url: `/api/certificates/${c.certificateNo}` })).json();
      assert.equal(cert.caseNo, c.caseNo);
      assert.equal(cert.holder.name, ORGANISATION.name);
      assert.equal(cert.project.name, '云集大道东段道路工程');
      assert.ok(Math.abs(Number(cert.project.landAreaM2) - 18_000) < 2_000, `boundary area ${cert.project.landAreaM2}`);
      assert.ok(cert.details.some((d: { label: string; value: string }) => d.label === '用地性质' && d.value === '城镇村道路用地'));
    });

    it('leaves the case approved and writes no certificate when the certificate cannot be issued', async () => {
      // A self-intersecting (bow-tie) boundary passes the case form's shape check but not the certificate's.
      const bowtie = { type: 'Polygon', coordinates: [[[112.7, 26.8], [112.701, 26.801], [112.701, 26.8], [112.7, 26.801], [112.7, 26.8]]] };
      const res0 = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'JSYDGH', applicant: ORGANISATION, project: projectFor('JSYDGH', 18_000), boundary: bowtie } });
      assert.equal(res0.statusCode, 201, res0.body);
      let c = await toDecision(t, s, res0.json());
      c = await ok(t, s.leader, c.id, { action: 'pass', taskId: openTask(c, 'approve') });
      const res = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/actions`, headers: { cookie: s.clerk }, payload: { action: 'certify', taskId: openTask(c, 'certify') } });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().code, 'CERTIFICATE_BOUNDARY_INVALID');
      c = await get(t, s.clerk, c.id);
      assert.equal(c.state, 'DONE_APPROVED');
      assert.equal(c.certificateNo, null);
      assert.equal((await t.db.query(`SELECT 1 FROM certificates WHERE case_no = $1`, [c.caseNo])).rowCount, 0);
      assert.equal((await t.db.query(`SELECT 1 FROM case_history h JOIN cases k ON k.id = h.case_id WHERE k.id = $1 AND h.action = 'certify'`, [c.id])).rowCount, 0);
    });

    it('refuses at submission an applicant whose ID number has a wrong check character (400), creating no case', async () => {
      for (const applicant of [{ ...ORGANISATION, idNumber: '91430422MA4L0ABC12' }, { type: 'person', name: '张三', idType: 'resident_id', idNumber: '430422199001011234', phone: '13907340001' }]) {
        const before = await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE region_code = $1`, [t.region]);
        const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'JSYDGH', applicant, project: projectFor('JSYDGH'), boundary: BOUNDARY } });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().code, 'APPLICANT_ID_INVALID');
        const after = await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE region_code = $1`, [t.region]);
        assert.deepEqual(after.rows, before.rows);
      }
    });
  });
}
