import type { Queryable } from '../../../core/db/index.ts';

export interface MessageRow {
  id: string;
  region_code: string;
  applicant_id: string;
  case_id: string | null;
  case_no: string | null;
  kind: string;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export interface SettingsRow {
  applicant_id: string;
  email_enc: string | null;
  sms_enabled: boolean;
  email_enabled: boolean;
}

export interface DeliveryRow {
  message_id: string;
  channel: 'sms' | 'email';
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
}

export interface NewMessage {
  regionCode: string;
  applicantId: string;
  caseId: string | null;
  caseNo: string | null;
  kind: string;
  title: string;
  body: string;
  dedupeKey: string;
  now: Date;
}

const MESSAGE_COLS = 'id, region_code, applicant_id, case_id, case_no, kind, title, body, created_at, read_at';

/** The only place that reads and writes applicant_messages, their deliveries and notification settings. */
export const notifyRepo = {
  /** Inserts a message unless one with the same dedupe key exists for the account; returns the new row or undefined. */
  async insertMessage(q: Queryable, m: NewMessage): Promise<MessageRow | undefined> {
    const r = await q.query<MessageRow>(
      `INSERT INTO applicant_messages (region_code, applicant_id, case_id, case_no, kind, title, body, dedupe_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (applicant_id, dedupe_key) DO NOTHING RETURNING ${MESSAGE_COLS}`,
      [m.regionCode, m.applicantId, m.caseId, m.caseNo, m.kind, m.title, m.body, m.dedupeKey, m.now],
    );
    return r.rows[0];
  },

  async message(q: Queryable, id: string): Promise<MessageRow | undefined> {
    return (await q.query<MessageRow>(`SELECT ${MESSAGE_COLS} FROM applicant_messages WHERE id = $1`, [id])).rows[0];
  },

  async list(q: Queryable, applicantId: string, f: { unreadOnly: boolean; limit: number; offset: number }): Promise<{ unread: number; total: number; rows: MessageRow[] }> {
    const counts = await q.query<{ unread: string; total: string }>(
      `SELECT count(*) FILTER (WHERE read_at IS NULL) AS unread, count(*) FILTER (WHERE $2::boolean = false OR read_at IS NULL) AS total
         FROM applicant_messages WHERE applicant_id = $1`,
      [applicantId, f.unreadOnly],
    );
    const rows = await q.query<MessageRow>(
      `SELECT ${MESSAGE_COLS} FROM applicant_messages WHERE applicant_id = $1 AND ($2::boolean = false OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [applicantId, f.unreadOnly, f.limit, f.offset],
    );
    return { unread: Number(counts.rows[0]!.unread), total: Number(counts.rows[0]!.total), rows: rows.rows };
  },

  /** Marks one message of the account read; false when the account has no such message. */
  async markRead(q: Queryable, applicantId: string, id: string, now: Date): Promise<boolean> {
    const r = await q.query(
      `UPDATE applicant_messages SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND applicant_id = $2 RETURNING id`,
      [id, applicantId, now],
    );
    return r.rows.length === 1;
  },

  async markAllRead(q: Queryable, applicantId: string, now: Date): Promise<number> {
    const r = await q.query('UPDATE applicant_messages SET read_at = $2 WHERE applicant_id = $1 AND read_at IS NULL RETURNING id', [applicantId, now]);
    return r.rows.length;
  },

  async settings(q: Queryable, applicantId: string): Promise<SettingsRow | undefined> {
    return (await q.query<SettingsRow>('SELECT applicant_id, email_enc, sms_enabled, email_enabled FROM applicant_notification_settings WHERE applicant_id = $1', [applicantId])).rows[0];
  },

  async saveSettings(q: Queryable, s: { applicantId: string; emailEnc: string | null; sms: boolean; email: boolean; now: Date }): Promise<void> {
    await q.query(
      `INSERT INTO applicant_notification_settings (applicant_id, email_enc, sms_enabled, email_enabled, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (applicant_id) DO UPDATE SET email_enc = EXCLUDED.email_enc, sms_enabled = EXCLUDED.sms_enabled,
         email_enabled = EXCLUDED.email_enabled, updated_at = EXCLUDED.updated_at`,
      [s.applicantId, s.emailEnc, s.sms, s.email, s.now],
    );
  },

  /** Adds a pending delivery; false when the message already has one on the channel. */
  async insertDelivery(q: Queryable, messageId: string, channel: 'sms' | 'email', now: Date): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO applicant_message_deliveries (message_id, channel, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING message_id`,
      [messageId, channel, now],
    );
    return r.rows.length === 1;
  },

  async delivery(q: Queryable, messageId: string, channel: string): Promise<DeliveryRow | undefined> {
    return (await q.query<DeliveryRow>('SELECT message_id, channel, status, attempts FROM applicant_message_deliveries WHERE message_id = $1 AND channel = $2', [messageId, channel])).rows[0];
  },

  async deliveryOutcome(q: Queryable, messageId: string, channel: string, o: { status: 'pending' | 'sent' | 'failed'; error: string | null; now: Date }): Promise<void> {
    await q.query(
      `UPDATE applicant_message_deliveries SET status = $3, attempts = attempts + 1, last_error = $4,
         sent_at = CASE WHEN $3 = 'sent' THEN $5::timestamptz ELSE sent_at END WHERE message_id = $1 AND channel = $2`,
      [messageId, channel, o.status, o.error?.slice(0, 2000) ?? null, o.now],
    );
  },
};
