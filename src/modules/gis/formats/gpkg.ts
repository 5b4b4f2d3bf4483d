import Database from 'better-sqlite3';
import { describeEpsg, detectCrsFromCoordinates, detectCrsFromPrj, emptyBbox, extendBboxWithGeometry, requireSupportedEpsg, type ZoneHint } from './crs.ts';
import { fail, FormatErrors as E, type FormatProblem } from './errors.ts';
import { decodeGpkgGeometry, GpkgGeometryError, gpkgWkb } from './gpkg-geometry.ts';
import { WkbError } from './wkb.ts';
import type { CrsInfo, FeatureSource, FieldDef, FieldType, SourceFeature } from './types.ts';

export interface GpkgOptions {
  /** Feature table to read; default the first in gpkg_contents by name. */
  layer?: string;
  zoneHint?: ZoneHint;
}

/** SQLite identifiers come from the file itself; quote them, never interpolate them raw. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function fieldType(declared: string): FieldType {
  const t = declared.toUpperCase();
  if (/^(INT|INTEGER|TINYINT|SMALLINT|MEDIUMINT)\b/.test(t)) return 'integer';
  if (/^(DOUBLE|FLOAT|REAL|NUMERIC|DECIMAL)\b/.test(t)) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE' || t === 'DATETIME') return 'date';
  return 'string';
}

/**
 * Opens a GeoPackage read-only: lists feature tables in gpkg_contents, picks one (named or first,
 * the others reported as warnings), finds its geometry column in gpkg_geometry_columns and its
 * CRS in gpkg_spatial_ref_sys (organization EPSG → code, else the WKT definition, else the
 * coordinates of the first rows); streams rows with `.iterate()`.
 */
