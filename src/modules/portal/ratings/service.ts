import type { AuditEntry } from '../../../core/audit/audit.ts';
import type { Calendar } from '../../../core/calendar/calendar.ts';
import type { AppContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../approval/actor.ts';
import { chinaDate, light, type Light } from '../../approval/cases/clock.ts';
import { caseById, type CaseRow } from '../../approval/cases/repository.ts';
import type { ApprovalModule } from '../../approval/index.ts';
import type { NotifyService } from '../notify/service.ts';
import { rectificationMessage } from '../notify/texts.ts';
import {
  LEVELS, levelName, POOR_LEVEL, RATEABLE_STATES, RECTIFICATION_WARNING_DAYS, RECTIFICATION_WORKING_DAYS, TAG_CODES, TAGS,
} from './catalogue.ts';
import { RatingErrors as E } from './errors.ts';
import { ratingsRepo as repo, type RatingRow, type RectificationListRow, type RectificationRow } from './repository.ts';

export interface RatingIn {
  level: number;
  tags: string[];
  comment?: string;
}

/** Who rates: the case's applicant online, or a window clerk entering the applicant's rating. */
export type Rater =
  | { channel: 'online'; applicantId: string; ip: string | null; userAgent: string | null; requestId: string | null }
  | { channel: 'window'; actor: Actor };

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * 好差评: one rating per decided case over every channel (the unique index on case_id decides
 * between concurrent submissions), rectification of poor ratings by the competent department
 * within working days on the official calendar, and the statistics for supervision.
 */
export class RatingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly approval: ApprovalModule,
    private readonly notify: NotifyService,
  ) {}

  private get region(): string {
    return this.ctx.config.regionCode;
  }

  /** The case of an applicant account; another account's case or an unknown id: CASE_FORBIDDEN alike. */
  private async applicantCase(accountId: string, caseId: string): Promise<CaseRow> {
    const c = await caseById(this.ctx.db, this.region, caseId);
    if (!c || c.applicant.accountId !== accountId) throw new AppError('CASE_FORBIDDEN');
    return c;
  }

  /** The case for a staff member, within their data scope (CASE_NOT_FOUND outside it). */
  private async staffCase(actor: Actor, caseId: string): Promise<CaseRow> {
    await this.approval.views.detail(actor, caseId);
    return (await caseById(this.ctx.db, actor.regionCode, caseId))!;
  }

  private async view(r: RatingRow | undefined) {
    if (!r) return null;
    const rect = await repo.rectificationOf(this.ctx.db, r.id);
    return {
      level: r.level,
      levelName: levelName(r.level).name,
      levelNameEn: levelName(r.level).nameEn,
      tags: r.tags,
      comment: r.comment,
      channel: r.channel,
      createdAt: r.created_at.toISOString(),
      rectification: rect ? { status: rect.status, dueDate: rect.due_date, reply: rect.reply, repliedAt: rect.replied_at?.toISOString() ?? null } : null,
    };
  }

  /** GET /api/portal/cases/{id}/rating */
  async forApplicant(accountId: string, caseId: string) {
    const c = await this.applicantCase(accountId, caseId);
    const r = await repo.byCase(this.ctx.db, c.id);
    return {
      canRate: !r && (RATEABLE_STATES as readonly string[]).includes(c.state),
      rating: await this.view(r),
      levels: LEVELS.map((l) => ({ ...l })),
      tags: TAGS.map((t) => ({ ...t })),
    };
  }

  /**
   * Records the rating; a 差评 (level ≤ 2) opens a rectification for the item's competent
   * department, due RECTIFICATION_WORKING_DAYS working days later — rating, rectification, audit
   * and outbox event in one transaction.
   */
  async rate(rater: Rater, caseId: string, input: RatingIn) {
    const c = rater.channel === 'online' ? await this.applicantCase(rater.applicantId, caseId) : await this.staffCase(rater.actor, caseId);
    const tags = [...new Set(input.tags)];
    const unknown = tags.filter((t) => !TAG_CODES.has(t));
    if (unknown.length) {
      throw new AppError(E.RATING_TAG_UNKNOWN, { errors: unknown.map((t) => ({ field: 'tags', message: `未知标签 / unknown tag: ${t}` })) }, `unknown tags: ${unknown.join(', ')}`);
    }
    if (!(RATEABLE_STATES as readonly string[]).includes(c.state)) throw new AppError(E.RATING_NOT_ALLOWED, { state: c.state });
    if (await repo.byCase(this.ctx.db, c.id)) throw new AppError(E.RATING_EXISTS);
    const item = await this.approval.items.get(c.region_code, c.item_code);
    const department = c.department_code ?? item.guide.competentDepartment;
    const now = this.ctx.now();
    const today = chinaDate(now);
    const poor = input.level <= POOR_LEVEL;
    // Before the transaction: the calendar reads through the database handle.
    const dueDate = poor ? await this.ctx.calendar.addWorkingDays(today, RECTIFICATION_WORKING_DAYS) : null;
    const byStaff = rater.channel === 'window' ? rater.actor : null;
    try {
      await this.ctx.db.transaction(async (tx) => {
        const r = await repo.insert(tx, {
          region_code: c.region_code, case_id: c.id, case_no: c.case_no, item_code: c.item_code, item_name: item.guide.name, department_code: department,
          channel: rater.channel, applicant_id: c.applicant.accountId ?? null, enteredBy: byStaff?.userId ?? null, level: input.level, tags,
          comment: input.comment ?? '', now, ratedOn: today,
        });
        const rect = dueDate ? await repo.insertRectification(tx, { regionCode: c.region_code, ratingId: r.id, caseId: c.id, department, dueDate, now }) : null;
        await this.ctx.audit.record(tx, this.auditEntry(rater, 'rating.create', c.case_no, { level: input.level, tags, channel: rater.channel, rectificationId: rect?.id ?? null, dueDate }));
        await this.ctx.outbox.append(tx, {
          regionCode: c.region_code, topic: 'rating.created', aggregateType: 'case_rating', aggregateId: r.id,
          payload: { caseId: c.id, caseNo: c.case_no, itemCode: c.item_code, department, level: input.level, channel: rater.channel, rectificationId: rect?.id ?? null, dueDate },
        });
      });
    } catch (err) {
      // The concurrent submission that lost the unique index (case_ratings_case_uq).
      if (isUniqueViolation(err)) throw new AppError(E.RATING_EXISTS);
      throw err;
    }
    return (await this.view(await repo.byCase(this.ctx.db, c.id)))!;
  }

  private auditEntry(rater: Rater, action: string, objectId: string, detail: Record<string, unknown>): AuditEntry {
    if (rater.channel === 'window') {
      const a = rater.actor;
      return { regionCode: a.regionCode, userId: a.userId, username: a.username, ip: a.ip, userAgent: a.userAgent, requestId: a.requestId, action, objectType: 'case', objectId, result: 'success', detail };
    }
    return {
      regionCode: this.region, ip: rater.ip, userAgent: rater.userAgent, requestId: rater.requestId, action, objectType: 'case', objectId, result: 'success',
      detail: { actor: 'applicant', applicantId: rater.applicantId, ...detail },
    };
  }

  // ---- rectification ---------------------------------------------------------------------

  private async rectLight(r: RectificationRow, today: string, cal: Calendar): Promise<Light> {
    if (r.status === 'closed') return r.replied_at && chinaDate(r.replied_at) > r.due_date ? 'red' : 'green';
    return (await light(cal, today, r.due_date, RECTIFICATION_WARNING_DAYS, false)).light;
  }

  private async rectView(r: RectificationListRow, today: string, cal: Calendar) {
    const l = levelName(r.level);
    return {
      id: r.id, caseId: r.case_id, caseNo: r.case_no, itemCode: r.item_code, itemName: r.item_name, department: r.department_code,
      departmentName: r.department_name ?? r.department_code, level: r.level, levelName: l.name, levelNameEn: l.nameEn, tags: r.tags, comment: r.comment,
      dueDate: r.due_date, light: await this.rectLight(r, today, cal), status: r.status, reply: r.reply, repliedAt: r.replied_at?.toISOString() ?? null,
    };
  }

  /**
   * GET /api/supervision/rectifications: every department's with supervise:read; staff with a
   * case permission but no supervise:read see their own department's.
   */
  async rectifications(actor: Actor, status: 'open' | 'closed' | 'all') {
    const department = actor.permissions.has('supervise:read') ? null : actor.departmentCode ?? '';
    const rows = await repo.rectifications(this.ctx.db, actor.regionCode, { status, department });
    const today = chinaDate(this.ctx.now());
    const cal = await this.ctx.calendar.snapshot();
    const items = [];
    for (const r of rows) items.push(await this.rectView(r, today, cal));
    return { items };
  }

  /**
   * The competent department's reply closes the rectification; the applicant's account gets a
   * message and sees the reply with the rating. Staff of other departments: RECTIFICATION_FORBIDDEN.
   */
  async reply(actor: Actor, id: string, reply: string) {
    const today = chinaDate(this.ctx.now());
    const cal = await this.ctx.calendar.snapshot();
    const closed = await this.ctx.db.transaction(async (tx) => {
      const r = await repo.rectificationForUpdate(tx, actor.regionCode, id);
      if (!r) throw new AppError(E.RECTIFICATION_NOT_FOUND);
      const mayReply = actor.departmentCode === r.department_code && [...actor.permissions].some((p) => p.startsWith('case:'));
      if (!mayReply) throw new AppError(E.RECTIFICATION_FORBIDDEN);
      if (r.status === 'closed') throw new AppError(E.RECTIFICATION_CLOSED);
      const now = this.ctx.now();
      await repo.close(tx, r.id, reply, actor.userId!, now);
      await this.ctx.audit.record(tx, this.auditEntry({ channel: 'window', actor }, 'rating.rectification_reply', r.case_no, { rectificationId: r.id, department: r.department_code, dueDate: r.due_date, level: r.level }));
      await this.ctx.outbox.append(tx, {
        regionCode: r.region_code, topic: 'rating.rectification_closed', aggregateType: 'rating_rectification', aggregateId: r.id,
        payload: { caseId: r.case_id, caseNo: r.case_no, department: r.department_code, dueDate: r.due_date },
      });
      if (r.applicant_id) {
        const m = rectificationMessage(r.case_no, r.item_name, reply);
        await this.notify.post(tx, { regionCode: r.region_code, applicantId: r.applicant_id, caseId: r.case_id, caseNo: r.case_no, kind: 'rectification_reply', ...m, dedupeKey: `rectification:${r.id}` });
      }
      return r.id;
    });
    const rows = await repo.rectifications(this.ctx.db, actor.regionCode, { status: 'all', department: null });
    return this.rectView(rows.find((x) => x.id === closed)!, today, cal);
  }

  // ---- statistics --------------------------------------------------------------------------

  /** GET /api/supervision/ratings: ratings given in a period, overall and per item and department. */
  async statistics(actor: Actor, from: string, to: string) {
    const rows = await repo.ratingsIn(this.ctx.db, actor.regionCode, from, to);
    const avg = (xs: { level: number }[]) => (xs.length ? round2(xs.reduce((s, x) => s + x.level, 0) / xs.length) : null);
    const group = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
      const m = new Map<K, typeof rows>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return [...m.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    };
    return {
      from,
      to,
      total: rows.length,
      average: avg(rows),
      byLevel: LEVELS.map((l) => ({ level: l.level, count: rows.filter((r) => r.level === l.level).length })),
      byItem: group((r) => r.item_code).map(([code, rs]) => ({ itemCode: code, itemName: rs[0]!.item_name, count: rs.length, average: avg(rs)!, poor: rs.filter((r) => r.level <= POOR_LEVEL).length })),
      byDepartment: group((r) => r.department_code).map(([code, rs]) => ({
        department: code, departmentName: rs[0]!.department_name ?? code, count: rs.length, average: avg(rs)!, poor: rs.filter((r) => r.level <= POOR_LEVEL).length,
      })),
    };
  }
}
