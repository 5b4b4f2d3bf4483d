import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idNumberCheckChar, usccCheckChar } from '../../src/modules/portal/accounts/validators.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { APPLICANT_PASSWORD, applicantCookie, lastCode, newIdNumber, newIp, newPhone, newUscc, registerPerson } from './helpers.ts';

const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

for (const kind of testDbs) {
  describe(`applicant accounts on ${kind.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(await kind.get());
    });
    after(() => t.close());

    const post = (url: string, payload: object, opts: { cookie?: string; ip?: string } = {}) =>
      t.app.inject({ method: 'POST', url: `/api/portal/auth${url}`, payload, remoteAddress: opts.ip ?? newIp(), headers: opts.cookie ? { cookie: opts.cookie } : {} });
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/portal/auth/me', headers: { cookie } });
    const countByIndex = async (kind: 'person' | 'organisation', value: string) =>
      Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM applicants WHERE kind = $1 AND id_number_index = $2', [kind, t.app.portal.accounts.idNumberIndex(kind, value)])).rows[0]!.n);

    describe('POST /api/portal/auth/register', () => {
      it('opens a person account, signs it in and shows ID and phone masked', async () => {
        const p = await registerPerson(t);
        const res = await me(p.cookie);
        assert.equal(res.statusCode, 200);
        const body = res.json();
        assert.equal(body.kind, 'person');
        assert.equal(body.name, '张三');
        assert.equal(body.idNumberMasked, `${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`);
        assert.equal(body.phoneMasked, `${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
        assert.ok(!res.body.includes(p.idNumber) && !res.body.includes(p.phone), 'no plaintext in the response');
        assert.equal(body.hasPassword, true);
      });

      it('refuses an ID number with a wrong check character, and writes nothing', async () => {
        const idNumber = wrongCheck(newIdNumber());
        const phone = newPhone();
        const ip = newIp();
        await post('/sms-codes', { phone, purpose: 'register' }, { ip });
        const res = await post('/register', { name: '李四', idNumber, phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD }, { ip });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().code, 'APPLICANT_ID_NUMBER_INVALID');
        assert.equal(res.json().reason, 'check_digit');
        assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(await countByIndex('person', idNumber), 0);
        const audit = await t.db.query<{ action: string; detail: Record<string, unknown> }>("SELECT action, detail FROM audit_log WHERE request_id = $1 AND result = 'failure'", [res.headers['x-request-id']]);
        assert.deepEqual(audit.rows.map((r) => [r.action, r.detail.reason]), [['portal.register', 'APPLICANT_ID_NUMBER_INVALID']]);
        assert.ok(!JSON.stringify(audit.rows).includes(idNumber));
        // The code was not spent on the refused request.
        const ok = await post('/register', { name: '李四', idNumber: newIdNumber(), phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD }, { ip });
        assert.equal(ok.statusCode, 201);
      });

      it('refuses a bad birth date, a bad phone number and a weak password', async () => {
        const first17 = '43042219900230123';
        const phone = newPhone();
        const ip = newIp();
        await post('/sms-codes', { phone, purpose: 'register' }, { ip });
        const code = lastCode(t, phone);
        const a = await post('/register', { name: 'x', idNumber: first17 + idNumberCheckChar(first17), phone, smsCode: code, password: APPLICANT_PASSWORD }, { ip });
        assert.equal(a.json().code, 'APPLICANT_ID_NUMBER_INVALID');
        assert.equal(a.json().reason, 'birth_date');
        const b = await post('/register', { name: 'x', idNumber: newIdNumber(), phone: '12345678901', smsCode: code, password: APPLICANT_PASSWORD }, { ip });
        assert.equal(b.statusCode, 400);
        assert.equal(b.json().code, 'APPLICANT_PHONE_INVALID');
        const c = await post('/register', { name: 'x', idNumber: newIdNumber(), phone, smsCode: code, password: 'abcdefgh' }, { ip });
        assert.equal(c.statusCode, 400);
        assert.equal(c.json().code, 'APPLICANT_PASSWORD_TOO_WEAK');
      });

      it('refuses a replayed submission: the SMS code is spent, one account only', async () => {
        const phone = newPhone();
        const idNumber = newIdNumber();
        const ip = newIp();
        await post('/sms-codes', { phone, purpose: 'register' }, { ip });
        const payload = { name: '王五', idNumber, phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD };
        const first = await post('/register', payload, { ip });
        assert.equal(first.statusCode, 201);
        const replay = await post('/register', payload, { ip });
        assert.equal(replay.statusCode, 400);
        assert.equal(replay.json().code, 'SMS_CODE_INVALID');
        assert.equal(replay.cookies.length, 0);
        assert.equal(await countByIndex('person', idNumber), 1);
      });

      it('refuses a second account for the same ID number with 409', async () => {
        const p = await registerPerson(t);
        const phone = newPhone();
        const ip = newIp();
        await post('/sms-codes', { phone, purpose: 'register' }, { ip });
        const res = await post('/register', { name: '冒名', idNumber: p.idNumber.toLowerCase(), phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD }, { ip });
        assert.equal(res.statusCode, 409);
        assert.equal(res.json().code, 'APPLICANT_EXISTS');
        assert.equal(await countByIndex('person', p.idNumber), 1);
        // Nor a second account on the same mobile number.
        t.clock.advanceMinutes(2);
        await post('/sms-codes', { phone: p.phone, purpose: 'register' }, { ip });
        const samePhone = await post('/register', { name: '同号', idNumber: newIdNumber(), phone: p.phone, smsCode: lastCode(t, p.phone), password: APPLICANT_PASSWORD }, { ip });
        assert.equal(samePhone.statusCode, 409);
        assert.equal(samePhone.json().code, 'APPLICANT_EXISTS');
      });

      it('stores HTML and script in names verbatim and returns them as JSON strings', async () => {
        const name = `<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'"`;
        const p = await registerPerson(t, { name });
        const res = await me(p.cookie);
        assert.match(String(res.headers['content-type']), /^application\/json/);
        assert.equal(res.json().name, name);
        assert.ok(res.body.includes(JSON.stringify(name).slice(1, -1)), 'plain JSON string escaping only');
        const row = await t.db.query<{ display_name: string }>('SELECT display_name FROM applicants WHERE id = $1', [p.id]);
        assert.equal(row.rows[0]!.display_name, name);
        const orgName = `<b onmouseover="alert(2)">公司</b><script>1</script>`;
        const org = await post('/organisations', { name: orgName, uscc: newUscc() }, { cookie: p.cookie });
        assert.equal(org.statusCode, 201);
        assert.equal((await me(p.cookie)).json().organisations[0].name, orgName);
        const badEmail = await post('/organisations', { name: 'x', uscc: newUscc(), email: '<script>@x.cn' }, { cookie: p.cookie });
        assert.equal(badEmail.statusCode, 400);
        assert.equal(badEmail.json().code, 'VALIDATION_FAILED');
      });
    });

    describe('encryption at rest', () => {
      it('keeps no plaintext ID number, phone number or e-mail address anywhere in the applicants row, nor in the audit log', async () => {
        const email = `lisi.${Date.now()}@example.com`;
        const orgEmail = `office.${Date.now()}@example.com`;
        const p = await registerPerson(t, { email });
        const uscc = newUscc();
        const org = await post('/organisations', { name: '衡南县某某建材有限公司', uscc, phone: p.phone, email: orgEmail }, { cookie: p.cookie });
        assert.equal(org.statusCode, 201);
        for (const id of [p.id, org.json().id]) {
          const raw = await t.db.query<Record<string, unknown>>('SELECT * FROM applicants WHERE id = $1', [id]);
          const text = JSON.stringify(raw.rows[0]);
          for (const secret of [p.idNumber, p.phone, uscc, p.idNumber.slice(6, 14), p.phone.slice(3), email, orgEmail, 'example.com']) assert.ok(!text.includes(secret), `row ${id} leaks ${secret}`);
          assert.match(String(raw.rows[0]!.email_enc), /^sm4gcm:/);
          assert.match(String(raw.rows[0]!.id_number_enc), /^sm4gcm:/);
        }
        const audit = await t.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE object_id = ANY($1::text[])', [[p.id, org.json().id]]);
        assert.ok(audit.rows.length >= 2);
        const auditText = JSON.stringify(audit.rows);
        for (const secret of [p.idNumber, p.phone, uscc]) assert.ok(!auditText.includes(secret), `audit leaks ${secret}`);
        assert.ok(audit.rows.some((r) => r.action === 'portal.register'));
        const view = (await me(p.cookie)).json();
        assert.equal(view.emailMasked, `l***@example.com`, 'shown masked');
        assert.ok(!JSON.stringify(view).includes(email));
      });

      it('encrypts addresses stored in plain text by an earlier version at start-up, and sends to them', async () => {
        const p = await registerPerson(t);
        const legacy = `old.${Date.now()}@example.com`;
        await t.db.query('UPDATE applicants SET email = $2, email_enc = NULL WHERE id = $1', [p.id, legacy]);
        assert.ok((await t.app.portal.accounts.encryptStoredEmails()) >= 1);
        const row = (await t.db.query<{ email: string | null; email_enc: string | null }>('SELECT email, email_enc FROM applicants WHERE id = $1', [p.id])).rows[0]!;
        assert.equal(row.email, null, 'the plain column is cleared');
        assert.equal(t.ctx.box.decrypt(row.email_enc!), legacy, 'nothing lost');
        assert.equal(await t.app.portal.accounts.encryptStoredEmails(), 0, 'a second run finds nothing to do');
        const settings = (await t.app.inject({ method: 'GET', url: '/api/portal/profile/notifications', headers: { cookie: p.cookie } })).json();
        assert.deepEqual(settings, { email: 'o***@example.com', channels: { sms: true, email: true } }, 'the registration address is the default for e-mail notifications');
      });
    });

    describe('POST /api/portal/auth/login', () => {
      it('signs in with the ID number or the mobile number and the password', async () => {
        const p = await registerPerson(t);
        for (const account of [p.idNumber, p.phone]) {
          const res = await post('/login', { account, password: APPLICANT_PASSWORD });
          assert.equal(res.statusCode, 200, res.body);
          assert.equal((await me(applicantCookie(res))).json().id, p.id);
          const c = res.cookies.find((x) => x.name === 'landgov_portal_sid')!;
          assert.equal(c.httpOnly, true);
          assert.equal(c.sameSite, 'Lax');
        }
        const audit = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.login' AND object_id = $1 AND result = 'success'", [p.id]);
        assert.equal(Number(audit.rows[0]!.n), 2);
      });

      it('answers the same 401 for an unknown account and a wrong password', async () => {
        const p = await registerPerson(t);
        const a = await post('/login', { account: newIdNumber(), password: APPLICANT_PASSWORD });
        const b = await post('/login', { account: p.idNumber, password: 'Wrong#Pass1' });
        assert.equal(a.statusCode, 401);
        assert.equal(b.statusCode, 401);
        assert.equal(a.json().code, 'APPLICANT_INVALID_CREDENTIALS');
        assert.equal(b.json().code, 'APPLICANT_INVALID_CREDENTIALS');
        // Both failures are audited, the account name masked.
        const rows = await t.db.query<{ detail: Record<string, unknown> }>("SELECT detail FROM audit_log WHERE action = 'portal.login' AND result = 'failure' AND request_id = ANY($1::text[])", [[a.headers['x-request-id'], b.headers['x-request-id']]]);
        assert.equal(rows.rows.length, 2);
        assert.deepEqual(rows.rows.map((r) => r.detail.reason).sort(), ['unknown_account', 'wrong_password']);
        assert.ok(!JSON.stringify(rows.rows).includes(p.idNumber));
        assert.match(String(rows.rows.find((r) => r.detail.reason === 'unknown_account')!.detail.account), /^4304\*{10}[0-9X]{4}$/);
      });

      it('locks the account after 5 wrong passwords, even against the right one, for 30 minutes', async () => {
        const p = await registerPerson(t);
        for (let i = 1; i <= 4; i++) {
          const r = await post('/login', { account: p.idNumber, password: 'Wrong#Pass1' });
          assert.equal(r.statusCode, 401);
          assert.equal(r.json().remainingAttempts, 5 - i);
        }
        const fifth = await post('/login', { account: p.idNumber, password: 'Wrong#Pass1' });
        assert.equal(fifth.statusCode, 423);
        assert.equal(fifth.json().code, 'APPLICANT_LOCKED');
        // The registration session ended with the lock.
        assert.equal((await me(p.cookie)).statusCode, 401);
        const right = await post('/login', { account: p.idNumber, password: APPLICANT_PASSWORD });
        assert.equal(right.statusCode, 423);
        t.clock.advanceMinutes(31);
        const later = await post('/login', { account: p.idNumber, password: APPLICANT_PASSWORD });
        assert.equal(later.statusCode, 200);
        const locks = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.lock' AND object_id = $1", [p.id]);
        assert.equal(Number(locks.rows[0]!.n), 1);
      });
    });

    describe('sign-in by SMS code', () => {
      it('signs in with the code once; the same code again is refused', async () => {
        const p = await registerPerson(t);
        t.clock.advanceMinutes(2); // past the one-code-a-minute limit of the registration code
        const ip = newIp();
        const sent = await post('/sms-codes', { phone: p.phone, purpose: 'login' }, { ip });
        assert.equal(sent.statusCode, 202);
        const code = lastCode(t, p.phone);
        const ok = await post('/login/sms', { phone: p.phone, code }, { ip });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal((await me(applicantCookie(ok))).json().signInMethod, 'sms');
        const again = await post('/login/sms', { phone: p.phone, code }, { ip });
        assert.equal(again.statusCode, 400);
        assert.equal(again.json().code, 'SMS_CODE_INVALID');
        assert.equal(again.cookies.length, 0);
      });

      it('kills the code after 5 wrong attempts', async () => {
        const p = await registerPerson(t);
        t.clock.advanceMinutes(2);
        await post('/sms-codes', { phone: p.phone, purpose: 'login' });
        const code = lastCode(t, p.phone);
        const wrong = code === '000000' ? '111111' : '000000';
        for (let i = 1; i <= 5; i++) {
          const r = await post('/login/sms', { phone: p.phone, code: wrong });
          assert.equal(r.statusCode, 400);
          assert.equal(r.json().remainingAttempts, 5 - i);
        }
        const right = await post('/login/sms', { phone: p.phone, code });
        assert.equal(right.statusCode, 400);
        assert.equal(right.json().code, 'SMS_CODE_INVALID');
      });

      it('refuses an expired code', async () => {
        const p = await registerPerson(t);
        t.clock.advanceMinutes(2);
        await post('/sms-codes', { phone: p.phone, purpose: 'login' });
        const code = lastCode(t, p.phone);
        t.clock.advanceMinutes(6);
        const r = await post('/login/sms', { phone: p.phone, code });
        assert.equal(r.statusCode, 400);
        assert.equal(r.json().code, 'SMS_CODE_INVALID');
      });

      it('limits codes per phone (one a minute) and per IP (twenty an hour)', async () => {
        const phone = newPhone();
        const first = await post('/sms-codes', { phone, purpose: 'register' });
        assert.equal(first.statusCode, 202);
        const second = await post('/sms-codes', { phone, purpose: 'register' });
        assert.equal(second.statusCode, 429);
        assert.equal(second.json().code, 'SMS_RATE_LIMITED');
        const ip = newIp();
        for (let i = 0; i < 20; i++) assert.equal((await post('/sms-codes', { phone: newPhone(), purpose: 'register' }, { ip })).statusCode, 202);
        const over = await post('/sms-codes', { phone: newPhone(), purpose: 'register' }, { ip });
        assert.equal(over.statusCode, 429);
      });

      it('answers a sign-in code request for an unknown number the same way but sends nothing', async () => {
        const phone = newPhone();
        const r = await post('/sms-codes', { phone, purpose: 'login' });
        assert.equal(r.statusCode, 202);
        assert.throws(() => lastCode(t, phone), /no SMS code/);
      });
    });

    describe('organisations and agents', () => {
      it('refuses a USCC with a wrong check character, and writes nothing', async () => {
        const p = await registerPerson(t);
        const good = newUscc();
        const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
        const res = await post('/organisations', { name: '某公司', uscc: bad }, { cookie: p.cookie });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().code, 'APPLICANT_USCC_INVALID');
        assert.equal(await countByIndex('organisation', bad), 0);
      });

      it('makes the registering person the first agent, who may act for it and grant agency', async () => {
        const boss = await registerPerson(t, { name: '法人' });
        const clerk = await registerPerson(t, { name: '经办人' });
        const uscc = newUscc();
        const org = await post('/organisations', { name: '衡南县测试有限公司', uscc }, { cookie: boss.cookie });
        assert.equal(org.statusCode, 201);
        const orgId = org.json().id;
        const dup = await post('/organisations', { name: '重复', uscc }, { cookie: clerk.cookie });
        assert.equal(dup.statusCode, 409);
        assert.equal(dup.json().code, 'APPLICANT_EXISTS');

        const notYet = await post('/act-as', { organisationId: orgId }, { cookie: clerk.cookie });
        assert.equal(notYet.statusCode, 403);
        assert.equal(notYet.json().code, 'AGENT_NOT_AUTHORISED');
        const clerkGrants = await post(`/organisations/${orgId}/agents`, { idNumber: clerk.idNumber, role: 'agent' }, { cookie: clerk.cookie });
        assert.equal(clerkGrants.statusCode, 403);
        assert.equal(clerkGrants.json().code, 'AGENT_ADMIN_REQUIRED');

        const validTo = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
        const grant = await post(`/organisations/${orgId}/agents`, { idNumber: clerk.idNumber, role: 'agent', validTo }, { cookie: boss.cookie });
        assert.equal(grant.statusCode, 200, grant.body);
        const acting = await post('/act-as', { organisationId: orgId }, { cookie: clerk.cookie });
        assert.equal(acting.statusCode, 200);
        const view = (await me(clerk.cookie)).json();
        assert.equal(view.actingFor.id, orgId);
        assert.equal(view.actingFor.idNumberMasked, `${uscc.slice(0, 4)}**********${uscc.slice(-4)}`);
        assert.equal(view.actingFor.role, 'agent');
        const back = await post('/act-as', { organisationId: null }, { cookie: clerk.cookie });
        assert.equal(back.statusCode, 200);
        assert.equal((await me(clerk.cookie)).json().actingFor, null);
        await post('/act-as', { organisationId: orgId }, { cookie: clerk.cookie });
        const acts = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.act_as' AND object_id = $1 AND result = 'success'", [clerk.id]);
        assert.equal(Number(acts.rows[0]!.n), 3);

        const agents = await t.app.inject({ method: 'GET', url: `/api/portal/auth/organisations/${orgId}/agents`, headers: { cookie: boss.cookie } });
        assert.equal(agents.statusCode, 200);
        assert.deepEqual(agents.json().map((a: { name: string; role: string }) => [a.name, a.role]), [['法人', 'admin'], ['经办人', 'agent']]);
        assert.ok(!agents.body.includes(clerk.idNumber));

        // Agency ends at validTo: the organisation is no longer offered and act-as is refused.
        t.clock.advanceMinutes(25 * 60);
        const re = await post('/login', { account: clerk.phone, password: APPLICANT_PASSWORD });
        const cookie = applicantCookie(re);
        assert.equal((await me(cookie)).json().organisations.length, 0);
        assert.equal((await post('/act-as', { organisationId: orgId }, { cookie })).statusCode, 403);
      });
    });

    describe('agency that ends during a session', () => {
      it('makes the session act for the person again', async () => {
        const boss = await registerPerson(t);
        const clerk = await registerPerson(t);
        const org = await post('/organisations', { name: '限时授权单位', uscc: newUscc() }, { cookie: boss.cookie });
        const orgId = org.json().id;
        const validTo = new Date(t.clock.now().getTime() + 20 * 60_000).toISOString();
        assert.equal((await post(`/organisations/${orgId}/agents`, { idNumber: clerk.idNumber, role: 'agent', validTo }, { cookie: boss.cookie })).statusCode, 200);
        assert.equal((await post('/act-as', { organisationId: orgId }, { cookie: clerk.cookie })).statusCode, 200);
        assert.equal((await me(clerk.cookie)).json().actingFor.id, orgId);
        t.clock.advanceMinutes(21);
        const after = await me(clerk.cookie);
        assert.equal(after.statusCode, 200);
        assert.equal(after.json().actingFor, null);
        const row = await t.db.query<{ acting_for: string | null }>('SELECT acting_for FROM applicant_sessions WHERE applicant_id = $1', [clerk.id]);
        assert.deepEqual(row.rows.map((r) => r.acting_for), [null]);
      });
    });

    describe('separation from staff accounts', () => {
      it('an applicant session cannot call staff routes, and a staff session cannot call applicant routes', async () => {
        const p = await registerPerson(t);
        const token = p.cookie.split('=')[1]!;
        for (const url of ['/api/auth/me', '/api/audit', '/api/admin/users', '/api/departments']) {
          const a = await t.app.inject({ method: 'GET', url, headers: { cookie: p.cookie } });
          assert.equal(a.statusCode, 401, url);
          const b = await t.app.inject({ method: 'GET', url, headers: { cookie: `landgov_sid=${token}` } });
          assert.equal(b.statusCode, 401, `${url} with the applicant token as staff cookie`);
        }
        const staff = await t.user(['window_clerk']);
        const staffCookie = await t.login(staff.username);
        const c = await me(staffCookie);
        assert.equal(c.statusCode, 401);
        assert.equal(c.json().code, 'APPLICANT_UNAUTHENTICATED');
        const d = await t.app.inject({ method: 'GET', url: '/api/portal/auth/me', headers: { cookie: `landgov_portal_sid=${staffCookie.split('=')[1]}` } });
        assert.equal(d.statusCode, 401);
      });

      it('ends the session at logout and after 30 idle minutes', async () => {
        const p = await registerPerson(t);
        const out = await post('/logout', {}, { cookie: p.cookie });
        assert.equal(out.statusCode, 204);
        assert.equal((await me(p.cookie)).statusCode, 401);
        const again = await post('/login', { account: p.idNumber, password: APPLICANT_PASSWORD });
        const cookie = applicantCookie(again);
        t.clock.advanceMinutes(31);
        const idle = await me(cookie);
        assert.equal(idle.statusCode, 401);
        assert.equal(idle.json().code, 'APPLICANT_SESSION_EXPIRED');
      });
    });
  });
}
