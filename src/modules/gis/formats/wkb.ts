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

// GRS80 (CGCS2000): semi-major axis and first eccentricity.
const A = 6378137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/** q(φ) of the authalic latitude β = asin(q(φ)/q(90°)) (Snyder 1987, eq. 3-12). */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}
const QP = authalicQ(90);
/** Radius of the sphere with the ellipsoid's surface area. */
const RQ = A * Math.sqrt(QP / 2);

/**
 * Ellipsoidal area (m², GRS80 = CGCS2000) of a polygonal WKB in geographic degrees, or null for
 * anything else. Each ring is projected with the ellipsoidal Lambert azimuthal equal-area
 * projection centred on its first vertex (exactly area-preserving) and measured by the shoelace
 * formula; outer rings add, holes subtract. For a valid polygon this is the
 * area PostGIS's ST_Area(geography) gives (edges of land parcels are metres to a few hundred metres
 * long, where geodesic and projected edges differ by far less than a square millimetre), at a
 * fraction of its cost, so the importer computes it while reading.
 */
export function wkbEllipsoidalArea(buf: Buffer, maxSpanDeg = 0.05): number | null {
  try {
    const r = { area: 0, minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    const end = walkArea(buf, 0, r, 0);
    // Long edges (a polygon spanning more than ~5 km) are left to PostGIS's geodesic edges.
    if (end !== buf.length || r.maxX - r.minX > maxSpanDeg || r.maxY - r.minY > maxSpanDeg) return null;
    return r.area;
  } catch {
    return null;
  }
}

interface AreaSum {
  area: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function walkArea(buf: Buffer, start: number, r: AreaSum, depth: number): number {
  if (depth > 8) throw new WkbError('nested too deeply');
  let o = start;
  const little = buf[o] === 1;
  const type = little ? buf.readUInt32LE(o + 1) : buf.readUInt32BE(o + 1);
  o += 5;
  if (type === 3) {
    const rings = u32(buf, o, little);
    o += 4;
    for (let i = 0; i < rings; i++) {
      const n = u32(buf, o, little);
      o += 4;
      if (o + n * 16 > buf.length) throw new WkbError('truncated');
      const ring = ringArea(buf, o, n, little, r);
      r.area += i === 0 ? ring : -ring;
      o += n * 16;
    }
    return o;
  }
  if (type === 6) {
    const parts = u32(buf, o, little);
    o += 4;
    for (let i = 0; i < parts; i++) o = walkArea(buf, o, r, depth + 1);
    return o;
  }
  throw new WkbError('not a 2D polygon');
}

/** |area| of one ring of n points at offset o, in the equal-area plane, around its first vertex. */
function ringArea(buf: Buffer, o: number, n: number, little: boolean, r: AreaSum): number {
  if (n < 4) return 0;
  const rd = little ? (p: number) => buf.readDoubleLE(p) : (p: number) => buf.readDoubleBE(p);
  for (let i = 0; i < n; i++) {
    const lon = rd(o + i * 16);
    const lat = rd(o + i * 16 + 8);
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) throw new WkbError('not geographic');
    if (lon < r.minX) r.minX = lon;
    if (lon > r.maxX) r.maxX = lon;
    if (lat < r.minY) r.minY = lat;
    if (lat > r.maxY) r.maxY = lat;
  }
  // Lambert azimuthal equal-area (ellipsoidal form, Snyder 1987 §24) centred on the ring's first
  // vertex: area-preserving, and near its centre geodesics are straight to far below a millimetre.
  const lon0 = rd(o) * RAD;
  const b1 = Math.asin(authalicQ(rd(o + 8)) / QP);
  const sb1 = Math.sin(b1);
  const cb1 = Math.cos(b1);
  const s1 = Math.sin(rd(o + 8) * RAD);
  const m1 = Math.cos(rd(o + 8) * RAD) / Math.sqrt(1 - E2 * s1 * s1);
  const d = (A * m1) / (RQ * cb1);
  let px = 0;
  let py = 0;
  let s = 0;
  for (let i = 1; i < n; i++) {
    const dl = rd(o + i * 16) * RAD - lon0;
    const beta = Math.asin(authalicQ(rd(o + i * 16 + 8)) / QP);
    const sb = Math.sin(beta);
    const cb = Math.cos(beta);
    const cdl = Math.cos(dl);
    const bb = RQ * Math.sqrt(2 / (1 + sb1 * sb + cb1 * cb * cdl));
    const x = bb * d * cb * Math.sin(dl);
    const y = (bb / d) * (cb1 * sb - sb1 * cb * cdl);
    s += px * y - x * py;
    px = x;
    py = y;
  }
  return Math.abs(s) / 2;
}
