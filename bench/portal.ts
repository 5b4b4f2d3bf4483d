/**
 * Online hall load benchmark (issue 网上办事大厅 §8): `npx tsx bench/portal.ts [--duration 60] [--connections 200] [--applicants 200]`.
 *
 *   0. a fresh native PostgreSQL database (landgov_portalbench, dropped at the end), migrated, county 430422;
 *   1. a server process (this file with --serve) registers --applicants applicant accounts through the real
 *      routes (SMS code from the development adapter, password, session cookie) and gives each 2–3 cases
 *      through the hall's submission route when it exists (else the approval service with an applicant actor);
 *      half of the cases are accepted by a window clerk so their detail has a running clock and a timeline;
 *   2. --connections concurrent applicants for --duration seconds with autocannon, a mix of public guide
 *      browsing and signed-in tracking — one autocannon instance per route, all at the same time, each with
 *      its share of the connections; every request of a signed-in route carries the cookie of a random
 *      account and asks for one of that account's own cases; response times collected per response;
 *   3. the baseline: a bare Fastify hello-world in its own process, same connections and duration.
 * Routes that do not answer 2xx when probed are left out and listed as such. Writes bench/results/portal.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult { errors: number; timeouts: number; non2xx: number; statusCodeStats?: Record<string, { count: number }> }
interface AutocannonInstance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, r: AutocannonResult) => void) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const RESULTS = fileURLToPath(new URL('./results/portal.md', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    applicants: { type: 'string', default: '200' },
    'baseline-duration': { type: 'string' },
    serve: { type: 'string' }, // internal: run the landgov server on this database URL
    baseline: { type: 'boolean', default: false }, // internal: run the hello-world server
    out: { type: 'string' },
  },
});
const REGION = '430422';
const DB_NAME = 'landgov_portalbench';
const PG_URL = (db: string) => `postgres://postgres@127.0.0.1:5432/${db}`;
const log = (msg: string): void => {
  process.stderr.write(`[portal-bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

/** What the server process prepared: its port, the accounts with their cases, the guide codes. */
interface Prepared {
  port: number;
  submittedThrough: 'hall' | 'approval-service';
  applicants: { cookie: string; cases: { id: string; caseNo: string; queryCode: string | null }[] }[];
  guideCodes: string[];
  searches: string[];
  probes: Record<string, number>;
  prepareSeconds: number;
}

if (flags.serve) await serveLandgov(flags.serve, Number(flags.applicants), flags.out!);
else if (flags.baseline) await serveBaseline(flags.out!);
else await main();

// ————————————————————————————————————————— server process —————————————————————————————————————————

