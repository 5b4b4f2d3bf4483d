import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../../core/auth/plugin.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';

/** /api/notifications: the signed-in user's in-app notifications (催办 reminders). */
export function notificationRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/notifications', {
      schema: { tags: ['approval'], summary: 'My notifications, newest first', querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }) },
      preHandler: requireUser(),
    }, async (request) => {
      const p = request.principal!;
      const r = await app.ctx.db.query<{ id: string; kind: string; title: string; body: string; case_id: string | null; task_id: string | null; created_at: Date; read_at: Date | null }>(
        `SELECT id, kind, title, body, case_id, task_id, created_at, read_at FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
          ORDER BY created_at DESC LIMIT $3`, [p.userId, request.query.unread ?? null, request.query.limit]);
      const unread = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [p.userId]);
      return {
        unread: unread.rows[0]!.n,
        items: r.rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, caseId: n.case_id, taskId: n.task_id, createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null })),
      };
    });

    app.post('/notifications/:id/read', {
      schema: { tags: ['approval'], summary: 'Mark one of my notifications as read', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
      preHandler: requireUser(),
    }, async (request, reply) => {
      const r = await app.ctx.db.query('UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2', [request.params.id, request.principal!.userId, app.ctx.now()]);
      if (r.rowCount === 0) throw new AppError(CoreErrors.NOT_FOUND);
      return reply.code(204).send();
    });
  };
}
