import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { optionalUser, requireUser } from '../../core/auth/plugin.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf } from './actor.ts';
import { ApprovalErrors as E } from './errors.ts';
import { fromBpmn, toBpmn } from './bpmn.ts';
import type { DefinitionService } from './definitions.ts';
import { ProcessGraph } from './graph.ts';
import type { ItemService } from './items.ts';
import { ItemCode, ItemEditBody, ItemOut } from './schemas.ts';

/** /api/service-items: the public catalogue (办事指南) and its administration (item:manage). */
export function itemRoutes(items: ItemService, defs: DefinitionService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/service-items', {
      schema: { tags: ['approval'], summary: 'Service-item catalogue (public)', security: [], response: { 200: Type.Object({ items: Type.Array(ItemOut) }) } },
      preHandler: optionalUser(),
    }, async (request) => {
      const region = request.principal?.regionCode ?? app.ctx.config.regionCode;
      const canEdit = request.principal?.permissions.has('item:manage') ?? false;
      const list = await items.list(region, canEdit);
      return { items: list.map((i) => ({ code: i.code, version: i.version, active: i.active, updatedAt: i.updatedAt, guide: i.guide, abilities: { edit: canEdit } })) };
    });

    app.get('/service-items/:code', {
      schema: { tags: ['approval'], summary: 'One service item’s guide (public)', security: [], params: Type.Object({ code: ItemCode }), response: { 200: ItemOut } },
      preHandler: optionalUser(),
    }, async (request) => {
      const region = request.principal?.regionCode ?? app.ctx.config.regionCode;
      const i = await items.get(region, request.params.code);
      const canEdit = request.principal?.permissions.has('item:manage') ?? false;
      return { code: i.code, version: i.version, active: i.active, updatedAt: i.updatedAt, guide: i.guide, abilities: { edit: canEdit } };
    });

    app.put('/service-items/:code', {
      schema: { tags: ['approval'], summary: 'Edit an item’s guide: a new version (item:manage)', params: Type.Object({ code: ItemCode }), body: ItemEditBody, response: { 200: ItemOut } },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request) => {
      request.audited = true;
      const i = await items.edit(actorOf(request), request.params.code, request.body);
      return { code: i.code, version: i.version, active: i.active, updatedAt: i.updatedAt, guide: i.guide, abilities: { edit: true } };
    });

    app.get('/service-items/:code/versions', {
      schema: { tags: ['approval'], summary: 'Every version of an item’s guide (item:manage)', params: Type.Object({ code: ItemCode }) },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request) => ({ versions: await items.versions(request.principal!.regionCode, request.params.code) }));

    app.get('/service-items/:code/process', {
      schema: { tags: ['approval'], summary: 'The current process definition of an item (public: the guide shows the process)', security: [], params: Type.Object({ code: ItemCode }) },
      preHandler: optionalUser(),
    }, async (request) => {
      const region = request.principal?.regionCode ?? app.ctx.config.regionCode;
      await items.get(region, request.params.code);
      return defs.current(region, request.params.code);
    });

    app.get('/service-items/:code/process/versions', {
      schema: { tags: ['approval'], summary: 'Every version of an item’s process definition (item:manage)', params: Type.Object({ code: ItemCode }) },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request) => ({ versions: await defs.versions(request.principal!.regionCode, request.params.code) }));

    app.post('/service-items/:code/process/validate', {
      schema: { tags: ['approval'], summary: 'Check a process definition without saving it (item:manage)', params: Type.Object({ code: ItemCode }), body: Type.Object({ graph: ProcessGraph }, { additionalProperties: false }) },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request) => {
      defs.check(request.body.graph);
      return { valid: true };
    });

    app.get('/service-items/:code/process/bpmn', {
      schema: { tags: ['approval'], summary: 'The current process definition as BPMN 2.0 XML with diagram (item:manage)', params: Type.Object({ code: ItemCode }), querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }) },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request, reply) => {
      const region = request.principal!.regionCode;
      const all = await defs.versions(region, request.params.code);
      const d = request.query.version ? all.find((x) => x.version === request.query.version) : all[0];
      if (!d) throw new AppError(E.DEFINITION_NOT_FOUND, { itemCode: request.params.code, version: request.query.version });
      const xml = await toBpmn(d.graph, { processId: `${request.params.code}_v${d.version}`, name: d.name });
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${request.params.code}_v${d.version}.bpmn"`).send(xml);
    });

    app.post('/service-items/:code/process/bpmn', {
      schema: {
        tags: ['approval'], summary: 'Import a BPMN 2.0 file (the exported subset) as a new version of the process definition (item:manage)', params: Type.Object({ code: ItemCode }),
        body: Type.Object({ xml: Type.String({ minLength: 20, maxLength: 2_000_000 }), name: Type.String({ minLength: 2, maxLength: 100 }), reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
      },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request, reply) => {
      const graph = await fromBpmn(request.body.xml);
      request.audited = true;
      const d = await defs.save(actorOf(request), request.params.code, { name: request.body.name, reason: request.body.reason, graph });
      return reply.code(201).send(d);
    });

    app.put('/service-items/:code/process', {
      schema: {
        tags: ['approval'], summary: 'Save a new version of an item’s process definition (item:manage)', params: Type.Object({ code: ItemCode }),
        body: Type.Object({ name: Type.String({ minLength: 2, maxLength: 100 }), reason: Type.String({ minLength: 2, maxLength: 500 }), expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })), graph: ProcessGraph }, { additionalProperties: false }),
      },
      preHandler: requireUser({ permission: 'item:manage' }),
    }, async (request, reply) => {
      request.audited = true;
      const d = await defs.save(actorOf(request), request.params.code, request.body);
      return reply.code(201).send(d);
    });
  };
}
