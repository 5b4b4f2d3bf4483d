import { createRequire } from 'node:module';
import type { Geometry, Position } from 'geojson';
import type { Db } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { Layer } from './layers.ts';

const require = createRequire(import.meta.url);
const vtpbf = require('vt-pbf') as { fromGeojsonVt(layers: Record<string, { features: TileFeature[] }>, o: { version: number; extent: number }): Uint8Array };

export const EXTENT = 4096;
const BUFFER = 64;
/**
 * At most this many features per tile, the largest first (as tippecanoe's drop-smallest): a z10
 * tile over the county would otherwise carry 80 000 patches (2.5 MB), each under a pixel. Patches
 * dropped at a low zoom appear from the zoom where their tile has room; z12 and above hold every
 * patch of a 300 000-patch county.
 */
export const FEATURE_BUDGET = 10_000;

/**
 * Two tile grids: Web Mercator (EPSG:3857, the XYZ scheme every web map knows) and the CGCS2000
 * geographic grid (EPSG:4490, 天地图 "c" matrix: level z has 2^z × 2^(z−1) tiles of 360/2^z degrees
 * from (−180°, 90°)), so the one map can stay in CGCS2000 end to end.
 */
export type Grid = 'webmercator' | 'cgcs2000';

export interface TileBounds {
  srid: 3857 | 4490;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

const MERC = 20037508.342789244;

export function tileBounds(grid: Grid, z: number, x: number, y: number): TileBounds {
  if (!Number.isInteger(z) || z < 0 || z > 22) throw new AppError(G.TILE_OUT_OF_RANGE, {}, `zoom ${z} is not 0–22`);
  const cols = 2 ** z;
  const rows = grid === 'webmercator' ? 2 ** z : Math.max(1, 2 ** (z - 1));
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= cols || y >= rows) {
    throw new AppError(G.TILE_OUT_OF_RANGE, {}, `tile ${z}/${x}/${y} is outside the ${grid} grid`);
  }
  if (grid === 'webmercator') {
    const size = (2 * MERC) / cols;
    return { srid: 3857, minx: -MERC + x * size, maxx: -MERC + (x + 1) * size, maxy: MERC - y * size, miny: MERC - (y + 1) * size };
  }
  const size = z === 0 ? 360 : 360 / cols;
  const height = z === 0 ? 180 : size;
  return { srid: 4490, minx: -180 + x * size, maxx: -180 + (x + 1) * size, maxy: 90 - y * height, miny: 90 - (y + 1) * height };
}

const R = 6378137;

/**
 * How stored CGCS2000 longitude/latitude map to a tile's CRS: x' = a·lon + xoff, y' = k·lat + yoff,
 * and the tile's extent in degrees for the index filter. The CGCS2000 grid is the identity. Web
 * Mercator's x is exactly linear in longitude; its y is linearised across the tile by the chord
 * through the tile's edges — at z10 the error stays under 1.5/4096 of a tile at 26°N (0.1 px of
 * a 256-px tile) and 4/4096 at 53°N, halving with each zoom level — and is an affine map PostGIS applies about five times faster than ST_Transform
 * (PROJ) to 3857, the largest cost of a tile. Below z10, where the chord would bend shapes, the
 * encoders use ST_Transform. (CGCS2000 and WGS 84 differ by centimetres; PROJ treats them as one.)
 */
export interface TileMapping {
  exact: boolean;
  a: number;
  k: number;
  xoff: number;
  yoff: number;
  lonLat: [number, number, number, number];
}

const LINEAR_FROM_SPAN = (2 * MERC) / 2 ** 10;

export function tileMapping(b: TileBounds): TileMapping {
  if (b.srid === 4490) return { exact: false, a: 1, k: 1, xoff: 0, yoff: 0, lonLat: [b.minx, b.miny, b.maxx, b.maxy] };
  const lon = (x: number) => (x / R) * (180 / Math.PI);
  const lat = (y: number) => Math.atan(Math.sinh(y / R)) * (180 / Math.PI);
  const latMin = lat(b.miny);
  const latMax = lat(b.maxy);
  const a = (R * Math.PI) / 180;
  const k = (b.maxy - b.miny) / (latMax - latMin);
  return { exact: b.maxx - b.minx > LINEAR_FROM_SPAN * 1.000001, a, k, xoff: 0, yoff: b.miny - k * latMin, lonLat: [lon(b.minx), latMin, lon(b.maxx), latMax] };
}

