import { DEPARTMENTS } from '../../../core/bootstrap.ts';
import type { AppContext } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../actor.ts';
import { ApprovalErrors as E } from '../errors.ts';
import { addDays } from '../../../core/calendar/calendar.ts';
import { chinaDate } from './clock.ts';
import { caseQueryCode } from './query-code.ts';
import { CASE_COLS, type CaseRow } from './repository.ts';
import { CLOSED, STATE_NAMES, type CaseState } from './states.ts';
import type { CaseViews } from './views.ts';

/** History actions an applicant sees (progress tracking), zh and en; internal steps show as their department's work. */
const PUBLIC_ACTIONS: Record<string, [string, string]> = {
  submit: ['已申报', 'Submitted'], accept: ['已受理', 'Accepted'], not_accept: ['不予受理', 'Not accepted'], request_supplement: ['需补正材料', 'Supplement requested'],
  resubmit: ['已补正', 'Supplement provided'], start_special: ['进入特别程序', 'Special procedure started'], end_special: ['特别程序结束', 'Special procedure ended'],
  extend: ['延期办理', 'Time limit extended'], approve: ['准予许可', 'Approved'], reject: ['不予许可', 'Denied'], certify: ['已制证', 'Certificate issued'],
  deliver: ['已送达', 'Delivered'], withdraw: ['已撤回', 'Withdrawn'],
};
/** What the applicant did; the rest was done by a department of the bureau. */
const APPLICANT_ACTIONS = new Set(['submit', 'resubmit', 'withdraw']);

/** The legal reason of a pause of the clock (行政许可法 Art 45: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审 …). */
const PAUSE_REASONS: Record<string, [string, string]> = {
  supplement: ['补正材料', 'Supplementing materials'], publicity: ['公示', 'Public notice'], hearing: ['听证', 'Hearing'],
  expert_review: ['专家评审', 'Expert review'], site_survey: ['现场踏勘', 'Site survey'],
};

/** The written notices an applicant may download (documents module templates), in the order a case meets them. */
const NOTICES: { kind: string; name: string; nameEn: string }[] = [
  { kind: 'acceptance', name: '受理通知书', nameEn: 'Notice of acceptance' },
  { kind: 'rejection', name: '不予受理通知书', nameEn: 'Notice of non-acceptance' },
  { kind: 'supplement', name: '补正材料告知书', nameEn: 'Notice to supplement materials' },
  { kind: 'approval', name: '准予行政许可决定书', nameEn: 'Decision to grant the permit' },
  { kind: 'denial', name: '不予行政许可决定书', nameEn: 'Decision to deny the permit' },
];

const DEPT = new Map(DEPARTMENTS.map((d) => [d.code, d]));
function dept(code: string | null | undefined): { department: string; departmentEn: string } {
  const d = code ? DEPT.get(code) : undefined;
  return { department: d?.name ?? '衡南县自然资源局', departmentEn: d?.nameEn ?? 'County natural resources bureau' };
}

/** A reader of every case of a region, for the public progress lookup (no staff permission, no account). */
function publicReader(regionCode: string): Actor {
  return { userId: null, applicantId: null, username: 'public', displayName: '', regionCode, departmentCode: null, dataScope: 'region', permissions: new Set(), ip: null, userAgent: null, requestId: null };
}

type Detail = Awaited<ReturnType<CaseViews['detail']>>;

/**
 * What the online hall shows an applicant about their own cases: state, dates, 补正 notices,
 * materials, the legal clock (working days used of those allowed, pauses with their legal reason,
 * holidays not counted), a progress timeline by department without staff names or internal
 * comments (the reasons of 不予受理 / 不予许可 are shown: the applicant is entitled to them), and
 * the notices and certificate to download.
 */
export class ApplicantViews {
  constructor(private readonly ctx: AppContext, private readonly views: CaseViews) {}

  async list(actor: Actor) {
    if (!actor.applicantId) throw new AppError(E.CASE_NOT_FOUND);
    const r = await this.ctx.db.query<CaseRow & { item_name: string | null; pause_open: boolean }>(
      `SELECT ${CASE_COLS.split(',').map((c) => `c.${c.trim()}`).join(', ')}, si.name AS item_name, c.open_pause_since IS NOT NULL AS pause_open
         FROM cases c LEFT JOIN service_items si ON si.region_code = c.region_code AND si.code = c.item_code
        WHERE c.region_code = $1 AND c.applicant->>'accountId' = $2 ORDER BY c.submitted_at DESC`,
      [actor.regionCode, actor.applicantId],
    );
    const out = [];
    for (const c of r.rows) {
      out.push({ id: c.id, caseNo: c.case_no, itemCode: c.item_code, itemName: c.item_name ?? c.item_code, state: c.state, stateName: STATE_NAMES[c.state], submittedAt: c.submitted_at.toISOString(), dueDate: c.due_date, light: await this.views.caseLight(c, c.pause_open) });
    }
    return out;
  }

