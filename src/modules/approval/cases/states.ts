import type { Actor } from '../actor.ts';
import type { Phase } from '../graph.ts';

/** 办件 states (DOMAIN.md §5.2). */
export const CASE_STATES = [
  'SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPT', 'REJECTED_ACCEPT', 'HANDLING', 'REVIEW', 'APPROVAL', 'SPECIAL_PROCEDURE', 'SUSPENDED',
  'DONE_APPROVED', 'CERTIFIED', 'DELIVERED', 'DONE_DENIED', 'WITHDRAWN',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_NAMES: Record<CaseState, string> = {
  SUBMITTED: '已申报（待受理）', SUPPLEMENT_BEFORE_ACCEPT: '补齐补正（受理前）', REJECTED_ACCEPT: '不予受理', HANDLING: '承办', REVIEW: '审核',
  APPROVAL: '审批', SPECIAL_PROCEDURE: '特别程序', SUSPENDED: '补正中（计时暂停）', DONE_APPROVED: '办结（准予许可，待制证）',
  CERTIFIED: '已制证（待送达）', DELIVERED: '已送达', DONE_DENIED: '办结（不予许可）', WITHDRAWN: '已撤回',
};

export const ACTIONS = ['accept', 'not_accept', 'request_supplement', 'resubmit', 'pass', 'return', 'reject', 'start_special', 'end_special', 'extend', 'certify', 'deliver', 'withdraw'] as const;
export type CaseAction = (typeof ACTIONS)[number];

const RUNNING: CaseState[] = ['HANDLING', 'REVIEW', 'APPROVAL'];
const REVIEW_PHASES: Phase[] = ['handle', 'opinion', 'review', 'approve'];
export const BEFORE_DECISION: CaseState[] = ['SUBMITTED', 'SUPPLEMENT_BEFORE_ACCEPT', 'HANDLING', 'REVIEW', 'APPROVAL', 'SPECIAL_PROCEDURE', 'SUSPENDED'];
export const CLOSED: CaseState[] = ['REJECTED_ACCEPT', 'DELIVERED', 'DONE_DENIED', 'WITHDRAWN'];

/**
 * The transition table: in which states an action is allowed, and either the task phases it acts
 * on (the actor must be able to act on that task) or, for case-level actions, who may do it.
 */
export const TRANSITIONS: Record<CaseAction, { states: CaseState[]; phases?: Phase[]; who?: 'submitter' | 'decider' | 'task_holder' }> = {
  accept: { states: ['SUBMITTED'], phases: ['accept'] },
  not_accept: { states: ['SUBMITTED'], phases: ['accept'] },
  request_supplement: { states: ['SUBMITTED', ...RUNNING], phases: ['accept', ...REVIEW_PHASES] },
  resubmit: { states: ['SUPPLEMENT_BEFORE_ACCEPT', 'SUSPENDED'], who: 'submitter' },
  pass: { states: RUNNING, phases: REVIEW_PHASES },
  return: { states: RUNNING, phases: REVIEW_PHASES },
  reject: { states: ['APPROVAL'], phases: ['approve'] },
  start_special: { states: RUNNING, phases: REVIEW_PHASES },
  end_special: { states: ['SPECIAL_PROCEDURE'], who: 'task_holder' },
  extend: { states: [...RUNNING, 'SPECIAL_PROCEDURE'], who: 'decider' },
  certify: { states: ['DONE_APPROVED'], phases: ['certify'] },
  deliver: { states: ['CERTIFIED'], phases: ['deliver'] },
  withdraw: { states: BEFORE_DECISION, who: 'submitter' },
};

/** The state a case is in given its open tasks (outside pauses). */
export function stateFromTasks(openPhases: Phase[], decision: 'approved' | 'denied' | null): CaseState {
  if (openPhases.includes('accept')) return 'SUBMITTED';
  if (openPhases.includes('handle') || openPhases.includes('opinion')) return 'HANDLING';
  if (openPhases.includes('review')) return 'REVIEW';
  if (openPhases.includes('approve')) return 'APPROVAL';
  if (openPhases.includes('certify')) return 'DONE_APPROVED';
  if (openPhases.includes('deliver')) return decision === 'denied' ? 'DONE_DENIED' : 'CERTIFIED';
  return decision === 'denied' ? 'DONE_DENIED' : 'DELIVERED';
}

export interface TaskLike {
  id: string;
  phase: Phase;
  permission: string;
  department_code: string | null;
  status: string;
}

/** Whether the actor may act on a task: its permission, and its department unless the actor's scope is the region. */
export function canActOnTask(a: Actor, t: TaskLike): boolean {
  if (!a.permissions.has(t.permission)) return false;
  return !t.department_code || a.dataScope === 'region' || a.departmentCode === t.department_code;
}

export function canCaseLevel(a: Actor, who: 'submitter' | 'decider' | 'task_holder', c: { submitted_by: string | null; applicant?: { accountId?: string } }, open: TaskLike[]): boolean {
  if (who === 'submitter') {
    if (a.applicantId) return c.applicant?.accountId === a.applicantId;
    return (a.userId !== null && c.submitted_by === a.userId) || a.permissions.has('case:register');
  }
  if (who === 'decider') return a.permissions.has('case:decide');
  return a.permissions.has('case:decide') || open.some((t) => canActOnTask(a, t));
}

export interface AllowedAction {
  action: CaseAction;
  taskId?: string;
}

/** Every action the actor may take on the case now: the web app draws buttons from this list. */
export function allowedActions(a: Actor, c: { state: CaseState; submitted_by: string | null; extension_days: number; applicant?: { accountId?: string } }, open: TaskLike[], returnable: (t: TaskLike) => boolean = () => true): AllowedAction[] {
  const out: AllowedAction[] = [];
  for (const action of ACTIONS) {
    const spec = TRANSITIONS[action];
    if (!spec.states.includes(c.state)) continue;
    if (action === 'extend' && c.extension_days > 0) continue;
    if (spec.phases) {
      for (const t of open) if (spec.phases.includes(t.phase) && canActOnTask(a, t) && (action !== 'return' || returnable(t))) out.push({ action, taskId: t.id });
    } else if (spec.who && canCaseLevel(a, spec.who, c, open)) {
      out.push({ action });
    }
  }
  return out;
}
