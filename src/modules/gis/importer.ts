import type { Db, Queryable } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { FeatureSource, SourceFeature } from './formats/types.ts';
import { geojsonToWkb, wkbEllipsoidalArea } from './formats/wkb.ts';
import type { GeometryKind, Layer } from './layers.ts';

const BATCH = 1000;

export interface ImportProgress {
  features: number;
  total: number | null;
  percent: number | null;
  featuresPerSecond: number;
}

export interface ImportResult {
  features: number;
  repaired: number;
  totalAreaM2: number | null;
  bbox: number[] | null;
}

/**
 * The coordinates a CRS can hold: degrees for geographic CRSs; for CGCS2000 Gauss-Krüger with zone
 * prefix (EPSG 4513–4533: 3° zones 25–45; 4491–4501: 6° zones 13–23) eastings within the zone's
 * million, without prefix (4534–4554, 4502–4512) within 0…1 000 000 m; northings 0…10 000 km.
 */
export function coordinateRange(epsg: number): [number, number, number, number] {
  if (epsg === 4490 || epsg === 4326) return [-180, 180, -90, 90];
  if (epsg >= 4513 && epsg <= 4533) return [(epsg - 4488) * 1e6, (epsg - 4488 + 1) * 1e6, 0, 1e7];
  if (epsg >= 4491 && epsg <= 4501) return [(epsg - 4478) * 1e6, (epsg - 4478 + 1) * 1e6, 0, 1e7];
  if ((epsg >= 4534 && epsg <= 4554) || (epsg >= 4502 && epsg <= 4512)) return [0, 1e6, 0, 1e7];
  return [-1e8, 1e8, -1e8, 1e8];
}

/** The table a layer version's features live in: loaded by the import, attached as a partition of `features` at publish. */
export function partitionTable(layerId: string, version: number): string {
  if (!/^[0-9a-f-]{36}$/.test(layerId) || !Number.isInteger(version) || version < 1) throw new Error(`bad layer version ${layerId}@${version}`);
  return `features_${layerId.replace(/-/g, '')}_${version}`;
}

// Checks, transformation, repair and ellipsoidal area happen in one statement per batch; the WKB
// arrives in the source CRS. A row with a problem (empty, wrong kind, coordinates outside what its
// CRS allows) is not validated further; the batch reports the first such feature and the import
// stops there. China's extent bounds the transformed geometry: anything outside is a wrong CRS or a
// wrong coordinate, never a county's data.
// Each step is a LATERAL subquery with OFFSET 0, so that it runs once per row: flattened, the
// planner would copy an expression into every place that reads it and parse the WKB or run
// ST_IsValid several times per row.
const INSERT_BATCH = (table: string) => `
WITH rows AS (
  SELECT fid, props, s, problem, ok, g, area
    FROM ROWS FROM (unnest($1::int[]), jsonb_array_elements($2::jsonb), unnest($3::int[]), unnest($13::int[]), unnest($15::float8[])) AS t(fid, props, off, len, area),
         LATERAL (SELECT CASE WHEN len >= 0 THEN ST_SetSRID(ST_GeomFromWKB(substring($14::bytea FROM off + 1 FOR len)), $4::int) END AS s0 OFFSET 0) a,
         LATERAL (SELECT CASE WHEN ST_NDims(s0) > 2 THEN ST_Force2D(s0) ELSE s0 END AS s OFFSET 0) b,
         LATERAL (SELECT CASE WHEN s IS NULL OR ST_IsEmpty(s) THEN 'empty'
                              WHEN ST_Dimension(s) <> $8::int - 1 OR GeometryType(s) = 'GEOMETRYCOLLECTION' THEN 'kind'
                              WHEN NOT (ST_XMin(s) >= $9 AND ST_XMax(s) <= $10 AND ST_YMin(s) >= $11 AND ST_YMax(s) <= $12) THEN 'range'
                         END AS problem OFFSET 0) c,
         LATERAL (SELECT CASE WHEN problem IS NULL THEN ST_Transform(s, 4490) END AS g0 OFFSET 0) d,
         LATERAL (SELECT ST_IsValid(g0) AS ok OFFSET 0) e,
         LATERAL (SELECT CASE WHEN ok THEN g0 WHEN g0 IS NOT NULL THEN ST_CollectionExtract(ST_MakeValid(g0), $8::int) END AS g OFFSET 0) f
), ins AS (
  INSERT INTO ${table} (layer_id, version, fid, region_code, props, geom, area_m2)
  SELECT $5::uuid, $6::int, fid, $7, props, g, CASE WHEN $8::int = 3 THEN CASE WHEN ok AND area IS NOT NULL THEN area ELSE ST_Area(g::geography) END END
    FROM rows WHERE problem IS NULL AND g IS NOT NULL AND NOT ST_IsEmpty(g)
  RETURNING fid
)
SELECT (SELECT count(*) FROM rows WHERE ok = false)::int AS repaired,
       (SELECT json_build_object('fid', fid, 'problem', problem, 'type', GeometryType(s), 'box', CASE WHEN s IS NOT NULL AND NOT ST_IsEmpty(s) THEN ARRAY[ST_XMin(s), ST_YMin(s), ST_XMax(s), ST_YMax(s)] END)
          FROM rows WHERE problem IS NOT NULL ORDER BY fid LIMIT 1) AS bad,
       (SELECT min(fid) FROM rows WHERE problem IS NULL AND (g IS NULL OR ST_IsEmpty(g))) AS unrepairable,
       (SELECT min(fid) FROM rows WHERE problem IS NULL AND (ST_XMin(g) < 73 OR ST_XMax(g) > 136 OR ST_YMin(g) < 3 OR ST_YMax(g) > 54)) AS out_of_china,
       (SELECT count(*) FROM ins)::int AS inserted`;

