import type { Geometry, Position } from 'geojson';
import type { Db } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { FeatureSource, SourceFeature } from './formats/types.ts';
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

export function kindOf(type: Geometry['type']): GeometryKind | null {
  if (type === 'Polygon' || type === 'MultiPolygon') return 'polygon';
  if (type === 'LineString' || type === 'MultiLineString') return 'line';
  if (type === 'Point' || type === 'MultiPoint') return 'point';
  return null;
}

function* positions(g: Geometry): Generator<Position> {
  switch (g.type) {
    case 'Point':
      yield g.coordinates;
      break;
    case 'MultiPoint':
    case 'LineString':
      yield* g.coordinates;
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const r of g.coordinates) yield* r;
      break;
    case 'MultiPolygon':
      for (const p of g.coordinates) for (const r of p) yield* r;
      break;
    case 'GeometryCollection':
      for (const x of g.geometries) yield* positions(x);
  }
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

/**
 * Checks one feature before it reaches the database: a geometry, of the layer's kind, with finite
 * coordinates inside the range its CRS allows (geographic degrees, or Gauss-Krüger metres).
 */
export function checkFeature(f: SourceFeature, kind: GeometryKind, epsg: number): void {
  if (!f.geometry) throw new AppError(G.IMPORT_EMPTY_GEOMETRY, { featureNumber: f.n }, `feature ${f.n} has no geometry`);
  const k = kindOf(f.geometry.type);
  if (k !== kind) throw new AppError(G.IMPORT_MIXED_GEOMETRY, { featureNumber: f.n }, `feature ${f.n} is a ${f.geometry.type}; the layer holds ${kind}s`);
  const [minX, maxX, minY, maxY] = coordinateRange(epsg);
  let n = 0;
  for (const [x, y] of positions(f.geometry)) {
    n++;
    const ok = Number.isFinite(x) && Number.isFinite(y) && x! >= minX && x! <= maxX && y! >= minY && y! <= maxY;
    if (!ok) throw new AppError(G.IMPORT_COORDINATES_OUT_OF_RANGE, { featureNumber: f.n }, `feature ${f.n}: coordinate (${x}, ${y}) is outside the valid range of EPSG:${epsg} (x ${minX}…${maxX}, y ${minY}…${maxY})`);
  }
  if (n === 0) throw new AppError(G.IMPORT_EMPTY_GEOMETRY, { featureNumber: f.n }, `feature ${f.n} has an empty geometry`);
}

// Transformation, repair and checks happen in one statement per batch. China's extent bounds the
// transformed geometry: anything outside is a wrong CRS or a wrong coordinate, never a county's data.
const INSERT_BATCH = `
WITH src AS (
  SELECT fid, props, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g), $4::int), 4490) AS g0
    FROM unnest($1::int[], $2::jsonb[], $3::text[]) AS t(fid, props, g)
), checked AS (
  SELECT fid, props, g0, ST_IsValid(g0) AS valid FROM src
), fixed AS (
  SELECT fid, props, valid, CASE WHEN valid THEN g0 ELSE ST_CollectionExtract(ST_MakeValid(g0), $8::int) END AS g
    FROM checked
), ins AS (
  INSERT INTO features (layer_id, version, fid, region_code, props, geom, area_m2)
  SELECT $5::uuid, $6::int, fid, $7, props, g, CASE WHEN $8::int = 3 THEN ST_Area(g::geography) END
    FROM fixed WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)
  RETURNING fid
)
SELECT (SELECT count(*) FROM fixed WHERE NOT valid)::int AS repaired,
       (SELECT min(fid) FROM fixed WHERE g IS NULL OR ST_IsEmpty(g)) AS unrepairable,
       (SELECT min(fid) FROM fixed WHERE ST_XMin(g) < 73 OR ST_XMax(g) > 136 OR ST_YMin(g) < 3 OR ST_YMax(g) > 54) AS out_of_china,
       (SELECT count(*) FROM ins)::int AS inserted`;

const DIMENSION: Record<GeometryKind, number> = { point: 1, line: 2, polygon: 3 };

/**
 * Streams a source into a reserved ('importing') layer version in batches. Each batch is transformed
 * to EPSG:4490, repaired with ST_MakeValid when invalid (counted), and checked. Throws on the first
 * bad feature; the caller then removes what was written (see publish/discard in service.ts).
 */
export async function importFeatures(
  db: Db,
  layer: Layer,
  version: number,
  source: FeatureSource,
  onProgress: (p: ImportProgress) => Promise<void> = async () => undefined,
): Promise<ImportResult> {
  const started = Date.now();
  let count = 0;
  let repaired = 0;
  let batch: SourceFeature[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await db.query<{ repaired: number; unrepairable: number | null; out_of_china: number | null; inserted: number }>(INSERT_BATCH, [
      batch.map((f) => f.n),
      batch.map((f) => JSON.stringify(f.properties)),
      batch.map((f) => JSON.stringify(f.geometry)),
      source.crs.epsg,
      layer.id,
      version,
      layer.regionCode,
      DIMENSION[layer.geometryType],
    ]);
    const row = r.rows[0]!;
    if (row.unrepairable !== null) throw new AppError(G.IMPORT_GEOMETRY_UNREPAIRABLE, { featureNumber: row.unrepairable }, `feature ${row.unrepairable}: the geometry is invalid and nothing of its kind is left after repair`);
    if (row.out_of_china !== null) throw new AppError(G.IMPORT_COORDINATES_OUT_OF_RANGE, { featureNumber: row.out_of_china }, `feature ${row.out_of_china} lies outside China (73–136°E, 3–54°N) in EPSG:4490: wrong coordinate system or coordinates`);
    repaired += row.repaired;
    count += batch.length;
    batch = [];
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    await onProgress({ features: count, total: source.count, percent: source.count ? Math.min(100, Math.round((count / source.count) * 1000) / 10) : null, featuresPerSecond: Math.round(count / seconds) });
  };
  for await (const f of source.features()) {
    checkFeature(f, layer.geometryType, source.crs.epsg);
    batch.push(f);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (count === 0) throw new AppError(G.IMPORT_NO_FEATURES);
  const s = await db.query<{ area: number | null; xmin: number; ymin: number; xmax: number; ymax: number }>(
    `SELECT sum(area_m2) AS area, ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT sum(area_m2) AS area_m2, ST_Extent(geom)::geometry AS e FROM features WHERE layer_id = $1 AND version = $2) s GROUP BY e`,
    [layer.id, version],
  );
  const x = s.rows[0]!;
  return { features: count, repaired, totalAreaM2: x.area, bbox: [x.xmin, x.ymin, x.xmax, x.ymax] };
}