async function serveLandgov(url: string, applicantCount: number, out: string): Promise<void> {
  const t0 = performance.now();
  const { PostgresDb } = await import('../src/core/db/postgres.ts');
  const { migrate } = await import('../src/core/db/migrate.ts');
  const { ensureBuiltinRoles, ensureDepartments } = await import('../src/core/bootstrap.ts');
  const { loadConfig } = await import('../src/core/config.ts');
  const { createContext } = await import('../src/core/context.ts');
  const { buildApp } = await import('../src/app.ts');
  const { hashPassword } = await import('../src/core/auth/passwords.ts');
  const { applicantActor } = await import('../src/modules/approval/actor.ts');
  const { idNumberCheckChar } = await import('../src/modules/portal/accounts/validators.ts');
  type Sms = { lastTo(phone: string): { text: string } | undefined };

  const db = await PostgresDb.open(url);
  await migrate(db);
  await ensureBuiltinRoles(db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-bench-portal-'));
  const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, REGION_CODE: REGION, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SMS_ADAPTER: 'log', SECRET_KEY: crypto.randomBytes(32).toString('hex') });
  const ctx = createContext(config, db);
  const app = await buildApp(ctx, { logger: false });
  await ensureDepartments(db, REGION);
  await app.ready();
  const sms = app.portal.sms as unknown as Sms;

  // A window clerk accepts half of the cases (a running clock, an acceptance step in the timeline).
  const clerkPassword = 'Bench#2026clerk';
  const clerk = await db.query<{ id: string }>(
    `INSERT INTO users (region_code, username, display_name, department_id, password_hash, must_change_password, password_changed_at)
     SELECT $1, 'bench_clerk', '窗口基准', d.id, $2, false, now() FROM departments d WHERE d.region_code = $1 AND d.code = 'approval_window' RETURNING id`,
    [REGION, await hashPassword(clerkPassword)],
  );
  await db.query('INSERT INTO user_roles (user_id, role_code, region_code) VALUES ($1, $2, $3)', [clerk.rows[0]!.id, 'window_clerk', REGION]);
  const signin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench_clerk', password: clerkPassword } });
  if (signin.statusCode !== 200) throw new Error(`clerk sign-in: ${signin.statusCode} ${signin.body}`);
  const clerkCookie = `landgov_sid=${signin.cookies.find((c) => c.name === 'landgov_sid')!.value}`;

  const probes: Record<string, number> = {};
  const probe = async (key: string, method: 'GET' | 'POST', u: string, cookie?: string, payload?: object) => {
    const r = await app.inject({ method, url: u, ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : {}) });
    probes[key] = r.statusCode;
    return r;
  };

  // The hall's submission path needs drafts and uploads; without them cases go through the approval service.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const multipart = (name: string, content: Buffer) => {
    const b = `----bench${crypto.randomBytes(6).toString('hex')}`;
    return {
      payload: Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`), content, Buffer.from(`\r\n--${b}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    };
  };

  const items = [
    { code: 'BDCDJ', project: (i: number) => ({ registrationType: 'first', location: `云集街道中心村${i}组` }) },
    { code: 'CLBZCQ', project: (i: number) => ({ projectName: `测量标志迁建工程${i}`, markerNo: `HN${String(i).padStart(4, '0')}`, location: '茶市镇' }) },
  ];
  const guideOf = new Map<string, { materials: { code: string; requirement: string }[] }>();

  const applicants: Prepared['applicants'] = [];
  let hallPath: boolean | null = null;
  let serial = 0;
  for (let n = 0; n < applicantCount; n++) {
    const phone = `139${String(10_000_000 + n * 37 + crypto.randomInt(30)).padStart(8, '0')}`;
    const y = 1960 + (n % 40);
    const first17 = `430422${y}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const remoteAddress = `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    const sent = await app.inject({ method: 'POST', url: '/api/portal/auth/sms-codes', remoteAddress, payload: { phone, purpose: 'register' } });
    if (sent.statusCode !== 202) throw new Error(`sms code: ${sent.statusCode} ${sent.body}`);
    const code = sms.lastTo(phone)?.text.match(/验证码 (\d{6})/)?.[1];
    const reg = await app.inject({ method: 'POST', url: '/api/portal/auth/register', remoteAddress, payload: { name: `申请人${n}`, idNumber, phone, smsCode: code, password: 'Apply#2026ok' } });
    if (reg.statusCode !== 201) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
    const applicantId = reg.json().id as string;
    const cookie = `landgov_portal_sid=${reg.cookies.find((c) => c.name === 'landgov_portal_sid')!.value}`;
    if (hallPath === null) hallPath = (await probe('POST /api/portal/drafts', 'POST', '/api/portal/drafts', cookie, { itemCode: 'BDCDJ' })).statusCode === 201;

    const cases: Prepared['applicants'][number]['cases'] = [];
    const count = 2 + (n % 2);
    for (let k = 0; k < count; k++) {
      const item = items[(n + k) % items.length]!;
      serial++;
      let id: string;
      if (hallPath) {
        if (!guideOf.has(item.code)) guideOf.set(item.code, (await app.inject({ method: 'GET', url: `/api/portal/guides/${item.code}` })).json());
        const draft = await app.inject({ method: 'POST', url: '/api/portal/drafts', headers: { cookie }, payload: { itemCode: item.code } });
        if (draft.statusCode !== 201) throw new Error(`draft: ${draft.statusCode} ${draft.body}`);
        const materials: { code: string; fileId: string }[] = [];
        for (const m of guideOf.get(item.code)!.materials.filter((x) => x.requirement === 'required')) {
          const mp = multipart(`${m.code}.pdf`, pdf);
          const up = await app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { cookie, ...mp.headers }, payload: mp.payload });
          if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
          materials.push({ code: m.code, fileId: up.json().fileId });
        }
        const d = draft.json();
        const put = await app.inject({ method: 'PUT', url: `/api/portal/drafts/${d.id}`, headers: { cookie }, payload: { expectedVersion: d.version, project: item.project(serial), materials } });
        if (put.statusCode !== 200) throw new Error(`draft save: ${put.statusCode} ${put.body}`);
        const sub = await app.inject({ method: 'POST', url: `/api/portal/drafts/${d.id}/submit`, headers: { cookie, 'idempotency-key': `bench-${n}-${k}` } });
        if (sub.statusCode !== 201) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);
        id = sub.json().caseId;
      } else {
        const actor = applicantActor({ applicantId, displayName: `申请人${n}`, regionCode: REGION });
        const r = await app.approval.cases.submit(actor, { itemCode: item.code, applicant: { type: 'person', name: `申请人${n}`, idType: 'resident_id', idNumber, phone }, project: item.project(serial) } as never, `bench-${n}-${k}`);
        id = r.id;
      }
      if ((n + k) % 2 === 0) {
        const c = (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie: clerkCookie } })).json();
        const a = c.allowedActions.find((x: { action: string }) => x.action === 'accept');
        const acc = await app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: { cookie: clerkCookie }, payload: { action: 'accept', taskId: a?.taskId } });
        if (acc.statusCode !== 200) throw new Error(`accept: ${acc.statusCode} ${acc.body}`);
      }
      const mine = await app.inject({ method: 'GET', url: `/api/portal/cases/${id}`, headers: { cookie } });
      const body = mine.statusCode === 200 ? mine.json() : null;
      const caseNo = body?.caseNo ?? (await db.query<{ case_no: string }>('SELECT case_no FROM cases WHERE id = $1', [id])).rows[0]!.case_no;
      cases.push({ id, caseNo, queryCode: body?.queryCode ?? null });
    }
    applicants.push({ cookie, cases });
    if ((n + 1) % 50 === 0) log(`  ${n + 1} applicants with their cases`);
  }

  // Probe the routes the load will use; the driver leaves out those that do not answer 2xx.
  const list = await probe('GET /api/portal/guides', 'GET', '/api/portal/guides');
  const guideCodes: string[] = list.statusCode === 200 ? (list.json().items as { code: string }[]).map((x) => x.code) : [];
  await probe('GET /api/portal/guides/{code}', 'GET', `/api/portal/guides/${guideCodes[0] ?? 'JSYDGH'}`);
  await probe('GET /api/portal/guides?q=', 'GET', `/api/portal/guides?q=${encodeURIComponent('规划')}`);
  const a0 = applicants[0]!;
  await probe('GET /api/portal/cases', 'GET', '/api/portal/cases', a0.cookie);
  await probe('GET /api/portal/cases/{id}', 'GET', `/api/portal/cases/${a0.cases[0]!.id}`, a0.cookie);
  const c0 = a0.cases[0]!;
  await probe('GET /api/portal/progress', 'GET', `/api/portal/progress?no=${c0.caseNo}&code=${c0.queryCode ?? 'none'}`);

  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const prepared: Prepared = {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    submittedThrough: hallPath ? 'hall' : 'approval-service',
    applicants,
    guideCodes,
    searches: ['规划', '用地', '不动产', '许可', '测绘', 'JSYDGH', '采矿', '临时'],
    probes,
    prepareSeconds: (performance.now() - t0) / 1000,
  };
  fs.writeFileSync(out, JSON.stringify(prepared));
  process.stdout.write('READY\n');
  const stop = async () => {
    await app.close();
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

async function serveBaseline(out: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  fs.writeFileSync(out, JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
  process.stdout.write('READY\n');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

// ————————————————————————————————————————— driver —————————————————————————————————————————

function psql(sql: string): { ok: boolean; out: string } {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, out: ((r.stdout ?? '') + (r.stderr ?? '') + (r.error?.message ?? '')).trim() };
}

/** Starts this file in a server mode and waits for its READY line; the prepared JSON lands in `out`. */
function startServer(args: string[], out: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args, '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('READY')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await done;
  clearTimeout(t);
}

interface RouteFigures { key: string; connections: number; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; mean: number; errors: number; timeouts: number; non2xx: number; statuses: string }

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs one autocannon instance; collects every response time (autocannon reports no p95 of its own). */
function load(key: string, url: string, connections: number, duration: number, next: () => { path: string; cookie?: string }): Promise<RouteFigures> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 30,
        requests: [{ setupRequest: (req: Record<string, unknown>) => { const n = next(); return { ...req, method: 'GET', path: n.path, headers: n.cookie ? { cookie: n.cookie } : {} }; } }],
      },
      (err, r) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        const statuses = Object.entries(r.statusCodeStats ?? {}).map(([s, v]) => `${s}×${v.count}`).join(', ');
        resolve({
          key, connections, requests: times.length, rps: times.length / duration,
          p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99), max: times[times.length - 1] ?? NaN,
          mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
          errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statuses,
        });
      },
    );
    inst.on('response', (_client, _status, _bytes, ms) => { times.push(ms); });
  });
}

