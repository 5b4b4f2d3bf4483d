import type { FastifyInstance } from 'fastify';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../../core/auth/plugin.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, type Actor } from '../approval/actor.ts';
import { bureauName } from './bureau.ts';
import { DocumentErrors as E } from './errors.ts';
import type { NoticeBase } from './templates/common.ts';
import { renderAcceptanceNotice, renderApprovalDecision, renderDenialDecision, renderRejectionNotice, renderSupplementNotice } from './templates/notices.ts';

export const CASE_NOTICE_KINDS = ['acceptance', 'rejection', 'supplement', 'approval', 'denial'] as const;
export type CaseNoticeKind = (typeof CASE_NOTICE_KINDS)[number];
const FILE_NAMES: Record<CaseNoticeKind, string> = { acceptance: '受理通知书', rejection: '不予受理通知书', supplement: '补正告知书', approval: '准予行政许可决定书', denial: '不予行政许可决定书' };

interface TimelineEntry { action: string; at: string; comment: string | null; detail: Record<string, unknown> }

/**
 * The written notices of a case (行政许可法 Art 32, 38, 44) as PDFs, rendered from the case as it
 * stands: GET /api/cases/{id}/notices/{kind}.pdf. Staff with case:read inside their data scope;
 * a notice the case has not reached yet is a 409 problem.
 */
export function caseNoticeRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/cases/:id/notices/:kind.pdf', {
      schema: {
        tags: ['documents'],
        summary: 'A written notice of the case as PDF: 受理通知书, 不予受理通知书, 补正告知书, 准予/不予行政许可决定书',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.Union(CASE_NOTICE_KINDS.map((k) => Type.Literal(k))) }),
      },
      preHandler: requireUser({ permission: 'case:read' }),
    }, async (request, reply) => {
      const { pdf, fileName, asciiName } = await renderCaseNotice(app, actorOf(request), request.params.id, request.params.kind);
      return reply.type('application/pdf').header('cache-control', 'private, no-store')
        .header('content-disposition', `inline; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(pdf);
    });
  };
}

/**
 * One written notice of a case as PDF, from the same data the window prints. The actor decides
 * what is visible: staff within their data scope, an applicant only their own cases (the online
 * hall serves the same documents). A notice the case has not reached is 409.
 */
export async function renderCaseNotice(app: FastifyInstance, actor: Actor, id: string, kind: CaseNoticeKind): Promise<{ pdf: Buffer; fileName: string; asciiName: string }> {
  const c = await app.approval.views.detail(actor, id);
  const item = await app.approval.items.get(actor.regionCode, c.itemCode);
  const g = item.guide;
  const timeline = c.timeline as TimelineEntry[];
  const last = (action: string) => [...timeline].reverse().find((h) => h.action === action);
  const reasonOf = (h: TimelineEntry | undefined) => String(h?.detail.reason ?? h?.comment ?? '');
  const base: NoticeBase = {
    bureau: bureauName(actor.regionCode), caseNo: c.caseNo, queryCode: c.queryCode, publicBaseUrl: app.ctx.config.publicBaseUrl,
    applicant: { name: c.applicant.name }, itemName: c.itemName, date: app.ctx.now(), contact: { phone: g.enquiryPhone, address: g.place },
  };
  const unavailable = () => new AppError(E.NOTICE_NOT_AVAILABLE, { kind, state: c.state }, `the case is ${c.state}`);
  const p = c.project as Record<string, unknown>;
  const projectName = String(p.projectName ?? p.mineName ?? c.itemName);
  let pdf: Buffer;
  switch (kind) {
    case 'acceptance': {
      if (!c.acceptedOn || !c.clock.dueDate) throw unavailable();
      pdf = await renderAcceptanceNotice({
        ...base, date: c.acceptedOn, submittedOn: c.submittedAt.slice(0, 10), acceptedOn: c.acceptedOn,
        materials: c.materials.filter((m) => m.current).map((m) => ({ name: m.name, form: m.fileId ? '电子件' : undefined })),
        promisedDays: c.timeLimitDays, dueDate: c.clock.dueDate, legalDays: g.legalDays,
      });
      break;
    }
    case 'rejection': {
      const h = last('not_accept');
      if (c.state !== 'REJECTED_ACCEPT' || !h) throw unavailable();
      pdf = await renderRejectionNotice({ ...base, date: h.at.slice(0, 10), submittedOn: c.submittedAt.slice(0, 10), reasons: [reasonOf(h)], legalBasis: '《中华人民共和国行政许可法》第三十二条第一款' });
      break;
    }
    case 'supplement': {
      const n = c.supplementNotices.at(-1);
      if (!n) throw unavailable();
      const items = (n.items as { name: string; problem: string }[]).map((x) => ({ material: x.name, reason: x.problem }));
      pdf = await renderSupplementNotice({ ...base, date: n.issuedAt.slice(0, 10), submittedOn: c.submittedAt.slice(0, 10), items });
      break;
    }
    case 'approval': {
      if (c.decision !== 'approved' || !c.decidedAt || !c.acceptedOn) throw unavailable();
      const label = (k: string) => g.formSchema.fields.find((f) => f.key === k)?.label ?? k;
      const rows: [string, string][] = [['事项', c.itemName], ...Object.entries(p).filter(([k, v]) => k !== 'projectName' && v !== null && v !== '' && typeof v !== 'object').slice(0, 8).map(([k, v]) => [label(k), String(v)] as [string, string])];
      pdf = await renderApprovalDecision({
        ...base, date: c.decidedAt.slice(0, 10), acceptedOn: c.acceptedOn, decidedOn: c.decidedAt.slice(0, 10), projectName,
        projectLocation: p.location ? String(p.location) : undefined, legalBasis: g.legalBasis.join('；'), permitted: rows,
        certificate: c.certificateNo ? { typeName: g.resultName, number: c.certificateNo } : undefined,
      });
      break;
    }
    case 'denial': {
      const h = last('reject');
      if (c.decision !== 'denied' || !c.decidedAt || !c.acceptedOn) throw unavailable();
      pdf = await renderDenialDecision({ ...base, date: c.decidedAt.slice(0, 10), acceptedOn: c.acceptedOn, decidedOn: c.decidedAt.slice(0, 10), projectName, reasons: [reasonOf(h)], legalBasis: g.legalBasis.join('；') });
      break;
    }
  }
  return { pdf, fileName: `${FILE_NAMES[kind]}-${c.caseNo}.pdf`, asciiName: `${kind}-${c.caseNo}.pdf` };
}
