import type { AppContext } from '../../core/context.ts';
import type { Actor } from './actor.ts';
import { chinaDate, elapsedDays, light, type PauseLike } from './cases/clock.ts';
import { CLOSED, STATE_NAMES, type CaseState } from './cases/states.ts';
import type { Sheet } from './xlsx.ts';

export interface Period {
  from: string;
  to: string;
  itemCode?: string;
  department?: string;
}

interface Row {
  id: string;
  case_no: string;
  item_code: string;
  item_name: string;
  department_code: string | null;
  state: CaseState;
  channel: 'window' | 'online';
  submitted_at: Date;
  accepted_on: string | null;
  due_date: string | null;
  decided_at: Date | null;
  closed_at: Date | null;
  time_limit_days: number;
  warning_days: number;
  visits: number;
  handling_type: string;
  online_depth: string;
}

export interface CaseFigure {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  departmentCode: string | null;
  state: CaseState;
  stateName: string;
  submittedOn: string;
  acceptedOn: string | null;
  dueDate: string | null;
  finishedOn: string | null;
  workingDays: number | null;
  light: string;
  onTime: boolean | null;
  early: boolean | null;
  instant: boolean;
  fullyOnline: boolean;
  visits: number;
}

interface Group {
  key: string;
  name: string;
  cases: number;
  finished: number;
  onTime: number;
  early: number;
  overdue: number;
  warning: number;
  workingDaysSum: number;
  instant: number;
  fullyOnline: number;
  visits: number;
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * Efficiency supervision (效能监管): figures over the cases submitted in a period, by state, item
 * and department — on-time rate, average working days (per item and per step), overdue and warned
 * cases, early completion, share of 即办件, share handled fully online, average visits — with a
 * drill-down to the cases behind each figure and an xlsx export.
 */
export class SupervisionService {
  constructor(private readonly ctx: AppContext) {}

  /** One figure per case: what every aggregate and drill-down is computed from. */
  async caseFigures(actor: Actor, p: Period): Promise<CaseFigure[]> {
    const rows = (await this.ctx.db.query<Row>(
      `SELECT c.id, c.case_no, c.item_code, i.name AS item_name, c.department_code, c.state, c.channel, c.submitted_at, c.accepted_on::text AS accepted_on,
              c.due_date::text AS due_date, c.decided_at, c.closed_at, c.time_limit_days, c.warning_days, c.visits,
              v.guide->>'handlingType' AS handling_type, v.guide->>'onlineDepth' AS online_depth
         FROM cases c
         JOIN service_items i ON i.region_code = c.region_code AND i.code = c.item_code
         JOIN service_item_versions v ON v.item_id = i.id AND v.version = c.item_version
        WHERE c.region_code = $1 AND c.submitted_at >= ($2::date - interval '8 hours') AND c.submitted_at < ($3::date + interval '16 hours')
          AND ($4::text IS NULL OR c.item_code = $4) AND ($5::text IS NULL OR c.department_code = $5)
        ORDER BY c.submitted_at`,
      [actor.regionCode, p.from, p.to, p.itemCode ?? null, p.department ?? null],
    )).rows;
    const pauses = new Map<string, PauseLike[]>();
    if (rows.length > 0) {
      const r = await this.ctx.db.query<PauseLike & { case_id: string }>(
        `SELECT case_id, started_at, started_on::text AS started_on, ended_on::text AS ended_on, paused_working_days FROM case_pauses WHERE case_id = ANY($1::uuid[])`,
        [rows.map((x) => x.id)],
      );
      for (const x of r.rows) pauses.set(x.case_id, [...(pauses.get(x.case_id) ?? []), x]);
    }
    const today = chinaDate(this.ctx.now());
    const out: CaseFigure[] = [];
    for (const c of rows) {
      const ps = pauses.get(c.id) ?? [];
      const finished = c.decided_at ?? (CLOSED.includes(c.state) ? c.closed_at : null);
      const finishedOn = finished ? chinaDate(finished) : null;
      const workingDays = c.accepted_on ? await elapsedDays(this.ctx.calendar, c.accepted_on, finishedOn ?? today, ps) : null;
      const running = !finished && c.accepted_on !== null;
      const paused = ps.some((x) => !x.ended_on);
      const l = running ? (await light(this.ctx.calendar, today, c.due_date, c.warning_days, paused)).light : 'none';
      const decided = c.decided_at !== null && c.due_date !== null;
      out.push({
        id: c.id, caseNo: c.case_no, itemCode: c.item_code, itemName: c.item_name, departmentCode: c.department_code, state: c.state, stateName: STATE_NAMES[c.state],
        submittedOn: chinaDate(c.submitted_at), acceptedOn: c.accepted_on, dueDate: c.due_date, finishedOn, workingDays, light: l,
        onTime: decided ? finishedOn! <= c.due_date! : null,
        early: decided ? finishedOn! < c.due_date! : null,
        instant: c.handling_type === '即办件', fullyOnline: c.channel === 'online' && c.online_depth === '全程网办', visits: c.visits,
      });
    }
    return out;
  }

