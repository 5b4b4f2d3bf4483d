import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

for (const kind of testDbs) {
  describe(`三权分立 (separation of duties) on ${kind.name}`, () => {
    let t: TestApp;
    let sys: string;
    let sec: string;
    let aud: string;
    let secId: string;
    before(async () => {
      t = await testApp(await kind.get());
      sys = await t.login((await t.user(['sysadmin'], { department: 'info_center' })).username);
      const s = await t.user(['secadmin'], { department: 'info_center' });
      secId = s.id;
      sec = await t.login(s.username);
      aud = await t.login((await t.user(['auditor'], { department: 'office' })).username);
    });
    after(() => t.close());

    const req = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

    it('the system administrator creates accounts but cannot grant roles or read the audit log', async () => {
      const created = await req(sys, 'POST', '/api/admin/users', { username: `new${Date.now() % 1e6}`, displayName: '新同事', departmentCode: 'planning' });
      assert.equal(created.statusCode, 201);
      assert.match(created.json().initialPassword, /.{12,}/);
      const grant = await req(sys, 'PUT', `/api/admin/users/${created.json().id}/roles`, { roles: ['case_handler'] });
      assert.equal(grant.statusCode, 403);
      assert.equal(grant.json().code, 'FORBIDDEN');
      assert.equal((await req(sys, 'GET', '/api/admin/roles')).statusCode, 403);
      assert.equal((await req(sys, 'GET', '/api/audit')).statusCode, 403);
      assert.equal((await req(sys, 'GET', '/api/audit/verify')).statusCode, 403);
      const roles = await t.db.query('SELECT 1 FROM user_roles WHERE user_id = $1', [created.json().id]);
      assert.equal(roles.rowCount, 0, 'the refused grant wrote nothing');
    });

    it('the security administrator grants roles but cannot create accounts, change config or read the audit log', async () => {
      const target = await t.user([]);
      assert.equal((await req(sec, 'PUT', `/api/admin/users/${target.id}/roles`, { roles: ['case_handler'] })).statusCode, 204);
      const created = await req(sec, 'POST', '/api/admin/users', { username: 'sec-made', displayName: 'x', departmentCode: 'planning' });
      assert.equal(created.statusCode, 403);
      assert.equal((await req(sec, 'POST', `/api/admin/users/${target.id}/reset-password`)).statusCode, 403);
      assert.equal((await req(sec, 'PUT', '/api/calendar/overrides/2027', { scope: 'national', entries: [] })).statusCode, 403);
      assert.equal((await req(sec, 'GET', '/api/audit')).statusCode, 403);
    });

    it('the audit administrator reads and verifies the audit log and does nothing else', async () => {
      const list = await req(aud, 'GET', '/api/audit?pageSize=5');
      assert.equal(list.statusCode, 200);
      assert.ok(list.json().total > 0);
      assert.equal((await req(aud, 'GET', '/api/audit/verify')).statusCode, 200);
      const target = await t.user([]);
      assert.equal((await req(aud, 'PUT', `/api/admin/users/${target.id}/roles`, { roles: ['auditor'] })).statusCode, 403);
      assert.equal((await req(aud, 'POST', '/api/admin/users', { username: 'aud-made', displayName: 'x', departmentCode: 'planning' })).statusCode, 403);
      assert.equal((await req(aud, 'PATCH', `/api/admin/users/${target.id}`, { disabled: true })).statusCode, 403);
    });

    it('nobody may hold two administrator roles, or an administrator role with a business role', async () => {
      const target = await t.user([]);
      const two = await req(sec, 'PUT', `/api/admin/users/${target.id}/roles`, { roles: ['sysadmin', 'auditor'] });
      assert.equal(two.statusCode, 409);
      assert.equal(two.json().code, 'DUTY_SEPARATION_VIOLATION');
      const mixed = await req(sec, 'PUT', `/api/admin/users/${target.id}/roles`, { roles: ['secadmin', 'leader'] });
      assert.equal(mixed.json().code, 'DUTY_SEPARATION_VIOLATION');
      const roles = await t.db.query('SELECT 1 FROM user_roles WHERE user_id = $1', [target.id]);
      assert.equal(roles.rowCount, 0);
    });

    it('no role may combine administrator duties, and a custom role cannot be widened behind a holder', async () => {
      const code = `r${Date.now() % 1e6}`;
      const bad = await req(sec, 'POST', '/api/admin/roles', { code: `${code}x`, name: '超级管理员', permissions: ['user:manage', 'audit:read'] });
      assert.equal(bad.json().code, 'DUTY_SEPARATION_VIOLATION');
      assert.equal((await req(sec, 'POST', '/api/admin/roles', { code, name: '查询员', permissions: ['case:read'] })).statusCode, 201);
      const holder = await t.user(['window_clerk']);
      assert.equal((await req(sec, 'PUT', `/api/admin/users/${holder.id}/roles`, { roles: ['window_clerk', code] })).statusCode, 204);
      const widen = await req(sec, 'PUT', `/api/admin/roles/${code}`, { name: '查询员', permissions: ['case:read', 'audit:read'] });
      assert.equal(widen.json().code, 'DUTY_SEPARATION_VIOLATION');
      const role = await t.db.query<{ permissions: string[] }>('SELECT permissions FROM roles WHERE code = $1', [code]);
      assert.deepEqual(role.rows[0]!.permissions, ['case:read'], 'the refused change left the role as it was');
      const builtin = await req(sec, 'PUT', '/api/admin/roles/auditor', { name: 'x', permissions: ['audit:read'] });
      assert.equal(builtin.json().code, 'ROLE_BUILTIN');
    });

    it('the security administrator cannot grant to themselves', async () => {
      const r = await req(sec, 'PUT', `/api/admin/users/${secId}/roles`, { roles: ['secadmin', 'auditor'] });
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().code, 'SELF_GRANT_FORBIDDEN');
    });

    it('a changed grant ends the user\'s sessions so it applies at once', async () => {
      const u = await t.user(['window_clerk']);
      const cookie = await t.login(u.username);
      assert.equal((await req(sec, 'PUT', `/api/admin/users/${u.id}/roles`, { roles: ['case_handler'] })).statusCode, 204);
      assert.equal((await req(cookie, 'GET', '/api/auth/me')).statusCode, 401);
    });

    it('the system administrator unlocks a locked account', async () => {
      const u = await t.user(['window_clerk']);
      for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'Wrong#Pass1' } });
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } })).statusCode, 423);
      assert.equal((await req(sys, 'POST', `/api/admin/users/${u.id}/unlock`)).statusCode, 204);
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password } })).statusCode, 200);
    });
  });
}
