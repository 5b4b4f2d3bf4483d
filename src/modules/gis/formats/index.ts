import fs from 'node:fs/promises';
import { openBoundaryTxt, type BoundaryParseOptions } from './boundary-txt.ts';
import type { ZoneHint } from './crs.ts';
import { fail, FormatErrors as E, type FormatProblem } from './errors.ts';
import { openGeoJson } from './geojson.ts';
import { openGpkg } from './gpkg.ts';
import { openZippedShapefile } from './shapefile.ts';
import { decodeText } from './text.ts';
import type { FeatureSource } from './types.ts';
import type { ZipLimits } from './zip.ts';

export type { CrsInfo, FeatureSource, FieldDef, FieldType, SourceFeature } from './types.ts';
export { FormatErrors, type FormatProblem } from './errors.ts';
export { detectCrsFromCoordinates, detectCrsFromPrj, epsgForZone, proj4Definition, transformer, zoneOfLongitude } from './crs.ts';
export { openBoundaryTxt, parseBoundaryTxt, type Parcel, type BoundaryTxt } from './boundary-txt.ts';
export { writeBoundaryTxt, type WritableParcel } from './boundary-txt-write.ts';
export { openGeoJson } from './geojson.ts';
export { openZippedShapefile } from './shapefile.ts';
export { openGpkg } from './gpkg.ts';
export { decodeGpkgGeometry, encodeGpkgGeometry } from './gpkg-geometry.ts';

export interface OpenSourceOptions extends ZipLimits {
  /** Layer (shapefile base name or GeoPackage table) when the file holds several. */
  layer?: string;
  /** Zone / central meridian for Gauss-Krüger coordinates without zone prefix. */
  zoneHint?: ZoneHint;
  /** Boundary TXT options (size limit, area tolerance). */
  boundary?: Omit<BoundaryParseOptions, 'zone' | 'zoneWidth'>;
}

/** What the reader found worth telling the user without refusing the file. */
export type SourceWithWarnings = FeatureSource & { warnings: FormatProblem[] };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens an uploaded file by its content, not its name: zip magic → zipped shapefile; SQLite magic →
 * GeoPackage; text starting with "{" → GeoJSON; text containing [属性描述] or [地块坐标] → boundary
 * TXT. `originalName` only appears in messages. Throws IMPORT_FORMAT_UNKNOWN otherwise.
 */
export async function openSource(path: string, originalName: string, opts: OpenSourceOptions = {}): Promise<SourceWithWarnings> {
  const fh = await fs.open(path, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(size, 64 * 1024));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head.length === 0) fail(E.IMPORT_FORMAT_UNKNOWN, `"${originalName}" is empty`, { file: originalName });
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) {
    return openZippedShapefile(path, opts);
  }
  if (head.subarray(0, 16).equals(SQLITE_MAGIC)) {
    return openGpkg(path, opts);
  }
  // Text: a partial head may end inside a multi-byte character; drop up to 3 bytes until it decodes.
  let decoded = decodeText(head);
  for (let k = 1; !decoded && size > head.length && k <= 3; k++) decoded = decodeText(head.subarray(0, head.length - k));
  const text = decoded?.text.replace(/^\ufeff/, '').trimStart() ?? '';
  if (text.startsWith('{')) {
    return { ...(await openGeoJson(path, { zoneHint: opts.zoneHint })), warnings: [] };
  }
  if (decoded && /\[\s*(属性描述|地块坐标)\s*\]|【\s*(属性描述|地块坐标)\s*】/.test(decoded.text)) {
    const maxBytes = opts.boundary?.maxBytes ?? 20 * 1024 * 1024;
    if (size > maxBytes) fail(E.BOUNDARY_FILE_TOO_LARGE, `"${originalName}" has ${size} bytes; at most ${maxBytes} are accepted for a boundary file`, { size });
    const zone = opts.zoneHint?.zone ?? (opts.zoneHint?.centralMeridian !== undefined ? opts.zoneHint.centralMeridian / 3 : undefined);
    return openBoundaryTxt(await fs.readFile(path), { ...opts.boundary, ...(zone !== undefined ? { zone } : {}), ...(opts.zoneHint?.zoneWidth ? { zoneWidth: opts.zoneHint.zoneWidth } : {}) });
  }
  fail(E.IMPORT_FORMAT_UNKNOWN, `"${originalName}" is not a zip, GeoPackage, GeoJSON or boundary-coordinate TXT (starts with ${JSON.stringify(head.subarray(0, 8).toString('latin1'))})`, { file: originalName });
}
