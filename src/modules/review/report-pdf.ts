import proj4 from 'proj4';
import { mm, niceLength, PdfBuilder, projectBoundary, type BoundaryGeometry } from '../documents/pdf/index.ts';
import type { LandUse, RuleResult } from './engine/analyse.ts';
import type { Finding } from './boundary/types.ts';
import { VERDICT_NAMES, type Verdict } from './rules/types.ts';

/** A layer drawn under the boundary on the report map: the features the rules counted. */
export interface MapLayer {
  code: string;
  name: string;
  features: { fid: number; geometry: { type: string; coordinates: unknown } }[];
}

export interface ReportForPdf {
  reportNo: string;
  itemCode: string;
  caseId: string | null;
  createdAt: string;
  boundary: { geometry: object; area: { m2: number; ha: number; mu: number }; source: Record<string, unknown>; warnings: Finding[] };
  ruleSetVersion: number;
  layerVersions: Record<string, number | null>;
  overall: Verdict;
  overallComputed: Verdict;
  results: RuleResult[];
  landUse: LandUse;
  overrides: { ruleId: string; computedVerdict: Verdict; verdict: Verdict; reason: string; byName: string | null; at: string }[];
}

const COLOURS = ['#f4c542', '#6fbf73', '#5b9bd5', '#b084cc', '#ed7d31', '#7f7f7f', '#2e8b57', '#c0504d', '#4bacc6', '#9bbb59'];

const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const china = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

function verdictText(r: { verdict: Verdict; computedVerdict: Verdict }): string {
  const v = VERDICT_NAMES[r.verdict].zh;
  return r.verdict === r.computedVerdict ? v : `${v}（系统：${VERDICT_NAMES[r.computedVerdict].zh}，人工改判）`;
}

/**
 * The review report as PDF (A4): report number and data versions, the overlay map (the boundary
 * over the features the rules counted, with legend, scale bar and north arrow), the rule table with
 * verdicts and advice, the land-use breakdown, overrides and warnings. Same report, same bytes.
 */
