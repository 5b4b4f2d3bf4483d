import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { requireUser } from '../../core/auth/plugin.ts';
import { AuthErrors } from '../../core/auth/errors.ts';
import { AppError, CoreErrors } from '../../core/errors.ts';
import { fromGeoJson, readBoundaryFile } from './boundary/read.ts';
import type { BoundaryInput } from './boundary/types.ts';
import { ReviewErrors as E } from './errors.ts';
import { CaseId, ItemCode, OverrideBody, RerunBody, ReportId, ReviewJsonBody, ReviewMultipartBody, RuleSetBody } from './schemas.ts';
import type { ReviewService } from './service.ts';

interface ReviewRequest {
  itemCode: string;
  caseId: string | null;
  input: BoundaryInput;
}

/** Reads POST /api/reviews: multipart (file + fields) or JSON (GeoJSON geometry in EPSG:4490). */
async function readRequest(request: FastifyRequest): Promise<ReviewRequest> {
  if (!request.isMultipart()) {
    const body = request.body;
    if (!Value.Check(ReviewJsonBody, body)) {
      const first = [...Value.Errors(ReviewJsonBody, body)][0];
      throw new AppError(CoreErrors.VALIDATION_FAILED, {}, `body: ${first?.path || '/'} ${first?.message ?? 'invalid'}`);
    }
    return { itemCode: body.itemCode, caseId: body.caseId ?? null, input: fromGeoJson(body.geometry, 'json', null) };
  }
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw new AppError(CoreErrors.VALIDATION_FAILED, {}, `unexpected file part "${part.fieldname}"`);
      file = { name: part.filename, bytes: await part.toBuffer() };
    } else fields[part.fieldname] = String(part.value);
  }
  if (!file || !fields.itemCode) throw new AppError(E.BOUNDARY_FILE_MISSING);
  if (!Value.Check(ItemCode, fields.itemCode)) throw new AppError(CoreErrors.VALIDATION_FAILED, { field: 'itemCode' }, 'itemCode is not a service item code');
  if (fields.caseId !== undefined && !Value.Check(CaseId, fields.caseId)) throw new AppError(CoreErrors.VALIDATION_FAILED, { field: 'caseId' }, 'caseId is not valid');
  let zone: number | undefined;
  if (fields.zone !== undefined && fields.zone !== '') {
    zone = Number(fields.zone);
    if (!Number.isInteger(zone) || zone < 13 || zone > 45) throw new AppError(CoreErrors.VALIDATION_FAILED, { field: 'zone' }, 'zone must be a Gauss-Krüger zone number (3°: 25–45, 6°: 13–23)');
  }
  const dxfLayer = fields.dxfLayer ? fields.dxfLayer.slice(0, 100) : undefined;
  const input = await readBoundaryFile(file.bytes, file.name.slice(0, 200), { zone, dxfLayer });
  return { itemCode: fields.itemCode, caseId: fields.caseId ?? null, input };
}

