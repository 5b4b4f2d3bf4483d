import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ItemCode } from '../../approval/schemas.ts';
import type { GuideService } from './guides.ts';

const MaterialCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' });

/** Public guides (办事指南) of the online hall: /api/portal/guides. No sign-in. */
export function guideRoutes(guides: GuideService, region: () => string): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Templates and samples change only with a new guide version: let browsers and proxies keep them.
    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.routeOptions.config as { publicCache?: boolean } | undefined)?.publicCache && reply.statusCode === 200) reply.header('cache-control', 'public, max-age=86400');
      return payload;
    });

    app.get('/guides', {
      schema: {
        tags: ['portal'], summary: 'Service guides by theme, audience and text (public)', security: [],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          theme: Type.Optional(Type.Union([Type.Literal('planning'), Type.Literal('land'), Type.Literal('mineral'), Type.Literal('survey'), Type.Literal('realestate')])),
          audience: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('organisation')])),
        }, { additionalProperties: false }),
      },
    }, async (request) => guides.list(region(), request.query));

    app.get('/guides/:code', {
      schema: { tags: ['portal'], summary: 'One service guide with its steps (by department), materials with template and sample links, and FAQ (public)', security: [], params: Type.Object({ code: ItemCode }) },
    }, async (request) => guides.detail(region(), request.params.code));

    app.get('/guides/:code/materials/:materialCode/:kind', {
      schema: {
        tags: ['portal'], summary: 'A material’s blank template (template.pdf) or filled sample (sample.pdf) as PDF (public, cacheable)', security: [],
        params: Type.Object({ code: ItemCode, materialCode: MaterialCode, kind: Type.Union([Type.Literal('template.pdf'), Type.Literal('sample.pdf')]) }),
      },
      config: { publicCache: true },
    }, async (request, reply) => {
      const kind = request.params.kind === 'template.pdf' ? 'template' : 'sample';
      const { bytes, fileName, version } = await guides.materialPdf(region(), request.params.code, request.params.materialCode, kind);
      return reply.type('application/pdf')
        .header('etag', `"${request.params.code}-${version}-${request.params.materialCode}-${kind}"`)
        .header('content-disposition', `inline; filename="${request.params.materialCode}-${kind}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(bytes);
    });
  };
}
