import type { Principal, RequestContext } from '../auth/service.ts';
import type { AppContext } from '../context.ts';

/** What a handler can add to the request's audit record. */
export interface AuditInfo {
  action?: string;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the handler's service already wrote this request's audit row in its transaction. */
    audited: boolean;
    auditInfo: AuditInfo;
    rctx: RequestContext;
  }
}
