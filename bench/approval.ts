/**
 * Approval benchmark (issue 政务辅助审批 §8): `npx tsx bench/approval.ts [--cases N] [--pglite-cases N] [--skip-pglite] [--runs N] [--connections N] [--seconds N]`.
 *   0. generates N cases (default 1 000 000, about five tasks each) submitted on the working days of
 *      2025-01-01 … 2026-12-31 across the nine seeded items, set-based in SQL (bench/approval-generate.ts),
 *      as of 2026-12-31 (the server's clock is set to that day); samples are read back through
 *      GET /api/cases/{id} to check the rows are what the service writes;
 *   1. 待办: GET /api/tasks?view=todo (first page with the four counts) for several reviewers, --runs each,
 *      beside the bare SQL of the same list (count + first page, no lights, no actions);
 *   2. 效能监管: GET /api/supervision/summary for the year 2026;
 *   3. "pass this task" over HTTP under load: autocannon, --connections connections, each request passes a
 *      different open 承办 task of a prepared pool; then a consistency check of every case (history against
 *      tasks and state, no task completed twice, one history row per successful response);
 *      beside it a bare Fastify hello-world route under the same autocannon settings.
 * On native PostgreSQL (database landgov_apbench, dropped at the end) and on in-memory PGlite
 * (--pglite-cases, default 100 000). Writes bench/results/approval.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { ensureBuiltinRoles, ensureDepartments } from '../src/core/bootstrap.ts';
import { loadConfig } from '../src/core/config.ts';
import { createContext, type AppContext } from '../src/core/context.ts';
import type { Db } from '../src/core/db/index.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { PgliteDb } from '../src/core/db/pglite.ts';
import { PostgresDb } from '../src/core/db/postgres.ts';
import type { ApprovalCannonJob, ApprovalCannonResult } from './approval-cannon.ts';
import { BENCH_PASSWORD, generateCases, type Generated } from './approval-generate.ts';
import { latencySummary, machineInfo, pgUrl, psql } from './gis/util.ts';

const RESULTS = fileURLToPath(new URL('./results/approval.md', import.meta.url));
const CANNON = fileURLToPath(new URL('./approval-cannon.ts', import.meta.url));
const { values: flags } = parseArgs({ options: {
  cases: { type: 'string', default: '1000000' }, 'pglite-cases': { type: 'string', default: '100000' }, 'skip-pglite': { type: 'boolean', default: false }, 'skip-postgres': { type: 'boolean', default: false },
  runs: { type: 'string', default: '200' }, keep: { type: 'boolean', default: false }, reuse: { type: 'boolean', default: false }, connections: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' },
} });
const CASES = Number(flags.cases);
const PGLITE_CASES = Number(flags['pglite-cases']);
const RUNS = Number(flags.runs);
const CONNECTIONS = Number(flags.connections);
const SECONDS = Number(flags.seconds);
const REGION = '430422';
const TODAY = '2026-12-31';
const DB_NAME = 'landgov_apbench';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-bench-approval-'));
const command = ['npx tsx bench/approval.ts', ...process.argv.slice(2)].join(' ');
const log = (m: string) => process.stderr.write(`[approval-bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const loads = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

type Lat = ReturnType<typeof latencySummary>;
interface TodoFigure { user: string; role: string; todo: number; warning: number; overdue: number; done: number; http: Lat; bare: Lat }
interface PassFigure { requests: number; ok: number; conflicts: number; other: Record<string, number>; errors: number; reqPerSec: number; lat: Lat; pool: number; seconds: number }
interface Result {
  kind: string;
  gen: Generated;
  valid: { sampled: number; ok: number; notes: string[] };
  todo: TodoFigure[];
  summary: { runs: number[]; cases: number; tasksDone: number; drillRuns: number[]; drillTotal: number };
  pass: PassFigure;
  hello: PassFigure;
  consistency: { check: string; bad: number }[];
  loadBefore: string;
  loadAfter: string;
}

/** Runs autocannon in a child process; asynchronously, since the server under load lives in this process. */
async function cannon(job: ApprovalCannonJob): Promise<ApprovalCannonResult> {
  const file = path.join(tmp, `job-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  const child = spawn(process.execPath, ['--import', 'tsx', CANNON, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`autocannon failed: ${err}`);
  return JSON.parse(out.trim().split('\n').pop()!) as ApprovalCannonResult;
}

function passFigure(r: ApprovalCannonResult, pool: number): PassFigure {
  const other: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.status)) if (!k.startsWith('2') && k !== '409') other[k] = v;
  const ok = Object.entries(r.status).filter(([k]) => k.startsWith('2')).reduce((s, [, v]) => s + v, 0);
  return { requests: r.requests, ok, conflicts: r.status['409'] ?? 0, other, errors: r.errors + r.timeouts, reqPerSec: r.requests / r.durationSec, lat: latencySummary(r.latencies), pool, seconds: r.durationSec };
}

async function login(app: FastifyInstance, username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
  const c = res.cookies.find((x) => x.name === 'landgov_sid');
  if (res.statusCode !== 200 || !c || res.json().stage !== 'active') throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `landgov_sid=${c.value}`;
}

/** The bare SQL of a reviewer's 待办 first page: count and page of the open tasks they may act on (no lights, no actions). */
async function bareTodo(db: Db, u: { permissions: string[]; department: string | null; region: boolean }): Promise<number> {
  const t0 = performance.now();
  const where = `t.region_code = $1 AND t.status = 'open' AND t.permission = ANY($2::text[]) AND (${u.region ? 'true' : 't.department_code IS NULL OR t.department_code = $3'})`;
  const params = u.region ? [REGION, u.permissions] : [REGION, u.permissions, u.department];
  await db.query(`SELECT count(*)::int FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE ${where}`, params);
  await db.query(`SELECT t.*, c.case_no, c.state, c.applicant, c.project FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE ${where} ORDER BY t.due_date NULLS LAST, t.started_at, t.id LIMIT 20`, params);
  return performance.now() - t0;
}

async function run(kind: 'postgres' | 'pglite', n: number): Promise<Result> {
  let db: Db;
  // --reuse: the data of a run kept with --keep is used again (the generation figures come from that database).
  const reuse = kind === 'postgres' && flags.reuse && psql(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`).out.trim() === '1';
  if (kind === 'postgres') {
    if (!reuse) {
      psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      const c = psql(`CREATE DATABASE ${DB_NAME}`);
      if (!c.ok) throw new Error(c.out);
    }
    db = await PostgresDb.open(pgUrl(DB_NAME), 10);
  } else db = await PgliteDb.open(null);
  let app: FastifyInstance | null = null;
  try {
    await migrate(db);
    await ensureBuiltinRoles(db);
    await ensureDepartments(db, REGION);
    // The server's clock stands on 2026-12-31, 17:00 China time, and runs on from there.
    const offset = Date.parse(`${TODAY}T09:00:00Z`) - Date.now();
    const ctx: AppContext = createContext(loadConfig({ DATA_DIR: path.join(tmp, 'data'), REGION_CODE: REGION, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SECRET_KEY: randomBytes(32).toString('hex') }), db, { now: () => new Date(Date.now() + offset) });
    app = await buildApp(ctx, { logger: false });
    await app.ready();
    let gen: Generated;
    if (reuse) {
      const c = (await db.query<{ cases: number; tasks: number; open: number; history: number; pauses: number }>(
        `SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_tasks) AS tasks, (SELECT count(*)::int FROM case_tasks WHERE status = 'open') AS open,
                (SELECT count(*)::int FROM case_history) AS history, (SELECT count(*)::int FROM case_pauses) AS pauses`)).rows[0]!;
      gen = { cases: c.cases, tasks: c.tasks, openTasks: c.open, history: c.history, pauses: c.pauses, seconds: NaN, users: [] };
      log(`${kind}: reusing ${DB_NAME}`);
    } else {
      log(`${kind}: generating ${n} cases`);
      gen = await generateCases(ctx, REGION, n, TODAY, log);
      // A steady state, not the bulk load's: every table vacuumed and analysed (the kept counts too), the dirty pages
      // written out now, not while measuring.
      if (kind === 'postgres') {
        await db.query('VACUUM ANALYZE');
        await db.query('CHECKPOINT');
      }
    }
    log(`${kind}: ${gen.cases} cases, ${gen.tasks} tasks (${gen.openTasks} open), ${gen.history} history rows, ${gen.pauses} pauses in ${gen.seconds.toFixed(0)} s`);
    const leader = await login(app, 'b_leader1');

    // The generated rows read back through the case page's route.
    const valid = { sampled: 0, ok: 0, notes: [] as string[] };
    const sample = (await db.query<{ id: string; h: number; t: number }>(
      `SELECT c.id, (SELECT count(*)::int FROM case_history h WHERE h.case_id = c.id) AS h, (SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id) AS t
         FROM cases c WHERE c.region_code = $1 AND c.case_no LIKE $2 ORDER BY c.case_no LIMIT 30`, [REGION, `${REGION}2026%`])).rows;
    for (const s of sample) {
      valid.sampled++;
      const res = await app.inject({ method: 'GET', url: `/api/cases/${s.id}`, headers: { cookie: leader } });
      const d = res.json();
      if (res.statusCode === 200 && d.timeline.length === s.h && d.tasks.length === s.t && d.clock && d.timeline[d.timeline.length - 1].to === d.state) valid.ok++;
      else if (valid.notes.length < 3) valid.notes.push(`${s.id}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    log(`${kind}: ${valid.ok}/${valid.sampled} sampled cases read back consistently`);

    // 待办 of several reviewers.
    const reviewers = [
      { user: 'b_registration_h1', role: '承办人 · 确权登记股', permissions: ['case:read', 'case:review', 'layer:read', 'review:run', 'file:upload'], department: 'registration', region: false },
      { user: 'b_planning_h1', role: '承办人 · 规划股', permissions: ['case:read', 'case:review', 'layer:read', 'review:run', 'file:upload'], department: 'planning', region: false },
      { user: 'b_land_use_control_head', role: '审核人 · 用途管制股', permissions: ['case:read', 'case:review', 'case:check', 'layer:read', 'review:run', 'file:upload'], department: 'land_use_control', region: false },
      { user: 'b_leader1', role: '审批人（全局）', permissions: ['case:read', 'case:decide', 'supervise:read', 'layer:read', 'review:run'], department: 'leadership', region: true },
      { user: 'b_clerk1', role: '窗口受理员（全局）', permissions: ['case:register', 'case:accept', 'case:read', 'case:certify', 'layer:read', 'review:run', 'file:upload'], department: 'approval_window', region: true },
    ];
    const todo: TodoFigure[] = [];
    for (const r of reviewers) {
      const cookie = await login(app, r.user);
      const http: number[] = [];
      const bare: number[] = [];
      let last: { counts: { todo: number; warning: number; overdue: number; done: number } } | null = null;
      for (let k = 0; k < 5; k++) await app.inject({ method: 'GET', url: '/api/tasks?view=todo', headers: { cookie } }); // warm-up
      for (let k = 0; k < RUNS; k++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: '/api/tasks?view=todo', headers: { cookie } });
        http.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`todo ${r.user}: ${res.statusCode} ${res.body}`);
        last = res.json();
        bare.push(await bareTodo(db, r));
      }
      const f = { user: r.user, role: r.role, ...last!.counts, http: latencySummary(http), bare: latencySummary(bare) };
      todo.push(f);
      log(`${kind}: todo ${r.user} (${f.todo} open, ${f.done} done): p50 ${f.http.p50.toFixed(1)} p95 ${f.http.p95.toFixed(1)} ms; bare SQL p95 ${f.bare.p95.toFixed(1)} ms`);
    }

    // Supervision for the year 2026.
    const sumRuns: number[] = [];
    let sum: { totals: { cases: number } | null; byStep: { tasks: number }[] } | null = null;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/supervision/summary?from=2026-01-01&to=2026-12-31', headers: { cookie: leader } });
      sumRuns.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`summary: ${res.statusCode} ${res.body}`);
      sum = res.json();
    }
    log(`${kind}: summary 2026 (${sum!.totals?.cases} cases): ${sumRuns.map((x) => x.toFixed(0)).join(', ')} ms`);
    // The drill-down behind the year's overdue figure, first page of 20 (paged in SQL).
    const drillRuns: number[] = [];
    let drillTotal = 0;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/supervision/cases?from=2026-01-01&to=2026-12-31&metric=overdue&page=1&pageSize=20', headers: { cookie: leader } });
      drillRuns.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`drill: ${res.statusCode} ${res.body}`);
      drillTotal = res.json().total;
    }
    log(`${kind}: drill-down overdue 2026 (${drillTotal} cases), first page: ${drillRuns.map((x) => x.toFixed(0)).join(', ')} ms`);

    // "Pass this task" under load: open 承办 tasks of 确权登记股 (HANDLING, not paused), each passed once by the section head.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const head = await login(app, 'b_registration_head');
    const pool = (await db.query<{ id: string; case_id: string }>(
      `SELECT t.id, t.case_id FROM case_tasks t JOIN cases c ON c.id = t.case_id
        WHERE t.region_code = $1 AND t.status = 'open' AND t.phase = 'handle' AND t.department_code = 'registration' AND c.state = 'HANDLING'
        ORDER BY md5(t.id::text)`, [REGION])).rows;
    const histBefore = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_history WHERE region_code = $1 AND action = 'pass'`, [REGION])).rows[0]!.n;
    const loadBefore = loads();
    log(`${kind}: passing up to ${pool.length} tasks with ${CONNECTIONS} connections for ≤ ${SECONDS} s (load ${loadBefore})`);
    if (pool.length < CONNECTIONS) throw new Error(`only ${pool.length} open tasks to pass: generate more cases`);
    const pr = await cannon({
      url: `http://127.0.0.1:${port}`, method: 'POST', connections: CONNECTIONS, durationSec: SECONDS, once: true,
      headers: { cookie: head, 'content-type': 'application/json' },
      requests: pool.map((t) => ({ path: `/api/cases/${t.case_id}/actions`, body: JSON.stringify({ action: 'pass', taskId: t.id, comment: '经审查，材料齐全，符合要求' }) })),
    });
    const pass = passFigure(pr, pool.length);
    const loadAfter = loads();
    log(`${kind}: pass ${pass.requests} requests, ${pass.ok} ok, ${pass.conflicts} 409, other ${JSON.stringify(pass.other)}; ${pass.reqPerSec.toFixed(0)} req/s p95 ${pass.lat.p95.toFixed(0)} ms`);

    // Consistency of every case after the load.
    const one = async (sql: string) => (await db.query<{ n: number }>(sql, [REGION])).rows[0]!.n;
    const completing = `('accept', 'not_accept', 'pass', 'approve', 'reject', 'certify', 'deliver')`;
    const consistency = [
      { check: 'tasks completed twice (more than one completing history row per task)', bad: await one(`SELECT count(*)::int AS n FROM (SELECT task_id FROM case_history WHERE region_code = $1 AND task_id IS NOT NULL AND action IN ${completing} GROUP BY task_id HAVING count(*) > 1) x`) },
      { check: 'done tasks without their history row', bad: await one(`SELECT count(*)::int AS n FROM case_tasks t WHERE t.region_code = $1 AND t.status = 'done' AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.task_id = t.id AND h.action IN ${completing})`) },
      { check: 'cases whose last history row does not end in the case state', bad: await one(`SELECT count(*)::int AS n FROM cases c JOIN LATERAL (SELECT to_state FROM case_history h WHERE h.case_id = c.id ORDER BY h.id DESC LIMIT 1) h ON true WHERE c.region_code = $1 AND h.to_state <> c.state`) },
      { check: 'cases whose version ≠ number of transitions', bad: await one(`SELECT count(*)::int AS n FROM cases c WHERE c.region_code = $1 AND c.version <> (SELECT count(*) FROM case_history h WHERE h.case_id = c.id)`) },
      { check: 'running cases whose state does not follow from their open tasks', bad: await one(`SELECT count(*)::int AS n FROM cases c JOIN LATERAL (
          SELECT CASE WHEN bool_or(phase = 'accept') THEN 'SUBMITTED' WHEN bool_or(phase IN ('handle', 'opinion')) THEN 'HANDLING' WHEN bool_or(phase = 'review') THEN 'REVIEW'
                      WHEN bool_or(phase = 'approve') THEN 'APPROVAL' WHEN bool_or(phase = 'certify') THEN 'DONE_APPROVED' WHEN bool_or(phase = 'deliver') THEN 'CERTIFIED' ELSE 'NONE' END AS s
            FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open') o ON true
         WHERE c.region_code = $1 AND c.state NOT IN ('SPECIAL_PROCEDURE', 'SUSPENDED', 'SUPPLEMENT_BEFORE_ACCEPT') AND o.s <> CASE WHEN c.state IN ('REJECTED_ACCEPT', 'DELIVERED', 'DONE_DENIED', 'WITHDRAWN') THEN 'NONE' ELSE c.state END`) },
      { check: '已办 counters (user_task_counts) that differ from the done tasks they count', bad: await one(`SELECT count(*)::int AS n FROM (
          SELECT t.completed_by, c.item_code, count(*)::int AS n FROM case_tasks t JOIN cases c ON c.id = t.case_id
           WHERE t.region_code = $1 AND t.status = 'done' AND t.completed_by IS NOT NULL GROUP BY 1, 2) d
          FULL JOIN (SELECT user_id, item_code, done FROM user_task_counts WHERE region_code = $1 AND done > 0) u ON u.user_id = d.completed_by AND u.item_code = d.item_code
         WHERE d.n IS DISTINCT FROM u.done`) },
      { check: 'per-step day counts (task_step_days) that differ from the done tasks they count', bad: await one(`SELECT count(*)::int AS n FROM (
          SELECT ((c.submitted_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS d, c.item_code, t.step_id, count(*)::int AS n FROM case_tasks t JOIN cases c ON c.id = t.case_id
           WHERE t.region_code = $1 AND t.status = 'done' GROUP BY 1, 2, 3) x
          FULL JOIN (SELECT submitted_on AS d, item_code, step_id, sum(tasks)::int AS n FROM task_step_days WHERE region_code = $1 GROUP BY 1, 2, 3 HAVING sum(tasks) > 0) y
            ON y.d = x.d AND y.item_code = x.item_code AND y.step_id = x.step_id
         WHERE x.n IS DISTINCT FROM y.n`) },
      { check: 'cases whose kept pause days (paused_days, open_pause_since) differ from their pauses', bad: await one(`SELECT count(*)::int AS n FROM cases c
          JOIN LATERAL (SELECT coalesce(sum(coalesce(p.paused_working_days, 0)) FILTER (WHERE p.ended_on IS NOT NULL AND c.accepted_on IS NOT NULL AND p.started_on >= c.accepted_on), 0)::int AS d,
                               min(p.started_on) FILTER (WHERE p.ended_on IS NULL) AS o FROM case_pauses p WHERE p.case_id = c.id) x ON true
         WHERE c.region_code = $1 AND (c.paused_days <> x.d OR c.open_pause_since IS DISTINCT FROM x.o)`) },
      { check: 'pool tasks passed ≠ successful responses', bad: Math.abs((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_tasks WHERE id = ANY($1::uuid[]) AND status = 'done'`, [pool.map((p) => p.id)])).rows[0]!.n - pass.ok) },
      { check: "new 'pass' history rows ≠ successful responses", bad: Math.abs((await one(`SELECT count(*)::int AS n FROM case_history WHERE region_code = $1 AND action = 'pass'`)) - histBefore - pass.ok) },
    ];
    for (const c of consistency) log(`${kind}: ${c.check}: ${c.bad}`);

    // Baseline: a bare Fastify hello-world route under the same autocannon settings.
    const hello = Fastify({ logger: false });
    hello.get('/hello', async () => ({ hello: 'world' }));
    await hello.listen({ port: 0, host: '127.0.0.1' });
    const hr = await cannon({ url: `http://127.0.0.1:${(hello.server.address() as { port: number }).port}`, method: 'GET', connections: CONNECTIONS, durationSec: Math.min(SECONDS, 10), once: false, headers: {}, requests: [{ path: '/hello' }] });
    await hello.close();
    const helloFig = passFigure(hr, 0);
    log(`${kind}: hello world ${helloFig.reqPerSec.toFixed(0)} req/s p95 ${helloFig.lat.p95.toFixed(1)} ms`);
    return { kind, gen, valid, todo, summary: { runs: sumRuns, cases: sum!.totals?.cases ?? 0, tasksDone: sum!.byStep.reduce((s, x) => s + x.tasks, 0), drillRuns, drillTotal }, pass, hello: helloFig, consistency, loadBefore, loadAfter };
  } finally {
    if (app) await app.close().catch(() => undefined);
    await db.close();
    if (kind === 'postgres' && !flags.keep) psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
function section(title: string, r: Result): string {
  const g = r.gen;
  return [
    `### ${title}`,
    '',
    `Data: ${g.cases.toLocaleString('en')} cases, ${g.tasks.toLocaleString('en')} tasks (${g.openTasks.toLocaleString('en')} open), ${g.history.toLocaleString('en')} history rows, ${g.pauses.toLocaleString('en')} special procedures; generated in ${g.seconds.toFixed(0)} s.`,
    `Read back through GET /api/cases/{id}: ${r.valid.ok} of ${r.valid.sampled} sampled cases consistent (timeline = history rows, tasks, clock, last transition = state)${r.valid.notes.length ? `; problems: ${r.valid.notes.join('; ')}` : ''}.`,
    '',
    `**待办** — GET /api/tasks?view=todo, first page of 20 with the four counts, ${RUNS} runs per reviewer (after 5 warm-up runs); bare SQL = count + first page of the same open tasks (no lights, no actions). Target p95 < 50 ms.`,
    '',
    '| reviewer | open (todo) | 预警 | 超期 | 已办 | HTTP p50 ms | HTTP p95 ms | HTTP max ms | bare SQL p50 ms | bare SQL p95 ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...r.todo.map((t) => `| ${t.role} | ${t.todo} | ${t.warning} | ${t.overdue} | ${t.done} | ${ms(t.http.p50)} | ${ms(t.http.p95)} | ${ms(t.http.max)} | ${ms(t.bare.p50)} | ${ms(t.bare.p95)} |`),
    '',
    `**效能监管** — GET /api/supervision/summary?from=2026-01-01&to=2026-12-31 (${r.summary.cases.toLocaleString('en')} cases, ${r.summary.tasksDone.toLocaleString('en')} done tasks in the per-step figures), 5 runs: ${r.summary.runs.map((x) => `${ms(x)} ms`).join(', ')}. Target < 1 s.
The drill-down behind the year's overdue figure (GET /api/supervision/cases?metric=overdue, first page of 20 of ${r.summary.drillTotal.toLocaleString('en')}), 5 runs: ${r.summary.drillRuns.map((x) => `${ms(x)} ms`).join(', ')}.`,
    '',
    `**Pass this task under load** — autocannon, ${CONNECTIONS} connections, POST /api/cases/{id}/actions {action: pass}, each request a different open 承办 task of 确权登记股 (pool of ${r.pass.pool}), signed in as its section head; load average before / after: ${r.loadBefore} → ${r.loadAfter}.`,
    '',
    '| run | requests | 2xx | 409 | other non-2xx | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| pass (${r.pass.seconds.toFixed(1)} s) | ${r.pass.requests} | ${r.pass.ok} | ${r.pass.conflicts} | ${JSON.stringify(r.pass.other)} | ${r.pass.errors} | ${r.pass.reqPerSec.toFixed(0)} | ${ms(r.pass.lat.p50)} | ${ms(r.pass.lat.p95)} | ${ms(r.pass.lat.p99)} | ${ms(r.pass.lat.max)} |`,
    `| baseline: bare Fastify hello world (${r.hello.seconds.toFixed(1)} s) | ${r.hello.requests} | ${r.hello.ok} | ${r.hello.conflicts} | ${JSON.stringify(r.hello.other)} | ${r.hello.errors} | ${r.hello.reqPerSec.toFixed(0)} | ${ms(r.hello.lat.p50)} | ${ms(r.hello.lat.p95)} | ${ms(r.hello.lat.p99)} | ${ms(r.hello.lat.max)} |`,
    '',
    'Consistency after the load (each must be 0):',
    '',
    ...r.consistency.map((c) => `- ${c.check}: **${c.bad}**`),
    '',
  ].join('\n');
}

try {
  const m = machineInfo();
  const load0 = loads();
  const write = (pg: Result, lite: Result | null, note: string) => {
  const md = [
    '# Approval benchmark (政务辅助审批)',
    '',
    `Command: \`${command}\``,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.os}; Node ${m.node}; ${m.postgres}; ${m.date}.`,
    `Load average (1 / 5 / 15 min) at the start ${load0}, at the end ${loads()} (2 cores: above ≈ 2 other work shared them). The baselines ran in the same run, under the same load.`,
    '',
    'Data: cases submitted on every working day (chinese-days calendar: 春节, 国庆 … empty, 调休 Saturdays worked) from 2025-01-01 to 2026-12-31,',
    'the nine seeded items (不动产登记 34 %, 乡村建设规划 16 %, 建设工程规划 12 % …), each item\'s current process definition (用地预审 with its',
    'four parallel opinions), as of 2026-12-31: most delivered, 2 % not accepted, 1 % withdrawn, 3 % denied, 7 % slow at one step (overdue),',
    '3 % with a 现场踏勘 special procedure (ended, or still running for the newest), the newest cases open at every step. Rows are written',
    'set-based in SQL (bench/approval-generate.ts) with the columns and JSON shapes the case service writes; history rows carry the task,',
    'states and details of each transition.',
    '',
    section(`PostgreSQL — ${CASES.toLocaleString('en')} cases`, pg),
    ...(lite ? [section(`PGlite (in memory) — ${PGLITE_CASES.toLocaleString('en')} cases`, lite)] : [note, '']),
  ].join('\n');
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, md);
  log(`wrote ${RESULTS}`);
  };
  if (flags['skip-postgres']) {
    // A check of the PGlite path alone; nothing is written.
    await run('pglite', PGLITE_CASES);
    process.exit(0);
  }
  const pg = await run('postgres', CASES);
  // The PostgreSQL figures are written at once, so a long PGlite run cannot lose them.
  write(pg, null, flags['skip-pglite'] ? 'PGlite skipped (--skip-pglite).' : 'PGlite: running…');
  if (!flags['skip-pglite']) write(pg, await run('pglite', PGLITE_CASES), '');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
