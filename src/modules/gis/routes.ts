import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { optionalUser, requireUser } from '../../core/auth/plugin.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import { LayerExporter } from './export/service.ts';
import type { Layer } from './layers.ts';
import type { GisService } from './service.ts';
import { JsTileEncoder, SqlTileEncoder, TileCache, tileBounds, type Grid, type TileEncoder } from './tiles.ts';

export const LayerCode = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' });
const Version = Type.Optional(Type.Integer({ minimum: 1 }));

/** Parses "minx,miny,maxx,maxy" in degrees. */
export function parseBbox(s: string | undefined): number[] | undefined {
  if (s === undefined) return undefined;
  const parts = s.split(',').map(Number);
  if (parts.length !== 4 || parts.some((x) => !Number.isFinite(x)) || parts[0]! > parts[2]! || parts[1]! > parts[3]!) throw new AppError(G.BBOX_INVALID, { bbox: s });
  return parts;
}

function layerView(l: Layer) {
  return { code: l.code, name: l.name, nameEn: l.nameEn, category: l.category, geometryType: l.geometryType, fields: l.fields, style: l.style, access: l.access, currentVersion: l.currentVersion };
}

/** The one-map API (/api/gis): catalogue, versions, features, identify, statistics. */
export function gisApiRoutes(gis: GisService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const region = (r: FastifyRequest) => r.principal?.regionCode ?? app.ctx.config.regionCode;

    app.get('/layers', { schema: { tags: ['gis'], summary: 'Layers the caller may read' }, preHandler: optionalUser() }, async (request) =>
      (await gis.layersFor(request.principal, region(request))).map(layerView));

    app.get('/layers/:code', { schema: { tags: ['gis'], summary: 'One layer with its version history', params: Type.Object({ code: LayerCode }) }, preHandler: optionalUser() }, async (request) => {
      const layer = await gis.readableLayer(request.principal, region(request), request.params.code);
      return { ...layerView(layer), versions: await gis.versions(layer) };
    });

    app.get('/layers/:code/features', {
      schema: {
        tags: ['gis'],
        summary: 'Features as GeoJSON (bbox in EPSG:4490 degrees, equality filters prop.NAME=value)',
        params: Type.Object({ code: LayerCode }),
        querystring: Type.Object({ bbox: Type.Optional(Type.String()), version: Version, limit: Type.Integer({ minimum: 1, maximum: 5000, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }, { additionalProperties: true }),
      },
      preHandler: optionalUser(),
    }, async (request, reply) => {
      const layer = await gis.servingLayer(request.principal, region(request), request.params.code);
      const version = await gis.version(layer, request.query.version);
      const props: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.query as Record<string, unknown>)) if (k.startsWith('prop.') && typeof v === 'string') props[k.slice(5)] = v;
      const r = await gis.featurePage(layer, version, { bbox: parseBbox(request.query.bbox), props, limit: request.query.limit, offset: request.query.offset });
      // The features arrive as GeoJSON text from the database and are passed through unparsed.
      return reply.type('application/json; charset=utf-8')
        .send(`{"type":"FeatureCollection","layer":${JSON.stringify(layer.code)},"version":${version},"numberMatched":${r.total},"numberReturned":${r.returned},"features":${r.featuresJson}}`);
    });

    app.get('/identify', {
      schema: { tags: ['gis'], summary: 'Features of the readable layers at a point (EPSG:4490)', querystring: Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }), layers: Type.Optional(Type.String()) }, { additionalProperties: false }) },
      preHandler: optionalUser(),
    }, async (request) => gis.identify(request.principal, region(request), request.query.lon, request.query.lat, request.query.layers?.split(',')));

    app.post('/layers/:code/stats/area', {
      schema: {
        tags: ['gis'],
        summary: 'Ellipsoidal area grouped by a property, optionally within a polygon (GeoJSON, EPSG:4490)',
        params: Type.Object({ code: LayerCode }),
        body: Type.Object({ by: Type.String({ maxLength: 40 }), prefixLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 19, description: 'group hierarchical codes by their first N characters (ZLDWDM by 9 = towns)' })), version: Version, within: Type.Optional(Type.Object({ type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]), coordinates: Type.Array(Type.Any()) })) }, { additionalProperties: false }),
      },
      preHandler: optionalUser(),
    }, async (request) => {
      const layer = await gis.readableLayer(request.principal, region(request), request.params.code);
      const version = await gis.version(layer, request.body.version);
      return { layer: layer.code, version, by: request.body.by, groups: await gis.areaBy(layer, version, request.body.by, request.body.within, request.body.prefixLength) };
    });

    app.post('/layers/:code/imports', {
      schema: {
        tags: ['gis'],
        summary: 'Import an uploaded file (GeoJSON, zipped Shapefile, GeoPackage, boundary txt) as the next version of a layer; runs as a job',
        params: Type.Object({ code: LayerCode }),
        body: Type.Object({
          fileId: Type.String({ format: 'uuid' }),
          sourceLayer: Type.Optional(Type.String({ maxLength: 100 })),
          zone: Type.Optional(Type.Integer({ minimum: 13, maximum: 45 })),
          define: Type.Optional(Type.Object({
            name: Type.String({ minLength: 1, maxLength: 60 }),
            nameEn: Type.Optional(Type.String({ maxLength: 80 })),
            category: Type.Union([Type.Literal('base'), Type.Literal('current'), Type.Literal('planning'), Type.Literal('management'), Type.Literal('other')]),
            geometryType: Type.Union([Type.Literal('polygon'), Type.Literal('line'), Type.Literal('point')]),
            access: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('staff'), Type.Literal('restricted')])),
            requiredPermission: Type.Optional(Type.String({ maxLength: 40 })),
          }, { additionalProperties: false })),
        }, { additionalProperties: false }),
      },
      preHandler: requireUser({ permission: 'layer:manage' }),
    }, async (request, reply) => {
      request.auditInfo = { action: 'gis.import_start', objectType: 'layer', objectId: request.params.code, detail: { fileId: request.body.fileId } };
      return reply.code(202).send(await gis.startImport(request.principal!, request.params.code, request.body));
    });

    app.get('/jobs/:id', {
      schema: { tags: ['gis'], summary: 'An import job: status and progress (percent, features/s)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
      preHandler: requireUser({ permission: 'layer:manage' }),
    }, async (request) => {
      const r = await app.ctx.db.query<{ id: number; status: string; attempts: number; progress: unknown; last_error: string | null; created_at: Date; finished_at: Date | null; payload: Record<string, unknown> }>(
        `SELECT id, status, attempts, progress, last_error, created_at, finished_at, payload FROM jobs WHERE id = $1 AND region_code = $2 AND queue LIKE 'gis.%'`,
        [request.params.id, request.principal!.regionCode],
      );
      const j = r.rows[0];
      if (!j) throw new AppError(G.JOB_NOT_FOUND);
      return { id: j.id, status: j.status, progress: j.progress, error: j.last_error, layer: j.payload.layerCode, version: j.payload.version, createdAt: j.created_at.toISOString(), finishedAt: j.finished_at?.toISOString() ?? null };
    });

    const exporter = new LayerExporter(app.ctx.db);
    app.get('/layers/:code/export', {
      schema: {
        tags: ['gis'],
        summary: 'Download a layer version or a filtered part of it as GeoJSON, zipped Shapefile (GBK) or CSV (bbox in EPSG:4490 degrees, prop.NAME=value, crs 4490 | 4326 | 4513–4554)',
        params: Type.Object({ code: LayerCode }),
        querystring: Type.Object({
          format: Type.String({ default: 'geojson', maxLength: 20 }),
          version: Version,
          bbox: Type.Optional(Type.String({ maxLength: 200 })),
          crs: Type.Optional(Type.String({ maxLength: 20 })),
          geometry: Type.Optional(Type.Union([Type.Literal('wkt'), Type.Literal('none')])),
        }, { additionalProperties: true }),
      },
      preHandler: requireUser({ permission: 'layer:export' }),
    }, async (request, reply) => {
      const { code } = request.params;
      const q = request.query;
      // Every export is audited, refusals included: the security plugin writes the row on send.
      const audit = { action: 'gis.export', objectType: 'layer', objectId: code, detail: { format: q.format, count: null as number | null, bbox: q.bbox ?? null, crs: q.crs ?? '4490' } };
      request.auditInfo = audit;
      const layer = await gis.readableLayer(request.principal, region(request), code);
      const version = await gis.version(layer, q.version);
      audit.objectId = `${code}@${version}`;
      const props: Record<string, string> = {};
      for (const [k, v] of Object.entries(q as Record<string, unknown>)) if (k.startsWith('prop.') && typeof v === 'string') props[k.slice(5)] = v;
      const file = await exporter.export(layer, version, { format: q.format, crs: q.crs, bbox: parseBbox(q.bbox), props, geometry: q.geometry !== 'none' });
      audit.detail.count = file.count;
      return reply.type(file.contentType).header('content-disposition', file.disposition).header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff').header('x-feature-count', file.count).send(file.body);
    });
  };
}

