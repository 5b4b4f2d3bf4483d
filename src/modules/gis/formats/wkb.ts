import type { Geometry, Position } from 'geojson';

/**
 * Well-Known Binary (OGC Simple Features, little endian, 2D). The importer sends geometries to the
 * database as WKB: parsing binary costs PostGIS a tenth of what GeoJSON text costs, and a
 * GeoPackage's geometry already is WKB, so it passes through without being decoded in JavaScript.
 */
const TYPE: Record<Geometry['type'], number> = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 };

export class WkbError extends Error {}

function size(g: Geometry): number {
  switch (g.type) {
    case 'Point':
      return 5 + 16;
    case 'LineString':
    case 'MultiPoint':
      return g.type === 'LineString' ? 9 + 16 * g.coordinates.length : 9 + 21 * g.coordinates.length;
    case 'Polygon':
      return 9 + g.coordinates.reduce((s, r) => s + 4 + 16 * r.length, 0);
    case 'MultiLineString':
      return 9 + g.coordinates.reduce((s, l) => s + 9 + 16 * l.length, 0);
    case 'MultiPolygon':
      return 9 + g.coordinates.reduce((s, p) => s + 9 + p.reduce((t, r) => t + 4 + 16 * r.length, 0), 0);
    case 'GeometryCollection':
      return 9 + g.geometries.reduce((s, x) => s + size(x), 0);
  }
}

/** Encodes a GeoJSON geometry as 2D little-endian WKB (a third coordinate is dropped). */
export function geojsonToWkb(g: Geometry): Buffer {
  const buf = Buffer.allocUnsafe(size(g));
  let o = 0;
  const header = (type: number) => {
    buf[o] = 1;
    buf.writeUInt32LE(type, o + 1);
    o += 5;
  };
  const count = (n: number) => {
    buf.writeUInt32LE(n, o);
    o += 4;
  };
  const point = (p: Position) => {
    buf.writeDoubleLE(p[0] ?? NaN, o);
    buf.writeDoubleLE(p[1] ?? NaN, o + 8);
    o += 16;
  };
  const points = (ps: Position[]) => {
    count(ps.length);
    for (const p of ps) point(p);
  };
  const write = (x: Geometry) => {
    header(TYPE[x.type]);
    switch (x.type) {
      case 'Point':
        point(x.coordinates);
        break;
      case 'LineString':
        points(x.coordinates);
        break;
      case 'Polygon':
        count(x.coordinates.length);
        for (const r of x.coordinates) points(r);
        break;
      case 'MultiPoint':
        count(x.coordinates.length);
        for (const p of x.coordinates) {
          header(1);
          point(p);
        }
        break;
      case 'MultiLineString':
        count(x.coordinates.length);
        for (const l of x.coordinates) {
          header(2);
          points(l);
        }
        break;
      case 'MultiPolygon':
        count(x.coordinates.length);
        for (const p of x.coordinates) {
          header(3);
          count(p.length);
          for (const r of p) points(r);
        }
        break;
      case 'GeometryCollection':
        count(x.geometries.length);
        for (const m of x.geometries) write(m);
        break;
    }
  };
  write(g);
  return buf;
}

/**
 * Walks a WKB geometry (ISO or extended types, either byte order, 2–4 dimensions) without
 * building it, and returns its length in bytes. Throws WkbError on a truncated or unknown
 * structure, so a corrupt blob is reported with its feature number before it reaches the database.
 * (No closures here: it runs once per imported feature.)
 */
export function wkbLength(buf: Buffer, start = 0, depth = 0): number {
  if (depth > 32) throw new WkbError('geometry nested too deeply');
  let o = start;
  if (o + 5 > buf.length) throw new WkbError(`truncated at byte ${o}`);
  const order = buf[o];
  if (order !== 0 && order !== 1) throw new WkbError(`invalid byte-order mark ${order}`);
  const little = order === 1;
  const raw = little ? buf.readUInt32LE(o + 1) : buf.readUInt32BE(o + 1);
  o += 5;
  // Extended WKB: high bits flag Z (0x80000000), M (0x40000000) and an SRID (0x20000000).
  let dims = 2 + (raw & 0x80000000 ? 1 : 0) + (raw & 0x40000000 ? 1 : 0);
  if (raw & 0x20000000) o += 4;
  let type = raw & 0x0fffffff;
  // ISO WKB: 1000s Z, 2000s M, 3000s ZM.
  if (type >= 1000) {
    const iso = Math.floor(type / 1000);
    if (iso > 3) throw new WkbError(`unknown geometry type ${type}`);
    dims = iso === 3 ? 4 : 3;
    type %= 1000;
  }
  const point = 8 * dims;
  if (type === 1) o += point;
  else if (type === 2) o = points(buf, o, little, point);
  else if (type === 3) {
    const rings = u32(buf, o, little);
    o += 4;
    for (let i = 0; i < rings; i++) o = points(buf, o, little, point);
  } else if (type >= 4 && type <= 7) {
    const parts = u32(buf, o, little);
    o += 4;
    for (let i = 0; i < parts; i++) o += wkbLength(buf, o, depth + 1);
  } else throw new WkbError(`unsupported geometry type ${type}`);
  if (o > buf.length) throw new WkbError(`truncated: needs ${o} bytes, has ${buf.length}`);
  return o - start;
}

function u32(buf: Buffer, o: number, little: boolean): number {
  if (o + 4 > buf.length) throw new WkbError(`truncated at byte ${o}`);
  return little ? buf.readUInt32LE(o) : buf.readUInt32BE(o);
}

/** Skips a point count and its points; returns the offset after them. */
function points(buf: Buffer, o: number, little: boolean, point: number): number {
  const n = u32(buf, o, little);
  const end = o + 4 + n * point;
  if (end > buf.length) throw new WkbError(`truncated: needs ${end} bytes, has ${buf.length}`);
  return end;
}
