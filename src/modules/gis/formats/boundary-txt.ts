import type { MultiPolygon, Polygon } from 'geojson';
import { buildParcel, checkOverlaps, type BuiltParcel, type PointRecord } from './boundary-geometry.ts';
import { resolveAxesAndZone, type RawPoint } from './boundary-zone.ts';
import { fail, failWithProblems, FormatErrors as E, type FormatProblem } from './errors.ts';
import { decodeText, normaliseWidth, type DetectedEncoding } from './text.ts';
import type { CrsInfo, FeatureSource, FieldDef, SourceFeature } from './types.ts';

/**
 * The national boundary-coordinate exchange TXT (勘测定界界址点坐标交换格式), DOMAIN.md §1:
 * [属性描述] key=value header, [地块坐标] blocks of a parcel line ending with @ and point lines
 * 点号,圈号,X,Y with X = northing and Y = easting (usually with the zone prefix).
 */
export interface BoundaryParseOptions {
  /** Zone (带号) to use when the file states none and the coordinates carry no prefix. */
  zone?: number;
  zoneWidth?: 3 | 6;
  /** Relative tolerance of declared vs computed area before a warning (default 0.01 = 1 %). */
  areaTolerance?: number;
  /** Refuse larger inputs (default 20 MB; boundary files are small). */
  maxBytes?: number;
}

export interface Parcel {
  /** 1-based parcel number in the file. */
  n: number;
  /** Line of the parcel header (地块属性行). */
  line: number;
  /** Positional attributes before the final @, empty strings kept. */
  attributes: string[];
  界址点数: number | null;
  地块面积: string;
  地块编号: string;
  地块名称: string;
  记录图形属性: string;
  图幅号: string;
  地块用途: string;
  地类编码: string;
  /** In the source Gauss-Krüger CRS, GIS order; shells counter-clockwise, holes clockwise. */
  geometry: Polygon | MultiPolygon;
  /** Planar (projected) area in m². */
  computedAreaM2: number;
  /** 地块面积 read as hectares (公顷), null when empty or unreadable. */
  declaredAreaHa: number | null;
  /** Point lines read for this parcel (including closing points). */
  pointLines: number;
}