/** Vector tiles: /tiles/{layer}/{z}/{x}/{y}.mvt (Web Mercator), /tiles/4490/{layer}/… (CGCS2000), TileJSON. */
export function tileRoutes(gis: GisService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const encoder: TileEncoder = app.ctx.db.kind === 'postgres' ? new SqlTileEncoder(app.ctx.db) : new JsTileEncoder(app.ctx.db);
    const cache = new TileCache();
    const region = (r: FastifyRequest) => r.principal?.regionCode ?? app.ctx.config.regionCode;
    const TileParams = Type.Object({ layer: LayerCode, z: Type.Integer({ minimum: 0, maximum: 22 }), x: Type.Integer({ minimum: 0 }), y: Type.Integer({ minimum: 0 }) });

    const serve = async (grid: Grid, params: { layer: string; z: number; x: number; y: number }, request: FastifyRequest, reply: FastifyReply) => {
      const { layer: code, z, x, y } = params;
      const layer = await gis.servingLayer(request.principal, region(request), code);
      const version = await gis.version(layer);
      const b = tileBounds(grid, z, x, y);
      const key = `${layer.id}:${version}:${grid}:${z}/${x}/${y}`;
      const etag = `"${crypto.createHash('sha1').update(key).digest('hex').slice(0, 20)}"`;
      // Short max-age plus an ETag that names the layer version: a new version shows within a minute,
      // and revalidation costs a 304.
      reply.header('etag', etag).header('cache-control', layer.access === 'public' ? 'public, max-age=60' : 'private, max-age=60').header('vary', 'Cookie');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      let tile = cache.get(key);
      if (!tile) {
        tile = await encoder.encode(layer, version, b);
        cache.set(key, tile);
      }
      if (tile.length === 0) return reply.code(204).send();
      return reply.type('application/vnd.mapbox-vector-tile').header('x-tile-encoder', encoder.name).send(tile);
    };

    app.get('/:layer/:z/:x/:y.mvt', { schema: { tags: ['tiles'], summary: 'Vector tile, Web Mercator grid', params: TileParams }, preHandler: optionalUser() }, (request, reply) => serve('webmercator', request.params, request, reply));
    app.get('/4490/:layer/:z/:x/:y.mvt', { schema: { tags: ['tiles'], summary: 'Vector tile, CGCS2000 geographic grid (天地图 c)', params: TileParams }, preHandler: optionalUser() }, (request, reply) => serve('cgcs2000', request.params, request, reply));

    app.get('/:layer.json', { schema: { tags: ['tiles'], summary: 'TileJSON 3.0 of a layer', params: Type.Object({ layer: LayerCode }) }, preHandler: optionalUser() }, async (request) => {
      const layer = await gis.readableLayer(request.principal, region(request), request.params.layer);
      const versions = await gis.versions(layer);
      const current = versions.find((v) => v.version === layer.currentVersion);
      const base = `${request.protocol}://${request.host}`;
      return {
        tilejson: '3.0.0',
        name: layer.name,
        version: String(layer.currentVersion ?? 0),
        scheme: 'xyz',
        tiles: [`${base}/tiles/${layer.code}/{z}/{x}/{y}.mvt`],
        minzoom: 0,
        maxzoom: 18,
        bounds: current?.bbox ?? [-180, -85, 180, 85],
        vector_layers: [{ id: layer.code, fields: Object.fromEntries(layer.fields.map((f) => [f.name, f.type === 'string' ? 'String' : f.type === 'boolean' ? 'Boolean' : 'Number'])) }],
      };
    });
  };
}
