import crypto from 'node:crypto';
import type { AuditEntry } from '../../../core/audit/audit.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../../core/auth/passwords.ts';
import type { RequestContext } from '../../../core/auth/service.ts';
import { passwordComplexityProblem } from '../../../core/config.ts';
import type { AppContext } from '../../../core/context.ts';
import { randomToken, sha256Hex } from '../../../core/crypto.ts';
import type { Queryable } from '../../../core/db/index.ts';
import { AppError } from '../../../core/errors.ts';
import { PortalAccountErrors as E } from './errors.ts';
import { applicantsRepo as repo, registeredEmail, type ApplicantRow } from './repository.ts';
import type { SmsAdapter } from './sms.ts';
import { idNumberProblem, isMobile, maskEmail, maskIdNumber, maskPhone, normaliseIdNumber, normaliseUscc, usccProblem } from './validators.ts';

/** A signed-in applicant as the rest of the server sees it (never a staff Principal). */
export interface ApplicantPrincipal {
  applicantId: string;
  displayName: string;
  regionCode: string;
  sessionId: string;
  /** The organisation the person acts for in this session, if any. */
  actingFor: string | null;
  method: string;
}

export type SignInMethod = 'password' | 'sms' | 'oidc' | 'register';
export type SmsPurpose = 'login' | 'register';

const SMS_CODE_MINUTES = 5;
const SMS_MAX_ATTEMPTS = 5;
const SMS_PER_PHONE_MINUTE = 1;
const SMS_PER_PHONE_HOUR = 5;
const SMS_PER_IP_HOUR = 20;
const TOUCH_EVERY_MS = 15_000;

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

/**
 * Applicant accounts of the online service hall: registration of persons and organisations,
 * agents, sign-in by password and SMS code (OIDC sign-in ends in signInExternal), sessions.
 * ID and phone numbers are kept SM4-encrypted with HMAC-SM3 blind indexes and leave this service
 * masked only.
 */
export class ApplicantAccounts {
  constructor(
    private readonly ctx: AppContext,
    readonly sms: SmsAdapter,
  ) {}

  private get now(): Date {
    return this.ctx.now();
  }

  idNumberIndex(kind: 'person' | 'organisation', idNumber: string): string {
    return this.ctx.box.mac(`applicant-id:${kind}:${idNumber}`);
  }

  phoneIndex(phone: string): string {
    return this.ctx.box.mac(`applicant-phone:${phone}`);
  }

  private async audit(q: Queryable, rctx: RequestContext, e: Pick<AuditEntry, 'action' | 'result' | 'detail'> & { applicantId?: string | null; regionCode?: string }): Promise<void> {
    await this.ctx.audit.record(q, {
      regionCode: e.regionCode ?? this.ctx.config.regionCode,
      ip: rctx.ip,
      userAgent: rctx.userAgent,
      requestId: rctx.requestId,
      action: e.action,
      objectType: e.applicantId ? 'applicant' : null,
      objectId: e.applicantId ?? null,
      result: e.result,
      detail: { actor: 'applicant', ...(e.detail ?? {}) },
    });
  }

  /**
   * Audits a refused request whose refusal the methods below do not audit themselves (bad ID,
   * phone or password, unknown organisation …), so that every failed account action leaves a row.
   */
  async recordRefusal(rctx: RequestContext, action: string, code: string, applicantId: string | null): Promise<void> {
    await this.audit(this.ctx.db, rctx, { action, result: 'failure', applicantId, detail: { reason: code } });
  }

  /** Validates and normalises a resident ID number; throws APPLICANT_ID_NUMBER_INVALID. */
  checkIdNumber(raw: string): string {
    const v = normaliseIdNumber(raw);
    const problem = idNumberProblem(v, this.now);
    if (problem) throw new AppError(E.APPLICANT_ID_NUMBER_INVALID, { reason: problem });
    return v;
  }

  private checkPhone(raw: string): string {
    const v = raw.trim();
    if (!isMobile(v)) throw new AppError(E.APPLICANT_PHONE_INVALID);
    return v;
  }

  // ---- SMS codes -------------------------------------------------------------------------

