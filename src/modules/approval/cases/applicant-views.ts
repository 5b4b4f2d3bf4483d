import type { AppContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../actor.ts';
import { ApprovalErrors as E } from '../errors.ts';
import { STATE_NAMES, type CaseState } from './states.ts';
import type { CaseViews } from './views.ts';

/** History actions an applicant sees (progress tracking); internal steps show as "in review". */
const PUBLIC_ACTIONS: Record<string, string> = {
  submit: '已申报', accept: '已受理', not_accept: '不予受理', request_supplement: '需补正材料', resubmit: '已补正',
  start_special: '进入特别程序', end_special: '特别程序结束', extend: '延期办理', approve: '准予许可', reject: '不予许可',
  certify: '已制证', deliver: '已送达', withdraw: '已撤回',
};

/**
 * What the online hall shows an applicant about their own cases: state, dates, 补正 notices,
 * materials and a progress timeline without staff names or internal comments (the reasons of
 * 不予受理 / 不予许可 are shown: the applicant is entitled to them).
 */
export class ApplicantViews {
  constructor(private readonly ctx: AppContext, private readonly views: CaseViews) {}

  async list(actor: Actor) {
    if (!actor.applicantId) throw new AppError(E.CASE_NOT_FOUND);
    const r = await this.ctx.db.query<{ id: string; case_no: string; item_code: string; state: CaseState; submitted_at: Date; due_date: string | null }>(
      `SELECT id, case_no, item_code, state, submitted_at, due_date::text AS due_date FROM cases WHERE region_code = $1 AND applicant->>'accountId' = $2 ORDER BY submitted_at DESC`,
      [actor.regionCode, actor.applicantId],
    );
    return r.rows.map((c) => ({ id: c.id, caseNo: c.case_no, itemCode: c.item_code, state: c.state, stateName: STATE_NAMES[c.state], submittedAt: c.submitted_at.toISOString(), dueDate: c.due_date }));
  }

  async detail(actor: Actor, id: string) {
    if (!actor.applicantId) throw new AppError(E.CASE_NOT_FOUND, { id });
    const d = await this.views.detail(actor, id);
    return {
      id: d.id, caseNo: d.caseNo, itemCode: d.itemCode, itemName: d.itemName, state: d.state, stateName: d.stateName, version: d.version,
      applicant: d.applicant, project: d.project, submittedAt: d.submittedAt, acceptedOn: d.acceptedOn, dueDate: d.clock.dueDate,
      decision: d.decision, decidedAt: d.decidedAt, certificateNo: d.certificateNo, deliveredAt: d.deliveredAt,
      supplementNotices: d.supplementNotices, materials: d.materials,
      timeline: d.timeline.filter((h) => PUBLIC_ACTIONS[h.action]).map((h) => ({
        at: h.at, action: h.action, label: PUBLIC_ACTIONS[h.action]!, state: h.to,
        ...(h.action === 'not_accept' || h.action === 'reject' ? { reason: h.comment } : {}),
      })),
      allowedActions: d.allowedActions,
    };
  }
}
