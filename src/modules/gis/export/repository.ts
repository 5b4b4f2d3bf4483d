import type { Queryable } from '../../../core/db/index.ts';

/** Which features of a layer version an export covers. */
export interface ExportSelection {
  layerId: string;
  version: number;
  /** minx, miny, maxx, maxy in EPSG:4490 degrees (the storage CRS, whatever the output CRS). */
  bbox?: number[];
  /** Equality filters on properties; names were checked against the layer's fields. */
  props?: Record<string, string>;
}

/** How a page returns geometries: GeoJSON or WKT text in the output CRS, the type name only, or none. */
export type GeometryOutput = { as: 'geojson' | 'wkt'; srid: number; digits: number } | { as: 'type' } | { as: 'none' };

export interface ExportRow {
  fid: number;
  props: Record<string, unknown>;
  area_m2: number | null;
  /** GeoJSON / WKT text, or the type name ('POLYGON', 'MULTIPOLYGON' …), or null. */
  g: string | null;
}

function where(s: ExportSelection): { sql: string; params: unknown[] } {
  const parts = ['layer_id = $1', 'version = $2'];
  const params: unknown[] = [s.layerId, s.version];
  if (s.bbox) {
    const [a, b, c, d] = [params.length + 1, params.length + 2, params.length + 3, params.length + 4];
    // && uses the GiST index; ST_Intersects keeps only true intersections.
    parts.push(`geom && ST_MakeEnvelope($${a}, $${b}, $${c}, $${d}, 4490)`, `ST_Intersects(geom, ST_MakeEnvelope($${a}, $${b}, $${c}, $${d}, 4490))`);
    params.push(...s.bbox);
  }
  for (const [k, v] of Object.entries(s.props ?? {})) parts.push(`props ->> $${params.push(k)} = $${params.push(v)}`);
  return { sql: parts.join(' AND '), params };
}

export async function countSelected(db: Queryable, s: ExportSelection): Promise<number> {
  const w = where(s);
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM features WHERE ${w.sql}`, w.params);
  return r.rows[0]!.n;
}

/**
 * The selected features in pages of `pageSize`, by keyset on fid (the primary key's last column),
 * so each page is an index range scan and nothing is held beyond one page. A published version's
 * rows never change, so separate statements see the same data without a long transaction (which
 * would pin PGlite's single connection for the whole download).
 */
export async function* selectPages(db: Queryable, s: ExportSelection, geometry: GeometryOutput, pageSize = 2000): AsyncGenerator<ExportRow[]> {
  const w = where(s);
  const params = [...w.params];
  let g = 'NULL::text';
  if (geometry.as === 'type') g = 'GeometryType(geom)';
  else if (geometry.as !== 'none') {
    // Transform at the edge: storage stays EPSG:4490; the srid comes from the export CRS allow-list.
    const src = geometry.srid === 4490 ? 'geom' : `ST_Transform(geom, $${params.push(geometry.srid)}::int)`;
    const digits = `$${params.push(geometry.digits)}::int`;
    // Options 0: no per-geometry "crs" member (not GeoJSON since RFC 7946; the collection names the CRS).
    g = geometry.as === 'geojson' ? `ST_AsGeoJSON(${src}, ${digits}, 0)` : `ST_AsText(${src}, ${digits})`;
  }
  const after = params.length + 1;
  const sql = `SELECT fid, props, area_m2, ${g} AS g FROM features WHERE ${w.sql} AND fid > $${after} ORDER BY fid LIMIT $${after + 1}`;
  let last = -2147483648;
  for (;;) {
    const r = await db.query<ExportRow>(sql, [...params, last, pageSize]);
    if (r.rows.length === 0) return;
    yield r.rows;
    if (r.rows.length < pageSize) return;
    last = r.rows[r.rows.length - 1]!.fid;
  }
}
