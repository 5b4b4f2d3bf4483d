import type { AppContext } from '../../core/context.ts';
import { chinaDate, light } from './cases/clock.ts';

/** A message to one staff member outside the app. */
export interface OutgoingMessage {
  userId: string;
  displayName: string;
  title: string;
  body: string;
}

/** SMS gateway adapter (production: the provincial SMS platform). */
export interface SmsSender {
  send(m: OutgoingMessage): Promise<void>;
}

/** E-mail adapter (production: the government mail relay). */
export interface MailSender {
  send(m: OutgoingMessage): Promise<void>;
}

/** Development adapters: they only log what would be sent, and keep it for inspection. */
export class LoggingSender implements SmsSender, MailSender {
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly channel: 'sms' | 'mail', private readonly log: (msg: string) => void = () => undefined) {}
  async send(m: OutgoingMessage): Promise<void> {
    this.sent.push(m);
    this.log(`[${this.channel}] to ${m.displayName} (${m.userId}): ${m.title}`);
  }
}

export const REMINDER_QUEUE = 'approval.reminders';
const EVERY_MS = 60 * 60_000;

interface OpenTask {
  id: string;
  case_id: string;
  case_no: string;
  step_name: string;
  permission: string;
  department_code: string | null;
  assignee_id: string | null;
  due_date: string | null;
  warning_days: number;
  state: string;
}

/**
 * The reminder run (催办): for each open task whose light is yellow (≤ warning days left) or red
 * (overdue), an in-app notification to whoever can act on it (the assignee when there is one)
 * and, when red, to the head of its department; each new notification also goes out by SMS and
 * e-mail. A notification is written once per task, level and recipient, so runs can repeat.
 */
export class ReminderService {
  constructor(
    private readonly ctx: AppContext,
    public sms: SmsSender,
    public mail: MailSender,
  ) {}

  async run(regionCode: string): Promise<{ checked: number; notified: number }> {
    const today = chinaDate(this.ctx.now());
    const tasks = (await this.ctx.db.query<OpenTask>(
      `SELECT t.id, t.case_id, c.case_no, t.step_name, t.permission, t.department_code, t.assignee_id, t.due_date::text AS due_date, c.warning_days, c.state
         FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.region_code = $1 AND t.status = 'open' AND c.state NOT IN ('SPECIAL_PROCEDURE', 'SUSPENDED', 'SUPPLEMENT_BEFORE_ACCEPT')`,
      [regionCode],
    )).rows;
    let notified = 0;
    for (const t of tasks) {
      const l = await light(this.ctx.calendar, today, t.due_date, t.warning_days, false);
      if (l.light !== 'yellow' && l.light !== 'red') continue;
      const red = l.light === 'red';
      const title = red ? `【超期】办件 ${t.case_no}「${t.step_name}」已超过办理期限` : `【预警】办件 ${t.case_no}「${t.step_name}」剩余 ${l.remainingDays} 个工作日`;
      const body = `办理期限：${t.due_date}。请及时办理。`;
      const holders = t.assignee_id ? await this.users('SELECT id, display_name FROM users WHERE id = $1 AND NOT disabled', [t.assignee_id]) : await this.holders(regionCode, t);
      for (const u of holders) notified += await this.notify(regionCode, u, t, `${t.id}:${l.light}`, title, body);
      if (red) {
        for (const u of await this.heads(regionCode, t.department_code)) notified += await this.notify(regionCode, u, t, `${t.id}:red:head`, `${title}（部门负责人督办）`, body);
      }
    }
    // The case as a whole past its due date: the competent section's head is told.
    const late = (await this.ctx.db.query<{ id: string; case_no: string; department_code: string | null; due_date: string }>(
      `SELECT id, case_no, department_code, due_date::text AS due_date FROM cases
        WHERE region_code = $1 AND accepted_on IS NOT NULL AND decision IS NULL AND closed_at IS NULL AND due_date < $2
          AND state NOT IN ('SPECIAL_PROCEDURE', 'SUSPENDED')`, [regionCode, today])).rows;
    for (const c of late) {
      for (const u of await this.heads(regionCode, c.department_code)) {
        notified += await this.notify(regionCode, u, { case_id: c.id, id: null }, `case:${c.id}:red`, `【办件超期】办件 ${c.case_no} 已超过承诺办结期限`, `承诺办结期限：${c.due_date}。请督促办理。`);
      }
    }
    // A special procedure (特别程序) running past its planned length: whoever holds the case's open tasks.
    const pauses = (await this.ctx.db.query<{ id: string; case_id: string; case_no: string; procedure_code: string; started_on: string; planned_days: number }>(
      `SELECT p.id, p.case_id, c.case_no, p.procedure_code, p.started_on::text AS started_on, p.planned_days FROM case_pauses p JOIN cases c ON c.id = p.case_id
        WHERE p.region_code = $1 AND p.kind = 'special' AND p.ended_on IS NULL AND p.planned_days IS NOT NULL`, [regionCode])).rows;
    for (const p of pauses) {
      const plannedEnd = await this.ctx.calendar.addWorkingDays(p.started_on, p.planned_days);
      if (plannedEnd >= today) continue;
      const open = (await this.ctx.db.query<OpenTask>(
        `SELECT t.id, t.case_id, '' AS case_no, t.step_name, t.permission, t.department_code, t.assignee_id, NULL AS due_date, 0 AS warning_days, '' AS state
           FROM case_tasks t WHERE t.case_id = $1 AND t.status = 'open'`, [p.case_id])).rows;
      for (const t of open) {
        for (const u of await this.holders(regionCode, t)) {
          notified += await this.notify(regionCode, u, { case_id: p.case_id, id: null }, `pause:${p.id}:overdue`, `【特别程序超期】办件 ${p.case_no} 的特别程序已超过计划时限`, `计划结束日期：${plannedEnd}。请及时结束特别程序或说明情况。`);
        }
      }
    }
    return { checked: tasks.length, notified };
  }

