import geographiclib from 'geographiclib-geodesic';
import type { Geometry } from 'geojson';
import { transformer } from '../../src/modules/gis/formats/index.ts';
import { GisService } from '../../src/modules/gis/service.ts';
import { memorySource, rect } from '../gis/helpers.ts';
import type { TestApp } from '../helpers/app.ts';

// Gauss-Krüger 3° zone 38 with prefix (EPSG:4526), near 112.70°E 26.80°N (DOMAIN.md §1.6).
export const X0 = 38370700;
export const Y0 = 2966120;
export const GK = 4526;

const toLonLat = transformer(GK, 4490);
const cgcs2000 = new geographiclib.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Ellipsoidal area (m², GRS80) of a GK rectangle [x, y, w, h] relative to X0/Y0, minus holes, with GeographicLib. */
export function ellipsoidalRectArea(x: number, y: number, w: number, h: number, holes: [number, number, number, number][] = []): number {
  const ring = (rx: number, ry: number, rw: number, rh: number) => {
    const p = cgcs2000.Polygon(false);
    for (const [px, py] of [[rx, ry], [rx + rw, ry], [rx + rw, ry + rh], [rx, ry + rh]] as [number, number][]) {
      const [lon, lat] = toLonLat([X0 + px, Y0 + py]);
      p.AddPoint(lat, lon);
    }
    return Math.abs(p.Compute(false, true).area ?? 0);
  };
  return ring(x, y, w, h) - holes.reduce((s, hh) => s + ring(...hh), 0);
}

/** A GK rectangle relative to X0/Y0 (optionally with a hole, also relative). */
export function box(x: number, y: number, w: number, h: number, hole?: [number, number, number, number]): Geometry {
  return rect(X0 + x, Y0 + y, w, h, hole ? [X0 + hole[0], Y0 + hole[1], hole[2], hole[3]] : undefined);
}

/** The same rectangle as GeoJSON in EPSG:4490. */
export function box4490(x: number, y: number, w: number, h: number): Geometry {
  const ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]].map(([px, py]) => toLonLat([X0 + px!, Y0 + py!]));
  return { type: 'Polygon', coordinates: [ring] };
}

const DEF = { category: 'management' as const, geometryType: 'polygon' as const, access: 'staff' as const };

export async function importLayer(t: TestApp, code: string, features: { properties: Record<string, string | number | null>; geometry: Geometry }[]) {
  const gis = new GisService(t.ctx);
  return gis.importSource(null, t.region, code, memorySource(GK, features), { define: { name: code, ...DEF } });
}

/**
 * The hand-built county of the review tests, a 200 m × 200 m block at X0/Y0 (GK zone 38):
 * DLTB quadrants (0101 水田 SW, 0103 旱地 SE, 0301 乔木林地 NW, 0701 城镇住宅 NE); 永久基本农田 the SW
 * quadrant with a 20 m hole at (60,60); 生态红线 [140,200]²; 城镇开发边界 x < 120; planned use 0701
 * south half, 0101 north half; approved land, supplied land, a mining right, a high hazard zone.
 * The standard boundary is the square [50,150]².
 */
