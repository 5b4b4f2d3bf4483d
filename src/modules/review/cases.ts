import type { FastifyInstance } from 'fastify';
import type { Principal } from '../../core/auth/service.ts';
import { AppError } from '../../core/errors.ts';
import type { Actor as CaseActor } from '../approval/actor.ts';
import { ApprovalErrors } from '../approval/errors.ts';
import { BEFORE_DECISION, type CaseState } from '../approval/cases/states.ts';

/** What the review needs to know about a case (办件) of the approval module. */
export interface CaseInfo {
  caseNo: string;
  state: string;
  /** Before a decision (受理前, 承办, 审核, 审批, 特别程序, 补正中): its review still matters. */
  open: boolean;
  /** The steps open now: who holds them is who reviews the case at this moment. */
  openTasks: { permission: string; departmentCode: string | null }[];
}

/** The review module's view of cases; the approval module answers through its own services. */
export interface CaseDirectory {
  /** The case as the system sees it (no data scope), or null when the region has no such case. */
  lookup(region: string, caseId: string): Promise<CaseInfo | null>;
  /** Whether the signed-in user may see the case (their data scope). */
  visibleTo(p: Principal, caseId: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Cases read through the approval module's case views (`app.approval`, registered after this
 * module, so it is looked up when asked). A case id that names no case — a pre-check's free text —
 * is "no case".
 */
export function approvalCases(app: FastifyInstance): CaseDirectory {
  const detail = async (actor: CaseActor, caseId: string) => {
    if (!UUID.test(caseId) || !app.hasDecorator('approval')) return null;
    try {
      return await app.approval.views.detail(actor, caseId);
    } catch (err) {
      if (err instanceof AppError && err.code === ApprovalErrors.CASE_NOT_FOUND) return null;
      throw err;
    }
  };
  return {
    async lookup(region, caseId) {
      const system: CaseActor = {
        userId: null, username: 'system', displayName: '系统', regionCode: region, departmentCode: null, dataScope: 'region',
        permissions: new Set(), ip: null, userAgent: null, requestId: null,
      };
      const c = await detail(system, caseId);
      if (!c) return null;
      return {
        caseNo: c.caseNo, state: c.state, open: BEFORE_DECISION.includes(c.state as CaseState),
        openTasks: c.tasks.filter((t) => t.status === 'open').map((t) => ({ permission: t.permission, departmentCode: t.departmentCode })),
      };
    },
    async visibleTo(p, caseId) {
      const actor: CaseActor = {
        userId: p.userId, username: p.username, displayName: p.displayName, regionCode: p.regionCode, departmentCode: p.departmentCode,
        dataScope: p.dataScope, permissions: p.permissions, ip: null, userAgent: null, requestId: null,
      };
      return (await detail(actor, caseId)) !== null;
    },
  };
}
