import { EMAIL_PATTERN } from '../../../core/config.ts';
import type { AppContext } from '../../../core/context.ts';
import type { Queryable } from '../../../core/db/index.ts';
import { AppError } from '../../../core/errors.ts';
import type { DomainEvent } from '../../../core/jobs/outbox.ts';
import type { Job } from '../../../core/jobs/queue.ts';
import { caseQueryCode } from '../../approval/cases/query-code.ts';
import { caseById } from '../../approval/cases/repository.ts';
import { applicantsRepo, registeredEmail } from '../accounts/repository.ts';
import { maskEmail } from '../accounts/validators.ts';
import type { SmsAdapter } from '../accounts/sms.ts';
import { NotifyErrors as E } from './errors.ts';
import type { MailTransport } from './mail.ts';
import { notifyRepo as repo, type MessageRow } from './repository.ts';
import { CASE_ACTION_LABELS, caseMessage, emailText, smsText } from './texts.ts';

export const NOTIFY_SMS_QUEUE = 'portal.notify.sms';
export const NOTIFY_EMAIL_QUEUE = 'portal.notify.email';
/** With the queue's backoff (2^n s, at most an hour) 15 attempts span about seven hours of relay outage. */
const DELIVERY_MAX_ATTEMPTS = 15;

/** Case events (outbox topics) that become applicant messages. */
export const NOTIFIED_TOPICS = Object.keys(CASE_ACTION_LABELS).map((a) => `case.${a}`);


export interface NotificationSettings {
  email: string | null;
  channels: { sms: boolean; email: boolean };
}

export interface PostInput {
  regionCode: string;
  applicantId: string;
  caseId: string | null;
  caseNo: string | null;
  kind: string;
  title: string;
  body: string;
  dedupeKey: string;
}

/** Looks an item's name up inside the caller's transaction. */
export type ItemNameLookup = (regionCode: string, itemCode: string, q: Queryable) => Promise<string>;

/**
 * Applicant notifications: one in-app message per case event and account (idempotent under
 * outbox redelivery), and its SMS and e-mail deliveries as retried jobs when the applicant's
 * channels are on. Messages are written in the transaction of the event's dispatch (or of the
 * change that causes them), so they exist exactly when the change committed.
 */
export class NotifyService {
  constructor(
    private readonly ctx: AppContext,
    private readonly sms: SmsAdapter,
    private readonly mail: MailTransport | null,
    private readonly itemName: ItemNameLookup,
  ) {}

  private get now(): Date {
    return this.ctx.now();
  }

  /** The public progress page of a case: the link printed on notices, with the query code. */
  progressUrl(caseNo: string): string {
    return `${this.ctx.config.publicBaseUrl}/progress?no=${encodeURIComponent(caseNo)}&code=${encodeURIComponent(caseQueryCode(this.ctx.box, caseNo))}`;
  }

  /** Outbox subscriber of case.<action>: the message to the account that submitted the case online. */
  async onCaseEvent(e: DomainEvent, tx: Queryable): Promise<void> {
    const action = e.topic.slice('case.'.length);
    if (!CASE_ACTION_LABELS[action]) return;
    const c = await caseById(tx, e.region_code, e.aggregate_id);
    // Window cases have no hall account to tell; the clerk hands over paper notices.
    const accountId = c?.applicant.accountId;
    if (!c || !accountId) return;
    // An item that cannot be read must not hold up the outbox (a failing subscriber blocks the events after it).
    const itemName = await this.itemName(c.region_code, c.item_code, tx).catch(() => c.item_code);
    const { title, body } = caseMessage({ action, caseNo: c.case_no, itemName, payload: e.payload, dueDate: c.due_date });
    await this.post(tx, { regionCode: c.region_code, applicantId: accountId, caseId: c.id, caseNo: c.case_no, kind: action, title, body, dedupeKey: `event:${e.id}` });
  }

  /**
   * Writes a message (unless one with the same dedupe key exists) and queues its SMS and e-mail
   * per the account's settings, all in the caller's transaction; a savepoint keeps the three
   * together when the caller's transaction survives a failure here (the outbox dispatch does).
   * Returns the new message, or undefined when it was written before.
   */
  async post(tx: Queryable, m: PostInput): Promise<MessageRow | undefined> {
    await tx.query('SAVEPOINT applicant_message');
    try {
      const now = this.now;
      // An account deleted meanwhile gets nothing (and must not fail the outbox on the foreign key).
      const account = await applicantsRepo.byId(tx, m.applicantId);
      const row = account ? await repo.insertMessage(tx, { ...m, now }) : undefined;
      if (account && row) {
        const s = await this.settingsOf(tx, m.applicantId);
        if (account.phone_enc && s.channels.sms && this.sms.name !== 'none' && (await repo.insertDelivery(tx, row.id, 'sms', now))) {
          await this.ctx.jobs.enqueue(tx, NOTIFY_SMS_QUEUE, { messageId: row.id }, { regionCode: m.regionCode, maxAttempts: DELIVERY_MAX_ATTEMPTS });
        }
        if (s.email && s.channels.email && this.mail && (await repo.insertDelivery(tx, row.id, 'email', now))) {
          await this.ctx.jobs.enqueue(tx, NOTIFY_EMAIL_QUEUE, { messageId: row.id }, { regionCode: m.regionCode, maxAttempts: DELIVERY_MAX_ATTEMPTS });
        }
      }
      await tx.query('RELEASE SAVEPOINT applicant_message');
      return row;
    } catch (err) {
      await tx.query('ROLLBACK TO SAVEPOINT applicant_message');
      throw err;
    }
  }

