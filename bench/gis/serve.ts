// Serving benchmarks (tiles and bbox feature queries) against one database, native PostgreSQL or
// PGlite: raw baseline first, then HTTP through the real server (cold = distinct tiles, mostly
// cache misses; hot = a small set already in the server's tile cache), then per-zoom probes.
import type { Db } from '../../src/core/db/index.ts';
import type { Layer } from '../../src/modules/gis/layers.ts';
import { tileBounds, type TileEncoder } from '../../src/modules/gis/tiles.ts';
import { httpLoad, rawLoad, type RunFigures } from './load.ts';
import { latencySummary, log, type Tile } from './util.ts';

/** The plain bbox statements (count, then one page): the bare-SQL baseline of the feature route. */
const FEATURES_COUNT = `SELECT count(*)::int AS n FROM features WHERE layer_id = $1 AND version = $2
  AND geom && ST_MakeEnvelope($3, $4, $5, $6, 4490) AND ST_Intersects(geom, ST_MakeEnvelope($3, $4, $5, $6, 4490))`;
const FEATURES_PAGE = `SELECT fid, props, ST_AsGeoJSON(geom, 7) AS g, area_m2 FROM features WHERE layer_id = $1 AND version = $2
  AND geom && ST_MakeEnvelope($3, $4, $5, $6, 4490) AND ST_Intersects(geom, ST_MakeEnvelope($3, $4, $5, $6, 4490)) ORDER BY fid LIMIT $7 OFFSET $8`;

export interface ZoomProbe { z: number; tiles: number; medianMs: number; maxMs: number; medianBytes: number; maxBytes: number }

export interface ServeFigures {
  tilesRaw: RunFigures;
  tilesHttpCold: RunFigures;
  tilesHttpHot: RunFigures;
  bboxRaw: RunFigures;
  bboxHttp: RunFigures;
  /** Raw-run tile latencies by zoom (what the mixed list actually hit). */
  rawByZoom: { z: number; n: number; p50: number; p95: number; meanBytes: number }[];
  probes: ZoomProbe[];
  bboxMeanRows: number;
}

export interface ServeSetup {
  label: string;
  baseUrl: string;
  tmpDir: string;
  /** Database for the raw baseline (its own pool of `concurrency` on PostgreSQL). */
  rawDb: Db;
  encoder: TileEncoder;
  layer: Layer;
  version: number;
  tiles: Tile[];
  bboxes: [number, number, number, number][];
  seconds: number;
  hotTiles: number;
  probesPerZoom: number;
  /** Probing stops (remaining zooms reported with 0 tiles) once it has taken this long. */
  probeBudgetSec: number;
  concurrency: number;
}

const tilePath = (layer: string, t: Tile) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;

export async function serveBench(s: ServeSetup): Promise<ServeFigures> {
  const { layer, version } = s;
  const conn = s.concurrency;
  const encode = (t: Tile) => s.encoder.encode(layer, version, tileBounds('webmercator', t.z, t.x, t.y));
  const job = (paths: string[]) => ({ url: s.baseUrl, paths, connections: conn, durationSec: s.seconds, timeoutSec: 120 });

  // Tiles: raw encoder, then the same list through HTTP (the server's cache is empty for it).
  const byZoom = new Map<number, { ms: number[]; bytes: number }>();
  const tilesRaw = await rawLoad(`${s.label} tiles raw (${s.encoder.name})`, s.tiles, { concurrency: conn, seconds: s.seconds }, async (t) => (await encode(t)).length, (t, ms, b) => {
    const e = byZoom.get(t.z) ?? { ms: [], bytes: 0 };
    e.ms.push(ms);
    e.bytes += b;
    byZoom.set(t.z, e);
  });
  const rawByZoom = [...byZoom.entries()].sort((a, b) => a[0] - b[0]).map(([z, e]) => {
    const l = latencySummary(e.ms);
    return { z, n: e.ms.length, p50: l.p50, p95: l.p95, meanBytes: e.bytes / e.ms.length };
  });
  const tilesHttpCold = await httpLoad(`${s.label} tiles HTTP cold`, s.tmpDir, job(s.tiles.map((t) => tilePath(layer.code, t))));
  tilesHttpCold.note = 'distinct tiles, each asked once: cache misses';

  // Hot: a small set of tiles fetched once first, so every measured request is a cache hit.
  const hot = s.tiles.slice(0, s.hotTiles).map((t) => tilePath(layer.code, t));
  log(`${s.label}: warming ${hot.length} hot tiles`);
  for (const p of hot) await (await fetch(`${s.baseUrl}${p}`, { signal: AbortSignal.timeout(120_000) })).arrayBuffer();
  const tilesHttpHot = await httpLoad(`${s.label} tiles HTTP hot`, s.tmpDir, job(hot));
  tilesHttpHot.note = `${hot.length} tiles cycled, all in the server's tile cache`;

  // Bbox feature queries: the service's two statements raw, then the HTTP route.
  let rows = 0;
  const bboxRaw = await rawLoad(`${s.label} bbox raw SQL`, s.bboxes, { concurrency: conn, seconds: s.seconds }, async (b) => {
    const p = [layer.id, version, ...b];
    await s.rawDb.query(FEATURES_COUNT, p);
    const r = await s.rawDb.query<{ g: string }>(FEATURES_PAGE, [...p, 100, 0]);
    rows += r.rows.length;
    return r.rows.reduce((a, x) => a + x.g.length, 0);
  });
  const bboxMeanRows = rows / Math.max(1, bboxRaw.count);
  const bboxHttp = await httpLoad(`${s.label} bbox HTTP`, s.tmpDir, job(s.bboxes.map((b) => `/api/gis/layers/${layer.code}/features?bbox=${b.join(',')}&limit=100`)));

  // Per-zoom probes: a few tiles per zoom encoded one at a time (shows what low zooms cost).
  const probes: ZoomProbe[] = [];
  const zooms = [...new Set(s.tiles.map((t) => t.z))].sort((a, b) => a - b);
  const probeEnd = performance.now() + s.probeBudgetSec * 1000;
  for (const z of zooms) {
    const pick = s.tiles.filter((t) => t.z === z).slice(0, s.probesPerZoom);
    const ms: number[] = [], bytes: number[] = [];
    for (const t of pick) {
      if (performance.now() > probeEnd) break;
      const t0 = performance.now();
      bytes.push((await encode(t)).length);
      ms.push(performance.now() - t0);
    }
    const lm = latencySummary(ms), lb = latencySummary(bytes);
    probes.push({ z, tiles: ms.length, medianMs: lm.p50, maxMs: lm.max, medianBytes: lb.p50, maxBytes: lb.max });
    log(`${s.label} probe z${z}: ${ms.length} tiles, median ${lm.p50.toFixed(0)} ms, ${Math.round(lb.p50 / 1024)} KiB`);
  }
  return { tilesRaw, tilesHttpCold, tilesHttpHot, bboxRaw, bboxHttp, rawByZoom, probes, bboxMeanRows };
}
