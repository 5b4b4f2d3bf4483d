import type { Queryable } from '../../../core/db/index.ts';

export interface ApplicantRow {
  id: string;
  region_code: string;
  kind: 'person' | 'organisation';
  display_name: string;
  id_number_enc: string;
  id_number_index: string;
  phone_enc: string | null;
  phone_index: string | null;
  /** Legacy: an address stored in plain text before migration 0022; encrypted into email_enc at start-up. */
  email: string | null;
  email_enc: string | null;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  status: 'active' | 'disabled';
  failed_logins: number;
  locked_until: Date | null;
  prev_login_at: Date | null;
  prev_login_ip: string | null;
  created_at: Date;
}

/** The address given at registration, in plain text (for sending and masking), or null. */
export function registeredEmail(box: { decrypt(ciphertext: string): string }, a: Pick<ApplicantRow, 'email' | 'email_enc'>): string | null {
  return a.email_enc ? box.decrypt(a.email_enc) : a.email;
}

export interface NewApplicant {
  regionCode: string;
  kind: 'person' | 'organisation';
  displayName: string;
  idNumberEnc: string;
  idNumberIndex: string;
  phoneEnc: string | null;
  phoneIndex: string | null;
  emailEnc: string | null;
  passwordHash: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
  now: Date;
}

export interface SessionRow {
  id: string;
  applicant_id: string;
  acting_for: string | null;
  method: string;
  last_seen_at: Date;
  expires_at: Date;
}

export interface AgentRow {
  organisation_id: string;
  person_id: string;
  role: 'admin' | 'agent';
  valid_from: Date;
  valid_to: Date | null;
  revoked_at: Date | null;
  display_name: string;
  id_number_enc: string;
}

export interface SmsCodeRow {
  id: string;
  code_hash: string;
  attempts: number;
  expires_at: Date;
  used_at: Date | null;
}

export interface OidcStateRow {
  id: string;
  nonce: string;
  code_verifier_enc: string;
  expires_at: Date;
  used_at: Date | null;
}

