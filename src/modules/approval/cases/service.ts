import type { CalendarSnapshot } from '../../../core/calendar/calendar.ts';
import type { AppContext } from '../../../core/context.ts';
import type { Queryable } from '../../../core/db/index.ts';
import { AppError, CoreErrors } from '../../../core/errors.ts';
import { auditOf, type Actor } from '../actor.ts';
import type { CertificateIssuer } from '../certificates.ts';
import type { DefinitionService } from '../definitions.ts';
import { ApprovalErrors as E } from '../errors.ts';
import { test as testCondition } from '../expr.ts';
import { forkOf, Graph, type ProcessGraph, type TaskNode } from '../graph.ts';
import type { ItemService } from '../items.ts';
import type { ItemGuide } from '../schemas.ts';
import { chinaDate, dueDate, pausedDays } from './clock.ts';
import { caseById, nextSerial, pausesOf, tasksOf, type CaseRow, type StoredApplicant, type TaskRow } from './repository.ts';
import { canActOnTask, canCaseLevel, stateFromTasks, TRANSITIONS, type CaseAction, type CaseState } from './states.ts';
import { checkForm } from './form.ts';
import { idNumberProblem, usccProblem } from '../../portal/accounts/validators.ts';

/**
 * A resident ID (GB 11643) or unified social credit code (GB 32100) must carry its correct check
 * character: a mistyped number caught at the window, not on the certificate. Upper-cases the x.
 */
function checkApplicantId<A extends { idType: string; idNumber: string }>(a: A): A {
  const idNumber = a.idNumber.trim().toUpperCase();
  const problem = a.idType === 'resident_id' ? idNumberProblem(idNumber) : a.idType === 'credit_code' ? usccProblem(idNumber) : null;
  if (problem) throw new AppError(E.APPLICANT_ID_INVALID, { field: 'applicant.idNumber', problem }, `${a.idType}: ${problem}`);
  return { ...a, idNumber };
}

export interface ApplicantIn {
  type: 'person' | 'organisation';
  name: string;
  idType: 'resident_id' | 'credit_code' | 'passport' | 'other';
  idNumber: string;
  phone: string;
  contactName?: string;
  address?: string;
}

export interface MaterialIn {
  code: string;
  fileId?: string | null;
  note?: string;
}

export interface SubmitIn {
  itemCode: string;
  applicant: ApplicantIn;
  project: Record<string, unknown>;
  materials?: MaterialIn[];
  boundary?: Record<string, unknown> | null;
  channel?: 'window' | 'online';
  /** A review report made before the case existed (the online hall's pre-check), attached in the same transaction. */
  reviewReportId?: string | null;
}

export interface ActionIn {
  action: CaseAction;
  taskId?: string;
  expectedVersion?: number;
  comment?: string;
  reason?: string;
  targetStepId?: string;
  procedure?: string;
  plannedDays?: number;
  items?: { materialCode?: string; name: string; problem: string }[];
  materials?: MaterialIn[];
  method?: 'window' | 'post' | 'electronic';
  result?: string;
}

function mask(s: string, keepStart: number, keepEnd: number): string {
  if (s.length <= keepStart + keepEnd) return '*'.repeat(s.length);
  return s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(s.length - keepEnd);
}

/** Everything one transition needs, loaded under the case row lock. */
interface Work {
  tx: Queryable;
  actor: Actor;
  c: CaseRow;
  graph: Graph;
  guide: ItemGuide;
  today: string;
  now: Date;
  /** The working-day calendar as loaded before the transaction (it never reads the database). */
  cal: CalendarSnapshot;
}

/**
 * The case engine: submission, and every transition as one transaction that locks the case row,
 * checks the transition table and the actor, changes case and tasks, and appends the history
 * row, the audit record and an outbox event.
 */
/**
 * The review module's side of attaching a report: a report made before the case existed (the
 * online hall's pre-check, a window check) becomes the case's, in the same transaction.
 */
export interface ReviewReportLinker {
  linkToCase(q: Queryable, region: string, reportId: string, caseId: string): Promise<void>;
}

