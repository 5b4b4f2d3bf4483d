import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Geometry } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { GisService } from '../../src/modules/gis/service.ts';
import { SANDIAO_CLASSES } from '../../src/modules/gis/styles.ts';
import { memorySource } from '../gis/helpers.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';

const missing = browserMissing;

// A synthetic county in CGCS2000 degrees: 20 × 15 patches over 112.60–112.80°E, 26.70–26.90°N.
const W = 112.6;
const S = 26.7;
const COLS = 20;
const ROWS = 15;
const DX = 0.2 / COLS;
const DY = 0.2 / ROWS;
const CODES = ['0101', '0103', '0201', '0301', '0305', '0404', '0701', '0702', '1003', '1006', '1101', '1104', '1203'];
const label = (code: string) => SANDIAO_CLASSES.find((c) => c.value === code)!.label;

function box(x0: number, y0: number, x1: number, y1: number): Geometry {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

function patches(shift: number) {
  const out = [];
  for (let i = 0; i < COLS; i++) {
    for (let j = 0; j < ROWS; j++) {
      // Bands of classes, with a river (1101) along one row, so the map reads like a county.
      const code = j === 7 ? '1101' : CODES[(Math.floor(i / 3) * 5 + Math.floor(j / 2) * 3 + shift) % CODES.length]!;
      const n = i * ROWS + j + 1;
      out.push({
        properties: { BSM: `43042600${String(n).padStart(4, '0')}`, TBBH: String(n), DLBM: code, DLMC: label(code), ZLDWMC: i < COLS / 2 ? '云集街道' : '茶市镇' },
        geometry: box(W + i * DX, S + j * DY, W + (i + 1) * DX, S + (j + 1) * DY),
      });
    }
  }
  return out;
}

/** The patch clicked in the test: column 4, row 3 (a town patch, not the river). */
const KNOWN = patches(0)[4 * ROWS + 3]!;

describe('browser: the one map shows the county, identifies, counts and measures', { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let cookie: string;
  before(async () => {
    const kind = testDbs[0]!;
    t = await testApp(await kind.get());
    const gis = new GisService(t.ctx);
    const dltb = { name: '地类图斑', nameEn: 'Land-use patches', category: 'current' as const, geometryType: 'polygon' as const, access: 'staff' as const };
    // Two versions, so the layer tree offers the version switch; the second is current.
    await gis.importSource(null, t.region, 'DLTB', memorySource(4490, patches(1)), { define: dltb });
    await gis.importSource(null, t.region, 'DLTB', memorySource(4490, patches(0)), { define: dltb });
    await gis.importSource(null, t.region, 'XZQ', memorySource(4490, [
      { properties: { XZQDM: '430426001', XZQMC: '云集街道' }, geometry: box(W, S, W + 0.1, S + 0.2) },
      { properties: { XZQDM: '430426101', XZQMC: '茶市镇' }, geometry: box(W + 0.1, S, W + 0.2, S + 0.2) },
    ]), { define: { name: '行政区', nameEn: 'Administrative divisions', category: 'base', geometryType: 'polygon', access: 'public' } });
    base = await serve(t);
    cookie = await t.login((await t.user(['window_clerk'])).username);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openMap(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/map`);
    await page.getByTestId('map-ready').waitFor({ state: 'attached', timeout: 30_000 });
    assert.deepEqual(errors, []);
    return page;
  }

  /** Searches a patch by its 标识码 (which zooms to it) and clicks the middle of the map. */
  async function identifyKnownPatch(page: Page, openPanels?: () => Promise<void>) {
    await openPanels?.();
    await page.getByRole('tab', { name: '查询' }).click();
    await page.getByText('图斑', { exact: true }).click();
    await page.getByRole('searchbox', { name: '查询' }).fill(String(KNOWN.properties.BSM));
    await page.getByRole('searchbox', { name: '查询' }).press('Enter');
    await page.getByRole('button', { name: new RegExp(String(KNOWN.properties.BSM)) }).click();
    if (openPanels) await page.keyboard.press('Escape');
    await page.waitForTimeout(700); // the zoom animation
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
    const popup = page.getByTestId('identify-popup');
    await popup.getByText('地类名称').waitFor({ timeout: 10_000 });
    await popup.getByText(KNOWN.properties.DLMC, { exact: true }).waitFor();
    await popup.getByText(String(KNOWN.properties.BSM)).waitFor();
  }

  it('desktop: tiles in CGCS2000, 三调 legend, layer toggle, identify, statistics', async () => {
    const page = await openMap({ width: 1280, height: 800 });
    try {
      // The legend lists the classes present, in Chinese.
      await page.getByText('0101 水田').waitFor();
      await page.getByText('1101 河流水面').waitFor();
      assert.equal(await page.getByText('0102 水浇地').count(), 0, 'classes absent from the data are not listed');
      // Toggle DLTB off and on.
      const toggle = page.getByTestId('layer-DLTB').getByRole('checkbox');
      await toggle.uncheck();
      assert.equal(await toggle.isChecked(), false);
      await page.getByTestId('layer-DLTB').getByText('透明度').waitFor({ state: 'detached' });
      await toggle.check();
      await page.getByTestId('layer-DLTB').getByText('透明度').waitFor();
      // Two ready versions: the switch is offered.
      await page.getByTestId('layer-DLTB').getByText('第 2 版（现行').waitFor();

      await identifyKnownPatch(page);
      await page.mouse.move(640, 400);
      await page.getByTestId('coordinates').getByText(/EPSG:4526/).waitFor();
      // Back out to the county, popup still anchored, legend in view.
      for (let i = 0; i < 3; i++) await page.getByTitle('缩小').click();
      await page.getByRole('tab', { name: '图层' }).click();
      await page.waitForTimeout(1200);
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/map-desktop.png' });
      await page.getByTestId('identify-popup').getByRole('button', { name: '关闭' }).click();

      // Statistics of the visible area, by DLBM, with 三调 names.
      await page.getByRole('tab', { name: '统计' }).click();
      await page.getByRole('button', { name: '统计面积' }).click();
      await page.getByTestId('stats-chart').waitFor();
      await page.getByText(/^合计 /).waitFor();

      // Measure an area on the ellipsoid, then count within it: both must agree.
      await page.getByRole('tab', { name: '量算' }).click();
      await page.getByText('测面积', { exact: true }).click();
      const m = (await page.getByTestId('map').boundingBox())!;
      const [cx, cy] = [m.x + m.width / 2, m.y + m.height / 2];
      await page.mouse.click(cx - 120, cy - 100);
      await page.mouse.click(cx + 120, cy - 100);
      await page.mouse.click(cx + 120, cy + 100);
      await page.mouse.dblclick(cx - 120, cy + 100);
      const measured = await page.getByTestId('measure-result').innerText();
      assert.match(measured, /平方米 · [\d,.]+ 公顷 · [\d,.]+ 亩/);
      await page.getByRole('tab', { name: '统计' }).click();
      await page.getByText('绘制范围', { exact: true }).click();
      await Promise.all([page.waitForResponse((r) => r.url().includes('/stats/area') && r.request().method() === 'POST'), page.getByRole('button', { name: '统计面积' }).click()]);
      await page.waitForTimeout(200);
      const m2 = (text: string) => Number(/([\d,.]+) 平方米/.exec(text)![1]!.replace(/,/g, ''));
      const counted = await page.getByText(/^合计 /).innerText();
      assert.ok(Math.abs(m2(counted) / m2(measured) - 1) < 1e-3, `measured ${measured} vs counted ${counted}`);
      await page.screenshot({ path: 'test-results/map-desktop-stats.png' });

      // The view as a PNG, composed from the layer canvases (same-origin tiles: not tainted).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出图片' }).click()]);
      await download.saveAs('test-results/map-export.png');
      const png = fs.readFileSync('test-results/map-export.png');
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.ok(png.length > 10_000, `a real picture (${png.length} bytes)`);
      assert.match(download.suggestedFilename(), /^一张图-\d{4}-\d{2}-\d{2}\.png$/);
    } finally {
      await page.context().close();
    }
  });

  it('desktop: Web Mercator uses its own tile grid and still identifies', async () => {
    const page = await openMap({ width: 1280, height: 800 });
    try {
      await page.getByText('Web 墨卡托').click();
      await page.waitForTimeout(300);
      await page.getByTestId('map-ready').waitFor({ state: 'attached', timeout: 30_000 });
      await identifyKnownPatch(page);
    } finally {
      await page.context().close();
    }
  });

  it('phone: the panels fold into a drawer and the map keeps the screen', async () => {
    const page = await openMap({ width: 390, height: 844 });
    try {
      const panels = async () => {
        await page.getByTestId('open-panels').click();
        await page.getByRole('dialog').getByRole('tab', { name: '图层' }).waitFor();
      };
      await identifyKnownPatch(page, panels);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
      await page.screenshot({ path: 'test-results/map-phone.png' });
      await page.getByTestId('identify-popup').getByRole('button', { name: '关闭' }).click();
      await panels();
      await page.getByRole('tab', { name: '图层' }).click();
      await page.screenshot({ path: 'test-results/map-phone-panels.png' });
    } finally {
      await page.context().close();
    }
  });
});

if (missing) console.log(`# browser tests skipped: ${missing}`);
