import proj4 from 'proj4';
import { fail, FormatErrors as E } from './errors.ts';
import type { CrsInfo } from './types.ts';

/**
 * CGCS2000 coordinate systems used by Chinese land data, with proj4 definitions taken from PROJ
 * `projinfo` (see DOMAIN.md §8.1). Gauss-Krüger here is Transverse Mercator with k0 = 1.
 */
export interface GkZone {
  /** 3 or 6 (degrees). */
  width: 3 | 6;
  zone: number;
  centralMeridian: number;
  /** true when the easting carries the zone number ("大数", false easting zone×1e6 + 500 000). */
  prefixed: boolean;
}

const GRS80 = '+ellps=GRS80 +units=m +no_defs';

/** EPSG code of a CGCS2000 Gauss-Krüger zone, or null when the zone is outside China's range. */
export function epsgForZone(zone: number, width: 3 | 6, prefixed: boolean): number | null {
  if (width === 3 && zone >= 25 && zone <= 45) return prefixed ? 4488 + zone : 4534 + (zone - 25);
  if (width === 6 && zone >= 13 && zone <= 23) return prefixed ? 4478 + zone : 4502 + (zone - 13);
  return null;
}

/** The Gauss-Krüger zone behind a CGCS2000 EPSG code, or null for a non-GK code. */
export function gkZoneOf(epsg: number): GkZone | null {
  if (epsg >= 4513 && epsg <= 4533) return { width: 3, zone: epsg - 4488, centralMeridian: 3 * (epsg - 4488), prefixed: true };
  if (epsg >= 4534 && epsg <= 4554) return { width: 3, zone: epsg - 4534 + 25, centralMeridian: 3 * (epsg - 4534 + 25), prefixed: false };
  if (epsg >= 4491 && epsg <= 4501) return { width: 6, zone: epsg - 4478, centralMeridian: 6 * (epsg - 4478) - 3, prefixed: true };
  if (epsg >= 4502 && epsg <= 4512) return { width: 6, zone: epsg - 4502 + 13, centralMeridian: 6 * (epsg - 4502 + 13) - 3, prefixed: false };
  return null;
}

/** proj4 definition string for a supported EPSG code, or null. */
export function proj4Definition(epsg: number): string | null {
  if (epsg === 4490) return `+proj=longlat ${GRS80.replace(' +units=m', '')}`;
  if (epsg === 4326) return '+proj=longlat +datum=WGS84 +no_defs';
  if (epsg === 3857) return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';
  const gk = gkZoneOf(epsg);
  if (!gk) return null;
  const falseEasting = gk.prefixed ? gk.zone * 1e6 + 500000 : 500000;
  return `+proj=tmerc +lat_0=0 +lon_0=${gk.centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${GRS80}`;
}

export function isSupportedEpsg(epsg: number): boolean {
  return proj4Definition(epsg) !== null;
}

/** A human-readable name, e.g. "CGCS2000 / 3-degree Gauss-Kruger zone 38". */
export function describeEpsg(epsg: number): string {
  if (epsg === 4490) return 'CGCS2000 (geographic)';
  if (epsg === 4326) return 'WGS 84 / CRS84 (geographic)';
  if (epsg === 3857) return 'Web Mercator';
  const gk = gkZoneOf(epsg);
  if (!gk) return `EPSG:${epsg}`;
  return gk.prefixed
    ? `CGCS2000 / ${gk.width}-degree Gauss-Kruger zone ${gk.zone}`
    : `CGCS2000 / ${gk.width}-degree Gauss-Kruger CM ${gk.centralMeridian}E`;
}

