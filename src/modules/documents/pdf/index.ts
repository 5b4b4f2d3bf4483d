/**
 * PDF toolkit for official documents and reports with Chinese text (A4, embedded and subset
 * Noto Serif SC, vector QR codes, tables, images, boundary maps).
 *
 * Usage — build top to bottom, then take the bytes:
 * ```ts
 * import { PdfBuilder, chineseDate } from '../documents/pdf/index.ts';
 * const pdf = new PdfBuilder({ title: '建设项目用地预审审查报告', info: { CaseNo: caseNo } });
 * pdf.title('建设项目用地预审审查报告');
 * pdf.centred('报告编号：' + reportNo, { size: 12 });
 * pdf.heading('一、审查结论');
 * pdf.paragraph('经审查，项目用地不占用永久基本农田……');
 * pdf.table({ columns: [{ header: '审查项', width: 2 }, { header: '结论' }], rows: [['永久基本农田', '符合']] });
 * pdf.image(mapPng, { caption: '图1 项目红线与永久基本农田叠加图' }); // PNG/JPEG Buffer
 * const p = pdf.boundaryMap(geojson);                                   // EPSG:4490 Polygon/MultiPolygon
 * pdf.table({ columns: [{ header: '点号' }, { header: 'X' }, { header: 'Y' }],
 *             rows: p.vertices.map((v) => [v.label, v.x.toFixed(3), v.y.toFixed(3)]) });
 * pdf.qrCode(url, { caption: '扫码查询' });
 * pdf.seal({ organisation: '衡南县自然资源局', date: chineseDate(new Date()) });
 * const bytes = await pdf.toBuffer();
 * ```
 * `pdf.doc` is the underlying PDFKit document for anything the helpers do not cover (use the
 * registered fonts 'cjk' and 'cjk-bold'). Rendering is synchronous CPU work of a few tens of
 * milliseconds per page; the font files are read once per process.
 */
export { PdfBuilder, mm, type PdfOptions, type TextOptions, type TableColumn, type TableOptions, type ImageOptions, type QrOptions, type MapOptions, type SealOptions } from './builder.ts';
export { chineseDate, numericChineseDate, chineseSmallNumber, chinaDateParts } from './chinese.ts';
export { cjkFont, CjkFontMissingError, type CjkFont } from './fonts.ts';
export { projectBoundary, niceLength, type BoundaryGeometry, type BoundaryVertex, type ProjectedBoundary } from './map.ts';
export { qrMatrix, type QrMatrix } from './qr.ts';