export async function buildCounty(t: TestApp) {
  await importLayer(t, 'XZQ', [{ properties: { XZQDM: '430422', XZQMC: '测试县', JB: '县' }, geometry: box(-5000, -5000, 10000, 10000) }]);
  await importLayer(t, 'DLTB', [
    { properties: { BSM: 1, DLBM: '0101', DLMC: '水田', QSXZ: '30', KCXS: 0.1 }, geometry: box(0, 0, 100, 100) },
    { properties: { BSM: 2, DLBM: '0103', DLMC: '旱地', QSXZ: '30' }, geometry: box(100, 0, 100, 100) },
    { properties: { BSM: 3, DLBM: '0301', DLMC: '乔木林地', QSXZ: '30' }, geometry: box(0, 100, 100, 100) },
    { properties: { BSM: 4, DLBM: '0701', DLMC: '城镇住宅用地', QSXZ: '20' }, geometry: box(100, 100, 100, 100) },
  ]);
  await importLayer(t, 'YJJBNTBHTB', [{ properties: { YJJBNTTBBH: 'JB001', DLBM: '0101', DLMC: '水田' }, geometry: box(0, 0, 100, 100, [60, 60, 20, 20]) }]);
  await importLayer(t, 'STBHHX', [{ properties: { HXMC: '测试红线', HXLX: '水源涵养' }, geometry: box(140, 140, 60, 60) }]);
  await importLayer(t, 'CZKFBJ', [{ properties: { FQLX: '集中建设区', CZMC: '测试镇' }, geometry: box(0, 0, 120, 200) }]);
  await importLayer(t, 'GHYDYH', [
    { properties: { YDYHFLDM: '0701', YDYHFLMC: '城镇住宅用地' }, geometry: box(0, 0, 200, 100) },
    { properties: { YDYHFLDM: '0101', YDYHFLMC: '水田' }, geometry: box(0, 100, 200, 100) },
  ]);
  await importLayer(t, 'PZYD', [{ properties: { XMMC: '已批项目', PZWH: '湘政地〔2024〕1号' }, geometry: box(0, 0, 60, 60) }]);
  await importLayer(t, 'GYD', [{ properties: { DZJGH: 'GY001', XMMC: '已供项目' }, geometry: box(180, 180, 20, 20) }]);
  await importLayer(t, 'CKQ', [{ properties: { XKZH: 'C4304222024', KQMC: '测试矿' }, geometry: box(130, 0, 70, 70) }]);
  await importLayer(t, 'DZZHYFQ', [
    { properties: { YFQBH: 'YFQ0001', YFCD: '高易发' }, geometry: box(0, 0, 200, 60) },
    { properties: { YFQBH: 'YFQ0002', YFCD: '低易发' }, geometry: box(0, 60, 200, 140) },
  ]);
}

/** A boundary TXT (UTF-8) for parcels given as GK rectangles relative to X0/Y0. */
export function boundaryTxt(parcels: { rect: [number, number, number, number]; areaHa?: number }[], header: Record<string, string> = { 坐标系: '2000国家大地坐标系', 几度分带: '3', 带号: '38' }): string {
  const lines = ['[属性描述]', ...Object.entries(header).map(([k, v]) => `${k}=${v}`), '[地块坐标]'];
  parcels.forEach((p, i) => {
    const [x, y, w, h] = p.rect;
    const pts = [[x, y + h], [x + w, y + h], [x + w, y], [x, y], [x, y + h]];
    lines.push(`${pts.length},${(p.areaHa ?? (w * h) / 10000).toFixed(4)},${i + 1},地块${i + 1},面,,工业用地,,@`);
    pts.forEach(([px, py], k) => lines.push(`J${(k % 4) + 1},1,${(Y0 + py!).toFixed(3)},${(X0 + px!).toFixed(3)}`));
  });
  return lines.join('\r\n') + '\r\n';
}

/** A multipart/form-data body with text fields and an optional file part named "file". */
export function form(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = `----review${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A DXF drawing with closed (or open) LWPOLYLINEs: [layer, GK rectangle relative to X0/Y0, closed]. */
export function dxf(polylines: [string, [number, number, number, number], boolean][]): string {
  const out = ['0', 'SECTION', '2', 'ENTITIES'];
  for (const [layer, [x, y, w, h], closed] of polylines) {
    out.push('0', 'LWPOLYLINE', '8', layer, '90', '4', '70', closed ? '1' : '0');
    for (const [px, py] of [[x, y], [x + w, y], [x + w, y + h], [x, y + h]] as [number, number][]) out.push('10', (X0 + px).toFixed(3), '20', (Y0 + py).toFixed(3));
  }
  out.push('0', 'ENDSEC', '0', 'EOF');
  return out.join('\r\n') + '\r\n';
}