/** The only place that reads and writes the applicant tables. */
export const applicantsRepo = {
  async byId(q: Queryable, id: string): Promise<ApplicantRow | undefined> {
    return (await q.query<ApplicantRow>('SELECT * FROM applicants WHERE id = $1', [id])).rows[0];
  },

  async byIdNumber(q: Queryable, kind: 'person' | 'organisation', index: string): Promise<ApplicantRow | undefined> {
    return (await q.query<ApplicantRow>('SELECT * FROM applicants WHERE kind = $1 AND id_number_index = $2', [kind, index])).rows[0];
  },

  async personByPhone(q: Queryable, index: string): Promise<ApplicantRow | undefined> {
    return (await q.query<ApplicantRow>("SELECT * FROM applicants WHERE kind = 'person' AND phone_index = $1", [index])).rows[0];
  },

  async byOidcSubject(q: Queryable, issuer: string, subject: string): Promise<ApplicantRow | undefined> {
    return (await q.query<ApplicantRow>('SELECT * FROM applicants WHERE oidc_issuer = $1 AND oidc_subject = $2', [issuer, subject])).rows[0];
  },

  async insert(q: Queryable, a: NewApplicant): Promise<ApplicantRow> {
    const r = await q.query<ApplicantRow>(
      `INSERT INTO applicants (region_code, kind, display_name, id_number_enc, id_number_index, phone_enc, phone_index, email_enc, password_hash, oidc_issuer, oidc_subject, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING *`,
      [a.regionCode, a.kind, a.displayName, a.idNumberEnc, a.idNumberIndex, a.phoneEnc, a.phoneIndex, a.emailEnc, a.passwordHash, a.oidcIssuer ?? null, a.oidcSubject ?? null, a.now],
    );
    return r.rows[0]!;
  },

  async linkOidc(q: Queryable, id: string, issuer: string, subject: string, now: Date): Promise<void> {
    await q.query('UPDATE applicants SET oidc_issuer = $2, oidc_subject = $3, updated_at = $4 WHERE id = $1', [id, issuer, subject, now]);
  },

  /** Counts a failure; sets locked_until when the count reaches max. Returns the new count. */
  async countFailure(q: Queryable, id: string, max: number, lockUntil: Date): Promise<{ failures: number; locked: boolean }> {
    const r = await q.query<{ failed_logins: number }>(
      `UPDATE applicants SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE id = $1 RETURNING failed_logins`,
      [id, max, lockUntil],
    );
    const failures = r.rows[0]!.failed_logins;
    const locked = failures >= max;
    if (locked) {
      await q.query('UPDATE applicants SET failed_logins = 0 WHERE id = $1', [id]);
      await q.query('DELETE FROM applicant_sessions WHERE applicant_id = $1', [id]);
    }
    return { failures, locked };
  },

  async markLogin(q: Queryable, id: string, now: Date, ip: string): Promise<void> {
    await q.query(
      `UPDATE applicants SET failed_logins = 0, locked_until = NULL, prev_login_at = last_login_at, prev_login_ip = last_login_ip,
         last_login_at = $2, last_login_ip = $3 WHERE id = $1`,
      [id, now, ip],
    );
  },

  async insertSession(q: Queryable, s: { id: string; applicantId: string; method: string; ip: string; userAgent: string | null; now: Date; expiresAt: Date }): Promise<void> {
    await q.query(
      `INSERT INTO applicant_sessions (id, applicant_id, method, ip, user_agent, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
      [s.id, s.applicantId, s.method, s.ip, s.userAgent, s.now, s.expiresAt],
    );
  },

  async session(q: Queryable, id: string): Promise<SessionRow | undefined> {
    return (await q.query<SessionRow>('SELECT id, applicant_id, acting_for, method, last_seen_at, expires_at FROM applicant_sessions WHERE id = $1', [id])).rows[0];
  },

  async touchSession(q: Queryable, id: string, now: Date): Promise<void> {
    await q.query('UPDATE applicant_sessions SET last_seen_at = $2 WHERE id = $1', [id, now]);
  },

  async deleteSession(q: Queryable, id: string): Promise<void> {
    await q.query('DELETE FROM applicant_sessions WHERE id = $1', [id]);
  },

  async setActingFor(q: Queryable, sessionId: string, organisationId: string | null): Promise<void> {
    await q.query('UPDATE applicant_sessions SET acting_for = $2 WHERE id = $1', [sessionId, organisationId]);
  },

  async insertAgent(q: Queryable, a: { organisationId: string; personId: string; role: 'admin' | 'agent'; validFrom: Date; validTo: Date | null; grantedBy: string; now: Date }): Promise<void> {
    await q.query(
      `INSERT INTO organisation_agents (organisation_id, person_id, role, valid_from, valid_to, granted_by, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, person_id) DO UPDATE SET role = EXCLUDED.role, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at, revoked_at = NULL`,
      [a.organisationId, a.personId, a.role, a.validFrom, a.validTo, a.grantedBy, a.now],
    );
  },

  /** The agency of a person for an organisation that holds at the given moment. */
  async currentAgency(q: Queryable, organisationId: string, personId: string, now: Date): Promise<{ role: 'admin' | 'agent' } | undefined> {
    return (
      await q.query<{ role: 'admin' | 'agent' }>(
        `SELECT role FROM organisation_agents WHERE organisation_id = $1 AND person_id = $2
            AND revoked_at IS NULL AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3)`,
        [organisationId, personId, now],
      )
    ).rows[0];
  },

  /** Organisations the person currently acts for. */
  async organisationsOf(q: Queryable, personId: string, now: Date): Promise<(ApplicantRow & { role: 'admin' | 'agent'; valid_to: Date | null })[]> {
    return (
      await q.query<ApplicantRow & { role: 'admin' | 'agent'; valid_to: Date | null }>(
        `SELECT a.*, g.role, g.valid_to FROM organisation_agents g JOIN applicants a ON a.id = g.organisation_id
          WHERE g.person_id = $1 AND g.revoked_at IS NULL AND g.valid_from <= $2 AND (g.valid_to IS NULL OR g.valid_to > $2)
          ORDER BY a.display_name, a.id`,
        [personId, now],
      )
    ).rows;
  },

  async agentsOf(q: Queryable, organisationId: string): Promise<AgentRow[]> {
    return (
      await q.query<AgentRow>(
        `SELECT g.organisation_id, g.person_id, g.role, g.valid_from, g.valid_to, g.revoked_at, a.display_name, a.id_number_enc
           FROM organisation_agents g JOIN applicants a ON a.id = g.person_id WHERE g.organisation_id = $1 ORDER BY g.granted_at, a.id`,
        [organisationId],
      )
    ).rows;
  },

  async smsSentCounts(q: Queryable, phoneIndex: string, ip: string, now: Date): Promise<{ phone_minute: number; phone_hour: number; ip_hour: number }> {
    const r = await q.query<{ phone_minute: string; phone_hour: string; ip_hour: string }>(
      `SELECT count(*) FILTER (WHERE phone_index = $1 AND created_at > $3::timestamptz - interval '1 minute') AS phone_minute,
              count(*) FILTER (WHERE phone_index = $1) AS phone_hour,
              count(*) FILTER (WHERE ip = $2) AS ip_hour
         FROM applicant_sms_codes WHERE (phone_index = $1 OR ip = $2) AND created_at > $3::timestamptz - interval '1 hour'`,
      [phoneIndex, ip, now],
    );
    const row = r.rows[0]!;
    return { phone_minute: Number(row.phone_minute), phone_hour: Number(row.phone_hour), ip_hour: Number(row.ip_hour) };
  },

  async insertSmsCode(q: Queryable, c: { id: string; phoneIndex: string; purpose: string; codeHash: string; ip: string; now: Date; expiresAt: Date }): Promise<void> {
    // A new code replaces the earlier ones of the same phone and purpose.
    await q.query('UPDATE applicant_sms_codes SET used_at = $3 WHERE phone_index = $1 AND purpose = $2 AND used_at IS NULL', [c.phoneIndex, c.purpose, c.now]);
    await q.query(
      'INSERT INTO applicant_sms_codes (id, phone_index, purpose, code_hash, ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [c.id, c.phoneIndex, c.purpose, c.codeHash, c.ip, c.now, c.expiresAt],
    );
  },

  /** The newest code of a phone and purpose, locked for update. */
  async latestSmsCode(q: Queryable, phoneIndex: string, purpose: string): Promise<SmsCodeRow | undefined> {
    return (
      await q.query<SmsCodeRow>(
        'SELECT id, code_hash, attempts, expires_at, used_at FROM applicant_sms_codes WHERE phone_index = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1 FOR UPDATE',
        [phoneIndex, purpose],
      )
    ).rows[0];
  },

  async smsCodeAttempt(q: Queryable, id: string, burn: boolean, now: Date): Promise<void> {
    await q.query('UPDATE applicant_sms_codes SET attempts = attempts + 1, used_at = CASE WHEN $2 THEN $3::timestamptz ELSE used_at END WHERE id = $1', [id, burn, now]);
  },

  /** Marks a code used; false when it was used meanwhile (a replayed request). */
  async useSmsCode(q: Queryable, id: string, now: Date): Promise<boolean> {
    return (await q.query('UPDATE applicant_sms_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id', [id, now])).rows.length === 1;
  },

  async insertOidcState(q: Queryable, s: { id: string; nonce: string; codeVerifierEnc: string; ip: string; now: Date; expiresAt: Date }): Promise<void> {
    await q.query(
      'INSERT INTO applicant_oidc_states (id, nonce, code_verifier_enc, ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [s.id, s.nonce, s.codeVerifierEnc, s.ip, s.now, s.expiresAt],
    );
    // States a day old are of no use to anyone.
    await q.query("DELETE FROM applicant_oidc_states WHERE created_at < $1::timestamptz - interval '1 day'", [s.now]);
  },

  async oidcState(q: Queryable, id: string): Promise<OidcStateRow | undefined> {
    return (await q.query<OidcStateRow>('SELECT id, nonce, code_verifier_enc, expires_at, used_at FROM applicant_oidc_states WHERE id = $1', [id])).rows[0];
  },

  /** Marks a state used; false when another request used it first. */
  async useOidcState(q: Queryable, id: string, now: Date): Promise<boolean> {
    return (await q.query('UPDATE applicant_oidc_states SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id', [id, now])).rows.length === 1;
  },
};