export interface BoundaryTxt {
  encoding: DetectedEncoding;
  /** [属性描述] keys. */
  header: Record<string, string>;
  /** Every other [section] as opaque key=value pairs. */
  sections: Record<string, Record<string, string>>;
  crs: CrsInfo;
  parcels: Parcel[];
  warnings: FormatProblem[];
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

interface RawParcel {
  n: number;
  line: number;
  attributes: string[];
  points: RawPoint[];
}

/**
 * Parses a boundary-coordinate TXT. Throws AppError (BOUNDARY_* / IMPORT_ENCODING_UNKNOWN /
 * IMPORT_CRS_LEGACY_DATUM) carrying every problem found (`extra.problems`), each naming the line or
 * parcel; returns warnings for what it repaired (swapped columns, unclosed rings, repeated points,
 * area differences).
 */
export function parseBoundaryTxt(bytes: Uint8Array, opts: BoundaryParseOptions = {}): BoundaryTxt {
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  if (bytes.length > maxBytes) fail(E.BOUNDARY_FILE_TOO_LARGE, `the file has ${bytes.length} bytes; at most ${maxBytes} are accepted`, { size: bytes.length });
  const decoded = decodeText(bytes);
  if (!decoded) fail(E.IMPORT_ENCODING_UNKNOWN, `the ${bytes.length} bytes are neither valid UTF-8 nor GBK/GB18030 text`, { size: bytes.length });

  const errors: FormatProblem[] = [];
  const warnings: FormatProblem[] = [];
  const err = (code: string, line: number, en: string, zh: string) => errors.push({ code, line, message: `line ${line}: ${en}`, zh: `第${line}行：${zh}` });
  const header: Record<string, string> = {};
  const sections: Record<string, Record<string, string>> = {};
  const raw: RawParcel[] = [];
  let section: string | null = null;
  let sawCoordinates = false;

  const lines = decoded.text.replace(/\x1a/g, '').split(/\r\n|\n|\r/);
  lines.forEach((original, index) => {
    const lineNo = index + 1;
    const line = normaliseWidth(original).trim();
    if (!line) return;
    const sec = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (sec) {
      section = sec[1]!;
      if (section === '地块坐标') sawCoordinates = true;
      return;
    }
    if (section !== '地块坐标') {
      const eq = line.indexOf('=');
      if (section === null || eq < 0) {
        warnings.push({ code: 'BOUNDARY_LINE_IGNORED', line: lineNo, message: `line ${lineNo}: "${line.slice(0, 40)}" is not key=value in a [section]; ignored`, zh: `第${lineNo}行：“${line.slice(0, 40)}”不是节内的“键=值”，已忽略` });
        return;
      }
      const target = section === '属性描述' ? header : (sections[section] ??= {});
      target[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      return;
    }
    if (line.endsWith('@')) {
      let body = line.slice(0, -1).trim();
      if (body.endsWith(',')) body = body.slice(0, -1);
      raw.push({ n: raw.length + 1, line: lineNo, attributes: body.split(',').map((s) => s.trim()), points: [] });
      return;
    }
    const fields = line.split(',').map((s) => s.trim());
    while (fields.length > 4 && fields[fields.length - 1] === '') fields.pop();
    const parcel = raw[raw.length - 1];
    if (!parcel) return void err(E.BOUNDARY_FILE_INVALID, lineNo, `a point line comes before any parcel line ending with @`, `界址点行之前没有以 @ 结尾的地块属性行`);
    if (fields.length < 4) return void err(E.BOUNDARY_FILE_INVALID, lineNo, `expected 4 fields (点号,圈号,X,Y), found ${fields.length}: "${line}"`, `应为 4 项（点号,圈号,X,Y），实际 ${fields.length} 项：“${line}”`);
    if (fields.length > 4) {
      warnings.push({ code: 'BOUNDARY_EXTRA_FIELDS', line: lineNo, parcel: parcel.n, message: `line ${lineNo}: ${fields.length} fields; only the first 4 (点号,圈号,X,Y) are used`, zh: `第${lineNo}行：有 ${fields.length} 项，只使用前 4 项（点号,圈号,X,Y）` });
    }
    const [id, ringText, xText, yText] = fields as [string, string, string, string];
    const ring = Number(ringText);
    if (!Number.isInteger(ring) || ring < 1) return void err(E.BOUNDARY_FILE_INVALID, lineNo, `ring number (圈号) "${ringText}" is not a positive integer`, `圈号“${ringText}”不是正整数`);
    if (!NUMBER.test(xText) || !NUMBER.test(yText)) return void err(E.BOUNDARY_FILE_INVALID, lineNo, `coordinates "${xText}", "${yText}" are not numbers`, `坐标“${xText}”“${yText}”不是数字`);
    parcel.points.push({ id, ring, a: Number(xText), b: Number(yText), line: lineNo });
  });

  if (!sawCoordinates || raw.length === 0) {
    fail(E.BOUNDARY_NO_PARCELS, sawCoordinates ? 'the [地块坐标] section holds no parcel line ending with @' : 'the file has no [地块坐标] section', {});
  }
  if (errors.length) failWithProblems(errors);

  const resolved = resolveAxesAndZone(header, raw.flatMap((p) => p.points), opts, warnings);
  const tolerance = opts.areaTolerance ?? 0.01;
  const built: { label: string; labelZh: string; n: number; built: BuiltParcel }[] = [];
  const parcels: Parcel[] = [];
  for (const rp of raw) {
    const a = rp.attributes;
    const name = a[3] ?? '';
    const label = `parcel ${rp.n}${name ? ` (${name})` : ''}`;
    const labelZh = `第${rp.n}个地块${name ? `（${name}）` : ''}`;
    if (rp.points.length === 0) {
      errors.push({ code: E.BOUNDARY_TOO_FEW_POINTS, parcel: rp.n, line: rp.line, message: `${label} (line ${rp.line}) has no point lines`, zh: `${labelZh}（第${rp.line}行）没有界址点` });
      continue;
    }
    const points: PointRecord[] = rp.points.map((p) => ({ id: p.id, ring: p.ring, line: p.line, p: resolved.toGis(p) }));
    const b = buildParcel(label, labelZh, rp.n, points, errors, warnings);
    if (!b) continue;
    built.push({ label, labelZh, n: rp.n, built: b });
    const declared = parseDeclaredArea(a[1] ?? '');
    const computedHa = b.areaM2 / 10000;
    if (declared !== null && Math.abs(declared - computedHa) > tolerance * computedHa) {
      const pct = ((Math.abs(declared - computedHa) / computedHa) * 100).toFixed(1);
      warnings.push({ code: 'BOUNDARY_AREA_MISMATCH', parcel: rp.n, line: rp.line, message: `${label}: declared area ${declared.toFixed(4)} ha differs from the computed ${computedHa.toFixed(4)} ha by ${pct} %`, zh: `${labelZh}：填写面积 ${declared.toFixed(4)} 公顷与计算面积 ${computedHa.toFixed(4)} 公顷相差 ${pct}%` });
    }
    const declaredCount = a[0] && /^\d+$/.test(a[0]) ? Number(a[0]) : null;
    if (declaredCount !== null && declaredCount !== rp.points.length) {
      warnings.push({ code: 'BOUNDARY_POINT_COUNT_MISMATCH', parcel: rp.n, line: rp.line, message: `${label}: 界址点数 says ${declaredCount} but ${rp.points.length} point lines follow`, zh: `${labelZh}：界址点数填写 ${declaredCount}，实际 ${rp.points.length} 行` });
    }
    parcels.push({
      n: rp.n, line: rp.line, attributes: a, 界址点数: declaredCount, 地块面积: a[1] ?? '', 地块编号: a[2] ?? '', 地块名称: name,
      记录图形属性: a[4] ?? '', 图幅号: a[5] ?? '', 地块用途: a[6] ?? '', 地类编码: a[7] ?? '',
      geometry: b.geometry, computedAreaM2: b.areaM2, declaredAreaHa: declared, pointLines: rp.points.length,
    });
  }
  checkOverlaps(built, errors);
  if (errors.length) failWithProblems(errors);
  return { encoding: decoded.encoding, header, sections, crs: resolved.crs, parcels, warnings };
}

/** 地块面积 in hectares: plain numbers are 公顷; 平方米/m² and 亩 suffixes are converted. */
export function parseDeclaredArea(text: string): number | null {
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(公顷|ha|平方米|m2|m²|亩)?$/i.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]);
  const unit = m[2]?.toLowerCase();
  if (unit === '平方米' || unit === 'm2' || unit === 'm²') return v / 10000;
  if (unit === '亩') return v / 15;
  return v;
}

