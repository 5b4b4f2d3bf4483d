import { describeEpsg, epsgForZone } from './crs.ts';
import { fail, failWithProblems, FormatErrors as E, type FormatProblem } from './errors.ts';
import type { Pt } from './planar.ts';
import type { CrsInfo } from './types.ts';

/** A point line as written: a = third column (X), b = fourth column (Y). */
export interface RawPoint {
  id: string;
  ring: number;
  a: number;
  b: number;
  line: number;
}

const isNorthing = (v: number) => v >= 2e5 && v <= 6.1e6;
const isPrefixedEasting = (v: number) => v >= 13e6 && v < 46e6;
const isPlainEasting = (v: number) => v >= 1e5 && v <= 9e5;

/** 'normal' when X = northing, Y = easting; 'swapped' when the columns are the other way round. */
function orderOf(p: RawPoint): 'normal' | 'swapped' | null {
  if (isNorthing(p.a) && (isPrefixedEasting(p.b) || (isPlainEasting(p.b) && p.a >= 1e6))) return 'normal';
  if (isNorthing(p.b) && (isPrefixedEasting(p.a) || (isPlainEasting(p.a) && p.b >= 1e6))) return 'swapped';
  return null;
}

function headerValue(header: Record<string, string>, ...keys: string[]): string {
  for (const k of keys) if (header[k] !== undefined && header[k] !== '') return header[k]!;
  return '';
}

/**
 * Decides which column is the northing (by magnitude, not by the header text) and the zone (from the
 * easting's zone prefix or 带号, cross-checked), and refuses legacy datums. Adds a warning when the
 * columns were swapped; throws with every offending line otherwise.
 */