export async function renderReportPdf(report: ReportForPdf, layers: MapLayer[]): Promise<Buffer> {
  const pdf = new PdfBuilder({ title: `空间合规性辅助审查报告 ${report.reportNo}`, info: { ReportNo: report.reportNo }, creationDate: new Date(report.createdAt), fontSize: 11 });
  pdf.title('建设项目空间合规性辅助审查报告');
  pdf.centred(`报告编号：${report.reportNo}`, { size: 11 });
  const src = report.boundary.source as { fileName?: string | null; crs?: { epsg: number; evidence: string }; format?: string };
  pdf.keyValues([
    ['服务事项', report.itemCode],
    ['办件编号', report.caseId ?? '—'],
    ['红线文件', `${src.fileName ?? '（在线绘制）'}（${src.format ?? ''}）`],
    ['坐标系', src.crs ? `EPSG:${src.crs.epsg}` : '—'],
    ['红线面积', `${fmt(report.boundary.area.m2)} 平方米（${fmt(report.boundary.area.ha, 4)} 公顷，${fmt(report.boundary.area.mu)} 亩）`],
    ['总体结论', verdictText({ verdict: report.overall, computedVerdict: report.overallComputed })],
    ['规则集版本', `第 ${report.ruleSetVersion} 版`],
    ['生成时间', `${china(report.createdAt)}（北京时间）`],
  ], { size: 10 });

  pdf.heading('一、叠加分析图', { size: 13 });
  drawMap(pdf, report.boundary.geometry as BoundaryGeometry, layers);

  pdf.heading('二、审查结论', { size: 13 });
  pdf.table({
    size: 8.5,
    columns: [{ header: '审查项', width: 2 }, { header: '图层（版本）', width: 2 }, { header: '面积（平方米）', width: 1.6, align: 'right' }, { header: '公顷', width: 1.2, align: 'right' }, { header: '亩', width: 1.1, align: 'right' }, { header: '占比', width: 1.1, align: 'right' }, { header: '结论', width: 1.6 }],
    rows: report.results.map((r) => [
      r.title.zh, `${r.layer.name ?? r.layer.code}（${r.layer.version === null ? '无数据' : `v${r.layer.version}`}）`,
      r.measure === 'distance' ? (r.distanceM === null ? '—' : `距 ${fmt(r.distanceM, 1)} 米`) : fmt(r.area.m2), r.measure === 'distance' ? '' : fmt(r.area.ha, 4), r.measure === 'distance' ? '' : fmt(r.area.mu),
      r.measure === 'distance' ? '' : `${fmt(r.share * 100)}%`, verdictText(r),
    ]),
  });
  for (const r of report.results) {
    if (r.verdict === 'PASS' || r.verdict === 'NA') continue;
    pdf.paragraph(`【${r.title.zh}】${r.message.zh}${r.advice ? `。建议：${r.advice.zh}` : ''}${r.legalBasis ? `（依据：${r.legalBasis}）` : ''}`, { size: 9.5 });
    if (r.features.length) pdf.text(`涉及要素：${r.features.slice(0, 12).map((f) => `${f.fid}${Object.values(f.attributes).length ? `（${Object.values(f.attributes).slice(0, 3).join('，')}）` : ''} ${fmt(f.areaM2)} 平方米`).join('；')}${r.features.length > 12 ? ` 等 ${r.features.length} 个` : ''}`, { size: 8.5, color: '#333333' });
  }
  const ignored = report.results.flatMap((r) => r.ignored.map((i) => [r.title.zh, i.fid === null ? '—' : String(i.fid), fmt(i.areaM2), i.reason.zh]));
  if (ignored.length) {
    pdf.text('低于容差未计入的重叠（按规则容差忽略，并非遗漏）：', { size: 9.5, bold: true });
    pdf.table({ size: 8, columns: [{ header: '审查项', width: 2 }, { header: '要素', width: 0.8 }, { header: '面积（平方米）', width: 1.2, align: 'right' }, { header: '原因', width: 5 }], rows: ignored });
  }

  pdf.heading('三、土地利用现状', { size: 13 });
  if (report.landUse.rows.length) {
    pdf.table({
      size: 8.5,
      columns: [{ header: '地类编码' }, { header: '地类名称', width: 1.6 }, { header: '图斑数', align: 'right' }, { header: '面积（平方米）', width: 1.4, align: 'right' }, { header: '公顷', align: 'right' }, { header: '亩', align: 'right' }, { header: '扣除田坎后（平方米）', width: 1.6, align: 'right' }],
      rows: report.landUse.rows.map((x) => [x.dlbm, x.dlmc, String(x.count), fmt(x.area.m2), fmt(x.area.ha, 4), fmt(x.area.mu), fmt(x.netArea?.m2 ?? x.area.m2)]),
    });
  }
  for (const n of report.landUse.notes) pdf.text(n.zh, { size: 9.5, color: '#a00000' });

  pdf.heading('四、数据版本', { size: 13 });
  pdf.table({ size: 8.5, columns: [{ header: '图层' }, { header: '版本' }], rows: [...Object.entries(report.layerVersions).map(([k, v]) => [k, v === null ? '无数据' : `第 ${v} 版`]), ['审查规则集', `第 ${report.ruleSetVersion} 版`]] });

  if (report.overrides.length) {
    pdf.heading('五、人工改判记录', { size: 13 });
    pdf.table({ size: 8.5, columns: [{ header: '审查项', width: 1.6 }, { header: '系统结论' }, { header: '改判结论' }, { header: '理由', width: 3 }, { header: '改判人及时间', width: 2 }],
      rows: report.overrides.map((o) => [o.ruleId, VERDICT_NAMES[o.computedVerdict].zh, VERDICT_NAMES[o.verdict].zh, o.reason, `${o.byName ?? ''} ${china(o.at)}`]) });
  }
  if (report.boundary.warnings.length) {
    pdf.heading(report.overrides.length ? '六、红线文件提示' : '五、红线文件提示', { size: 13 });
    for (const w of report.boundary.warnings.slice(0, 30)) pdf.text(`· ${w.zh}`, { size: 9 });
  }
  pdf.space(6);
  pdf.text(`本报告由系统根据上述数据版本自动生成，同一数据版本重新审查结果一致。报告编号 ${report.reportNo}，生成于 ${china(report.createdAt)}。`, { size: 8.5, color: '#444444' });
  return pdf.toBuffer();
}

