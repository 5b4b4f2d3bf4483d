import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../../../core/auth/plugin.ts';
import { AppError, CoreErrors } from '../../../core/errors.ts';
import { actorOf } from '../actor.ts';
import { ItemCode } from '../schemas.ts';
import type { CaseService } from './service.ts';
import { ACTIONS, CASE_STATES } from './states.ts';
import type { CaseViews } from './views.ts';

const Uuid = Type.String({ format: 'uuid' });
const MaterialIn = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }), fileId: Type.Optional(Type.Union([Uuid, Type.Null()])), note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });

const SubmitBody = Type.Object({
  itemCode: ItemCode,
  applicant: Type.Object({
    type: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    idType: Type.Union([Type.Literal('resident_id'), Type.Literal('credit_code'), Type.Literal('passport'), Type.Literal('other')]),
    idNumber: Type.String({ pattern: '^[0-9A-Za-z]{6,30}$' }),
    phone: Type.String({ pattern: '^[0-9+-]{7,20}$' }),
    contactName: Type.Optional(Type.String({ maxLength: 50 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
  }, { additionalProperties: false }),
  project: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,40}$' }), Type.Unknown(), { maxProperties: 60, description: 'values checked against the item’s formSchema' }),
  materials: Type.Optional(Type.Array(MaterialIn, { maxItems: 60 })),
  boundary: Type.Optional(Type.Union([Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Any(), { minItems: 1 }) }), Type.Null()])),
  channel: Type.Optional(Type.Union([Type.Literal('window'), Type.Literal('online')])),
}, { additionalProperties: false });

const ActionBody = Type.Object({
  action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
  taskId: Type.Optional(Uuid),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  reason: Type.Optional(Type.String({ minLength: 2, maxLength: 2000 })),
  targetStepId: Type.Optional(Type.String({ maxLength: 40 })),
  procedure: Type.Optional(Type.String({ maxLength: 40 })),
  plannedDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  items: Type.Optional(Type.Array(Type.Object({ materialCode: Type.Optional(Type.String({ maxLength: 40 })), name: Type.String({ minLength: 1, maxLength: 200 }), problem: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }), { maxItems: 60 })),
  materials: Type.Optional(Type.Array(MaterialIn, { maxItems: 60 })),
  method: Type.Optional(Type.Union([Type.Literal('window'), Type.Literal('post'), Type.Literal('electronic')])),
  result: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

/** /api/cases and /api/tasks: 办件 and the staff task lists. */
export function caseRoutes(cases: CaseService, views: CaseViews): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/cases', {
      schema: {
        tags: ['approval'], summary: 'Submit an application (收件); an Idempotency-Key header makes a repeated submission return the same case',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{8,100}$' })) }),
        body: SubmitBody,
      },
      preHandler: requireUser({ permission: 'case:register' }),
    }, async (request, reply) => {
      request.audited = true;
      const actor = actorOf(request);
      const r = await cases.submit(actor, request.body, request.headers['idempotency-key'] ?? null);
      return reply.code(r.created ? 201 : 200).send(await views.detail(actor, r.id));
    });

    app.get('/cases', {
      schema: {
        tags: ['approval'], summary: 'Cases of the region (filters: state, item, text)',
        querystring: Type.Object({ state: Type.Optional(Type.Union(CASE_STATES.map((s) => Type.Literal(s)))), itemCode: Type.Optional(ItemCode), q: Type.Optional(Type.String({ maxLength: 100 })), page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }),
      },
      preHandler: requireUser({ permission: 'case:read' }),
    }, async (request) => views.list(actorOf(request), request.query));

    app.get('/cases/:id', {
      schema: { tags: ['approval'], summary: 'One case with tasks, timeline, materials, clock and the caller’s allowed actions', params: Type.Object({ id: Uuid }) },
      preHandler: requireUser({ permission: 'case:read' }),
    }, async (request) => views.detail(actorOf(request), request.params.id));

    app.post('/cases/:id/actions', {
      schema: { tags: ['approval'], summary: 'Run one transition (accept, pass, return, reject, request_supplement, resubmit, start_special, end_special, extend, certify, deliver, withdraw …)', params: Type.Object({ id: Uuid }), body: ActionBody },
      preHandler: requireUser(),
    }, async (request) => {
      request.audited = true;
      const actor = actorOf(request);
      await cases.act(actor, request.params.id, request.body);
      return views.detail(actor, request.params.id);
    });

    app.post('/cases/:id/materials', {
      schema: { tags: ['approval'], summary: 'Add a new version of a material (before acceptance or during 补正)', params: Type.Object({ id: Uuid }), body: MaterialIn },
      preHandler: requireUser(),
    }, async (request) => {
      request.audited = true;
      const actor = actorOf(request);
      await cases.uploadMaterial(actor, request.params.id, request.body);
      return views.detail(actor, request.params.id);
    });

    app.put('/cases/:id/review-report', {
      schema: { tags: ['approval'], summary: 'Attach the compliance-review report (辅助审查报告) to a case', params: Type.Object({ id: Uuid }), body: Type.Object({ reportId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false }) },
      preHandler: requireUser({ permission: 'review:run' }),
    }, async (request) => {
      request.audited = true;
      const actor = actorOf(request);
      await views.detail(actor, request.params.id);
      await cases.attachReviewReport(actor, request.params.id, request.body.reportId);
      return views.detail(actor, request.params.id);
    });

    app.get('/tasks', {
      schema: {
        tags: ['approval'], summary: 'Staff task lists: 待办 todo, 已办 done, 预警 warning, 超期 overdue, with counts',
        querystring: Type.Object({ view: Type.Union([Type.Literal('todo'), Type.Literal('done'), Type.Literal('warning'), Type.Literal('overdue')], { default: 'todo' }), itemCode: Type.Optional(ItemCode), page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }),
      },
      preHandler: requireUser(),
    }, async (request) => {
      const p = request.principal!;
      if (![...p.permissions].some((x) => x.startsWith('case:'))) throw new AppError(CoreErrors.NOT_FOUND, {}, 'no task lists for this account');
      return views.tasks(actorOf(request), request.query);
    });
  };
}
