import type { MultiPolygon, Polygon, Position } from 'geojson';
import iconv from 'iconv-lite';
import { signedArea, type Pt } from './planar.ts';

/** A parcel to write: geometry in the Gauss-Krüger CRS of the file (GIS order: x = easting). */
export interface WritableParcel {
  geometry: Polygon | MultiPolygon;
  地块编号?: string;
  地块名称?: string;
  图幅号?: string;
  地块用途?: string;
  地类编码?: string;
}

/** The standard [属性描述] keys, in the order producers write them (DOMAIN.md §1.3). */
const HEADER_KEYS = ['格式版本号', '数据产生单位', '数据产生日期', '坐标系', '几度分带', '投影类型', '计量单位', '带号', '精度', '转换参数'];
const HEADER_DEFAULTS: Record<string, string> = {
  格式版本号: '1.01版本',
  坐标系: '2000国家大地坐标系',
  几度分带: '3',
  投影类型: '高斯克吕格',
  计量单位: '米',
  精度: '0.001',
  转换参数: ',,,,,,',
};

/** Commas and @ would break the positional format. */
function clean(v: string | undefined): string {
  return (v ?? '').replace(/[,，@\r\n]/g, ' ').trim();
}

/** Starts a ring at its north-west-most vertex (cadastral habit) and makes it clockwise on the map. */
function surveyRing(ring: Position[], clockwise: boolean): Pt[] {
  let pts = ring.map((p) => [p[0]!, p[1]!] as Pt);
  if (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1]) pts = pts.slice(0, -1);
  if (signedArea(pts) < 0 !== clockwise) pts.reverse();
  let start = 0;
  pts.forEach((p, i) => {
    if (p[1] - p[0] > pts[start]![1] - pts[start]![0]) start = i;
  });
  return [...pts.slice(start), ...pts.slice(0, start)];
}

function areaHa(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let m2 = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const a = Math.abs(signedArea(ring.map((p) => [p[0]!, p[1]!] as Pt)));
      m2 += i === 0 ? a : -a;
    });
  }
  return m2 / 10000;
}

/**
 * Writes a boundary-coordinate TXT per DOMAIN.md §1.9: CRLF, GBK by default, 3 decimals for
 * coordinates, area in hectares with 4 decimals, 转换参数=,,,,,, kept, explicit closing point per ring,
 * outer ring number 1 and further rings numbered on, @ terminator, X = northing first.
 */
export function writeBoundaryTxt(parcels: WritableParcel[], header: Record<string, string>, opts: { encoding?: 'gbk' | 'utf8' } = {}): Buffer {
  const out: string[] = ['[属性描述]'];
  const merged = { ...HEADER_DEFAULTS, ...header };
  if (!merged['转换参数']) merged['转换参数'] = ',,,,,,';
  for (const key of HEADER_KEYS) out.push(`${key}=${merged[key] ?? ''}`);
  for (const [k, v] of Object.entries(header)) if (!HEADER_KEYS.includes(k)) out.push(`${k}=${v}`);
  out.push('[地块坐标]');
  parcels.forEach((parcel, index) => {
    const polys = parcel.geometry.type === 'Polygon' ? [parcel.geometry.coordinates] : parcel.geometry.coordinates;
    const lines: string[] = [];
    let ringNo = 0;
    let pointNo = 0;
    for (const poly of polys) {
      poly.forEach((ring, i) => {
        ringNo += 1;
        const pts = surveyRing(ring, i === 0);
        const firstId = `J${pointNo + 1}`;
        for (const p of pts) lines.push(`J${++pointNo},${ringNo},${p[1].toFixed(3)},${p[0].toFixed(3)}`);
        lines.push(`${firstId},${ringNo},${pts[0]![1].toFixed(3)},${pts[0]![0].toFixed(3)}`);
      });
    }
    const attrs = [
      String(lines.length),
      areaHa(parcel.geometry).toFixed(4),
      clean(parcel.地块编号) || String(index + 1),
      clean(parcel.地块名称) || `地块${index + 1}`,
      '面',
      clean(parcel.图幅号),
      clean(parcel.地块用途),
      clean(parcel.地类编码),
    ];
    out.push(`${attrs.join(',')},@`, ...lines);
  });
  const text = out.join('\r\n') + '\r\n';
  return opts.encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gbk');
}
