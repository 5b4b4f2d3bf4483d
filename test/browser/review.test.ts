import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Geometry } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GisService } from '../../src/modules/gis/service.ts';
import { memorySource } from '../gis/helpers.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { submit } from '../approval/helpers.ts';
import { box, box4490, boundaryTxt, ellipsoidalRectArea, GK } from '../review/helpers.ts';

const missing = browserMissing;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

type Category = 'base' | 'current' | 'planning' | 'management';
const LAYERS: Record<string, { name: string; category: Category }> = {
  XZQ: { name: '行政区', category: 'base' },
  DLTB: { name: '地类图斑', category: 'current' },
  YJJBNTBHTB: { name: '永久基本农田', category: 'management' },
  STBHHX: { name: '生态保护红线', category: 'management' },
  CZKFBJ: { name: '城镇开发边界', category: 'planning' },
  GHYDYH: { name: '规划用地用海', category: 'planning' },
  DZZHYFQ: { name: '地质灾害易发区', category: 'management' },
};

/**
 * The review tests' hand-built county (a 200 m block in GK zone 38 near 112.70°E 26.80°N) with
 * Chinese layer names: 永久基本农田 is the SW quadrant with a 20 m hole at (60,60) in version 1,
 * without the hole in version 2 (imported before the re-run).
 */
async function seedCounty(t: TestApp) {
  const gis = new GisService(t.ctx);
  const add = (code: string, features: { properties: Record<string, string | number | null>; geometry: Geometry }[]) =>
    gis.importSource(null, t.region, code, memorySource(GK, features), { define: { name: LAYERS[code]!.name, nameEn: code, category: LAYERS[code]!.category, geometryType: 'polygon', access: 'staff' } });
  await add('XZQ', [{ properties: { XZQDM: '430422', XZQMC: '测试县', JB: '县' }, geometry: box(-5000, -5000, 10000, 10000) }]);
  await add('DLTB', [
    { properties: { BSM: 1, DLBM: '0101', DLMC: '水田', QSXZ: '30' }, geometry: box(0, 0, 100, 100) },
    { properties: { BSM: 2, DLBM: '0103', DLMC: '旱地', QSXZ: '30' }, geometry: box(100, 0, 100, 100) },
    { properties: { BSM: 3, DLBM: '0301', DLMC: '乔木林地', QSXZ: '30' }, geometry: box(0, 100, 100, 100) },
    { properties: { BSM: 4, DLBM: '0701', DLMC: '城镇住宅用地', QSXZ: '20' }, geometry: box(100, 100, 100, 100) },
  ]);
  await add('YJJBNTBHTB', [{ properties: { YJJBNTTBBH: 'JB001', DLBM: '0101', DLMC: '水田' }, geometry: box(0, 0, 100, 100, [60, 60, 20, 20]) }]);
  await add('STBHHX', [{ properties: { HXMC: '测试红线', HXLX: '水源涵养' }, geometry: box(140, 140, 60, 60) }]);
  await add('CZKFBJ', [{ properties: { FQLX: '集中建设区', CZMC: '测试镇' }, geometry: box(0, 0, 120, 200) }]);
  await add('GHYDYH', [
    { properties: { YDYHFLDM: '0701', YDYHFLMC: '城镇住宅用地' }, geometry: box(0, 0, 200, 100) },
    { properties: { YDYHFLDM: '0101', YDYHFLMC: '水田' }, geometry: box(0, 100, 200, 100) },
  ]);
  await add('DZZHYFQ', [
    { properties: { YFQBH: 'YFQ0001', YFCD: '高易发' }, geometry: box(0, 0, 200, 60) },
    { properties: { YFQBH: 'YFQ0002', YFCD: '低易发' }, geometry: box(0, 60, 200, 140) },
  ]);
  return async function farmlandVersion2() {
    await add('YJJBNTBHTB', [{ properties: { YJJBNTTBBH: 'JB001', DLBM: '0101', DLMC: '水田' }, geometry: box(0, 0, 100, 100) }]);
  };
}