/** The overlay map: counted features under the red boundary, in the boundary's Gauss-Krüger plane. */
function drawMap(pdf: PdfBuilder, boundary: BoundaryGeometry, layers: MapLayer[]): void {
  const projected = projectBoundary(boundary);
  const tm = proj4('+proj=longlat +ellps=GRS80 +no_defs', `+proj=tmerc +lat_0=0 +lon_0=${projected.centralMeridian} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`);
  const width = pdf.contentWidth;
  const height = mm(105);
  pdf.ensureSpace(height + 10);
  const doc = pdf.doc;
  const fx = pdf.left;
  const fy = doc.y;
  const [minE, minN, maxE, maxN] = projected.extent;
  // Some context around the boundary: a fifth of its size on each side.
  const margin = Math.max(maxE - minE, maxN - minN, 20) * 0.2;
  const spanE = maxE - minE + 2 * margin;
  const spanN = maxN - minN + 2 * margin;
  const legendW = mm(38);
  const mapW = width - legendW;
  const scale = Math.min(mapW / spanE, height / spanN);
  const ox = fx + (mapW - spanE * scale) / 2;
  const oy = fy + (height + spanN * scale) / 2;
  const toPage = (e: number, n: number): [number, number] => [ox + (e - minE + margin) * scale, oy - (n - minN + margin) * scale];
  const ring = (coords: [number, number][], project: boolean) => {
    coords.forEach(([a, b], i) => {
      const [e, n] = project ? (tm.forward([a, b]) as [number, number]) : [a, b];
      const [px, py] = toPage(e, n);
      if (i === 0) doc.moveTo(px, py);
      else doc.lineTo(px, py);
    });
    doc.closePath();
  };

  doc.save().rect(fx, fy, mapW, height).clip();
  layers.forEach((l, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    for (const f of l.features) {
      const g = f.geometry as { type: string; coordinates: [number, number][][] | [number, number][][][] };
      const polys = g.type === 'Polygon' ? [g.coordinates as [number, number][][]] : g.type === 'MultiPolygon' ? (g.coordinates as [number, number][][][]) : [];
      doc.save();
      for (const p of polys) for (const r of p) ring(r, true);
      doc.fillOpacity(0.45).lineWidth(0.5).fillAndStroke(colour, colour, 'even-odd');
      doc.restore();
    }
  });
  doc.save().lineWidth(1.6);
  for (const poly of projected.polygons) for (const r of poly) ring(r, false);
  doc.strokeColor('#d00000').stroke();
  doc.restore();
  doc.restore();
  doc.save().lineWidth(0.8).strokeColor('black').rect(fx, fy, width, height).stroke().moveTo(fx + mapW, fy).lineTo(fx + mapW, fy + height).stroke().restore();

  // Legend.
  let ly = fy + 8;
  doc.font('cjk-bold').fontSize(9).fillColor('black').text('图例', fx + mapW + 6, ly, { lineBreak: false });
  ly += 16;
  doc.save().lineWidth(1.6).strokeColor('#d00000').rect(fx + mapW + 6, ly, 14, 8).stroke().restore();
  doc.font('cjk').fontSize(8).fillColor('black').text('用地红线', fx + mapW + 24, ly, { lineBreak: false });
  layers.forEach((l, i) => {
    ly += 14;
    doc.save().fillOpacity(0.45).rect(fx + mapW + 6, ly, 14, 8).fill(COLOURS[i % COLOURS.length]!).restore();
    doc.font('cjk').fontSize(8).fillColor('black').text(l.name.slice(0, 12), fx + mapW + 24, ly, { lineBreak: false });
  });

  // North arrow (top right of the map) and scale bar (bottom left).
  const ax = fx + mapW - 18;
  const ay = fy + 10;
  doc.save().fillColor('black').moveTo(ax, ay).lineTo(ax - 6, ay + 20).lineTo(ax, ay + 15).lineTo(ax + 6, ay + 20).closePath().fill().restore();
  doc.font('cjk-bold').fontSize(9).fillColor('black').text('北', ax - 4.5, ay + 21, { lineBreak: false });
  const metres = niceLength(mapW / 4 / scale);
  const bx = fx + 10;
  const by = fy + height - 12;
  doc.save().lineWidth(1).strokeColor('black').moveTo(bx, by - 4).lineTo(bx, by).lineTo(bx + metres * scale, by).lineTo(bx + metres * scale, by - 4).stroke().restore();
  doc.font('cjk').fontSize(8).fillColor('black').text(metres >= 1000 ? `${metres / 1000} 千米` : `${metres} 米`, bx + metres * scale + 4, by - 8, { lineBreak: false });
  doc.font('cjk').fontSize(6.5).fillColor('#444444').text(`CGCS2000 3°带高斯-克吕格投影 中央经线${projected.centralMeridian}°E`, fx + mapW + 4, fy + height - 20, { width: legendW - 8, lineBreak: true });
  doc.x = pdf.left;
  doc.y = fy + height + 8;
}
