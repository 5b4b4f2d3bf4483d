import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/core/config.ts';
import { canonicalJson } from '../../src/modules/documents/certificates/canonical.ts';
import { chineseDate, chineseSmallNumber, niceLength, PdfBuilder, projectBoundary } from '../../src/modules/documents/pdf/index.ts';
import { defaultReconsiderationBody, progressUrl } from '../../src/modules/documents/templates/common.ts';
import { NOTICE_KINDS, renderDenialDecision, renderSupplementNotice } from '../../src/modules/documents/templates/notices.ts';
import { renderSample, sampleBase } from '../../src/modules/documents/templates/samples.ts';
import { decodeQr, inkShare, pdfFonts, pdfText, popplerMissing, renderPage } from './poppler.ts';

const BASE = sampleBase('衡南县自然资源局', 'https://zwfw.example.gov.cn', '430422');
const TITLES: Record<string, string> = {
  acceptance: '受理通知书',
  rejection: '不予受理通知书',
  supplement: '补正材料告知书',
  approval: '准予行政许可决定书',
  denial: '不予行政许可决定书',
};
/** Where a page image is kept for a person to look at (beside the browser tests' screenshots). */
const LOOK_DIR = path.join('test-results', 'documents');
// pdftotext keeps CJK runs but may space them out in -layout mode; compare without blanks.
const squash = (s: string) => s.replace(/\s+/g, '');

describe('Chinese dates and numbers on documents', () => {
  it('writes the 成文日期 in Chinese numerals, in China time', () => {
    assert.equal(chineseDate('2026-11-30'), '二〇二六年十一月三十日');
    assert.equal(chineseDate('2030-01-01'), '二〇三〇年一月一日');
    assert.equal(chineseDate('2026-12-21'), '二〇二六年十二月二十一日');
    // 17:00 UTC on 30 November is already 1 December in Beijing.
    assert.equal(chineseDate(new Date('2026-11-30T17:00:00Z')), '二〇二六年十二月一日');
    assert.equal(chineseSmallNumber(10), '十');
    assert.equal(chineseSmallNumber(19), '十九');
    assert.throws(() => chineseSmallNumber(100), RangeError);
  });

  it('names the county government as the reconsideration body of a county bureau', () => {
    assert.equal(defaultReconsiderationBody('衡南县自然资源局'), '衡南县人民政府');
    assert.equal(defaultReconsiderationBody('某市自然资源和规划局'), '某市人民政府');
  });
});

describe('PUBLIC_BASE_URL (the address printed in QR codes)', () => {
  it('defaults to localhost on the configured port, drops a trailing slash and refuses a non-http URL', () => {
    assert.equal(loadConfig({ PORT: '8080' }).publicBaseUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ PUBLIC_BASE_URL: 'https://zwfw.hengnan.gov.cn/' }).publicBaseUrl, 'https://zwfw.hengnan.gov.cn');
    assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://x' }), (e: unknown) => e instanceof ConfigError && /PUBLIC_BASE_URL/.test(e.message));
    assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' }), ConfigError);
  });
});

describe('progress QR payload', () => {
  it('points at the public progress page with case number and query code, URL-encoded', () => {
    assert.equal(progressUrl('https://a.example/', '43042220261130JSYDGH000012', 'K7M2Q9'), 'https://a.example/progress?no=43042220261130JSYDGH000012&code=K7M2Q9');
    assert.equal(progressUrl('http://x', 'A B', '&='), 'http://x/progress?no=A+B&code=%26%3D');
  });
});

describe('canonical JSON (what the certificate signature covers)', () => {
  it('sorts keys at every level, keeps array order and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, 1], c: '中' }, e: undefined }), '{"a":{"c":"中","d":[3,1]},"b":1}');
    assert.equal(canonicalJson({ x: 112.6, y: 1e-7 }), canonicalJson(JSON.parse('{"y":0.0000001,"x":112.60}')));
    assert.throws(() => canonicalJson({ x: Number.NaN }), RangeError);
  });
});

describe('boundary projection for maps', () => {
  it('projects to the 3° Gauss-Krüger zone of the boundary and numbers the points once', () => {
    const p = projectBoundary({ type: 'Polygon', coordinates: [[[112.6, 26.8], [112.605, 26.8], [112.605, 26.805], [112.6, 26.8]]] });
    assert.equal(p.zone, 38);
    assert.equal(p.centralMeridian, 114);
    assert.deepEqual(p.vertices.map((v) => v.label), ['J1', 'J2', 'J3']);
    // Easting carries the zone number (大数); northing ≈ 2 966 km at 26.8°N.
    assert.ok(p.vertices[0]!.y > 38_000_000 && p.vertices[0]!.y < 39_000_000);
    assert.ok(Math.abs(p.vertices[0]!.x - 2_966_236) < 50);
    // 0.005° of longitude at 26.8°N ≈ 497 m.
    assert.ok(Math.abs((p.extent[2] - p.extent[0]) - 497) < 10); // grid convergence widens the extent a little
    assert.equal(niceLength(730), 500);
    assert.equal(niceLength(0.3), 0.2);
  });
});

