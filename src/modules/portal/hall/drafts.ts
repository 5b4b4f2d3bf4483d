import { Transform, type Readable } from 'node:stream';
import type { RequestContext } from '../../../core/auth/service.ts';
import type { AppContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { FileErrors, sniffType, type StoredFile } from '../../../core/files/store.ts';
import type { Actor } from '../../approval/actor.ts';
import type { ApprovalModule } from '../../approval/index.ts';
import type { ItemRecord } from '../../approval/items.ts';
import type { ApplicantIn } from '../../approval/cases/service.ts';
import type { BoundaryInput } from '../../review/boundary/types.ts';
import type { ReviewService } from '../../review/service.ts';
import { VERDICT_NAMES, type Verdict } from '../../review/rules/types.ts';
import { HallErrors as E } from './errors.ts';
import { formErrors } from './form.ts';
import type { GuideService } from './guides.ts';
import * as repo from './repository.ts';

/** Materials: 20 MB per file, PDF, JPEG or PNG by content. */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const MATERIAL_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const SNIFF_BYTES = 4100;

/** The account an applicant acts as (a person, or the organisation an agent acts for) and its actor for the approval engine. */
export interface Acting {
  accountId: string;
  personId: string;
  actor: Actor;
}

function uploadMeter(): Transform {
  let size = 0;
  let head = Buffer.alloc(0);
  let checked = false;
  const check = async () => {
    checked = true;
    const type = await sniffType(head);
    if (!type || !MATERIAL_TYPES.has(type.mime)) throw new AppError(E.UPLOAD_TYPE_NOT_ALLOWED, { detected: type?.mime ?? null });
  };
  return new Transform({
    async transform(chunk: Buffer, _enc, cb) {
      try {
        size += chunk.length;
        if (size > UPLOAD_MAX_BYTES) throw new AppError(E.UPLOAD_TOO_LARGE, { maxBytes: UPLOAD_MAX_BYTES });
        if (!checked && head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        // The type is known from the first bytes: an .exe renamed .pdf stops here, before it is stored.
        if (!checked && head.length >= SNIFF_BYTES) await check();
        cb(null, chunk);
      } catch (err) {
        cb(err as Error);
      }
    },
    async flush(cb) {
      try {
        if (!checked && head.length > 0) await check();
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

/** Drafts, uploads, the boundary pre-check and submission of the online hall. */
export class DraftService {
  constructor(
    private readonly ctx: AppContext,
    private readonly approval: ApprovalModule,
    private readonly reviews: ReviewService,
    private readonly guides: GuideService,
  ) {}

  private get region(): string {
    return this.ctx.config.regionCode;
  }

  // ---- uploads ---------------------------------------------------------------------------

  /**
   * Stores an uploaded material for the acting account. The stream is measured and its type read
   * from the first bytes while it flows: past 20 MB or of another type it stops at once (the
   * temporary file removed, no row written) and the caller's request is not read further.
   */
  async upload(a: Acting, file: Readable, name: string): Promise<StoredFile> {
    const meter = uploadMeter();
    file.on('error', (err) => meter.destroy(err));
    file.pipe(meter);
    let stored: StoredFile;
    try {
      stored = await this.ctx.files.put(this.ctx.db, meter, { originalName: name, regionCode: this.region, userId: null });
    } catch (err) {
      file.unpipe(meter);
      if (err instanceof AppError && err.code === FileErrors.FILE_TOO_LARGE) throw new AppError(E.UPLOAD_TOO_LARGE, { maxBytes: UPLOAD_MAX_BYTES });
      if (err instanceof AppError && err.code === FileErrors.FILE_TYPE_NOT_ALLOWED) throw new AppError(E.UPLOAD_TYPE_NOT_ALLOWED);
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(E.UPLOAD_TOO_LARGE, { maxBytes: UPLOAD_MAX_BYTES });
      throw err;
    }
    try {
      await repo.recordFileOwner(this.ctx.db, stored.id, this.region, a.accountId, this.ctx.now());
    } catch (err) {
      await this.ctx.db.query('DELETE FROM files WHERE id = $1', [stored.id]).catch(() => undefined);
      throw err;
    }
    return stored;
  }

  /** A file the acting account uploaded; any other (or unknown) file is 403 UPLOAD_FORBIDDEN. */
  async file(a: Acting, fileId: string) {
    const owner = await repo.fileOwner(this.ctx.db, fileId);
    if (owner !== a.accountId) throw new AppError(E.UPLOAD_FORBIDDEN);
    return this.ctx.files.get(this.ctx.db, fileId, this.region);
  }

  // ---- drafts ----------------------------------------------------------------------------

  private async own(a: Acting, id: string, lock = false): Promise<repo.DraftRow> {
    const d = await repo.draftById(this.ctx.db, id, lock);
    // Unknown and foreign drafts look the same.
    if (!d || d.applicant_id !== a.accountId || d.region_code !== this.region) throw new AppError(E.DRAFT_FORBIDDEN);
    return d;
  }

  private async view(d: repo.DraftRow, item?: ItemRecord) {
    const it = item ?? (await this.approval.items.get(d.region_code, d.item_code));
    const files = await repo.ownedFiles(this.ctx.db, d.applicant_id, d.materials.map((m) => m.fileId));
    return {
      id: d.id, itemCode: d.item_code, itemName: it.guide.name, version: d.version, project: d.project,
      materials: d.materials.map((m) => ({ code: m.code, fileId: m.fileId, name: files.get(m.fileId)?.name ?? '', size: files.get(m.fileId)?.size ?? 0, mime: files.get(m.fileId)?.mime ?? '' })),
      boundaryFileName: d.boundary_file_name, boundary: d.boundary, precheck: d.precheck, submittedCaseId: d.submitted_case_id, updatedAt: d.updated_at.toISOString(),
    };
  }

  async list(a: Acting) {
    const items = new Map((await this.approval.items.list(this.region, true)).map((it) => [it.code, it.guide.name]));
    return (await repo.draftsOf(this.ctx.db, this.region, a.accountId)).map((d) => ({ id: d.id, itemCode: d.item_code, itemName: items.get(d.item_code) ?? d.item_code, updatedAt: d.updated_at.toISOString() }));
  }

  async create(a: Acting, itemCode: string) {
    const item = await this.guides.item(this.region, itemCode);
    const d = await repo.insertDraft(this.ctx.db, { region: this.region, applicantId: a.accountId, itemCode: item.code, now: this.ctx.now() });
    return this.view(d, item);
  }

  async get(a: Acting, id: string) {
    return this.view(await this.own(a, id));
  }

  private submitted(d: repo.DraftRow): AppError {
    return new AppError(E.DRAFT_ALREADY_SUBMITTED, { caseId: d.submitted_case_id });
  }

  /** Checks a draft's materials: each on the item's checklist once, each file uploaded by this account. */
  private async checkMaterials(a: Acting, item: ItemRecord, materials: repo.DraftMaterial[]): Promise<void> {
    const codes = new Set(item.guide.materials.map((m) => m.code));
    const seen = new Set<string>();
    const files = await repo.ownedFiles(this.ctx.db, a.accountId, materials.map((m) => m.fileId));
    const errors: { field: string; message: string }[] = [];
    materials.forEach((m, i) => {
      if (!codes.has(m.code)) errors.push({ field: `materials[${i}].code`, message: `本事项没有材料“${m.code}”` });
      else if (seen.has(m.code)) errors.push({ field: `materials[${i}].code`, message: '同一材料只能对应一个文件' });
      if (!files.has(m.fileId)) errors.push({ field: `materials[${i}].fileId`, message: '文件不存在或不是本账号上传的' });
      seen.add(m.code);
    });
    if (errors.length) throw new AppError(E.DRAFT_MATERIAL_INVALID, { errors });
  }

  async save(a: Acting, id: string, body: { expectedVersion: number; project: Record<string, unknown>; materials: repo.DraftMaterial[] }) {
    const d = await this.own(a, id);
    if (d.submitted_case_id) throw this.submitted(d);
    const item = await this.approval.items.get(this.region, d.item_code);
    const typeErrors = formErrors(item.guide.formSchema.fields, body.project, { draft: true });
    if (typeErrors.length) throw new AppError(E.APPLICATION_INVALID, { errors: typeErrors.map(({ field, message }) => ({ field, message })) }, typeErrors.map((e) => `${e.field}: ${e.messageEn}`).join('; '));
    await this.checkMaterials(a, item, body.materials);
    const saved = await repo.saveDraft(this.ctx.db, d.id, body.expectedVersion, body.project, body.materials.map((m) => ({ code: m.code, fileId: m.fileId })), this.ctx.now());
    if (!saved) {
      const now = await this.own(a, id);
      if (now.submitted_case_id) throw this.submitted(now);
      throw new AppError(E.DRAFT_VERSION_CONFLICT, { currentVersion: now.version });
    }
    return this.view(saved, item);
  }

  async remove(a: Acting, id: string): Promise<void> {
    const d = await this.own(a, id);
    if (d.submitted_case_id) throw this.submitted(d);
    if (!(await repo.deleteDraft(this.ctx.db, d.id))) throw this.submitted(await this.own(a, id));
  }

  // ---- boundary pre-check ----------------------------------------------------------------

  /** Refuses a boundary for a draft whose item has no spatial review, before the upload is read. */
  async boundaryTarget(a: Acting, id: string): Promise<{ draft: repo.DraftRow; item: ItemRecord }> {
    const d = await this.own(a, id);
    if (d.submitted_case_id) throw this.submitted(d);
    const item = await this.approval.items.get(this.region, d.item_code);
    if (!item.guide.spatialReview.required) throw new AppError(E.BOUNDARY_NOT_USED, { itemCode: d.item_code });
    return { draft: d, item };
  }

  /** Runs the review module's instant pre-check (预审) on the boundary and keeps its result on the draft. */
  async precheck(a: Acting, target: { draft: repo.DraftRow; item: ItemRecord }, input: BoundaryInput, rctx: RequestContext) {
    // Review reports name staff creators; an applicant's pre-check has none (the audit row names the account).
    const reviewer = { userId: null as unknown as string, username: a.actor.username, regionCode: this.region };
    const report = await this.reviews.review(reviewer, { itemCode: target.item.code, caseId: null, input }, rctx);
    const overall = report.overall as Verdict;
    const precheck = {
      reportId: report.id, reportNo: report.reportNo, verdict: overall, verdictName: VERDICT_NAMES[overall].zh, verdictNameEn: VERDICT_NAMES[overall].en,
      areaM2: report.boundary.area.m2, areaHa: report.boundary.area.ha, areaMu: report.boundary.area.mu,
      rules: report.results.map((r) => ({ id: r.ruleId, name: r.title.zh, nameEn: r.title.en, verdict: r.verdict, message: r.message.zh, messageEn: r.message.en })),
      createdAt: report.createdAt,
    };
    const saved = await repo.setBoundary(this.ctx.db, target.draft.id, { boundary: report.boundary.geometry, fileName: input.fileName ?? 'boundary', reportId: report.id, precheck, now: this.ctx.now() });
    if (!saved) throw this.submitted(await this.own(a, target.draft.id));
    return this.view(saved, target.item);
  }

  async precheckPdf(a: Acting, id: string): Promise<{ reportNo: string; bytes: Buffer }> {
    const d = await this.own(a, id);
    if (!d.precheck_report_id) throw new AppError(E.PRECHECK_NOT_AVAILABLE);
    return this.reviews.pdf(this.region, d.precheck_report_id);
  }

  // ---- submission ------------------------------------------------------------------------

  /** The applicant of the case as the approval engine stores it, from the acting account (ID and phone decrypted here only). */
  private async applicantIn(a: Acting): Promise<ApplicantIn> {
    const acct = await repo.accountById(this.ctx.db, a.accountId);
    if (!acct) throw new AppError(E.DRAFT_FORBIDDEN);
    const person = a.personId === a.accountId ? acct : await repo.accountById(this.ctx.db, a.personId);
    const phoneEnc = acct.phone_enc ?? person?.phone_enc ?? null;
    return {
      type: acct.kind,
      name: acct.display_name,
      idType: acct.kind === 'person' ? 'resident_id' : 'credit_code',
      idNumber: this.ctx.box.decrypt(acct.id_number_enc),
      phone: phoneEnc ? this.ctx.box.decrypt(phoneEnc) : '',
      ...(acct.kind === 'organisation' && person ? { contactName: person.display_name.slice(0, 50) } : {}),
    };
  }

  /**
   * Submits a draft as a case. The same Idempotency-Key answers with the same case (200); another
   * key on a submitted draft is 409. The case is keyed by the draft, so concurrent submissions of
   * one draft make one case whatever their keys. Checks (nothing changes when one fails): the form
   * (APPLICATION_INVALID), every required material (MATERIALS_MISSING), the boundary (BOUNDARY_REQUIRED).
   */
  async submit(a: Acting, id: string, key: string): Promise<{ created: boolean; caseId: string; caseNo: string; queryCode: string }> {
    const d = await this.own(a, id);
    if (d.submitted_case_id) {
      if (d.submit_key !== key) throw this.submitted(d);
      return { created: false, caseId: d.submitted_case_id, ...(await this.caseNumbers(a, d.submitted_case_id)) };
    }
    const item = await this.guides.item(this.region, d.item_code);
    const g = item.guide;
    const errors = formErrors(g.formSchema.fields, d.project);
    if (errors.length) throw new AppError(E.APPLICATION_INVALID, { errors: errors.map(({ field, message }) => ({ field, message })) }, errors.map((e) => `${e.field}: ${e.messageEn}`).join('; '));
    const owned = await repo.ownedFiles(this.ctx.db, a.accountId, d.materials.map((m) => m.fileId));
    const present = new Set(d.materials.filter((m) => owned.has(m.fileId)).map((m) => m.code));
    const missing = g.materials.filter((m) => m.requirement === 'required' && !present.has(m.code)).map((m) => ({ code: m.code, name: m.name }));
    if (missing.length) throw new AppError(E.MATERIALS_MISSING, { missing }, `missing: ${missing.map((m) => m.code).join(', ')}`);
    if (g.spatialReview.required && (!d.boundary || !d.precheck_report_id)) throw new AppError(E.BOUNDARY_REQUIRED);
    const r = await this.approval.cases.submit(a.actor, {
      itemCode: d.item_code, applicant: await this.applicantIn(a), project: d.project,
      materials: d.materials.filter((m) => owned.has(m.fileId)).map((m) => ({ code: m.code, fileId: m.fileId })),
      boundary: d.boundary, reviewReportId: d.precheck_report_id, channel: 'online',
    }, `draft:${d.id}`);
    const mine = await repo.markSubmitted(this.ctx.db, d.id, r.id, key, this.ctx.now());
    if (!mine) {
      const now = await this.own(a, id);
      if (now.submit_key !== key) throw this.submitted(now);
    }
    return { created: mine, caseId: r.id, ...(await this.caseNumbers(a, r.id)) };
  }

  private async caseNumbers(a: Acting, caseId: string): Promise<{ caseNo: string; queryCode: string }> {
    const c = await this.approval.applicantViews.detail(a.actor, caseId);
    return { caseNo: c.caseNo, queryCode: c.queryCode };
  }
}