// Attributes worth carrying in a tile besides the styling field: names for labels and the
// national ids. Everything else is one identify/feature request away and would only fatten tiles.
const LABEL_FIELDS = ['DLMC', 'XZQMC', 'XZQDM', 'BSM', 'TBBH', 'YDYHFLMC', 'HXMC', 'FQLX', 'YFCD'];

/** The properties a layer's tiles carry: its style's classifying field and the label fields it has. */
export function tileFields(layer: Layer): string[] {
  const by = typeof layer.style.by === 'string' ? [layer.style.by] : [];
  const names = new Set(layer.fields.map((f) => f.name));
  return [...new Set([...by, ...LABEL_FIELDS])].filter((f) => names.has(f));
}

/** Produces one Mapbox Vector Tile (one layer named after the layer code). */
export interface TileEncoder {
  readonly name: string;
  encode(layer: Layer, version: number, b: TileBounds): Promise<Buffer>;
}

/** Native PostGIS: ST_AsMVTGeom clips, quantises and simplifies; ST_AsMVT encodes. */
export class SqlTileEncoder implements TileEncoder {
  readonly name = 'postgis-st_asmvt';
  constructor(private readonly db: Db, private readonly budget = FEATURE_BUDGET) {}

  async encode(layer: Layer, version: number, b: TileBounds): Promise<Buffer> {
    const m = tileMapping(b);
    const r = await this.db.query<{ tile: Buffer | Uint8Array | null }>(
      `WITH c AS (
         SELECT fid, props, geom FROM features
          WHERE layer_id = $1 AND version = $2 AND geom && ST_MakeEnvelope($15::float8, $16::float8, $17::float8, $18::float8, 4490)
          ORDER BY area_m2 DESC NULLS LAST, fid LIMIT ${Math.trunc(this.budget)}
       ), q AS (
         SELECT fid, (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(props) WHERE key = ANY($9::text[])) AS props,
                ST_AsMVTGeom(CASE WHEN $10::boolean THEN ST_Transform(geom, $7::int) ELSE ST_Affine(geom, $11::float8, 0, 0, $12::float8, $13::float8, $14::float8) END,
                             ST_MakeEnvelope($3::float8, $4::float8, $5::float8, $6::float8), ${EXTENT}, ${BUFFER}, true) AS g
           FROM c
       )
       SELECT ST_AsMVT(q, $8, ${EXTENT}, 'g', 'fid') AS tile FROM q WHERE g IS NOT NULL`,
      [layer.id, version, b.minx, b.miny, b.maxx, b.maxy, b.srid, layer.code, tileFields(layer), m.exact, m.a, m.k, m.xoff, m.yoff, ...indexBox(m, b)],
    );
    const t = r.rows[0]?.tile;
    return t ? Buffer.from(t) : Buffer.alloc(0);
  }
}

/** The tile plus its buffer in degrees, for the GiST filter (the buffer keeps edge features). */
function indexBox(m: TileMapping, b: TileBounds): [number, number, number, number] {
  const [w, s, e, n] = m.lonLat;
  const padX = ((e - w) * BUFFER) / EXTENT;
  const padY = ((n - s) * BUFFER) / EXTENT;
  return [w - padX, s - padY, e + padX, n + padY];
}

interface TileFeature {
  id: number;
  type: 1 | 2 | 3;
  geometry: number[][][] | number[][];
  tags: Record<string, string | number | boolean>;
}

/**
 * For PGlite, whose PostGIS lacks protobuf (no ST_AsMVT/ST_AsMVTGeom): the database simplifies and
 * clips in the tile's CRS, JavaScript quantises to the tile grid and encodes with vt-pbf.
 */
export class JsTileEncoder implements TileEncoder {
  readonly name = 'js-vt-pbf';
  constructor(private readonly db: Db, private readonly budget = FEATURE_BUDGET) {}

