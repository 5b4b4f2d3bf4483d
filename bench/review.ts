/**
 * Compliance-review benchmark (issue 辅助审查 §4): `npx tsx bench/review.ts [--patches N] [--pglite-patches N] [--batch N]`.
 *   0. generates the county (generateCounty, seed 1) and imports all ten layers through GisService;
 *   1. typical boundaries: 1–50 ha, 20–500 vertices, at random places in the county — one review each
 *      (YDYS rule set: ten rules, land-use breakdown, county check, report written);
 *   2. a linear project: a 20 km × 60 m road corridor;
 *   3. a batch of --batch typical reviews one after another;
 *   beside each, the bare PostGIS SQL for the same overlays (intersecting area per layer, && first).
 * On native PostgreSQL (fresh database landgov_bench_review_*, dropped at the end) and on in-memory
 * PGlite (a smaller county by default). Writes bench/results/review.md.
 *
 * The generated county is cached under --county-cache (default: <tmp>/landgov-bench-county-cache/
 * seed<S>-<patches>; generating 300 000 patches takes minutes) and reused by the next run.
 * Every statement is timed by kind (overlay, county check, report write …) for the "where the time
 * goes" table; the machine's load (uptime) is recorded before and after each database's run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDepartments } from '../src/core/bootstrap.ts';
import { loadConfig } from '../src/core/config.ts';
import { createContext, type AppContext } from '../src/core/context.ts';
import type { Db, Queryable, QueryResult } from '../src/core/db/index.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { PgliteDb } from '../src/core/db/pglite.ts';
import { PostgresDb } from '../src/core/db/postgres.ts';
import { NATIONAL_LAYERS } from '../src/modules/gis/catalogue.ts';
import { openGpkg } from '../src/modules/gis/formats/gpkg.ts';
import { generateCounty } from '../src/modules/gis/generator/generate.ts';
import { GisService } from '../src/modules/gis/service.ts';
import { fromGeoJson } from '../src/modules/review/boundary/read.ts';
import { ReviewService } from '../src/modules/review/service.ts';
import { latencySummary, log, machineInfo, pgUrl, psql } from './gis/util.ts';

const RESULTS = fileURLToPath(new URL('./results/review.md', import.meta.url));
const { values: flags } = parseArgs({ options: { 'county-cache': { type: 'string', default: path.join(os.tmpdir(), 'landgov-bench-county-cache') }, patches: { type: 'string', default: '20000' }, 'pglite-patches': { type: 'string', default: '5000' }, batch: { type: 'string', default: '100' }, seed: { type: 'string', default: '1' } } });
const PATCHES = Number(flags.patches);
const PGLITE_PATCHES = Number(flags['pglite-patches']);
const BATCH = Number(flags.batch);
const SEED = Number(flags.seed);
const REGION = '430422';
const LAYERS = Object.keys(NATIONAL_LAYERS);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-bench-review-'));
const dbName = `landgov_bench_review_${process.pid}`;
const command = ['npx tsx bench/review.ts', ...process.argv.slice(2)].join(' ');
const CACHE = flags['county-cache']!;

/** The load averages (1, 5, 15 min) and what `uptime` says, for the results. */
function load(): string {
  const [a, b, c] = os.loadavg();
  return `${a!.toFixed(2)}, ${b!.toFixed(2)}, ${c!.toFixed(2)}`;
}

