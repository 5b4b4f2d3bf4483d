import fs from 'node:fs';
import type { Geometry } from 'geojson';
import { detectCrsFromCoordinates, describeBbox, describeEpsg, emptyBbox, extendBboxWithGeometry, requireSupportedEpsg, type Bbox, type ZoneHint } from './crs.ts';
import { fail, FormatErrors as E } from './errors.ts';
import { FeatureCollectionScanner, type ScanEvent } from './json-scanner.ts';
import type { CrsInfo, FeatureSource, FieldDef, FieldType, SourceFeature } from './types.ts';

export interface GeoJsonOptions {
  /** Zone / central meridian for projected coordinates without zone prefix and without a crs member. */
  zoneHint?: ZoneHint;
  /** Features read up front for the CRS guess and the field list (default 1000). */
  sampleSize?: number;
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

async function* scanFile(path: string): AsyncGenerator<ScanEvent> {
  const scanner = new FeatureCollectionScanner();
  const stream = fs.createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) yield* scanner.push(chunk as Buffer);
    scanner.end();
  } finally {
    stream.destroy();
  }
}

/** Parses one feature's bytes into a SourceFeature; throws IMPORT_GEOJSON_INVALID with the feature number. */
function toFeature(raw: Buffer, n: number): SourceFeature {
  let obj: { type?: unknown; properties?: unknown; geometry?: unknown };
  try {
    obj = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    fail(E.IMPORT_GEOJSON_INVALID, `feature ${n}: not valid JSON (${(e as Error).message})`, { featureNumber: n });
  }
  if (obj.type !== 'Feature') fail(E.IMPORT_GEOJSON_INVALID, `feature ${n}: "type" is ${JSON.stringify(obj.type)}, expected "Feature"`, { featureNumber: n });
  const g = obj.geometry as { type?: unknown } | null | undefined;
  if (g != null && (typeof g !== 'object' || typeof g.type !== 'string' || !GEOMETRY_TYPES.has(g.type))) {
    fail(E.IMPORT_GEOJSON_INVALID, `feature ${n}: geometry type ${JSON.stringify(g?.type)} is not a GeoJSON geometry type`, { featureNumber: n });
  }
  const properties: SourceFeature['properties'] = {};
  if (obj.properties && typeof obj.properties === 'object') {
    for (const [k, v] of Object.entries(obj.properties as Record<string, unknown>)) {
      properties[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
    }
  }
  return { n, properties, geometry: (g ?? null) as Geometry | null };
}

function fieldType(values: Set<string>): FieldType {
  if (values.size === 1) return [...values][0] as FieldType;
  if ([...values].every((t) => t === 'integer' || t === 'number')) return 'number';
  return 'string';
}

/** The EPSG code named by a legacy (2008) "crs" member, or null when there is none. */
export function epsgFromCrsMember(raw: string): number | null {
  let crs: { type?: string; properties?: { name?: unknown; code?: unknown } } | null;
  try {
    crs = JSON.parse(raw);
  } catch {
    fail(E.IMPORT_GEOJSON_INVALID, `the "crs" member is not valid JSON`);
  }
  if (crs === null) return null;
  if (crs.type === 'EPSG' && crs.properties?.code !== undefined) return Number(crs.properties.code);
  const name = String(crs.properties?.name ?? '');
  if (/CRS:?84$/i.test(name)) return 4326;
  const m = /EPSG:(?:[\d.]*:)?(\d+)$/i.exec(name);
  if (!m) fail(E.IMPORT_CRS_UNKNOWN, `the "crs" member names "${name}", which is not an EPSG code or CRS84`, { crs: name });
  return Number(m[1]);
}

/**
 * Opens a GeoJSON FeatureCollection file for streaming. Reads the first features to list fields
 * and to guess the CRS: a legacy "crs" member wins (EPSG:4490, urn:ogc:def:crs:EPSG::4526 …);
 * without one, geographic coordinates are CRS84 (RFC 7946, EPSG:4326 — the importer transforms)
 * and projected ones are detected from their ranges. Geometry types are reported as they are.
 */
export async function openGeoJson(path: string, opts: GeoJsonOptions = {}): Promise<FeatureSource> {
  const sampleSize = opts.sampleSize ?? 1000;
  const members: Record<string, string> = {};
  const bbox: Bbox = emptyBbox();
  const fieldTypes = new Map<string, Set<string>>();
  let sampled = 0;
  let complete = true;
  for await (const ev of scanFile(path)) {
    if (ev.kind === 'member') {
      members[ev.key] = ev.raw;
      continue;
    }
    const f = toFeature(ev.raw, ++sampled);
    extendBboxWithGeometry(bbox, f.geometry as Parameters<typeof extendBboxWithGeometry>[1]);
    for (const [k, v] of Object.entries(f.properties)) {
      if (v === null) continue;
      const t = typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v === 'boolean' ? 'boolean' : 'string';
      let set = fieldTypes.get(k);
      if (!set) fieldTypes.set(k, (set = new Set()));
      set.add(t);
    }
    if (sampled >= sampleSize) {
      complete = false;
      break;
    }
  }
  if (members['type'] !== undefined && members['type'] !== '"FeatureCollection"') {
    fail(E.IMPORT_GEOJSON_INVALID, `the root "type" is ${members['type']}, expected "FeatureCollection"`);
  }
  const crs = decideCrs(members['crs'], bbox, sampled, opts.zoneHint);
  const fields: FieldDef[] = [...fieldTypes.entries()].map(([name, types]) => ({ name, type: fieldType(types) }));
  let name: string | null = null;
  if (members['name']) {
    try {
      const v = JSON.parse(members['name']);
      if (typeof v === 'string') name = v;
    } catch {
      // a malformed name is not worth refusing the file
    }
  }
  return {
    format: 'geojson',
    name,
    crs,
    fields,
    count: complete ? sampled : null,
    async *features() {
      let n = 0;
      for await (const ev of scanFile(path)) if (ev.kind === 'feature') yield toFeature(ev.raw, ++n);
    },
    async close() {},
  };
}

function decideCrs(member: string | undefined, bbox: Bbox, sampled: number, hint: ZoneHint | undefined): CrsInfo {
  const geographic = Math.abs(bbox[0]) <= 180 && Math.abs(bbox[2]) <= 180 && Math.abs(bbox[1]) <= 90 && Math.abs(bbox[3]) <= 90;
  const epsg = member !== undefined ? epsgFromCrsMember(member) : null;
  if (epsg !== null) {
    requireSupportedEpsg(epsg, 'the "crs" member');
    const declaredGeographic = epsg === 4326 || epsg === 4490;
    if (sampled > 0 && bbox[0] !== Infinity && declaredGeographic !== geographic) {
      fail(E.IMPORT_CRS_UNKNOWN, `the "crs" member says EPSG:${epsg} (${describeEpsg(epsg)}) but the coordinates are ${describeBbox(bbox)}`, { epsg, bbox });
    }
    return { epsg, source: 'GeoJSON crs member', evidence: `"crs" names EPSG:${epsg} (${describeEpsg(epsg)})` };
  }
  if (sampled === 0 || bbox[0] === Infinity) {
    return { epsg: 4326, source: 'RFC 7946 default', evidence: 'no coordinates to inspect; GeoJSON is CRS84 by definition' };
  }
  if (geographic) {
    return { epsg: 4326, source: 'RFC 7946 default', evidence: `${describeBbox(bbox)}: longitude/latitude, CRS84 by definition` };
  }
  const found = detectCrsFromCoordinates(bbox, hint);
  return { ...found, evidence: `${found.evidence} (first ${sampled} features)` };
}
