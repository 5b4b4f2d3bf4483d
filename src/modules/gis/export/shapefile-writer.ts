import fs from 'node:fs/promises';
import path from 'node:path';
import type { Geometry, Position } from 'geojson';
import { AppError } from '../../../core/errors.ts';
import type { GeometryKind } from '../layers.ts';
import { dbfHeader, dbfHeaderLength, dbfRecord, type DbfField } from './dbf.ts';
import { ExportErrors as E } from './errors.ts';

/** ESRI shape types written here: Point, PolyLine, Polygon, MultiPoint (2D). */
export type ShapeType = 1 | 3 | 5 | 8;

/** The Shapefile (and dBase) size limit: offsets are signed 32-bit, and tools refuse more. */
export const SHAPEFILE_MAX_BYTES = 2 * 1024 ** 3;

const FAMILY: Record<string, ShapeType> = { POLYGON: 5, MULTIPOLYGON: 5, LINESTRING: 3, MULTILINESTRING: 3, POINT: 1, MULTIPOINT: 8 };
const ACCEPTS: Record<ShapeType, string[]> = { 5: ['Polygon', 'MultiPolygon'], 3: ['LineString', 'MultiLineString'], 1: ['Point'], 8: ['Point', 'MultiPoint'] };

/**
 * The one shape type for the geometry types found (PostGIS GeometryType names). Polygons and
 * multipolygons share type 5, lines type 3; points with multipoints become type 8. Anything else
 * mixed throws EXPORT_MIXED_GEOMETRY (layers are single-typed, so this is a guard).
 */
export function shapeTypeFor(types: Iterable<string>, kind: GeometryKind): ShapeType {
  const found = new Set<ShapeType | 0>([...types].map((t) => FAMILY[t.toUpperCase()] ?? 0));
  if (found.size === 0) return kind === 'polygon' ? 5 : kind === 'line' ? 3 : 1;
  if (found.has(1) && found.has(8)) found.delete(1);
  const [only] = [...found];
  if (found.size > 1 || !only) throw new AppError(E.EXPORT_MIXED_GEOMETRY, { types: [...types] });
  return only;
}

/** Twice the signed area of a ring: positive when counter-clockwise (x east, y north). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

/** Polygon rings as the ESRI spec wants them: outer rings clockwise, holes counter-clockwise. */
export function esriRings(g: Geometry): Position[][] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.flatMap((rings) => rings.map((ring, i) => {
    const clockwise = signedArea2(ring) < 0;
    return (i === 0) === clockwise ? ring : [...ring].reverse();
  }));
}

type Box = [number, number, number, number];

function boxOf(points: Position[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x! < b[0]) b[0] = x!;
    if (y! < b[1]) b[1] = y!;
    if (x! > b[2]) b[2] = x!;
    if (y! > b[3]) b[3] = y!;
  }
  return b;
}