describe('notice templates', { skip: popplerMissing ?? false }, () => {
  for (const kind of NOTICE_KINDS) {
    it(`${kind}: renders an A4 PDF whose text poppler reads back in Chinese, with the case number and applicant`, async () => {
      const pdf = await renderSample(kind, BASE);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const text = squash(pdfText(pdf));
      assert.ok(text.includes(TITLES[kind]!), `title ${TITLES[kind]} missing in: ${text.slice(0, 200)}`);
      assert.ok(text.includes(BASE.caseNo));
      assert.ok(text.includes('衡南县城市建设投资有限公司'));
      assert.ok(text.includes('衡南县自然资源局'));
      assert.ok(text.includes('查询码：K7M2Q9'));
      // The seal date: 二〇二六年 … in Chinese numerals.
      assert.match(text, /二〇二六年十[一二]月[一二三四五六七八九十]+日/);
      const fonts = pdfFonts(pdf);
      assert.match(fonts, /NotoSerifSC/);
      // embedded, subset, with a ToUnicode map: "yes yes yes"
      assert.match(fonts, /yes\s+yes\s+yes/);
      // Subsetting keeps a notice small although the font file is ~15 MB.
      assert.ok(pdf.length < 200_000, `${pdf.length} bytes`);
    });
  }

  it('page 1 renders with ink (not blank); a copy is kept for a person to look at', async () => {
    fs.mkdirSync(LOOK_DIR, { recursive: true });
    for (const kind of ['acceptance', 'supplement'] as const) {
      const png = renderPage(await renderSample(kind, BASE), 1, 60, path.join(LOOK_DIR, `${kind}-page1.png`));
      assert.ok(png.width > 400 && png.height > 600);
      const ink = inkShare(png);
      assert.ok(ink > 0.02 && ink < 0.5, `ink share ${ink}`);
    }
  });

  it('the QR code decodes to the public progress URL of the case', async () => {
    const pdf = await renderSample('rejection', BASE);
    const png = renderPage(pdf, 1, 150);
    assert.equal(decodeQr(png), progressUrl(BASE.publicBaseUrl, BASE.caseNo, BASE.queryCode));
  });

  it('the 补正告知书 lists every material with its reason (一次性告知)', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ material: `材料${i + 1}号`, reason: `原因${i + 1}号：缺少盖章` }));
    const pdf = await renderSupplementNotice({ ...BASE, submittedOn: '2026-11-27', items });
    const text = squash(pdfText(pdf));
    for (const it of items) {
      assert.ok(text.includes(it.material), it.material);
      assert.ok(text.includes(squash(it.reason)), it.reason);
    }
    assert.ok(text.includes('一次性告知'));
  });

  it('the 不予行政许可决定书 gives the reasons and the rights to 行政复议 within 60 days and 行政诉讼 within 6 months', async () => {
    const pdf = await renderDenialDecision({
      ...BASE,
      acceptedOn: '2026-11-30',
      decidedOn: '2026-12-04',
      projectName: '某物流仓储项目',
      reasons: ['占用永久基本农田'],
      legalBasis: '《中华人民共和国土地管理法》第三十五条',
    });
    const text = squash(pdfText(pdf));
    assert.ok(text.includes('占用永久基本农田'));
    assert.ok(text.includes('六十日内向衡南县人民政府申请行政复议'));
    assert.ok(text.includes('六个月内向有管辖权的人民法院提起行政诉讼'));
  });

  it('the same input and creation date give the same bytes (reports can be reproduced)', async () => {
    const once = async () => {
      const pdf = new PdfBuilder({ title: '确定性', creationDate: new Date('2026-11-30T00:00:00Z') });
      pdf.title('确定性');
      pdf.qrCode('https://a.example/progress?no=1&code=2');
      pdf.boundaryMap({ type: 'Polygon', coordinates: [[[112.6, 26.8], [112.605, 26.8], [112.605, 26.805], [112.6, 26.8]]] });
      return pdf.toBuffer();
    };
    assert.ok((await once()).equals(await once()));
  });

  it('the toolkit breaks long tables across pages and repeats the header row', async () => {
    const pdf = new PdfBuilder({ title: '分页测试' });
    pdf.table({ columns: [{ header: '序号' }, { header: '名称' }], rows: Array.from({ length: 80 }, (_, i) => [String(i + 1), `第${i + 1}行`]) });
    const bytes = await pdf.toBuffer();
    const text = pdfText(bytes);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    assert.ok(pages.length >= 2);
    for (const p of pages) assert.ok(squash(p).includes('序号名称'), 'header on every page');
    assert.ok(squash(text).includes('第80行'));
    assert.ok(squash(text).includes(`第1页共${pages.length}页`));
  });
});
