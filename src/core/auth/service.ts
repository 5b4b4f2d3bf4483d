import * as OTPAuth from 'otpauth';
import { passwordComplexityProblem, type Config } from '../config.ts';
import { randomToken, sha256Hex, type CryptoBox } from '../crypto.ts';
import type { Db, Queryable } from '../db/index.ts';
import { AppError } from '../errors.ts';
import type { AuditEntry, AuditLog } from '../audit/audit.ts';
import { AuthErrors as E } from './errors.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import { facesFor } from './permissions.ts';
import { requiresMfa } from './policies.ts';

export type Stage = 'active' | 'mfa' | 'mfa_enroll' | 'password_change';

/** Who is calling: the request's network context, for the audit log. */
export interface RequestContext {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

/** The signed-in user as the rest of the server sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  regionCode: string;
  departmentId: string | null;
  departmentCode: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
  dataScope: 'region' | 'department' | 'self';
  sessionId: string;
  stage: Stage;
}

interface UserRow {
  id: string;
  region_code: string;
  username: string;
  display_name: string;
  department_id: string | null;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled: boolean;
  totp_secret_enc: string | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  last_login_at: Date | null;
  last_login_ip: string | null;
  is_demo: boolean;
}

interface SessionRow {
  id: string;
  user_id: string;
  stage: Stage;
  mfa_passed: boolean;
  last_seen_at: Date;
  expires_at: Date;
}

const PASSWORD_HISTORY = 5;
const PENDING_STAGE_MINUTES = 10;
// last_seen_at is written at most this often: the idle limit stays exact to within this step.
const TOUCH_EVERY_MS = 15_000;

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly box: CryptoBox,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  private async userByName(q: Queryable, username: string): Promise<UserRow | undefined> {
    return (await q.query<UserRow>('SELECT * FROM users WHERE username = $1', [username.toLowerCase()])).rows[0];
  }

  private async userById(q: Queryable, id: string): Promise<UserRow | undefined> {
    return (await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0];
  }

  async permissionsOf(q: Queryable, userId: string): Promise<{ roles: string[]; permissions: Set<string>; dataScope: Principal['dataScope'] }> {
    const r = await q.query<{ code: string; permissions: string[]; data_scope: Principal['dataScope'] }>(
      'SELECT r.code, r.permissions, r.data_scope FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = $1 ORDER BY r.code',
      [userId],
    );
    const permissions = new Set(r.rows.flatMap((x) => x.permissions));
    const scopes = r.rows.map((x) => x.data_scope);
    const dataScope = scopes.includes('region') ? 'region' : scopes.includes('department') ? 'department' : 'self';
    return { roles: r.rows.map((x) => x.code), permissions, dataScope };
  }

  private passwordExpired(u: UserRow): boolean {
    if (u.is_demo) return false;
    return u.password_changed_at.getTime() + this.config.passwordMaxAgeDays * 86_400_000 < this.now().getTime();
  }

  private nextStage(u: UserRow, permissions: ReadonlySet<string>, mfaPassed: boolean): Stage {
    const mfa = requiresMfa(permissions);
    if (mfa && u.totp_enrolled_at && !mfaPassed) return 'mfa';
    if ((u.must_change_password && !u.is_demo) || this.passwordExpired(u)) return 'password_change';
    if (mfa && !u.totp_enrolled_at) return 'mfa_enroll';
    return 'active';
  }

  /**
   * Checks user name and password. Five failures in a row lock the account for 30 minutes
   * (configurable); a locked account is refused even with the right password.
   */
  async login(input: { username: string; password: string }, ctx: RequestContext): Promise<{ token: string; stage: Stage }> {
    const now = this.now();
    const auditBase = { username: input.username.slice(0, 64), ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId, regionCode: this.config.regionCode };
    const user = await this.userByName(this.db, input.username);
    if (!user) {
      await burnPasswordCheck(input.password);
      await this.audit.record(this.db, { ...auditBase, action: 'auth.login', result: 'failure', detail: { reason: 'unknown_user' } });
      throw new AppError(E.INVALID_CREDENTIALS);
    }
    const base = { ...auditBase, userId: user.id, username: user.username, regionCode: user.region_code, objectType: 'user', objectId: user.id };
    if (user.locked_until && user.locked_until > now) {
      await this.audit.record(this.db, { ...base, action: 'auth.login', result: 'failure', detail: { reason: 'locked' } });
      throw new AppError(E.ACCOUNT_LOCKED, { lockedUntil: user.locked_until.toISOString() });
    }
    const ok = await verifyPassword(user.password_hash, input.password);
    if (!ok) {
      await this.registerFailure(user, base, 'wrong_password');
    }
    if (user.disabled) {
      await this.audit.record(this.db, { ...base, action: 'auth.login', result: 'failure', detail: { reason: 'disabled' } });
      throw new AppError(E.ACCOUNT_DISABLED);
    }
    const { permissions } = await this.permissionsOf(this.db, user.id);
    const stage = this.nextStage(user, permissions, false);
    const token = randomToken();
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
      await this.createSession(tx, user, token, stage, ctx);
      if (stage === 'active') await this.markLogin(tx, user.id, ctx.ip);
      await this.audit.record(tx, { ...base, action: 'auth.login', result: 'success', detail: { stage } });
    });
    return { token, stage };
  }

  /** Counts a failed password or code; locks the account at the limit. Always throws. */
  private async registerFailure(user: UserRow, base: Omit<AuditEntry, 'action' | 'result'>, reason: string): Promise<never> {
    const now = this.now();
    const lockUntil = new Date(now.getTime() + this.config.lockoutMinutes * 60_000);
    const r = await this.db.transaction(async (tx) => {
      const u = await tx.query<{ failed_logins: number; locked_until: Date | null }>(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
           updated_at = now()
         WHERE id = $1 RETURNING failed_logins, locked_until`,
        [user.id, this.config.loginMaxFailures, lockUntil],
      );
      const row = u.rows[0]!;
      const locked = row.failed_logins >= this.config.loginMaxFailures;
      if (locked) {
        await tx.query('UPDATE users SET failed_logins = 0 WHERE id = $1', [user.id]);
        await tx.query('DELETE FROM sessions WHERE user_id = $1', [user.id]);
      }
      await this.audit.record(tx, { ...base, action: 'auth.login', result: 'failure', detail: { reason, failures: row.failed_logins } });
      if (locked) await this.audit.record(tx, { ...base, action: 'auth.lock', result: 'success', detail: { lockedUntil: lockUntil.toISOString(), minutes: this.config.lockoutMinutes } });
      return { locked, failures: row.failed_logins };
    });
    if (r.locked) throw new AppError(E.ACCOUNT_LOCKED, { lockedUntil: lockUntil.toISOString() });
    if (reason === 'wrong_totp') throw new AppError(E.MFA_INVALID, { remainingAttempts: this.config.loginMaxFailures - r.failures });
    throw new AppError(E.INVALID_CREDENTIALS, { remainingAttempts: this.config.loginMaxFailures - r.failures });
  }

  private async createSession(tx: Queryable, user: UserRow, token: string, stage: Stage, ctx: RequestContext): Promise<void> {
    const now = this.now();
    const ttl = stage === 'active' ? this.config.sessionMaxHours * 3_600_000 : PENDING_STAGE_MINUTES * 60_000;
    await tx.query(
      `INSERT INTO sessions (id, user_id, region_code, stage, ip, user_agent, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [sha256Hex(token), user.id, user.region_code, stage, ctx.ip, ctx.userAgent?.slice(0, 300) ?? null, now, new Date(now.getTime() + ttl)],
    );
  }

  /** Records this sign-in as the last one, keeping the previous one visible to the user until then. */
  private async markLogin(tx: Queryable, userId: string, ip: string): Promise<void> {
    await tx.query(
      `UPDATE users SET prev_login_at = last_login_at, prev_login_ip = last_login_ip, last_login_at = $2, last_login_ip = $3 WHERE id = $1`,
      [userId, this.now(), ip],
    );
  }

  /**
   * Resolves a session cookie. An idle session (no request for SESSION_IDLE_MINUTES) or one past
   * its absolute lifetime is deleted and refused.
   */
  async resolve(token: string, ctx: RequestContext): Promise<Principal> {
    const id = sha256Hex(token);
    const s = (await this.db.query<SessionRow>('SELECT id, user_id, stage, mfa_passed, last_seen_at, expires_at FROM sessions WHERE id = $1', [id])).rows[0];
    if (!s) throw new AppError(E.UNAUTHENTICATED);
    const now = this.now();
    const idle = now.getTime() - s.last_seen_at.getTime() > this.config.sessionIdleMinutes * 60_000;
    if (idle || s.expires_at <= now) {
      await this.db.transaction(async (tx) => {
        await tx.query('DELETE FROM sessions WHERE id = $1', [id]);
        const u = await this.userById(tx, s.user_id);
        await this.audit.record(tx, { regionCode: u?.region_code ?? this.config.regionCode, userId: s.user_id, username: u?.username, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId, action: 'auth.session_expired', result: 'success', detail: { reason: idle ? 'idle' : 'lifetime' } });
      });
      throw new AppError(E.SESSION_EXPIRED);
    }
    const user = await this.userById(this.db, s.user_id);
    if (!user || user.disabled) {
      await this.db.query('DELETE FROM sessions WHERE id = $1', [id]);
      throw new AppError(E.UNAUTHENTICATED);
    }
    if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await this.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
    }
    const dept = user.department_id ? (await this.db.query<{ code: string }>('SELECT code FROM departments WHERE id = $1', [user.department_id])).rows[0] : undefined;
    const { roles, permissions, dataScope } = await this.permissionsOf(this.db, user.id);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      regionCode: user.region_code,
      departmentId: user.department_id,
      departmentCode: dept?.code ?? null,
      roles,
      permissions,
      dataScope,
      sessionId: id,
      stage: s.stage,
    };
  }

  async logout(p: Principal, ctx: RequestContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM sessions WHERE id = $1', [p.sessionId]);
      await this.audit.record(tx, { regionCode: p.regionCode, userId: p.userId, username: p.username, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId, action: 'auth.logout', objectType: 'user', objectId: p.userId, result: 'success' });
    });
  }

  private async advance(tx: Queryable, p: Principal, mfaPassed: boolean, ctx: RequestContext): Promise<Stage> {
    const user = (await this.userById(tx, p.userId))!;
    const stage = this.nextStage(user, p.permissions, mfaPassed);
    const now = this.now();
    const expires = stage === 'active' ? new Date(now.getTime() + this.config.sessionMaxHours * 3_600_000) : new Date(now.getTime() + PENDING_STAGE_MINUTES * 60_000);
    await tx.query('UPDATE sessions SET stage = $2, mfa_passed = $3, last_seen_at = $4, expires_at = $5 WHERE id = $1', [p.sessionId, stage, mfaPassed, now, expires]);
    if (stage === 'active') await this.markLogin(tx, p.userId, ctx.ip);
    return stage;
  }

  private auditBase(p: Principal, ctx: RequestContext) {
    return { regionCode: p.regionCode, userId: p.userId, username: p.username, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId, objectType: 'user', objectId: p.userId };
  }

  /** Changes the caller's password: complexity rule, no reuse of the last 5, other sessions ended. */
  async changePassword(p: Principal, input: { currentPassword: string; newPassword: string }, ctx: RequestContext): Promise<Stage> {
    const user = (await this.userById(this.db, p.userId))!;
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      await this.audit.record(this.db, { ...this.auditBase(p, ctx), action: 'auth.password_change', result: 'failure', detail: { reason: 'current_password_wrong' } });
      throw new AppError(E.CURRENT_PASSWORD_WRONG);
    }
    const weak = passwordComplexityProblem(input.newPassword, user.username);
    if (weak) throw new AppError(E.PASSWORD_TOO_WEAK, {}, `The password ${weak}`);
    const history = await this.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2',
      [user.id, PASSWORD_HISTORY - 1],
    );
    for (const h of [user.password_hash, ...history.rows.map((r) => r.password_hash)]) {
      if (await verifyPassword(h, input.newPassword)) throw new AppError(E.PASSWORD_REUSED);
    }
    const newHash = await hashPassword(input.newPassword);
    return this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO password_history (user_id, region_code, password_hash, created_at) VALUES ($1, $2, $3, $4)', [user.id, user.region_code, user.password_hash, this.now()]);
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false, updated_at = $3 WHERE id = $1', [user.id, newHash, this.now()]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [user.id, p.sessionId]);
      const stage = await this.advance(tx, p, await this.sessionMfaPassed(tx, p.sessionId), ctx);
      await this.audit.record(tx, { ...this.auditBase(p, ctx), action: 'auth.password_change', result: 'success' });
      return stage;
    });
  }

  private async sessionMfaPassed(q: Queryable, sessionId: string): Promise<boolean> {
    return (await q.query<{ mfa_passed: boolean }>('SELECT mfa_passed FROM sessions WHERE id = $1', [sessionId])).rows[0]?.mfa_passed ?? false;
  }

  private totp(secretBase32: string, username: string): OTPAuth.TOTP {
    return new OTPAuth.TOTP({ issuer: 'landgov', label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
  }

  /** Starts TOTP enrolment: a new secret, stored encrypted until the first code confirms it. */
  async mfaSetup(p: Principal, ctx: RequestContext): Promise<{ secret: string; uri: string }> {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await this.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET totp_secret_enc = $2, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = $1', [p.userId, this.box.encrypt(secret)]);
      await this.audit.record(tx, { ...this.auditBase(p, ctx), action: 'auth.mfa_setup', result: 'success' });
    });
    return { secret, uri: this.totp(secret, p.username).toString() };
  }

  /**
   * Checks a TOTP code (±1 period) and that its time step is newer than the last accepted one.
   * Returns the accepted step, or null.
   */
  private checkCode(user: UserRow, code: string): number | null {
    if (!user.totp_secret_enc || !/^\d{6}$/.test(code)) return null;
    const totp = this.totp(this.box.decrypt(user.totp_secret_enc), user.username);
    const now = this.now().getTime();
    const delta = totp.validate({ token: code, timestamp: now, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(now / 30_000) + delta;
    if (user.totp_last_step !== null && step <= user.totp_last_step) return null;
    return step;
  }

  async mfaEnroll(p: Principal, code: string, ctx: RequestContext): Promise<Stage> {
    return this.mfaStep(p, code, ctx, true);
  }

  async mfaVerify(p: Principal, code: string, ctx: RequestContext): Promise<Stage> {
    return this.mfaStep(p, code, ctx, false);
  }

  private async mfaStep(p: Principal, code: string, ctx: RequestContext, enrol: boolean): Promise<Stage> {
    const user = (await this.userById(this.db, p.userId))!;
    if (enrol && !user.totp_secret_enc) throw new AppError(E.STAGE_NOT_ALLOWED, {}, 'Call GET /api/auth/mfa/setup first');
    const step = this.checkCode(user, code);
    if (step === null) await this.registerFailure(user, this.auditBase(p, ctx), 'wrong_totp');
    return this.db.transaction(async (tx) => {
      await tx.query(`UPDATE users SET totp_last_step = $2, failed_logins = 0${enrol ? ', totp_enrolled_at = $3' : ''} WHERE id = $1`, enrol ? [user.id, step, this.now()] : [user.id, step]);
      const stage = await this.advance(tx, p, true, ctx);
      await this.audit.record(tx, { ...this.auditBase(p, ctx), action: enrol ? 'auth.mfa_enroll' : 'auth.mfa_verify', result: 'success' });
      return stage;
    });
  }

  /** What GET /api/auth/me returns. */
  async me(p: Principal) {
    const r = await this.db.query<{
      display_name: string;
      region_code: string;
      region_name: string | null;
      dept_code: string | null;
      dept_name: string | null;
      dept_name_en: string | null;
      prev_login_at: Date | null;
      prev_login_ip: string | null;
      password_changed_at: Date;
      is_demo: boolean;
    }>(
      `SELECT u.display_name, u.region_code, rg.name AS region_name, d.code AS dept_code, d.name AS dept_name, d.name_en AS dept_name_en,
              u.prev_login_at, u.prev_login_ip, u.password_changed_at, u.is_demo
         FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN regions rg ON rg.code = u.region_code
        WHERE u.id = $1`,
      [p.userId],
    );
    const u = r.rows[0]!;
    const roles = await this.db.query<{ code: string; name: string; name_en: string }>(
      'SELECT r.code, r.name, r.name_en FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = $1 ORDER BY r.code',
      [p.userId],
    );
    return {
      id: p.userId,
      username: p.username,
      displayName: u.display_name,
      regionCode: u.region_code,
      regionName: u.region_name,
      department: u.dept_code ? { code: u.dept_code, name: u.dept_name, nameEn: u.dept_name_en } : null,
      roles: roles.rows.map((x) => ({ code: x.code, name: x.name, nameEn: x.name_en })),
      permissions: [...p.permissions].sort(),
      faces: facesFor(p.permissions),
      stage: p.stage,
      // The sign-in before this one (等保: show the user their last login time and place).
      lastLogin: u.prev_login_at ? { at: u.prev_login_at.toISOString(), ip: u.prev_login_ip } : null,
      passwordExpiresAt: u.is_demo ? null : new Date(u.password_changed_at.getTime() + this.config.passwordMaxAgeDays * 86_400_000).toISOString(),
      mfaRequired: requiresMfa(p.permissions),
    };
  }
}
