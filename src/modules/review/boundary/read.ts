import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { AppError } from '../../../core/errors.ts';
import { detectCrsFromCoordinates, FormatErrors, openZippedShapefile, parseBoundaryTxt, type CrsInfo } from '../../gis/formats/index.ts';
import { describeEpsg, emptyBbox, extendBboxWithGeometry, requireSupportedEpsg, type Bbox, type ZoneHint } from '../../gis/formats/crs.ts';
import { epsgFromCrsMember } from '../../gis/formats/geojson.ts';
import { decodeText } from '../../gis/formats/text.ts';
import { ReviewErrors as E } from '../errors.ts';
import { readDxfPolygons } from './dxf.ts';
import type { BoundaryInput, Finding, InputParcel } from './types.ts';
import { failWith, validateParcels } from './validate.ts';

export interface ReadOptions {
  /** Zone (带号) for Gauss-Krüger coordinates without the zone prefix. */
  zone?: number;
  /** DXF layer holding the boundary. */
  dxfLayer?: string;
}

const MAX_PARCELS = 200;
const MAX_POINTS = 100_000;

// The boundary TXT reader's codes, as this module names them for the clerk.
const TXT_ERRORS: Record<string, string> = {
  BOUNDARY_TOO_FEW_POINTS: E.TOO_FEW_POINTS,
  BOUNDARY_PARCELS_OVERLAP: E.PARCELS_OVERLAP,
  BOUNDARY_ZONE_MISSING: E.ZONE_MISSING,
  BOUNDARY_ZONE_MISMATCH: E.ZONE_CONTRADICTS,
  IMPORT_ENCODING_UNKNOWN: E.UNKNOWN_ENCODING,
};
const TXT_WARNINGS: Record<string, string> = {
  BOUNDARY_AXES_SWAPPED: E.AXES_SWAPPED,
  BOUNDARY_DUPLICATE_POINT: E.DUPLICATE_POINTS,
  BOUNDARY_RING_NOT_CLOSED: E.RING_NOT_CLOSED,
  BOUNDARY_AREA_MISMATCH: E.AREA_MISMATCH,
};

/**
 * Reads an uploaded boundary by its content: zip → Shapefile, "{" → GeoJSON, [属性描述]/[地块坐标] →
 * boundary-coordinate TXT (the gis reader), "0 SECTION" → DXF. Returns the parcels in the source
 * CRS with what was repaired; throws the review's error codes with every problem and its place.
 */
export async function readBoundaryFile(bytes: Buffer, fileName: string, opts: ReadOptions = {}): Promise<BoundaryInput> {
  if (bytes.length === 0) throw new AppError(E.BOUNDARY_EMPTY, {}, `"${fileName}" is empty`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readShapefile(bytes, fileName, opts);
  const decoded = decodeText(bytes);
  if (!decoded) throw new AppError(E.UNKNOWN_ENCODING, { size: bytes.length }, `"${fileName}": the bytes are neither valid UTF-8 nor GBK/GB18030 text`);
  const text = decoded.text.replace(/^\ufeff/, '');
  const head = text.trimStart();
  if (head.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      throw new AppError(FormatErrors.IMPORT_GEOJSON_INVALID, {}, `"${fileName}" is not valid JSON: ${(err as Error).message}`);
    }
    return fromGeoJson(obj, 'geojson', fileName, opts);
  }
  if (/\[\s*(属性描述|地块坐标)\s*\]|【\s*(属性描述|地块坐标)\s*】/.test(text)) return readTxt(bytes, fileName, opts);
  if (/(^|\n)\s*0\s*\r?\n\s*SECTION\s*\r?\n\s*2\s*\r?\n\s*(HEADER|CLASSES|TABLES|BLOCKS|ENTITIES)\b/.test(head.slice(0, 4096))) return readDxf(text, fileName, opts);
  throw new AppError(E.BOUNDARY_FORMAT_UNKNOWN, { file: fileName }, `"${fileName}" is not a boundary TXT, zipped Shapefile, GeoJSON or DXF`);
}

