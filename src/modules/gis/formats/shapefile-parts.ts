import fs from 'node:fs/promises';
import { fail, FormatErrors as E } from './errors.ts';
import type { FieldDef, FieldType } from './types.ts';

export interface ShpHeader {
  shapeType: number;
  bbox: [number, number, number, number];
  /** Records, counted from the .shx ((length − 100) / 8). */
  count: number;
}

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint', 11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ',
  18: 'MultiPointZ', 21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM',
};

/**
 * Checks .shp, .shx and .dbf against each other before any record is read: headers present and
 * well-formed, every record the .shx indexes lies inside the .shp (a truncated file names the
 * first record cut off), .dbf large enough for its records, and the .dbf record count equal to the
 * .shp record count (IMPORT_DBF_COUNT_MISMATCH).
 */
export async function validateShapefileParts(shpPath: string, shxPath: string, dbfPath: string): Promise<ShpHeader & { dbfCount: number }> {
  const shpSize = (await fs.stat(shpPath)).size;
  const shp = await readHead(shpPath, 100);
  if (shp.length < 100) fail(E.IMPORT_SHP_CORRUPT, `the .shp has only ${shpSize} bytes; its 100-byte header is incomplete`, { recordNumber: null });
  if (shp.readInt32BE(0) !== 9994) fail(E.IMPORT_SHP_CORRUPT, `the .shp does not start with the shapefile code 9994 (found ${shp.readInt32BE(0)})`);
  const shapeType = shp.readInt32LE(32);
  if (!(shapeType in SHAPE_TYPES)) fail(E.IMPORT_SHP_CORRUPT, `the .shp declares an unknown shape type ${shapeType}`);
  const bbox: [number, number, number, number] = [shp.readDoubleLE(36), shp.readDoubleLE(44), shp.readDoubleLE(52), shp.readDoubleLE(60)];

  const shx = await fs.readFile(shxPath);
  if (shx.length < 100 || shx.readInt32BE(0) !== 9994 || (shx.length - 100) % 8 !== 0) {
    fail(E.IMPORT_SHP_CORRUPT, `the .shx index is damaged (${shx.length} bytes; expected a 100-byte header and 8 bytes per record)`);
  }
  const count = (shx.length - 100) / 8;
  let previousEnd = 100;
  for (let i = 0; i < count; i++) {
    const offset = shx.readInt32BE(100 + 8 * i) * 2;
    const length = shx.readInt32BE(104 + 8 * i) * 2;
    const end = offset + 8 + length;
    if (offset < previousEnd || length < 4) {
      fail(E.IMPORT_SHP_CORRUPT, `record ${i + 1}: the .shx index points to byte ${offset} with length ${length}, which overlaps the previous record or the header`, { recordNumber: i + 1 });
    }
    if (end > shpSize) {
      fail(E.IMPORT_SHP_CORRUPT, `record ${i + 1} ends at byte ${end} but the .shp has only ${shpSize} bytes (the file is truncated)`, { recordNumber: i + 1 });
    }
    previousEnd = end;
  }
  const declaredShp = shp.readInt32BE(24) * 2;
  if (declaredShp > shpSize) fail(E.IMPORT_SHP_CORRUPT, `the .shp header declares ${declaredShp} bytes but the file has ${shpSize} (truncated after record ${count})`, { recordNumber: count });

  const dbf = await readHead(dbfPath, 32);
  const dbfSize = (await fs.stat(dbfPath)).size;
  if (dbf.length < 32) fail(E.IMPORT_SHP_CORRUPT, `the .dbf has only ${dbfSize} bytes; its header is incomplete`);
  const dbfCount = dbf.readUInt32LE(4);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  if (dbfCount !== count) {
    fail(E.IMPORT_DBF_COUNT_MISMATCH, `the .shp has ${count} records (counted from the .shx) but the .dbf header says ${dbfCount}`, { shpRecords: count, dbfRecords: dbfCount });
  }
  if (dbfSize < headerLength + dbfCount * recordLength) {
    const room = Math.max(0, Math.floor((dbfSize - headerLength) / Math.max(recordLength, 1)));
    fail(E.IMPORT_SHP_CORRUPT, `the .dbf declares ${dbfCount} records but holds only ${room} (the file is truncated)`, { recordNumber: room + 1 });
  }
  return { shapeType, bbox, count, dbfCount };
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Field definitions from the .dbf header, names decoded with the layer's encoding. */
export async function readDbfFields(dbfPath: string, encoding: string): Promise<FieldDef[]> {
  const head = await readHead(dbfPath, 32);
  const headerLength = head.readUInt16LE(8);
  const buf = await readHead(dbfPath, headerLength);
  const decoder = new TextDecoder(encoding);
  const fields: FieldDef[] = [];
  for (let off = 32; off + 32 <= buf.length && buf[off] !== 0x0d; off += 32) {
    let end = off;
    while (end < off + 11 && buf[end] !== 0) end++;
    const name = decoder.decode(buf.subarray(off, end));
    const kind = String.fromCharCode(buf[off + 11]!);
    const length = buf[off + 16]!;
    const decimals = buf[off + 17]!;
    let type: FieldType = 'string';
    if (kind === 'N') type = decimals === 0 && length <= 15 ? 'integer' : 'number';
    else if (kind === 'F' || kind === 'B') type = 'number';
    else if (kind === 'L') type = 'boolean';
    else if (kind === 'D') type = 'date';
    fields.push({ name, type });
  }
  return fields;
}
