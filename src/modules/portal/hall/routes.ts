import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import fs from 'node:fs';
import { AppError, CoreErrors } from '../../../core/errors.ts';
import { applicantActor } from '../../approval/actor.ts';
import { ItemCode } from '../../approval/schemas.ts';
import type { CertificateService } from '../../documents/service.ts';
import { readBoundaryFile } from '../../review/boundary/read.ts';
import { ReviewErrors } from '../../review/errors.ts';
import { requireApplicant } from '../accounts/plugin.ts';
import { UPLOAD_MAX_BYTES, type Acting, type DraftService } from './drafts.ts';
import { HallErrors as E } from './errors.ts';
import { CASE_NOTICE_KINDS as NOTICE_KINDS, renderCaseNotice } from '../../documents/case-notices.ts';
import * as repo from './repository.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
// Values are checked against the item's form in the service (no type coercion at the edge: "123" stays text).
const Project = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,40}$' }), Type.Unknown(), { maxProperties: 60 });
const MaterialRef = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }), fileId: Uuid }, { additionalProperties: false });
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** RFC 6266/5987 Content-Disposition that carries a Chinese file name safely. */
function disposition(kind: 'inline' | 'attachment', name: string, ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')): string {
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Another account's case and an unknown case give the same 403, revealing nothing. */
async function ownCase<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === 'CASE_NOT_FOUND') throw new AppError(E.CASE_FORBIDDEN);
    throw err;
  }
}

/** Audit details of the hall's own writes (the approval engine audits case transitions itself). */
function audit(request: FastifyRequest, a: Acting, action: string, objectType: string, objectId: string | null, detail: Record<string, unknown> = {}): void {
  request.auditInfo = { action, objectType, ...(objectId ? { objectId } : {}), detail: { actor: 'applicant', applicantId: a.accountId, ...(a.personId !== a.accountId ? { agentId: a.personId } : {}), ...detail } };
}

/**
 * The online hall's applicant routes under /api/portal: uploads, drafts with the boundary
 * pre-check, submission, my cases (补正, withdrawal, notices, certificate); and the public
 * progress lookup.
 */