/** What kind of work a statement is, by its text (for the time breakdown). */
function kindOf(sql: string): string {
  if (sql.includes('ST_Dump(g)')) return 'overlay: outside parts (城镇开发边界)';
  if (sql.includes('ST_DWithin(f.geom::geography')) return 'overlay: distance (searchRadiusM)';
  if (sql.includes('AS "unionM2"')) return 'overlay: one statement per layer (pieces, areas, slivers, union)';
  if (sql.includes('count(a)::int AS nn')) return 'overlay: union of overlapping features';
  if (sql.includes('FROM unnest($1::text[]) WITH ORDINALITY')) return 'place the boundary (ST_Transform, validity)';
  if (sql.includes('sum(ST_Area(ST_Intersection(f.geom, b.g)::geography))')) return 'bare SQL baseline';
  if (sql.includes('FROM features, w WHERE')) return 'features through GisService';
  if (/INSERT INTO (review_reports|audit_log|review_report_serials)|review_report_serials/.test(sql)) return 'write the report (serial, report, audit)';
  if (/review_rule_sets/.test(sql)) return 'rule set';
  if (/FROM layers|layer_versions/.test(sql)) return 'layer catalogue and versions';
  return 'other';
}

/**
 * A Db that times every statement by kind; transactions are timed as one "write the report" unit.
 * In serial mode statements run one at a time, so each one's time is its own (not time spent queued
 * behind the statements a review runs side by side) and the kinds add up to the review's time.
 */
class TimedDb implements Db {
  readonly spent = new Map<string, { ms: number; n: number }>();
  serial = false;
  private gate: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: Db) {}
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.serial) return fn();
    const run = this.gate.then(fn, fn);
    this.gate = run.catch(() => undefined);
    return run;
  }
  get kind() { return this.db.kind; }
  private add(k: string, ms: number) {
    const e = this.spent.get(k) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n++;
    this.spent.set(k, e);
  }
  query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.exclusive(async () => {
      const t0 = performance.now();
      try {
        return await this.db.query<T>(sql, params);
      } finally {
        this.add(kindOf(sql), performance.now() - t0);
      }
    });
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const t0 = performance.now();
      try {
        return await this.db.transaction(fn);
      } finally {
        this.add('write the report (serial, report, audit)', performance.now() - t0);
      }
    });
  }
  exec(sql: string) { return this.db.exec(sql); }
  close() { return this.db.close(); }
  reset() { this.spent.clear(); }
}