/** Legacy datums that need local 7-parameter transformations (DOMAIN.md §1.8). */
const LEGACY_EPSG = new Set([...range(2327, 2390), ...range(2401, 2442), 4214, 4610]);
function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Throws IMPORT_CRS_LEGACY_DATUM for Xian 1980 / Beijing 1954 codes and IMPORT_CRS_UNKNOWN for anything unsupported. */
export function requireSupportedEpsg(epsg: number, where: string): void {
  if (LEGACY_EPSG.has(epsg)) {
    fail(E.IMPORT_CRS_LEGACY_DATUM, `${where}: EPSG:${epsg} is a Xian 1980 / Beijing 1954 system; it needs a 7-parameter transformation to CGCS2000`, { epsg });
  }
  if (!isSupportedEpsg(epsg)) fail(E.IMPORT_CRS_UNKNOWN, `${where}: EPSG:${epsg} is not a supported coordinate system`, { epsg });
}

/** A function transforming [x, y] (GIS order) between two supported EPSG codes. */
export function transformer(fromEpsg: number, toEpsg: number): (xy: [number, number]) => [number, number] {
  const from = proj4Definition(fromEpsg);
  const to = proj4Definition(toEpsg);
  if (!from) fail(E.IMPORT_CRS_UNKNOWN, `EPSG:${fromEpsg} is not supported`, { epsg: fromEpsg });
  if (!to) fail(E.IMPORT_CRS_UNKNOWN, `EPSG:${toEpsg} is not supported`, { epsg: toEpsg });
  if (fromEpsg === toEpsg) return (xy) => [xy[0], xy[1]];
  const converter = proj4(from, to);
  return (xy) => {
    const out = converter.forward([xy[0], xy[1]]);
    return [out[0]!, out[1]!];
  };
}

/** 3° zone of a longitude (zone n covers 3n − 1.5 … 3n + 1.5 °E). */
export function zoneOfLongitude(lon: number): number {
  return Math.round(lon / 3);
}

// --- .prj (WKT) ------------------------------------------------------------------------------

function wktParam(wkt: string, name: RegExp): number | null {
  const re = new RegExp(`PARAMETER\\[\\s*"(?:${name.source})"\\s*,\\s*(-?[0-9.eE+]+)`, 'i');
  const m = re.exec(wkt);
  return m ? Number(m[1]) : null;
}

/**
 * Decides the EPSG code of a .prj (ESRI or OGC WKT1; WKT2 with an EPSG ID works through the ID).
 * Recognises CGCS2000 / China_2000 geographic and Gauss-Krüger / Transverse Mercator projections by
 * central meridian and false easting. Refuses Xian 1980 / Beijing 1954 (7-parameter transformation
 * needed) with IMPORT_CRS_LEGACY_DATUM, anything else with IMPORT_CRS_UNKNOWN.
 */
