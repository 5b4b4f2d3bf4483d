import { round2 } from '../service.ts';
import type { ExportRow } from './repository.ts';

/** Opening of a streamed FeatureCollection; named CRS member only for projected output. */
export function geojsonHead(o: { layer: string; name: string; version: number; count: number; crs: number }): string {
  const crs = o.crs === 4490 || o.crs === 4326 ? '' : `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${o.crs}"}},`;
  return `{"type":"FeatureCollection","name":${JSON.stringify(o.layer)},"title":${JSON.stringify(o.name)},"version":${o.version},"numberMatched":${o.count},${crs}"features":[\n`;
}

export const GEOJSON_TAIL = '\n]}\n';

/**
 * One page of features as GeoJSON text, properties as the features API gives them (with _area_m2).
 * The geometry is PostGIS's own GeoJSON text, spliced in without parsing.
 */
export function geojsonPage(rows: ExportRow[], first: boolean): string {
  const parts = rows.map((r) => {
    const properties = { ...r.props, ...(r.area_m2 !== null ? { _area_m2: round2(r.area_m2) } : {}) };
    return `{"type":"Feature","id":${r.fid},"properties":${JSON.stringify(properties)},"geometry":${r.g ?? 'null'}}`;
  });
  return (first ? '' : ',\n') + parts.join(',\n');
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF, or edge spaces; quotes
 * doubled. Text starting with = + - @ TAB or CR that is not a number gets a leading apostrophe so
 * Excel shows it instead of evaluating it as a formula (CSV injection).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !NUMERIC.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The header line: the layer's field names, area_m2, then wkt unless geometry is omitted. */
export function csvHeader(fields: string[], withGeometry: boolean): string {
  return `\ufeff${[...fields, 'area_m2', ...(withGeometry ? ['wkt'] : [])].map(csvCell).join(',')}\r\n`;
}

export function csvPage(rows: ExportRow[], fields: string[], withGeometry: boolean): string {
  return rows.map((r) => {
    const cells = [...fields.map((f) => r.props[f]), r.area_m2 === null ? null : round2(r.area_m2), ...(withGeometry ? [r.g] : [])];
    return `${cells.map(csvCell).join(',')}\r\n`;
  }).join('');
}

/** Content-Disposition for a download: an ASCII fallback name and the real name per RFC 5987. */
export function attachment(name: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