export function openGpkg(path: string, opts: GpkgOptions = {}): FeatureSource & { warnings: FormatProblem[] } {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    fail(E.IMPORT_GPKG_INVALID, `the file cannot be opened as SQLite: ${(e as Error).message}`);
  }
  try {
    const warnings: FormatProblem[] = [];
    let tables: { table_name: string; identifier: string | null }[];
    try {
      tables = db.prepare("SELECT table_name, identifier FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name").all() as typeof tables;
    } catch (e) {
      fail(E.IMPORT_GPKG_INVALID, `not a GeoPackage: ${(e as Error).message}`);
    }
    if (tables.length === 0) fail(E.IMPORT_GPKG_INVALID, 'the GeoPackage has no feature table in gpkg_contents');
    let table = tables[0]!.table_name;
    if (opts.layer) {
      const found = tables.find((t) => t.table_name.toLowerCase() === opts.layer!.toLowerCase());
      if (!found) fail(E.IMPORT_LAYER_MISSING, `layer "${opts.layer}" is not in the GeoPackage (layers: ${tables.map((t) => t.table_name).join(', ')})`);
      table = found.table_name;
    }
    if (tables.length > 1) {
      const others = tables.map((t) => t.table_name).filter((t) => t !== table);
      warnings.push({ code: 'IMPORT_OTHER_LAYERS', message: `the GeoPackage holds ${tables.length} feature tables; read ${table}, not ${others.join(', ')}`, zh: `GeoPackage 含 ${tables.length} 个要素表，已读取 ${table}，未读取 ${others.join('、')}` });
    }
    const geomCol = db.prepare('SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?').get(table) as { column_name: string; geometry_type_name: string; srs_id: number } | undefined;
    if (!geomCol) fail(E.IMPORT_GPKG_INVALID, `table ${table} has no row in gpkg_geometry_columns`);
    const columns = db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string; type: string; pk: number }[];
    const pk = columns.find((c) => c.pk === 1 && /^INTEGER$/i.test(c.type))?.name ?? null;
    const fields: FieldDef[] = columns.filter((c) => c.name !== geomCol.column_name && c.name !== pk).map((c) => ({ name: c.name, type: fieldType(c.type) }));
    const count = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }).n;
    const select = db.prepare(`SELECT * FROM ${quoteIdent(table)}${pk ? ` ORDER BY ${quoteIdent(pk)}` : ''}`);
    const crs = decideCrs(db, geomCol.srs_id, table, geomCol.column_name, opts.zoneHint);

    const handle = db;
    return {
      format: 'gpkg',
      name: table,
      crs,
      fields,
      count,
      warnings,
      async *features(): AsyncIterable<SourceFeature> {
        // Rows as arrays (better-sqlite3's raw mode) in table-column order: half the cost of row objects.
        const index = new Map(columns.map((c, i) => [c.name, i]));
        const fieldIndex = fields.map((f) => [f.name, index.get(f.name)!] as const);
        const geomIndex = index.get(geomCol.column_name)!;
        const pkIndex = pk ? index.get(pk)! : -1;
        let n = 0;
        for (const row of select.raw(true).iterate() as Iterable<unknown[]>) {
          n++;
          const properties: SourceFeature['properties'] = {};
          for (const [name, i] of fieldIndex) {
            const v = row[i];
            properties[name] = v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : (v as string | number);
          }
          const blob = row[geomIndex] as Uint8Array | null;
          let wkb: Buffer | undefined;
          if (blob != null) {
            try {
              wkb = gpkgWkb(blob) ?? undefined;
            } catch (e) {
              if (e instanceof GpkgGeometryError || e instanceof WkbError) fail(E.IMPORT_GPKG_INVALID, `feature ${n}${pk ? ` (${pk} ${String(row[pkIndex])})` : ''}: ${e.message}`, { featureNumber: n });
              throw e;
            }
          }
          yield lazyFeature(n, properties, wkb, blob);
        }
      },
      async close() {
        if (handle.open) handle.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

function decideCrs(db: Database.Database, srsId: number, table: string, column: string, hint: ZoneHint | undefined): CrsInfo {
  const srs = db.prepare('SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId) as
    | { srs_name: string; organization: string; organization_coordsys_id: number; definition: string }
    | undefined;
  if (srs && srs.organization?.toUpperCase() === 'EPSG' && srs.organization_coordsys_id > 0) {
    requireSupportedEpsg(srs.organization_coordsys_id, `gpkg_spatial_ref_sys srs_id ${srsId}`);
    return { epsg: srs.organization_coordsys_id, source: 'gpkg_spatial_ref_sys', evidence: `srs_id ${srsId} = EPSG:${srs.organization_coordsys_id} (${describeEpsg(srs.organization_coordsys_id)})` };
  }
  if (srs && srs.definition && srs.definition.trim().toLowerCase() !== 'undefined') {
    const found = detectCrsFromPrj(srs.definition);
    return { ...found, source: 'gpkg_spatial_ref_sys definition' };
  }
  // Undefined SRS (0 / −1): look at the coordinates of the first rows.
  const bbox = emptyBbox();
  for (const row of db.prepare(`SELECT ${quoteIdent(column)} AS g FROM ${quoteIdent(table)} LIMIT 1000`).iterate() as Iterable<{ g: Uint8Array | null }>) {
    if (!row.g) continue;
    try {
      extendBboxWithGeometry(bbox, decodeGpkgGeometry(row.g).geometry as Parameters<typeof extendBboxWithGeometry>[1]);
    } catch {
      // reported when the feature is read
    }
  }
  const found = detectCrsFromCoordinates(bbox, hint);
  return { ...found, source: `${found.source} (srs_id ${srsId} undefined)` };
}

/** A feature whose GeoJSON geometry is decoded from the blob on first read; the importer reads only `wkb`. */
function lazyFeature(n: number, properties: SourceFeature['properties'], wkb: Buffer | undefined, blob: Uint8Array | null): SourceFeature {
  let geometry: SourceFeature['geometry'] | undefined;
  return {
    n,
    properties,
    wkb,
    get geometry() {
      if (geometry === undefined) geometry = wkb && blob ? decodeGpkgGeometry(blob).geometry : null;
      return geometry;
    },
  };
}
