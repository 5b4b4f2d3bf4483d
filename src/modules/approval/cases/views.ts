import { caseQueryCode } from './query-code.ts';
import { addDays, type WorkCalendar } from '../../../core/calendar/calendar.ts';
import type { AppContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../actor.ts';
import { ApprovalErrors as E } from '../errors.ts';
import { chinaDate, elapsedDays, light, pausedDays, type Light } from './clock.ts';
import { CASE_COLS, caseById, pausesOf, TASK_COLS, tasksOf, type CaseRow, type PauseRow, type TaskRow } from './repository.ts';
import type { ProcessGraph } from '../graph.ts';
import { allowedActions, CLOSED, STATE_NAMES, type AllowedAction, type TaskLike } from './states.ts';

/** Whether a task's step has return targets in the definition. */
function returnableIn(graph: ProcessGraph | undefined): (t: TaskLike) => boolean {
  const steps = new Set((graph?.nodes ?? []).filter((n) => n.type === 'task' && n.returnTargets.length > 0).map((n) => n.id));
  return (t) => steps.has((t as TaskRow).step_id);
}

export type TaskView = 'todo' | 'done' | 'warning' | 'overdue';

/**
 * yellowBefore[w] = the (w+1)-th working day after today, for w = 0…30 (the range of an item's
 * warningDays). "At most w working days remain until due" ⇔ due < yellowBefore[w], which turns
 * every yellow light into a date comparison the database can filter and count.
 */
export async function yellowThresholds(cal: WorkCalendar, today: string): Promise<string[]> {
  const hit = thresholdCache.get(cal);
  if (hit && hit.today === today && Date.now() - hit.at < CALENDAR_REUSE_MS) return hit.dates;
  // One pass over the next 100 calendar days (31 working days are always among them).
  const dates = (await cal.days(addDays(today, 1), addDays(today, 100))).filter((d) => d.working).map((d) => d.date).slice(0, 31);
  thresholdCache.set(cal, { today, at: Date.now(), dates });
  return dates;
}

/**
 * Reading a day from the holiday package costs ~0.1 ms, so derived day lists are reused for a few
 * seconds — well inside the calendar's own one-minute cache of administrators' overrides.
 */
export const CALENDAR_REUSE_MS = 10_000;
const thresholdCache = new WeakMap<WorkCalendar, { today: string; at: number; dates: string[] }>();

/** Read models of cases and tasks, each carrying the current user's allowed actions. */
export class CaseViews {
  constructor(private readonly ctx: AppContext) {}

  private today(): string {
    return chinaDate(this.ctx.now());
  }

  /** The day the case's clock ends: its decision, its closing, or today while it runs. */
  private endDay(c: CaseRow): string {
    return c.decided_at ? chinaDate(c.decided_at) : c.closed_at ? chinaDate(c.closed_at) : this.today();
  }

  /** The light of a case whose clock does not run (not accepted yet, or closed); null while it runs. */
  private stoppedLight(c: CaseRow, endDay: string): Light | null {
    if (!c.accepted_on) return 'none';
    if (!CLOSED.includes(c.state) && c.decision === null) return null;
    return !c.due_date ? 'none' : endDay > c.due_date ? 'red' : 'green';
  }

  async caseClock(c: CaseRow, pauses: PauseRow[]): Promise<{ light: Light; dueDate: string | null; remainingDays: number | null; elapsedDays: number | null; pausedDays: number; paused: boolean }> {
    const paused = pauses.some((p) => !p.ended_on);
    const endDay = this.endDay(c);
    const elapsed = c.accepted_on ? await elapsedDays(this.ctx.calendar, c.accepted_on, endDay, pauses) : null;
    const stopped = this.stoppedLight(c, endDay);
    if (stopped !== null) return { light: stopped, dueDate: c.due_date, remainingDays: null, elapsedDays: elapsed, pausedDays: pausedDays(pauses), paused: false };
    const l = await light(this.ctx.calendar, this.today(), c.due_date, c.warning_days, paused);
    return { ...l, dueDate: c.due_date, elapsedDays: elapsed, pausedDays: pausedDays(pauses), paused };
  }

  /** The case's light alone (lists): whether a pause is open comes from the case row (open_pause_since), no pause rows read. */
  async caseLight(c: CaseRow, pauseOpen: boolean): Promise<Light> {
    return this.stoppedLight(c, this.endDay(c)) ?? (await light(this.ctx.calendar, this.today(), c.due_date, c.warning_days, pauseOpen)).light;
  }

  async taskLight(t: TaskRow, warningDays: number, paused: boolean): Promise<{ light: Light; remainingDays: number | null }> {
    if (t.status !== 'open') return { light: 'none', remainingDays: null };
    return light(this.ctx.calendar, this.today(), t.due_date, warningDays, paused);
  }

  /**
   * Data scope (数据权限): region-wide roles see every case of the region; department roles the
   * cases of their section (competent, or with a task of theirs); 'self' only their own submissions.
   */
  scope(actor: Actor, alias: string, params: unknown[]): string {
    if (actor.applicantId) {
      params.push(actor.applicantId);
      return `${alias}.applicant->>'accountId' = $${params.length}`;
    }
    if (actor.dataScope === 'region') return 'true';
    if (actor.dataScope === 'self' || !actor.departmentCode) {
      params.push(actor.userId);
      return `${alias}.submitted_by = $${params.length}`;
    }
    params.push(actor.departmentCode);
    return `(${alias}.department_code = $${params.length} OR EXISTS (SELECT 1 FROM case_tasks st WHERE st.case_id = ${alias}.id AND st.department_code = $${params.length}))`;
  }

  async detail(actor: Actor, id: string) {
    const c = await caseById(this.ctx.db, actor.regionCode, id);
    if (!c) throw new AppError(E.CASE_NOT_FOUND, { id });
    const sp: unknown[] = [c.id];
    const visible = await this.ctx.db.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${this.scope(actor, 'c', sp)}`, sp);
    // Outside the caller's data scope the case does not exist for them.
    if (visible.rowCount === 0) throw new AppError(E.CASE_NOT_FOUND, { id });
    const [tasks, pauses] = await Promise.all([tasksOf(this.ctx.db, c.id), pausesOf(this.ctx.db, c.id)]);
    const history = await this.ctx.db.query<{ id: number; at: Date; actor_name: string | null; action: string; from_state: string | null; to_state: string; step_id: string | null; comment: string | null; detail: Record<string, unknown> }>(
      'SELECT id, at, actor_name, action, from_state, to_state, step_id, comment, detail FROM case_history WHERE case_id = $1 ORDER BY id', [c.id]);
    const materials = await this.ctx.db.query<{ material_code: string; name: string; version: number; file_id: string | null; note: string; uploaded_at: Date; superseded_at: Date | null }>(
      'SELECT material_code, name, version, file_id, note, uploaded_at, superseded_at FROM case_materials WHERE case_id = $1 ORDER BY material_code, version', [c.id]);
    const notices = await this.ctx.db.query<{ id: string; before_acceptance: boolean; items: unknown; issued_at: Date; answered_at: Date | null }>(
      'SELECT id, before_acceptance, items, issued_at, answered_at FROM case_supplement_notices WHERE case_id = $1 ORDER BY issued_at', [c.id]);
    const item = await this.ctx.db.query<{ name: string }>('SELECT name FROM service_items WHERE region_code = $1 AND code = $2', [c.region_code, c.item_code]);
    const def = await this.ctx.db.query<{ version: number; graph: ProcessGraph }>('SELECT version, graph FROM process_definitions WHERE id = $1', [c.definition_id]);
    const open = tasks.filter((t) => t.status === 'open');
    const actions = allowedActions(actor, c, open, returnableIn(def.rows[0]?.graph));
    const paused = pauses.some((p) => !p.ended_on);
    return {
      id: c.id,
      caseNo: c.case_no,
      // For the clerk to hand to the applicant; printed on every notice.
      queryCode: caseQueryCode(this.ctx.box, c.case_no),
      itemCode: c.item_code,
      itemName: item.rows[0]?.name ?? c.item_code,
      itemVersion: c.item_version,
      definitionVersion: def.rows[0]?.version ?? null,
      state: c.state,
      stateName: STATE_NAMES[c.state],
      version: c.version,
      channel: c.channel,
      applicant: { type: c.applicant.type, name: c.applicant.name, idType: c.applicant.idType, idNumber: c.applicant.idNumberMasked, phone: c.applicant.phoneMasked, contactName: c.applicant.contactName ?? null, address: c.applicant.address ?? null },
      project: c.project,
      boundary: c.boundary ?? null,
      reviewReportId: c.review_report_id,
      departmentCode: c.department_code,
      submittedAt: c.submitted_at.toISOString(),
      acceptedOn: c.accepted_on,
      timeLimitDays: c.time_limit_days,
      extensionDays: c.extension_days,
      decision: c.decision,
      decidedAt: c.decided_at?.toISOString() ?? null,
      certificateNo: c.certificate_no,
      deliveredAt: c.delivered_at?.toISOString() ?? null,
      closedAt: c.closed_at?.toISOString() ?? null,
      clock: await this.caseClock(c, pauses),
      tasks: await Promise.all(tasks.map(async (t) => ({
        id: t.id, stepId: t.step_id, stepName: t.step_name, phase: t.phase, status: t.status, outcome: t.outcome, comment: t.comment,
        departmentCode: t.department_code, permission: t.permission, startedAt: t.started_at.toISOString(), dueDate: t.due_date,
        completedAt: t.completed_at?.toISOString() ?? null, ...(await this.taskLight(t, c.warning_days, paused)),
        actions: actions.filter((a) => a.taskId === t.id).map((a) => a.action),
      }))),
      pauses: pauses.map((p) => ({ kind: p.kind, procedure: p.procedure_code, reason: p.reason, plannedDays: p.planned_days, maxDays: p.max_days, startedOn: p.started_on, endedOn: p.ended_on, pausedWorkingDays: p.paused_working_days })),
      supplementNotices: notices.rows.map((n) => ({ id: n.id, beforeAcceptance: n.before_acceptance, items: n.items, issuedAt: n.issued_at.toISOString(), answeredAt: n.answered_at?.toISOString() ?? null })),
      materials: materials.rows.map((m) => ({ code: m.material_code, name: m.name, version: m.version, fileId: m.file_id, note: m.note, uploadedAt: m.uploaded_at.toISOString(), current: m.superseded_at === null })),
      timeline: history.rows.map((h) => ({ id: h.id, at: h.at.toISOString(), actor: h.actor_name, action: h.action, from: h.from_state, to: h.to_state, stepId: h.step_id, comment: h.comment, detail: h.detail })),
      allowedActions: actions,
    };
  }

  async list(actor: Actor, f: { state?: string; itemCode?: string; q?: string; page: number; pageSize: number }) {
    const params: unknown[] = [actor.regionCode];
    const where = ['cases.region_code = $1', this.scope(actor, 'cases', params)];
    if (f.state) { params.push(f.state); where.push(`state = $${params.length}`); }
    if (f.itemCode) { params.push(f.itemCode); where.push(`item_code = $${params.length}`); }
    if (f.q) { params.push(`%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`); where.push(`(case_no LIKE $${params.length} OR applicant->>'name' LIKE $${params.length} OR project->>'projectName' LIKE $${params.length})`); }
    const total = (await this.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE ${where.join(' AND ')}`, params)).rows[0]!.n;
    params.push(f.pageSize, (f.page - 1) * f.pageSize);
    const rows = (await this.ctx.db.query<CaseRow>(`SELECT ${CASE_COLS} FROM cases WHERE ${where.join(' AND ')} ORDER BY submitted_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`, params)).rows;
    const items = [];
    for (const c of rows) {
      const pauses = await pausesOf(this.ctx.db, c.id);
      items.push({ id: c.id, caseNo: c.case_no, itemCode: c.item_code, state: c.state, stateName: STATE_NAMES[c.state], applicantName: c.applicant.name, projectName: (c.project.projectName as string | undefined) ?? null, submittedAt: c.submitted_at.toISOString(), clock: await this.caseClock(c, pauses) });
    }
    return { total, page: f.page, pageSize: f.pageSize, items };
  }

  /**
   * The staff task lists: 待办 (todo: open tasks the user may act on), 已办 (done by the user),
   * 预警 (todo with a yellow light) and 超期 (todo with a red light), with counts of all four.
   * Filtering, counting and paging run in SQL (a reviewer of a busy county has thousands of open
   * tasks and tens of thousands done); lights and actions are computed for the page's rows only.
   */
  async tasks(actor: Actor, f: { view: TaskView; itemCode?: string; page: number; pageSize: number }) {
    const today = this.today();
    const yellowBefore = await yellowThresholds(this.ctx.calendar, today);
    const params: unknown[] = [actor.regionCode, [...actor.permissions], f.itemCode ?? null, today, yellowBefore];
    // canActOnTask in SQL: the task's permission, and its department unless the actor's scope is the region.
    let dept = 't.department_code IS NULL';
    if (actor.dataScope === 'region') dept = 'true';
    else if (actor.departmentCode) { params.push(actor.departmentCode); dept = `(t.department_code IS NULL OR t.department_code = $${params.length})`; }
    // $4 (today) and $5 (thresholds) are typed here too, so every statement of the list can share the parameters.
    const openWhere = `t.region_code = $1 AND t.status = 'open' AND t.permission = ANY($2::text[]) AND ${dept} AND ($3::text IS NULL OR c.item_code = $3)
      AND $4::date IS NOT NULL AND $5::date[] IS NOT NULL`;
    const paused = `c.state IN ('SPECIAL_PROCEDURE', 'SUSPENDED', 'SUPPLEMENT_BEFORE_ACCEPT')`;
    const red = `(NOT ${paused} AND t.due_date < $4::date)`;
    const yellow = `(NOT ${paused} AND t.due_date >= $4::date AND t.due_date < ($5::date[])[least(c.warning_days, 30) + 1])`;
    const counts = (await this.ctx.db.query<{ todo: number; warning: number; overdue: number }>(
      `SELECT count(*)::int AS todo, count(*) FILTER (WHERE ${yellow})::int AS warning, count(*) FILTER (WHERE ${red})::int AS overdue
         FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE ${openWhere}`, params)).rows[0]!;
    const doneParams: unknown[] = [actor.regionCode, actor.userId, f.itemCode ?? null];
    const doneWhere = `t.region_code = $1 AND t.completed_by = $2 AND t.status = 'done' AND ($3::text IS NULL OR c.item_code = $3)`;
    // A reviewer of a busy county has done hundreds of thousands of tasks: the count comes from the
    // counters the database keeps per user and item (migration 0020_create_task_rollups), not from counting the tasks.
    const doneCount = actor.userId === null ? 0 : (await this.ctx.db.query<{ n: number }>(
      'SELECT coalesce(sum(done), 0)::int AS n FROM user_task_counts WHERE user_id = $2 AND region_code = $1 AND ($3::text IS NULL OR item_code = $3)', doneParams)).rows[0]!.n;
    const limit = f.pageSize;
    const offset = (f.page - 1) * f.pageSize;
    const cols = TASK_COLS.split(',').map((c) => `t.${c.trim()}`).join(', ');
    let items: unknown[] = [];
    if (f.view === 'done') {
      if (actor.userId !== null) {
        doneParams.push(limit, offset);
        items = (await this.ctx.db.query<TaskRow & { case_no: string; item_code: string; state: string }>(
          `SELECT ${cols}, c.case_no, c.item_code, c.state FROM case_tasks t JOIN cases c ON c.id = t.case_id
            WHERE ${doneWhere} ORDER BY t.completed_at DESC, t.id LIMIT $4 OFFSET $5`, doneParams)).rows.map((t) => ({
          taskId: t.id, caseId: t.case_id, caseNo: t.case_no, itemCode: t.item_code, caseState: t.state, stepId: t.step_id, stepName: t.step_name, phase: t.phase,
          outcome: t.outcome, completedAt: t.completed_at!.toISOString(), dueDate: t.due_date, onTime: t.due_date ? chinaDate(t.completed_at!) <= t.due_date : null,
        }));
      }
    } else {
      const viewWhere = f.view === 'warning' ? ` AND ${yellow}` : f.view === 'overdue' ? ` AND ${red}` : '';
      const pageParams = [...params, limit, offset];
      const rows = (await this.ctx.db.query<TaskRow & { case_no: string; item_code: string; state: string; warning_days: number; applicant: { name: string }; project: Record<string, unknown>; submitted_by: string | null; extension_days: number; definition_id: string }>(
        `SELECT ${cols}, c.case_no, c.item_code, c.state, c.warning_days, c.applicant, c.project, c.submitted_by, c.extension_days, c.definition_id
           FROM case_tasks t JOIN cases c ON c.id = t.case_id
          WHERE ${openWhere}${viewWhere}
          ORDER BY t.due_date NULLS LAST, t.started_at, t.id LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}`, pageParams)).rows;
      const graphs = new Map<string, (t: TaskLike) => boolean>();
      const defIds = [...new Set(rows.map((t) => t.definition_id))];
      if (defIds.length > 0) {
        for (const d of (await this.ctx.db.query<{ id: string; graph: ProcessGraph }>('SELECT id, graph FROM process_definitions WHERE id = ANY($1::uuid[])', [defIds])).rows) graphs.set(d.id, returnableIn(d.graph));
      }
      // Working days left from the thresholds (the k-th working day after today is yellowBefore[k-1]); the calendar only for overdue tasks.
      const remaining = (due: string) => { const k = yellowBefore.findIndex((d) => d > due); return k === -1 ? null : k; };
      for (const t of rows) {
        const isPaused = t.state === 'SPECIAL_PROCEDURE' || t.state === 'SUSPENDED' || t.state === 'SUPPLEMENT_BEFORE_ACCEPT';
        const left = t.due_date && t.due_date >= today ? remaining(t.due_date) : null;
        const l = left === null ? await this.taskLight(t, t.warning_days, isPaused)
          : { light: isPaused ? 'paused' as const : left <= t.warning_days ? 'yellow' as const : 'green' as const, remainingDays: left };
        const all: AllowedAction[] = allowedActions(actor, { state: t.state as CaseRow['state'], submitted_by: t.submitted_by, extension_days: t.extension_days }, [t], graphs.get(t.definition_id));
        items.push({ taskId: t.id, caseId: t.case_id, caseNo: t.case_no, itemCode: t.item_code, caseState: t.state, stepId: t.step_id, stepName: t.step_name, phase: t.phase,
          departmentCode: t.department_code, applicantName: t.applicant.name, projectName: (t.project.projectName as string | undefined) ?? null,
          startedAt: t.started_at.toISOString(), dueDate: t.due_date, ...l, actions: all.filter((a) => a.taskId === t.id).map((a) => a.action),
          // Case-level actions the holder may take from the list too (end a special procedure, extend).
          caseActions: all.filter((a) => !a.taskId).map((a) => a.action) });
      }
    }
    const totals = { todo: counts.todo, done: doneCount, warning: counts.warning, overdue: counts.overdue };
    return { view: f.view, counts: totals, total: totals[f.view], page: f.page, pageSize: f.pageSize, items };
  }
}