  /** Registers the delivery jobs on the queue. */
  registerJobs(): void {
    this.ctx.jobs.register(NOTIFY_SMS_QUEUE, (job) => this.deliver(job, 'sms'));
    this.ctx.jobs.register(NOTIFY_EMAIL_QUEUE, (job) => this.deliver(job, 'email'));
  }

  /**
   * Sends one message on one channel. A delivery already sent is not sent again (a job retried
   * after its send is a no-op); a failed send throws, so the queue retries it with backoff.
   */
  async deliver(job: Pick<Job, 'payload' | 'attempts' | 'max_attempts'>, channel: 'sms' | 'email'): Promise<void> {
    const messageId = String(job.payload.messageId ?? '');
    const d = await repo.delivery(this.ctx.db, messageId, channel);
    if (!d || d.status !== 'pending') return;
    const m = (await repo.message(this.ctx.db, messageId))!;
    const account = await applicantsRepo.byId(this.ctx.db, m.applicant_id);
    const s = await this.settingsOf(this.ctx.db, m.applicant_id);
    const link = m.case_no ? this.progressUrl(m.case_no) : null;
    const skip = async (why: string) => repo.deliveryOutcome(this.ctx.db, messageId, channel, { status: 'failed', error: why, now: this.now });
    try {
      if (channel === 'sms') {
        // The channel may have been switched off (or the number removed) since the message was queued.
        if (!account?.phone_enc || !s.channels.sms) return await skip('SMS switched off');
        await this.sms.send(this.ctx.box.decrypt(account.phone_enc), smsText(m.title, link));
      } else {
        if (!account || !s.email || !s.channels.email) return await skip('e-mail switched off');
        if (!this.mail) throw new Error('e-mail is not configured on this server (SMTP_URL)');
        const { subject, text } = emailText(m.title, m.body, link);
        await this.mail.send({ to: s.email, toName: account.display_name, subject, text });
      }
    } catch (err) {
      const last = job.attempts >= job.max_attempts;
      await repo.deliveryOutcome(this.ctx.db, messageId, channel, { status: last ? 'failed' : 'pending', error: err instanceof Error ? err.message : String(err), now: this.now });
      throw err;
    }
    await repo.deliveryOutcome(this.ctx.db, messageId, channel, { status: 'sent', error: null, now: this.now });
  }

  // ---- messages --------------------------------------------------------------------------

  async list(applicantId: string, f: { unread?: boolean; page: number; pageSize: number }) {
    const r = await repo.list(this.ctx.db, applicantId, { unreadOnly: f.unread === true, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
    return {
      unread: r.unread,
      total: r.total,
      items: r.rows.map((m) => ({
        id: m.id, caseId: m.case_id, caseNo: m.case_no, kind: m.kind, title: m.title, body: m.body,
        createdAt: m.created_at.toISOString(), readAt: m.read_at?.toISOString() ?? null,
      })),
    };
  }

  /** Marks a message read; another account's message or an unknown id is MESSAGE_NOT_FOUND alike. */
  async markRead(applicantId: string, id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await repo.markRead(this.ctx.db, applicantId, id, this.now))) throw new AppError(E.MESSAGE_NOT_FOUND);
  }

  async markAllRead(applicantId: string): Promise<number> {
    return repo.markAllRead(this.ctx.db, applicantId, this.now);
  }

  // ---- settings ---------------------------------------------------------------------------

  /** The account's settings with the address in plain text (for sending); defaults when none were saved. */
  private async settingsOf(q: Queryable, applicantId: string): Promise<NotificationSettings> {
    const s = await repo.settings(q, applicantId);
    if (s) {
      const email = s.email_enc ? this.ctx.box.decrypt(s.email_enc) : null;
      return { email, channels: { sms: s.sms_enabled, email: s.email_enabled && email !== null } };
    }
    // Nothing saved yet: the address given at registration, both channels on.
    const a = await applicantsRepo.byId(q, applicantId);
    const given = a ? registeredEmail(this.ctx.box, a) : null;
    const email = given && EMAIL_PATTERN.test(given) ? given : null;
    return { email, channels: { sms: true, email: email !== null } };
  }

  /** GET /profile/notifications: the address masked. */
  async settings(applicantId: string): Promise<NotificationSettings> {
    const s = await this.settingsOf(this.ctx.db, applicantId);
    return { email: s.email ? maskEmail(s.email) : null, channels: s.channels };
  }

  /**
   * Saves the settings. The address must be a plain address (no display name, no line breaks);
   * the masked address sent back unchanged keeps the stored one. E-mail on needs an address.
   */
  async saveSettings(applicantId: string, input: NotificationSettings): Promise<NotificationSettings> {
    const current = await this.settingsOf(this.ctx.db, applicantId);
    let email: string | null = input.email === null ? null : input.email.trim();
    if (email === '') email = null;
    if (email !== null && current.email && email === maskEmail(current.email)) email = current.email;
    if (email !== null && (email.length > 254 || !EMAIL_PATTERN.test(email))) {
      throw new AppError(E.NOTIFY_EMAIL_INVALID, { errors: [{ field: 'email', message: '电子邮箱地址格式不正确 / not a valid e-mail address' }] });
    }
    if (input.channels.email && email === null) {
      throw new AppError(E.NOTIFY_EMAIL_REQUIRED, { errors: [{ field: 'email', message: '开启邮件通知需要填写电子邮箱地址 / an address is needed for e-mail notifications' }] });
    }
    await repo.saveSettings(this.ctx.db, { applicantId, emailEnc: email ? this.ctx.box.encrypt(email) : null, sms: input.channels.sms, email: input.channels.email, now: this.now });
    return this.settings(applicantId);
  }
}