function readTxt(bytes: Buffer, fileName: string, opts: ReadOptions): BoundaryInput {
  let parsed: ReturnType<typeof parseBoundaryTxt>;
  try {
    parsed = parseBoundaryTxt(bytes, { areaTolerance: 0.01, ...(opts.zone ? { zone: opts.zone } : {}) });
  } catch (err) {
    if (err instanceof AppError && TXT_ERRORS[err.code]) {
      const problems = ((err.extra.problems as { code: string; message: string; zh?: string; line?: number; parcel?: number }[] | undefined) ?? [{ code: err.code, message: err.message }])
        .map((p) => ({ code: TXT_ERRORS[p.code] ?? p.code, en: p.message, zh: p.zh ?? p.message, ...(p.line ? { line: p.line } : {}), ...(p.parcel ? { parcel: p.parcel } : {}) }));
      problems.sort((a, b) => (a.code === TXT_ERRORS[err.code] ? 0 : 1) - (b.code === TXT_ERRORS[err.code] ? 0 : 1));
      if (problems[0]?.code !== TXT_ERRORS[err.code]) problems.unshift({ code: TXT_ERRORS[err.code]!, en: err.message, zh: err.message });
      failWith(problems);
    }
    throw err;
  }
  const warnings: Finding[] = parsed.warnings.map((w) => ({ code: TXT_WARNINGS[w.code] ?? w.code, en: w.message, zh: w.zh ?? w.message, ...(w.line ? { line: w.line } : {}), ...(w.parcel ? { parcel: w.parcel } : {}) }));
  return {
    format: 'boundary-txt', fileName, crs: parsed.crs, warnings, encoding: parsed.encoding,
    parcels: parsed.parcels.map((p) => ({ n: p.n, name: p.地块名称 || p.地块编号 || `地块${p.n}`, geometry: p.geometry, declaredAreaHa: p.declaredAreaHa })),
  };
}

async function readShapefile(bytes: Buffer, fileName: string, opts: ReadOptions): Promise<BoundaryInput> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'landgov-review-'));
  const file = path.join(dir, `${crypto.randomUUID()}.zip`);
  try {
    await fs.writeFile(file, bytes);
    const src = await openZippedShapefile(file, opts.zone ? { zoneHint: { zone: opts.zone } } : {});
    try {
      const parcels: InputParcel[] = [];
      for await (const f of src.features()) {
        parcels.push({ ...toParcel(f.geometry, f.n, nameOf(f.properties, f.n), fileName), declaredAreaHa: declaredOf(f.properties) });
        if (parcels.length > MAX_PARCELS) throw new AppError(E.BOUNDARY_TOO_LARGE, {}, `more than ${MAX_PARCELS} parcels`);
      }
      const warnings: Finding[] = src.warnings.map((w) => ({ code: w.code, en: w.message, zh: w.zh ?? w.message }));
      return finish({ format: 'shapefile', fileName, crs: src.crs, parcels, warnings }, true);
    } finally {
      await src.close();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function readDxf(text: string, fileName: string, opts: ReadOptions): BoundaryInput {
  const warnings: Finding[] = [];
  const { layer, polygons } = readDxfPolygons(text, opts.dxfLayer, warnings);
  const parcels = polygons.map((g, i) => ({ n: i + 1, name: `${layer}-${i + 1}`, geometry: g as Polygon, declaredAreaHa: null }));
  const { crs, swapped } = crsOf(parcels, opts.zone);
  const input: BoundaryInput = { format: 'dxf', fileName, crs, parcels: swapped ? parcels.map(swapParcel) : parcels, warnings };
  if (swapped) warnings.push(swapWarning(crs));
  return finish(input, true);
}

/** A boundary given as GeoJSON (a file, or the request's geometry in EPSG:4490). */
export function fromGeoJson(obj: unknown, format: 'geojson' | 'json', fileName: string | null, opts: ReadOptions = {}): BoundaryInput {
  const parcels: InputParcel[] = [];
  let crsMember: unknown;
  const add = (g: unknown, props: Record<string, unknown>) => {
    const n = parcels.length + 1;
    if (n > MAX_PARCELS) throw new AppError(E.BOUNDARY_TOO_LARGE, {}, `more than ${MAX_PARCELS} parcels`);
    parcels.push({ ...toParcel(g as Geometry | null, n, nameOf(props, n), fileName), declaredAreaHa: declaredOf(props) });
  };
  const o = obj as { type?: string; features?: unknown[]; geometry?: unknown; properties?: Record<string, unknown>; crs?: unknown };
  if (o && typeof o === 'object') crsMember = o.crs;
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) {
    for (const f of o.features as { geometry?: unknown; properties?: Record<string, unknown> }[]) add(f?.geometry ?? null, f?.properties ?? {});
  } else if (o?.type === 'Feature') add(o.geometry ?? null, o.properties ?? {});
  else if (o?.type === 'Polygon' || o?.type === 'MultiPolygon') add(o, {});
  else throw new AppError(E.BOUNDARY_NOT_POLYGON, { type: o?.type ?? null }, `expected a Polygon, MultiPolygon, Feature or FeatureCollection, got ${JSON.stringify(o?.type ?? null)}`);
  if (parcels.length === 0) throw new AppError(E.BOUNDARY_EMPTY, {}, 'no feature');
  const warnings: Finding[] = [];
  let crs: CrsInfo;
  let swapped = false;
  if (format === 'json') {
    ({ crs, swapped } = crsOf(parcels, undefined));
    if (crs.epsg !== 4490) throw new AppError(FormatErrors.IMPORT_CRS_UNKNOWN, { epsg: crs.epsg }, `the request geometry must be longitude/latitude in EPSG:4490; these coordinates look like ${crs.evidence}`);
    crs = { epsg: 4490, source: 'request', evidence: 'GeoJSON in EPSG:4490 (longitude, latitude)' };
  } else if (crsMember) {
    const epsg = epsgFromCrsMember(JSON.stringify(crsMember));
    if (epsg === null) throw new AppError(FormatErrors.IMPORT_CRS_UNKNOWN, {}, `the crs member ${JSON.stringify(crsMember).slice(0, 80)} names no EPSG code`);
    requireSupportedEpsg(epsg, 'GeoJSON crs');
    crs = { epsg, source: 'GeoJSON crs', evidence: `crs names EPSG:${epsg} (${describeEpsg(epsg)})` };
  } else ({ crs, swapped } = crsOf(parcels, opts.zone));
  if (swapped) warnings.push(swapWarning(crs));
  return finish({ format, fileName, crs, parcels: swapped ? parcels.map(swapParcel) : parcels, warnings }, true);
}

function nameOf(props: Record<string, unknown>, n: number): string {
  for (const k of ['地块名称', 'DKMC', 'name', 'NAME', '名称', '地块编号', 'DKBH']) if (typeof props[k] === 'string' && props[k]) return (props[k] as string).slice(0, 60);
  return `地块${n}`;
}

/** 地块面积 / DKMJ as stated in the attributes, in 公顷 (the exchange format's unit). */
function declaredOf(props: Record<string, unknown>): number | null {
  for (const k of ['地块面积', 'DKMJ']) {
    const v = props[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n) && n > 0) return n;
  }
  return null;
}