const m2Of = (text: string) => Number(text.replace(/,/g, ''));

for (const kind of testDbs) describe(`browser (${kind.name}): spatial review pages — pre-check, report, override, re-run, rule sets`, { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let reviewer: string;
  let ruleAdmin: string;
  let dir: string;
  let txt: string;
  let bowtie: string;
  let farmlandVersion2: () => Promise<void>;
  let reportId = '';
  const png = (name: string) => `test-results/${name}${kind.name === 'pglite' ? '' : `-${kind.name}`}.png`;
  // The boundary [50,150]² overlaps 永久基本农田 on [50,100]² minus the hole [60,80]².
  const farmlandV1 = ellipsoidalRectArea(50, 50, 50, 50) - ellipsoidalRectArea(60, 60, 20, 20);
  const farmlandV2 = ellipsoidalRectArea(50, 50, 50, 50);

  before(async () => {
    t = await testApp(await kind.get());
    farmlandVersion2 = await seedCounty(t);
    base = await serve(t);
    reviewer = await t.login((await t.user(['case_handler'], { department: 'land_use_control' })).username);
    ruleAdmin = await t.login((await t.user(['data_admin'])).username);
    dir = tempDir();
    txt = path.join(dir, '用地红线.txt');
    fs.writeFileSync(txt, boundaryTxt([{ rect: [50, 50, 100, 100] }]));
    // A bow tie: the coordinates of the second and third points swapped.
    bowtie = path.join(dir, '自相交红线.txt');
    const lines = boundaryTxt([{ rect: [50, 50, 100, 100] }]).split('\r\n');
    const j2 = lines.findIndex((l) => l.startsWith('J2,'));
    const j3 = lines.findIndex((l) => l.startsWith('J3,'));
    [lines[j2], lines[j3]] = [`J2,${lines[j3]!.slice(3)}`, `J3,${lines[j2]!.slice(3)}`];
    fs.writeFileSync(bowtie, lines.join('\r\n'));
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(cookie: string, viewport: { width: number; height: number }, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${url}`);
    return { context, page, errors };
  }

  /** Waits until the report map has drawn its tiles and the legend lists the layers. */
  async function mapShown(page: Page) {
    const map = page.getByTestId('review-map');
    await map.locator('canvas').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('review-legend').getByText('永久基本农田').waitFor({ timeout: 30_000 });
    await page.getByTestId('review-legend').getByText('用地红线').waitFor();
    await page.getByTestId('north-arrow').waitFor();
    await page.locator('.ol-scale-line').waitFor();
    await page.waitForTimeout(1200); // tiles
  }

  it('a reviewer pre-checks a boundary TXT that overlaps 永久基本农田: 不通过 with the area', async () => {
    const { context, page, errors } = await open(reviewer, DESKTOP, '/review/check');
    try {
      await page.getByRole('heading', { name: '空间辅助审查（预审）' }).waitFor();
      // A boundary that is not GeoJSON: a clear message, no request.
      await page.getByText('粘贴 GeoJSON', { exact: true }).click();
      await page.getByTestId('geojson-input').fill('{"type":"Point","coordinates":[112.7,26.8]}');
      await page.getByTestId('run-check').click();
      await page.getByText(/不是有效的 GeoJSON 面要素/).waitFor();
      // A boundary outside the county: the server's problem, in Chinese.
      await page.getByTestId('geojson-input').fill(JSON.stringify({ type: 'Polygon', coordinates: [[[100, 30], [100.01, 30], [100.01, 30.01], [100, 30.01], [100, 30]]] }));
      await page.getByTestId('run-check').click();
      await page.getByTestId('boundary-problem').getByText(/不在本县/).first().waitFor();

      // A self-intersecting parcel in a TXT: refused, saying which parcel and points.
      await page.getByText('上传文件', { exact: true }).click();
      await page.locator('input[type=file]').setInputFiles(bowtie);
      await page.getByTestId('run-check').click();
      const problem = page.getByTestId('boundary-problem');
      await problem.getByText(/自相交/).first().waitFor();
      assert.match(await problem.innerText(), /地块|第\s*1/);
      await page.screenshot({ path: png('review-check-problem'), fullPage: true });

      await page.locator('input[type=file]').setInputFiles(txt);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/reviews') && r.request().method() === 'POST'),
        page.getByTestId('run-check').click(),
      ]);
      assert.equal(res.status(), 201);
      reportId = ((await res.json()) as { id: string }).id;
      await page.getByTestId('overall').getByText('不通过').waitFor();
      const row = page.locator('tr[data-rule="YJJBNT_OCCUPY"]');
      await row.getByText('不通过').waitFor();
      const area = m2Of(await row.getByTestId('area-m2').innerText());
      assert.ok(Math.abs(area - farmlandV1) < 0.05, `farmland ${area} m² vs ${farmlandV1}`);
      // Advice tells the applicant what to do, not only "no".
      await row.getByTestId('advice-YJJBNT_OCCUPY').getByText(/避让永久基本农田/).waitFor();
      await mapShown(page);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: png('review-check'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('the report page: map, land use, versions; the reviewer overrides a rule with a reason and re-runs on the new farmland version', async () => {
    assert.ok(reportId, 'the pre-check made a report');
    const { context, page, errors } = await open(reviewer, DESKTOP, `/review/${reportId}`);
    try {
      await page.getByTestId('report-no').waitFor();
      await mapShown(page);
      await page.getByTestId('land-use').getByText('水田').first().waitFor();
      await page.getByTestId('land-use').getByTestId('stats-chart').waitFor();
      await page.getByTestId('data-versions').getByText(/规则集 YDYS 第 1 版/).waitFor();
      // The touched features of the farmland rule expand.
      await page.locator('tr[data-rule="YJJBNT_OCCUPY"]').getByRole('button', { name: /展开|Expand/ }).click();
      await page.getByTestId('features-YJJBNT_OCCUPY').getByText(/JB001/).waitFor();

      // Override: a short reason is refused in the form; a written reason is accepted and shown beside the computed verdict.
      await page.getByTestId('override-button-DZZH_HIGH').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('override-reason').fill('误报');
      await dialog.getByRole('button', { name: '确认改判' }).click();
      await dialog.getByText('请填写至少 10 个字的理由').waitFor();
      await dialog.getByTestId('override-reason').fill('现场核查该处已完成地质灾害治理工程并通过验收，风险已消除');
      await Promise.all([page.waitForResponse((r) => r.url().includes('/overrides') && r.status() === 200), dialog.getByRole('button', { name: '确认改判' }).click()]);
      const overridden = page.getByTestId('override-DZZH_HIGH');
      await overridden.getByText(/已完成地质灾害治理工程/).waitFor();
      await page.getByTestId('verdict-DZZH_HIGH').getByText('计算结论').waitFor();
      await page.getByTestId('verdict-DZZH_HIGH').getByText('通过').first().waitFor();
      await page.screenshot({ path: png('review-report'), fullPage: true });

      // A new 永久基本农田 version, then re-run on the current data: a new report with the diff before/after.
      await farmlandVersion2();
      await page.getByTestId('rerun').click();
      await page.waitForURL((u) => !u.pathname.endsWith(reportId), { timeout: 30_000 });
      const diff = page.getByTestId('report-diff');
      await diff.getByText(/图层 YJJBNTBHTB：第 1 版 → 第 2 版/).waitFor({ timeout: 30_000 });
      await diff.getByText('占用永久基本农田').waitFor();
      const after = m2Of(await page.locator('tr[data-rule="YJJBNT_OCCUPY"]').getByTestId('area-m2').innerText());
      assert.ok(Math.abs(after - farmlandV2) < 0.05, `after the re-run ${after} m² vs ${farmlandV2}`);
      await page.getByTestId('data-versions').getByText('第 2 版').first().waitFor();
      await mapShown(page);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: png('review-rerun'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('phone: one column with the map on top, nothing wider than the screen', async () => {
    const { context, page, errors } = await open(reviewer, PHONE, `/review/${reportId}`);
    try {
      await mapShown(page);
      const mapBox = (await page.getByTestId('review-map-card').boundingBox())!;
      const rulesBox = (await page.getByText('规则审查结果').boundingBox())!;
      assert.ok(mapBox.y < rulesBox.y, 'the map comes before the rule table');
      assert.ok(mapBox.width <= PHONE.width, `map ${mapBox.width}px`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width, `no horizontal scrolling (${width}px)`);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: png('review-phone'), fullPage: true });
      // The PDF behind the download button.
      const pdf = await page.request.get(`${base}/api/reviews/${reportId}.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
      // English is one switch away.
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'Spatial compliance review report' }).waitFor();
      await page.getByTestId('overall').getByText('Fail').waitFor();
      await page.getByText('Rule results').waitFor();
    } finally {
      await context.close();
    }
  });

  it('a new layer version re-reviews a case: the flags page shows its verdicts and areas before and after', async () => {
    const clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
    const leader = await t.login((await t.user(['leader'], { department: 'leadership' })).username);
    const submitted = await submit(t, clerk, 'YDYS');
    assert.equal(submitted.statusCode, 201, submitted.body);
    const theCase = submitted.json() as { id: string; caseNo: string };
    const reviewed = await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { cookie: clerk }, payload: { itemCode: 'YDYS', caseId: theCase.id, geometry: box4490(50, 50, 100, 100) } });
    assert.equal(reviewed.statusCode, 201, reviewed.body);
    // The high geological-hazard zone grows to y = 120: more of the boundary lies in it.
    await new GisService(t.ctx).importSource(null, t.region, 'DZZHYFQ', memorySource(GK, [
      { properties: { YFQBH: 'YFQ0001', YFCD: '高易发' }, geometry: box(0, 0, 200, 120) },
      { properties: { YFQBH: 'YFQ0002', YFCD: '低易发' }, geometry: box(0, 120, 200, 80) },
    ]));
    while ((await t.ctx.outbox.dispatch()) > 0);
    let flags: unknown[] = [];
    for (let i = 0; i < 100 && flags.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      flags = (await t.app.inject({ method: 'GET', url: `/api/reviews/flags?caseId=${theCase.id}`, headers: { cookie: leader } })).json() as unknown[];
    }
    assert.equal(flags.length, 1, 'the case is flagged');

    const { context, page, errors } = await open(leader, DESKTOP, '/review/flags');
    try {
      await page.getByRole('heading', { name: '复审提醒' }).waitFor();
      const card = page.getByTestId(`flag-case-${theCase.caseNo}`);
      await card.waitFor({ timeout: 30_000 });
      await card.getByText(/图层 DZZHYFQ：第 1 版 → 第 2 版/).waitFor();
      await card.getByText('位于地质灾害高易发区').waitFor();
      assert.match(await card.innerText(), /999\.\d+ 平方米 → [\d,]+\.\d+ 平方米/);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: png('review-flags'), fullPage: true });
      // The reviewer acknowledges the flag with a note: it is marked, and gone from the default list after a reload.
      await card.getByLabel('处理说明（选填）').fill('已核对新版地质灾害易发区数据，已告知申请人');
      await card.getByRole('button', { name: /确认已阅/ }).click();
      await card.getByText(/于 .* 确认/).waitFor();
      await card.getByText('说明：已核对新版地质灾害易发区数据，已告知申请人').waitFor();
      const stored = (await t.app.inject({ method: 'GET', url: `/api/reviews/flags?caseId=${theCase.id}&include=acknowledged`, headers: { cookie: leader } })).json() as { acknowledgedAt: string | null; note: string }[];
      assert.ok(stored[0]!.acknowledgedAt, 'the acknowledgement reached the server');
      assert.equal(stored[0]!.note, '已核对新版地质灾害易发区数据，已告知申请人');
      await page.screenshot({ path: png('review-flags-acknowledged'), fullPage: true });
      await page.reload();
      await page.getByRole('heading', { name: '复审提醒' }).waitFor();
      await page.getByText('暂无复审提醒').waitFor();
      assert.equal(await card.count(), 0, 'acknowledged flags leave the default list');
      await page.getByTestId('flags-show-acknowledged').click();
      await card.waitFor();
      await card.getByText('说明：已核对新版地质灾害易发区数据，已告知申请人').waitFor();
      assert.equal(await card.getByRole('button', { name: /确认已阅/ }).count(), 0, 'no second acknowledgement offered');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    const phone = await open(leader, PHONE, '/review/flags');
    try {
      await phone.page.getByTestId('flags-show-acknowledged').click();
      await phone.page.getByTestId(`flag-case-${theCase.caseNo}`).waitFor({ timeout: 30_000 });
      const wide = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `page ${wide}px wide on a 390px phone`);
      await phone.page.screenshot({ path: png('review-flags-phone'), fullPage: true });
      assert.deepEqual(phone.errors, []);
    } finally {
      await phone.context.close();
    }
  });

  it('a rule administrator changes a threshold: refused when invalid, then saved as version 2 in the history', async () => {
    const { context, page, errors } = await open(ruleAdmin, DESKTOP, '/review/rules?item=YDYS');
    try {
      await page.getByRole('heading', { name: '审查规则管理' }).waitFor();
      await page.getByTestId('rule-set-version-1').waitFor();
      await page.getByTestId('rule-set-editor').getByText('占用永久基本农田').first().click();
      const rule = page.getByTestId('rule-0');
      // An unknown layer: the server's validation message names the rule's path.
      const layer = rule.getByRole('combobox').first();
      await layer.fill('NO_SUCH_LAYER');
      await page.keyboard.press('Escape');
      await page.getByTestId('rule-set-save').click();
      await page.getByTestId('rule-set-problem').getByText(/unknown layer NO_SUCH_LAYER/).waitFor();
      await layer.fill('YJJBNTBHTB');
      await page.keyboard.press('Escape');
      // The threshold: farmland over 100 m² fails, smaller overlaps are a manual check.
      const value = rule.getByTestId('rule-0-threshold-0').getByRole('spinbutton', { name: '阈值' });
      await value.fill('100');
      await page.getByTestId('rule-set-note').fill('永久基本农田压占阈值调整为 100 平方米');
      await Promise.all([page.waitForResponse((r) => r.url().includes('/api/review-rule-sets/YDYS') && r.request().method() === 'PUT' && r.status() === 200), page.getByTestId('rule-set-save').click()]);
      await page.getByText('已保存为第 2 版').waitFor();
      const v2 = page.getByTestId('rule-set-version-2');
      await v2.getByText('永久基本农田压占阈值调整为 100 平方米').waitFor();
      await v2.getByText(/测试用户\d+ 于/).waitFor();
      const saved = await t.app.inject({ method: 'GET', url: '/api/review-rule-sets/YDYS', headers: { cookie: ruleAdmin } });
      const body = saved.json() as { version: number; rules: { id: string; layer: string; thresholds: { value: number }[] }[] };
      assert.equal(body.version, 2);
      const farmland = body.rules.find((r) => r.id === 'YJJBNT_OCCUPY')!;
      assert.equal(farmland.layer, 'YJJBNTBHTB');
      assert.equal(farmland.thresholds[0]!.value, 100);
      assert.deepEqual(errors, []);
      await page.screenshot({ path: png('review-rules'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
