import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';

const SQL_META = ["' OR '1'='1", "'; DROP TABLE users; --", '" OR 1=1 --', '\\x00', '%_%', '$1', 'admin\'--', '1; SELECT pg_sleep(1)'];

for (const kind of testDbs) {
  describe(`bad input on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    let sys: string;
    let counts: () => Promise<string>;
    before(async () => {
      t = await testApp(await kind.get(), { BODY_LIMIT_BYTES: '4096', UPLOAD_MAX_BYTES: '65536' });
      clerk = await t.login((await t.user(['window_clerk'])).username);
      sys = await t.login((await t.user(['sysadmin'], { department: 'info_center' })).username);
      counts = async () => {
        const r = await t.db.query<Record<string, number>>(`SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM roles)::int AS roles, (SELECT count(*) FROM files)::int AS files, (SELECT count(*) FROM calendar_overrides)::int AS cal, (SELECT count(*) FROM user_roles)::int AS grants`);
        return JSON.stringify(r.rows[0]);
      };
    });
    after(() => t.close());

    it('malformed JSON gets 400 MALFORMED_JSON', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "clerk", "password": ' });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json().code, 'MALFORMED_JSON');
      assert.ok(!r.body.includes('at '), 'no stack trace');
    });

    it('a body over the limit gets 413 PAYLOAD_TOO_LARGE', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'x'.repeat(10_000) } });
      assert.equal(r.statusCode, 413);
      assert.equal(r.json().code, 'PAYLOAD_TOO_LARGE');
    });

    it('unknown fields get 400 naming the field, and nothing is written', async () => {
      const before = await counts();
      const r = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: sys }, payload: { username: 'extra-field', displayName: 'x', departmentCode: 'planning', isAdmin: true } });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json().code, 'VALIDATION_FAILED');
      assert.match(r.json().detail, /unknown field "isAdmin"/);
      assert.equal(await counts(), before);
    });

    it('a wrong content type gets 415', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<login/>' });
      assert.equal(r.statusCode, 415);
      assert.equal(r.json().code, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('SQL metacharacters in body, path and query parameters are data, never SQL', async () => {
      const before = await counts();
      for (const s of SQL_META) {
        const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: s, password: s } });
        assert.equal(login.statusCode, 401, `login with ${s}`);
        const user = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${encodeURIComponent(s)}`, headers: { cookie: sys }, payload: { displayName: s } });
        assert.equal(user.statusCode, 400, `user id ${s}`);
        const create = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: sys }, payload: { username: s, displayName: s, departmentCode: s } });
        assert.equal(create.statusCode, 400, `create ${s}`);
        const dept = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: sys }, payload: { username: 'valid-name', displayName: s, departmentCode: `planning${s}`.slice(0, 40) } });
        assert.equal(dept.json().code, 'DEPARTMENT_NOT_FOUND', `department ${s}`);
        const cal = await t.app.inject({ method: 'GET', url: `/api/calendar/add?date=${encodeURIComponent(s)}&days=1` });
        assert.equal(cal.statusCode, 400, `calendar ${s}`);
        const file = await t.app.inject({ method: 'GET', url: `/api/files/${encodeURIComponent(s)}`, headers: { cookie: clerk } });
        assert.equal(file.statusCode, 400, `file ${s}`);
      }
      assert.equal(await counts(), before, 'nothing was written');
      const users = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      assert.ok(users.rows[0]!.n > 0, 'the users table is still there');
    });

    it('filters with SQL wildcards and quotes match literally in the audit search', async () => {
      const aud = await t.login((await t.user(['auditor'], { department: 'office' })).username);
      for (const s of SQL_META) {
        const r = await t.app.inject({ method: 'GET', url: `/api/audit?action=${encodeURIComponent(s)}&username=${encodeURIComponent(s)}`, headers: { cookie: aud } });
        assert.equal(r.statusCode, 200);
        assert.equal(r.json().total, 0, `nothing matches ${s}`);
      }
    });

    it('an impossible date gets 400 naming the field', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/calendar/working-days?from=2026-02-30&to=2026-03-10' });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json().code, 'INVALID_VALUE');
      assert.match(r.json().detail, /from/);
    });

    it('a file named ../../etc/passwd is stored by content hash; the name is only metadata', async () => {
      const before = fs.readdirSync(t.ctx.files.root).sort();
      const body = multipart('../../etc/passwd', Buffer.from('root:x:0:0:root:/root:/bin/bash\n'));
      const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: clerk, ...body.headers }, payload: body.payload });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal(r.json().originalName, 'passwd');
      const stored = t.ctx.files.pathOf(r.json().sha256);
      assert.ok(stored.startsWith(t.ctx.files.root + path.sep));
      assert.ok(fs.existsSync(stored));
      const added = fs.readdirSync(t.ctx.files.root).filter((x) => !before.includes(x));
      assert.ok(added.every((x) => /^[0-9a-f]{2}$/.test(x)), `only hash folders were created: ${added}`);
    });

    it('an executable is refused by its content whatever its name, and nothing is kept', async () => {
      const before = await counts();
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 0)]);
      const body = multipart('report.pdf', elf);
      const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: clerk, ...body.headers }, payload: body.payload });
      assert.equal(r.statusCode, 415);
      assert.equal(r.json().code, 'FILE_TYPE_NOT_ALLOWED');
      assert.equal(await counts(), before);
      assert.deepEqual(fs.readdirSync(path.join(t.ctx.files.root, 'tmp')), [], 'no temporary file left');
    });

    it('an upload over the size limit gets 413 and leaves nothing behind', async () => {
      const before = await counts();
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(70_000, 0x20)]);
      const body = multipart('big.pdf', pdf);
      const r = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: clerk, ...body.headers }, payload: body.payload });
      assert.equal(r.statusCode, 413);
      assert.equal(r.json().code, 'FILE_TOO_LARGE');
      assert.equal(await counts(), before);
      assert.deepEqual(fs.readdirSync(path.join(t.ctx.files.root, 'tmp')), []);
    });

    it('a state-changing request from another site is refused', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: clerk, origin: 'https://evil.example' } });
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().code, 'CROSS_SITE_REQUEST');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: clerk } })).statusCode, 200, 'the session survived');
    });

    it('an unknown API path gets a 404 problem, not the web page', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { accept: 'text/html' } });
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().code, 'NOT_FOUND');
    });
  });
}