export const BOUNDARY_FIELDS: FieldDef[] = [
  { name: '界址点数', type: 'integer' },
  { name: '地块面积', type: 'number' },
  { name: '地块编号', type: 'string' },
  { name: '地块名称', type: 'string' },
  { name: '记录图形属性', type: 'string' },
  { name: '图幅号', type: 'string' },
  { name: '地块用途', type: 'string' },
  { name: '地类编码', type: 'string' },
  { name: '计算面积', type: 'number' },
];

/** The parsed file as a FeatureSource (one feature per parcel; 地块面积 = declared ha, 计算面积 = computed m²). */
export function openBoundaryTxt(bytes: Uint8Array, opts: BoundaryParseOptions = {}): FeatureSource & { warnings: FormatProblem[]; header: Record<string, string> } {
  const parsed = parseBoundaryTxt(bytes, opts);
  return {
    format: 'boundary-txt',
    name: null,
    crs: parsed.crs,
    fields: BOUNDARY_FIELDS,
    count: parsed.parcels.length,
    warnings: parsed.warnings,
    header: parsed.header,
    async *features(): AsyncIterable<SourceFeature> {
      for (const p of parsed.parcels) {
        yield {
          n: p.n,
          properties: {
            界址点数: p.界址点数, 地块面积: p.declaredAreaHa, 地块编号: p.地块编号, 地块名称: p.地块名称, 记录图形属性: p.记录图形属性,
            图幅号: p.图幅号, 地块用途: p.地块用途, 地类编码: p.地类编码, 计算面积: Math.round(p.computedAreaM2 * 100) / 100,
          },
          geometry: p.geometry,
        };
      }
    },
    async close() {},
  };
}
