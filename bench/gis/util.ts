// Helpers of the spatial benchmark (bench/gis.ts): seeded tile and bbox lists, PostgreSQL
// administration through psql, percentiles, a Db wrapper that times queries, machine facts.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { Db, Queryable, QueryResult } from '../../src/core/db/index.ts';
import { Rng } from '../../src/modules/gis/generator/prng.ts';

/** The county's extent (EPSG:4490 degrees) the platform issue names: 112.1–113.13°E, 26.53–26.97°N. */
export const COUNTY_BBOX = { minLon: 112.1, maxLon: 113.13, minLat: 26.53, maxLat: 26.97 } as const;

export const log = (msg: string): void => {
  process.stderr.write(`[gis-bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

/** XYZ (Web Mercator) tile column and row holding a lon/lat at zoom z. */
export function lonLatToTile(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { x: Math.min(n - 1, Math.max(0, x)), y: Math.min(n - 1, Math.max(0, y)) };
}

export interface Tile { z: number; x: number; y: number }

/** Every tile of zooms minZ…maxZ touching the county extent. */
export function countyTiles(minZ: number, maxZ: number): Tile[] {
  const out: Tile[] = [];
  for (let z = minZ; z <= maxZ; z++) {
    const a = lonLatToTile(COUNTY_BBOX.minLon, COUNTY_BBOX.maxLat, z);
    const b = lonLatToTile(COUNTY_BBOX.maxLon, COUNTY_BBOX.minLat, z);
    for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  }
  return out;
}

/** Fisher–Yates with the project's seeded generator: the same seed gives the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = new Rng(seed, 77);
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** n seeded random ~1 km × 1 km boxes (0.01° lon × 0.009° lat at 26.75°N) inside the county extent. */
export function randomBboxes(n: number, seed: number): [number, number, number, number][] {
  const rng = new Rng(seed, 78);
  const w = 0.01, h = 0.009;
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const lon = rng.range(COUNTY_BBOX.minLon, COUNTY_BBOX.maxLon - w);
    const lat = rng.range(COUNTY_BBOX.minLat, COUNTY_BBOX.maxLat - h);
    out.push([round6(lon), round6(lat), round6(lon + w), round6(lat + h)]);
  }
  return out;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Percentile (nearest rank) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number, sorted = false): number {
  if (values.length === 0) return NaN;
  const s = sorted ? values : [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export function latencySummary(ms: readonly number[]): { p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { p50: percentile(s, 50, true), p95: percentile(s, 95, true), p99: percentile(s, 99, true), max: s[s.length - 1] ?? NaN, mean };
}

export const PG_HOST = '127.0.0.1';
export const pgUrl = (db: string) => `postgres://postgres@${PG_HOST}:5432/${db}`;

/** Runs one statement with psql against a database (default: postgres). */
export function psql(sql: string, db = 'postgres'): { ok: boolean; out: string } {
  const r = spawnSync('psql', ['-h', PG_HOST, '-U', 'postgres', '-d', db, '-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, out: ((r.stdout ?? '') + (r.stderr ?? '') + (r.error?.message ?? '')).trim() };
}

export function createDatabase(name: string): void {
  if (!/^landgov_bench_gis_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  const r = psql(`CREATE DATABASE ${name}`);
  if (!r.ok) throw new Error(`CREATE DATABASE ${name}: ${r.out}`);
}

export function dropDatabase(name: string): void {
  if (!/^landgov_bench_gis_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  const r = psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (!r.ok) log(`could not drop ${name}: ${r.out}`);
}

/** Wraps a Db and adds up the wall time spent inside query() (what the importer waits on the database). */
export class TimedDb implements Db {
  queryMs = 0;
  queries = 0;
  constructor(private readonly inner: Db) {}
  get kind() {
    return this.inner.kind;
  }
  async query<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    const t = performance.now();
    try {
      return await this.inner.query<T>(sql, params);
    } finally {
      this.queryMs += performance.now() - t;
      this.queries++;
    }
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }
  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

export interface MachineInfo { cpu: string; cores: number; memGiB: number; os: string; node: string; postgres: string; gdal: string; date: string }

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const pgv = psql('SHOW server_version');
  const gdal = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' });
  return {
    cpu: cpus[0]?.model ?? 'unknown CPU',
    cores: cpus.length,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgv.ok ? `PostgreSQL ${pgv.out}` : `unreachable (${pgv.out.split('\n')[0]})`,
    gdal: (gdal.stdout ?? '').trim() || 'ogr2ogr not found',
    date: new Date().toISOString(),
  };
}
