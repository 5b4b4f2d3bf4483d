import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from '../../core/audit/audit.ts';

/** Who acts, as the approval services see it (no Fastify types below the routes). */
export interface Actor {
  userId: string;
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