export function detectCrsFromPrj(wkt: string): CrsInfo {
  const text = wkt.trim();
  const head = /^(\w+)\[\s*"([^"]*)"/.exec(text);
  const name = head?.[2] ?? '';
  const evidenceName = name || text.slice(0, 60);
  if (/xian|xi'an|1980|beijing|1954|krassovsky|krasovsky|IAG_1975/i.test(text)) {
    fail(E.IMPORT_CRS_LEGACY_DATUM, `.prj names "${evidenceName}", a Xian 1980 / Beijing 1954 system; it needs a 7-parameter transformation to CGCS2000`, { prj: evidenceName });
  }
  // An explicit EPSG id of the outermost object (WKT1 puts it last, WKT2 writes ID["EPSG",n]).
  const ids = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const outerId = ids.length ? Number(ids[ids.length - 1]![1]) : null;
  if (outerId !== null && isSupportedEpsg(outerId)) {
    return { epsg: outerId, source: '.prj', evidence: `.prj names "${evidenceName}" (EPSG:${outerId})` };
  }
  const cgcs = /CGCS[_ ]?2000|China[_ ]2000|China Geodetic Coordinate System 2000/i.test(text);
  const wgs = /WGS[_ ]?(19)?84/i.test(text);
  const kind = head?.[1]?.toUpperCase() ?? '';
  if (kind === 'GEOGCS' || kind === 'GEOGCRS' || kind === 'GEODCRS') {
    if (cgcs) return { epsg: 4490, source: '.prj', evidence: `.prj names "${evidenceName}": CGCS2000 longitude/latitude` };
    if (wgs) return { epsg: 4326, source: '.prj', evidence: `.prj names "${evidenceName}": WGS 84 longitude/latitude` };
  }
  if (/Mercator_Auxiliary_Sphere|Pseudo[-_ ]Mercator|Popular Visualisation/i.test(text)) {
    return { epsg: 3857, source: '.prj', evidence: `.prj names "${evidenceName}": Web Mercator` };
  }
  if (cgcs && /PROJECTION\[\s*"(Gauss_Kruger|Transverse_Mercator)"|METHOD\[\s*"Transverse Mercator"/i.test(text)) {
    const cm = wktParam(text, /Central_Meridian|Longitude of natural origin/);
    const fe = wktParam(text, /False_Easting/);
    const k = wktParam(text, /Scale_Factor|Scale factor at natural origin/) ?? 1;
    if (cm !== null && fe !== null && Math.abs(k - 1) < 1e-9) {
      const prefixed = fe !== 500000;
      const zoneFromFe = prefixed ? Math.round((fe - 500000) / 1e6) : null;
      const sixDegree = /6[_ ]Degree/i.test(text) || (zoneFromFe !== null && zoneFromFe >= 13 && zoneFromFe <= 23);
      const width: 3 | 6 = sixDegree ? 6 : 3;
      const zone = width === 3 ? cm / 3 : (cm + 3) / 6;
      const feOk = !prefixed || fe === zone * 1e6 + 500000;
      const epsg = Number.isInteger(zone) && feOk ? epsgForZone(zone, width, prefixed) : null;
      if (epsg) {
        return { epsg, source: '.prj', evidence: `.prj names "${evidenceName}": Gauss-Kruger CM ${cm}E, false easting ${fe} → ${describeEpsg(epsg)}` };
      }
      fail(E.IMPORT_CRS_UNKNOWN, `.prj "${evidenceName}": central meridian ${cm}E with false easting ${fe} is not a CGCS2000 Gauss-Kruger zone`, { prj: evidenceName });
    }
  }
  fail(E.IMPORT_CRS_UNKNOWN, `.prj "${evidenceName}" is not a supported coordinate system (CGCS2000 geographic or Gauss-Kruger, WGS 84, Web Mercator)`, { prj: evidenceName });
}

// --- coordinate ranges -------------------------------------------------------------------------

export type Bbox = [minX: number, minY: number, maxX: number, maxY: number];

export interface ZoneHint {
  /** Gauss-Krüger zone number (3° 25–45 or 6° 13–23). */
  zone?: number;
  /** Central meridian in degrees east. */
  centralMeridian?: number;
  zoneWidth?: 3 | 6;
}

function fmt(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : String(n);
}
export function describeBbox(b: Bbox): string {
  return `x ${fmt(b[0])}…${fmt(b[2])}, y ${fmt(b[1])}…${fmt(b[3])}`;
}

/**
 * Guesses the CRS from a sample bounding box (GIS order: x = easting/longitude). Geographic inside
 * China → 4490; easting 13e6–46e6 → zone-prefixed Gauss-Krüger (3° for zones 25–45, the land-survey
 * practice, 6° for 13–23); easting 100 000–900 000 with northing 1e6–6.1e6 → CM-only Gauss-Krüger,
 * which needs a zone or central meridian hint. Throws IMPORT_CRS_UNKNOWN with the bbox otherwise.
 */
export function detectCrsFromCoordinates(bbox: Bbox, hint: ZoneHint = {}): CrsInfo {
  const [minX, minY, maxX, maxY] = bbox;
  const seen = describeBbox(bbox);
  if (!bbox.every(Number.isFinite)) fail(E.IMPORT_CRS_UNKNOWN, `coordinates are not finite numbers (${seen})`, { bbox });
  if (Math.abs(minX) <= 180 && Math.abs(maxX) <= 180 && Math.abs(minY) <= 90 && Math.abs(maxY) <= 90) {
    if (minX >= 73 && maxX <= 136 && minY >= 3 && maxY <= 54) {
      return { epsg: 4490, source: 'coordinate ranges', evidence: `${seen}: longitude/latitude within China, taken as CGCS2000` };
    }
    fail(E.IMPORT_CRS_UNKNOWN, `coordinates look like longitude/latitude but lie outside China (73–136°E, 3–54°N): ${seen}`, { bbox });
  }
  if (minX >= 13e6 && maxX < 46e6) {
    const zone = Math.floor(minX / 1e6);
    if (Math.floor(maxX / 1e6) !== zone) fail(E.IMPORT_CRS_UNKNOWN, `eastings span zone prefixes ${zone} and ${Math.floor(maxX / 1e6)}: ${seen}`, { bbox });
    if (minY < 2e5 || maxY > 6.1e6) fail(E.IMPORT_CRS_UNKNOWN, `eastings carry zone prefix ${zone} but northings are outside China (200 000–6 100 000): ${seen}`, { bbox });
    const width: 3 | 6 = zone >= 25 && zone <= 45 ? 3 : 6;
    const epsg = epsgForZone(zone, width, true);
    if (!epsg) fail(E.IMPORT_CRS_UNKNOWN, `zone prefix ${zone} is not a Gauss-Kruger zone over China (3° 25–45, 6° 13–23): ${seen}`, { bbox });
    return { epsg, source: 'coordinate ranges', evidence: `${seen}: eastings carry zone prefix ${zone} → ${describeEpsg(epsg)}` };
  }
  if (minX >= 100000 && maxX <= 900000 && minY >= 1e6 && maxY <= 6.1e6) {
    const width = hint.zoneWidth ?? (hint.zone !== undefined && hint.zone <= 23 ? 6 : 3);
    let zone = hint.zone;
    if (zone === undefined && hint.centralMeridian !== undefined) zone = width === 3 ? hint.centralMeridian / 3 : (hint.centralMeridian + 3) / 6;
    if (zone === undefined) {
      fail(E.IMPORT_CRS_NEEDS_ZONE, `coordinates (${seen}) are Gauss-Kruger without zone prefix; state the zone (带号) or central meridian`, { bbox });
    }
    const epsg = Number.isInteger(zone) ? epsgForZone(zone, width, false) : null;
    if (!epsg) fail(E.IMPORT_CRS_UNKNOWN, `zone ${zone} (${width}°) is not a Gauss-Kruger zone over China`, { bbox, zone });
    return { epsg, source: 'coordinate ranges + zone hint', evidence: `${seen}: Gauss-Kruger without prefix, zone ${zone} as stated → ${describeEpsg(epsg)}` };
  }
  fail(E.IMPORT_CRS_UNKNOWN, `coordinates fit no known coordinate system (longitude/latitude in China or CGCS2000 Gauss-Kruger): ${seen}`, { bbox });
}

/** Grows a bbox with every position of a GeoJSON geometry; returns the bbox. */
export function extendBbox(bbox: Bbox, coords: unknown): Bbox {
  if (Array.isArray(coords)) {
    if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
      const x = coords[0];
      const y = coords[1];
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    } else for (const c of coords) extendBbox(bbox, c);
  }
  return bbox;
}

export function emptyBbox(): Bbox {
  return [Infinity, Infinity, -Infinity, -Infinity];
}

/** Adds a geometry (including collections) to a bbox. */
export function extendBboxWithGeometry(bbox: Bbox, g: { type: string; coordinates?: unknown; geometries?: unknown[] } | null): Bbox {
  if (!g) return bbox;
  if (g.type === 'GeometryCollection') for (const c of g.geometries ?? []) extendBboxWithGeometry(bbox, c as typeof g);
  else extendBbox(bbox, g.coordinates);
  return bbox;
}
