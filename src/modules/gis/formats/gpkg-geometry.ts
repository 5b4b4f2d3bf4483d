import type { Geometry } from 'geojson';
import wkx from 'wkx';
import { wkbLength } from './wkb.ts';

/**
 * GeoPackage geometry BLOB (GeoPackage 1.3 §2.1.3): "GP", version 0, flags, srs_id, optional
 * envelope, then standard WKB. Flags: bit 0 byte order of the header (1 = little endian), bits 1–3
 * envelope kind (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm), bit 4 empty geometry, bit 5 extended type.
 */
const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8] as const;

export class GpkgGeometryError extends Error {}

export interface DecodedGpkgGeometry {
  srsId: number;
  empty: boolean;
  envelope: number[] | null;
  geometry: Geometry | null;
}

/**
 * The WKB inside a GeoPackage geometry BLOB, checked for structure but not decoded; null for a
 * geometry the header flags as empty.
 */
export function gpkgWkb(blob: Uint8Array): Buffer | null {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const { empty, wkbStart } = parseHeader(buf);
  if (empty) return null;
  const wkb = buf.subarray(wkbStart);
  const n = wkbLength(wkb);
  if (n !== wkb.length) throw new GpkgGeometryError(`the WKB is ${n} bytes but the blob holds ${wkb.length}`);
  return wkb;
}

function parseHeader(buf: Buffer): { srsId: number; empty: boolean; envelope: number[]; wkbStart: number } {
  if (buf.length < 8 || buf[0] !== 0x47 || buf[1] !== 0x50) throw new GpkgGeometryError('the geometry does not start with the GeoPackage magic "GP"');
  if (buf[2] !== 0) throw new GpkgGeometryError(`unsupported GeoPackage geometry version ${buf[2]}`);
  const flags = buf[3]!;
  if (flags & 0x20) throw new GpkgGeometryError('extended GeoPackage geometry types are not supported');
  const little = (flags & 1) === 1;
  const envelopeKind = (flags >> 1) & 0x07;
  if (envelopeKind > 4) throw new GpkgGeometryError(`invalid envelope indicator ${envelopeKind}`);
  const empty = (flags & 0x10) !== 0;
  const srsId = little ? buf.readInt32LE(4) : buf.readInt32BE(4);
  const n = ENVELOPE_DOUBLES[envelopeKind as 0 | 1 | 2 | 3 | 4];
  if (buf.length < 8 + 8 * n) throw new GpkgGeometryError('the geometry header is truncated');
  const envelope: number[] = [];
  for (let i = 0; i < n; i++) envelope.push(little ? buf.readDoubleLE(8 + 8 * i) : buf.readDoubleBE(8 + 8 * i));
  const wkbStart = 8 + 8 * n;
  if (buf.length <= wkbStart) throw new GpkgGeometryError('the geometry has a header but no WKB');
  return { srsId, empty, envelope, wkbStart };
}

/** Decodes a GeoPackage geometry BLOB to GeoJSON; empty geometries become null. */
export function decodeGpkgGeometry(blob: Uint8Array): DecodedGpkgGeometry {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const { srsId, empty, envelope, wkbStart } = parseHeader(buf);
  const n = envelope.length;
  if (empty) return { srsId, empty, envelope: n ? envelope : null, geometry: null };
  let parsed: wkx.Geometry;
  try {
    parsed = wkx.Geometry.parse(buf.subarray(wkbStart));
  } catch (e) {
    throw new GpkgGeometryError(`the WKB cannot be parsed (${(e as Error).message})`);
  }
  const geometry = parsed.toGeoJSON() as Geometry;
  return { srsId, empty: false, envelope: n ? envelope : null, geometry: isEmptyGeoJson(geometry) ? null : geometry };
}

function isEmptyGeoJson(g: Geometry): boolean {
  if (g.type === 'GeometryCollection') return g.geometries.length === 0;
  const c = g.coordinates as unknown[];
  if (g.type === 'Point') return c.length === 0 || c.some((v) => typeof v === 'number' && Number.isNaN(v));
  return c.length === 0;
}

function envelopeOf(g: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  const visit = (x: Geometry): void => (x.type === 'GeometryCollection' ? x.geometries.forEach(visit) : walk(x.coordinates));
  visit(g);
  return b;
}

/**
 * Encodes GeoJSON (or null = empty) as a GeoPackage geometry BLOB with little-endian header, an
 * xy envelope (none for points, as GeoPackage recommends) and standard WKB.
 */
export function encodeGpkgGeometry(geometry: Geometry | null, srsId: number): Buffer {
  const head = Buffer.alloc(8);
  head.write('GP', 0, 'latin1');
  head.writeUInt8(0, 2);
  head.writeInt32LE(srsId, 4);
  if (geometry === null) {
    head.writeUInt8(0x01 | 0x10, 3);
    // An empty GeometryCollection as the WKB body.
    const wkb = Buffer.alloc(9);
    wkb.writeUInt8(1, 0);
    wkb.writeUInt32LE(7, 1);
    wkb.writeUInt32LE(0, 5);
    return Buffer.concat([head, wkb]);
  }
  const wkb = wkx.Geometry.parseGeoJSON(geometry).toWkb();
  if (geometry.type === 'Point') {
    head.writeUInt8(0x01, 3);
    return Buffer.concat([head, wkb]);
  }
  head.writeUInt8(0x01 | (1 << 1), 3);
  const env = Buffer.alloc(32);
  const [minX, minY, maxX, maxY] = envelopeOf(geometry);
  env.writeDoubleLE(minX, 0);
  env.writeDoubleLE(maxX, 8);
  env.writeDoubleLE(minY, 16);
  env.writeDoubleLE(maxY, 24);
  return Buffer.concat([head, env, wkb]);
}