/** /api/reviews: run, fetch, re-run and override compliance reviews. */
export function reviewRoutes(reviews: ReviewService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/', {
      schema: {
        tags: ['review'],
        summary: 'Run the spatial compliance review (辅助审查) of a boundary for a service item; returns the report',
        description: 'multipart/form-data with `file` (界址点坐标 TXT in GBK or UTF-8, zipped Shapefile, GeoJSON, DXF) and `itemCode` (optional `caseId`, `dxfLayer`, `zone`), or JSON `{"itemCode", "geometry"}` with GeoJSON in EPSG:4490. A bad boundary is a 4xx problem naming the parcel, point and coordinates.',
        body: { content: { 'application/json': { schema: ReviewJsonBody }, 'multipart/form-data': { schema: ReviewMultipartBody } } } as never,
      },
      // Multipart bodies are read and checked in the handler; JSON bodies are checked there too (one code path).
      validatorCompiler: () => () => true,
      preHandler: requireUser({ permission: 'review:run' }),
    }, async (request, reply) => {
      const p = request.principal!;
      const r = await readRequest(request);
      const report = await reviews.review({ userId: p.userId, username: p.username, regionCode: p.regionCode }, r, request.rctx);
      request.audited = true;
      return reply.code(201).send(report);
    });

    app.get('/:id', {
      schema: { tags: ['review'], summary: 'A review report (GET /api/reviews/{id}.pdf: the report as PDF)', params: ReportId },
      preHandler: requireUser({ permission: 'review:run' }),
    }, async (request, reply) => {
      const p = request.principal!;
      const id = request.params.id;
      if (id.endsWith('.pdf')) {
        const { reportNo, bytes } = await reviews.pdf(p.regionCode, id.slice(0, -4));
        request.auditInfo = { action: 'review.report_pdf', objectType: 'review_report', objectId: reportNo };
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${reportNo}.pdf"`).send(bytes);
      }
      return reply.send(await reviews.report(p.regionCode, id));
    });

    app.post('/:id/rerun', {
      schema: { tags: ['review'], summary: 'Run a report again on its boundary and rule-set version (same or current layer versions)', params: ReportId, body: RerunBody },
      preHandler: requireUser({ permission: 'review:run' }),
    }, async (request, reply) => {
      const p = request.principal!;
      const report = await reviews.rerun({ userId: p.userId, username: p.username, regionCode: p.regionCode }, request.params.id, { pinVersions: request.body.pinVersions }, request.rctx);
      request.audited = true;
      return reply.code(201).send(report);
    });

    app.post('/:id/overrides', {
      schema: { tags: ['review'], summary: 'Override a rule’s verdict judged a false positive (written reason required; audited)', params: ReportId, body: OverrideBody },
      preHandler: requireUser({ permission: 'case:review' }),
    }, async (request) => {
      const report = await reviews.override(request.principal!, request.params.id, request.body, request.rctx);
      request.audited = true;
      return report;
    });

    app.get('/', {
      schema: { tags: ['review'], summary: 'The review reports of a case, newest first', querystring: Type.Object({ caseId: CaseId }, { additionalProperties: false }) },
      preHandler: requireUser({ permission: 'review:run' }),
    }, async (request) => reviews.reportsOfCase(request.principal!.regionCode, request.query.caseId));

    app.get('/flags', {
      schema: {
        tags: ['review'],
        summary: 'Re-reviews of open cases after a layer changed (what changed, before and after): one case (caseId) or up to 200 (caseIds, comma-separated); acknowledged flags only with include=acknowledged',
        querystring: Type.Object({
          caseId: Type.Optional(CaseId),
          caseIds: Type.Optional(Type.String({ maxLength: 200 * 65, pattern: '^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+){0,199}$' })),
          include: Type.Optional(Type.Literal('acknowledged', { description: 'also list the flags already acknowledged' })),
        }, { additionalProperties: false }),
      },
      preHandler: requireUser({ permission: 'case:read' }),
    }, async (request) => {
      const q = request.query;
      if (!q.caseId && !q.caseIds) throw new AppError(CoreErrors.VALIDATION_FAILED, { field: 'caseId' }, 'querystring: caseId or caseIds is required');
      const ids = q.caseIds?.split(',') ?? [q.caseId!];
      return reviews.flags(request.principal!, ids, q.include === 'acknowledged');
    });

    app.post('/flags/:id/acknowledge', {
      schema: {
        tags: ['review'],
        summary: 'Acknowledge a re-review flag (once; a second time is 409 FLAG_ALREADY_ACKNOWLEDGED), with an optional note; audited',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }),
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 500, description: 'what the reviewer did about it' })) }, { additionalProperties: false }),
      },
      preHandler: requireUser({ permission: 'case:read' }),
    }, async (request) => {
      const flag = await reviews.acknowledgeFlag(request.principal!, request.params.id, request.body.note ?? null, request.rctx);
      request.audited = true;
      return flag;
    });
  };
}

/** /api/review-rule-sets: the versioned rule sets per service item. */
export function ruleSetRoutes(reviews: ReviewService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const Params = Type.Object({ itemCode: ItemCode });
    // Reviewers read the rules they run; rule administrators read what they edit.
    const signedIn = requireUser();
    const readers: preHandlerAsyncHookHandler = async function (request, reply) {
      await signedIn.call(this, request, reply);
      const p = request.principal!;
      if (!p.permissions.has('review:run') && !p.permissions.has('rules:manage')) throw new AppError(AuthErrors.FORBIDDEN, { permission: 'review:run' });
    };
    app.get('/', { schema: { tags: ['review'], summary: 'The current rule set of every service item with a spatial review' }, preHandler: readers },
      async (request) => reviews.ruleSets(request.principal!.regionCode));

    app.get('/:itemCode', {
      schema: { tags: ['review'], summary: 'A service item’s rule set (the current one, or ?version=n)', params: Params, querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }) },
      preHandler: readers,
    }, async (request) => reviews.ruleSet(request.principal!.regionCode, request.params.itemCode, request.query.version));

    app.get('/:itemCode/history', {
      schema: { tags: ['review'], summary: 'Every version of a service item’s rule set, newest first', params: Params },
      preHandler: readers,
    }, async (request) => reviews.ruleSetHistory(request.principal!.regionCode, request.params.itemCode));

    app.put('/:itemCode', {
      schema: { tags: ['review'], summary: 'Save an edited rule set as the next version (validated: known layers and measures, well-ordered thresholds; audited)', params: Params, body: RuleSetBody },
      preHandler: requireUser({ permission: 'rules:manage' }),
    }, async (request) => {
      const set = await reviews.saveRuleSet(request.principal!, request.params.itemCode, request.body.rules, request.body.note ?? null, request.rctx);
      request.audited = true;
      return set;
    });
  };
}