/** A deterministic PRNG (mulberry32) so every run reviews the same boundaries. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped (hence simple) polygon of about `ha` hectares with n vertices around a centre, in EPSG:4490. */
function typicalBoundary(lon: number, lat: number, ha: number, n: number, r: () => number) {
  const R = Math.sqrt((ha * 10000) / Math.PI);
  const k = 2 + Math.floor(r() * 5);
  const phase = r() * Math.PI;
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const th = (2 * Math.PI * i) / n;
    const rad = R * (1 + 0.25 * Math.sin(k * th + phase));
    ring.push([lon + (rad * Math.cos(th)) / (111320 * Math.cos((lat * Math.PI) / 180)), lat + (rad * Math.sin(th)) / 110574]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon' as const, coordinates: [ring] };
}

interface Figures { profile?: Map<string, { ms: number; n: number }>; label: string; runs: number; refused: number; review: ReturnType<typeof latencySummary>; bare: ReturnType<typeof latencySummary>; vertices: string; areaHa: string }

async function setUp(db: TimedDb, gpkg: string): Promise<{ ctx: AppContext; reviews: ReviewService; actor: { userId: string; username: string; regionCode: string }; versions: Record<string, { id: string; version: number }> }> {
  await migrate(db);
  const ctx = createContext(loadConfig({ DATA_DIR: path.join(tmp, 'data'), REGION_CODE: REGION, DEMO_DATA: 'off', LOG_LEVEL: 'silent', SECRET_KEY: randomBytes(32).toString('hex') }), db);
  await ensureDepartments(db, REGION);
  const gis = new GisService(ctx);
  const versions: Record<string, { id: string; version: number }> = {};
  for (const code of LAYERS) {
    const t0 = performance.now();
    const r = await gis.importSource(null, REGION, code, openGpkg(gpkg, { layer: code }), { define: { ...NATIONAL_LAYERS[code]!, geometryType: 'polygon' } });
    versions[code] = { id: r.layer.id, version: r.version };
    log(`  ${db.kind}: ${code} ${r.result.features} features in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const u = await db.query<{ id: string }>(`INSERT INTO users (region_code, username, display_name, password_hash) VALUES ($1, 'bench_reviewer', '基准测试', 'x') RETURNING id`, [REGION]);
  return { ctx, reviews: new ReviewService(ctx, gis), actor: { userId: u.rows[0]!.id, username: 'bench_reviewer', regionCode: REGION }, versions };
}

/** The bare PostGIS overlays a review needs: intersecting area per layer, && on the index first. */
async function bare(db: Db, versions: Record<string, { id: string; version: number }>, geometry: object): Promise<number> {
  const t0 = performance.now();
  for (const code of LAYERS) {
    await db.query(
      `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g)
       SELECT count(*), sum(ST_Area(ST_Intersection(f.geom, b.g)::geography)) FROM features f, b WHERE f.layer_id = $1 AND f.version = $2 AND f.geom && b.g AND ST_Intersects(f.geom, b.g)`,
      [versions[code]!.id, versions[code]!.version, JSON.stringify(geometry)],
    );
  }
  return performance.now() - t0;
}

async function scenario(label: string, db: TimedDb, s: Awaited<ReturnType<typeof setUp>>, boundaries: { geometry: object; vertices: number; ha: number }[]): Promise<Figures> {
  const review: number[] = [];
  const bareMs: number[] = [];
  let refused = 0;
  let guards = 0;
  db.reset();
  for (const b of boundaries) {
    const t0 = performance.now();
    try {
      const report = await s.reviews.review(s.actor, { itemCode: 'YDYS', caseId: null, input: fromGeoJson(b.geometry, 'json', null) }, null);
      const tripped = report.results.filter((x) => x.guard?.tripped);
      guards += tripped.length;
      if (tripped.length && guards <= 3) log(`  ${label}: guard tripped (${tripped.map((x) => `${x.ruleId}: ${x.guard!.reason}`).join('; ')})`);
    } catch (err) {
      refused++;
      if (refused <= 3) log(`  ${label}: refused (${(err as { code?: string }).code ?? (err as Error).message})`);
      continue;
    }
    review.push(performance.now() - t0);
    bareMs.push(await bare(db, s.versions, b.geometry));
  }
  const vs = boundaries.map((b) => b.vertices);
  const has = boundaries.map((b) => b.ha);
  const f: Figures = {
    profile: new Map(db.spent), label, runs: review.length, refused, review: latencySummary(review), bare: latencySummary(bareMs),
    vertices: `${Math.min(...vs)}–${Math.max(...vs)}`, areaHa: `${Math.min(...has).toFixed(1)}–${Math.max(...has).toFixed(1)}`,
  };
  log(`  ${db.kind} ${label}: review p50 ${f.review.p50.toFixed(0)} ms p95 ${f.review.p95.toFixed(0)} ms; bare SQL p50 ${f.bare.p50.toFixed(0)} ms (${f.runs} runs, ${refused} refused, ${guards} rules MANUAL by a guard)`);
  return f;
}

async function centres(db: Db, versions: Record<string, { id: string; version: number }>, n: number): Promise<[number, number][]> {
  // Points well inside villages (XZQ features of level 村), so boundaries of up to 400 m radius stay in the county.
  const r = await db.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_PointOnSurface(geom) AS p, fid FROM features WHERE layer_id = $1 AND version = $2 AND props->>'JB' = '村') s ORDER BY md5(fid::text) LIMIT $3`,
    [versions.XZQ!.id, versions.XZQ!.version, n],
  );
  return r.rows.map((x) => [x.x, x.y]);
}

async function run(kind: 'postgres' | 'pglite', patches: number): Promise<{ figs: Figures[]; loadBefore: string; loadAfter: string }> {
  const loadBefore = load();
  const dir = path.join(CACHE, `seed${SEED}-${patches}`);
  const gpkg = path.join(dir, 'county.gpkg');
  if (!fs.existsSync(gpkg)) {
    log(`generating the county: seed ${SEED}, ${patches} patches`);
    generateCounty({ seed: SEED, patches, outDir: dir, log: () => undefined });
  }
  let raw: Db;
  if (kind === 'postgres') {
    const c = psql(`CREATE DATABASE ${dbName}`);
    if (!c.ok) throw new Error(c.out);
    raw = await PostgresDb.open(pgUrl(dbName));
  } else raw = await PgliteDb.open(null);
  const db = new TimedDb(raw);
  try {
    log(`${kind}: importing ten layers (${patches} patches)`);
    const s = await setUp(db, gpkg);
    const r = rng(SEED);
    const pts = await centres(db, s.versions, BATCH + 20);
    const typical = (k: number) => {
      const [lon, lat] = pts[k % pts.length]!;
      const ha = 1 + r() * 49;
      const n = 20 + Math.floor(r() * 481);
      return { geometry: typicalBoundary(lon, lat, ha, n, r), vertices: n, ha };
    };
    const out: Figures[] = [];
    out.push(await scenario('typical boundary (1–50 ha, 20–500 vertices), 10 runs', db, s, Array.from({ length: 10 }, (_, k) => typical(k))));
    // The road: 20 km east–west through the county's middle, 60 m wide, built in the GK zone and placed in 4490.
    const road = await db.query<{ g: string; ha: number; n: number }>(
      `WITH l AS (SELECT ST_Transform(ST_SetSRID(ST_MakeLine(ARRAY(SELECT ST_MakePoint(38350000 + i * 1000, 2960000 + 300 * sin(i / 3.0)) FROM generate_series(0, 20) i)), 4526), 4490) AS g),
            c AS (SELECT ST_Transform(ST_Buffer(ST_Transform(g, 4526), 30, 'endcap=flat join=round'), 4490) AS g FROM l)
       SELECT ST_AsGeoJSON(g, 15) AS g, ST_Area(g::geography) / 10000 AS ha, ST_NPoints(g) AS n FROM c`,
    );
    out.push(await scenario('linear road 20 km × 60 m, 3 runs', db, s, Array.from({ length: 3 }, () => ({ geometry: JSON.parse(road.rows[0]!.g), vertices: road.rows[0]!.n, ha: road.rows[0]!.ha }))));
    const t0 = performance.now();
    const batch = await scenario(`batch of ${BATCH} typical reviews, one after another`, db, s, Array.from({ length: BATCH }, (_, k) => typical(k + 10)));
    batch.label += ` — ${((performance.now() - t0) / 1000).toFixed(1)} s in all (incl. bare SQL)`;
    out.push(batch);
    // Where the time goes: the first 20 boundaries of the batch again, statements one at a time.
    db.serial = true;
    const prof = await scenario('profile: 20 typical reviews, statements one at a time', db, s, Array.from({ length: 20 }, (_, k) => typical(k + 10)));
    db.serial = false;
    out.push(prof);
    await s.reviews.idle();
    return { figs: out, loadBefore, loadAfter: load() };
  } finally {
    await db.close();
    if (kind === 'postgres') psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

const ms = (x: number) => x.toFixed(0);

/** Where the time of a scenario's reviews went, per review, by statement kind (concurrent statements overlap in wall time). */
function profile(f: Figures): string {
  const rows = [...(f.profile ?? new Map()).entries()].filter(([k]) => k !== 'bare SQL baseline').sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((s, [, e]) => s + e.ms, 0);
  return [
    `Where the time goes — the first 20 boundaries of the batch reviewed again with the statements run one at a time (so each statement's time is its own),`,
    `per review: review mean ${ms(f.review.mean)} ms (p50 ${ms(f.review.p50)} ms), of which statements ${(total / Math.max(1, f.runs)).toFixed(0)} ms (the rest is the server's own work); bare SQL p50 ${ms(f.bare.p50)} ms.`,
    '',
    '| work | statements per review | ms per review | share |',
    '|---|---|---|---|',
    ...rows.map(([k, e]) => `| ${k} | ${(e.n / Math.max(1, f.runs)).toFixed(1)} | ${(e.ms / Math.max(1, f.runs)).toFixed(1)} | ${((e.ms / Math.max(1, total)) * 100).toFixed(0)} % |`),
    '',
  ].join('\n');
}
function table(title: string, figs: Figures[]): string {
  const rows = figs.map((f) => `| ${f.label} | ${f.areaHa} | ${f.vertices} | ${f.runs} | ${ms(f.review.p50)} | ${ms(f.review.p95)} | ${ms(f.review.max)} | ${ms(f.bare.p50)} | ${ms(f.bare.p95)} |`);
  return [`### ${title}`, '', '| scenario | area (ha) | vertices | runs | review p50 ms | review p95 ms | review max ms | bare SQL p50 ms | bare SQL p95 ms |', '|---|---|---|---|---|---|---|---|---|', ...rows, ''].join('\n');
}

try {
  const m = machineInfo();
  const pg = await run('postgres', PATCHES);
  // The PostgreSQL figures are written as soon as they exist (the PGlite part of a 300 000-patch run takes long).
  write(m, pg, null);
  const lite = await run('pglite', PGLITE_PATCHES);
  write(m, pg, lite);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function write(m: ReturnType<typeof machineInfo>, pg: Awaited<ReturnType<typeof run>>, lite: Awaited<ReturnType<typeof run>> | null) {
  const up = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
  const md = [
    '# Compliance review benchmark',
    '',
    `Command: \`${command}\``,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memGiB} GiB, ${m.os}; Node ${m.node}; ${m.postgres}; ${m.date}.`,
    '',
    `**Shared machine.** Two cores, shared with other developers' test runs and benchmarks while this ran: load average (1, 5, 15 min)`,
    `${pg.loadBefore} before and ${pg.loadAfter} after the PostgreSQL part${lite ? `, ${lite.loadBefore} / ${lite.loadAfter} around the PGlite part` : ''}; \`uptime\` at the end: \`${up}\`.`,
    'With a load several times the core count, every figure here is slower and noisier than on an idle machine; compare the review with the',
    'bare SQL of the same run rather than with other runs.',
    '',
    'A review = read the boundary, place it in EPSG:4490, check it against the county (XZQ), run the YDYS rule set (ten rules over nine layers:',
    'exact ellipsoidal overlaps per feature, sliver tests, Σ-of-parts guard, difference where the measure needs it, distance),',
    'the DLTB land-use breakdown, and write the report (one transaction with the audit row). "Bare SQL" = the intersecting area per layer',
    'for the same ten layers, && on the GiST index first, one statement after the other — the floor any implementation pays.',
    '',
    'The overlay is set-based: one statement per layer version computes, in the database, every touched feature\'s intersection, its',
    'ellipsoidal area (geography, GRS80), the sliver tests for the rule widths (a width shortcut A > P·w/2 skips the negative buffer when it',
    'cannot be a sliver) and the union of the pieces for the Σ-of-parts guard; nothing but the boundary travels as GeoJSON. The land-use',
    'breakdown by DLBM is summed from the DLTB statement\'s rows. The statements of all layers start together, so on PostgreSQL the connection',
    'pool runs them side by side (PGlite has one connection and runs them in turn).',
    '',
    'The 10-run lines include each database\'s first review (statement and PostGIS warm-up), hence their p95/max; the batch shows the steady state.',
    '',
    table(`PostgreSQL, generated county with ${PATCHES} DLTB patches`, pg.figs.slice(0, 3)),
    profile(pg.figs[3]!),
    ...(lite ? [table(`PGlite (in memory), generated county with ${PGLITE_PATCHES} DLTB patches`, lite.figs.slice(0, 3)), profile(lite.figs[3]!)] : ['### PGlite: still running when this was written', '']),
  ].join('\n');
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, md);
  log(`wrote ${RESULTS}`);
}
