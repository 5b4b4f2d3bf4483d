/**
 * Spatial benchmark (`npm run bench:gis`, issue 国土空间基础信息平台 §6). One run:
 *   0. generates the county (generateCounty, seed 1, --patches N, default 300 000);
 *   1. imports DLTB into a fresh migrated PostgreSQL database through GisService.importSource, and
 *      beside it with GDAL ogr2ogr (GiST index included in both), plus the GeoPackage reader alone;
 *   2. imports DLTB into in-memory PGlite (or the DLTB of a smaller county, --pglite-patches);
 *   3./4. on PostgreSQL: raw SqlTileEncoder / bbox SQL with 10 concurrent callers, then the real
 *      server (buildApp + listen on 127.0.0.1, autocannon in a child process, 10 connections):
 *      tiles cold (distinct tiles), tiles hot (cached), bbox feature queries; per-zoom probes;
 *   5. the same on PGlite (JsTileEncoder), shorter.
 * Databases landgov_bench_gis_* and temp dirs are removed at the end, also on failure.
 * Writes bench/results/gis.md. Flags: --patches, --pglite-patches, --seconds, --pglite-seconds, --tiles, --seed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/core/config.ts';
import { createContext } from '../src/core/context.ts';
import type { Db } from '../src/core/db/index.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { PgliteDb } from '../src/core/db/pglite.ts';
import { PostgresDb } from '../src/core/db/postgres.ts';
import { generateCounty } from '../src/modules/gis/generator/generate.ts';
import { JsTileEncoder, SqlTileEncoder } from '../src/modules/gis/tiles.ts';
import { importDltb, importOgr, readerOnly, REGION } from './gis/imports.ts';
import { renderReport, type Report } from './gis/report.ts';
import { serveBench } from './gis/serve.ts';
import { countyTiles, createDatabase, dropDatabase, log, machineInfo, pgUrl, psql, randomBboxes, shuffled, TimedDb } from './gis/util.ts';

const RESULTS = fileURLToPath(new URL('./results/gis.md', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    patches: { type: 'string', default: '300000' },
    'pglite-patches': { type: 'string' },
    seconds: { type: 'string', default: '20' },
    'pglite-seconds': { type: 'string', default: '10' },
    tiles: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
  },
});
const num = (name: string, v: string | undefined, min: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}: expected an integer ≥ ${min}, got ${v}`);
  return n;
};
const PATCHES = num('patches', flags.patches, 100);
const PGLITE_PATCHES = flags['pglite-patches'] === undefined ? PATCHES : num('pglite-patches', flags['pglite-patches'], 100);
const SECONDS = num('seconds', flags.seconds, 1);
const PGLITE_SECONDS = num('pglite-seconds', flags['pglite-seconds'], 1);
const TILES = num('tiles', flags.tiles, 10);
const SEED = num('seed', flags.seed, 0);
const CONCURRENCY = 10;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-bench-gis-'));
const databases: string[] = [];
const closers: (() => Promise<unknown>)[] = [];
const report: Report = {
  command: ['npm run bench:gis', ...process.argv.slice(2).map((a) => (/^[\w.=-]+$/.test(a) ? a : JSON.stringify(a)))].join(process.argv.length > 2 ? ' -- ' : ''),
  machine: machineInfo(), patches: PATCHES, pglitePatches: PGLITE_PATCHES, seconds: SECONDS, pgliteSeconds: PGLITE_SECONDS, concurrency: CONCURRENCY,
  notes: [], imports: [],
};
const SECRET_KEY = randomBytes(32).toString('hex');
const config = (databaseUrl?: string) =>
  loadConfig({ DATA_DIR: path.join(tmp, 'data'), REGION_CODE: REGION, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SECRET_KEY, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });

function county(patches: number): string {
  const dir = path.join(tmp, `county-${patches}`);
  const gpkg = path.join(dir, 'county.gpkg');
  if (fs.existsSync(gpkg)) return gpkg;
  log(`generating the county: seed ${SEED}, ${patches} patches`);
  const t0 = performance.now();
  const m = generateCounty({ seed: SEED, patches, outDir: dir, log: (msg) => log(`  generator: ${msg}`) });
  const s = (performance.now() - t0) / 1000;
  log(`generated in ${s.toFixed(1)} s: DLTB ${m.layers.DLTB} features, ${(m.bytes / 2 ** 20).toFixed(0)} MiB`);
  report.generated ??= [];
  report.generated.push({ patches, dltb: m.layers.DLTB, seconds: s, mib: m.bytes / 2 ** 20 });
  return gpkg;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  if (!a || typeof a === 'string') throw new Error('server address unknown');
  return `http://127.0.0.1:${a.port}`;
}

function tileList(): ReturnType<typeof countyTiles> {
  const all = countyTiles(10, 16);
  const list = shuffled(all, SEED).slice(0, TILES);
  report.tileMix = { total: all.length, used: list.length, byZoom: Object.fromEntries([10, 11, 12, 13, 14, 15, 16].map((z) => [z, list.filter((t) => t.z === z).length])) };
  return list;
}

async function native(gpkg: string): Promise<void> {
  const dbName = `landgov_bench_gis_${process.pid}`;
  createDatabase(dbName);
  databases.push(dbName);
  const db = await PostgresDb.open(pgUrl(dbName), CONCURRENCY);
  closers.push(() => db.close());
  await migrate(db);
  const pv = await db.query<{ v: string }>('SELECT postgis_full_version() AS v');
  report.postgis = (pv.rows[0]?.v ?? '').split(' ').slice(0, 2).join(' ').replace(/"/g, '');
  const timed = new TimedDb(db);
  const imp = await importDltb('PostgreSQL import', createContext(config(pgUrl(dbName)), timed), timed, gpkg);
  report.imports.push(imp.fig);

  const ogrDb = `landgov_bench_gis_ogr_${process.pid}`;
  createDatabase(ogrDb);
  databases.push(ogrDb);
  report.ogrDb = ogrDb;
  report.imports.push(await importOgr(ogrDb, gpkg, 3600));
  dropDatabase(ogrDb);
  report.reader = await readerOnly(gpkg);

  psql('VACUUM ANALYZE features', dbName);
  const app = await buildApp(createContext(config(pgUrl(dbName)), db), { logger: false });
  closers.push(() => app.close());
  const baseUrl = await listen(app);
  const rawDb = await PostgresDb.open(pgUrl(dbName), CONCURRENCY);
  closers.push(() => rawDb.close());
  log('warming: one pass over the features table');
  await rawDb.query('SELECT sum(ST_NPoints(geom)) FROM features');
  report.native = await serveBench({
    label: 'PostgreSQL', baseUrl, tmpDir: tmp, rawDb, encoder: new SqlTileEncoder(rawDb), layer: imp.layer, version: imp.version,
    tiles: tileList(), bboxes: randomBboxes(20_000, SEED), seconds: SECONDS, hotTiles: 200, probesPerZoom: 3, probeBudgetSec: 180, concurrency: CONCURRENCY,
  });
  await app.close();
  await rawDb.close();
  await db.close();
}

async function pglite(gpkg: string): Promise<void> {
  const db: Db = await PgliteDb.open(null);
  closers.push(() => db.close());
  await migrate(db);
  const timed = new TimedDb(db);
  const imp = await importDltb('PGlite import', createContext(config(), timed), timed, gpkg);
  if (PGLITE_PATCHES !== PATCHES) imp.fig.note = `county generated with ${PGLITE_PATCHES} patches (not ${PATCHES})`;
  report.imports.push(imp.fig);
  const app = await buildApp(createContext(config(), db), { logger: false });
  closers.push(() => app.close());
  const baseUrl = await listen(app);
  report.pglite = await serveBench({
    label: 'PGlite', baseUrl, tmpDir: tmp, rawDb: db, encoder: new JsTileEncoder(db), layer: imp.layer, version: imp.version,
    tiles: tileList(), bboxes: randomBboxes(20_000, SEED), seconds: PGLITE_SECONDS, hotTiles: 200, probesPerZoom: 1, probeBudgetSec: 180, concurrency: CONCURRENCY,
  });
  await app.close();
  await db.close();
}

/** Closes servers and databases, drops the bench databases, removes the temp dir; once. */
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    for (const d of databases.splice(0)) dropDatabase(d);
    fs.rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

let failure: unknown = null;
const started = performance.now();
report.notes.push(`1-min load average at start: ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} cores (other work on the machine inflates every figure)`);
try {
  if (!report.machine.postgres.startsWith('PostgreSQL')) throw new Error(`native PostgreSQL at 127.0.0.1:5432 unreachable: ${report.machine.postgres}`);
  const gpkg = county(PATCHES);
  await native(gpkg);
  await pglite(PGLITE_PATCHES === PATCHES ? gpkg : county(PGLITE_PATCHES));
} catch (err) {
  failure = err;
  log(`FAILED: ${(err as Error).stack ?? String(err)}`);
} finally {
  await cleanup();
}
report.totalSeconds = (performance.now() - started) / 1000;
report.notes.push(`1-min load average at the end: ${os.loadavg()[0]?.toFixed(2)}`);
if (failure) report.failure = String((failure as Error).message ?? failure).split('\n')[0];
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, renderReport(report));
log(`wrote ${path.relative(process.cwd(), RESULTS)} (${report.totalSeconds.toFixed(0)} s in all)`);
if (failure) process.exitCode = 1;
