import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../auth/plugin.ts';

/** The audit administrator's view of the audit log: GET /api/audit, GET /api/audit/verify. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { audit } = app.ctx;

  app.get('/', {
    schema: {
      tags: ['audit'],
      summary: 'Audit records, newest first (audit administrator)',
      querystring: Type.Object({
        page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
        pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        username: Type.Optional(Type.String({ maxLength: 64 })),
        action: Type.Optional(Type.String({ maxLength: 100 })),
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
      }, { additionalProperties: false }),
    },
    preHandler: requireUser({ permission: 'audit:read' }),
  }, async (request) => {
    const q = request.query;
    // Reading the audit log is itself an audited event.
    request.auditInfo = { action: 'audit.read', detail: { filter: { username: q.username, action: q.action, from: q.from, to: q.to, page: q.page } } };
    const r = await audit.list({
      regionCode: request.principal!.regionCode,
      username: q.username,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
    return {
      total: r.total,
      items: r.items.map((x) => ({
        id: x.id, at: x.at.toISOString(), userId: x.user_id, username: x.username, ip: x.ip, requestId: x.request_id,
        action: x.action, objectType: x.object_type, objectId: x.object_id, result: x.result, detail: x.detail,
      })),
    };
  });

  app.get('/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Verify the hash chain of the whole audit log',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAt: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) }) },
    },
    preHandler: requireUser({ permission: 'audit:verify' }),
  }, async (request) => {
    const result = await audit.verify();
    request.auditInfo = { action: 'audit.verify', detail: { ok: result.ok, checked: result.checked, brokenAt: result.brokenAt } };
    return result;
  });
};