export function hallRoutes(drafts: DraftService, certificates: CertificateService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const region = () => app.ctx.config.regionCode;
    const guard = requireApplicant(app.portal.accounts);

    /** The acting account (the person, or the organisation an agent acts for) and its actor. */
    async function acting(request: FastifyRequest): Promise<Acting> {
      const p = request.applicant!;
      const accountId = p.actingFor ?? p.applicantId;
      const acct = accountId === p.applicantId ? null : await repo.accountById(app.ctx.db, accountId);
      const actor = applicantActor({ applicantId: accountId, displayName: acct?.display_name ?? p.displayName, regionCode: region(), ip: request.rctx.ip, userAgent: request.rctx.userAgent, requestId: request.id });
      return { accountId, personId: p.applicantId, actor };
    }

    // ---- uploads -------------------------------------------------------------------------

    app.post('/uploads', {
      schema: { tags: ['portal'], summary: 'Upload one material file (multipart field "file"; PDF, JPEG or PNG by content; at most 20 MB)', consumes: ['multipart/form-data'] },
      preHandler: guard,
    }, async (request, reply) => {
      const a = await acting(request);
      audit(request, a, 'portal.upload', 'file', null);
      // A body announced as too large is refused before a byte of it is read.
      const announced = Number(request.headers['content-length'] ?? 0);
      const cutOff = (err: unknown) => {
        if (err instanceof AppError && err.code === E.UPLOAD_TOO_LARGE) reply.header('connection', 'close');
        throw err;
      };
      if (announced > UPLOAD_MAX_BYTES + 64 * 1024) cutOff(new AppError(E.UPLOAD_TOO_LARGE, { maxBytes: UPLOAD_MAX_BYTES }));
      if (!request.isMultipart()) throw new AppError(CoreErrors.UNSUPPORTED_MEDIA_TYPE, {}, 'send multipart/form-data with a "file" part');
      const part = await request.file();
      if (!part || part.fieldname !== 'file') throw new AppError(E.UPLOAD_MISSING);
      const stored = await drafts.upload(a, part.file, part.filename).catch(cutOff);
      audit(request, a, 'portal.upload', 'file', stored.id, { sha256: stored.sha256, size: stored.size, mime: stored.mime });
      return reply.code(201).send({ fileId: stored.id, name: stored.originalName, size: stored.size, mime: stored.mime, sha256: stored.sha256 });
    });

    app.get('/uploads/:fileId', {
      schema: { tags: ['portal'], summary: 'Download a file this account uploaded', params: Type.Object({ fileId: Uuid }) },
      preHandler: guard,
    }, async (request, reply) => {
      const a = await acting(request);
      audit(request, a, 'portal.file_download', 'file', request.params.fileId);
      const f = await drafts.file(a, request.params.fileId);
      return reply.type(f.mime).header('content-disposition', disposition('attachment', f.originalName)).header('cache-control', 'private, no-store')
        .header('content-length', f.size).send(fs.createReadStream(f.path));
    });

    // ---- drafts --------------------------------------------------------------------------

    app.get('/drafts', { schema: { tags: ['portal'], summary: 'This account’s unfinished applications' }, preHandler: guard },
      async (request) => drafts.list(await acting(request)));

    app.post('/drafts', {
      schema: { tags: ['portal'], summary: 'Start an application (draft) for a service item', body: Type.Object({ itemCode: ItemCode }, { additionalProperties: false }) },
      preHandler: guard,
    }, async (request, reply) => {
      const a = await acting(request);
      audit(request, a, 'portal.draft_create', 'draft', null, { itemCode: request.body.itemCode });
      const d = await drafts.create(a, request.body.itemCode);
      audit(request, a, 'portal.draft_create', 'draft', d.id, { itemCode: d.itemCode });
      return reply.code(201).send(d);
    });

    app.get('/drafts/:id', { schema: { tags: ['portal'], summary: 'One draft', params: IdParams }, preHandler: guard },
      async (request) => drafts.get(await acting(request), request.params.id));

    app.put('/drafts/:id', {
      schema: {
        tags: ['portal'], summary: 'Save a draft (project values may be incomplete; 409 on a stale expectedVersion)', params: IdParams,
        body: Type.Object({ expectedVersion: Type.Integer({ minimum: 1 }), project: Project, materials: Type.Array(MaterialRef, { maxItems: 60 }) }, { additionalProperties: false }),
      },
      preHandler: guard,
    }, async (request) => {
      const a = await acting(request);
      audit(request, a, 'portal.draft_save', 'draft', request.params.id);
      return drafts.save(a, request.params.id, request.body);
    });

    app.delete('/drafts/:id', { schema: { tags: ['portal'], summary: 'Delete an unsubmitted draft', params: IdParams }, preHandler: guard }, async (request, reply) => {
      const a = await acting(request);
      audit(request, a, 'portal.draft_delete', 'draft', request.params.id);
      await drafts.remove(a, request.params.id);
      return reply.code(204).send();
    });

    app.post('/drafts/:id/boundary', {
      schema: {
        tags: ['portal'], summary: 'Upload the project boundary (national TXT, GeoJSON, zipped Shapefile, DXF; multipart field "file") and run the instant pre-check (预审)',
        params: IdParams, consumes: ['multipart/form-data'],
      },
      preHandler: guard,
    }, async (request) => {
      const a = await acting(request);
      audit(request, a, 'portal.draft_boundary', 'draft', request.params.id);
      const target = await drafts.boundaryTarget(a, request.params.id);
      if (!request.isMultipart()) throw new AppError(ReviewErrors.BOUNDARY_FILE_MISSING);
      const part = await request.file();
      if (!part || part.fieldname !== 'file') throw new AppError(ReviewErrors.BOUNDARY_FILE_MISSING);
      const bytes = await part.toBuffer();
      const input = await readBoundaryFile(bytes, part.filename.slice(0, 200), {});
      const d = await drafts.precheck(a, target, input, request.rctx);
      audit(request, a, 'portal.draft_boundary', 'draft', d.id, { reportNo: d.precheck?.reportNo ?? null, verdict: d.precheck?.verdict ?? null });
      return d;
    });

    app.get('/drafts/:id/precheck.pdf', { schema: { tags: ['portal'], summary: 'The pre-check report of the draft’s boundary as PDF', params: IdParams }, preHandler: guard }, async (request, reply) => {
      const { reportNo, bytes } = await drafts.precheckPdf(await acting(request), request.params.id);
      return reply.type('application/pdf').header('cache-control', 'private, no-store').header('content-disposition', disposition('inline', `预审报告-${reportNo}.pdf`, `precheck-${reportNo}.pdf`)).send(bytes);
    });

    app.post('/drafts/:id/submit', {
      schema: { tags: ['portal'], summary: 'Submit the draft as a case; header Idempotency-Key required (201 new, 200 the same key again)', params: IdParams },
      preHandler: guard,
    }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw new AppError(E.IDEMPOTENCY_KEY_REQUIRED);
      const a = await acting(request);
      audit(request, a, 'portal.submit', 'draft', request.params.id);
      const r = await drafts.submit(a, request.params.id, key);
      // The case engine audited the submission (approval.case_submit) when it made the case.
      request.audited = r.created;
      audit(request, a, 'portal.submit', 'case', r.caseNo, { draftId: request.params.id, replay: !r.created });
      return reply.code(r.created ? 201 : 200).send({ caseId: r.caseId, caseNo: r.caseNo, queryCode: r.queryCode });
    });

    // ---- my cases ------------------------------------------------------------------------

    app.get('/cases', { schema: { tags: ['portal'], summary: 'This account’s cases' }, preHandler: guard },
      async (request) => app.approval.applicantViews.list((await acting(request)).actor));

    app.get('/cases/:id', {
      schema: { tags: ['portal'], summary: 'One own case: state, legal clock, timeline by department, notices, certificate (403 for any other id)', params: IdParams },
      preHandler: guard,
    }, async (request) => {
      const a = await acting(request);
      return ownCase(() => app.approval.applicantViews.detail(a.actor, request.params.id));
    });

    app.post('/cases/:id/resubmit', {
      schema: {
        tags: ['portal'], summary: 'Answer a 补正 notice: replace only the listed materials and resubmit', params: IdParams,
        body: Type.Object({
          expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
          materials: Type.Array(Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }), fileId: Uuid, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 60 }),
        }, { additionalProperties: false }),
      },
      preHandler: guard,
    }, async (request) => {
      const a = await acting(request);
      audit(request, a, 'portal.resubmit', 'case', request.params.id);
      const c = await ownCase(() => app.approval.applicantViews.detail(a.actor, request.params.id));
      const open = c.supplementNotices.filter((n) => n.answeredAt === null).at(-1);
      const listed = new Set(((open?.items ?? []) as { materialCode?: string }[]).map((i) => i.materialCode).filter(Boolean));
      const errors = request.body.materials.flatMap((m, i) => (listed.has(m.code) ? [] : [{ field: `materials[${i}].code`, message: `补正告知书未列明材料“${m.code}”` }]));
      if (open && errors.length) throw new AppError(E.MATERIAL_NOT_REQUESTED, { errors, listed: [...listed] });
      const owned = await repo.ownedFiles(app.ctx.db, a.accountId, request.body.materials.map((m) => m.fileId));
      const notMine = request.body.materials.flatMap((m, i) => (owned.has(m.fileId) ? [] : [{ field: `materials[${i}].fileId`, message: '文件不存在或不是本账号上传的' }]));
      if (notMine.length) throw new AppError(E.DRAFT_MATERIAL_INVALID, { errors: notMine });
      await ownCase(() => app.approval.cases.act(a.actor, request.params.id, { action: 'resubmit', expectedVersion: request.body.expectedVersion, materials: request.body.materials }));
      // The engine audited the transition (approval.case_resubmit); refusals above are recorded by the audit hook.
      request.audited = true;
      return app.approval.applicantViews.detail(a.actor, request.params.id);
    });

    app.post('/cases/:id/withdraw', {
      schema: { tags: ['portal'], summary: 'Withdraw the application before the decision', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false }) },
      preHandler: guard,
    }, async (request) => {
      const a = await acting(request);
      audit(request, a, 'portal.withdraw', 'case', request.params.id);
      await ownCase(() => app.approval.applicantViews.detail(a.actor, request.params.id));
      await app.approval.cases.act(a.actor, request.params.id, { action: 'withdraw', reason: request.body.reason });
      request.audited = true;
      return app.approval.applicantViews.detail(a.actor, request.params.id);
    });

    app.get('/cases/:id/notices/:kind', {
      schema: { tags: ['portal'], summary: 'A notice or decision of an own case as PDF (acceptance, rejection, supplement, approval, denial)', params: Type.Object({ id: Uuid, kind: Type.Union(NOTICE_KINDS.map((k) => Type.Literal(`${k}.pdf`))) }) },
      preHandler: guard,
    }, async (request, reply) => {
      const a = await acting(request);
      const kind = String(request.params.kind).slice(0, -4) as (typeof NOTICE_KINDS)[number];
      audit(request, a, 'portal.notice_pdf', 'case', request.params.id, { kind });
      const { pdf, fileName, asciiName } = await ownCase(() => renderCaseNotice(app, a.actor, request.params.id, kind));
      return reply.type('application/pdf').header('cache-control', 'private, no-store').header('content-disposition', disposition('inline', fileName, asciiName)).send(pdf);
    });

    app.get('/cases/:id/certificate.pdf', {
      schema: { tags: ['portal'], summary: 'The electronic certificate of an own case as PDF', params: IdParams },
      preHandler: guard,
    }, async (request, reply) => {
      const a = await acting(request);
      audit(request, a, 'portal.certificate_pdf', 'case', request.params.id);
      const c = await ownCase(() => app.approval.applicantViews.detail(a.actor, request.params.id));
      if (!c.certificateNo) throw new AppError(E.CERTIFICATE_NOT_ISSUED);
      const pdf = await certificates.renderPdf(c.certificateNo);
      return reply.type('application/pdf').header('cache-control', 'private, no-store').header('content-disposition', disposition('inline', `${c.certificateNo}.pdf`)).send(pdf);
    });

    // ---- public progress -------------------------------------------------------------------

    app.get('/progress', {
      schema: {
        tags: ['portal'], summary: 'Progress of a case by case number and query code (public; the QR code on every notice leads here)', security: [],
        querystring: Type.Object({ no: Type.String({ minLength: 1, maxLength: 40 }), code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
      },
    }, async (request) => {
      const now = app.ctx.now();
      if ((await repo.progressFailures(app.ctx.db, request.ip, now)) >= 20) throw new AppError(E.PROGRESS_RATE_LIMITED);
      const p = await app.approval.applicantViews.progress(region(), request.query.no.trim(), request.query.code.trim());
      if (!p) {
        await repo.recordProgressFailure(app.ctx.db, request.ip, now);
        throw new AppError(E.PROGRESS_NOT_FOUND);
      }
      return p;
    });
  };
}
