import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Geometry } from 'geojson';
import type { Queryable } from '../../../core/db/index.ts';
import { AppError } from '../../../core/errors.ts';
import { GisErrors as G } from '../errors.ts';
import type { Layer } from '../layers.ts';
import { esriPrj, isGeographic, requireExportCrs } from './crs.ts';
import { DbfPlanner, dbfSize } from './dbf.ts';
import { ExportErrors as E } from './errors.ts';
import { countSelected, selectPages, type ExportSelection } from './repository.ts';
import { SHAPEFILE_MAX_BYTES, ShapefileWriter, shapeTypeFor } from './shapefile-writer.ts';
import { attachment, csvHeader, csvPage, GEOJSON_TAIL, geojsonHead, geojsonPage } from './text-formats.ts';
import { zipStream } from './zip-writer.ts';

export const EXPORT_FORMATS = ['geojson', 'shapefile', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  format: string;
  /** EPSG code, "EPSG:4526" or "4526"; default 4490. */
  crs?: string;
  /** EPSG:4490 degrees. */
  bbox?: number[];
  props?: Record<string, string>;
  /** CSV only: false omits the wkt column. */
  geometry?: boolean;
}

export interface ExportFile {
  format: ExportFormat;
  crs: number;
  count: number;
  contentType: string;
  disposition: string;
  body: Readable;
}

export interface ExporterOptions {
  /** Where shapefile parts are written before zipping (default the OS temp dir). */
  tmpRoot?: string;
  /** Size limit of a .shp or .dbf (default 2 GiB). */
  maxShapefileBytes?: number;
  now?: () => Date;
}

const EXT: Record<ExportFormat, string> = { geojson: 'geojson', shapefile: 'zip', csv: 'csv' };
const TYPE: Record<ExportFormat, string> = { geojson: 'application/geo+json; charset=utf-8', shapefile: 'application/zip', csv: 'text/csv; charset=utf-8' };

export function parseExportFormat(s: string): ExportFormat {
  const f = s.toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new AppError(E.EXPORT_FORMAT_UNSUPPORTED, { format: s, supported: EXPORT_FORMATS });
  return f as ExportFormat;
}

export function parseExportCrs(s: string | undefined): number {
  if (s === undefined || s === '') return 4490;
  const m = /^(?:EPSG:)?(\d{4,6})$/i.exec(s.trim());
  if (!m) throw new AppError(E.EXPORT_CRS_UNSUPPORTED, { crs: s });
  return requireExportCrs(Number(m[1]));
}

/**
 * Exports one published layer version, or the part a bbox and property filters select, as GeoJSON,
 * CSV (UTF-8 with BOM, WKT) or a zipped Shapefile (GBK attributes). Rows are read page by page;
 * GeoJSON and CSV are produced while the client reads, a Shapefile is written to temp files first
 * (its headers need the totals), then zipped while streaming; the temp files go when the stream closes.
 */
export class LayerExporter {
  constructor(private readonly db: Queryable, private readonly opts: ExporterOptions = {}) {}

  async export(layer: Layer, version: number, req: ExportRequest): Promise<ExportFile> {
    const format = parseExportFormat(req.format);
    const crs = parseExportCrs(req.crs);
    for (const k of Object.keys(req.props ?? {})) if (!layer.fields.some((f) => f.name === k)) throw new AppError(G.PROPERTY_UNKNOWN, { property: k });
    const sel: ExportSelection = { layerId: layer.id, version, bbox: req.bbox, props: req.props };
    const base = `${layer.code}_v${version}`;
    const name = `${layer.name}_${base}.${EXT[format]}`;
    const head = { format, crs, contentType: TYPE[format], disposition: attachment(name, `${base}.${EXT[format]}`) };
    if (format === 'shapefile') return { ...head, ...(await this.shapefile(layer, sel, crs)) };
    const count = await countSelected(this.db, sel);
    // ~7 decimals of a degree is 1 cm; a millimetre is enough for projected metres.
    const digits = isGeographic(crs) ? 7 : 3;
    const body = format === 'geojson'
      ? Readable.from(this.geojson(layer, sel, crs, version, count, digits), { objectMode: false })
      : Readable.from(this.csv(layer, sel, crs, req.geometry !== false, digits), { objectMode: false });
    return { ...head, count, body };
  }

  private async *geojson(layer: Layer, sel: ExportSelection, crs: number, version: number, count: number, digits: number): AsyncGenerator<Buffer> {
    yield Buffer.from(geojsonHead({ layer: layer.code, name: layer.name, version, count, crs }));
    let first = true;
    for await (const page of selectPages(this.db, sel, { as: 'geojson', srid: crs, digits })) {
      yield Buffer.from(geojsonPage(page, first));
      first = false;
    }
    yield Buffer.from(GEOJSON_TAIL);
  }

  private async *csv(layer: Layer, sel: ExportSelection, crs: number, withGeometry: boolean, digits: number): AsyncGenerator<Buffer> {
    const fields = layer.fields.map((f) => f.name);
    yield Buffer.from(csvHeader(fields, withGeometry));
    const g = withGeometry ? { as: 'wkt' as const, srid: crs, digits } : { as: 'none' as const };
    for await (const page of selectPages(this.db, sel, g)) yield Buffer.from(csvPage(page, fields, withGeometry));
  }

  /**
   * Two passes over the rows: the first sizes the .dbf fields (C widths in GBK bytes) and finds the
   * geometry types, so the .dbf's size is known and a too-large export fails before anything is
   * written; the second writes .shp/.shx/.dbf with full-precision coordinates.
   */
  private async shapefile(layer: Layer, sel: ExportSelection, crs: number): Promise<{ count: number; body: Readable }> {
    const max = this.opts.maxShapefileBytes ?? SHAPEFILE_MAX_BYTES;
    const now = this.opts.now?.() ?? new Date();
    const planner = new DbfPlanner(layer.fields);
    const types = new Set<string>();
    let rows = 0;
    for await (const page of selectPages(this.db, sel, { as: 'type' })) {
      for (const r of page) {
        planner.observe(r.props);
        types.add(r.g!);
      }
      rows += page.length;
    }
    const type = shapeTypeFor(types, layer.geometryType);
    const fields = planner.plan();
    if (dbfSize(fields, rows) > max) throw new AppError(E.EXPORT_TOO_LARGE, { limitBytes: max, features: rows }, `the .dbf would have ${dbfSize(fields, rows)} bytes`);

    const dir = await fs.mkdtemp(path.join(this.opts.tmpRoot ?? os.tmpdir(), 'landgov-export-'));
    const remove = () => fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    try {
      const writer = await ShapefileWriter.create(dir, layer.code, type, fields, max);
      let count: number;
      try {
        for await (const page of selectPages(this.db, sel, { as: 'geojson', srid: crs, digits: 15 })) {
          for (const r of page) await writer.add(JSON.parse(r.g!) as Geometry, r.props);
        }
        count = await writer.finish(now);
      } finally {
        await writer.close();
      }
      const body = zipStream([
        { name: `${layer.code}.shp`, path: writer.paths.shp },
        { name: `${layer.code}.shx`, path: writer.paths.shx },
        { name: `${layer.code}.dbf`, path: writer.paths.dbf },
        { name: `${layer.code}.prj`, data: Buffer.from(esriPrj(crs)) },
        { name: `${layer.code}.cpg`, data: Buffer.from('GBK') },
      ], now);
      body.once('close', () => void remove());
      return { count, body };
    } catch (e) {
      await remove();
      throw e;
    }
  }
}