  private async users(sql: string, params: unknown[]): Promise<{ id: string; display_name: string }[]> {
    return (await this.ctx.db.query<{ id: string; display_name: string }>(sql, params)).rows;
  }

  /** Staff who can act on the task: its permission, and its department unless their role covers the region. */
  private holders(regionCode: string, t: OpenTask) {
    return this.users(
      `SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.code = ur.role_code
         LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.region_code = $1 AND NOT u.disabled AND $2 = ANY(r.permissions) AND ($3::text IS NULL OR d.code = $3 OR r.data_scope = 'region')`,
      [regionCode, t.permission, t.department_code],
    );
  }

  /** The head of a department: its section heads; for the leadership, the director. */
  private heads(regionCode: string, dept: string | null) {
    if (!dept) return Promise.resolve([]);
    return this.users(
      `SELECT DISTINCT u.id, u.display_name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN departments d ON d.id = u.department_id
        WHERE u.region_code = $1 AND NOT u.disabled AND d.code = $2 AND ur.role_code = $3`,
      [regionCode, dept, dept === 'leadership' ? 'director' : 'section_head'],
    );
  }

  private async notify(regionCode: string, u: { id: string; display_name: string }, t: { case_id: string; id: string | null }, key: string, title: string, body: string): Promise<number> {
    const r = await this.ctx.db.query(
      `INSERT INTO notifications (region_code, user_id, kind, title, body, case_id, task_id, dedupe_key, created_at) VALUES ($1, $2, 'deadline', $3, $4, $5, $6, $7, $8)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [regionCode, u.id, title, body, t.case_id, t.id, key, this.ctx.now()],
    );
    if (r.rowCount === 0) return 0;
    const m = { userId: u.id, displayName: u.display_name, title, body };
    await this.sms.send(m);
    await this.mail.send(m);
    return 1;
  }

  /** Registers the hourly job; it schedules its own next run. */
  register(): void {
    this.ctx.jobs.register(REMINDER_QUEUE, async (job) => {
      await this.run(job.region_code);
      await this.ctx.jobs.enqueue(this.ctx.db, REMINDER_QUEUE, {}, { regionCode: job.region_code, runAt: new Date(this.ctx.now().getTime() + EVERY_MS) });
    });
  }

  /** Makes sure one run is queued for the region. */
  async schedule(regionCode: string): Promise<void> {
    await this.ctx.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(72310011)');
      const r = await tx.query(`SELECT 1 FROM jobs WHERE queue = $1 AND region_code = $2 AND status IN ('queued', 'running') LIMIT 1`, [REMINDER_QUEUE, regionCode]);
      if (r.rowCount === 0) await this.ctx.jobs.enqueue(tx, REMINDER_QUEUE, {}, { regionCode });
    });
  }
}
