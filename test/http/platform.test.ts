import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';

for (const kind of testDbs) {
  describe(`platform endpoints on ${kind.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(await kind.get());
    });
    after(() => t.close());

    it('GET /api/health and /api/ready answer', async () => {
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/health' })).json(), { status: 'ok' });
      const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().database, kind.name);
      assert.ok(ready.headers['x-request-id']);
    });

    it('serves the OpenAPI document at /docs/json, generated from the route schemas', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/docs/json' });
      assert.equal(r.statusCode, 200);
      const doc = r.json();
      assert.match(doc.openapi, /^3\./);
      assert.ok(doc.paths['/api/auth/login'].post.requestBody);
      assert.ok(doc.paths['/api/admin/users'].post);
      assert.equal((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode < 400, true);
    });

    it('records every state-changing request in the audit log with who, where, what and the result', async () => {
      const u = await t.user(['sysadmin'], { department: 'info_center' });
      const cookie = await t.login(u.username);
      const res = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2099', headers: { cookie, 'user-agent': 'audit-test' }, payload: { scope: 'region', entries: [{ date: '2099-10-01', kind: 'holiday', name: '国庆节' }] } });
      assert.equal(res.statusCode, 204);
      const ok = await t.db.query<{ username: string; ip: string; result: string; object_id: string; user_agent: string }>(`SELECT username, ip, result, object_id, user_agent FROM audit_log WHERE request_id = $1`, [res.headers['x-request-id']]);
      assert.deepEqual(ok.rows, [{ username: u.username, ip: '127.0.0.1', result: 'success', object_id: '2099', user_agent: 'audit-test' }]);

      const denied = await t.app.inject({ method: 'POST', url: '/api/admin/roles', headers: { cookie }, payload: { code: 'x_role', name: 'x', permissions: [] } });
      assert.equal(denied.statusCode, 403);
      const rec = await t.db.query<{ action: string; result: string; detail: { code: string } }>(`SELECT action, result, detail FROM audit_log WHERE request_id = $1`, [denied.headers['x-request-id']]);
      assert.equal(rec.rows[0]!.action, 'POST /api/admin/roles');
      assert.equal(rec.rows[0]!.result, 'failure');
      assert.equal(rec.rows[0]!.detail.code, 'FORBIDDEN');
    });

    it('stores an upload once by SHA-256 and returns the same bytes with its Chinese name', async () => {
      const cookie = await t.login((await t.user(['window_clerk'])).username);
      const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n' + crypto.randomUUID());
      const body = multipart('建设用地规划许可申请表.pdf', pdf);
      const up = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie, ...body.headers }, payload: body.payload });
      assert.equal(up.statusCode, 201, up.body);
      assert.equal(up.json().sha256, crypto.createHash('sha256').update(pdf).digest('hex'));
      assert.equal(up.json().mime, 'application/pdf');
      const again = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie, ...body.headers }, payload: body.payload });
      assert.notEqual(again.json().id, up.json().id);
      assert.equal(again.json().sha256, up.json().sha256);
      const down = await t.app.inject({ method: 'GET', url: `/api/files/${up.json().id}`, headers: { cookie } });
      assert.equal(down.statusCode, 200);
      assert.deepEqual(down.rawPayload, pdf);
      assert.match(String(down.headers['content-disposition']), /filename\*=UTF-8''%E5%BB%BA/);
      const other = await testApp(t.db);
      const outsider = await other.login((await other.user(['window_clerk'])).username);
      const foreign = await other.app.inject({ method: 'GET', url: `/api/files/${up.json().id}`, headers: { cookie: outsider } });
      assert.equal(foreign.statusCode, 404, 'another region cannot read it');
      await other.close();
    });

    it('lets the system administrator enter next year\'s holidays, which then count', async () => {
      const cookie = await t.login((await t.user(['sysadmin'], { department: 'info_center' })).username);
      const before = await t.app.inject({ method: 'GET', url: '/api/calendar/add?date=2098-12-31&days=1' });
      assert.equal(before.json().result, '2099-01-01');
      const put = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2099', headers: { cookie }, payload: { scope: 'national', entries: [{ date: '2099-01-01', kind: 'holiday', name: '元旦' }] } });
      assert.equal(put.statusCode, 204);
      const after = await t.app.inject({ method: 'GET', url: '/api/calendar/add?date=2098-12-31&days=1' });
      assert.equal(after.json().result, '2099-01-02');
      const clerk = await t.login((await t.user(['window_clerk'])).username);
      const denied = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2099', headers: { cookie: clerk }, payload: { scope: 'national', entries: [] } });
      assert.equal(denied.statusCode, 403);
      const wrongYear = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2099', headers: { cookie }, payload: { scope: 'national', entries: [{ date: '2100-01-01', kind: 'holiday', name: '元旦' }] } });
      assert.equal(wrongYear.statusCode, 400);
      // Clean up the national entry so other tests see the plain schedule.
      await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2099', headers: { cookie }, payload: { scope: 'national', entries: [] } });
    });

    it('lets the audit administrator verify the chain through the API', async () => {
      const cookie = await t.login((await t.user(['auditor'], { department: 'office' })).username);
      const r = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: { cookie } });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().ok, true);
      assert.ok(r.json().checked > 0);
      const read = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'audit.verify' AND request_id = $1`, [r.headers['x-request-id']]);
      assert.equal(read.rowCount, 1, 'verifying is itself audited');
    });
  });
}
