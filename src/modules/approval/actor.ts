import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from '../../core/audit/audit.ts';

/** Who acts, as the approval services see it (no Fastify types below the routes). */
export interface Actor {
  /** The staff account, or null when an applicant of the online hall acts. */
  userId: string | null;
  /** The applicant account (portal) when an applicant acts. */
  applicantId?: string | null;
  username: string;
  displayName: string;
  regionCode: string;
  departmentCode: string | null;
  dataScope: 'region' | 'department' | 'self';
  permissions: ReadonlySet<string>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function actorOf(request: FastifyRequest): Actor {
  const p = request.principal!;
  return {
    userId: p.userId, username: p.username, displayName: p.displayName, regionCode: p.regionCode, departmentCode: p.departmentCode,
    dataScope: p.dataScope, permissions: p.permissions, ip: request.rctx.ip, userAgent: request.rctx.userAgent, requestId: request.id,
  };
}

export function auditOf(a: Actor, action: string, objectType: string, objectId: string, detail: Record<string, unknown> = {}): AuditEntry {
  return {
    regionCode: a.regionCode, userId: a.userId, username: a.username, ip: a.ip, userAgent: a.userAgent, requestId: a.requestId,
    action, objectType, objectId, result: 'success', detail,
  };
}

/**
 * An applicant of the online hall (网上办事大厅) as an actor: no staff permissions; may submit,
 * answer a 补正 notice, upload materials and withdraw, on cases of their own account only.
 */
export function applicantActor(a: { applicantId: string; displayName: string; regionCode: string; ip?: string | null; userAgent?: string | null; requestId?: string | null }): Actor {
  return {
    userId: null, applicantId: a.applicantId, username: `applicant:${a.applicantId}`, displayName: a.displayName, regionCode: a.regionCode,
    departmentCode: null, dataScope: 'self', permissions: new Set(), ip: a.ip ?? null, userAgent: a.userAgent ?? null, requestId: a.requestId ?? null,
  };
}