function toParcel(g: Geometry | null, n: number, name: string, fileName: string | null): InputParcel {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
    throw new AppError(E.BOUNDARY_NOT_POLYGON, { parcel: n, type: g?.type ?? null }, `${fileName ? `"${fileName}" ` : ''}feature ${n} is a ${g?.type ?? 'null geometry'}, not a polygon`);
  }
  return { n, name, geometry: g as Polygon | MultiPolygon, declaredAreaHa: null };
}

const looksGeographicSwapped = (b: Bbox) => b[0] >= 3 && b[2] <= 54 && b[1] >= 73 && b[3] <= 136;
const looksProjectedSwapped = (b: Bbox) => b[0] >= 2e5 && b[2] <= 6.1e6 && ((b[1] >= 13e6 && b[3] < 46e6) || (b[1] >= 1e5 && b[3] <= 9e5 && b[0] >= 1e6));

/** The CRS by coordinate magnitude; also says when the axes are the wrong way round (then the CRS is of the swapped coordinates). */
function crsOf(parcels: InputParcel[], zone: number | undefined): { crs: CrsInfo; swapped: boolean } {
  const bbox = emptyBbox();
  for (const p of parcels) extendBboxWithGeometry(bbox, p.geometry);
  const swapped = looksGeographicSwapped(bbox) || looksProjectedSwapped(bbox);
  const b: Bbox = swapped ? [bbox[1], bbox[0], bbox[3], bbox[2]] : bbox;
  const hint: ZoneHint = zone ? { zone } : {};
  try {
    return { crs: detectCrsFromCoordinates(b, hint), swapped };
  } catch (err) {
    if (err instanceof AppError && err.code === FormatErrors.IMPORT_CRS_NEEDS_ZONE) throw new AppError(E.ZONE_MISSING, { bbox: b }, err.message);
    throw err;
  }
}

function swapWarning(crs: CrsInfo): Finding {
  return crs.epsg === 4490
    ? { code: E.AXES_SWAPPED, zh: '坐标顺序为（纬度, 经度），已按（经度, 纬度）读取', en: 'The coordinates are (latitude, longitude); read them as (longitude, latitude)' }
    : { code: E.AXES_SWAPPED, zh: 'X、Y 坐标顺序颠倒（第一坐标为北坐标），已交换后读取', en: 'X and Y are swapped (the first coordinate holds northings); read them the other way round' };
}

function swapParcel(p: InputParcel): InputParcel {
  const sw = (rings: number[][][]) => rings.map((r) => r.map((q) => [q[1]!, q[0]!]));
  const geometry: Polygon | MultiPolygon = p.geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: sw(p.geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: p.geometry.coordinates.map(sw) };
  return { ...p, geometry };
}

function finish(input: BoundaryInput, requireClosed: boolean): BoundaryInput {
  let points = 0;
  for (const p of input.parcels) {
    const polys = p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates;
    for (const poly of polys) for (const r of poly) points += Array.isArray(r) ? r.length : 0;
  }
  if (points > MAX_POINTS) throw new AppError(E.BOUNDARY_TOO_LARGE, { points }, `${points} points; at most ${MAX_POINTS}`);
  const geographic = input.crs.epsg === 4490 || input.crs.epsg === 4326;
  return { ...input, parcels: validateParcels(input.parcels, { requireClosed, geographic }, input.warnings) };
}
