import type { Queryable } from '../../../core/db/index.ts';

/**
 * The overlays of one rule, computed in PostGIS on geometries passed as parameters (the features
 * come from GisService, the only reader of the layer tables). Overlays stay in EPSG:4490; areas are
 * ellipsoidal (geography on the CGCS2000/GRS80 ellipsoid), as 三调 TBMJ. Only the sliver width test
 * needs metres for a negative buffer: it runs in the boundary's 3° Gauss-Krüger zone, whose scale
 * error (< 0.1 %) does not matter for a tolerance of decimetres.
 */

export interface Piece {
  fid: number;
  /** ST_Intersection returned NULL (a GEOS failure on PostgreSQL builds that swallow it). */
  isNull: boolean;
  empty: boolean;
  /** 2 = area, 1 = the feature only touches along a line, 0 = at a point. */
  dim: number | null;
  areaM2: number;
  /** true when an inward buffer by half the minimum width leaves nothing (a sliver). */
  narrow: boolean | null;
}

const PIECES = `
WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS g),
f AS (SELECT fid, ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490) AS g FROM unnest($2::int[], $3::text[]) AS t(fid, gj)),
x AS (SELECT f.fid, ST_Intersection(f.g, b.g) AS i FROM f, b),
y AS (SELECT fid, i, CASE WHEN i IS NULL THEN NULL ELSE ST_CollectionExtract(i, 3) END AS a FROM x)
SELECT fid, i IS NULL AS "isNull", coalesce(ST_IsEmpty(i), true) AS empty, ST_Dimension(i) AS dim,
       coalesce(ST_Area(a::geography), 0) AS "areaM2",
       CASE WHEN $4::float8 > 0 AND a IS NOT NULL AND NOT ST_IsEmpty(a) THEN ST_IsEmpty(ST_Buffer(ST_Transform(a, $5::int), -$4::float8 / 2)) END AS narrow
  FROM y ORDER BY fid`;

/** Intersection of each feature with the boundary: area, dimension, sliver test. */
export async function pieces(q: Queryable, boundary: string, features: { fid: number; geometry: string }[], minWidthM: number, gkEpsg: number): Promise<Piece[]> {
  if (features.length === 0) return [];
  const r = await q.query<Piece>(PIECES, [boundary, features.map((f) => f.fid), features.map((f) => f.geometry), minWidthM, gkEpsg]);
  return r.rows;
}

/** Area of the union of the features' intersections with the boundary (features of one layer may overlap each other). */
export async function unionArea(q: Queryable, boundary: string, geometries: string[]): Promise<number> {
  if (geometries.length === 0) return 0;
  const r = await q.query<{ a: number | null }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS g)
     SELECT ST_Area(ST_Intersection(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490)), (SELECT g FROM b))::geography) AS a FROM unnest($2::text[]) AS t(gj)`,
    [boundary, geometries],
  );
  const a = r.rows[0]?.a;
  if (a === null || a === undefined) throw new OverlayFailed('the union of the overlaps came back NULL');
  return a;
}

export interface OutsidePart {
  areaM2: number;
  narrow: boolean | null;
}

/** The parts of the boundary outside all the given features, each with its area and sliver test. */
export async function outsideParts(q: Queryable, boundary: string, geometries: string[], minWidthM: number, gkEpsg: number): Promise<OutsidePart[]> {
  const r = await q.query<{ d: string | null; areaM2: number | null; narrow: boolean | null }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS g),
          u AS (SELECT ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490)) AS g FROM unnest($2::text[]) AS t(gj)),
          d AS (SELECT CASE WHEN u.g IS NULL THEN b.g ELSE ST_CollectionExtract(ST_Difference(b.g, u.g), 3) END AS g FROM b, u),
          parts AS (SELECT (ST_Dump(g)).geom AS p FROM d)
     SELECT 'part' AS d, ST_Area(p::geography) AS "areaM2",
            CASE WHEN $3::float8 > 0 THEN ST_IsEmpty(ST_Buffer(ST_Transform(p, $4::int), -$3::float8 / 2)) END AS narrow
       FROM parts
     UNION ALL SELECT 'total', (SELECT ST_Area(g::geography) FROM d), NULL`,
    [boundary, geometries, minWidthM, gkEpsg],
  );
  const total = r.rows.find((x) => x.d === 'total');
  if (!total || total.areaM2 === null) throw new OverlayFailed('the difference with the layer came back NULL');
  return r.rows.filter((x) => x.d === 'part').map((x) => ({ areaM2: x.areaM2 ?? 0, narrow: x.narrow }));
}

/** Geodesic distance (m) from the boundary to each feature. */
export async function distances(q: Queryable, boundary: string, features: { fid: number; geometry: string }[]): Promise<Map<number, number>> {
  if (features.length === 0) return new Map();
  const r = await q.query<{ fid: number; d: number | null }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography AS g)
     SELECT fid, ST_Distance(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490)::geography, (SELECT g FROM b)) AS d FROM unnest($2::int[], $3::text[]) AS t(fid, gj)`,
    [boundary, features.map((f) => f.fid), features.map((f) => f.geometry)],
  );
  const out = new Map<number, number>();
  for (const x of r.rows) {
    if (x.d === null) throw new OverlayFailed(`the distance to feature ${x.fid} came back NULL`);
    out.set(x.fid, x.d);
  }
  return out;
}

/** The boundary grown by a distance (m), measured on the ellipsoid, for finding features near it. */
export async function buffered(q: Queryable, boundary: string, metres: number): Promise<string> {
  const r = await q.query<{ g: string }>(`SELECT ST_AsGeoJSON(ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography, $2)::geometry, 15) AS g`, [boundary, metres]);
  return r.rows[0]!.g;
}

/** An overlay produced no usable answer where one was expected: the review must say MANUAL, never "no overlap". */
export class OverlayFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverlayFailed';
  }
}
