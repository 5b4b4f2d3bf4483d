import type { Queryable } from '../../../core/db/index.ts';

/**
 * The overlays of a review, set-based in PostGIS: one statement per layer version computes, for
 * every feature meeting the boundary, the intersection, its ellipsoidal area and the sliver tests,
 * on the stored geometries (nothing travels as GeoJSON but the boundary). The layer and version
 * come from GisService (the catalogue and the published versions); these statements only read the
 * version's rows of `features` (layer_id, version, fid, props, geom), && on its GiST index first.
 *
 * Overlays stay in EPSG:4490; areas are ellipsoidal (geography on the CGCS2000/GRS80 ellipsoid),
 * as 三调 TBMJ. Only the sliver width test needs metres for a negative buffer: it runs in the
 * boundary's 3° Gauss-Krüger zone, whose scale error (< 0.1 %) does not matter for decimetres.
 */

/** A layer version as the statements address it. */
export interface LayerRef {
  layerId: string;
  version: number;
}

export interface Piece {
  fid: number;
  props: Record<string, unknown>;
  /** ST_Intersection returned NULL (a GEOS failure on PostgreSQL builds that swallow it). */
  isNull: boolean;
  empty: boolean;
  /** 2 = area, 1 = the feature only touches along a line, 0 = at a point. */
  dim: number | null;
  /** Ellipsoidal area of the polygonal part of the intersection (m²). */
  areaM2: number;
  /** Per width asked for (same order): true when an inward buffer by half the width leaves nothing. */
  narrow: boolean[] | null;
}

export interface LayerOverlay {
  pieces: Piece[];
  /** Ellipsoidal area of the union of all pieces (null when not asked for, or no piece has an area). */
  unionM2: number | null;
}

// The sliver test: a piece is narrower than w when buffering it inwards by w/2 leaves nothing. Its
// largest inscribed circle has radius r ≥ A / P (every point lies within r of the edge, and that
// band has at most P·r of area), so A > P·w/2 proves it wide without the (costly) transform and
// buffer. A is the ellipsoidal area; P is bounded from above by the perimeter in degrees × 111 700 m
// (no degree of latitude or longitude is longer). The 1 % margin keeps the shortcut away from the
// borderline, where the buffer in the Gauss-Krüger zone decides as before.
const OVERLAY = `
WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g),
x AS (
  SELECT f.fid, f.props, ST_Intersection(f.geom, b.g) AS i
    FROM features f, b
   WHERE f.layer_id = $1 AND f.version = $2 AND f.geom && b.g AND ST_Intersects(f.geom, b.g)
),
y AS (SELECT fid, props, i, CASE WHEN i IS NULL THEN NULL ELSE ST_CollectionExtract(i, 3) END AS a FROM x),
z AS (
  SELECT fid, props, i, a, coalesce(ST_Area(a::geography), 0) AS m2,
         CASE WHEN cardinality($4::float8[]) > 0 AND a IS NOT NULL AND NOT ST_IsEmpty(a) THEN ST_Perimeter(a) * 111700 END AS pmax
    FROM y
),
-- Once per statement (MATERIALIZED: inlined, the planner would union the pieces again for every row).
u AS MATERIALIZED (SELECT ST_Area(ST_Union(a)::geography) AS union_m2 FROM y WHERE $6::boolean AND a IS NOT NULL AND NOT ST_IsEmpty(a))
SELECT z.fid, z.props, z.i IS NULL AS "isNull", coalesce(ST_IsEmpty(z.i), true) AS empty, ST_Dimension(z.i) AS dim, z.m2 AS "areaM2",
       CASE WHEN z.pmax IS NOT NULL THEN ARRAY(
         SELECT CASE WHEN w <= 0 THEN false
                     WHEN z.m2 > z.pmax * w / 2 * 1.01 THEN false
                     ELSE ST_IsEmpty(ST_Buffer(ST_Transform(z.a, $5::int), -w / 2)) END
           FROM unnest($4::float8[]) WITH ORDINALITY AS s(w, k) ORDER BY k) END AS narrow,
       u.union_m2 AS "unionM2"
  FROM z, u ORDER BY z.fid`;

/**
 * Every feature of a layer version meeting the boundary, with its intersection's area, dimension
 * and sliver tests (one per width), and optionally the area of the union of all pieces — one statement.
 */
export async function overlayLayer(q: Queryable, layer: LayerRef, boundary: string, o: { widths: number[]; gkEpsg: number; union: boolean }): Promise<LayerOverlay> {
  const r = await q.query<Piece & { unionM2: number | null }>(OVERLAY, [layer.layerId, layer.version, boundary, o.widths, o.gkEpsg, o.union]);
  return {
    pieces: r.rows.map((x) => ({ fid: Number(x.fid), props: x.props, isNull: x.isNull, empty: x.empty, dim: x.dim, areaM2: x.areaM2, narrow: x.narrow })),
    unionM2: r.rows[0]?.unionM2 ?? null,
  };
}