  async encode(layer: Layer, version: number, b: TileBounds): Promise<Buffer> {
    const px = (b.maxx - b.minx) / EXTENT;
    const pad = px * BUFFER;
    const m = tileMapping(b);
    const r = await this.db.query<{ fid: number; props: Record<string, unknown>; g: string | null }>(
      `SELECT fid, props, ST_AsGeoJSON(ST_ClipByBox2D(ST_SimplifyPreserveTopology(
                 CASE WHEN $10::boolean THEN ST_Transform(geom, $7::int) ELSE ST_SetSRID(ST_Affine(geom, $11::float8, 0, 0, $12::float8, $13::float8, $14::float8), $7::int) END, $8::float8),
               ST_MakeEnvelope($3::float8 - $9::float8, $4::float8 - $9::float8, $5::float8 + $9::float8, $6::float8 + $9::float8, $7::int))) AS g
         FROM features
        WHERE layer_id = $1 AND version = $2 AND geom && ST_MakeEnvelope($15::float8, $16::float8, $17::float8, $18::float8, 4490)
        ORDER BY area_m2 DESC NULLS LAST, fid LIMIT ${Math.trunc(this.budget)}`,
      [layer.id, version, b.minx, b.miny, b.maxx, b.maxy, b.srid, px / 2, pad, m.exact, m.a, m.k, m.xoff, m.yoff, ...indexBox(m, b)],
    );
    const features: TileFeature[] = [];
    const toTile = (p: Position): [number, number] => [Math.round((p[0]! - b.minx) / px), Math.round((b.maxy - p[1]!) / px)];
    const fields = tileFields(layer);
    for (const row of r.rows) {
      if (!row.g) continue;
      const f = toFeature(JSON.parse(row.g) as Geometry, toTile);
      if (f) features.push({ ...f, id: row.fid, tags: tags(Object.fromEntries(fields.map((k) => [k, row.props[k]]))) });
    }
    if (features.length === 0) return Buffer.alloc(0);
    return Buffer.from(vtpbf.fromGeojsonVt({ [layer.code]: { features } }, { version: 2, extent: EXTENT }));
  }
}

function tags(props: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

/** Signed area in tile space (y down): MVT wants exterior rings with positive area, holes negative. */
function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0]! - ring[i]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  return s;
}

function cleanRing(ring: Position[], toTile: (p: Position) => [number, number]): number[][] | null {
  const out: number[][] = [];
  for (const p of ring) {
    const t = toTile(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== t[0] || last[1] !== t[1]) out.push(t);
  }
  if (out.length < 4 || signedArea(out) === 0) return null;
  return out;
}

function toFeature(g: Geometry, toTile: (p: Position) => [number, number]): Omit<TileFeature, 'id' | 'tags'> | null {
  switch (g.type) {
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const rings: number[][][] = [];
      for (const poly of polys) {
        poly.forEach((ring, i) => {
          const r = cleanRing(ring, toTile);
          if (!r) return;
          const outer = i === 0;
          if ((signedArea(r) > 0) !== outer) r.reverse();
          rings.push(r);
        });
      }
      return rings.length ? { type: 3, geometry: rings } : null;
    }
    case 'LineString':
      return { type: 2, geometry: [g.coordinates.map(toTile)] };
    case 'MultiLineString':
      return { type: 2, geometry: g.coordinates.map((l) => l.map(toTile)) };
    case 'Point':
      return { type: 1, geometry: [toTile(g.coordinates)] };
    case 'MultiPoint':
      return { type: 1, geometry: g.coordinates.map(toTile) };
    case 'GeometryCollection': {
      // ST_ClipByBox2D can return a collection; keep its polygonal part.
      const polys = g.geometries.filter((x) => x.type === 'Polygon' || x.type === 'MultiPolygon');
      if (!polys.length) return null;
      return toFeature({ type: 'MultiPolygon', coordinates: polys.flatMap((x) => (x.type === 'Polygon' ? [x.coordinates] : (x as { coordinates: Position[][][] }).coordinates)) }, toTile);
    }
  }
}

/** A small LRU of encoded tiles. Keys carry the layer version, so a new version never hits old tiles. */
export class TileCache {
  private readonly map = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Buffer | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: Buffer): void {
    if (v.length > this.maxBytes) return;
    const old = this.map.get(key);
    if (old) this.bytes -= old.length;
    this.map.delete(key);
    this.map.set(key, v);
    this.bytes += v.length;
    for (const [k, old] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= old.length;
    }
  }
}
