import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../../core/auth/plugin.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';
import { actorOf } from './actor.ts';
import { chinaDate } from './cases/clock.ts';
import { CASE_STATES } from './cases/states.ts';
import { ItemCode } from './schemas.ts';
import type { SupervisionService } from './supervision.ts';
import { writeXlsx } from './xlsx.ts';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const PeriodQuery = {
  from: Type.Optional(DateStr),
  to: Type.Optional(DateStr),
  itemCode: Type.Optional(ItemCode),
  department: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' })),
};

/** /api/supervision: 效能监管 figures, drill-down and xlsx export (supervise:read). */
export function supervisionRoutes(sup: SupervisionService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const period = (q: { from?: string; to?: string; itemCode?: string; department?: string }) => {
      const today = chinaDate(app.ctx.now());
      const p = { from: q.from ?? `${today.slice(0, 7)}-01`, to: q.to ?? today, ...(q.itemCode ? { itemCode: q.itemCode } : {}), ...(q.department ? { department: q.department } : {}) };
      if (p.from > p.to) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'from' }, 'from is after to');
      return p;
    };

    app.get('/supervision/summary', {
      schema: { tags: ['approval'], summary: 'Efficiency figures by state, item, department and step for cases submitted in a period (default: this month)', querystring: Type.Object(PeriodQuery) },
      preHandler: requireUser({ permission: 'supervise:read' }),
    }, async (request) => sup.summary(actorOf(request), period(request.query)));

    app.get('/supervision/cases', {
      schema: {
        tags: ['approval'], summary: 'Drill-down: the cases behind a figure',
        querystring: Type.Object({ ...PeriodQuery, metric: Type.Union(['all', 'overdue', 'warning', 'onTime', 'late', 'early', 'instant', 'fullyOnline'].map((m) => Type.Literal(m)), { default: 'all' }), state: Type.Optional(Type.Union(CASE_STATES.map((s) => Type.Literal(s)))),
          page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }),
      },
      preHandler: requireUser({ permission: 'supervise:read' }),
    }, async (request) => {
      const q = request.query;
      const r = await sup.drill(actorOf(request), { ...period(q), metric: q.metric as 'all', ...(q.state ? { state: q.state } : {}), page: q.page, pageSize: q.pageSize });
      return { total: r.total, page: q.page, pageSize: q.pageSize, items: r.items };
    });

    app.get('/supervision/export.xlsx', {
      schema: { tags: ['approval'], summary: 'The figures and the case list as an xlsx workbook', querystring: Type.Object(PeriodQuery) },
      preHandler: requireUser({ permission: 'supervise:read' }),
    }, async (request, reply) => {
      const p = period(request.query);
      request.auditInfo = { action: 'approval.supervision_export', objectType: 'supervision', objectId: `${p.from}..${p.to}`, detail: { ...p } };
      const buf = writeXlsx(await sup.workbook(actorOf(request), p));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="supervision_${p.from}_${p.to}.xlsx"`)
        .send(buf);
    });
  };
}