const DIMENSION: Record<GeometryKind, number> = { point: 1, line: 2, polygon: 3 };
const GEOJSON_TYPE: Record<string, string> = { POINT: 'Point', MULTIPOINT: 'MultiPoint', LINESTRING: 'LineString', MULTILINESTRING: 'MultiLineString', POLYGON: 'Polygon', MULTIPOLYGON: 'MultiPolygon', GEOMETRYCOLLECTION: 'GeometryCollection' };

interface BatchRow {
  repaired: number;
  bad: { fid: number; problem: 'empty' | 'kind' | 'range'; type: string | null; box: number[] | null } | null;
  unrepairable: number | null;
  out_of_china: number | null;
  inserted: number;
}

function batchError(row: BatchRow, kind: GeometryKind, epsg: number): AppError | null {
  const [minX, maxX, minY, maxY] = coordinateRange(epsg);
  // The lowest feature number wins: a problem found by the checks, or an unrepairable geometry.
  const candidates: [number, () => AppError][] = [];
  const bad = row.bad;
  if (bad) {
    const n = bad.fid;
    candidates.push([n, () => {
      if (bad.problem === 'empty') return new AppError(G.IMPORT_EMPTY_GEOMETRY, { featureNumber: n }, `feature ${n} has an empty geometry`);
      if (bad.problem === 'kind') return new AppError(G.IMPORT_MIXED_GEOMETRY, { featureNumber: n }, `feature ${n} is a ${GEOJSON_TYPE[bad.type ?? ''] ?? bad.type}; the layer holds ${kind}s`);
      const b = bad.box ?? [];
      return new AppError(G.IMPORT_COORDINATES_OUT_OF_RANGE, { featureNumber: n }, `feature ${n}: coordinates x ${b[0]}…${b[2]}, y ${b[1]}…${b[3]} are outside the valid range of EPSG:${epsg} (x ${minX}…${maxX}, y ${minY}…${maxY})`);
    }]);
  }
  if (row.unrepairable !== null) candidates.push([row.unrepairable, () => new AppError(G.IMPORT_GEOMETRY_UNREPAIRABLE, { featureNumber: row.unrepairable }, `feature ${row.unrepairable}: the geometry is invalid and nothing of its kind is left after repair`)]);
  if (row.out_of_china !== null) candidates.push([row.out_of_china, () => new AppError(G.IMPORT_COORDINATES_OUT_OF_RANGE, { featureNumber: row.out_of_china }, `feature ${row.out_of_china} lies outside China (73–136°E, 3–54°N) in EPSG:4490: wrong coordinate system or coordinates`)]);
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a[0] - b[0]);
  return candidates[0]![1]();
}

/**
 * Streams a source into a reserved ('importing') layer version: into a table of its own (see
 * partitionTable), in batches of WKB, each transformed to EPSG:4490, checked, repaired with
 * ST_MakeValid when invalid (counted), with its ellipsoidal area. On native PostgreSQL two batches
 * are in flight on two pooled connections while the next is read. Then the indexes are built in
 * one pass. Throws on the first bad feature; the caller then drops the table (discard in
 * service.ts) or attaches it as a partition of `features` (publish).
 */
