import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { optionalUser, requireUser } from '../../core/auth/plugin.ts';
import { isPermission } from '../../core/auth/permissions.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';
import { LayerCode } from './routes.ts';
import type { GisService } from './service.ts';

const Polygon = Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Any(), { minItems: 1 }) });

/** Layer metadata changes (data administrators) and queries by a drawn polygon (/api/gis). */
export function gisAdminRoutes(gis: GisService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.patch('/layers/:code', {
      schema: {
        tags: ['gis'],
        summary: 'Change a layer’s name, category, style or access level (data administrator)',
        params: Type.Object({ code: LayerCode }),
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
          nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
          category: Type.Optional(Type.Union([Type.Literal('base'), Type.Literal('current'), Type.Literal('planning'), Type.Literal('management'), Type.Literal('other')])),
          style: Type.Optional(Type.Object({}, { additionalProperties: true })),
          access: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('staff'), Type.Literal('restricted')])),
          requiredPermission: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
        }, { additionalProperties: false, minProperties: 1 }),
      },
      preHandler: requireUser({ permission: 'layer:manage' }),
    }, async (request, reply) => {
      const p = request.principal!;
      const b = request.body;
      if (b.requiredPermission && !isPermission(b.requiredPermission)) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'requiredPermission' }, `unknown permission ${b.requiredPermission}`);
      const layer = await gis.layerForImport(p.regionCode, request.params.code);
      const access = b.access ?? layer.access;
      const required = b.requiredPermission === undefined ? layer.requiredPermission : b.requiredPermission;
      if (access === 'restricted' && !required) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'requiredPermission' }, 'a restricted layer needs requiredPermission');
      request.audited = true;
      await app.ctx.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE layers SET name = $2, name_en = $3, category = $4, style = $5, access = $6, required_permission = $7, updated_at = $8 WHERE id = $1`,
          [layer.id, b.name ?? layer.name, b.nameEn ?? layer.nameEn, b.category ?? layer.category, JSON.stringify(b.style ?? layer.style), access, access === 'restricted' ? required : null, app.ctx.now()],
        );
        await app.ctx.audit.record(tx, {
          regionCode: p.regionCode, userId: p.userId, username: p.username, ip: request.rctx.ip, userAgent: request.rctx.userAgent, requestId: request.id,
          action: 'gis.layer_update', objectType: 'layer', objectId: layer.code, result: 'success',
          detail: { before: { access: layer.access, requiredPermission: layer.requiredPermission, category: layer.category }, after: { access, requiredPermission: access === 'restricted' ? required : null, category: b.category ?? layer.category }, styleChanged: b.style !== undefined },
        });
      });
      gis.invalidate(p.regionCode, layer.code);
      return reply.code(204).send();
    });

    app.post('/layers/:code/query', {
      schema: {
        tags: ['gis'],
        summary: 'Features intersecting a drawn polygon (GeoJSON, EPSG:4490), with the overlap area',
        params: Type.Object({ code: LayerCode }),
        body: Type.Object({ geometry: Polygon, version: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }, { additionalProperties: false }),
      },
      preHandler: optionalUser(),
    }, async (request) => {
      const region = request.principal?.regionCode ?? app.ctx.config.regionCode;
      const layer = await gis.readableLayer(request.principal, region, request.params.code);
      const version = await gis.version(layer, request.body.version);
      const r = await gis.queryByPolygon(layer, version, request.body.geometry, request.body.limit, request.body.offset);
      return { type: 'FeatureCollection', layer: layer.code, version, numberMatched: r.total, numberReturned: r.features.length, features: r.features };
    });
  };
}
