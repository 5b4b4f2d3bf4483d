/**
 * Startup benchmark (`npm run bench:startup`).
 *
 * Spawns the real server (`node --import tsx src/main.ts`) and times spawn → first 200 from
 * GET /api/ready (polled every ~50 ms), 5 runs per scenario:
 *   - PGlite cold (fresh DATA_DIR: migrations + demo seeding) and warm (same DATA_DIR again);
 *   - native PostgreSQL cold (fresh empty database per run) and warm (same database again),
 *     skipped with a note when PostgreSQL at 127.0.0.1:5432 is unreachable;
 *   - baselines: bare `node -e "process.exit(0)"` spawn → exit, a Fastify hello-world spawn → 200,
 *     and a bare PGlite+PostGIS open + `SELECT postgis_lib_version()` in a child, cold and warm.
 * Every server is stopped with SIGTERM and awaited before the next run; a non-zero exit is reported.
 * Temp dirs and the landgov_bench_* databases are removed at the end. Writes bench/results/startup.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/startup.md', import.meta.url));
const READY_TIMEOUT_MS = 300_000;
const SECRET_KEY = randomBytes(32).toString('hex');
const PG_BASE = 'postgres://postgres@127.0.0.1:5432';

interface Row { name: string; times: number[]; note?: string }
const rows: Row[] = [];
const problems: string[] = [];
const notes: string[] = [];
const tempDirs: string[] = [];
const databases: string[] = [];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `landgov-bench-${label}-`));
  tempDirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Keeps the last few KB of a child's stderr for error reports. */
function tail(child: ChildProcess): () => string {
  let buf = '';
  child.stderr?.on('data', (d: Buffer) => { buf = (buf + d.toString()).slice(-4000); });
  return () => buf.split('\n').filter((l) => l.trim() && l.length < 300).join('\n'); // drop minified-source lines
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Polls url every ~50 ms until it answers 200; throws if the child exits first or on timeout. */
async function waitFor200(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`process exited (code ${child.exitCode}, signal ${child.signalCode}) before ready:\n${stderr()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`no 200 from ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${stderr()}`);
}

/** Spawns a process that serves HTTP, times spawn → first 200, then SIGTERMs it and checks exit 0. */
async function timeHttpStart(label: string, args: string[], env: Record<string, string>, urlPath: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = tail(child);
  try {
    await waitFor200(`http://127.0.0.1:${port}${urlPath}`, child, stderr);
    return (performance.now() - t0) / 1000;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const { code, signal } = await exited(child);
    if (code !== 0) problems.push(`${label}: exit code ${code}${signal ? ` (signal ${signal})` : ''} after SIGTERM\n${stderr()}`);
  }
}

/** Spawns `node ...args`; times spawn → each stdout line starting with one of `markers` (spawn → exit when none). */
async function timeChild(label: string, args: string[], env: Record<string, string>, markers: string[] = []): Promise<number[]> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = tail(child);
  let out = '';
  const seen = new Map<string, number>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    const now = performance.now();
    for (const m of markers) if (!seen.has(m) && out.split('\n').some((l) => l.startsWith(m))) seen.set(m, now);
  });
  const { code, signal } = await exited(child);
  const end = performance.now();
  if (code !== 0) problems.push(`${label}: exit code ${code}${signal ? ` (signal ${signal})` : ''}\n${stderr()}`);
  if (markers.length === 0) return [(end - t0) / 1000];
  return markers.map((m) => {
    const at = seen.get(m);
    if (at === undefined) throw new Error(`${label}: "${m}" never printed; stdout: ${out.trim()}\n${stderr()}`);
    return (at - t0) / 1000;
  });
}

/** Runs `run` RUNS times; each run yields one figure per name (one table row each). */
async function scenario(names: string | string[], run: (i: number) => Promise<number | number[]>, note?: string): Promise<void> {
  const list = typeof names === 'string' ? [names] : names;
  const own = list.map((name) => ({ name, times: [] as number[], note }));
  for (let i = 0; i < RUNS; i++) {
    const r = await run(i);
    const figures = typeof r === 'number' ? [r] : r;
    own.forEach((row, k) => row.times.push(figures[k] ?? NaN));
    console.log(`  ${list[0]} #${i + 1}: ${figures.map((f) => f.toFixed(3)).join(' / ')} s`);
  }
  rows.push(...own);
}

function psql(sql: string, db = 'postgres'): { ok: boolean; out: string } {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-X', '-Atq', '-c', sql], { encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0, out: ((r.stdout ?? '') + (r.stderr ?? '') + (r.error?.message ?? '')).trim() };
}

const SERVER = ['--import', 'tsx', 'src/main.ts'];
const serverEnv = (extra: Record<string, string>) => ({ LOG_LEVEL: 'warn', DEMO_DATA: 'auto', SECRET_KEY, ...extra });

