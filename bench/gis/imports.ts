// Import benchmarks: the project's importer (GisService.importSource) on a migrated database, the
// GeoPackage reader alone (what the importer's JavaScript side costs), and GDAL's ogr2ogr.
import { spawn } from 'node:child_process';
import type { AppContext } from '../../src/core/context.ts';
import { openGpkg } from '../../src/modules/gis/formats/gpkg.ts';
import type { Layer, NewLayer } from '../../src/modules/gis/layers.ts';
import { GisService } from '../../src/modules/gis/service.ts';
import { log, psql, PG_HOST, type TimedDb } from './util.ts';

export const REGION = '430422';
export const DLTB_DEFINE: Omit<NewLayer, 'code' | 'fields'> = { name: '地类图斑', nameEn: 'Land-use patches', category: 'current', geometryType: 'polygon', access: 'public' };

export interface ImportFigures {
  label: string;
  features: number;
  seconds: number;
  perSecond: number;
  repaired: number;
  /** Wall time inside db.query (batch INSERTs + final statistics), seconds. */
  dbSeconds: number;
  queries: number;
  note?: string;
}

/** Imports the DLTB table of the GeoPackage as a new public layer through the project's importer. */
export async function importDltb(label: string, ctx: AppContext, timed: TimedDb, gpkg: string): Promise<{ fig: ImportFigures; layer: Layer; version: number }> {
  log(`${label}: importing DLTB through GisService.importSource`);
  let lastLog = performance.now();
  const t0 = performance.now();
  timed.queryMs = 0;
  timed.queries = 0;
  const r = await new GisService(ctx).importSource(null, REGION, 'DLTB', openGpkg(gpkg, { layer: 'DLTB' }), {
    define: DLTB_DEFINE,
    fileName: 'county.gpkg',
    onProgress: async (p) => {
      if (performance.now() - lastLog < 15_000) return;
      lastLog = performance.now();
      log(`${label}: ${p.features}/${p.total ?? '?'} features (${p.percent ?? '?'} %), ${p.featuresPerSecond}/s`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const fig: ImportFigures = {
    label, features: r.result.features, seconds, perSecond: r.result.features / seconds, repaired: r.result.repaired,
    dbSeconds: timed.queryMs / 1000, queries: timed.queries,
  };
  log(`${label}: ${fig.features} features in ${seconds.toFixed(1)} s (${fig.perSecond.toFixed(0)}/s), ${fig.dbSeconds.toFixed(1)} s inside db.query`);
  return { fig, layer: r.layer, version: r.version };
}

/** Reads every DLTB feature and serialises it as the importer does (JSON.stringify props + geometry), no database. */
export async function readerOnly(gpkg: string): Promise<{ features: number; seconds: number; jsonBytes: number }> {
  log('reader alone: openGpkg + JSON.stringify of every DLTB feature');
  const t0 = performance.now();
  const src = openGpkg(gpkg, { layer: 'DLTB' });
  let n = 0, jsonBytes = 0;
  try {
    for await (const f of src.features()) {
      n++;
      jsonBytes += JSON.stringify(f.properties).length + JSON.stringify(f.geometry).length;
    }
  } finally {
    await src.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  log(`reader alone: ${n} features in ${seconds.toFixed(1)} s`);
  return { features: n, seconds, jsonBytes };
}

/** The ogr2ogr command line used (for the report). */
export function ogrArgs(dbName: string, gpkg: string): string[] {
  return ['-f', 'PostgreSQL', `PG:dbname=${dbName} host=${PG_HOST} user=postgres`, gpkg, 'DLTB', '-nln', 'dltb_ogr', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=GIST'];
}

/** Times ogr2ogr loading DLTB into an existing database that has PostGIS (index creation included). */
export async function importOgr(dbName: string, gpkg: string, timeoutSec: number): Promise<ImportFigures> {
  const made = psql('CREATE EXTENSION IF NOT EXISTS postgis', dbName);
  if (!made.ok) throw new Error(`CREATE EXTENSION postgis in ${dbName}: ${made.out}`);
  log('ogr2ogr: loading DLTB');
  const t0 = performance.now();
  const child = spawn('ogr2ogr', ogrArgs(dbName, gpkg), { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); });
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutSec * 1000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`ogr2ogr exited ${code}: ${err.trim()}`);
  const n = psql('SELECT count(*) FROM dltb_ogr', dbName);
  const idx = psql(`SELECT count(*) FROM pg_indexes WHERE tablename = 'dltb_ogr' AND indexdef ILIKE '%gist%'`, dbName);
  const features = Number(n.out);
  log(`ogr2ogr: ${features} rows in ${seconds.toFixed(1)} s (${(features / seconds).toFixed(0)}/s), GiST indexes: ${idx.out}`);
  return {
    label: 'GDAL ogr2ogr → PostgreSQL', features, seconds, perSecond: features / seconds, repaired: 0, dbSeconds: NaN, queries: NaN,
    note: idx.out === '1' ? 'GiST index created by ogr2ogr, included' : `GiST indexes found: ${idx.out}`,
  };
}