export async function importFeatures(
  db: Db,
  layer: Layer,
  version: number,
  source: FeatureSource,
  onProgress: (p: ImportProgress) => Promise<void> = async () => undefined,
): Promise<ImportResult> {
  const started = Date.now();
  const table = partitionTable(layer.id, version);
  const epsg = source.crs.epsg;
  const [minX, maxX, minY, maxY] = coordinateRange(epsg);
  const sql = INSERT_BATCH(table);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(`CREATE TABLE ${table} (LIKE features INCLUDING DEFAULTS)`);
  const depth = db.kind === 'postgres' ? 2 : 1;
  const geographic = epsg === 4490 || epsg === 4326;
  const polygons = layer.geometryType === 'polygon';
  const inFlight = new Set<Promise<void>>();
  const errors: AppError[] = [];
  let failure: unknown = null;
  let sent = 0;
  let count = 0;
  let repaired = 0;
  let batch: SourceFeature[] = [];
  const send = (rows: SourceFeature[]) => {
    sent += rows.length;
    // One binary parameter holds every WKB (offsets and lengths beside it), one JSON array every
    // property set: arrays of bytea or text would travel as escaped text literals, ten times slower.
    const wkbs = rows.map((f) => f.wkb ?? (f.geometry ? geojsonToWkb(f.geometry) : null));
    // Ellipsoidal areas of parcels given in degrees are computed here, while the next batch is read
    // (ST_Area(geography) was the largest single cost of an import); repaired geometries, long
    // edges and projected sources are measured by PostGIS.
    const areas = geographic && polygons ? wkbs.map((w) => (w ? wkbEllipsoidalArea(w) : null)) : wkbs.map(() => null);
    const offsets: number[] = [];
    const lengths: number[] = [];
    let at = 0;
    for (const w of wkbs) {
      offsets.push(at);
      lengths.push(w ? w.length : -1);
      at += w ? w.length : 0;
    }
    const p = db
      .query<BatchRow>(sql, [
        rows.map((f) => f.n),
        `[${rows.map((f) => JSON.stringify(f.properties)).join(',')}]`,
        offsets,
        epsg, layer.id, version, layer.regionCode, DIMENSION[layer.geometryType], minX, maxX, minY, maxY,
        lengths,
        Buffer.concat(wkbs.filter((w): w is Buffer => w !== null), at),
        areas,
      ])
      .then(async (r) => {
        const row = r.rows[0]!;
        const e = batchError(row, layer.geometryType, epsg);
        if (e) {
          errors.push(e);
          return;
        }
        repaired += row.repaired;
        count += rows.length;
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        await onProgress({ features: count, total: source.count, percent: source.count ? Math.min(100, Math.round((count / source.count) * 1000) / 10) : null, featuresPerSecond: Math.round(count / seconds) });
      })
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const stopped = () => errors.length > 0 || failure !== null;
  for await (const f of source.features()) {
    batch.push(f);
    if (batch.length >= BATCH) {
      send(batch);
      batch = [];
      while (inFlight.size >= depth) await Promise.race(inFlight);
      if (stopped()) break;
    }
  }
  if (!stopped() && batch.length) send(batch);
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (errors.length) throw errors.sort((a, b) => Number(a.extra.featureNumber) - Number(b.extra.featureNumber))[0];
  if (sent === 0) throw new AppError(G.IMPORT_NO_FEATURES);
  // Indexes in one sorted pass, and the constraint that lets ATTACH PARTITION skip its scan.
  await db.query(`ALTER TABLE ${table} ADD PRIMARY KEY (layer_id, version, fid)`);
  await db.query(`CREATE INDEX ON ${table} USING gist (geom)`);
  await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_version CHECK (layer_id = '${layer.id}'::uuid AND version = ${version})`);
  // Statistics now, not whenever autovacuum comes by: without them the planner guesses a handful of
  // rows and ANDs the key index (every row of the version) with the GiST index on every tile.
  await db.query(`ANALYZE ${table}`);
  const s = await db.query<{ area: number | null; xmin: number; ymin: number; xmax: number; ymax: number }>(
    `SELECT sum(area_m2) AS area, ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT sum(area_m2) AS area_m2, ST_Extent(geom)::geometry AS e FROM ${table}) s GROUP BY e`,
  );
  const x = s.rows[0]!;
  return { features: count, repaired, totalAreaM2: x.area, bbox: [x.xmin, x.ymin, x.xmax, x.ymax] };
}

/** Makes an imported version's table a partition of `features` (inside the publishing transaction). */
export async function attachPartition(tx: Queryable, layerId: string, version: number): Promise<void> {
  const table = partitionTable(layerId, version);
  await tx.query(`ALTER TABLE features ATTACH PARTITION ${table} FOR VALUES FROM ('${layerId}', ${version}) TO ('${layerId}', ${version + 1})`);
}

/** Drops what a failed import loaded. */
export async function dropImportTable(db: Queryable, layerId: string, version: number): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${partitionTable(layerId, version)}`);
}
