import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { optionalUser } from '../../core/auth/plugin.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { Layer } from './layers.ts';
import { LayerCode, parseBbox } from './routes.ts';
import type { GisService } from './service.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';
const CONFORMS = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];
const GEOJSON = 'application/geo+json';
const RESERVED = new Set(['bbox', 'bbox-crs', 'crs', 'limit', 'offset', 'f', 'datetime']);

type Coords = number[] | Coords[];
/** EPSG:4490 has latitude first; CRS84 longitude first. Stored data is lon/lat. */
function swapAxes(c: Coords): Coords {
  if (typeof c[0] === 'number') return [c[1] as number, c[0], ...(c.slice(2) as number[])];
  return (c as Coords[]).map(swapAxes);
}

function crsOf(uri: string | undefined): 'CRS84' | '4490' {
  if (uri === undefined || uri === CRS84) return 'CRS84';
  if (uri === EPSG4490) return '4490';
  throw new AppError(G.CRS_NOT_SUPPORTED, { crs: uri, supported: [CRS84, EPSG4490] });
}

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 2 (CRS by reference: CRS84 and
 * EPSG:4490) over the published layer versions, under /ogc.
 */
export function ogcRoutes(gis: GisService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const region = (r: FastifyRequest) => r.principal?.regionCode ?? app.ctx.config.regionCode;
    const base = (r: FastifyRequest) => `${r.protocol}://${r.host}/ogc`;

    const collection = async (r: FastifyRequest, l: Layer) => {
      const versions = await gis.versions(l);
      const bbox = versions.find((v) => v.version === l.currentVersion)?.bbox ?? [-180, -90, 180, 90];
      const self = `${base(r)}/collections/${l.code}`;
      return {
        id: l.code,
        title: l.name,
        description: `${l.name} (${l.nameEn}), version ${l.currentVersion ?? '—'}`,
        itemType: 'feature',
        extent: { spatial: { bbox: [bbox], crs: CRS84 } },
        crs: [CRS84, EPSG4490],
        storageCrs: EPSG4490,
        links: [
          { href: self, rel: 'self', type: 'application/json', title: l.name },
          { href: `${self}/items`, rel: 'items', type: GEOJSON, title: l.name },
        ],
      };
    };

    app.get('/', { schema: { tags: ['ogc'], summary: 'OGC API landing page' } }, async (r, reply) => {
      reply.type('application/json');
      return {
        title: 'landgov 国土空间基础信息平台',
        description: 'OGC API – Features of the county spatial data (一张图)',
        links: [
          { href: `${base(r)}`, rel: 'self', type: 'application/json', title: 'this document' },
          { href: `${r.protocol}://${r.host}/docs/json`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'API definition' },
          { href: `${base(r)}/conformance`, rel: 'conformance', type: 'application/json', title: 'conformance' },
          { href: `${base(r)}/collections`, rel: 'data', type: 'application/json', title: 'collections' },
        ],
      };
    });

    app.get('/conformance', { schema: { tags: ['ogc'], summary: 'Conformance classes' } }, async () => ({ conformsTo: CONFORMS }));

    app.get('/collections', { schema: { tags: ['ogc'], summary: 'Collections the caller may read' }, preHandler: optionalUser() }, async (r) => {
      const layers = (await gis.layersFor(r.principal, region(r))).filter((l) => l.currentVersion !== null);
      return { links: [{ href: `${base(r)}/collections`, rel: 'self', type: 'application/json' }], crs: [CRS84, EPSG4490], collections: await Promise.all(layers.map((l) => collection(r, l))) };
    });

    app.get('/collections/:id', { schema: { tags: ['ogc'], summary: 'One collection', params: Type.Object({ id: LayerCode }) }, preHandler: optionalUser() }, async (r) => {
      const l = await gis.readableLayer(r.principal, region(r), r.params.id);
      await gis.version(l);
      return collection(r, l);
    });

    app.get('/collections/:id/items', {
      schema: {
        tags: ['ogc'],
        summary: 'Features (bbox, bbox-crs, crs, limit, offset, property=value)',
        params: Type.Object({ id: LayerCode }),
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }), bbox: Type.Optional(Type.String()), 'bbox-crs': Type.Optional(Type.String()), crs: Type.Optional(Type.String()) }, { additionalProperties: true }),
      },
      preHandler: optionalUser(),
    }, async (r, reply) => {
      const l = await gis.servingLayer(r.principal, region(r), r.params.id);
      const version = await gis.version(l);
      const q = r.query as Record<string, string | number | undefined>;
      const outCrs = crsOf(r.query.crs);
      let bbox = parseBbox(r.query.bbox);
      if (bbox && crsOf(r.query['bbox-crs']) === '4490') bbox = [bbox[1]!, bbox[0]!, bbox[3]!, bbox[2]!];
      const props: Record<string, string> = {};
      for (const [k, v] of Object.entries(q)) if (!RESERVED.has(k) && v !== undefined) props[k] = String(v);
      const { limit, offset } = r.query;
      const res = await gis.featurePage(l, version, { bbox, props, limit, offset, latLon: outCrs === '4490' });
      const url = new URL(`${base(r)}/collections/${l.code}/items`);
      for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'offset') url.searchParams.set(k, String(v));
      const page = (o: number) => {
        url.searchParams.set('offset', String(o));
        return url.toString();
      };
      const links = [{ href: page(offset), rel: 'self', type: GEOJSON }];
      if (offset + res.returned < res.total) links.push({ href: page(offset + limit), rel: 'next', type: GEOJSON });
      if (offset > 0) links.push({ href: page(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON });
      reply.type(GEOJSON).header('content-crs', `<${outCrs === '4490' ? EPSG4490 : CRS84}>`);
      // The features arrive as GeoJSON text from the database and are passed through unparsed.
      return reply.send(`{"type":"FeatureCollection","timeStamp":"${new Date().toISOString()}","numberMatched":${res.total},"numberReturned":${res.returned},"features":${res.featuresJson},"links":${JSON.stringify(links)}}`);
    });

    app.get('/collections/:id/items/:featureId', {
      schema: { tags: ['ogc'], summary: 'One feature', params: Type.Object({ id: LayerCode, featureId: Type.Integer({ minimum: 0 }) }), querystring: Type.Object({ crs: Type.Optional(Type.String()), f: Type.Optional(Type.String()) }) },
      preHandler: optionalUser(),
    }, async (r, reply) => {
      const l = await gis.readableLayer(r.principal, region(r), r.params.id);
      const version = await gis.version(l);
      const outCrs = crsOf(r.query.crs);
      const f = await gis.feature(l, version, r.params.featureId);
      reply.type(GEOJSON).header('content-crs', `<${outCrs === '4490' ? EPSG4490 : CRS84}>`);
      const self = `${base(r)}/collections/${l.code}/items/${f.id}`;
      return {
        ...f,
        geometry: outCrs === '4490' ? { ...f.geometry, coordinates: swapAxes(f.geometry.coordinates) } : f.geometry,
        links: [{ href: self, rel: 'self', type: GEOJSON }, { href: `${base(r)}/collections/${l.code}`, rel: 'collection', type: 'application/json' }],
      };
    });
  };
}
