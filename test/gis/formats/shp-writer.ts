import iconv from 'iconv-lite';

export type Ring = [number, number][];
export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

function header(fileBytes: number, shapeType: number, bbox: number[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(shapeType, 32);
  bbox.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
  return h;
}

/** Writes .shp and .shx bytes for polygon records (null = null shape), straight from the ESRI spec. */
export function writePolygonShp(records: (Ring[] | null)[]): { shp: Buffer; shx: Buffer } {
  const contents: Buffer[] = records.map((rings) => {
    if (!rings) {
      const b = Buffer.alloc(4);
      b.writeInt32LE(0, 0);
      return b;
    }
    const pts = rings.flat();
    const b = Buffer.alloc(44 + 4 * rings.length + 16 * pts.length);
    b.writeInt32LE(5, 0);
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
    b.writeInt32LE(rings.length, 36);
    b.writeInt32LE(pts.length, 40);
    let start = 0;
    rings.forEach((r, i) => {
      b.writeInt32LE(start, 44 + 4 * i);
      start += r.length;
    });
    pts.forEach((p, i) => {
      b.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i);
      b.writeDoubleLE(p[1], 52 + 4 * rings.length + 16 * i);
    });
    return b;
  });
  const all = records.flatMap((r) => (r ? r.flat() : []));
  const bbox = all.length ? [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1])), 0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0];
  const shpLen = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shpParts = [header(shpLen, 5, bbox)];
  const shxParts = [header(100 + 8 * records.length, 5, bbox)];
  let offset = 100;
  contents.forEach((c, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(c.length / 2, 4);
    shpParts.push(rh, c);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(c.length / 2, 4);
    shxParts.push(ix);
    offset += 8 + c.length;
  });
  return { shp: Buffer.concat(shpParts), shx: Buffer.concat(shxParts) };
}

/** Writes a dBASE III table; text is encoded as GBK (or UTF-8). `declaredCount` can lie. */
export function writeDbf(fields: DbfField[], rows: (string | number | null)[][], encoding: 'gbk' | 'utf8' = 'gbk', declaredCount = rows.length): Buffer {
  const enc = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const h = Buffer.alloc(headerLength);
  h.writeUInt8(0x03, 0);
  h.writeUInt8(125, 1);
  h.writeUInt8(6, 2);
  h.writeUInt8(15, 3);
  h.writeUInt32LE(declaredCount, 4);
  h.writeUInt16LE(headerLength, 8);
  h.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    enc(f.name).copy(h, o, 0, 10);
    h.write(f.type, o + 11, 'latin1');
    h.writeUInt8(f.length, o + 16);
    h.writeUInt8(f.decimals ?? 0, o + 17);
  });
  h.writeUInt8(0x0d, headerLength - 1);
  const recs = rows.map((row) => {
    const r = Buffer.alloc(recordLength, 0x20);
    let o = 1;
    fields.forEach((f, i) => {
      const v = row[i];
      if (v !== null && v !== undefined) {
        const b = f.type === 'N' ? Buffer.from(typeof v === 'number' ? v.toFixed(f.decimals ?? 0).padStart(f.length) : String(v), 'latin1') : enc(String(v));
        b.copy(r, o, 0, f.length);
      }
      o += f.length;
    });
    return r;
  });
  return Buffer.concat([h, ...recs, Buffer.from([0x1a])]);
}

/** ESRI WKT of CGCS2000 3° GK zone 38 as ArcGIS writes it. */
export const PRJ_4526 = 'PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_4547 = 'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
export const PRJ_4490 = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const PRJ_XIAN80 = 'PROJCS["Xian_1980_3_Degree_GK_Zone_38",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
