// Generator of the approval benchmark (bench/approval.ts): a bureau's two years of cases, set-based
// in SQL. Realistic data, not the submission code path — but every row has the columns and JSON
// shapes CaseService writes (cases, case_tasks, case_history, case_pauses), so the real views,
// lists and supervision queries read it as they read cases the service made.
import type { AppContext } from '../src/core/context.ts';
import { hashPassword } from '../src/core/auth/passwords.ts';
import type { ProcessGraph, ProcessNode } from '../src/modules/approval/graph.ts';

type TaskNode = Extract<ProcessNode, { type: 'task' }>;

/** Share of cases per item (a county's mix: 不动产登记 and 乡村建设 dominate). */
const ITEM_SHARE: Record<string, number> = { BDCDJ: 0.34, XCJSGH: 0.16, JSGCGH: 0.12, JSYDGH: 0.08, YDYS: 0.06, LSYD: 0.08, GHHS: 0.08, CKQDJ: 0.03, CLBZCQ: 0.05 };

/** Staff the generated tasks are done by: per department, handlers (case_handler) and one head; leaders; window clerks. */
const STAFF_PER_SECTION = 4;

export interface Generated {
  cases: number;
  tasks: number;
  history: number;
  pauses: number;
  openTasks: number;
  seconds: number;
  /** Sign-in names of staff the benchmark uses (password BENCH_PASSWORD). */
  users: { username: string; role: string; department: string }[];
}

export const BENCH_PASSWORD = 'Bench#Approval2026';

/**
 * The stages of an item's current process definition, in order: each stage is the tasks that run
 * together (one, or the unconditional branches of a fork). Conditional branches are left out (the
 * generated YDYS projects stay under 10 ha, so 节约集约 is never needed).
 */
function stages(graph: ProcessGraph): { nodes: TaskNode[]; forkId: string | null }[] {
  const out: { nodes: TaskNode[]; forkId: string | null }[] = [];
  const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
  const outs = (id: string) => graph.flows.filter((f) => f.from === id);
  let cur = outs(graph.nodes.find((n) => n.type === 'start')!.id)[0]!.to;
  for (;;) {
    const n = node(cur);
    if (n.type === 'end') return out;
    if (n.type === 'task') {
      out.push({ nodes: [n], forkId: null });
      cur = outs(n.id).find((f) => !f.condition)!.to;
    } else if (n.type === 'fork') {
      const branches = outs(n.id).filter((f) => !f.condition).map((f) => node(f.to) as TaskNode);
      out.push({ nodes: branches, forkId: n.id });
      const join = outs(branches[0]!.id)[0]!.to;
      cur = outs(join)[0]!.to;
    } else {
      cur = outs(n.id)[0]!.to;
    }
  }
}

/**
 * Generates `n` cases submitted on the working days from 2025-01-01 to `today` (the calendar's, so
 * 春节 and 国庆 are empty), with their tasks, history and pauses, as of `today`.
 */
