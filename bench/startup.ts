/**
 * Startup benchmark (`npm run bench:startup`).
 *
 * Spawns the real server (`node --import tsx src/main.ts`) and times spawn → first 200 from
 * GET /api/ready (polled every ~50 ms), 5 runs per scenario:
 *   - PGlite cold (fresh DATA_DIR: migrations + demo seeding) and warm (same DATA_DIR again);
 *   - native PostgreSQL cold (fresh empty database per run) and warm (same database again),
 *     skipped with a note when PostgreSQL at 127.0.0.1:5432 is unreachable;
 *   - baselines: `node -e "process.exit(0)"` spawn → exit, a Fastify hello-world spawn → 200, and
 *     bare PGlite in a child process, cold and warm, with and without the PostGIS extension.
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
const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
const CODE = `commit ${git('rev-parse', '--short', 'HEAD') || 'unknown'}, ${git('status', '--porcelain', '--', '.', ':!bench').split('\n').filter(Boolean).length} uncommitted paths outside bench/`;

interface Row { name: string; times: number[]; loads: number[] }
const rows: Row[] = [];
const problems: string[] = [], notes: string[] = [], tempDirs: string[] = [], databases: string[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rm = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

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
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/** Spawns `node ...args` in the repo; returns the child and a reader for the tail of its stderr. */
function start(args: string[], env: Record<string, string>, stdout: 'pipe' | 'ignore') {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'pipe'] });
  let buf = '';
  child.stderr?.on('data', (d: Buffer) => { buf = (buf + d.toString()).slice(-4000); });
  const stderr = () => buf.split('\n').filter((l) => l.trim() && l.length < 300).join('\n'); // drop minified-source lines
  return { child, stderr };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

function checkExit(label: string, r: { code: number | null; signal: NodeJS.Signals | null }, stderr: string): void {
  if (r.code !== 0) problems.push(`${label}: exit code ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}\n${stderr}`);
}

/** Spawns a process that serves HTTP on a free port, times spawn → first 200, then SIGTERMs it and awaits its exit. */
async function timeHttpStart(label: string, args: string[], env: Record<string, string>, urlPath: string): Promise<number> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${urlPath}`;
  const t0 = performance.now();
  const { child, stderr } = start(args, { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'ignore');
  try {
    while (performance.now() - t0 < READY_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${label}: exited (code ${child.exitCode}) before ready:\n${stderr()}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return (performance.now() - t0) / 1000;
      } catch { /* not listening yet */ }
      await sleep(50);
    }
    throw new Error(`${label}: no 200 from ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${stderr()}`);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    checkExit(label, await exited(child), stderr());
  }
}

/** Spawns `node ...args`; times spawn → each stdout line starting with one of `markers` (spawn → exit when none). */
async function timeChild(label: string, args: string[], env: Record<string, string>, markers: string[] = []): Promise<number[]> {
  const t0 = performance.now();
  const { child, stderr } = start(args, env, 'pipe');
  let out = '';
  const seen = new Map<string, number>();
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const m of markers) if (!seen.has(m) && out.split('\n').some((l) => l.startsWith(m))) seen.set(m, performance.now());
  });
  const result = await exited(child), end = performance.now();
  checkExit(label, result, stderr());
  if (markers.length === 0) return [(end - t0) / 1000];
  return markers.map((m) => {
    const at = seen.get(m);
    if (at === undefined) throw new Error(`${label}: "${m}" never printed; stdout: ${out.trim()}\n${stderr()}`);
    return (at - t0) / 1000;
  });
}

/** Runs `run` RUNS times; each run yields one figure per name (one table row each). */
async function scenario(names: string | string[], run: (i: number) => Promise<number | number[]>): Promise<void> {
  const own = (typeof names === 'string' ? [names] : names).map((name) => ({ name, times: [] as number[], loads: [] as number[] }));
  for (let i = 0; i < RUNS; i++) {
    const load = os.loadavg()[0] ?? NaN;
    const figures = [await run(i)].flat();
    own.forEach((row, k) => { row.times.push(figures[k] ?? NaN); row.loads.push(load); });
    console.log(`  ${own[0]?.name} #${i + 1}: ${figures.map((f) => f.toFixed(3)).join(' / ')} s`);
  }
  rows.push(...own);
}

function psql(sql: string): { ok: boolean; out: string } {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-X', '-Atq', '-c', sql], { encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0, out: ((r.stdout ?? '') + (r.stderr ?? '') + (r.error?.message ?? '')).trim() };
}

const SERVER = ['--import', 'tsx', 'src/main.ts'];
const serverEnv = (extra: Record<string, string>) => ({ LOG_LEVEL: 'warn', DEMO_DATA: 'auto', SECRET_KEY, ...extra });