export function resolveAxesAndZone(
  header: Record<string, string>,
  points: RawPoint[],
  opts: { zone?: number; zoneWidth?: 3 | 6 },
  warnings: FormatProblem[],
): { crs: CrsInfo; toGis: (p: RawPoint) => Pt } {
  const datum = headerValue(header, '坐标系', '坐标系统');
  if (/西安|1980|80|北京|1954|54/.test(datum) && !/2000/.test(datum)) {
    fail(E.IMPORT_CRS_LEGACY_DATUM, `坐标系=${datum}: Xian 1980 / Beijing 1954 coordinates need a 7-parameter transformation to CGCS2000`, { 坐标系: datum });
  }
  if (datum && !/2000|CGCS/i.test(datum)) {
    warnings.push({ code: 'BOUNDARY_DATUM_ASSUMED', message: `坐标系=${datum} is not recognised; CGCS2000 assumed`, zh: `坐标系“${datum}”无法识别，按 2000 国家大地坐标系处理` });
  } else if (!datum) {
    warnings.push({ code: 'BOUNDARY_DATUM_ASSUMED', message: '坐标系 is empty; CGCS2000 assumed', zh: '未填写坐标系，按 2000 国家大地坐标系处理' });
  }

  // 1. Axis order by magnitude: the majority decides, lines disagreeing are reported.
  const errors: FormatProblem[] = [];
  const orders = points.map(orderOf);
  const normal = orders.filter((o) => o === 'normal').length;
  const swapped = orders.filter((o) => o === 'swapped').length;
  const order = swapped > normal ? 'swapped' : 'normal';
  points.forEach((p, i) => {
    const o = orders[i];
    if (o === null) {
      errors.push({ code: E.BOUNDARY_COORDINATES_UNRECOGNISED, line: p.line, message: `line ${p.line}: X=${p.a}, Y=${p.b} are not Gauss-Kruger coordinates in China (X = northing 200 000–6 100 000, Y = easting with zone prefix or 100 000–900 000)`, zh: `第${p.line}行：X=${p.a}，Y=${p.b} 不是我国范围内的高斯-克吕格坐标` });
    } else if (o !== order) {
      errors.push({ code: E.BOUNDARY_COORDINATES_UNRECOGNISED, line: p.line, message: `line ${p.line}: X and Y are in the other order than in the rest of the file (X=${p.a}, Y=${p.b})`, zh: `第${p.line}行：X、Y 顺序与文件其余各行相反（X=${p.a}，Y=${p.b}）` });
    }
  });
  if (errors.length) failWithProblems(errors.slice(0, 50));
  if (order === 'swapped') {
    warnings.push({ code: 'BOUNDARY_AXES_SWAPPED', line: points[0]?.line, message: `the X and Y columns are swapped (X holds eastings such as ${points[0]!.a}); read them the other way round`, zh: `X、Y 两列顺序颠倒（X 列为东坐标，如 ${points[0]!.a}），已按相反顺序读取` });
  }
  const northing = (p: RawPoint) => (order === 'normal' ? p.a : p.b);
  const easting = (p: RawPoint) => (order === 'normal' ? p.b : p.a);

  // 2. Zone: from the prefix ("大数") when present, else 带号, else the caller's hint.
  const widthText = headerValue(header, '几度分带', '分带');
  const declaredWidth = /6/.test(widthText) ? 6 : /3/.test(widthText) ? 3 : undefined;
  const zoneText = headerValue(header, '带号', '投影带号');
  let declaredZone: number | undefined = zoneText && /^\d+$/.test(zoneText) ? Number(zoneText) : undefined;
  if (zoneText && declaredZone === undefined) {
    warnings.push({ code: 'BOUNDARY_ZONE_UNREADABLE', message: `带号=${zoneText} is not a number; ignored`, zh: `带号“${zoneText}”不是数字，已忽略` });
  }
  if (declaredZone !== undefined && declaredZone > 45 && declaredZone % 3 === 0 && declaredWidth !== 6) {
    warnings.push({ code: 'BOUNDARY_ZONE_IS_MERIDIAN', message: `带号=${declaredZone} is a central meridian; read as 3° zone ${declaredZone / 3}`, zh: `带号填写的是中央经线 ${declaredZone}，按 3 度带第 ${declaredZone / 3} 带处理` });
    declaredZone /= 3;
  }
  const prefixed = isPrefixedEasting(easting(points[0]!));
  let zone: number;
  let how: string;
  if (prefixed) {
    const zones = new Map<number, RawPoint>();
    for (const p of points) {
      const z = Math.floor(easting(p) / 1e6);
      if (!zones.has(z)) zones.set(z, p);
      if (!isPrefixedEasting(easting(p))) {
        errors.push({ code: E.BOUNDARY_ZONE_MISMATCH, line: p.line, message: `line ${p.line}: Y=${easting(p)} has no zone prefix while line ${points[0]!.line} has one`, zh: `第${p.line}行：Y=${easting(p)} 不带带号，而第${points[0]!.line}行带带号` });
      }
    }
    if (zones.size > 1) {
      const [[z1, p1], [z2, p2]] = [...zones.entries()] as [[number, RawPoint], [number, RawPoint]];
      errors.push({ code: E.BOUNDARY_ZONE_MISMATCH, line: p2.line, message: `line ${p2.line}: zone prefix ${z2} differs from zone prefix ${z1} of line ${p1.line}`, zh: `第${p2.line}行的带号 ${z2} 与第${p1.line}行的带号 ${z1} 不同` });
    }
    zone = zones.keys().next().value!;
    const first = points[0]!;
    if (declaredZone !== undefined && declaredZone !== zone) {
      errors.push({ code: E.BOUNDARY_ZONE_MISMATCH, line: first.line, message: `带号=${declaredZone} but the Y coordinates carry zone prefix ${zone} (line ${first.line}: Y=${easting(first)})`, zh: `带号填写为 ${declaredZone}，但 Y 坐标带号为 ${zone}（第${first.line}行：Y=${easting(first)}）` });
    }
    how = `Y coordinates carry zone prefix ${zone} (line ${first.line}: X=${northing(first)}, Y=${easting(first)})`;
  } else {
    const z = declaredZone ?? opts.zone;
    if (z === undefined) {
      fail(E.BOUNDARY_ZONE_MISSING, `the Y coordinates have no zone prefix (line ${points[0]!.line}: Y=${easting(points[0]!)}) and 带号 is empty; state the zone`, { line: points[0]!.line });
    }
    zone = z;
    how = `${declaredZone !== undefined ? `带号=${declaredZone}` : `zone ${z} as given`}; Y coordinates without zone prefix`;
  }
  if (errors.length) failWithProblems(errors.slice(0, 50));
  const width: 3 | 6 = declaredWidth ?? opts.zoneWidth ?? (zone >= 13 && zone <= 23 ? 6 : 3);
  const epsg = epsgForZone(zone, width, prefixed);
  if (!epsg) {
    fail(E.BOUNDARY_ZONE_MISMATCH, `zone ${zone} is not a ${width}° Gauss-Kruger zone over China (3°: 25–45, 6°: 13–23)`, { zone, width });
  }
  return {
    crs: { epsg, source: 'boundary txt header', evidence: `${how} → ${describeEpsg(epsg)}` },
    toGis: (p) => [easting(p), northing(p)],
  };
}