  /**
   * Sends a 6-digit code valid for 5 minutes. Limits: one per phone per minute, five per phone
   * per hour, twenty per IP per hour. For sign-in, an unknown number gets the same answer but no
   * message, so the answer does not tell which numbers hold accounts.
   */
  async requestSmsCode(input: { phone: string; purpose: SmsPurpose }, rctx: RequestContext): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
    if (this.sms.name === 'none') throw new AppError(E.SMS_UNAVAILABLE);
    const phone = this.checkPhone(input.phone);
    const phoneIndex = this.phoneIndex(phone);
    const now = this.now;
    const counts = await repo.smsSentCounts(this.ctx.db, phoneIndex, rctx.ip, now);
    if (counts.phone_minute >= SMS_PER_PHONE_MINUTE || counts.phone_hour >= SMS_PER_PHONE_HOUR || counts.ip_hour >= SMS_PER_IP_HOUR) {
      await this.audit(this.ctx.db, rctx, { action: 'portal.sms_code', result: 'failure', detail: { reason: 'rate_limited', phone: maskPhone(phone), purpose: input.purpose } });
      throw new AppError(E.SMS_RATE_LIMITED, { retryAfterSeconds: counts.phone_minute >= SMS_PER_PHONE_MINUTE && counts.phone_hour < SMS_PER_PHONE_HOUR ? 60 : 3600 });
    }
    const holder = input.purpose === 'login' ? await repo.personByPhone(this.ctx.db, phoneIndex) : undefined;
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const id = crypto.randomUUID();
    await this.ctx.db.transaction(async (tx) => {
      await repo.insertSmsCode(tx, { id, phoneIndex, purpose: input.purpose, codeHash: this.codeHash(id, code), ip: rctx.ip, now, expiresAt: new Date(now.getTime() + SMS_CODE_MINUTES * 60_000) });
      await this.audit(tx, rctx, { action: 'portal.sms_code', result: 'success', applicantId: holder?.id ?? null, detail: { phone: maskPhone(phone), purpose: input.purpose, sent: input.purpose === 'register' || !!holder } });
    });
    if (input.purpose === 'register' || holder) {
      await this.sms.send(phone, `【自然资源网上办事大厅】验证码 ${code}，${SMS_CODE_MINUTES} 分钟内有效，请勿告诉他人。`);
    }
    return { expiresInSeconds: SMS_CODE_MINUTES * 60, resendAfterSeconds: 60 };
  }

  private codeHash(id: string, code: string): string {
    return this.ctx.box.mac(`sms-code:${id}:${code}`);
  }

  /**
   * Checks a code against the newest one sent to the phone. A wrong code counts an attempt
   * (committed at once); the fifth wrong attempt kills the code. Returns the code's id, which the
   * caller marks used inside its own transaction (useSmsCode), so a replayed request fails.
   */
  private async checkSmsCode(phoneIndex: string, purpose: SmsPurpose, code: string, rctx: RequestContext, applicantId: string | null): Promise<string> {
    const now = this.now;
    const outcome = await this.ctx.db.transaction(async (tx) => {
      const row = await repo.latestSmsCode(tx, phoneIndex, purpose);
      if (!row) return { ok: false as const, reason: 'none' };
      if (row.used_at) return { ok: false as const, reason: 'used' };
      if (row.expires_at <= now) return { ok: false as const, reason: 'expired' };
      const expected = Buffer.from(row.code_hash);
      const given = Buffer.from(this.codeHash(row.id, code));
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
        const burn = row.attempts + 1 >= SMS_MAX_ATTEMPTS;
        await repo.smsCodeAttempt(tx, row.id, burn, now);
        return { ok: false as const, reason: 'wrong', remainingAttempts: SMS_MAX_ATTEMPTS - row.attempts - 1 };
      }
      return { ok: true as const, id: row.id };
    });
    if (!outcome.ok) {
      await this.audit(this.ctx.db, rctx, { action: purpose === 'login' ? 'portal.login' : 'portal.register', result: 'failure', applicantId, detail: { method: 'sms', reason: `sms_code_${outcome.reason}` } });
      throw new AppError(E.SMS_CODE_INVALID, outcome.reason === 'wrong' ? { remainingAttempts: outcome.remainingAttempts } : {});
    }
    return outcome.id;
  }

  private async useSmsCode(tx: Queryable, id: string): Promise<void> {
    if (!(await repo.useSmsCode(tx, id, this.now))) throw new AppError(E.SMS_CODE_INVALID);
  }

  // ---- sessions --------------------------------------------------------------------------

  private async openSession(tx: Queryable, a: ApplicantRow, method: SignInMethod, rctx: RequestContext): Promise<string> {
    const token = randomToken();
    const now = this.now;
    await repo.insertSession(tx, { id: sha256Hex(token), applicantId: a.id, method, ip: rctx.ip, userAgent: rctx.userAgent?.slice(0, 300) ?? null, now, expiresAt: new Date(now.getTime() + this.ctx.config.sessionMaxHours * 3_600_000) });
    await repo.markLogin(tx, a.id, now, rctx.ip);
    return token;
  }

  /** Resolves an applicant session cookie; idle or past-lifetime sessions are deleted and refused. */
  async resolve(token: string, rctx: RequestContext): Promise<ApplicantPrincipal> {
    const id = sha256Hex(token);
    const s = await repo.session(this.ctx.db, id);
    if (!s) throw new AppError(E.APPLICANT_UNAUTHENTICATED);
    const now = this.now;
    const idle = now.getTime() - s.last_seen_at.getTime() > this.ctx.config.sessionIdleMinutes * 60_000;
    if (idle || s.expires_at <= now) {
      await this.ctx.db.transaction(async (tx) => {
        await repo.deleteSession(tx, id);
        await this.audit(tx, rctx, { action: 'portal.session_expired', result: 'success', applicantId: s.applicant_id, detail: { reason: idle ? 'idle' : 'lifetime' } });
      });
      throw new AppError(E.APPLICANT_SESSION_EXPIRED);
    }
    const a = await repo.byId(this.ctx.db, s.applicant_id);
    if (!a || a.status !== 'active') {
      await repo.deleteSession(this.ctx.db, id);
      throw new AppError(E.APPLICANT_UNAUTHENTICATED);
    }
    if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await repo.touchSession(this.ctx.db, id, now);
    // Agency ends at its valid_to or when revoked: the session then acts for the person again.
    let actingFor = s.acting_for;
    if (actingFor && !(await repo.currentAgency(this.ctx.db, actingFor, a.id, now))) {
      await repo.setActingFor(this.ctx.db, id, null);
      actingFor = null;
    }
    return { applicantId: a.id, displayName: a.display_name, regionCode: a.region_code, sessionId: id, actingFor, method: s.method };
  }

  async logout(p: ApplicantPrincipal, rctx: RequestContext): Promise<void> {
    await this.ctx.db.transaction(async (tx) => {
      await repo.deleteSession(tx, p.sessionId);
      await this.audit(tx, rctx, { action: 'portal.logout', result: 'success', applicantId: p.applicantId, regionCode: p.regionCode });
    });
  }

  // ---- registration ----------------------------------------------------------------------

  /** Opens a person's account after the phone is proven by an SMS code; signs the person in. */
  async registerPerson(
    input: { name: string; idNumber: string; phone: string; smsCode: string; password: string; email?: string },
    rctx: RequestContext,
  ): Promise<{ token: string; applicantId: string }> {
    const idNumber = this.checkIdNumber(input.idNumber);
    const phone = this.checkPhone(input.phone);
    const weak = passwordComplexityProblem(input.password, phone);
    if (weak) throw new AppError(E.APPLICANT_PASSWORD_TOO_WEAK, {}, `The password ${weak}`);
    const idIndex = this.idNumberIndex('person', idNumber);
    const phoneIndex = this.phoneIndex(phone);
    const codeId = await this.checkSmsCode(phoneIndex, 'register', input.smsCode, rctx, null);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ctx.db.transaction(async (tx) => {
        await this.useSmsCode(tx, codeId);
        if ((await repo.byIdNumber(tx, 'person', idIndex)) || (await repo.personByPhone(tx, phoneIndex))) throw new AppError(E.APPLICANT_EXISTS);
        const a = await repo.insert(tx, {
          regionCode: this.ctx.config.regionCode,
          kind: 'person',
          displayName: input.name,
          idNumberEnc: this.ctx.box.encrypt(idNumber),
          idNumberIndex: idIndex,
          phoneEnc: this.ctx.box.encrypt(phone),
          phoneIndex,
          emailEnc: input.email ? this.ctx.box.encrypt(input.email) : null,
          passwordHash,
          now: this.now,
        });
        const token = await this.openSession(tx, a, 'register', rctx);
        await this.audit(tx, rctx, { action: 'portal.register', result: 'success', applicantId: a.id, detail: { kind: 'person', idNumber: maskIdNumber(idNumber), phone: maskPhone(phone) } });
        return { token, applicantId: a.id };
      });
    } catch (err) {
      const code = err instanceof AppError ? err.code : isUniqueViolation(err) ? E.APPLICANT_EXISTS : null;
      if (code) await this.audit(this.ctx.db, rctx, { action: 'portal.register', result: 'failure', detail: { kind: 'person', reason: code, idNumber: maskIdNumber(idNumber) } });
      if (isUniqueViolation(err)) throw new AppError(E.APPLICANT_EXISTS);
      throw err;
    }
  }

  /** Registers an organisation by a signed-in person, who becomes its first (administrator) agent. */
  async registerOrganisation(p: ApplicantPrincipal, input: { name: string; uscc: string; phone?: string; email?: string }, rctx: RequestContext): Promise<string> {
    const person = await this.requirePerson(p);
    const uscc = normaliseUscc(input.uscc);
    const problem = usccProblem(uscc);
    if (problem) {
      await this.audit(this.ctx.db, rctx, { action: 'portal.register', result: 'failure', applicantId: person.id, detail: { kind: 'organisation', reason: E.APPLICANT_USCC_INVALID } });
      throw new AppError(E.APPLICANT_USCC_INVALID, { reason: problem });
    }
    const phone = input.phone === undefined ? null : this.checkPhone(input.phone);
    const idIndex = this.idNumberIndex('organisation', uscc);
    try {
      return await this.ctx.db.transaction(async (tx) => {
        if (await repo.byIdNumber(tx, 'organisation', idIndex)) throw new AppError(E.APPLICANT_EXISTS);
        const now = this.now;
        const org = await repo.insert(tx, {
          regionCode: this.ctx.config.regionCode,
          kind: 'organisation',
          displayName: input.name,
          idNumberEnc: this.ctx.box.encrypt(uscc),
          idNumberIndex: idIndex,
          phoneEnc: phone ? this.ctx.box.encrypt(phone) : null,
          phoneIndex: phone ? this.phoneIndex(phone) : null,
          emailEnc: input.email ? this.ctx.box.encrypt(input.email) : null,
          passwordHash: null,
          now,
        });
        await repo.insertAgent(tx, { organisationId: org.id, personId: person.id, role: 'admin', validFrom: now, validTo: null, grantedBy: person.id, now });
        await this.audit(tx, rctx, { action: 'portal.register', result: 'success', applicantId: org.id, detail: { kind: 'organisation', uscc: maskIdNumber(uscc), firstAgent: person.id } });
        return org.id;
      });
    } catch (err) {
      if (err instanceof AppError || isUniqueViolation(err)) {
        await this.audit(this.ctx.db, rctx, { action: 'portal.register', result: 'failure', applicantId: person.id, detail: { kind: 'organisation', reason: E.APPLICANT_EXISTS, uscc: maskIdNumber(uscc) } });
        throw new AppError(E.APPLICANT_EXISTS);
      }
      throw err;
    }
  }

  private async requirePerson(p: ApplicantPrincipal): Promise<ApplicantRow> {
    const a = await repo.byId(this.ctx.db, p.applicantId);
    if (!a || a.kind !== 'person') throw new AppError(E.PERSON_ACCOUNT_REQUIRED);
    return a;
  }

  // ---- sign-in ---------------------------------------------------------------------------

  private async refuseLocked(a: ApplicantRow, method: SignInMethod, rctx: RequestContext): Promise<void> {
    if (a.locked_until && a.locked_until > this.now) {
      await this.audit(this.ctx.db, rctx, { action: 'portal.login', result: 'failure', applicantId: a.id, detail: { method, reason: 'locked' } });
      throw new AppError(E.APPLICANT_LOCKED, { lockedUntil: a.locked_until.toISOString() });
    }
    if (a.status !== 'active') {
      await this.audit(this.ctx.db, rctx, { action: 'portal.login', result: 'failure', applicantId: a.id, detail: { method, reason: 'disabled' } });
      throw new AppError(E.APPLICANT_DISABLED);
    }
  }

  /**
   * Password sign-in with the resident ID number or the mobile number as account name. Failures
   * count as for staff: LOGIN_MAX_FAILURES in a row lock the account for LOCKOUT_MINUTES.
   */
  async loginWithPassword(input: { account: string; password: string }, rctx: RequestContext): Promise<string> {
    const account = input.account.trim().toUpperCase();
    const byPhone = isMobile(account);
    const a = byPhone
      ? await repo.personByPhone(this.ctx.db, this.phoneIndex(account))
      : await repo.byIdNumber(this.ctx.db, 'person', this.idNumberIndex('person', account));
    const shown = byPhone ? maskPhone(account) : maskIdNumber(account);
    if (!a || !a.password_hash) {
      await burnPasswordCheck(input.password);
      await this.audit(this.ctx.db, rctx, { action: 'portal.login', result: 'failure', applicantId: a?.id ?? null, detail: { method: 'password', reason: a ? 'no_password' : 'unknown_account', account: shown } });
      throw new AppError(E.APPLICANT_INVALID_CREDENTIALS);
    }
    await this.refuseLocked(a, 'password', rctx);
    if (!(await verifyPassword(a.password_hash, input.password))) {
      const lockUntil = new Date(this.now.getTime() + this.ctx.config.lockoutMinutes * 60_000);
      const r = await this.ctx.db.transaction(async (tx) => {
        const r = await repo.countFailure(tx, a.id, this.ctx.config.loginMaxFailures, lockUntil);
        await this.audit(tx, rctx, { action: 'portal.login', result: 'failure', applicantId: a.id, detail: { method: 'password', reason: 'wrong_password', failures: r.failures } });
        if (r.locked) await this.audit(tx, rctx, { action: 'portal.lock', result: 'success', applicantId: a.id, detail: { lockedUntil: lockUntil.toISOString() } });
        return r;
      });
      if (r.locked) throw new AppError(E.APPLICANT_LOCKED, { lockedUntil: lockUntil.toISOString() });
      throw new AppError(E.APPLICANT_INVALID_CREDENTIALS, { remainingAttempts: this.ctx.config.loginMaxFailures - r.failures });
    }
    return this.ctx.db.transaction(async (tx) => {
      const token = await this.openSession(tx, a, 'password', rctx);
      await this.audit(tx, rctx, { action: 'portal.login', result: 'success', applicantId: a.id, detail: { method: 'password' } });
      return token;
    });
  }

  /** Sign-in with a code sent by requestSmsCode({purpose: 'login'}). */
  async loginWithSms(input: { phone: string; code: string }, rctx: RequestContext): Promise<string> {
    const phone = this.checkPhone(input.phone);
    const phoneIndex = this.phoneIndex(phone);
    const a = await repo.personByPhone(this.ctx.db, phoneIndex);
    const codeId = await this.checkSmsCode(phoneIndex, 'login', input.code, rctx, a?.id ?? null);
    // A code exists for a number without account only when it was sent for registration.
    if (!a) throw new AppError(E.SMS_CODE_INVALID);
    await this.refuseLocked(a, 'sms', rctx);
    return this.ctx.db.transaction(async (tx) => {
      await this.useSmsCode(tx, codeId);
      const token = await this.openSession(tx, a, 'sms', rctx);
      await this.audit(tx, rctx, { action: 'portal.login', result: 'success', applicantId: a.id, detail: { method: 'sms' } });
      return token;
    });
  }

  /**
   * Sign-in through the unified identity service, after the ID token was verified: finds the
   * account linked to (issuer, subject), else links the person account with the same ID number,
   * else opens a new person account. Returns the session token.
   */
  async signInExternal(
    input: { issuer: string; subject: string; idNumber: unknown; name: unknown; phone: unknown },
    rctx: RequestContext,
  ): Promise<string> {
    const linked = await repo.byOidcSubject(this.ctx.db, input.issuer, input.subject);
    if (linked) return this.finishExternal(linked, 'linked', rctx);
    const raw = typeof input.idNumber === 'string' ? normaliseIdNumber(input.idNumber) : '';
    if (!raw || idNumberProblem(raw, this.now)) {
      await this.audit(this.ctx.db, rctx, { action: 'portal.login', result: 'failure', detail: { method: 'oidc', reason: 'id_number_missing_or_invalid' } });
      throw new AppError(E.OIDC_ID_NUMBER_MISSING);
    }
    const idIndex = this.idNumberIndex('person', raw);
    try {
      const { account, how } = await this.ctx.db.transaction(async (tx) => {
        const existing = await repo.byIdNumber(tx, 'person', idIndex);
        if (existing) {
          // The identity service vouches for the ID number: the account registered here with it is
          // this person's. A link to an earlier subject is replaced (the service re-issued it).
          await repo.linkOidc(tx, existing.id, input.issuer, input.subject, this.now);
          await this.audit(tx, rctx, { action: 'portal.oidc_link', result: 'success', applicantId: existing.id, detail: { replaced: existing.oidc_subject !== null } });
          return { account: existing, how: 'link_existing' };
        }
        const phone = typeof input.phone === 'string' && isMobile(input.phone) ? input.phone : null;
        // A number already held by another person is not taken over.
        const phoneIndex = phone && !(await repo.personByPhone(tx, this.phoneIndex(phone))) ? this.phoneIndex(phone) : null;
        const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim().slice(0, 100) : maskIdNumber(raw);
        const created = await repo.insert(tx, {
          regionCode: this.ctx.config.regionCode,
          kind: 'person',
          displayName: name,
          idNumberEnc: this.ctx.box.encrypt(raw),
          idNumberIndex: idIndex,
          phoneEnc: phone && phoneIndex ? this.ctx.box.encrypt(phone) : null,
          phoneIndex,
          emailEnc: null,
          passwordHash: null,
          oidcIssuer: input.issuer,
          oidcSubject: input.subject,
          now: this.now,
        });
        await this.audit(tx, rctx, { action: 'portal.register', result: 'success', applicantId: created.id, detail: { kind: 'person', method: 'oidc', idNumber: maskIdNumber(raw), phone: phone && phoneIndex ? maskPhone(phone) : null } });
        return { account: created, how: 'created' };
      });
      return await this.finishExternal(account, how, rctx);
    } catch (err) {
      // Two callbacks of the same person at once: the other one opened the account.
      if (isUniqueViolation(err)) {
        const again = await repo.byOidcSubject(this.ctx.db, input.issuer, input.subject);
        if (again) return this.finishExternal(again, 'linked', rctx);
      }
      throw err;
    }
  }

  private async finishExternal(account: ApplicantRow, how: string, rctx: RequestContext): Promise<string> {
    await this.refuseLocked(account, 'oidc', rctx);
    return this.ctx.db.transaction(async (tx) => {
      const token = await this.openSession(tx, account, 'oidc', rctx);
      await this.audit(tx, rctx, { action: 'portal.login', result: 'success', applicantId: account.id, detail: { method: 'oidc', account: how } });
      return token;
    });
  }

  // ---- organisations and agents ----------------------------------------------------------

  /** Switches the session to act for an organisation (null: back to the person itself). */
  async actAs(p: ApplicantPrincipal, organisationId: string | null, rctx: RequestContext): Promise<void> {
    await this.requirePerson(p);
    if (organisationId !== null) {
      const org = await repo.byId(this.ctx.db, organisationId);
      if (!org || org.kind !== 'organisation') throw new AppError(E.ORGANISATION_NOT_FOUND);
      if (!(await repo.currentAgency(this.ctx.db, organisationId, p.applicantId, this.now))) {
        await this.audit(this.ctx.db, rctx, { action: 'portal.act_as', result: 'failure', applicantId: p.applicantId, detail: { organisationId, reason: 'not_an_agent' } });
        throw new AppError(E.AGENT_NOT_AUTHORISED);
      }
    }
    await this.ctx.db.transaction(async (tx) => {
      await repo.setActingFor(tx, p.sessionId, organisationId);
      await this.audit(tx, rctx, { action: 'portal.act_as', result: 'success', applicantId: p.applicantId, detail: { organisationId } });
    });
  }

  /** An administrator agent grants (or renews) agency to another registered person. */
  async grantAgent(p: ApplicantPrincipal, organisationId: string, input: { idNumber: string; role: 'admin' | 'agent'; validTo?: string }, rctx: RequestContext): Promise<void> {
    await this.requirePerson(p);
    const org = await repo.byId(this.ctx.db, organisationId);
    if (!org || org.kind !== 'organisation') throw new AppError(E.ORGANISATION_NOT_FOUND);
    const mine = await repo.currentAgency(this.ctx.db, organisationId, p.applicantId, this.now);
    if (mine?.role !== 'admin') {
      await this.audit(this.ctx.db, rctx, { action: 'portal.agent_grant', result: 'failure', applicantId: organisationId, detail: { by: p.applicantId, reason: 'not_admin' } });
      throw new AppError(E.AGENT_ADMIN_REQUIRED);
    }
    const idNumber = this.checkIdNumber(input.idNumber);
    const person = await repo.byIdNumber(this.ctx.db, 'person', this.idNumberIndex('person', idNumber));
    if (!person) throw new AppError(E.APPLICANT_NOT_FOUND);
    const now = this.now;
    const validTo = input.validTo ? new Date(input.validTo) : null;
    if (validTo && validTo <= now) throw new AppError('INVALID_VALUE', { field: 'validTo' }, 'validTo must lie in the future');
    await this.ctx.db.transaction(async (tx) => {
      await repo.insertAgent(tx, { organisationId, personId: person.id, role: input.role, validFrom: now, validTo, grantedBy: p.applicantId, now });
      await this.audit(tx, rctx, { action: 'portal.agent_grant', result: 'success', applicantId: organisationId, detail: { by: p.applicantId, personId: person.id, role: input.role, validTo: validTo?.toISOString() ?? null } });
    });
  }

  /** The agents of an organisation, for its current agents; ID numbers masked. */
  async agents(p: ApplicantPrincipal, organisationId: string) {
    const org = await repo.byId(this.ctx.db, organisationId);
    if (!org || org.kind !== 'organisation') throw new AppError(E.ORGANISATION_NOT_FOUND);
    if (!(await repo.currentAgency(this.ctx.db, organisationId, p.applicantId, this.now))) throw new AppError(E.AGENT_NOT_AUTHORISED);
    const now = this.now;
    return (await repo.agentsOf(this.ctx.db, organisationId)).map((g) => ({
      personId: g.person_id,
      name: g.display_name,
      idNumberMasked: maskIdNumber(this.ctx.box.decrypt(g.id_number_enc)),
      role: g.role,
      validFrom: g.valid_from.toISOString(),
      validTo: g.valid_to?.toISOString() ?? null,
      current: !g.revoked_at && g.valid_from <= now && (!g.valid_to || g.valid_to > now),
    }));
  }

  /**
   * Addresses stored in plain text before migration 0022 are encrypted into email_enc and the
   * plain column cleared (run at start-up; idempotent, one account per statement).
   */
  async encryptStoredEmails(): Promise<number> {
    const rows = (await this.ctx.db.query<{ id: string; email: string }>('SELECT id, email FROM applicants WHERE email IS NOT NULL')).rows;
    for (const r of rows) {
      await this.ctx.db.query('UPDATE applicants SET email_enc = $2, email = NULL WHERE id = $1 AND email = $3', [r.id, this.ctx.box.encrypt(r.email), r.email]);
    }
    return rows.length;
  }

  private view(a: ApplicantRow) {
    const phone = a.phone_enc ? this.ctx.box.decrypt(a.phone_enc) : null;
    const email = registeredEmail(this.ctx.box, a);
    return {
      id: a.id,
      kind: a.kind,
      name: a.display_name,
      idNumberMasked: maskIdNumber(this.ctx.box.decrypt(a.id_number_enc)),
      phoneMasked: phone ? maskPhone(phone) : null,
      emailMasked: email ? maskEmail(email) : null,
    };
  }

  /** What GET /api/portal/auth/me returns: everything identifying is masked. */
  async me(p: ApplicantPrincipal) {
    const a = (await repo.byId(this.ctx.db, p.applicantId))!;
    const orgs = await repo.organisationsOf(this.ctx.db, a.id, this.now);
    const acting = p.actingFor ? orgs.find((o) => o.id === p.actingFor) : undefined;
    return {
      ...this.view(a),
      hasPassword: a.password_hash !== null,
      linkedToIdentityService: a.oidc_subject !== null,
      signInMethod: p.method,
      lastLogin: a.prev_login_at ? { at: a.prev_login_at.toISOString(), ip: a.prev_login_ip } : null,
      actingFor: acting ? { ...this.view(acting), role: acting.role } : null,
      organisations: orgs.map((o) => ({ ...this.view(o), role: o.role, validTo: o.valid_to?.toISOString() ?? null })),
    };
  }
}