  /** The legal clock as the applicant sees it. */
  private async clock(d: Detail) {
    const today = chinaDate(this.ctx.now());
    const endDay = d.decidedAt ? chinaDate(new Date(d.decidedAt)) : d.closedAt ? chinaDate(new Date(d.closedAt)) : today;
    const closed = CLOSED.includes(d.state as CaseState) || d.decision !== null;
    const pauses = await Promise.all(d.pauses.map(async (p) => {
      const key = p.kind === 'supplement' ? 'supplement' : (p.procedure ?? 'site_survey');
      const [name, nameEn] = PAUSE_REASONS[key] ?? ['特别程序', 'Special procedure'];
      const days = p.pausedWorkingDays ?? (p.endedOn ? 0 : await this.ctx.calendar.workingDaysBetween(p.startedOn, today));
      return { kind: p.kind, procedure: p.procedure, reason: name, reasonName: name, reasonNameEn: nameEn, from: p.startedOn, to: p.endedOn, days };
    }));
    // Official holidays (not ordinary weekends) between acceptance and today or the decision: not counted.
    const holidaysSkipped = d.acceptedOn && endDay > d.acceptedOn
      ? (await this.ctx.calendar.days(addDays(d.acceptedOn, 1), endDay)).filter((x) => !x.working && x.name !== '').map((x) => ({ date: x.date, name: x.name }))
      : [];
    const paused = d.clock.paused;
    return {
      allowedDays: d.timeLimitDays + d.extensionDays,
      usedDays: d.clock.elapsedDays ?? 0,
      remainingDays: d.clock.remainingDays,
      dueDate: d.clock.dueDate,
      light: d.clock.light,
      running: d.acceptedOn !== null && !closed && !paused,
      pauses,
      holidaysSkipped,
    };
  }

  private timeline(d: Detail) {
    const deptOfStep = new Map(d.tasks.map((t) => [t.stepId, t.departmentCode]));
    return d.timeline.filter((h) => PUBLIC_ACTIONS[h.action]).map((h) => {
      const [label, labelEn] = PUBLIC_ACTIONS[h.action]!;
      const who = APPLICANT_ACTIONS.has(h.action)
        ? { department: '申请人', departmentEn: 'Applicant' }
        : dept((h.stepId ? deptOfStep.get(h.stepId) : null) ?? d.departmentCode);
      return {
        at: h.at, action: h.action, label, labelEn, state: h.to, ...who,
        ...(h.action === 'not_accept' || h.action === 'reject' ? { reason: String((h.detail as { reason?: unknown }).reason ?? h.comment ?? '') } : {}),
      };
    });
  }

  private documents(d: Detail) {
    const has: Record<string, boolean> = {
      acceptance: d.acceptedOn !== null && d.clock.dueDate !== null,
      rejection: d.state === 'REJECTED_ACCEPT',
      supplement: d.supplementNotices.length > 0,
      approval: d.decision === 'approved' && d.acceptedOn !== null,
      denial: d.decision === 'denied' && d.acceptedOn !== null,
    };
    return NOTICES.filter((n) => has[n.kind]).map((n) => ({ ...n, url: `/api/portal/cases/${d.id}/notices/${n.kind}.pdf` }));
  }

  async detail(actor: Actor, id: string) {
    if (!actor.applicantId) throw new AppError(E.CASE_NOT_FOUND, { id });
    const d = await this.views.detail(actor, id);
    return {
      id: d.id, caseNo: d.caseNo, queryCode: d.queryCode, itemCode: d.itemCode, itemName: d.itemName, state: d.state, stateName: d.stateName, version: d.version,
      applicant: d.applicant, project: d.project, submittedAt: d.submittedAt, acceptedOn: d.acceptedOn, dueDate: d.clock.dueDate,
      decision: d.decision, decidedAt: d.decidedAt, certificateNo: d.certificateNo, deliveredAt: d.deliveredAt,
      supplementNotices: d.supplementNotices, materials: d.materials,
      allowedActions: d.allowedActions,
      clock: await this.clock(d),
      timeline: this.timeline(d),
      documents: this.documents(d),
      certificate: d.certificateNo ? { number: d.certificateNo, url: `/api/portal/cases/${d.id}/certificate.pdf`, verifyUrl: `/verify/${encodeURIComponent(d.certificateNo)}` } : null,
    };
  }

  /**
   * The public progress lookup (QR code on every notice): a case of the region by number and query
   * code. Returns null when either is wrong, so the caller cannot tell which. No names, no comments.
   */
  async progress(regionCode: string, caseNo: string, code: string) {
    const r = await this.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE region_code = $1 AND case_no = $2', [regionCode, caseNo]);
    const expected = caseQueryCode(this.ctx.box, caseNo);
    // Computed for unknown numbers too, and compared in constant time.
    const same = code.length === expected.length && this.ctx.box.mac(`q:${code.toUpperCase()}`) === this.ctx.box.mac(`q:${expected}`);
    if (!r.rows[0] || !same) return null;
    const d = await this.views.detail(publicReader(regionCode), r.rows[0].id);
    return {
      caseNo: d.caseNo, itemName: d.itemName, state: d.state, stateName: d.stateName, submittedAt: d.submittedAt, dueDate: d.clock.dueDate, light: d.clock.light,
      timeline: this.timeline(d).map((h) => ({ at: h.at, label: h.label, labelEn: h.labelEn, department: h.department })),
    };
  }
}