/** The content of one record (without its 8-byte header) and the record's bounding box. */
export function encodeShape(type: ShapeType, g: Geometry): { content: Buffer; box: Box } {
  if (!ACCEPTS[type].includes(g.type)) throw new AppError(E.EXPORT_MIXED_GEOMETRY, { expected: ACCEPTS[type], found: g.type });
  if (g.type === 'Point') {
    const p = g.coordinates;
    if (type === 1) {
      const b = Buffer.alloc(20);
      b.writeInt32LE(1, 0);
      b.writeDoubleLE(p[0]!, 4);
      b.writeDoubleLE(p[1]!, 12);
      return { content: b, box: [p[0]!, p[1]!, p[0]!, p[1]!] };
    }
  }
  if (type === 8) {
    const points = g.type === 'MultiPoint' ? g.coordinates : [(g as { coordinates: Position }).coordinates];
    const box = boxOf(points);
    const b = Buffer.alloc(40 + 16 * points.length);
    b.writeInt32LE(8, 0);
    box.forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
    b.writeInt32LE(points.length, 36);
    points.forEach((p, i) => { b.writeDoubleLE(p[0]!, 40 + 16 * i); b.writeDoubleLE(p[1]!, 48 + 16 * i); });
    return { content: b, box };
  }
  const parts = type === 5 ? esriRings(g) : g.type === 'LineString' ? [g.coordinates] : (g as { coordinates: Position[][] }).coordinates;
  const points = parts.flat();
  const box = boxOf(points);
  const b = Buffer.alloc(44 + 4 * parts.length + 16 * points.length);
  b.writeInt32LE(type, 0);
  box.forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  b.writeInt32LE(parts.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  parts.forEach((part, i) => { b.writeInt32LE(start, 44 + 4 * i); start += part.length; });
  const at = 44 + 4 * parts.length;
  points.forEach((p, i) => { b.writeDoubleLE(p[0]!, at + 16 * i); b.writeDoubleLE(p[1]!, at + 16 * i + 8); });
  return { content: b, box };
}

/** The 100-byte header shared by .shp and .shx. */
function mainHeader(fileBytes: number, type: ShapeType, box: Box): Buffer {
  const b = Buffer.alloc(100);
  b.writeInt32BE(9994, 0);
  b.writeInt32BE(fileBytes / 2, 24);
  b.writeInt32LE(1000, 28);
  b.writeInt32LE(type, 32);
  box.forEach((v, i) => b.writeDoubleLE(v, 36 + 8 * i));
  return b;
}

const FLUSH_BYTES = 1024 * 1024;

/**
 * Writes .shp, .shx and .dbf side by side into `dir` as records arrive, holding at most ~1 MiB per
 * file in memory; headers (count, bounding box, lengths) are written last. Refuses to grow a .shp
 * or .dbf beyond `maxBytes` with EXPORT_TOO_LARGE. The caller owns `dir` and removes it.
 */
export class ShapefileWriter {
  private count = 0;
  private shpPos = 100;
  private dbfPos: number;
  private readonly box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  private pending: { shp: Buffer[]; shx: Buffer[]; dbf: Buffer[]; bytes: number } = { shp: [], shx: [], dbf: [], bytes: 0 };

  private constructor(
    readonly paths: { shp: string; shx: string; dbf: string },
    private readonly files: { shp: fs.FileHandle; shx: fs.FileHandle; dbf: fs.FileHandle },
    private readonly type: ShapeType,
    private readonly fields: DbfField[],
    private readonly maxBytes: number,
  ) {
    this.dbfPos = dbfHeaderLength(fields);
  }

  static async create(dir: string, base: string, type: ShapeType, fields: DbfField[], maxBytes = SHAPEFILE_MAX_BYTES): Promise<ShapefileWriter> {
    const paths = { shp: path.join(dir, `${base}.shp`), shx: path.join(dir, `${base}.shx`), dbf: path.join(dir, `${base}.dbf`) };
    const opened: fs.FileHandle[] = [];
    try {
      for (const p of [paths.shp, paths.shx, paths.dbf]) opened.push(await fs.open(p, 'wx', 0o600));
    } catch (e) {
      await Promise.all(opened.map((f) => f.close()));
      throw e;
    }
    const [shp, shx, dbf] = opened as [fs.FileHandle, fs.FileHandle, fs.FileHandle];
    return new ShapefileWriter(paths, { shp, shx, dbf }, type, fields, maxBytes);
  }

  async add(g: Geometry, props: Record<string, unknown>): Promise<void> {
    const { content, box } = encodeShape(this.type, g);
    const record = dbfRecord(this.fields, props);
    if (this.shpPos + 8 + content.length > this.maxBytes || this.dbfPos + record.length + 1 > this.maxBytes) {
      throw new AppError(E.EXPORT_TOO_LARGE, { limitBytes: this.maxBytes, features: this.count });
    }
    const head = Buffer.alloc(8);
    head.writeInt32BE(++this.count, 0);
    head.writeInt32BE(content.length / 2, 4);
    const index = Buffer.alloc(8);
    index.writeInt32BE(this.shpPos / 2, 0);
    index.writeInt32BE(content.length / 2, 4);
    this.pending.shp.push(head, content);
    this.pending.shx.push(index);
    this.pending.dbf.push(record);
    this.pending.bytes += 8 + content.length + record.length;
    this.shpPos += 8 + content.length;
    this.dbfPos += record.length;
    for (let i = 0; i < 4; i++) this.box[i] = i < 2 ? Math.min(this.box[i]!, box[i]!) : Math.max(this.box[i]!, box[i]!);
    if (this.pending.bytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const { shp, shx, dbf } = this.pending;
    this.pending = { shp: [], shx: [], dbf: [], bytes: 0 };
    // Header space first: positions are explicit, so the headers can be written at the end.
    await this.files.shp.write(Buffer.concat(shp), 0, undefined, this.shpPos - shp.reduce((n, b) => n + b.length, 0));
    await this.files.shx.write(Buffer.concat(shx), 0, undefined, 100 + 8 * (this.count - shx.length));
    await this.files.dbf.write(Buffer.concat(dbf), 0, undefined, this.dbfPos - dbf.reduce((n, b) => n + b.length, 0));
  }

  /** Writes what is pending and the headers; closes the files. Returns the record count. */
  async finish(date: Date): Promise<number> {
    await this.flush();
    const box: Box = this.count ? this.box : [0, 0, 0, 0];
    await this.files.shp.write(mainHeader(this.shpPos, this.type, box), 0, 100, 0);
    await this.files.shx.write(mainHeader(100 + 8 * this.count, this.type, box), 0, 100, 0);
    await this.files.dbf.write(dbfHeader(this.fields, this.count, date), 0, undefined, 0);
    await this.files.dbf.write(Buffer.from([0x1a]), 0, 1, this.dbfPos);
    await this.close();
    return this.count;
  }

  /** Closes the files (after an error too); the caller removes the directory. */
  async close(): Promise<void> {
    await Promise.allSettled(Object.values(this.files).map((f) => f.close()));
  }
}