export class CaseService {
  constructor(
    private readonly ctx: AppContext,
    private readonly items: ItemService,
    private readonly defs: DefinitionService,
    private issuer: () => CertificateIssuer,
    private reports: () => ReviewReportLinker | null = () => null,
  ) {}

  /** Creates a case (办件) in state SUBMITTED with its acceptance task; idempotent per submitter and key. */
  async submit(actor: Actor, body: SubmitIn, key: string | null): Promise<{ id: string; created: boolean }> {
    const applicantId = actor.applicantId ?? null;
    // Applicants have no staff row: their keys are namespaced by account and serialised by a lock.
    const idempotencyKey = key && applicantId ? `applicant:${applicantId}:${key}` : key;
    if (idempotencyKey) {
      const existing = await this.byKey(this.ctx.db, actor, idempotencyKey);
      if (existing) return { id: existing, created: false };
    }
    body = { ...body, applicant: checkApplicantId(body.applicant) };
    const item = await this.items.get(actor.regionCode, body.itemCode);
    if (!item.active) throw new AppError(E.ITEM_NOT_FOUND, { code: body.itemCode }, 'the item is not offered at present');
    const def = await this.defs.current(actor.regionCode, body.itemCode);
    const problems = checkForm(item.guide.formSchema.fields, body.project);
    if (problems.length) throw new AppError(E.CASE_FORM_INVALID, { problems }, problems.map((p) => `${p.field}: ${p.problem}`).join('; '));
    const cal = await this.ctx.calendar.snapshot();
    try {
      return await this.ctx.db.transaction(async (tx) => {
        if (applicantId && idempotencyKey) {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [idempotencyKey]);
          const existing = await this.byKey(tx, actor, idempotencyKey);
          if (existing) return { id: existing, created: false };
        }
        const now = this.ctx.now();
        const today = chinaDate(now);
        const serial = await nextSerial(tx, actor.regionCode, today);
        const caseNo = `${actor.regionCode}${today.replaceAll('-', '')}${body.itemCode}${String(serial).padStart(6, '0')}`;
        const a = body.applicant;
        const applicant: StoredApplicant = {
          type: a.type, name: a.name, idType: a.idType, idNumberMasked: mask(a.idNumber, 3, 4), idNumberEnc: this.ctx.box.encrypt(a.idNumber),
          phoneMasked: mask(a.phone, 3, 4), phoneEnc: this.ctx.box.encrypt(a.phone),
          ...(a.contactName ? { contactName: a.contactName } : {}), ...(a.address ? { address: a.address } : {}),
          ...(applicantId ? { accountId: applicantId } : {}),
        };
        const channel = applicantId ? 'online' : body.channel ?? 'window';
        const r = await tx.query<{ id: string }>(
          `INSERT INTO cases (region_code, case_no, item_code, item_version, department_code, definition_id, state, applicant, project, boundary, channel,
             submitted_by, idempotency_key, submitted_at, time_limit_days, warning_days, visits, updated_at, review_report_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'SUBMITTED', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $13, $17) RETURNING id`,
          [actor.regionCode, caseNo, body.itemCode, item.version, item.guide.competentDepartment, def.id, JSON.stringify(applicant), JSON.stringify(body.project),
            body.boundary ? JSON.stringify(body.boundary) : null, channel, actor.userId, idempotencyKey, now, item.guide.promisedDays,
            item.guide.warningDays, channel === 'window' ? 1 : 0, body.reviewReportId ?? null],
        );
        const id = r.rows[0]!.id;
        const c = (await caseById(tx, actor.regionCode, id, true))!;
        const w: Work = { tx, actor, c, graph: new Graph(def.graph), guide: item.guide, today, now, cal };
        for (const m of body.materials ?? []) await this.addMaterial(w, m);
        if (body.reviewReportId) await this.reports()?.linkToCase(tx, actor.regionCode, body.reviewReportId, id);
        const start = w.graph.start();
        await this.activate(w, w.graph.outs(start.id)[0]!.to, null);
        await this.record(w, 'submit', null, 'SUBMITTED', null, null, { caseNo, itemCode: body.itemCode, definitionVersion: def.version, ...(body.reviewReportId ? { reviewReportId: body.reviewReportId } : {}) });
        return { id, created: true };
      });
    } catch (err) {
      // A concurrent request with the same key won the unique index: answer with its case.
      if (idempotencyKey && (err as { code?: string }).code === '23505') {
        const existing = await this.byKey(this.ctx.db, actor, idempotencyKey);
        if (existing) return { id: existing, created: false };
      }
      throw err;
    }
  }

  private async byKey(q: Queryable, actor: Actor, key: string): Promise<string | null> {
    const r = await q.query<{ id: string }>('SELECT id FROM cases WHERE region_code = $1 AND submitted_by IS NOT DISTINCT FROM $2 AND idempotency_key = $3', [actor.regionCode, actor.userId, key]);
    return r.rows[0]?.id ?? null;
  }

  /** Adds a material version (the previous version of the same material is kept, marked superseded). */
  private async addMaterial(w: Work, m: MaterialIn): Promise<void> {
    const spec = w.guide.materials.find((x) => x.code === m.code);
    if (!spec) throw new AppError(E.CASE_MATERIAL_UNKNOWN, { code: m.code });
    if (m.fileId) {
      const f = /^[0-9a-f-]{36}$/i.test(m.fileId) ? await w.tx.query('SELECT 1 FROM files WHERE id = $1 AND region_code = $2', [m.fileId, w.c.region_code]) : { rowCount: 0 };
      if (f.rowCount === 0) throw new AppError(E.CASE_FILE_NOT_FOUND, { fileId: m.fileId });
    }
    const v = await w.tx.query<{ v: number | null }>('SELECT max(version) AS v FROM case_materials WHERE case_id = $1 AND material_code = $2', [w.c.id, m.code]);
    const version = (v.rows[0]?.v ?? 0) + 1;
    await w.tx.query('UPDATE case_materials SET superseded_at = $3 WHERE case_id = $1 AND material_code = $2 AND superseded_at IS NULL', [w.c.id, m.code, w.now]);
    await w.tx.query(
      `INSERT INTO case_materials (case_id, region_code, material_code, name, version, file_id, note, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [w.c.id, w.c.region_code, m.code, spec.name, version, m.fileId ?? null, m.note ?? '', w.actor.userId, w.now],
    );
  }

  /** Uploads a new version of a material while the applicant may still change them. */
  async uploadMaterial(actor: Actor, caseId: string, m: MaterialIn): Promise<void> {
    await this.transition(actor, caseId, null, async (w) => {
      if (!['SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPT', 'SUSPENDED'].includes(w.c.state)) throw new AppError(E.CASE_ACTION_NOT_ALLOWED, { state: w.c.state }, 'materials can be changed only before acceptance or during 补正');
      if (!canCaseLevel(actor, 'submitter', w.c, [])) throw new AppError(E.CASE_NOT_YOUR_TASK);
      await this.addMaterial(w, m);
      await this.record(w, 'material_upload', w.c.state, w.c.state, null, null, { materialCode: m.code });
    });
  }

  /** Opens the task of a node, or runs a fork's branches, or closes the case at an end node. */
  private async activate(w: Work, nodeId: string, forkId: string | null): Promise<void> {
    const node = w.graph.node(nodeId);
    if (node.type === 'task') {
      const dept = node.department === '$competent' ? w.guide.competentDepartment : node.department;
      const due = await dueDate(w.cal, w.today, node.timeLimitDays, 0, 0);
      await w.tx.query(
        `INSERT INTO case_tasks (case_id, region_code, step_id, step_name, phase, permission, department_code, fork_id, time_limit_days, started_at, started_on, due_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [w.c.id, w.c.region_code, node.id, node.name, node.phase, node.permission, dept, forkId, node.timeLimitDays, w.now, w.today, due],
      );
      return;
    }
    if (node.type === 'fork') {
      const data = this.conditionData(w.c);
      for (const f of w.graph.outs(node.id)) if (!f.condition || testCondition(f.condition, data)) await this.activate(w, f.to, node.id);
      return;
    }
    if (node.type === 'join') {
      await this.activate(w, w.graph.outs(node.id)[0]!.to, null);
      return;
    }
    if (node.type === 'end') {
      await w.tx.query('UPDATE cases SET closed_at = $2 WHERE id = $1', [w.c.id, w.now]);
      return;
    }
    await this.activate(w, w.graph.outs(node.id)[0]!.to, null);
  }

  private conditionData(c: CaseRow): Record<string, unknown> {
    return { project: c.project, applicant: { type: c.applicant.type }, item: { code: c.item_code }, channel: c.channel };
  }

  /** After a task is done: follow its first true conditional flow or its default flow; joins wait for (all) or cut off (any) branches. */
  private async advance(w: Work, task: TaskRow): Promise<void> {
    const node = w.graph.task(task.step_id);
    const data = this.conditionData(w.c);
    const outs = w.graph.outs(node.id);
    const flow = outs.find((f) => f.condition && testCondition(f.condition, data)) ?? outs.find((f) => !f.condition)!;
    const next = w.graph.node(flow.to);
    if (next.type === 'join') {
      if (next.mode === 'all') {
        const open = await w.tx.query('SELECT 1 FROM case_tasks WHERE case_id = $1 AND status = $2 AND fork_id = $3', [w.c.id, 'open', task.fork_id]);
        if (open.rowCount > 0) return;
      } else {
        await w.tx.query(`UPDATE case_tasks SET status = 'cancelled', outcome = 'branch_not_needed', completed_at = $3 WHERE case_id = $1 AND status = 'open' AND fork_id = $2`, [w.c.id, task.fork_id, w.now]);
      }
      await this.activate(w, w.graph.outs(next.id)[0]!.to, null);
      return;
    }
    await this.activate(w, next.id, next.type === 'task' ? task.fork_id : null);
  }

  private async completeTask(w: Work, task: TaskRow, outcome: string, comment: string | null): Promise<void> {
    const r = await w.tx.query(`UPDATE case_tasks SET status = 'done', outcome = $2, comment = $3, completed_at = $4, completed_by = $5 WHERE id = $1 AND status = 'open'`,
      [task.id, outcome, comment, w.now, w.actor.userId]);
    if (r.rowCount !== 1) throw new AppError(E.CASE_TASK_ALREADY_DONE, { taskId: task.id });
  }

  private async cancelOpen(w: Work, outcome: string): Promise<void> {
    await w.tx.query(`UPDATE case_tasks SET status = 'cancelled', outcome = $2, completed_at = $3 WHERE case_id = $1 AND status = 'open'`, [w.c.id, outcome, w.now]);
  }

  private async openPhases(w: Work): Promise<TaskRow['phase'][]> {
    return (await tasksOf(w.tx, w.c.id)).filter((t) => t.status === 'open').map((t) => t.phase);
  }

  /** Appends the history row, the audit record and the outbox event of a transition. */
  private async record(w: Work, action: string, from: CaseState | null, to: CaseState, task: TaskRow | null, comment: string | null, detail: Record<string, unknown> = {}): Promise<void> {
    await w.tx.query(
      `INSERT INTO case_history (case_id, region_code, at, actor_id, actor_name, action, from_state, to_state, task_id, step_id, comment, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [w.c.id, w.c.region_code, w.now, w.actor.userId, w.actor.displayName, action, from, to, task?.id ?? null, task?.step_id ?? null, comment, JSON.stringify(detail)],
    );
    await this.ctx.audit.record(w.tx, auditOf(w.actor, `approval.case_${action}`, 'case', w.c.case_no, { from, to, taskId: task?.id ?? null, step: task?.step_id ?? null, ...detail }));
    await this.ctx.outbox.append(w.tx, { regionCode: w.c.region_code, topic: `case.${action}`, aggregateType: 'case', aggregateId: w.c.id, payload: { caseNo: w.c.case_no, itemCode: w.c.item_code, from, to, ...detail } });
  }

  /** Locks the case, loads what a transition needs, runs fn, bumps the case version. */
  private async transition(actor: Actor, caseId: string, expectedVersion: number | null, fn: (w: Work) => Promise<void>): Promise<void> {
    const cal = await this.ctx.calendar.snapshot();
    await this.ctx.db.transaction(async (tx) => {
      const c = await caseById(tx, actor.regionCode, caseId, true);
      if (!c) throw new AppError(E.CASE_NOT_FOUND, { id: caseId });
      if (expectedVersion !== null && expectedVersion !== c.version) throw new AppError(E.CASE_VERSION_CONFLICT, { currentVersion: c.version });
      const def = await this.defs.byId(c.definition_id, tx);
      const guide = (await tx.query<{ guide: ItemGuide }>('SELECT guide FROM service_item_versions WHERE region_code = $1 AND code = $2 AND version = $3', [c.region_code, c.item_code, c.item_version])).rows[0]!.guide;
      const now = this.ctx.now();
      const w: Work = { tx, actor, c, graph: new Graph(def.graph as ProcessGraph), guide, today: chinaDate(now), now, cal };
      await fn(w);
      await tx.query('UPDATE cases SET version = version + 1, updated_at = $2 WHERE id = $1', [c.id, now]);
    });
  }

  private async setState(w: Work, state: CaseState, extra: Record<string, unknown> = {}): Promise<void> {
    const cols = Object.keys(extra);
    const sets = cols.map((k, i) => `${k} = $${i + 3}`).join(', ');
    await w.tx.query(`UPDATE cases SET state = $2${sets ? `, ${sets}` : ''} WHERE id = $1`, [w.c.id, state, ...cols.map((k) => extra[k])]);
  }

  /** Recomputes the case's and open tasks' due dates after a pause ended or an extension. */
  private async recomputeDue(w: Work): Promise<void> {
    const c = (await caseById(w.tx, w.c.region_code, w.c.id))!;
    const pauses = await pausesOf(w.tx, c.id);
    if (c.accepted_on) {
      const due = await dueDate(w.cal, c.accepted_on, c.time_limit_days, c.extension_days, pausedDays(pauses));
      await w.tx.query('UPDATE cases SET due_date = $2 WHERE id = $1', [c.id, due]);
    }
    for (const t of (await tasksOf(w.tx, c.id)).filter((x) => x.status === 'open')) {
      const due = await dueDate(w.cal, t.started_on, t.time_limit_days, 0, pausedDays(pauses, t.started_at));
      await w.tx.query('UPDATE case_tasks SET due_date = $2 WHERE id = $1', [t.id, due]);
    }
  }

  private async startPause(w: Work, kind: 'special' | 'supplement', fields: { procedure?: string; reason: string; plannedDays?: number; maxDays?: number }): Promise<void> {
    await w.tx.query(
      `INSERT INTO case_pauses (case_id, region_code, kind, procedure_code, reason, planned_days, max_days, started_at, started_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [w.c.id, w.c.region_code, kind, fields.procedure ?? null, fields.reason, fields.plannedDays ?? null, fields.maxDays ?? null, w.now, w.today],
    );
  }

  private async endPause(w: Work, detail: Record<string, unknown> = {}): Promise<number> {
    const open = (await pausesOf(w.tx, w.c.id)).find((p) => !p.ended_on);
    if (!open) return 0;
    const days = await w.cal.workingDaysBetween(open.started_on, w.today);
    await w.tx.query('UPDATE case_pauses SET ended_at = $2, ended_on = $3, paused_working_days = $4, detail = detail || $5 WHERE id = $1', [open.id, w.now, w.today, days, JSON.stringify(detail)]);
    return days;
  }

  /**
   * Runs one action. Order of checks: the case exists (404), the expected version (409), the task
   * is still open (409 CASE_TASK_ALREADY_DONE), the state allows the action (409), the actor may
   * do it (403); then the change, all in one transaction.
   */
  async act(actor: Actor, caseId: string, input: ActionIn): Promise<void> {
    const spec = TRANSITIONS[input.action];
    await this.transition(actor, caseId, input.expectedVersion ?? null, async (w) => {
      const tasks = await tasksOf(w.tx, w.c.id);
      const open = tasks.filter((t) => t.status === 'open');
      let task: TaskRow | null = null;
      if (spec.phases) {
        if (!input.taskId) throw new AppError(CoreErrors.VALIDATION_FAILED, { field: 'taskId' }, `action ${input.action} needs taskId`);
        task = tasks.find((t) => t.id === input.taskId) ?? null;
        if (!task) throw new AppError(E.CASE_TASK_NOT_FOUND, { taskId: input.taskId });
        if (task.status !== 'open') throw new AppError(E.CASE_TASK_ALREADY_DONE, { taskId: task.id, outcome: task.outcome });
      }
      if (!spec.states.includes(w.c.state) || (task && !spec.phases!.includes(task.phase))) {
        throw new AppError(E.CASE_ACTION_NOT_ALLOWED, { state: w.c.state, action: input.action }, `${input.action} is not allowed in state ${w.c.state}${task ? ` on a ${task.phase} task` : ''}`);
      }
      if (task ? !canActOnTask(actor, task) : !canCaseLevel(actor, spec.who!, w.c, open)) throw new AppError(E.CASE_NOT_YOUR_TASK, { action: input.action });
      await this.perform(w, input, task);
    });
  }

  private async perform(w: Work, input: ActionIn, task: TaskRow | null): Promise<void> {
    const from = w.c.state;
    const comment = input.comment ?? null;
    const need = (v: unknown, field: string) => {
      if (v === undefined || v === null || v === '') throw new AppError(CoreErrors.VALIDATION_FAILED, { field }, `action ${input.action} needs ${field}`);
    };
    switch (input.action) {
      case 'accept': {
        await this.completeTask(w, task!, 'accept', comment);
        const due = await dueDate(w.cal, w.today, w.c.time_limit_days, 0, 0);
        await w.tx.query('UPDATE cases SET accepted_at = $2, accepted_on = $3, due_date = $4 WHERE id = $1', [w.c.id, w.now, w.today, due]);
        w.c.accepted_on = w.today;
        await this.advance(w, task!);
        const to = stateFromTasks(await this.openPhases(w), null);
        await this.setState(w, to);
        await this.record(w, 'accept', from, to, task, comment, { acceptedOn: w.today, dueDate: due });
        return;
      }
      case 'not_accept': {
        need(input.reason, 'reason');
        await this.completeTask(w, task!, 'not_accept', input.reason!);
        await this.setState(w, 'REJECTED_ACCEPT', { closed_at: w.now });
        await this.record(w, 'not_accept', from, 'REJECTED_ACCEPT', task, input.reason!, { reason: input.reason });
        return;
      }
      case 'request_supplement': {
        if (!input.items || input.items.length === 0) throw new AppError(E.CASE_SUPPLEMENT_EMPTY);
        for (const it of input.items) if (it.materialCode && !w.guide.materials.some((m) => m.code === it.materialCode)) throw new AppError(E.CASE_MATERIAL_UNKNOWN, { code: it.materialCode });
        const before = from === 'SUBMITTED';
        if (before) {
          const earlier = await w.tx.query('SELECT 1 FROM case_supplement_notices WHERE case_id = $1 AND before_acceptance', [w.c.id]);
          // 一次性告知: one notice lists everything; a second notice before acceptance is refused.
          if (earlier.rowCount > 0) throw new AppError(E.CASE_ACTION_NOT_ALLOWED, { state: from, action: input.action }, 'a 补正 notice was already issued for this application (一次性告知)');
        }
        await w.tx.query('INSERT INTO case_supplement_notices (case_id, region_code, before_acceptance, items, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6)',
          [w.c.id, w.c.region_code, before, JSON.stringify(input.items), w.now, w.actor.userId]);
        const to: CaseState = before ? 'SUPPLEMENT_BEFORE_ACCEPT' : 'SUSPENDED';
        if (!before) await this.startPause(w, 'supplement', { reason: comment ?? '补正' });
        await this.setState(w, to, before ? {} : { resume_state: from });
        await this.record(w, 'request_supplement', from, to, task, comment, { items: input.items });
        return;
      }
      case 'resubmit': {
        for (const m of input.materials ?? []) await this.addMaterial(w, m);
        await w.tx.query('UPDATE case_supplement_notices SET answered_at = $2 WHERE case_id = $1 AND answered_at IS NULL', [w.c.id, w.now]);
        let to: CaseState;
        let paused = 0;
        if (from === 'SUPPLEMENT_BEFORE_ACCEPT') {
          to = 'SUBMITTED';
          // The acceptance period starts again from the complete application.
          const due = await dueDate(w.cal, w.today, 1, 0, 0);
          await w.tx.query(`UPDATE case_tasks SET started_at = $2, started_on = $3, due_date = $4 WHERE case_id = $1 AND status = 'open'`, [w.c.id, w.now, w.today, due]);
        } else {
          paused = await this.endPause(w);
          to = w.c.resume_state ?? stateFromTasks(await this.openPhases(w), w.c.decision);
          await this.recomputeDue(w);
        }
        await this.setState(w, to, { resume_state: null });
        await this.record(w, 'resubmit', from, to, null, comment, { materials: (input.materials ?? []).map((m) => m.code), pausedWorkingDays: paused });
        return;
      }
      case 'pass': {
        await this.completeTask(w, task!, 'pass', comment);
        let decision = w.c.decision;
        if (task!.phase === 'approve') {
          decision = 'approved';
          await w.tx.query(`UPDATE cases SET decision = 'approved', decided_at = $2 WHERE id = $1`, [w.c.id, w.now]);
        }
        await this.advance(w, task!);
        const to = stateFromTasks(await this.openPhases(w), decision);
        await this.setState(w, to);
        await this.record(w, task!.phase === 'approve' ? 'approve' : 'pass', from, to, task, comment);
        return;
      }
      case 'return': {
        need(input.targetStepId, 'targetStepId');
        const node = w.graph.task(task!.step_id) as TaskNode;
        if (!node.returnTargets.includes(input.targetStepId!)) throw new AppError(E.CASE_RETURN_TARGET_INVALID, { targetStepId: input.targetStepId, allowed: node.returnTargets });
        await this.completeTask(w, task!, 'return', comment);
        await this.cancelOpen(w, 'returned');
        await this.activate(w, input.targetStepId!, forkOf(w.graph, input.targetStepId!));
        const to = stateFromTasks(await this.openPhases(w), w.c.decision);
        await this.setState(w, to);
        await this.record(w, 'return', from, to, task, comment, { targetStepId: input.targetStepId });
        return;
      }
      case 'reject': {
        need(input.reason, 'reason');
        await this.completeTask(w, task!, 'reject', input.reason!);
        await this.cancelOpen(w, 'decided');
        await this.setState(w, 'DONE_DENIED', { decision: 'denied', decided_at: w.now, closed_at: w.now });
        await this.record(w, 'reject', from, 'DONE_DENIED', task, input.reason!, { reason: input.reason });
        return;
      }
      case 'start_special': {
        need(input.procedure, 'procedure');
        need(input.plannedDays, 'plannedDays');
        const sp = w.guide.specialProcedures.find((p) => p.code === input.procedure);
        if (!sp) throw new AppError(E.CASE_SPECIAL_PROCEDURE_UNKNOWN, { procedure: input.procedure, allowed: w.guide.specialProcedures.map((p) => p.code) });
        if (input.plannedDays! > sp.maxDays) throw new AppError(E.CASE_SPECIAL_PROCEDURE_TOO_LONG, { maxDays: sp.maxDays });
        await this.startPause(w, 'special', { procedure: sp.code, reason: input.reason ?? sp.name, plannedDays: input.plannedDays!, maxDays: sp.maxDays });
        await this.setState(w, 'SPECIAL_PROCEDURE', { resume_state: from });
        await this.record(w, 'start_special', from, 'SPECIAL_PROCEDURE', task, comment, { procedure: sp.code, name: sp.name, plannedDays: input.plannedDays, maxDays: sp.maxDays });
        return;
      }
      case 'end_special': {
        const paused = await this.endPause(w, { result: input.result ?? '' });
        const to = w.c.resume_state ?? stateFromTasks(await this.openPhases(w), w.c.decision);
        await this.recomputeDue(w);
        await this.setState(w, to, { resume_state: null });
        await this.record(w, 'end_special', from, to, null, comment, { result: input.result ?? '', pausedWorkingDays: paused });
        return;
      }
      case 'extend': {
        need(input.reason, 'reason');
        if (w.c.extension_days > 0) throw new AppError(E.CASE_ALREADY_EXTENDED);
        // 行政许可法 Art 42: +10 working days with the agency head's approval, reasons notified.
        await w.tx.query('UPDATE cases SET extension_days = 10 WHERE id = $1', [w.c.id]);
        await this.recomputeDue(w);
        await this.record(w, 'extend', from, from, null, input.reason!, { days: 10, reason: input.reason });
        return;
      }
      case 'certify': {
        const { certificateNo } = await this.issuer().issue(w.tx, {
          caseId: w.c.id, caseNo: w.c.case_no, regionCode: w.c.region_code, itemCode: w.c.item_code, resultName: w.guide.resultName,
          applicantName: w.c.applicant.name,
          applicant: { type: w.c.applicant.type, idType: w.c.applicant.idType, idNumber: this.ctx.box.decrypt(w.c.applicant.idNumberEnc) },
          project: w.c.project, boundary: (w.c.boundary as Record<string, unknown> | null) ?? null, decidedAt: w.c.decided_at ?? w.now,
          actor: { userId: w.actor.userId, username: w.actor.username },
        });
        await this.completeTask(w, task!, 'certify', comment);
        await w.tx.query('UPDATE cases SET certificate_no = $2, certified_at = $3 WHERE id = $1', [w.c.id, certificateNo, w.now]);
        await this.advance(w, task!);
        const to = stateFromTasks(await this.openPhases(w), w.c.decision);
        await this.setState(w, to);
        await this.record(w, 'certify', from, to, task, comment, { certificateNo });
        return;
      }
      case 'deliver': {
        need(input.method, 'method');
        await this.completeTask(w, task!, 'deliver', comment);
        // Collecting the result at the window is one more visit (最多跑一次 counts them).
        await w.tx.query('UPDATE cases SET delivered_at = $2, visits = visits + $3 WHERE id = $1', [w.c.id, w.now, input.method === 'window' ? 1 : 0]);
        await this.advance(w, task!);
        const to = stateFromTasks(await this.openPhases(w), w.c.decision);
        await this.setState(w, to);
        await this.record(w, 'deliver', from, to, task, comment, { method: input.method });
        return;
      }
      case 'withdraw': {
        await this.cancelOpen(w, 'withdrawn');
        await this.endPause(w, { ended: 'withdrawn' });
        await this.setState(w, 'WITHDRAWN', { closed_at: w.now, resume_state: null });
        await this.record(w, 'withdraw', from, 'WITHDRAWN', null, input.reason ?? comment);
        return;
      }
    }
  }

  /** Attaches the spatial review's report to a case (called by the review module). */
  async attachReviewReport(actor: Actor, caseId: string, reportId: string): Promise<void> {
    await this.transition(actor, caseId, null, async (w) => {
      await this.reports()?.linkToCase(w.tx, w.c.region_code, reportId, w.c.id);
      await w.tx.query('UPDATE cases SET review_report_id = $2 WHERE id = $1', [w.c.id, reportId]);
      await this.record(w, 'attach_review_report', w.c.state, w.c.state, null, null, { reportId });
    });
  }
}