  private group(figs: CaseFigure[], keyOf: (f: CaseFigure) => string, nameOf: (f: CaseFigure) => string) {
    const groups = new Map<string, Group>();
    for (const f of figs) {
      const k = keyOf(f);
      const g = groups.get(k) ?? { key: k, name: nameOf(f), cases: 0, finished: 0, onTime: 0, early: 0, overdue: 0, warning: 0, workingDaysSum: 0, instant: 0, fullyOnline: 0, visits: 0 };
      g.cases++;
      if (f.onTime !== null) {
        g.finished++;
        if (f.onTime) g.onTime++;
        if (f.early) g.early++;
        g.workingDaysSum += f.workingDays ?? 0;
      }
      if (f.light === 'red') g.overdue++;
      if (f.light === 'yellow') g.warning++;
      if (f.instant) g.instant++;
      if (f.fullyOnline) g.fullyOnline++;
      g.visits += f.visits;
      groups.set(k, g);
    }
    return [...groups.values()].map((g) => ({
      key: g.key, name: g.name, cases: g.cases, decided: g.finished, onTimeRate: pct(g.onTime, g.finished), earlyRate: pct(g.early, g.finished),
      averageWorkingDays: g.finished ? Math.round((g.workingDaysSum / g.finished) * 10) / 10 : null, overdue: g.overdue, warning: g.warning,
      instantShare: pct(g.instant, g.cases), fullyOnlineShare: pct(g.fullyOnline, g.cases), averageVisits: g.cases ? Math.round((g.visits / g.cases) * 100) / 100 : null,
    }));
  }

  async summary(actor: Actor, p: Period) {
    const figs = await this.caseFigures(actor, p);
    const byState: Record<string, number> = {};
    for (const f of figs) byState[f.state] = (byState[f.state] ?? 0) + 1;
    const steps = (await this.ctx.db.query<{ step_id: string; step_name: string; item_code: string; started_on: string; completed_at: Date }>(
      `SELECT t.step_id, t.step_name, c.item_code, t.started_on::text AS started_on, t.completed_at FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.status = 'done' AND c.id = ANY($1::uuid[])`, [figs.map((f) => f.id)])).rows;
    const stepAgg = new Map<string, { itemCode: string; stepId: string; stepName: string; n: number; days: number }>();
    for (const s of steps) {
      const k = `${s.item_code}/${s.step_id}`;
      const a = stepAgg.get(k) ?? { itemCode: s.item_code, stepId: s.step_id, stepName: s.step_name, n: 0, days: 0 };
      a.n++;
      a.days += await this.ctx.calendar.workingDaysBetween(s.started_on, chinaDate(s.completed_at));
      stepAgg.set(k, a);
    }
    return {
      period: p,
      totals: this.group(figs, () => 'all', () => '全部')[0] ?? null,
      byState: Object.entries(byState).map(([state, cases]) => ({ state, name: STATE_NAMES[state as CaseState], cases })),
      byItem: this.group(figs, (f) => f.itemCode, (f) => f.itemName),
      byDepartment: this.group(figs, (f) => f.departmentCode ?? '', (f) => f.departmentCode ?? ''),
      byStep: [...stepAgg.values()].map((a) => ({ itemCode: a.itemCode, stepId: a.stepId, stepName: a.stepName, tasks: a.n, averageWorkingDays: Math.round((a.days / a.n) * 10) / 10 })),
    };
  }

  /** The cases behind a figure: all, overdue, warning, on time, late, early, instant or fully online. */
  async drill(actor: Actor, p: Period & { metric: 'all' | 'overdue' | 'warning' | 'onTime' | 'late' | 'early' | 'instant' | 'fullyOnline'; state?: string }) {
    const figs = await this.caseFigures(actor, p);
    const pick: Record<typeof p.metric, (f: CaseFigure) => boolean> = {
      all: () => true, overdue: (f) => f.light === 'red', warning: (f) => f.light === 'yellow', onTime: (f) => f.onTime === true,
      late: (f) => f.onTime === false, early: (f) => f.early === true, instant: (f) => f.instant, fullyOnline: (f) => f.fullyOnline,
    };
    return figs.filter((f) => pick[p.metric](f) && (!p.state || f.state === p.state));
  }

  async workbook(actor: Actor, p: Period): Promise<Sheet[]> {
    const s = await this.summary(actor, p);
    const figs = await this.caseFigures(actor, p);
    const head = ['分组', '名称', '办件数', '办结数', '按时办结率%', '提前办结率%', '平均用时(工作日)', '超期', '预警', '即办件占比%', '全程网办占比%', '平均跑动次数'];
    const rows = (gs: ReturnType<SupervisionService['group']>) => gs.map((g) => [g.key, g.name, g.cases, g.decided, g.onTimeRate, g.earlyRate, g.averageWorkingDays, g.overdue, g.warning, g.instantShare, g.fullyOnlineShare, g.averageVisits]);
    return [
      { name: '按事项', rows: [head, ...rows(s.byItem)] },
      { name: '按科室', rows: [head, ...rows(s.byDepartment)] },
      { name: '按环节', rows: [['事项', '环节', '环节名称', '办理次数', '平均用时(工作日)'], ...s.byStep.map((x) => [x.itemCode, x.stepId, x.stepName, x.tasks, x.averageWorkingDays])] },
      { name: '办件明细', rows: [['办件编号', '事项', '科室', '状态', '申报日期', '受理日期', '办理期限', '办结日期', '用时(工作日)', '按时', '预警'],
        ...figs.map((f) => [f.caseNo, f.itemName, f.departmentCode, f.stateName, f.submittedOn, f.acceptedOn, f.dueDate, f.finishedOn, f.workingDays, f.onTime === null ? null : f.onTime ? '是' : '否', f.light])] },
    ];
  }
}
