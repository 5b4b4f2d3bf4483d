// A small GeoPackage 1.3 writer for the generator: the core tables, one feature table per layer,
// geometries as GeoPackage binary (GP header + xy envelope + little-endian WKB). Written here
// because src/modules/gis/formats/gpkg.ts did not export an encoder when the generator was built.
// Everything is inserted in a fixed order and the file is VACUUMed, so equal input gives an
// equal file.
import Database from 'better-sqlite3';
import { type Poly, type Ring, latOf, lonOf } from './geom.ts';

export const SRS_CGCS2000 = 4490;

const WKT_4490 =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,' +
  'AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]';
const WKT_4326 =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

export type FieldKind = 'TEXT' | 'INTEGER' | 'REAL' | 'DATE';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
}
export type FieldValue = string | number | null;

/**
 * Encodes polygons (grid coordinates) as a GeoPackage binary MultiPolygon: header 'GP', version 0,
 * flags 0b0000_0011 (little-endian, envelope [minx, maxx, miny, maxy]), srs_id, envelope, WKB.
 */
export function encodeMultiPolygon(polys: readonly Poly[], srsId: number): { blob: Buffer; bbox: [number, number, number, number] } {
  let size = 8 + 32 + 9;
  for (const p of polys) {
    size += 9 + 4 + 16 * (p.outer.length / 2 + 1);
    for (const h of p.holes) size += 4 + 16 * (h.length / 2 + 1);
  }
  const buf = Buffer.allocUnsafe(size);
  buf[0] = 0x47;
  buf[1] = 0x50;
  buf[2] = 0;
  buf[3] = 0b0000_0011;
  buf.writeInt32LE(srsId, 4);
  let o = 40;
  buf[o] = 1;
  buf.writeUInt32LE(6, o + 1);
  buf.writeUInt32LE(polys.length, o + 5);
  o += 9;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const ring = (r: Ring): void => {
    const n = r.length / 2;
    buf.writeUInt32LE(n + 1, o);
    o += 4;
    for (let i = 0; i <= n; i++) {
      const k = (i % n) * 2;
      const x = r[k]!, y = r[k + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      buf.writeDoubleLE(lonOf(x), o);
      buf.writeDoubleLE(latOf(y), o + 8);
      o += 16;
    }
  };
  for (const p of polys) {
    buf[o] = 1;
    buf.writeUInt32LE(3, o + 1);
    buf.writeUInt32LE(1 + p.holes.length, o + 5);
    o += 9;
    ring(p.outer);
    for (const h of p.holes) ring(h);
  }
  buf.writeDoubleLE(lonOf(minX), 8);
  buf.writeDoubleLE(lonOf(maxX), 16);
  buf.writeDoubleLE(latOf(minY), 24);
  buf.writeDoubleLE(latOf(maxY), 32);
  return { blob: buf, bbox: [minX, minY, maxX, maxY] };
}

function q(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad identifier ${name}`);
  return `"${name}"`;
}

/** One feature table being filled. */
export class GpkgLayer {
  private fid = 0;
  private bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  private readonly stmt: Database.Statement;

  constructor(
    db: Database.Database,
    readonly name: string,
    readonly fields: readonly FieldSpec[],
  ) {
    const cols = fields.map((f) => `${q(f.name)} ${f.kind}`).join(', ');
    db.exec(`CREATE TABLE ${q(name)} (fid INTEGER PRIMARY KEY NOT NULL, geom MULTIPOLYGON, ${cols})`);
    this.stmt = db.prepare(
      `INSERT INTO ${q(name)} (fid, geom, ${fields.map((f) => q(f.name)).join(', ')}) VALUES (${['?', '?', ...fields.map(() => '?')].join(', ')})`,
    );
  }

  /** Inserts one feature; values in field order. Returns its fid. */
  insert(polys: readonly Poly[], values: readonly FieldValue[]): number {
    const { blob, bbox } = encodeMultiPolygon(polys, SRS_CGCS2000);
    const b = this.bbox;
    if (bbox[0] < b[0]) b[0] = bbox[0];
    if (bbox[1] < b[1]) b[1] = bbox[1];
    if (bbox[2] > b[2]) b[2] = bbox[2];
    if (bbox[3] > b[3]) b[3] = bbox[3];
    this.fid++;
    this.stmt.run(this.fid, blob, ...values);
    return this.fid;
  }

  get count(): number {
    return this.fid;
  }

  extent(): [number, number, number, number] | null {
    const b = this.bbox;
    return b[0] === Infinity ? null : [lonOf(b[0]), latOf(b[1]), lonOf(b[2]), latOf(b[3])];
  }
}

/** Writes a GeoPackage file from scratch (the path must not exist). */
export class GpkgWriter {
  readonly db: Database.Database;
  private readonly layers: { layer: GpkgLayer; identifier: string; description: string }[] = [];

  constructor(
    path: string,
    private readonly lastChange: string,
  ) {
    this.db = new Database(path);
    // Fixed page size and no journal: the file is built once, in one transaction, then vacuumed.
    this.db.pragma('page_size = 4096');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('cache_size = -65536');
    this.db.pragma('application_id = 1196444487'); // 'GPKG'
    this.db.pragma('user_version = 10300'); // GeoPackage 1.3.0
    this.db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY NOT NULL,
        organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
        identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
        geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    `);
    const srs = this.db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WKT_4326, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
    srs.run('China Geodetic Coordinate System 2000', SRS_CGCS2000, 'EPSG', SRS_CGCS2000, WKT_4490, 'CGCS2000 geographic 2D (lon/lat order in the GeoPackage)');
    this.db.exec('BEGIN');
  }

  addLayer(name: string, identifier: string, description: string, fields: readonly FieldSpec[]): GpkgLayer {
    const layer = new GpkgLayer(this.db, name, fields);
    this.layers.push({ layer, identifier, description });
    return layer;
  }

  /** Registers every layer in gpkg_contents / gpkg_geometry_columns, commits and compacts. */
  finish(): void {
    const contents = this.db.prepare(
      `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
       VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const geomCols = this.db.prepare(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)`);
    for (const { layer, identifier, description } of this.layers) {
      const e = layer.extent();
      contents.run(layer.name, identifier, description, this.lastChange, e?.[0] ?? null, e?.[1] ?? null, e?.[2] ?? null, e?.[3] ?? null, SRS_CGCS2000);
      geomCols.run(layer.name, SRS_CGCS2000);
    }
    this.db.exec('COMMIT');
    this.db.exec('VACUUM');
    this.db.close();
  }

  /** Abandons the file (the caller deletes it). */
  abort(): void {
    if (this.db.open) this.db.close();
  }
}
