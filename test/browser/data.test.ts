import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildZip } from '../gis/formats/zip-writer.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';

const missing = browserMissing;

/** Four land-use patches around 112.70°E 26.80°N, in CRS84 (RFC 7946 GeoJSON). */
function goodGeoJson(): string {
  const classes = [['0101', '水田'], ['0301', '乔木林地'], ['0701', '城镇住宅用地'], ['1101', '河流水面']] as const;
  const d = 0.005;
  const features = classes.map(([code, name], i) => {
    const x = 112.7 + (i % 2) * d;
    const y = 26.8 + Math.floor(i / 2) * d;
    return {
      type: 'Feature',
      properties: { BSM: `4304260000${i + 1}`, DLBM: code, DLMC: name },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
    };
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    features,
  });
}

describe('browser: the data administrator imports layers and sees failures explained', { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let cookie: string;
  let goodFile: string;
  let evilFile: string;
  before(async () => {
    const kind = testDbs[0]!;
    t = await testApp(await kind.get());
    t.ctx.jobs.start();
    base = await serve(t);
    cookie = await t.login((await t.user(['data_admin'], { department: 'survey_monitoring' })).username);
    const dir = tempDir();
    goodFile = path.join(dir, '地类图斑样例.geojson');
    fs.writeFileSync(goodFile, goodGeoJson());
    evilFile = path.join(dir, 'evil.zip');
    // A path that climbs out of the extraction folder: the importer must refuse the whole archive.
    fs.writeFileSync(evilFile, buildZip([{ name: '../evil.shp', data: Buffer.alloc(200, 1) }, { name: 'ok.dbf', data: Buffer.alloc(40) }]));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.ctx.jobs.stop();
    await t?.close();
  });

  async function openData(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/data`);
    await page.getByRole('heading', { name: '数据管理' }).waitFor({ timeout: 15_000 });
    return { page, errors };
  }

  /** Picks an option of the antd Select labelled `label` inside `scope`. */
  async function choose(page: Page, scope: Locator, label: string, option: string) {
    await scope.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  }

  const row = (page: Page, code: string) => page.getByRole('row').filter({ hasText: code });

  it('desktop: imports a GeoJSON into a new layer, follows the job, then a bad zip fails and the current version stays', async () => {
    const { page, errors } = await openData({ width: 1280, height: 800 });
    try {
      // The face is in the navigation for this user.
      await page.getByRole('navigation').getByRole('link', { name: '数据管理' }).waitFor();
      await page.getByText('暂无图层').waitFor();

      // 1. A new layer code with its definition, and a good file.
      await page.getByRole('button', { name: '导入数据' }).click();
      const dialog = page.getByRole('dialog', { name: '导入数据' });
      await dialog.getByLabel('新图层', { exact: true }).check();
      await dialog.getByLabel('新图层代码', { exact: true }).fill('TESTLAYER');
      await dialog.getByLabel('图层名称', { exact: true }).fill('测试地类图斑');
      await choose(page, dialog, '分类', '现状');
      await choose(page, dialog, '几何类型', '面');
      await dialog.locator('input[type=file]').setInputFiles(goodFile);
      await dialog.getByText('地类图斑样例.geojson').waitFor();
      await dialog.getByRole('button', { name: '上传并导入' }).click();
      // The job is followed until it is done: progress first (unless it finished within one poll).
      await dialog.getByTestId('import-progress').or(dialog.getByTestId('import-done')).first().waitFor({ timeout: 15_000 });
      const done = dialog.getByTestId('import-done');
      await done.waitFor({ timeout: 30_000 });
      await done.getByText('导入完成：TESTLAYER 第 1 版已发布').waitFor();
      await done.getByText('共 4 个要素').waitFor();
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

      // The list shows the published version and its feature count.
      await row(page, 'TESTLAYER').getByText('第 1 版').waitFor();
      await row(page, 'TESTLAYER').getByText('测试地类图斑').waitFor();
      await row(page, 'TESTLAYER').getByRole('cell', { name: '4', exact: true }).waitFor();
      await row(page, 'TESTLAYER').getByText('内部').waitFor();

      // 2. A zip with an entry path that climbs out: refused, with the reason, and nothing changes.
      await page.getByRole('button', { name: '导入数据' }).click();
      const dialog2 = page.getByRole('dialog', { name: '导入数据' });
      assert.equal(await dialog2.getByLabel('已有图层（导入为新版本）').isChecked(), true, 'existing layers are the default target');
      await choose(page, dialog2, '图层', 'TESTLAYER');
      await dialog2.locator('input[type=file]').setInputFiles(evilFile);
      await dialog2.getByRole('button', { name: '上传并导入' }).click();
      const failed = dialog2.getByTestId('import-failed');
      await failed.waitFor({ timeout: 30_000 });
      await failed.getByText('导入失败：第 2 版未发布').waitFor();
      await failed.getByText(/zip 压缩包中含有不安全的文件路径/).waitFor();
      await failed.getByText(/^IMPORT_ZIP_UNSAFE_PATH: .*\.\.\/evil\.shp/).waitFor();
      await failed.getByText('数据未作任何改动，现行版本保持不变。').waitFor();
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/data-desktop-failed.png' });
      await dialog2.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await row(page, 'TESTLAYER').getByText('第 1 版').waitFor();
      await page.waitForTimeout(400); // the dialog's zoom-out
      await page.screenshot({ path: 'test-results/data-desktop-list.png' });

      // The version history: 2 failed with its reason, 1 published and current, with its source.
      await page.getByRole('button', { name: '图层 TESTLAYER 的版本与设置' }).click();
      const drawer = page.locator('.ant-drawer-body');
      const v2 = drawer.getByTestId('version-2');
      await v2.getByText('失败', { exact: true }).waitFor();
      await v2.getByText(/IMPORT_ZIP_UNSAFE_PATH/).waitFor();
      await v2.getByText('evil.zip').waitFor();
      const v1 = drawer.getByTestId('version-1');
      await v1.getByText('已发布').waitFor();
      await v1.getByText('现行').waitFor();
      await v1.getByText('地类图斑样例.geojson').waitFor();
      await v1.getByText(/^EPSG:4326/).waitFor();
      const areaCell = v1.locator('.ant-descriptions-item', { hasText: '面积（公顷）' }).locator('.ant-descriptions-item-content');
      // Four patches of 0.005° × 0.005° near 26.8°N: about 4 × 27.6 ha.
      const ha = Number((await areaCell.innerText()).replace(/,/g, ''));
      assert.ok(ha > 100 && ha < 120, `area ${ha} ha`);

      const api = await t.app.inject({ method: 'GET', url: '/api/gis/layers/TESTLAYER', headers: { cookie } });
      assert.equal(api.json().currentVersion, 1);
      assert.deepEqual(api.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]), [[2, 'failed'], [1, 'ready']]);

      fs.mkdirSync('test-results', { recursive: true });
      await page.waitForTimeout(500); // the drawer's slide-in
      await page.screenshot({ path: 'test-results/data-desktop.png' });

      // Settings: make the layer public.
      await drawer.getByRole('tab', { name: '图层设置' }).click();
      await choose(page, drawer, '访问级别', '公开');
      await drawer.getByRole('button', { name: '保存' }).click();
      await row(page, 'TESTLAYER').getByText('公开').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  it('phone: layers become cards, the history drawer and the import dialog fit the screen', async () => {
    const { page, errors } = await openData({ width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    try {
      const card = page.getByTestId('layer-card-TESTLAYER');
      await card.getByText('现行第 1 版，4 个要素').waitFor();
      await card.getByText('公开').waitFor();
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await page.waitForTimeout(400); // the spinner's fade-out
      assert.ok((await overflow()) <= 0, 'the list fits the screen');
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/data-phone.png', fullPage: true });

      await card.getByRole('button', { name: '图层 TESTLAYER 的版本与设置' }).click();
      await page.locator('.ant-drawer-body').getByTestId('version-1').getByText('已发布').waitFor();
      await page.waitForTimeout(500); // the drawer's slide-in
      assert.ok((await overflow()) <= 0, 'the history fits the screen');
      await page.screenshot({ path: 'test-results/data-phone-history.png' });
      await page.locator('.ant-drawer').getByRole('button', { name: /Close|关闭/ }).first().click();

      await page.getByRole('button', { name: '导入数据' }).click();
      await page.getByRole('dialog', { name: '导入数据' }).getByLabel('数据文件').waitFor({ state: 'attached' });
      await page.waitForTimeout(400); // the dialog's zoom-in
      assert.ok((await overflow()) <= 0, 'the import dialog fits the screen');
      await page.screenshot({ path: 'test-results/data-phone-import.png' });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });
});

if (missing) console.log(`# browser tests skipped: ${missing}`);