/** Area of the union of the given features' intersections with the boundary (features of one layer may overlap each other). */
export async function unionArea(q: Queryable, layer: LayerRef, boundary: string, fids: number[]): Promise<number> {
  if (fids.length === 0) return 0;
  const r = await q.query<{ a: number | null; n: number; nn: number }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g),
          p AS (SELECT ST_CollectionExtract(ST_Intersection(f.geom, b.g), 3) AS a FROM features f, b
                 WHERE f.layer_id = $1 AND f.version = $2 AND f.fid = ANY($4::int[]))
     SELECT ST_Area(ST_Union(a)::geography) AS a, count(*)::int AS n, count(a)::int AS nn FROM p`,
    [layer.layerId, layer.version, boundary, fids],
  );
  const row = r.rows[0];
  if (!row || row.a === null || row.nn !== fids.length) throw new OverlayFailed('the union of the overlaps came back NULL');
  return row.a;
}

export interface OutsidePart {
  areaM2: number;
  narrow: boolean | null;
}

/** The parts of the boundary outside all the given features, each with its area and sliver test. */
export async function outsideParts(q: Queryable, layer: LayerRef, boundary: string, fids: number[], minWidthM: number, gkEpsg: number): Promise<OutsidePart[]> {
  const r = await q.query<{ d: string | null; areaM2: number | null; narrow: boolean | null }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g),
          p AS (SELECT ST_Intersection(f.geom, b.g) AS i FROM features f, b WHERE f.layer_id = $1 AND f.version = $2 AND f.fid = ANY($4::int[])),
          u AS (SELECT ST_Union(i) AS g, count(*) AS n, count(i) AS nn FROM p),
          d AS (SELECT CASE WHEN u.n <> u.nn OR u.n <> cardinality($4::int[]) THEN NULL
                            WHEN u.g IS NULL THEN b.g
                            ELSE ST_CollectionExtract(ST_Difference(b.g, u.g), 3) END AS g FROM b, u),
          parts AS (SELECT (ST_Dump(g)).geom AS p FROM d)
     SELECT 'part' AS d, ST_Area(p::geography) AS "areaM2",
            CASE WHEN $5::float8 > 0 THEN ST_IsEmpty(ST_Buffer(ST_Transform(p, $6::int), -$5::float8 / 2)) END AS narrow
       FROM parts
     UNION ALL SELECT 'total', (SELECT ST_Area(g::geography) FROM d), NULL`,
    [layer.layerId, layer.version, boundary, fids, minWidthM, gkEpsg],
  );
  const total = r.rows.find((x) => x.d === 'total');
  if (!total || total.areaM2 === null) throw new OverlayFailed('the difference with the layer came back NULL');
  return r.rows.filter((x) => x.d === 'part').map((x) => ({ areaM2: x.areaM2 ?? 0, narrow: x.narrow }));
}

export interface NearFeature {
  fid: number;
  props: Record<string, unknown>;
  distanceM: number;
}

/**
 * Features within a geodesic distance (m) of the boundary, with that distance: && on a box grown
 * by the radius in degrees (generously, at the boundary's highest latitude), then ST_DWithin on the ellipsoid.
 */
export async function nearFeatures(q: Queryable, layer: LayerRef, boundary: string, radiusM: number): Promise<NearFeature[]> {
  const r = await q.query<{ fid: number; props: Record<string, unknown>; d: number | null }>(
    `WITH b AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4490) AS g),
          s AS (SELECT g, g::geography AS gg,
                       ST_Expand(g, $4::float8 / (111000 * cos(radians(least(89, greatest(abs(ST_YMin(g)), abs(ST_YMax(g))))))) * 1.1 + 1e-6, $4::float8 / 110000 * 1.1 + 1e-6) AS e
                  FROM b)
     SELECT f.fid, f.props, ST_Distance(f.geom::geography, s.gg) AS d
       FROM features f, s
      WHERE f.layer_id = $1 AND f.version = $2 AND f.geom && s.e AND ST_DWithin(f.geom::geography, s.gg, $4::float8)
      ORDER BY f.fid`,
    [layer.layerId, layer.version, boundary, radiusM],
  );
  return r.rows.map((x) => {
    if (x.d === null) throw new OverlayFailed(`the distance to feature ${x.fid} came back NULL`);
    return { fid: Number(x.fid), props: x.props, distanceM: x.d };
  });
}

/** An overlay produced no usable answer where one was expected: the review must say MANUAL, never "no overlap". */
export class OverlayFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverlayFailed';
  }
}
