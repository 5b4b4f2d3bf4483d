import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../../src/app.ts';
import { hashPassword } from '../../src/core/auth/passwords.ts';
import { ensureDepartments } from '../../src/core/bootstrap.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { createContext, type AppContext } from '../../src/core/context.ts';
import type { Db } from '../../src/core/db/index.ts';
import { freshRegion, tempDir } from './db.ts';

export const TEST_PASSWORD = 'Landgov#2026';
/** The server key of every test app; the audit-chain tests use it too, so the shared log stays verifiable. */
export const TEST_SECRET_KEY = 'a'.repeat(64);

/** A clock the test moves by hand. */
export class TestClock {
  private offset = 0;
  now = (): Date => new Date(Date.now() + this.offset);
  advanceMinutes(m: number): void {
    this.offset += m * 60_000;
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  clock: TestClock;
  region: string;
  /** Creates a user in this app's region with the given roles. */
  user(roles: string[], opts?: { mustChange?: boolean; department?: string; password?: string }): Promise<{ id: string; username: string; password: string }>;
  /** Signs in and returns the cookie header; completes TOTP enrolment for administrators. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

let userCounter = 0;
// TOTP secrets of enrolled test administrators, so a later sign-in can answer the 'mfa' step.
const secrets = new Map<string, string>();
let sharedDataDir: string | null = null;

/** Builds an app on the given database with its own region, clock and configuration overrides. */
export async function testApp(db: Db, env: Record<string, string> = {}): Promise<TestApp> {
  const region = freshRegion();
  sharedDataDir ??= tempDir();
  const config: Config = loadConfig({ DATA_DIR: sharedDataDir, REGION_CODE: region, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SECRET_KEY: TEST_SECRET_KEY, ...(process.env.WEB_DIST_DIR ? { WEB_DIST_DIR: process.env.WEB_DIST_DIR } : {}), ...env });
  const clock = new TestClock();
  const ctx = createContext(config, db, { now: clock.now });
  const app = await buildApp(ctx, { logger: false });
  await ensureDepartments(db, region);
  await app.ready();
  const hashes = new Map<string, Promise<string>>();

  const t: TestApp = {
    app,
    ctx,
    db,
    clock,
    region,
    async user(roles, opts = {}) {
      userCounter++;
      const username = `u${process.pid % 10000}x${userCounter}`;
      const password = opts.password ?? TEST_PASSWORD;
      if (!hashes.has(password)) hashes.set(password, hashPassword(password));
      const r = await db.query<{ id: string }>(
        `INSERT INTO users (region_code, username, display_name, department_id, password_hash, must_change_password, password_changed_at)
         SELECT $1, $2, $3, d.id, $5, $6, $7 FROM departments d WHERE d.region_code = $1 AND d.code = $4 RETURNING id`,
        [region, username, `测试用户${userCounter}`, opts.department ?? 'planning', await hashes.get(password)!, opts.mustChange ?? false, clock.now()],
      );
      const id = r.rows[0]!.id;
      for (const role of roles) await db.query('INSERT INTO user_roles (user_id, role_code, region_code) VALUES ($1, $2, $3)', [id, role, region]);
      return { id, username, password };
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = cookieOf(res);
      if (res.json().stage === 'mfa_enroll') {
        const setup = await app.inject({ method: 'GET', url: '/api/auth/mfa/setup', headers: { cookie } });
        secrets.set(username, setup.json().secret);
        const code = totpCode(setup.json().secret, clock.now());
        const done = await app.inject({ method: 'POST', url: '/api/auth/mfa/enroll', headers: { cookie }, payload: { code } });
        if (done.json().stage !== 'active') throw new Error(`enrolment did not finish: ${done.body}`);
      } else if (res.json().stage === 'mfa' && secrets.has(username)) {
        clock.advanceMinutes(1); // a fresh time step: codes are accepted once
        const done = await app.inject({ method: 'POST', url: '/api/auth/mfa', headers: { cookie }, payload: { code: totpCode(secrets.get(username)!, clock.now()) } });
        if (done.json().stage !== 'active') throw new Error(`mfa did not finish: ${done.body}`);
      } else if (res.json().stage !== 'active') {
        throw new Error(`login stopped at stage ${res.json().stage}`);
      }
      return cookie;
    },
    close: () => app.close(),
  };
  return t;
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'landgov_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}`);
  return `landgov_sid=${c.value}`;
}

export function totpCode(secret: string, at: Date): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at.getTime() });
}

/** A multipart body with one file part. */
export function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----landgov${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