export async function generateCases(ctx: AppContext, region: string, n: number, today: string, log: (m: string) => void): Promise<Generated> {
  const t0 = performance.now();
  // Every statement timed in the log, so a slow step shows.
  const db = {
    kind: ctx.db.kind,
    exec: (sql: string) => ctx.db.exec(sql),
    async query<T>(sql: string, params?: unknown[]) {
      const t = performance.now();
      const r = await ctx.db.query<T>(sql, params);
      const ms = performance.now() - t;
      if (ms > 500) log(`    ${(ms / 1000).toFixed(1)} s: ${sql.replace(/\s+/g, ' ').slice(0, 70)}`);
      return r;
    },
  };
  // The working days from 2025-01-01 to 2027-03-31 (deadlines run past the end of 2026).
  const days = (await ctx.calendar.days('2025-01-01', '2027-03-31')).filter((d) => d.working).map((d) => d.date);
  const todayIdx = days.findIndex((d) => d >= today) + 1; // 1-based index of today (or the next working day)
  const submitDays = todayIdx; // cases are submitted on working days 1 … todayIdx
  const perDay = Math.ceil(n / submitDays);

  // Items, their current definitions and guides.
  const items = (await db.query<{ code: string; version: number; guide: { promisedDays: number; onlineDepth: string; competentDepartment: string; warningDays: number; specialProcedures: { code: string; name: string; maxDays: number }[] }; def_id: string; def_version: number; graph: ProcessGraph }>(
    `SELECT i.code, i.version, v.guide, d.id AS def_id, d.version AS def_version, d.graph
       FROM service_items i JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version
       JOIN LATERAL (SELECT * FROM process_definitions d WHERE d.region_code = i.region_code AND d.item_code = i.code ORDER BY d.version DESC LIMIT 1) d ON true
      WHERE i.region_code = $1 ORDER BY i.code`, [region])).rows;
  if (items.length !== 9) throw new Error(`expected the nine seeded items, found ${items.length}`);

  // Staff.
  const hash = await hashPassword(BENCH_PASSWORD);
  const users: Generated['users'] = [];
  const sections = [...new Set(items.flatMap((i) => stages(i.graph).flatMap((s) => s.nodes.map((t) => (t.department === '$competent' ? i.guide.competentDepartment : t.department)))))].filter((d): d is string => !!d && d !== 'approval_window' && d !== 'leadership');
  const mk = (username: string, role: string, department: string) => users.push({ username, role, department });
  for (const d of sections) {
    for (let k = 1; k <= STAFF_PER_SECTION; k++) mk(`b_${d.slice(0, 20)}_h${k}`, 'case_handler', d);
    mk(`b_${d.slice(0, 20)}_head`, 'section_head', d);
  }
  for (let k = 1; k <= 2; k++) mk(`b_leader${k}`, 'leader', 'leadership');
  for (let k = 1; k <= 4; k++) mk(`b_clerk${k}`, 'window_clerk', 'approval_window');
  await db.query(`CREATE TABLE bench_staff (username text PRIMARY KEY, user_id uuid, name text, role text, department text, k int)`);
  for (const u of users) {
    const r = await db.query<{ id: string }>(
      `INSERT INTO users (region_code, username, display_name, department_id, password_hash, must_change_password, password_changed_at)
       SELECT $1, $2, $3, d.id, $5, false, $6 FROM departments d WHERE d.region_code = $1 AND d.code = $4 RETURNING id`,
      [region, u.username, `${u.role === 'leader' ? '审批人' : u.role === 'window_clerk' ? '窗口' : u.role === 'section_head' ? '股长' : '承办人'}${u.username.replace(/\D/g, '') || ''}`, u.department, hash, ctx.now()]);
    await db.query('INSERT INTO user_roles (user_id, role_code, region_code) VALUES ($1, $2, $3)', [r.rows[0]!.id, u.role, region]);
    const k = users.filter((x) => x.role === u.role && x.department === u.department).indexOf(u);
    await db.query(`INSERT INTO bench_staff SELECT $1, id, display_name, $2, $3, $4 FROM users WHERE region_code = $5 AND username = $1`, [u.username, u.role, u.department, k, region]);
  }

  // The stage templates: one row per task of each item's stages.
  await db.query(`CREATE TABLE bench_steps (item_code text, stage int, ord int, last_in_stage boolean, step_id text, step_name text, phase text, permission text,
    department text, time_limit int, fork_id text, state_open text, state_after text)`);
  const openState: Record<string, string> = { accept: 'SUBMITTED', handle: 'HANDLING', opinion: 'HANDLING', review: 'REVIEW', approve: 'APPROVAL', certify: 'DONE_APPROVED', deliver: 'CERTIFIED' };
  const maxStages = Math.max(...items.map((i) => stages(i.graph).length));
  for (const it of items) {
    const st = stages(it.graph);
    for (let s = 0; s < st.length; s++) {
      const next = st[s + 1];
      const after = next ? openState[next.nodes[0]!.phase]! : 'DELIVERED';
      for (let o = 0; o < st[s]!.nodes.length; o++) {
        const t = st[s]!.nodes[o]!;
        const last = o === st[s]!.nodes.length - 1;
        await db.query('INSERT INTO bench_steps VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)',
          [it.code, s + 1, o + 1, last, t.id, t.name, t.phase, t.permission, t.department === '$competent' ? it.guide.competentDepartment : t.department, t.timeLimitDays, st[s]!.forkId,
            openState[t.phase], last ? after : openState[t.phase]]);
      }
    }
  }
  await db.query(`CREATE TABLE bench_items (code text PRIMARY KEY, lo float8, hi float8, version int, def_id uuid, def_version int, promised int, warning int, online boolean, nstages int, tl int[], competent text)`);
  let acc = 0;
  for (const it of items) {
    const share = ITEM_SHARE[it.code] ?? 0;
    const st = stages(it.graph);
    await db.query('INSERT INTO bench_items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [it.code, acc, it === items[items.length - 1] ? 2 : acc + share, it.version, it.def_id, it.def_version, it.guide.promisedDays, it.guide.warningDays ?? 2, it.guide.onlineDepth === '全程网办', st.length,
        st.map((s) => Math.max(...s.nodes.map((t) => t.timeLimitDays))), it.guide.competentDepartment]);
    acc += share;
  }
  // Bulk load: the secondary indexes and the foreign-key triggers of the four tables are set aside
  // while the rows go in and restored afterwards (as a loader would); the consistency checks of the
  // benchmark then verify what the constraints would have.
  const tables = ['cases', 'case_tasks', 'case_history', 'case_pauses'];
  const indexes = (await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`, [tables])).rows;
  for (const ix of indexes) await db.query(`DROP INDEX ${ix.indexname}`);
  for (const tb of tables) await db.query(`ALTER TABLE ${tb} DISABLE TRIGGER ALL`);

  // Working days as an array literal: day(k) is the k-th working day (1-based), an O(1) subscript per row.
  const DAYS = `'{${days.join(',')}}'::date[]`;
  const day = (idx: string) => `(${DAYS})[${idx}]`;
  // A time on working day idx: China 09:00 (01:00 UTC) plus minutes; a case's events on one day stay in order.
  const ts = (idx: string, minutes: string) => `((${day(idx)} + interval '1 hour' + (${minutes}) * interval '1 minute') AT TIME ZONE 'UTC')`;
  log(`  generating ${n} cases over ${submitDays} working days (${perDay} a day), today ${today} (working day ${todayIdx})`);

  // Per case: the submission day, the item, the path and the working-day offset c<s> at which stage s
  // completes (cumulative), from a hash of the case number i and a salt (reproducible, no RNG state).
  const rnd = (col: string, salt: number) => `((hashint8(${col} * 64 + ${salt}) & 2147483647)::float8 / 2147483648.0)`;
  let from = `(SELECT g.*, it.code AS item_code, it.nstages, it.tl, it.promised, it.warning, it.online AS online_item, it.competent FROM g JOIN bench_items it ON g.ri >= it.lo AND g.ri < it.hi)`;
  for (let s = 1; s <= maxStages; s++) {
    // A stage takes 0 … its limit working days; 7 % of cases are slow at one stage (limit + 1 … + 3).
    const dur = `(CASE WHEN ${s} > x.nstages THEN 0 ELSE floor(${rnd('x.i', s)} * (x.tl[${s}] + 1))::int
      + CASE WHEN x.slow_stage = ${s} THEN x.tl[${s}] + 1 + floor(${rnd('x.i', s + 20)} * 3)::int ELSE 0 END END)`;
    from = `(SELECT x.*, ${s === 1 ? '' : `x.c${s - 1} + `}${dur}${s === 2 ? ' + x.pause_days' : ''} AS c${s} FROM ${from} x)`;
  }
  await db.query(`CREATE TABLE bench_cases AS
    WITH g AS (
      SELECT i, day_idx, row_number() OVER (PARTITION BY day_idx ORDER BY i) AS serial, ri, rpath, rchan, base_min, slow_stage, pause_days FROM (
      SELECT i, 1 + ((i - 1)::bigint * ${submitDays} / ${n})::int AS day_idx,
             ${rnd('i', 0)} AS ri, ${rnd('i', 1)} AS rpath, ${rnd('i', 4)} AS rchan, floor(${rnd('i', 5)} * 240)::int AS base_min,
             CASE WHEN ${rnd('i', 2)} < 0.07 THEN 2 + (hashint8(i * 64 + 6) & 3) ELSE 0 END AS slow_stage,
             CASE WHEN ${rnd('i', 3)} < 0.03 THEN 2 + (hashint8(i * 64 + 7) & 3) ELSE 0 END AS pause_days
        FROM generate_series(1, ${n}) AS i) g0)
    SELECT gen_random_uuid() AS id, * FROM ${from} y`);
  // The path: 2 % 不予受理, 1 % withdrawn during 承办, 3 % 不予许可 at 审批, the rest approved; the stages done by today.
  await db.query(`ALTER TABLE bench_cases ADD COLUMN path text, ADD COLUMN done_stages int, ADD COLUMN last_stage int, ADD COLUMN dec_stage int`);
  const doneStages = `(${Array.from({ length: maxStages }, (_, k) => `(CASE WHEN ${k + 1} <= nstages AND day_idx + c${k + 1} <= ${todayIdx} THEN 1 ELSE 0 END)`).join(' + ')})`;
  await db.query(`UPDATE bench_cases bc SET path = CASE WHEN rpath < 0.02 THEN 'not_accept' WHEN rpath < 0.03 THEN 'withdraw' WHEN rpath < 0.06 THEN 'deny' ELSE 'approve' END,
      done_stages = ${doneStages}, dec_stage = (SELECT stage FROM bench_steps s WHERE s.item_code = bc.item_code AND s.phase = 'approve')`);
  // Withdrawn only once the 承办 stage would have ended (else the case is still open).
  await db.query(`UPDATE bench_cases SET path = 'approve' WHERE path = 'withdraw' AND day_idx + c2 > ${todayIdx}`);
  await db.query(`UPDATE bench_cases SET last_stage = CASE path WHEN 'deny' THEN dec_stage WHEN 'not_accept' THEN 1 WHEN 'withdraw' THEN 2 ELSE nstages END`);
  await db.query(`UPDATE bench_cases SET done_stages = least(done_stages, CASE path WHEN 'withdraw' THEN 1 ELSE last_stage END)`);
  // Whether the case had a special procedure (现场踏勘) from the day 承办 started, and whether it has ended by today.
  await db.query(`ALTER TABLE bench_cases ADD COLUMN paused boolean, ADD COLUMN pause_ended boolean`);
  await db.query(`UPDATE bench_cases SET paused = pause_days > 0 AND path = 'approve' AND done_stages >= 1, pause_ended = day_idx + c1 + pause_days <= ${todayIdx}`);
  log(`  plan of cases written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  // Every task of the plan: the stages up to the open one, and who completed it.
  const stageStart = (stage: string) => `bc.day_idx + CASE ${stage} ${Array.from({ length: maxStages }, (_, k) => `WHEN ${k + 1} THEN ${k === 0 ? '0' : `bc.c${k}`}`).join(' ')} END`;
  const stageEnd = (stage: string) => `bc.day_idx + CASE ${stage} ${Array.from({ length: maxStages }, (_, k) => `WHEN ${k + 1} THEN bc.c${k + 1}`).join(' ')} END`;
  await db.query(`CREATE TABLE bench_tasks AS
    SELECT x.*, st.user_id AS completed_by, st.name AS completed_name FROM (
      SELECT gen_random_uuid() AS id, bc.id AS case_id, bc.i, s.stage, s.ord, s.step_id, s.step_name, s.phase, s.permission, s.department, s.time_limit, s.fork_id,
             s.state_open, s.state_after, bc.base_min,
             ${stageStart('s.stage')} AS start_idx, ${stageEnd('s.stage')} AS end_idx,
             CASE WHEN s.stage <= bc.done_stages THEN 'done' WHEN bc.path = 'withdraw' THEN 'cancelled' ELSE 'open' END AS status,
             CASE WHEN s.stage <= bc.done_stages THEN
                    CASE WHEN bc.path = 'not_accept' THEN 'not_accept' WHEN bc.path = 'deny' AND s.phase = 'approve' THEN 'reject'
                         WHEN s.phase IN ('accept', 'certify', 'deliver') THEN s.phase ELSE 'pass' END
                  WHEN bc.path = 'withdraw' THEN 'withdrawn' END AS outcome,
             CASE WHEN s.stage = 2 AND bc.paused AND bc.pause_ended THEN bc.pause_days ELSE 0 END AS task_paused,
             CASE s.phase WHEN 'review' THEN 'section_head' WHEN 'approve' THEN 'leader' WHEN 'accept' THEN 'window_clerk' WHEN 'certify' THEN 'window_clerk'
                          WHEN 'deliver' THEN 'window_clerk' ELSE 'case_handler' END AS role,
             bc.i % CASE s.phase WHEN 'review' THEN 1 WHEN 'approve' THEN 2 ELSE 4 END AS k,
             CASE WHEN s.stage <= bc.done_stages THEN 1 ELSE 0 END AS is_done
        FROM bench_cases bc JOIN bench_steps s ON s.item_code = bc.item_code
       WHERE s.stage <= least(bc.done_stages + 1, bc.last_stage)) x
    LEFT JOIN bench_staff st ON x.is_done = 1 AND st.department = x.department AND st.role = x.role AND st.k = x.k`);
  log(`  plan of tasks written (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  // Case rows.
  const box = ctx.box;
  const applicant = (type: string, name: string, idType: string, id: string, phone: string) => JSON.stringify({
    type, name, idType, idNumberMasked: id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4), idNumberEnc: box.encrypt(id), phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, phoneEnc: box.encrypt(phone),
  });
  const orgApplicant = applicant('organisation', '衡南县城市建设投资有限公司', 'credit_code', '91430422MA4L0ABC11', '13907340000');
  const personApplicant = applicant('person', '李建华', 'resident_id', '430422198506150018', '13807341234');
  const online = `(bc.online_item AND bc.rchan < 0.45)`;
  const decided = `((bc.path = 'deny' AND bc.done_stages >= bc.dec_stage) OR (bc.path = 'approve' AND bc.done_stages >= bc.dec_stage))`;
  // Minutes after 09:00 at which stage s's task starts (base + 10 s + ord) and ends (+5).
  const endMin = (stage: string) => `bc.base_min + (${stage}) * 10 + 6`;
  await db.query(`INSERT INTO cases (id, region_code, case_no, item_code, item_version, department_code, definition_id, state, resume_state, version, applicant, project, channel,
      submitted_by, submitted_at, accepted_at, accepted_on, time_limit_days, warning_days, extension_days, due_date, decision, decided_at, certificate_no, certified_at, delivered_at, closed_at, visits, updated_at)
    SELECT bc.id, $1, $1 || to_char(${day('bc.day_idx')}, 'YYYYMMDD') || bc.item_code || lpad(bc.serial::text, 6, '0'), bc.item_code, it.version, bc.competent, it.def_id,
           CASE WHEN bc.path = 'not_accept' AND bc.done_stages >= 1 THEN 'REJECTED_ACCEPT'
                WHEN bc.path = 'withdraw' THEN 'WITHDRAWN'
                WHEN bc.path = 'deny' AND bc.done_stages >= bc.dec_stage THEN 'DONE_DENIED'
                WHEN bc.done_stages >= bc.nstages THEN 'DELIVERED'
                WHEN bc.paused AND NOT bc.pause_ended THEN 'SPECIAL_PROCEDURE'
                ELSE ns.state_open END,
           CASE WHEN bc.paused AND NOT bc.pause_ended THEN 'HANDLING' END,
           1,
           CASE WHEN bc.i % 3 = 0 THEN $2::jsonb ELSE $3::jsonb END,
           jsonb_build_object('projectName', '衡南县' || (ARRAY['云集','向阳','泉溪','三塘','廖田','茶市','车江','谭子山'])[1 + bc.i % 8] || '项目' || bc.i,
             'location', (ARRAY['云集街道','向阳街道','泉溪镇','三塘镇'])[1 + bc.i % 4] || '中心村', 'landArea', 2000 + (bc.i % 90000)),
           CASE WHEN ${online} THEN 'online' ELSE 'window' END,
           CASE WHEN ${online} THEN NULL ELSE (SELECT user_id FROM bench_staff WHERE role = 'window_clerk' AND k = bc.i % 4) END,
           ${ts('bc.day_idx', 'bc.base_min')},
           CASE WHEN bc.done_stages >= 1 AND bc.path <> 'not_accept' THEN ${ts('bc.day_idx + bc.c1', endMin('1'))} END,
           CASE WHEN bc.done_stages >= 1 AND bc.path <> 'not_accept' THEN ${day('bc.day_idx + bc.c1')} END,
           bc.promised, bc.warning, 0,
           CASE WHEN bc.done_stages >= 1 AND bc.path <> 'not_accept' THEN ${day(`bc.day_idx + bc.c1 + bc.promised + CASE WHEN bc.paused AND bc.pause_ended THEN bc.pause_days ELSE 0 END`)} END,
           CASE WHEN ${decided} THEN CASE bc.path WHEN 'deny' THEN 'denied' ELSE 'approved' END END,
           CASE WHEN ${decided} THEN ${ts(stageEnd('bc.dec_stage'), endMin('bc.dec_stage'))} END,
           CASE WHEN bc.path = 'approve' AND bc.done_stages >= bc.dec_stage + 1 THEN 'CERT-' || $1 || '-' || lpad(bc.i::text, 8, '0') END,
           CASE WHEN bc.path = 'approve' AND bc.done_stages >= bc.dec_stage + 1 THEN ${ts(stageEnd('bc.dec_stage + 1'), endMin('bc.dec_stage + 1'))} END,
           CASE WHEN bc.path = 'approve' AND bc.done_stages >= bc.nstages THEN ${ts(stageEnd('bc.nstages'), endMin('bc.nstages'))} END,
           CASE WHEN bc.path = 'not_accept' AND bc.done_stages >= 1 THEN ${ts('bc.day_idx + bc.c1', endMin('1'))}
                WHEN bc.path = 'withdraw' THEN ${ts('bc.day_idx + bc.c2', 'bc.base_min + 29')}
                WHEN bc.path = 'deny' AND bc.done_stages >= bc.dec_stage THEN ${ts(stageEnd('bc.dec_stage'), endMin('bc.dec_stage'))}
                WHEN bc.path = 'approve' AND bc.done_stages >= bc.nstages THEN ${ts(stageEnd('bc.nstages'), endMin('bc.nstages'))} END,
           CASE WHEN ${online} THEN 0 ELSE 1 END + CASE WHEN bc.path = 'approve' AND bc.done_stages >= bc.nstages AND bc.i % 2 = 0 THEN 1 ELSE 0 END,
           now()
      FROM bench_cases bc JOIN bench_items it ON it.code = bc.item_code
      LEFT JOIN bench_steps ns ON ns.item_code = bc.item_code AND ns.stage = bc.done_stages + 1 AND ns.ord = 1`, [region, personApplicant, orgApplicant]);
  log(`  cases inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  await db.query(`INSERT INTO case_tasks (id, case_id, region_code, step_id, step_name, phase, permission, department_code, fork_id, status, outcome, comment, time_limit_days,
      started_at, started_on, due_date, completed_at, completed_by)
    SELECT t.id, t.case_id, $1, t.step_id, t.step_name, t.phase, t.permission, t.department, t.fork_id, t.status, t.outcome, NULL, t.time_limit,
           ${ts('t.start_idx', 't.base_min + t.stage * 10 + t.ord')}, ${day('t.start_idx')}, ${day('t.start_idx + t.time_limit + t.task_paused')},
           CASE WHEN t.status = 'done' THEN ${ts('t.end_idx', 't.base_min + t.stage * 10 + t.ord + 5')}
                WHEN t.status = 'cancelled' THEN ${ts('t.end_idx', 't.base_min + 29')} END,
           t.completed_by
      FROM bench_tasks t`, [region]);
  log(`  tasks inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  // Pauses: the special procedure starts on the day 承办 starts (after the task opened) and ends p working days later.
  await db.query(`INSERT INTO case_pauses (case_id, region_code, kind, procedure_code, reason, planned_days, max_days, started_at, started_on, ended_at, ended_on, paused_working_days, detail)
    SELECT bc.id, $1, 'special', 'site_survey', '现场踏勘', bc.pause_days, 5,
           ${ts('bc.day_idx + bc.c1', 'bc.base_min + 22')}, ${day('bc.day_idx + bc.c1')},
           CASE WHEN bc.pause_ended THEN ${ts('bc.day_idx + bc.c1 + bc.pause_days', 'bc.base_min + 23')} END,
           CASE WHEN bc.pause_ended THEN ${day('bc.day_idx + bc.c1 + bc.pause_days')} END,
           CASE WHEN bc.pause_ended THEN bc.pause_days END,
           CASE WHEN bc.pause_ended THEN '{"result": "踏勘完成"}'::jsonb ELSE '{}'::jsonb END
      FROM bench_cases bc WHERE bc.paused`, [region]);
  log(`  pauses inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  // History: submit, one row per completed task (accept / not_accept / pass / approve / reject / certify / deliver),
  // the special procedure's start and end, withdrawal — with the detail shapes the service writes.
  await db.query(`INSERT INTO case_history (case_id, region_code, at, actor_id, actor_name, action, from_state, to_state, task_id, step_id, comment, detail)
    SELECT case_id, $1, at, actor_id, actor_name, action, from_state, to_state, task_id, step_id, comment, detail FROM (
      SELECT bc.id AS case_id, ${ts('bc.day_idx', 'bc.base_min')} AS at, NULL::uuid AS actor_id, NULL::text AS actor_name, 'submit' AS action,
             NULL::text AS from_state, 'SUBMITTED' AS to_state, NULL::uuid AS task_id, NULL::text AS step_id, NULL::text AS comment,
             jsonb_build_object('caseNo', $1 || to_char(${day('bc.day_idx')}, 'YYYYMMDD') || bc.item_code || lpad(bc.serial::text, 6, '0'), 'itemCode', bc.item_code, 'definitionVersion', it.def_version) AS detail,
             0 AS seq
        FROM bench_cases bc JOIN bench_items it ON it.code = bc.item_code
      UNION ALL
      SELECT t.case_id, ${ts('t.end_idx', 't.base_min + t.stage * 10 + t.ord + 5')}, t.completed_by, t.completed_name,
             CASE WHEN t.outcome IN ('not_accept', 'reject') THEN t.outcome WHEN t.phase = 'approve' THEN 'approve' WHEN t.phase IN ('accept', 'certify', 'deliver') THEN t.phase ELSE 'pass' END,
             t.state_open,
             CASE t.outcome WHEN 'not_accept' THEN 'REJECTED_ACCEPT' WHEN 'reject' THEN 'DONE_DENIED' ELSE t.state_after END,
             t.id, t.step_id,
             CASE WHEN t.outcome IN ('not_accept', 'reject') THEN '材料不符合法定形式' END,
             CASE WHEN t.outcome IN ('not_accept', 'reject') THEN jsonb_build_object('reason', '材料不符合法定形式')
                  WHEN t.phase = 'accept' THEN jsonb_build_object('acceptedOn', ${day('t.end_idx')}::text, 'dueDate', ${day('t.end_idx + bc.promised')}::text)
                  WHEN t.phase = 'certify' THEN jsonb_build_object('certificateNo', 'CERT-' || $1 || '-' || lpad(t.i::text, 8, '0'))
                  WHEN t.phase = 'deliver' THEN jsonb_build_object('method', CASE WHEN t.i % 2 = 0 THEN 'window' ELSE 'electronic' END)
                  ELSE '{}'::jsonb END,
             t.stage * 10 + t.ord
        FROM bench_tasks t JOIN bench_cases bc ON bc.id = t.case_id
       WHERE t.status = 'done'
      UNION ALL
      SELECT bc.id, ${ts('bc.day_idx + bc.c1', 'bc.base_min + 22')}, NULL, '承办人', 'start_special', 'HANDLING', 'SPECIAL_PROCEDURE', t.id, 'handle', NULL,
             jsonb_build_object('procedure', 'site_survey', 'name', '现场踏勘', 'plannedDays', bc.pause_days, 'maxDays', 5), 22
        FROM bench_cases bc JOIN bench_tasks t ON t.case_id = bc.id AND t.stage = 2 AND t.ord = 1 WHERE bc.paused
      UNION ALL
      SELECT bc.id, ${ts('bc.day_idx + bc.c1 + bc.pause_days', 'bc.base_min + 23')}, NULL, '承办人', 'end_special', 'SPECIAL_PROCEDURE', 'HANDLING', NULL, NULL, NULL,
             jsonb_build_object('result', '踏勘完成', 'pausedWorkingDays', bc.pause_days), 23
        FROM bench_cases bc WHERE bc.paused AND bc.pause_ended
      UNION ALL
      SELECT bc.id, ${ts('bc.day_idx + bc.c2', 'bc.base_min + 29')}, NULL, NULL, 'withdraw', 'HANDLING', 'WITHDRAWN', NULL, NULL, '申请人撤回', '{}'::jsonb, 99
        FROM bench_cases bc WHERE bc.path = 'withdraw'
    ) h ORDER BY case_id, at, seq`, [region]);
  log(`  history inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  // Versions (before the indexes come back, so the update writes no index entries) as the service counts them: one per transition after the submission.
  await db.query(`UPDATE cases c SET version = h.n FROM (SELECT case_id, count(*)::int AS n FROM case_history WHERE region_code = $1 GROUP BY case_id) h WHERE h.case_id = c.id`, [region]);
  // The 已办 counters and the per-step day counts the task triggers keep (migration 0020), as they would stand had the rows gone in one by one.
  await db.query('SELECT rebuild_task_rollups($1)', [region]);
  await db.query('SELECT rebuild_case_pause_days($1)', [region]);
  for (const tb of tables) await db.query(`ALTER TABLE ${tb} ENABLE TRIGGER ALL`);
  for (const ix of indexes) await db.query(ix.indexdef);
  log(`  ${indexes.length} indexes rebuilt (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (const t of ['bench_tasks', 'bench_cases', 'bench_items', 'bench_steps', 'bench_staff']) await db.query(`DROP TABLE ${t}`);
  for (const t of ['cases', 'case_tasks', 'case_history', 'case_pauses']) await db.query(db.kind === 'postgres' ? `VACUUM ANALYZE ${t}` : `ANALYZE ${t}`);
  const count = async (sql: string) => (await db.query<{ n: number }>(sql, [region])).rows[0]!.n;
  return {
    cases: await count('SELECT count(*)::int AS n FROM cases WHERE region_code = $1'),
    tasks: await count('SELECT count(*)::int AS n FROM case_tasks WHERE region_code = $1'),
    history: await count('SELECT count(*)::int AS n FROM case_history WHERE region_code = $1'),
    pauses: await count('SELECT count(*)::int AS n FROM case_pauses WHERE region_code = $1'),
    openTasks: await count(`SELECT count(*)::int AS n FROM case_tasks WHERE region_code = $1 AND status = 'open'`),
    seconds: (performance.now() - t0) / 1000,
    users,
  };
}