const FASTIFY_HELLO = `const app = require('fastify')();
app.get('/', async () => ({ hello: 'world' }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

const PGLITE_OPEN = `import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
const pg = await PGlite.create(process.env.PGLITE_DIR, { extensions: { postgis } });
console.log('opened');
await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
const r = await pg.query('SELECT postgis_lib_version() AS v');
console.log('ready ' + r.rows[0].v);
await pg.close();`;

async function main(): Promise<void> {
  console.log(`landgov startup benchmark: ${RUNS} runs per scenario\n`);

  console.log('baselines');
  await scenario('Baseline: `node -e "process.exit(0)"` (spawn → exit)', () => timeChild('node exit', ['-e', 'process.exit(0)'], {}));
  await scenario('Baseline: Fastify hello-world (spawn → 200)', () => timeHttpStart('fastify hello', ['-e', FASTIFY_HELLO], {}, '/'));
  let pgliteDir = '';
  const bare = (when: string) => [`Baseline: bare PGlite+PostGIS, ${when}: spawn → PGlite.create() resolved`,
    `Baseline: bare PGlite+PostGIS, ${when}: spawn → CREATE EXTENSION IF NOT EXISTS postgis + SELECT postgis_lib_version() answered`];
  const openBare = (label: string) => timeChild(label, ['--input-type=module', '-e', PGLITE_OPEN], { PGLITE_DIR: pgliteDir }, ['opened', 'ready ']);
  await scenario(bare('cold'), () => { pgliteDir = tempDir('pglite-bare'); return openBare('bare PGlite cold'); });
  await scenario(bare('warm'), () => openBare('bare PGlite warm'));

  console.log('PGlite server');
  let dataDir = '';
  await scenario('landgov on PGlite, cold (empty DATA_DIR → migrations + demo seed → ready)', () => {
    dataDir = tempDir('pglite');
    return timeHttpStart('PGlite cold', SERVER, serverEnv({ DATA_DIR: dataDir }), '/api/ready');
  });
  await scenario('landgov on PGlite, warm (initialised DATA_DIR → ready)', () =>
    timeHttpStart('PGlite warm', SERVER, serverEnv({ DATA_DIR: dataDir }), '/api/ready'), 'design target < 5 s');

  const probe = psql('SELECT version()');
  if (!probe.ok) {
    const why = `native PostgreSQL at 127.0.0.1:5432 unreachable (${probe.out.split('\n')[0]}); measured PGlite only`;
    console.log(why);
    notes.push(why);
    return;
  }
  console.log(`native PostgreSQL server (${probe.out.split(',')[0]})`);
  const nativeDir = tempDir('native');
  let db = '';
  await scenario('landgov on native PostgreSQL, cold (new empty database → migrations + demo seed → ready)', (i) => {
    db = `landgov_bench_${process.pid}_${i}`;
    const made = psql(`CREATE DATABASE ${db}`);
    if (!made.ok) throw new Error(`CREATE DATABASE ${db}: ${made.out}`);
    databases.push(db);
    return timeHttpStart('PostgreSQL cold', SERVER, serverEnv({ DATA_DIR: nativeDir, DATABASE_URL: `${PG_BASE}/${db}` }), '/api/ready');
  });
  await scenario('landgov on native PostgreSQL, warm (same database → ready)', () =>
    timeHttpStart('PostgreSQL warm', SERVER, serverEnv({ DATA_DIR: nativeDir, DATABASE_URL: `${PG_BASE}/${db}` }), '/api/ready'));
}

function stats(times: number[]): { median: number; min: number; max: number } {
  const s = [...times].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
  return { median, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

function report(error: unknown): string {
  const cpus = os.cpus();
  const f = (n: number) => n.toFixed(2);
  const lines = [
    '# Startup benchmark',
    '',
    `Time from spawning a process to its first HTTP 200 (for landgov: \`GET /api/ready\`, polled every ~50 ms), ${RUNS} runs per scenario, in seconds.`,
    'The server runs as `node --import tsx src/main.ts` with `LOG_LEVEL=warn`, `DEMO_DATA=auto`, no `DEMO_PASSWORD`; each run is stopped with SIGTERM and awaited (exit code checked) before the next.',
    '"Cold" starts from an empty PGlite `DATA_DIR` (fresh temp dir per run) or a freshly created empty PostgreSQL database per run, so they include migrations and demo-data seeding;',
    '"warm" restarts on the data left by the previous run. The baselines show the floor: Node itself, a bare Fastify app, and PGlite with the PostGIS extension bundle opened alone in a child process',
    '(`PGlite.create(dir, {extensions: {postgis}})`, then `CREATE EXTENSION IF NOT EXISTS postgis` — needed before `postgis_lib_version()` exists — and `SELECT postgis_lib_version()`).',
    '',
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; run ${new Date().toISOString()}.`,
    '',
    '| Scenario | Median (s) | Min (s) | Max (s) |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const s = stats(r.times);
      return `| ${r.name}${r.note ? ` — ${r.note}` : ''} | ${f(s.median)} | ${f(s.min)} | ${f(s.max)} |`;
    }),
    '',
  ];
  if (error) lines.push(`**The run stopped early:** ${String((error as Error).message ?? error).split('\n')[0]}`, '');
  if (notes.length) lines.push(...notes.map((n) => `Note: ${n}.`), '');
  if (problems.length) lines.push('Problems:', '', ...problems.map((p) => `- ${p.split('\n')[0]}`), '');
  lines.push('Produced by:', '', '```sh', 'npm run bench:startup', '```', '');
  return lines.join('\n');
}

let failure: unknown = null;
try {
  await main();
} catch (err) {
  failure = err;
  console.error(err);
} finally {
  for (const db of databases) {
    const r = psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    if (!r.ok) console.error(`could not drop ${db}: ${r.out}`);
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
const md = report(failure);
fs.writeFileSync(RESULTS, md);
console.log(`\n${md}\nwrote ${path.relative(ROOT, RESULTS)}`);
for (const p of problems) console.error(`\nproblem: ${p}`);
if (failure || problems.length) process.exitCode = 1;