const FASTIFY_HELLO = `const app = require('fastify')();
app.get('/', async () => ({ hello: 'world' }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

/** Opens PGlite in PGLITE_DIR (with the PostGIS bundle when PGLITE_POSTGIS=1), printing a line at each step. */
const PGLITE_OPEN = `import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
const withPostgis = process.env.PGLITE_POSTGIS === '1';
const pg = await PGlite.create(process.env.PGLITE_DIR, { extensions: withPostgis ? { postgis } : {} });
console.log('opened');
if (withPostgis) {
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  console.log('ready ' + (await pg.query('SELECT postgis_lib_version() AS v')).rows[0].v);
}
await pg.close();`;

async function main(): Promise<void> {
  console.log(`landgov startup benchmark: ${RUNS} runs per scenario\nbaselines`);
  await scenario('Baseline: `node -e "process.exit(0)"`, spawn → exit', () => timeChild('node exit', ['-e', 'process.exit(0)'], {}));
  await scenario('Baseline: Fastify hello-world, spawn → 200', () => timeHttpStart('fastify hello', ['-e', FASTIFY_HELLO], {}, '/'));
  for (const postgis of [false, true]) {
    let dir = '';
    const open = (when: string) => timeChild(`bare PGlite ${when}`, ['--input-type=module', '-e', PGLITE_OPEN],
      { PGLITE_DIR: dir, PGLITE_POSTGIS: postgis ? '1' : '0' }, postgis ? ['opened', 'ready '] : ['opened']);
    const names = (when: string) => postgis
      ? [`Baseline: bare PGlite + PostGIS bundle, ${when}: spawn → \`PGlite.create()\` resolved`,
        `Baseline: bare PGlite + PostGIS bundle, ${when}: spawn → \`CREATE EXTENSION IF NOT EXISTS postgis\` + \`SELECT postgis_lib_version()\` answered`]
      : [`Baseline: bare PGlite, no extensions, ${when}: spawn → \`PGlite.create()\` resolved`];
    await scenario(names('cold'), () => { if (dir) rm(dir); dir = tempDir('pglite-bare'); return open('cold'); });
    await scenario(names('warm'), () => open('warm'));
  }

  console.log('landgov on PGlite');
  let dataDir = '';
  await scenario('**landgov on PGlite, cold**: empty DATA_DIR → migrations + demo seed → ready', () => {
    if (dataDir) rm(dataDir);
    dataDir = tempDir('pglite');
    return timeHttpStart('PGlite cold', SERVER, serverEnv({ DATA_DIR: dataDir }), '/api/ready');
  });
  await scenario('**landgov on PGlite, warm**: initialised DATA_DIR → ready (design target < 5 s)', () =>
    timeHttpStart('PGlite warm', SERVER, serverEnv({ DATA_DIR: dataDir }), '/api/ready'));

  const probe = psql('SELECT version()');
  if (!probe.ok) {
    notes.push(`native PostgreSQL at 127.0.0.1:5432 unreachable (${probe.out.split('\n')[0]}); measured PGlite only`);
    return console.log(notes[0]);
  }
  console.log(`landgov on native PostgreSQL (${probe.out.split(',')[0]})`);
  const nativeDir = tempDir('native');
  let db = '';
  await scenario('**landgov on native PostgreSQL, cold**: new empty database → migrations + demo seed → ready', (i) => {
    db = `landgov_bench_${process.pid}_${i}`;
    const made = psql(`CREATE DATABASE ${db}`);
    if (!made.ok) throw new Error(`CREATE DATABASE ${db}: ${made.out}`);
    databases.push(db);
    return timeHttpStart('PostgreSQL cold', SERVER, serverEnv({ DATA_DIR: nativeDir, DATABASE_URL: `${PG_BASE}/${db}` }), '/api/ready');
  });
  await scenario('**landgov on native PostgreSQL, warm**: same database → ready', () =>
    timeHttpStart('PostgreSQL warm', SERVER, serverEnv({ DATA_DIR: nativeDir, DATABASE_URL: `${PG_BASE}/${db}` }), '/api/ready'));
}

function stats(times: number[]): { median: number; min: number; max: number } {
  const s = [...times].sort((a, b) => a - b), mid = Math.floor(s.length / 2);
  return { median: s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

function report(error: unknown): string {
  const cpus = os.cpus(), busiest = Math.max(...rows.flatMap((r) => r.loads));
  if (busiest > cpus.length) notes.push(`the machine was busy during this run (1-min load average up to ${busiest.toFixed(1)} on ${cpus.length} cores): the figures are inflated; rerun on a quiet machine for clean ones`);
  const lines = [
    '# Startup benchmark',
    '',
    `Time from spawning a process to its first HTTP 200 (for landgov: \`GET /api/ready\`, polled every ~50 ms), ${RUNS} runs per scenario, in seconds. The server runs as \`node --import tsx src/main.ts\` with \`LOG_LEVEL=warn\`, \`DEMO_DATA=auto\`, no \`DEMO_PASSWORD\`, a fixed \`SECRET_KEY\`; each run is stopped with SIGTERM and awaited (exit code checked) before the next. "Cold" starts from an empty PGlite \`DATA_DIR\` (fresh temp dir per run) or a freshly created empty PostgreSQL database per run, so it includes migrations and demo-data seeding; "warm" restarts on the data left by the previous (cleanly stopped) run.`,
    '',
    'The baselines show the floor: Node itself, a bare Fastify app, and PGlite opened alone in a child process, without extensions and with the PostGIS bundle (`PGlite.create(dir, {extensions: {postgis}})`, as the server opens it), then `CREATE EXTENSION IF NOT EXISTS postgis` (needed before `postgis_lib_version()` exists) and `SELECT postgis_lib_version()`.',
    '',
    `The last column is the 1-minute load average when each run started (max over the runs; this bench's own process adds about 1): anything else running on the ${cpus.length}-core machine inflates the figures.`,
    '',
    `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; work tree at start: ${CODE} (measured as they were); run ${new Date().toISOString()}.`,
    '',
    '| Scenario | Median (s) | Min (s) | Max (s) | 1-min load avg at run starts (max) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const s = stats(r.times);
      return `| ${r.name} | ${s.median.toFixed(2)} | ${s.min.toFixed(2)} | ${s.max.toFixed(2)} | ${Math.max(...r.loads).toFixed(2)} |`;
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
  tempDirs.forEach(rm);
}
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
const md = report(failure);
fs.writeFileSync(RESULTS, md);
console.log(`\n${md}\nwrote ${path.relative(ROOT, RESULTS)}`);
for (const p of problems) console.error(`\nproblem: ${p}`);
if (failure || problems.length) process.exitCode = 1;
