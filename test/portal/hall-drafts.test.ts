import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { projectFor } from '../approval/helpers.ts';
import { boundaryTxt, buildCounty, X0, Y0 } from '../review/helpers.ts';
import { fillDraft, filePart, newDraft, pdfBytes, registerPerson, uploadFile, type Person } from './helpers.ts';

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

/** A national boundary TXT whose ring crosses itself (a bow-tie): J1 J2 J3 J4 in the wrong order. */
function bowTieTxt(): string {
  const [x, y, w, h] = [50, 50, 100, 100];
  const pts = [[x, y + h], [x + w, y], [x + w, y + h], [x, y], [x, y + h]];
  const lines = ['[属性描述]', '坐标系=2000国家大地坐标系', '几度分带=3', '带号=38', '[地块坐标]', `${pts.length},1.0000,1,地块1,面,,工业用地,,@`];
  pts.forEach(([px, py], k) => lines.push(`J${(k % 4) + 1},1,${(Y0 + py!).toFixed(3)},${(X0 + px!).toFixed(3)}`));
  return lines.join('\r\n') + '\r\n';
}

for (const kind of testDbs) {
  describe(`online hall uploads, drafts, pre-check and submission on ${kind.name}`, () => {
    let t: TestApp;
    let zhang: Person;
    let li: Person;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      zhang = await registerPerson(t, { name: '张三' });
      li = await registerPerson(t, { name: '李四' });
    });
    after(() => t.close());

    const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params)).rows[0]!.n;
    const filesOf = (p: Person) => count('SELECT count(*)::int AS n FROM applicant_files WHERE applicant_id = $1', [p.id]);
    const allFiles = () => count('SELECT count(*)::int AS n FROM files');
    const tmpDir = () => path.join(t.ctx.config.dataDir, 'files', 'tmp');
    const tmpFiles = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()).length : 0);

    describe('POST /api/portal/uploads', () => {
      it('stores a PDF for its uploader, who alone may download it', async () => {
        const bytes = pdfBytes('申请表');
        const up = await uploadFile(t, zhang.cookie, '建设用地规划许可申请表.pdf', bytes);
        assert.equal(up.mime, 'application/pdf');
        assert.equal(up.size, bytes.length);
        assert.equal(up.name, '建设用地规划许可申请表.pdf');
        assert.match(up.sha256, /^[0-9a-f]{64}$/);
        const mine = await t.app.inject({ method: 'GET', url: `/api/portal/uploads/${up.fileId}`, headers: { cookie: zhang.cookie } });
        assert.equal(mine.statusCode, 200);
        assert.deepEqual(mine.rawPayload, bytes);
        const theirs = await t.app.inject({ method: 'GET', url: `/api/portal/uploads/${up.fileId}`, headers: { cookie: li.cookie } });
        assert.equal(theirs.statusCode, 403);
        assert.equal(theirs.json().code, 'UPLOAD_FORBIDDEN');
        const unknown = await t.app.inject({ method: 'GET', url: '/api/portal/uploads/00000000-0000-4000-8000-000000000000', headers: { cookie: li.cookie } });
        assert.equal(unknown.statusCode, 403);
        const anonymous = await t.app.inject({ method: 'GET', url: `/api/portal/uploads/${up.fileId}` });
        assert.equal(anonymous.statusCode, 401);
        const audit = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.upload' AND object_id = $1`, [up.fileId]);
        assert.equal(audit, 1);
      });

      it('accepts PNG and JPEG by content', async () => {
        const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(64, 1)]);
        assert.equal((await uploadFile(t, zhang.cookie, 'photo.bin', png)).mime, 'image/png');
        const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(64, 2)]);
        assert.equal((await uploadFile(t, zhang.cookie, 'photo.pdf', jpeg)).mime, 'image/jpeg');
      });

      it('refuses an .exe renamed .pdf (and text) with 415, storing nothing', async () => {
        const before = [await filesOf(li), await allFiles()];
        const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(8000, 0x90)]);
        for (const [name, bytes] of [['合同.pdf', exe], ['说明.pdf', Buffer.from('just some text, not a PDF')]] as const) {
          const f = filePart(name, bytes);
          const res = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { ...f.headers, cookie: li.cookie }, payload: f.payload });
          assert.equal(res.statusCode, 415, res.body);
          assert.equal(res.json().code, 'UPLOAD_TYPE_NOT_ALLOWED');
          assert.equal(res.json().message.zh, '申请材料只接受 PDF、JPEG、PNG 文件');
        }
        assert.deepEqual([await filesOf(li), await allFiles()], before);
      });

      it('cuts a 100 MB upload off at 20 MB without reading it all, storing nothing', async () => {
        const before = [await filesOf(li), await allFiles(), tmpFiles()];
        const boundary = '----hall100mb';
        const total = 100 * 1024 * 1024;
        let produced = 0;
        const chunk = Buffer.alloc(256 * 1024, 0x41);
        const body = Readable.from((function* () {
          yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
          while (produced < total) {
            produced += chunk.length;
            yield chunk;
          }
          yield Buffer.from(`\r\n--${boundary}--\r\n`);
        })(), { objectMode: false });
        const res = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: li.cookie }, payload: body });
        assert.equal(res.statusCode, 413, res.body);
        assert.equal(res.json().code, 'UPLOAD_TOO_LARGE');
        assert.equal(res.headers.connection, 'close');
        assert.ok(produced < 40 * 1024 * 1024, `read ${produced} bytes of 100 MB`);
        assert.deepEqual([await filesOf(li), await allFiles(), tmpFiles()], before);
      });

      it('refuses a body announced larger than the limit before reading it', async () => {
        let read = 0;
        const body = new Readable({ read() { read++; this.push(Buffer.alloc(1024)); } });
        const res = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(100 * 1024 * 1024), cookie: li.cookie }, payload: body });
        assert.equal(res.statusCode, 413);
        assert.equal(res.json().code, 'UPLOAD_TOO_LARGE');
        assert.ok(read < 64, `${read} chunks read`);
      });

      it('asks for sign-in first', async () => {
        const f = filePart('a.pdf', pdfBytes());
        const res = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: f.headers, payload: f.payload });
        assert.equal(res.statusCode, 401);
        assert.equal(res.json().code, 'APPLICANT_UNAUTHENTICATED');
      });
    });

    describe('drafts', () => {
      it('are created, saved incomplete, listed and resumed; a stale version is 409', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        assert.equal(d.version, 1);
        const file = await uploadFile(t, zhang.cookie, '申请表.pdf');
        const put = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: 1, project: { projectName: '半成品', landArea: -5 }, materials: [{ code: 'application_form', fileId: file.fileId }] } });
        assert.equal(put.statusCode, 200, put.body);
        assert.equal(put.json().version, 2);
        const got = (await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } })).json();
        assert.deepEqual(got.project, { projectName: '半成品', landArea: -5 }, 'an unfinished draft keeps what was typed');
        assert.deepEqual(got.materials, [{ code: 'application_form', fileId: file.fileId, name: '申请表.pdf', size: file.size, mime: 'application/pdf' }]);
        assert.equal(got.itemName, '建设用地规划许可证核发');
        assert.equal(got.precheck, null);
        assert.equal(got.submittedCaseId, null);
        const list = (await t.app.inject({ method: 'GET', url: '/api/portal/drafts', headers: { cookie: zhang.cookie } })).json();
        assert.ok(list.some((x: { id: string; itemName: string }) => x.id === d.id && x.itemName === '建设用地规划许可证核发'));
        assert.ok(!(await t.app.inject({ method: 'GET', url: '/api/portal/drafts', headers: { cookie: li.cookie } })).json().some((x: { id: string }) => x.id === d.id));
        const stale = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: 1, project: {}, materials: [] } });
        assert.equal(stale.statusCode, 409);
        assert.equal(stale.json().code, 'DRAFT_VERSION_CONFLICT');
        assert.equal(stale.json().currentVersion, 2);
      });

      it('refuses obviously wrong types, unknown materials and files of another account with 422, changing nothing', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        const put = (body: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: 1, materials: [], project: {}, ...body } });
        const wrongType = await put({ project: { landArea: '很大', nonsense: 'x' } });
        assert.equal(wrongType.statusCode, 422);
        assert.equal(wrongType.json().code, 'APPLICATION_INVALID');
        assert.deepEqual(wrongType.json().errors.map((e: { field: string }) => e.field).sort(), ['landArea', 'nonsense']);
        assert.equal(wrongType.json().errors.find((e: { field: string }) => e.field === 'landArea').message, '用地面积须为数字');
        const unknown = await put({ materials: [{ code: 'no_such_material', fileId: (await uploadFile(t, zhang.cookie)).fileId }] });
        assert.equal(unknown.statusCode, 422);
        assert.equal(unknown.json().code, 'DRAFT_MATERIAL_INVALID');
        const foreign = await put({ materials: [{ code: 'application_form', fileId: (await uploadFile(t, li.cookie)).fileId }] });
        assert.equal(foreign.statusCode, 422);
        assert.equal(foreign.json().errors[0].field, 'materials[0].fileId');
        const nested = await put({ project: { projectName: { html: '<b>' } } });
        assert.equal(nested.statusCode, 422);
        assert.equal(nested.json().errors[0].field, 'projectName');
        assert.equal((await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } })).json().version, 1);
      });

      it('keep HTML and script verbatim as JSON text', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        const project = { projectName: XSS, location: `"'</textarea>&amp;`, landArea: 100 };
        const put = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: 1, project, materials: [] } });
        assert.equal(put.statusCode, 200, put.body);
        assert.match(String(put.headers['content-type']), /application\/json/);
        assert.deepEqual(put.json().project, project);
      });

      it('of another account are 403 for reading, saving, deleting and submitting; deleting one’s own is 204', async () => {
        const d = await newDraft(t, zhang.cookie, 'BDCDJ');
        for (const [method, url, payload] of [['GET', `/api/portal/drafts/${d.id}`], ['PUT', `/api/portal/drafts/${d.id}`, { expectedVersion: 1, project: {}, materials: [] }], ['DELETE', `/api/portal/drafts/${d.id}`], ['GET', `/api/portal/drafts/${d.id}/precheck.pdf`]] as const) {
          const res = await t.app.inject({ method, url, headers: { cookie: li.cookie }, ...(payload ? { payload } : {}) });
          assert.equal(res.statusCode, 403, `${method} ${url}`);
          assert.equal(res.json().code, 'DRAFT_FORBIDDEN');
        }
        const submit = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/submit`, headers: { cookie: li.cookie, 'idempotency-key': 'li-tries-1' } });
        assert.equal(submit.statusCode, 403);
        const del = await t.app.inject({ method: 'DELETE', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } });
        assert.equal(del.statusCode, 204);
        assert.equal((await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } })).statusCode, 403);
        const unknownItem = await t.app.inject({ method: 'POST', url: '/api/portal/drafts', headers: { cookie: zhang.cookie }, payload: { itemCode: 'NOPE' } });
        assert.equal(unknownItem.statusCode, 404);
        assert.equal(unknownItem.json().code, 'GUIDE_NOT_FOUND');
      });
    });

    describe('POST /api/portal/drafts/{id}/boundary', () => {
      it('pre-checks a national TXT boundary with the review module and keeps the result; the report is a PDF', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        const f = filePart('红线.txt', Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])));
        const res = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/boundary`, headers: { ...f.headers, cookie: zhang.cookie }, payload: f.payload });
        assert.equal(res.statusCode, 200, res.body);
        const p = res.json().precheck;
        assert.ok(['PASS', 'WARN', 'CONDITIONAL', 'MANUAL', 'FAIL'].includes(p.verdict));
        assert.ok(p.verdictName && p.verdictNameEn);
        assert.ok(Math.abs(p.areaM2 - 10000) < 100, String(p.areaM2));
        assert.ok(p.rules.length > 0);
        for (const r of p.rules) assert.ok(r.id && r.name && r.nameEn && r.verdict && r.message && r.messageEn, JSON.stringify(r));
        assert.match(p.reportNo, /\S+/);
        assert.equal(res.json().boundaryFileName, '红线.txt');
        assert.ok(['Polygon', 'MultiPolygon'].includes(res.json().boundary.type));
        const report = await t.db.query<{ case_id: string | null; created_by: string | null }>('SELECT case_id, created_by FROM review_reports WHERE id = $1', [p.reportId]);
        assert.deepEqual(report.rows[0], { case_id: null, created_by: null });
        const pdf = await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}/precheck.pdf`, headers: { cookie: zhang.cookie } });
        assert.equal(pdf.statusCode, 200);
        assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      });

      it('answers a self-intersecting boundary with 422 naming the points, keeping the draft as it was', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        const f = filePart('坏红线.txt', Buffer.from(bowTieTxt()));
        const res = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/boundary`, headers: { ...f.headers, cookie: zhang.cookie }, payload: f.payload });
        assert.equal(res.statusCode, 422, res.body);
        assert.equal(res.json().code, 'BOUNDARY_SELF_INTERSECTS');
        assert.match(res.body, /J1|J2|J3|J4/);
        const got = (await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } })).json();
        assert.equal(got.version, 1);
        assert.equal(got.precheck, null);
      });

      it('is 409 BOUNDARY_NOT_USED for an item without spatial review (and there is no pre-check report)', async () => {
        const d = await newDraft(t, zhang.cookie, 'BDCDJ');
        const none = await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}/precheck.pdf`, headers: { cookie: zhang.cookie } });
        assert.equal(none.statusCode, 404);
        assert.equal(none.json().code, 'PRECHECK_NOT_AVAILABLE');
        const f = filePart('红线.txt', Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])));
        const res = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/boundary`, headers: { ...f.headers, cookie: zhang.cookie }, payload: f.payload });
        assert.equal(res.statusCode, 409);
        assert.equal(res.json().code, 'BOUNDARY_NOT_USED');
      });
    });

    describe('POST /api/portal/drafts/{id}/submit', () => {
      const submit = (p: Person, id: string, key?: string) => t.app.inject({ method: 'POST', url: `/api/portal/drafts/${id}/submit`, headers: { cookie: p.cookie, ...(key ? { 'idempotency-key': key } : {}) } });
      const caseCount = (p: Person) => count(`SELECT count(*)::int AS n FROM cases WHERE applicant->>'accountId' = $1`, [p.id]);

      it('needs an Idempotency-Key', async () => {
        const d = await newDraft(t, zhang.cookie, 'BDCDJ');
        for (const key of [undefined, 'short', 'has space in it']) {
          const res = await submit(zhang, d.id, key);
          assert.equal(res.statusCode, 400);
          assert.equal(res.json().code, 'IDEMPOTENCY_KEY_REQUIRED');
        }
      });

      it('refuses an invalid form with field errors, missing materials and a missing boundary — no case, no draft change', async () => {
        const cases = await caseCount(zhang);
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        const saved = await fillDraft(t, zhang.cookie, d, { ...projectFor('JSYDGH'), landArea: 0, supplyMethod: 'gift', projectName: '' });
        const bad = await submit(zhang, d.id, 'bad-form-0001');
        assert.equal(bad.statusCode, 422);
        assert.equal(bad.json().code, 'APPLICATION_INVALID');
        const errors = bad.json().errors as { field: string; message: string }[];
        assert.deepEqual(errors.map((e) => e.field).sort(), ['landArea', 'projectName', 'supplyMethod']);
        assert.equal(errors.find((e) => e.field === 'projectName')!.message, '请填写项目名称');
        assert.match(errors.find((e) => e.field === 'landArea')!.message, /用地面积须在 0.01/);
        assert.equal(errors.find((e) => e.field === 'supplyMethod')!.message, '请从列表中选择拟供地方式');
        const fixed = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: saved.version, project: projectFor('JSYDGH'), materials: saved.materials.filter((m) => m.code !== 'identity').map(({ code, fileId }) => ({ code, fileId })) } });
        assert.equal(fixed.statusCode, 200);
        const missing = await submit(zhang, d.id, 'bad-form-0002');
        assert.equal(missing.statusCode, 422);
        assert.equal(missing.json().code, 'MATERIALS_MISSING');
        assert.deepEqual(missing.json().missing, [{ code: 'identity', name: '申请人身份证明（营业执照或身份证）及授权委托书' }]);
        const withAll = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: fixed.json().version, project: projectFor('JSYDGH'), materials: saved.materials.map(({ code, fileId }) => ({ code, fileId })) } });
        const noBoundary = await submit(zhang, d.id, 'bad-form-0003');
        assert.equal(noBoundary.statusCode, 422);
        assert.equal(noBoundary.json().code, 'BOUNDARY_REQUIRED');
        assert.equal(await caseCount(zhang), cases);
        const after = (await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie } })).json();
        assert.equal(after.version, withAll.json().version);
        assert.equal(after.submittedCaseId, null);
      });

      it('makes one case with the case number and query code; the same key answers the same case, another key is 409', async () => {
        const d = await newDraft(t, zhang.cookie, 'JSYDGH');
        await fillDraft(t, zhang.cookie, d, { ...projectFor('JSYDGH'), projectName: XSS });
        const f = filePart('红线.txt', Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])));
        const checked = (await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/boundary`, headers: { ...f.headers, cookie: zhang.cookie }, payload: f.payload })).json();
        const first = await submit(zhang, d.id, 'submit-key-0001');
        assert.equal(first.statusCode, 201, first.body);
        const { caseId, caseNo, queryCode } = first.json();
        assert.match(caseNo, new RegExp(`^${t.region}\\d{8}JSYDGH\\d{6}$`));
        assert.match(queryCode, /^[2-9A-HJ-NP-Z]{8}$/);
        const again = await submit(zhang, d.id, 'submit-key-0001');
        assert.equal(again.statusCode, 200);
        assert.deepEqual(again.json(), first.json());
        const other = await submit(zhang, d.id, 'submit-key-0002');
        assert.equal(other.statusCode, 409);
        assert.equal(other.json().code, 'DRAFT_ALREADY_SUBMITTED');
        assert.equal(other.json().caseId, caseId);
        const edit = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie: zhang.cookie }, payload: { expectedVersion: 99, project: {}, materials: [] } });
        assert.equal(edit.statusCode, 409);
        assert.equal(edit.json().code, 'DRAFT_ALREADY_SUBMITTED');
        const row = await t.db.query<{ review_report_id: string; channel: string; applicant: { name: string; accountId: string; idNumberMasked: string }; project: { projectName: string } }>('SELECT review_report_id, channel, applicant, project FROM cases WHERE id = $1', [caseId]);
        const c = row.rows[0]!;
        assert.equal(c.review_report_id, checked.precheck.reportId, 'the pre-check report is attached to the case');
        const owner = await t.db.query<{ case_id: string | null }>('SELECT case_id FROM review_reports WHERE id = $1', [checked.precheck.reportId]);
        assert.equal(owner.rows[0]!.case_id, caseId, 'the pre-check report becomes the case\'s: the review tab, re-runs and re-reviews find it');
        assert.equal(c.channel, 'online');
        assert.equal(c.applicant.name, '张三');
        assert.equal(c.applicant.accountId, zhang.id);
        assert.equal(c.project.projectName, XSS, 'stored verbatim');
        const materials = await count('SELECT count(*)::int AS n FROM case_materials WHERE case_id = $1', [caseId]);
        assert.equal(materials, 4);
        assert.ok(!(await t.app.inject({ method: 'GET', url: '/api/portal/drafts', headers: { cookie: zhang.cookie } })).json().some((x: { id: string }) => x.id === d.id), 'a submitted draft leaves the list');
      });

      it('makes one case from three concurrent submissions with the same key', async () => {
        const d = await newDraft(t, li.cookie, 'BDCDJ');
        await fillDraft(t, li.cookie, d, projectFor('BDCDJ'));
        const before = await caseCount(li);
        const all = await Promise.all([1, 2, 3].map(() => submit(li, d.id, 'concurrent-key-1')));
        assert.deepEqual(all.map((r) => r.statusCode).sort(), [200, 200, 201], all.map((r) => r.body).join('\n'));
        assert.equal(new Set(all.map((r) => r.json().caseId)).size, 1);
        assert.equal(await caseCount(li), before + 1);
      });

      it('makes one case from concurrent submissions with different keys; the losers are 409', async () => {
        const d = await newDraft(t, li.cookie, 'BDCDJ');
        await fillDraft(t, li.cookie, d, projectFor('BDCDJ'));
        const before = await caseCount(li);
        const all = await Promise.all(['race-key-0001', 'race-key-0002'].map((k) => submit(li, d.id, k)));
        assert.deepEqual(all.map((r) => r.statusCode).sort(), [201, 409]);
        assert.equal(await caseCount(li), before + 1);
      });
    });
  });
}
