import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import shapefile from 'shapefile';
import { detectCrsFromCoordinates, detectCrsFromPrj, type ZoneHint } from './crs.ts';
import { AppError } from '../../../core/errors.ts';
import { fail, FormatErrors as E, type FormatProblem } from './errors.ts';
import { readDbfFields, SHAPE_TYPES, validateShapefileParts } from './shapefile-parts.ts';
import { encodingFromCodePage } from './text.ts';
import type { CrsInfo, FeatureSource, SourceFeature } from './types.ts';
import { openSafeZip, type ZipEntryInfo, type ZipLimits } from './zip.ts';

export interface ZippedShapefileOptions extends ZipLimits {
  /** Layer to read when the zip holds several .shp (base name, with or without folder/extension). */
  layer?: string;
  /** Zone / central meridian for projected coordinates without zone prefix and without .prj. */
  zoneHint?: ZoneHint;
}

const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

function splitName(name: string): { base: string; ext: string } | null {
  const m = /^(.*)\.([^./]+)$/.exec(name);
  return m ? { base: m[1]!, ext: m[2]!.toLowerCase() } : null;
}

function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || path.posix.basename(name).startsWith('._');
}

/**
 * Opens one layer of a zipped shapefile. The zip is vetted (unsafe names, zip bombs, see zip.ts);
 * the .shp/.shx/.dbf/.prj/.cpg of ONE layer (the named one, else the first alphabetically — the
 * others are reported in `warnings`) are extracted under fixed names into a private temp dir; .shx,
 * .shp and .dbf are cross-checked before reading; the encoding comes from .cpg (GBK when absent);
 * the CRS from .prj, else from the coordinate ranges in the .shp header.
 */
export async function openZippedShapefile(zipPath: string, opts: ZippedShapefileOptions = {}): Promise<FeatureSource & { warnings: FormatProblem[] }> {
  const zip = await openSafeZip(zipPath, opts);
  const warnings: FormatProblem[] = [];
  let dir: string | null = null;
  try {
    const layers = new Map<string, Partial<Record<Part, ZipEntryInfo>>>();
    for (const e of zip.entries) {
      const parts = splitName(e.name);
      if (!parts || isJunk(e.name) || !(PARTS as readonly string[]).includes(parts.ext)) continue;
      const key = parts.base.toLowerCase();
      const layer = layers.get(key) ?? {};
      layer[parts.ext as Part] = e;
      layers.set(key, layer);
    }
    const withShp = [...layers.entries()].filter(([, l]) => l.shp).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (withShp.length === 0) {
      fail(E.IMPORT_ZIP_NO_LAYER, `the zip holds no .shp file (entries: ${zip.entries.slice(0, 10).map((e) => e.name).join(', ') || 'none'})`);
    }
    let chosen = withShp[0]!;
    if (opts.layer) {
      const want = opts.layer.toLowerCase().replace(/\.shp$/, '');
      const found = withShp.find(([key]) => key === want || path.posix.basename(key) === want);
      if (!found) fail(E.IMPORT_LAYER_MISSING, `layer "${opts.layer}" is not in the zip (layers: ${withShp.map(([, l]) => l.shp!.name).join(', ')})`);
      chosen = found;
    }
    if (withShp.length > 1) {
      const others = withShp.filter((l) => l !== chosen).map(([, l]) => l.shp!.name);
      warnings.push({ code: 'IMPORT_OTHER_LAYERS', message: `the zip holds ${withShp.length} layers; read ${chosen[1].shp!.name}, not ${others.join(', ')}`, zh: `压缩包含 ${withShp.length} 个图层，已读取 ${chosen[1].shp!.name}，未读取 ${others.join('、')}` });
    }
    const layer = chosen[1];
    const layerName = path.posix.basename(splitName(layer.shp!.name)!.base);
    for (const need of ['shx', 'dbf'] as const) {
      if (!layer[need]) fail(E.IMPORT_SHP_MISSING_PART, `layer ${layer.shp!.name} has no .${need} file in the zip`, { part: need });
    }

    // Fixed names inside a private directory: entry names never become paths.
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'landgov-shp-'));
    const file = (part: Part) => path.join(dir!, `layer.${part}`);
    for (const part of PARTS) if (layer[part]) await zip.extract(layer[part]!, file(part));
    zip.close();

    const header = await validateShapefileParts(file('shp'), file('shx'), file('dbf'));
    let encoding = 'gb18030';
    if (layer.cpg) {
      const cpg = (await fs.readFile(file('cpg'), 'latin1')).trim();
      const mapped = encodingFromCodePage(cpg);
      if (mapped) encoding = mapped;
      else warnings.push({ code: 'IMPORT_CPG_UNKNOWN', message: `.cpg says "${cpg}", which is not a known encoding; GBK assumed`, zh: `.cpg 中的编码“${cpg}”无法识别，按 GBK 读取` });
    }
    let crs: CrsInfo;
    if (layer.prj) {
      crs = detectCrsFromPrj(await fs.readFile(file('prj'), 'utf8'));
    } else {
      const found = detectCrsFromCoordinates(header.bbox, opts.zoneHint);
      crs = { ...found, source: `${found.source} (no .prj)` };
    }
    const fields = await readDbfFields(file('dbf'), encoding);
    const tmp = dir;
    return {
      format: 'shapefile',
      name: layerName,
      crs,
      fields,
      count: header.count,
      warnings,
      features: () => readFeatures(file('shp'), file('dbf'), encoding, header.count, SHAPE_TYPES[header.shapeType]!),
      close: () => fs.rm(tmp, { recursive: true, force: true }),
    };
  } catch (e) {
    zip.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

function scalar(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return Number.isNaN(v.getTime()) ? null : `${v.getFullYear()}-${p(v.getMonth() + 1)}-${p(v.getDate())}`;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function corrupt(n: number, why: string): never {
  fail(E.IMPORT_SHP_CORRUPT, `record ${n}: ${why}`, { featureNumber: n, recordNumber: n });
}

async function* readFeatures(shpPath: string, dbfPath: string, encoding: string, count: number, layerType: string): AsyncGenerator<SourceFeature> {
  let source;
  try {
    source = await shapefile.open(shpPath, dbfPath, { encoding });
  } catch (e) {
    corrupt(1, `the file cannot be read (${(e as Error).message})`);
  }
  let n = 0;
  try {
    for (;;) {
      let r;
      try {
        r = await source.read();
      } catch (e) {
        if (e instanceof AppError) throw e;
        corrupt(n + 1, `cannot be decoded (${(e as Error).message}) in this ${layerType} layer`);
      }
      if (r.done || !r.value) break;
      n++;
      if (n > count) corrupt(n, `the .shp holds more records than its .shx indexes (${count})`);
      const properties: SourceFeature['properties'] = {};
      for (const [k, v] of Object.entries(r.value.properties ?? {})) properties[k] = scalar(v);
      yield { n, properties, geometry: r.value.geometry ?? null };
    }
  } finally {
    await source.cancel().catch(() => undefined);
  }
  if (n < count) corrupt(n + 1, `missing: the .shx indexes ${count} records but only ${n} could be read`);
}
