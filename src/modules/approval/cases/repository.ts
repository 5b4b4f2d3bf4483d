import type { Queryable } from '../../../core/db/index.ts';
import type { Phase } from '../graph.ts';
import type { CaseState } from './states.ts';

export interface CaseRow {
  id: string;
  region_code: string;
  case_no: string;
  item_code: string;
  item_version: number;
  department_code: string | null;
  definition_id: string;
  state: CaseState;
  resume_state: CaseState | null;
  version: number;
  applicant: StoredApplicant;
  project: Record<string, unknown>;
  boundary: unknown;
  review_report_id: string | null;
  channel: 'window' | 'online';
  submitted_by: string | null;
  idempotency_key: string | null;
  submitted_at: Date;
  accepted_at: Date | null;
  accepted_on: string | null;
  time_limit_days: number;
  warning_days: number;
  extension_days: number;
  due_date: string | null;
  decision: 'approved' | 'denied' | null;
  decided_at: Date | null;
  certificate_no: string | null;
  certified_at: Date | null;
  delivered_at: Date | null;
  closed_at: Date | null;
  visits: number;
  updated_at: Date;
}

export interface StoredApplicant {
  type: 'person' | 'organisation';
  name: string;
  idType: string;
  idNumberMasked: string;
  idNumberEnc: string;
  phoneMasked: string;
  phoneEnc: string;
  contactName?: string;
  address?: string;
  /** The online-hall account that submitted the case, when an applicant did. */
  accountId?: string;
}

export interface TaskRow {
  id: string;
  case_id: string;
  region_code: string;
  step_id: string;
  step_name: string;
  phase: Phase;
  permission: string;
  department_code: string | null;
  fork_id: string | null;
  status: 'open' | 'done' | 'cancelled';
  outcome: string | null;
  comment: string | null;
  assignee_id: string | null;
  time_limit_days: number;
  started_at: Date;
  started_on: string;
  due_date: string | null;
  completed_at: Date | null;
  completed_by: string | null;
}

export interface PauseRow {
  id: string;
  case_id: string;
  kind: 'special' | 'supplement';
  procedure_code: string | null;
  reason: string;
  planned_days: number | null;
  max_days: number | null;
  started_at: Date;
  started_on: string;
  ended_at: Date | null;
  ended_on: string | null;
  paused_working_days: number | null;
  detail: Record<string, unknown>;
}

// Dates come back as text so that no time zone can shift a calendar day.
export const CASE_COLS = `id, region_code, case_no, item_code, item_version, department_code, definition_id, state, resume_state, version, applicant, project, boundary,
  review_report_id, channel, submitted_by, idempotency_key, submitted_at, accepted_at, accepted_on::text AS accepted_on, time_limit_days, warning_days,
  extension_days, due_date::text AS due_date, decision, decided_at, certificate_no, certified_at, delivered_at, closed_at, visits, updated_at`;
export const TASK_COLS = `id, case_id, region_code, step_id, step_name, phase, permission, department_code, fork_id, status, outcome, comment, assignee_id,
  time_limit_days, started_at, started_on::text AS started_on, due_date::text AS due_date, completed_at, completed_by`;
export const PAUSE_COLS = `id, case_id, kind, procedure_code, reason, planned_days, max_days, started_at, started_on::text AS started_on, ended_at,
  ended_on::text AS ended_on, paused_working_days, detail`;

export async function caseById(q: Queryable, regionCode: string, id: string, lock = false): Promise<CaseRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await q.query<CaseRow>(`SELECT ${CASE_COLS} FROM cases WHERE id = $1 AND region_code = $2${lock ? ' FOR UPDATE' : ''}`, [id, regionCode]);
  return r.rows[0];
}

export async function tasksOf(q: Queryable, caseId: string): Promise<TaskRow[]> {
  return (await q.query<TaskRow>(`SELECT ${TASK_COLS} FROM case_tasks WHERE case_id = $1 ORDER BY started_at, id`, [caseId])).rows;
}

export async function pausesOf(q: Queryable, caseId: string): Promise<PauseRow[]> {
  return (await q.query<PauseRow>(`SELECT ${PAUSE_COLS} FROM case_pauses WHERE case_id = $1 ORDER BY started_at`, [caseId])).rows;
}

/** The next daily serial of a region: a row lock on the counter makes it gap-free (rolled back with the case). */
export async function nextSerial(q: Queryable, regionCode: string, day: string): Promise<number> {
  const r = await q.query<{ last_serial: number }>(
    `INSERT INTO case_serials (region_code, day, last_serial) VALUES ($1, $2, 1)
     ON CONFLICT (region_code, day) DO UPDATE SET last_serial = case_serials.last_serial + 1 RETURNING last_serial`,
    [regionCode, day],
  );
  return r.rows[0]!.last_serial;
}
