import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDbs } from '../helpers/db.ts';
import { cookieOf, TEST_PASSWORD, testApp, totpCode, type TestApp } from '../helpers/app.ts';

for (const kind of testDbs) {
  describe(`sign-in on ${kind.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(await kind.get());
    });
    after(() => t.close());

    const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

    describe('POST /api/auth/login', () => {
      it('sets an HttpOnly, SameSite=Lax session cookie and returns stage active', async () => {
        const u = await t.user(['window_clerk']);
        const res = await login(u.username, u.password);
        assert.equal(res.statusCode, 200);
        assert.deepEqual(res.json(), { stage: 'active' });
        const c = res.cookies.find((x) => x.name === 'landgov_sid')!;
        assert.equal(c.httpOnly, true);
        assert.equal(c.sameSite, 'Lax');
        assert.equal(c.secure, undefined, 'plain http in tests: no Secure flag');
        const m = await me(cookieOf(res));
        assert.equal(m.statusCode, 200);
        assert.equal(m.json().username, u.username);
        assert.deepEqual(m.json().faces, ['office', 'map']);
      });

      it('marks the cookie Secure behind https', async () => {
        const u = await t.user(['window_clerk']);
        const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: u.password }, headers: { 'x-forwarded-proto': 'https' } });
        // trustProxy is off by default: the forwarded header is ignored; COOKIE_SECURE=always forces it.
        assert.equal(res.cookies[0]!.secure, undefined);
        const s = await testApp(t.db, { COOKIE_SECURE: 'always' });
        const u2 = await s.user(['window_clerk']);
        const res2 = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u2.username, password: u2.password } });
        assert.equal(res2.cookies[0]!.secure, true);
        await s.close();
      });

      it('answers the same 401 for an unknown user and a wrong password', async () => {
        const u = await t.user(['window_clerk']);
        const a = await login('nobody-here', 'Whatever#1');
        const b = await login(u.username, 'Wrong#Pass1');
        assert.equal(a.statusCode, 401);
        assert.equal(b.statusCode, 401);
        assert.equal(a.json().code, 'INVALID_CREDENTIALS');
        assert.equal(b.json().code, 'INVALID_CREDENTIALS');
        assert.equal(a.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(b.json().message.zh, '用户名或密码错误');
      });

      it('locks the account for 30 minutes after 5 failures, even against the right password', async () => {
        const u = await t.user(['window_clerk']);
        for (let i = 1; i <= 4; i++) {
          const r = await login(u.username, 'Wrong#Pass1');
          assert.equal(r.statusCode, 401);
          assert.equal(r.json().remainingAttempts, 5 - i);
        }
        const fifth = await login(u.username, 'Wrong#Pass1');
        assert.equal(fifth.statusCode, 423);
        assert.equal(fifth.json().code, 'ACCOUNT_LOCKED');
        const until = new Date(fifth.json().lockedUntil).getTime();
        const expected = t.clock.now().getTime() + 30 * 60_000;
        assert.ok(Math.abs(until - expected) < 5000, 'locked for 30 minutes');

        const right = await login(u.username, u.password);
        assert.equal(right.statusCode, 423, 'the right password is refused while locked');
        t.clock.advanceMinutes(29);
        assert.equal((await login(u.username, u.password)).statusCode, 423);
        t.clock.advanceMinutes(2);
        assert.equal((await login(u.username, u.password)).statusCode, 200, 'unlocked after 30 minutes');

        const audit = await t.db.query<{ action: string; result: string }>(`SELECT action, result FROM audit_log WHERE username = $1 ORDER BY id`, [u.username]);
        const actions = audit.rows.map((r) => `${r.action}:${r.result}`);
        assert.equal(actions.filter((a) => a === 'auth.login:failure').length, 7);
        assert.ok(actions.includes('auth.lock:success'));
        assert.equal(actions.at(-1), 'auth.login:success');
      });

      it('counts failures in a row only: a success resets the counter', async () => {
        const u = await t.user(['window_clerk']);
        for (let i = 0; i < 4; i++) await login(u.username, 'Wrong#Pass1');
        assert.equal((await login(u.username, u.password)).statusCode, 200);
        const r = await login(u.username, 'Wrong#Pass1');
        assert.equal(r.json().remainingAttempts, 4);
      });

      it('refuses a disabled account', async () => {
        const u = await t.user(['window_clerk']);
        await t.db.query('UPDATE users SET disabled = true WHERE id = $1', [u.id]);
        const r = await login(u.username, u.password);
        assert.equal(r.statusCode, 403);
        assert.equal(r.json().code, 'ACCOUNT_DISABLED');
      });
    });

    describe('sessions', () => {
      it('expire after 30 idle minutes, and activity keeps them alive', async () => {
        const u = await t.user(['window_clerk']);
        const cookie = await t.login(u.username);
        t.clock.advanceMinutes(29);
        assert.equal((await me(cookie)).statusCode, 200);
        t.clock.advanceMinutes(29);
        assert.equal((await me(cookie)).statusCode, 200, 'the previous request reset the idle clock');
        t.clock.advanceMinutes(31);
        const r = await me(cookie);
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().code, 'SESSION_EXPIRED');
        assert.equal((await me(cookie)).json().code, 'UNAUTHENTICATED', 'the session row is gone');
      });

      it('end on the server at logout: the old cookie no longer works', async () => {
        const u = await t.user(['window_clerk']);
        const cookie = await t.login(u.username);
        const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
        assert.equal(out.statusCode, 204);
        const r = await me(cookie);
        assert.equal(r.statusCode, 401);
        const rows = await t.db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [u.id]);
        assert.equal(rows.rowCount, 0);
      });

      it('show the previous sign-in time and address', async () => {
        const u = await t.user(['window_clerk']);
        const first = await t.login(u.username);
        assert.equal((await me(first)).json().lastLogin, null);
        const second = await t.login(u.username);
        const last = (await me(second)).json().lastLogin;
        assert.equal(last.ip, '127.0.0.1');
      });
    });

    describe('password change', () => {
      it('is required at first sign-in; nothing else is allowed until it is done', async () => {
        const u = await t.user(['window_clerk'], { mustChange: true });
        const res = await login(u.username, u.password);
        assert.equal(res.json().stage, 'password_change');
        const cookie = cookieOf(res);
        const blocked = await t.app.inject({ method: 'GET', url: '/api/departments', headers: { cookie } });
        assert.equal(blocked.statusCode, 403);
        assert.equal(blocked.json().code, 'STAGE_REQUIRED');
        const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: u.password, newPassword: 'password' } });
        assert.equal(weak.statusCode, 400);
        assert.equal(weak.json().code, 'PASSWORD_TOO_WEAK');
        const same = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: u.password, newPassword: u.password } });
        assert.equal(same.json().code, 'PASSWORD_REUSED');
        const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: u.password, newPassword: 'New#Pass2026' } });
        assert.equal(ok.statusCode, 200);
        assert.equal(ok.json().stage, 'active');
        assert.equal((await t.app.inject({ method: 'GET', url: '/api/departments', headers: { cookie } })).statusCode, 200);
      });

      it('refuses any of the last five passwords', async () => {
        const u = await t.user(['window_clerk']);
        const cookie = await t.login(u.username);
        let current = u.password;
        for (const next of ['Aa#00001x', 'Aa#00002x', 'Aa#00003x', 'Aa#00004x']) {
          const r = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: current, newPassword: next } });
          assert.equal(r.statusCode, 200, r.body);
          current = next;
        }
        const reuse = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: current, newPassword: TEST_PASSWORD } });
        assert.equal(reuse.json().code, 'PASSWORD_REUSED', 'the original is the fifth-last');
        const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: { currentPassword: 'Not#Mine123', newPassword: 'Fresh#Pass99' } });
        assert.equal(wrong.json().code, 'CURRENT_PASSWORD_WRONG');
      });

      it('is required again when the password is older than 90 days', async () => {
        const u = await t.user(['window_clerk']);
        t.clock.advanceMinutes(91 * 24 * 60);
        const res = await login(u.username, u.password);
        assert.equal(res.json().stage, 'password_change');
      });
    });

    describe('TOTP second factor for administrators', () => {
      it('must be enrolled before an administrator can work, then asked at every sign-in', async () => {
        const u = await t.user(['auditor']);
        const res = await login(u.username, u.password);
        assert.equal(res.json().stage, 'mfa_enroll');
        const cookie = cookieOf(res);
        const early = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } });
        assert.equal(early.json().code, 'STAGE_REQUIRED');
        const setup = (await t.app.inject({ method: 'GET', url: '/api/auth/mfa/setup', headers: { cookie } })).json();
        assert.match(setup.uri, /^otpauth:\/\/totp\//);
        const stored = await t.db.query<{ totp_secret_enc: string }>('SELECT totp_secret_enc FROM users WHERE id = $1', [u.id]);
        assert.ok(!stored.rows[0]!.totp_secret_enc.includes(setup.secret), 'the secret is stored encrypted');
        const enrol = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/enroll', headers: { cookie }, payload: { code: totpCode(setup.secret, t.clock.now()) } });
        assert.equal(enrol.json().stage, 'active');
        assert.equal((await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } })).statusCode, 200);

        t.clock.advanceMinutes(1);
        const again = await login(u.username, u.password);
        assert.equal(again.json().stage, 'mfa');
        const c2 = cookieOf(again);
        const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie: c2 }, payload: { code: '000000' === totpCode(setup.secret, t.clock.now()) ? '111111' : '000000' } });
        assert.equal(wrong.statusCode, 401);
        assert.equal(wrong.json().code, 'MFA_INVALID');
        const code = totpCode(setup.secret, t.clock.now());
        const ok = await t.app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie: c2 }, payload: { code } });
        assert.equal(ok.json().stage, 'active');

        const third = cookieOf(await login(u.username, u.password));
        const replay = await t.app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie: third }, payload: { code } });
        assert.equal(replay.json().code, 'MFA_INVALID', 'a code is accepted once');
      });

      it('is not asked of business users', async () => {
        const u = await t.user(['case_handler']);
        assert.equal((await login(u.username, u.password)).json().stage, 'active');
      });
    });
  });
}
