import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Provider from 'oidc-provider';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { applicantCookie, newIdNumber, newPhone, registerPerson } from './helpers.ts';

const CLIENT_ID = 'landgov-portal';
const CLIENT_SECRET = crypto.randomBytes(24).toString('hex');
const REDIRECT_URI = 'http://localhost:3000/api/portal/auth/oidc/callback';

interface Account {
  sub: string;
  name?: string;
  id_number?: string;
  phone_number?: string;
}

/**
 * A real OpenID provider (oidc-provider) on a random local port, standing in for the provincial
 * unified identity service. Its interaction step signs in whichever account the test chose and
 * grants the requested scope, as a user clicking through the provider's pages would.
 */
async function startProvider(): Promise<{ issuer: string; accounts: Map<string, Account>; use(sub: string): void; close(): Promise<void> }> {
  const accounts = new Map<string, Account>();
  let current = '';
  let provider: Provider;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({ accountId: current, clientId: String(details.params.client_id) });
          grant.addOIDCScope('openid profile');
          const grantId = await grant.save();
          await provider.interactionFinished(req, res, { login: { accountId: current }, consent: { grantId } }, { mergeWithLastSubmission: false });
        } catch (err) {
          res.statusCode = 500;
          res.end(String(err));
        }
      })();
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [{ ...key, kid: 'test-1', alg: 'RS256', use: 'sig' }] as never },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'id_number', 'phone_number'] },
    // Scope claims in the ID token itself, as the identity service does.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub);
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ ...a }) };
    },
  });
  return {
    issuer,
    accounts,
    use(sub) {
      current = sub;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookie jar for the provider's host (paths ignored: one host, short flows). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

for (const kind of testDbs) {
  describe(`sign-in with the unified identity service (OpenID Connect) on ${kind.name}`, () => {
    let op: Awaited<ReturnType<typeof startProvider>>;
    let t: TestApp;
    before(async () => {
      op = await startProvider();
      t = await testApp(await kind.get(), { OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URI: REDIRECT_URI });
    });
    after(async () => {
      await t.close();
      await op.close();
    });

    /** Starts at the portal, passes the provider, and returns the callback request the browser would make. */
    async function throughProvider(sub: string): Promise<{ url: string; cookie: string; authorizeUrl: URL }> {
      op.use(sub);
      const start = await t.app.inject({ method: 'GET', url: '/api/portal/auth/oidc/start' });
      assert.equal(start.statusCode, 303, start.body);
      const stateCookie = start.cookies.find((c) => c.name === 'landgov_portal_oidc')!;
      assert.equal(stateCookie.httpOnly, true);
      const authorizeUrl = new URL(String(start.headers.location));
      const jar = new Jar();
      let next = authorizeUrl.href;
      for (let hop = 0; hop < 6; hop++) {
        const res = await fetch(next, { redirect: 'manual', headers: { cookie: jar.header() } });
        jar.take(res);
        const location = res.headers.get('location');
        if (!location) throw new Error(`provider stopped at ${next}: ${res.status} ${await res.text()}`);
        const target = new URL(location, next);
        if (target.href.startsWith(REDIRECT_URI)) return { url: target.pathname + target.search, cookie: `landgov_portal_oidc=${stateCookie.value}`, authorizeUrl };
        next = target.href;
      }
      throw new Error('too many redirects at the provider');
    }

    const callback = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/portal/auth/me', headers: { cookie } });

    it('redirects to the provider with state, nonce and a PKCE S256 challenge', async () => {
      const start = await t.app.inject({ method: 'GET', url: '/api/portal/auth/oidc/start' });
      const u = new URL(String(start.headers.location));
      assert.equal(u.origin, op.issuer);
      assert.equal(u.searchParams.get('response_type'), 'code');
      assert.equal(u.searchParams.get('client_id'), CLIENT_ID);
      assert.equal(u.searchParams.get('redirect_uri'), REDIRECT_URI);
      assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
      assert.match(u.searchParams.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(u.searchParams.get('state')!.length >= 32);
      assert.ok(u.searchParams.get('nonce')!.length >= 32);
      const row = await t.db.query('SELECT * FROM applicant_oidc_states WHERE id = $1', [crypto.createHash('sha256').update(u.searchParams.get('state')!).digest('hex')]);
      assert.equal(row.rows.length, 1, 'the state is stored hashed');
    });

    it('opens a person account from the verified ID token and signs it in, numbers masked and encrypted', async () => {
      const sub = crypto.randomUUID();
      const idNumber = newIdNumber();
      const phone = newPhone();
      op.accounts.set(sub, { sub, name: '<i>赵六</i>', id_number: idNumber, phone_number: phone });
      const cb = await throughProvider(sub);
      const res = await callback(cb.url, cb.cookie);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/');
      const view = await me(applicantCookie(res));
      assert.equal(view.statusCode, 200);
      assert.equal(view.json().name, '<i>赵六</i>');
      assert.equal(view.json().idNumberMasked, `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      assert.equal(view.json().phoneMasked, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
      assert.equal(view.json().linkedToIdentityService, true);
      assert.equal(view.json().signInMethod, 'oidc');
      const raw = JSON.stringify((await t.db.query('SELECT * FROM applicants WHERE id = $1', [view.json().id])).rows[0]);
      assert.ok(!raw.includes(idNumber) && !raw.includes(phone));
      const audit = await t.db.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM audit_log WHERE object_id = $1 ORDER BY id', [view.json().id]);
      assert.deepEqual(audit.rows.map((r) => r.action), ['portal.register', 'portal.login']);
      assert.equal(audit.rows[0]!.detail.method, 'oidc');
      assert.ok(!JSON.stringify(audit.rows).includes(idNumber));
      // The next sign-in finds the same account by the provider's subject.
      const again = await throughProvider(sub);
      const res2 = await callback(again.url, again.cookie);
      assert.equal((await me(applicantCookie(res2))).json().id, view.json().id);
    });

    it('links a person registered here by the ID number claim', async () => {
      const p = await registerPerson(t);
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: p.name, id_number: p.idNumber });
      const cb = await throughProvider(sub);
      const res = await callback(cb.url, cb.cookie);
      assert.equal(res.statusCode, 303, res.body);
      const view = (await me(applicantCookie(res))).json();
      assert.equal(view.id, p.id);
      assert.equal(view.linkedToIdentityService, true);
      const links = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.oidc_link' AND object_id = $1", [p.id]);
      assert.equal(Number(links.rows[0]!.n), 1);
    });

    it('refuses a replayed callback with 400 OIDC_STATE_USED and no session', async () => {
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: '钱七', id_number: newIdNumber() });
      const cb = await throughProvider(sub);
      assert.equal((await callback(cb.url, cb.cookie)).statusCode, 303);
      const replay = await callback(cb.url, cb.cookie);
      assert.equal(replay.statusCode, 400);
      assert.equal(replay.json().code, 'OIDC_STATE_USED');
      assert.equal(replay.cookies.find((c) => c.name === 'landgov_portal_sid'), undefined);
    });

    it('refuses a state older than 10 minutes with 400 OIDC_STATE_EXPIRED and no session', async () => {
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: '孙八', id_number: newIdNumber() });
      const cb = await throughProvider(sub);
      t.clock.advanceMinutes(11);
      const res = await callback(cb.url, cb.cookie);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'OIDC_STATE_EXPIRED');
      assert.match(res.json().message.zh, /已过期/);
      assert.equal(res.cookies.find((c) => c.name === 'landgov_portal_sid'), undefined);
      const audit = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.login' AND result = 'failure' AND detail->>'reason' = 'state_expired' AND request_id = $1", [res.headers['x-request-id']]);
      assert.equal(Number(audit.rows[0]!.n), 1);
    });

    it('refuses a callback whose state is unknown or not the browser’s own', async () => {
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: '周九', id_number: newIdNumber() });
      const cb = await throughProvider(sub);
      const otherBrowser = await callback(cb.url, 'landgov_portal_oidc=someone-elses-state');
      assert.equal(otherBrowser.statusCode, 400);
      assert.equal(otherBrowser.json().code, 'OIDC_STATE_INVALID');
      const unknown = await callback('/api/portal/auth/oidc/callback?code=x&state=made-up', 'landgov_portal_oidc=made-up');
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().code, 'OIDC_STATE_INVALID');
    });

    it('refuses a forged authorization code (the provider rejects the exchange)', async () => {
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: '吴十', id_number: newIdNumber() });
      const cb = await throughProvider(sub);
      const u = new URL(cb.url, 'http://localhost');
      u.searchParams.set('code', 'forged-code');
      const res = await callback(u.pathname + u.search, cb.cookie);
      assert.equal(res.statusCode, 502);
      assert.equal(res.json().code, 'OIDC_LOGIN_FAILED');
      assert.equal(res.cookies.find((c) => c.name === 'landgov_portal_sid'), undefined);
    });

    it('refuses an ID token whose nonce is not the one sent (ID token verified, no session)', async () => {
      const sub = crypto.randomUUID();
      op.accounts.set(sub, { sub, name: '王十二', id_number: newIdNumber() });
      const cb = await throughProvider(sub);
      const state = new URL(cb.url, 'http://localhost').searchParams.get('state')!;
      // As if the ID token had been minted for another sign-in: the nonce we expect differs.
      await t.db.query('UPDATE applicant_oidc_states SET nonce = $2 WHERE id = $1', [crypto.createHash('sha256').update(state).digest('hex'), 'another-nonce-0123456789abcdef0123456789']);
      const res = await callback(cb.url, cb.cookie);
      assert.equal(res.statusCode, 502);
      assert.equal(res.json().code, 'OIDC_LOGIN_FAILED');
      assert.equal(res.cookies.find((c) => c.name === 'landgov_portal_sid'), undefined);
      const n = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.login' AND result = 'failure' AND request_id = $1 AND detail->>'reason' LIKE 'token_exchange:%'", [res.headers['x-request-id']]);
      assert.equal(Number(n.rows[0]!.n), 1);
    });

    it('refuses to open an account without a valid ID number claim', async () => {
      const sub = crypto.randomUUID();
      const id = newIdNumber();
      op.accounts.set(sub, { sub, name: '郑十一', id_number: id.slice(0, 17) + (id[17] === '0' ? '1' : '0') });
      const cb = await throughProvider(sub);
      const res = await callback(cb.url, cb.cookie);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'OIDC_ID_NUMBER_MISSING');
    });

    it('answers 503 OIDC_NOT_CONFIGURED where no identity service is configured', async () => {
      const plain = await testApp(t.db);
      const res = await plain.app.inject({ method: 'GET', url: '/api/portal/auth/oidc/start' });
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().code, 'OIDC_NOT_CONFIGURED');
      await plain.close();
    });
  });
}