async function main(): Promise<void> {
  const duration = Number(flags.duration);
  const connections = Number(flags.connections);
  const applicants = Number(flags.applicants);
  const baselineDuration = Number(flags['baseline-duration'] ?? flags.duration);
  const command = ['npm run bench:portal --', ...process.argv.slice(2)].join(' ');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-bench-portal-run-'));
  const uptimeBefore = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  const pgVersion = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-XAtqc', 'SHOW server_version'], { encoding: 'utf8' }).stdout.trim();

  psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  const created = psql(`CREATE DATABASE ${DB_NAME}`);
  if (!created.ok) throw new Error(`CREATE DATABASE: ${created.out}`);
  let server: ChildProcess | null = null;
  let baseline: ChildProcess | null = null;
  try {
    log(`preparing ${applicants} applicants with their cases on ${DB_NAME}`);
    server = await startServer(['--serve', PG_URL(DB_NAME), '--applicants', String(applicants)], path.join(tmp, 'prepared.json'));
    const prep = JSON.parse(fs.readFileSync(path.join(tmp, 'prepared.json'), 'utf8')) as Prepared;
    log(`prepared in ${prep.prepareSeconds.toFixed(0)} s (cases through ${prep.submittedThrough}); probes ${JSON.stringify(prep.probes)}`);
    const base = `http://127.0.0.1:${prep.port}`;
    const r = () => Math.random();
    const anyOf = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const withCases = prep.applicants.filter((a) => a.cases.length > 0);
    const tracked = prep.applicants.flatMap((a) => a.cases).filter((c) => c.queryCode);

    // The mix: what 200 visitors of the hall do at once — most browse guides, a third follow their cases.
    const routes: { key: string; share: number; next: () => { path: string; cookie?: string } }[] = [
      { key: 'GET /api/portal/guides', share: 0.25, next: () => ({ path: anyOf(['/api/portal/guides', '/api/portal/guides?audience=person', '/api/portal/guides?theme=planning', '/api/portal/guides?audience=organisation&theme=land']) }) },
      { key: 'GET /api/portal/guides/{code}', share: 0.2, next: () => ({ path: `/api/portal/guides/${anyOf(prep.guideCodes.length ? prep.guideCodes : ['JSYDGH'])}` }) },
      { key: 'GET /api/portal/guides?q=', share: 0.15, next: () => ({ path: `/api/portal/guides?q=${encodeURIComponent(anyOf(prep.searches))}` }) },
      { key: 'GET /api/portal/cases', share: 0.15, next: () => ({ path: '/api/portal/cases', cookie: anyOf(withCases).cookie }) },
      { key: 'GET /api/portal/cases/{id}', share: 0.15, next: () => { const a = anyOf(withCases); return { path: `/api/portal/cases/${anyOf(a.cases).id}`, cookie: a.cookie }; } },
      { key: 'GET /api/portal/progress', share: 0.1, next: () => { const c = anyOf(tracked); return { path: `/api/portal/progress?no=${encodeURIComponent(c.caseNo)}&code=${encodeURIComponent(c.queryCode!)}` }; } },
    ];
    const live = routes.filter((x) => (prep.probes[x.key] ?? 0) >= 200 && prep.probes[x.key]! < 300 && (x.key !== 'GET /api/portal/progress' || tracked.length > 0));
    const missing = routes.filter((x) => !live.includes(x)).map((x) => `${x.key} (probe ${prep.probes[x.key] ?? 'not run'})`);
    const shareSum = live.reduce((a, x) => a + x.share, 0);
    let left = connections;
    const plan = live.map((x, i) => {
      const c = i === live.length - 1 ? left : Math.max(1, Math.round((connections * x.share) / shareSum));
      left -= c;
      return { ...x, connections: c };
    });
    log(`load: ${plan.map((p) => `${p.key} ×${p.connections}`).join(', ')} for ${duration} s`);
    const t0 = performance.now();
    const figures = await Promise.all(plan.map((p) => load(p.key, base, p.connections, duration, p.next)));
    const wall = (performance.now() - t0) / 1000;
    const uptimeLoad = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
    await stopServer(server);
    server = null;

    log(`baseline: bare Fastify hello-world, ${connections} connections for ${baselineDuration} s`);
    baseline = await startServer(['--baseline'], path.join(tmp, 'baseline.json'));
    const bport = (JSON.parse(fs.readFileSync(path.join(tmp, 'baseline.json'), 'utf8')) as { port: number }).port;
    const hello = await load('GET / (hello world)', `http://127.0.0.1:${bport}`, connections, baselineDuration, () => ({ path: '/' }));
    await stopServer(baseline);
    baseline = null;
    const uptimeAfter = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();

    const all = figures.flatMap((f) => f);
    const total = { requests: all.reduce((a, f) => a + f.requests, 0), errors: all.reduce((a, f) => a + f.errors + f.timeouts, 0), non2xx: all.reduce((a, f) => a + f.non2xx, 0) };
    const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
    const row = (f: RouteFigures) => `| ${f.key} | ${f.connections} | ${f.requests} | ${f1(f.rps)} | ${f1(f.p50)} | ${f1(f.p95)} | ${f1(f.p99)} | ${f1(f.max)} | ${f.errors + f.timeouts} | ${f.non2xx} | ${f.statuses} |`;
    const cpus = os.cpus();
    const md = `# Online hall load benchmark

Command: \`${command}\`

Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}; Node ${process.version};
PostgreSQL ${pgVersion} (native, database \`${DB_NAME}\`, created for the run and dropped after it); ${new Date().toISOString()}.
**The machine is shared** (two cores, other developers' builds and tests ran at the same time), and the load generator runs on
the same two cores as the server and PostgreSQL: read the figures as a floor, and compare them with the baseline of the same run.

- \`uptime\` before: \`${uptimeBefore}\`
- \`uptime\` at the end of the load: \`${uptimeLoad}\`
- \`uptime\` after the baseline: \`${uptimeAfter}\`

Set-up: ${prep.applicants.length} applicant accounts registered through \`POST /api/portal/auth/sms-codes\` + \`/register\`
(SMS code from the development adapter), ${prep.applicants.reduce((a, x) => a + x.cases.length, 0)} cases (2–3 each,
items BDCDJ and CLBZCQ) submitted through ${prep.submittedThrough === 'hall' ? 'the hall (upload, draft, save, `POST /api/portal/drafts/{id}/submit`)' : 'the approval service with an applicant actor (the hall\'s submission route did not exist yet)'};
half of them accepted by a window clerk. Preparation took ${prep.prepareSeconds.toFixed(0)} s.

Load: ${connections} concurrent connections (applicants) for ${duration} s with autocannon ${'8.0.0'}, one instance per route, all at once,
the connections split by the mix below; each signed-in request carries the session cookie of a random account and asks for
one of that account's own cases; progress lookups use a real case number with its query code. Latency = time to the full
response, measured by autocannon per response (p50/p95/p99 computed from every response). Wall time ${wall.toFixed(1)} s.
${missing.length ? `\nLeft out (route not answering 2xx when probed at the start of the run): ${missing.join('; ')}.\n` : ''}
| route | connections | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors + timeouts | non-2xx | status codes |
|---|---|---|---|---|---|---|---|---|---|---|
${figures.map(row).join('\n')}
| **all hall routes** | ${connections} | ${total.requests} | ${f1(total.requests / duration)} | | | | | ${total.errors} | ${total.non2xx} | |
| baseline: bare Fastify hello-world (same process layout, ${baselineDuration} s) | ${connections} | ${hello.requests} | ${f1(hello.rps)} | ${f1(hello.p50)} | ${f1(hello.p95)} | ${f1(hello.p99)} | ${f1(hello.max)} | ${hello.errors + hello.timeouts} | ${hello.non2xx} | ${hello.statuses} |

The hall serves ${f1(total.requests / duration)} req/s against ${f1(hello.rps)} req/s of the bare framework on the same machine
(${f1((100 * total.requests) / duration / hello.rps)} %): every hall request is a database round trip or more (guides read the
item catalogue; a signed-in request first resolves the applicant session — session and account rows, now and then a last-seen update —
then reads the cases).
`;
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, md);
    process.stdout.write(md);
  } finally {
    if (server) await stopServer(server);
    if (baseline) await stopServer(baseline);
    const dropped = psql(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    if (!dropped.ok) log(`could not drop ${DB_NAME}: ${dropped.out}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
