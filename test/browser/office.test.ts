import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { tempDir, testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';

const missing = browserMissing;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

/** A small scanned-page stand-in: a grey PNG with a dark frame. */
function scanPng(): Buffer {
  const png = new PNG({ width: 120, height: 160 });
  for (let y = 0; y < 160; y++) {
    for (let x = 0; x < 120; x++) {
      const i = (y * 120 + x) * 4;
      const edge = x < 4 || y < 4 || x > 115 || y > 155;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = edge ? 40 : 220;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A 200 m × 150 m boundary near 112.70°E 26.80°N as GeoJSON (CRS84 = longitude, latitude). */
function boundaryGeoJson(): string {
  const [x, y, dx, dy] = [112.7, 26.8, 0.002, 0.00135];
  const ring = [[x, y], [x + dx, y], [x + dx, y + dy], [x, y + dy], [x, y]];
  return JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '云集大道东段' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
}

for (const kind of testDbs) describe(`browser (${kind.name}): a case goes from the window to the delivered certificate in the office app`, { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const cookies: Record<'clerk' | 'handler' | 'head' | 'leader' | 'itemAdmin' | 'landUse', string> = { clerk: '', handler: '', head: '', leader: '', itemAdmin: '', landUse: '' };
  let scan: string;
  let boundary: string;
  // Screenshots of the PGlite run keep the plain names; the PostgreSQL run adds a suffix.
  const png = (name: string) => `test-results/${name}${kind.name === 'pglite' ? '' : `-${kind.name}`}.png`;
  let caseUrl = '';
  let caseNo = '';

  before(async () => {
    t = await testApp(await kind.get());
    base = await serve(t);
    const mk = async (role: string, department: string) => t.login((await t.user([role], { department })).username);
    cookies.clerk = await mk('window_clerk', 'approval_window');
    cookies.handler = await mk('case_handler', 'planning');
    cookies.head = await mk('section_head', 'planning');
    cookies.leader = await mk('leader', 'leadership');
    cookies.itemAdmin = await mk('item_admin', 'approval_window');
    cookies.landUse = await mk('case_handler', 'land_use_control');
    const dir = tempDir();
    scan = path.join(dir, '申请表扫描件.png');
    fs.writeFileSync(scan, scanPng());
    boundary = path.join(dir, '用地红线.geojson');
    fs.writeFileSync(boundary, boundaryGeoJson());
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(who: keyof typeof cookies, url: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const [name, value] = cookies[who].split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${url}`);
    return { page, errors };
  }

  // Tabs, drawers and dialogs animate for 0.3 s; screenshots wait for the end of it.
  const settle = (page: Page) => page.waitForTimeout(400);
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const stateTag = (page: Page) => page.getByTestId('case-state');

  /** Signs in as `who`, opens the case, writes an opinion by a common phrase and presses `button`. */
  async function act(who: keyof typeof cookies, button: string, phrase: string, expectState: string, shot: string) {
    const { page, errors } = await open(who, caseUrl);
    try {
      await page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 15_000 });
      const panel = page.getByTestId('action-panel');
      await panel.getByText(phrase, { exact: true }).click();
      await panel.getByRole('button', { name: button, exact: true }).click();
      await stateTag(page).getByText(expectState, { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: '流程' }).click();
      await page.getByText(`意见：${phrase}`).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png(shot), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  }

  it('the window clerk registers JSYDGH with ticked materials and an uploaded scan, then accepts it', async () => {
    const { page, errors } = await open('clerk', '/office');
    try {
      await page.getByRole('heading', { name: '我的办件' }).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: '窗口登记' }).click();
      await page.getByRole('heading', { name: '窗口登记（一窗受理）' }).waitFor();
      await page.getByLabel('事项', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'JSYDGH' }).click();
      await page.getByLabel('申请人名称').fill('衡南县城市建设投资有限公司');
      await page.getByLabel('证件号码').fill('91430422MA4L0ABC11');
      await page.getByLabel('联系电话').fill('13907340000');
      await page.getByLabel('联系人').fill('王经理');
      await page.getByLabel('项目名称').fill('云集大道东段道路工程');
      await page.getByLabel('项目位置').fill('云集街道');
      await page.getByLabel('用地面积').fill('25000');
      await page.getByLabel('拟供地方式').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '划拨' }).click();
      await page.getByLabel('拟用地用途').fill('城镇村道路用地');
      // The checklist: two materials ticked, one with its scan uploaded.
      await page.getByTestId('material-project_approval').getByRole('checkbox').check();
      await page.getByTestId('material-boundary_txt').getByRole('checkbox').check();
      await page.getByTestId('material-application_form').locator('input[type=file]').setInputFiles(scan);
      await page.getByTestId('material-application_form').getByText('申请表扫描件.png').waitFor();
      assert.equal(await page.getByTestId('material-application_form').getByRole('checkbox').isChecked(), true, 'an uploaded material is ticked');
      // The spatial pre-review of the boundary file: its verdict and rule table before registering.
      await page.locator('input[type=file][accept*=geojson]').setInputFiles(boundary);
      const report = page.getByTestId('review-report');
      await report.getByText('总体结论').waitFor({ timeout: 30_000 });
      await report.getByText(/公顷/).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-register'), fullPage: true });
      await page.getByRole('button', { name: '登记收件' }).click();

      // The case page: number, state and the clerk's actions from the server.
      await stateTag(page).getByText('待受理', { exact: true }).waitFor({ timeout: 30_000 });
      caseUrl = new URL(page.url()).pathname;
      caseNo = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
      assert.match(caseNo, /JSYDGH/);
      const panel = page.getByTestId('action-panel');
      await panel.getByRole('button', { name: '受理', exact: true }).waitFor();
      await panel.getByRole('button', { name: '不予受理' }).waitFor();
      await panel.getByRole('button', { name: '补正告知' }).waitFor();

      // Materials: three received, the scan shown inline.
      await page.getByRole('tab', { name: '材料' }).click();
      await page.getByText('建设用地规划许可申请表').waitFor();
      await page.getByRole('button', { name: '查看' }).first().click();
      await page.getByRole('img', { name: '建设用地规划许可申请表' }).waitFor();
      // The pre-review report went with the case.
      await page.getByRole('tab', { name: '审查报告' }).click();
      await page.getByTestId('review-report').getByText('总体结论').waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: '审查报告', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-review'), fullPage: true });

      await panel.getByText('材料齐全，符合法定形式，予以受理。', { exact: true }).click();
      await panel.getByRole('button', { name: '受理', exact: true }).click();
      await stateTag(page).getByText('承办', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByTestId('clock-badge').first().waitFor();
      await page.getByRole('tab', { name: '文书' }).click();
      await page.getByTestId('doc-accept').getByText('受理通知书').waitFor();
      const href = await page.getByTestId('notice-pdf-acceptance').getAttribute('href');
      assert.equal(href, `/api${caseUrl.replace('/office', '')}/notices/acceptance.pdf`);
      const pdf = await t.app.inject({ method: 'GET', url: href!, headers: { cookie: cookies.clerk } });
      assert.equal(pdf.statusCode, 200);
      assert.match(String(pdf.headers['content-type']), /application\/pdf/);
      await page.getByRole('tab', { name: '文书', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-accepted'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  it('the planning handler finds it in 待办 with the count and passes it', async () => {
    const { page, errors } = await open('handler', '/office');
    try {
      await page.getByTestId('tab-todo').getByText('1', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: caseNo }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-todo') });
      // The same list in English.
      await page.getByText('English', { exact: true }).click();
      await page.getByRole('heading', { name: 'My cases' }).waitFor();
      await page.getByTestId('tab-todo').getByText('To do').waitFor();
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('heading', { name: '我的办件' }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
    await act('handler', '通过', '同意。', '审核', 'office-handled');
  });

  it('the section head checks it', async () => {
    await act('head', '通过', '经审核，同意承办意见。', '审批', 'office-checked');
  });

  it('the leader approves it on the phone: cards, a bottom drawer and no horizontal scrolling', async () => {
    const { page, errors } = await open('leader', '/office', PHONE);
    try {
      const card = page.getByTestId(`task-card-${caseNo}`);
      await card.waitFor({ timeout: 15_000 });
      assert.ok((await overflow(page)) <= 0, 'the list fits the phone');
      await settle(page);
      await page.screenshot({ path: png('office-phone-list'), fullPage: true });
      await card.click();
      await page.getByRole('heading', { name: caseNo }).waitFor();
      assert.ok((await overflow(page)) <= 0, 'the case page fits the phone');
      await settle(page);
      await page.screenshot({ path: png('office-phone-case') });
      await page.getByRole('button', { name: '办理' }).click();
      const drawer = page.getByRole('dialog', { name: '办理' });
      await drawer.getByText('同意核发。', { exact: true }).click();
      await settle(page);
      await page.screenshot({ path: png('office-phone-drawer') });
      await drawer.getByRole('button', { name: '批准（准予许可）' }).click();
      await stateTag(page).getByText('准予许可，待制证', { exact: true }).waitFor({ timeout: 30_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  it('the window certifies and delivers: the case reaches 已送达 with its certificate', async () => {
    await act('clerk', '制证', '同意核发。', '已制证，待送达', 'office-certified');
    let verifyHref: string | null = null;
    const { page, errors } = await open('clerk', caseUrl);
    try {
      await page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 15_000 });
      await page.getByTestId('action-panel').getByRole('button', { name: '送达' }).click();
      const dialog = page.getByRole('dialog', { name: '送达' });
      await dialog.getByLabel('窗口领取').check();
      await dialog.getByRole('button', { name: '确定' }).click();
      await stateTag(page).getByText('已送达', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByText('当前没有可办理的操作。').waitFor();
      await page.getByRole('tab', { name: '文书' }).click();
      await page.getByTestId('doc-certificate').getByText(/已于 .* 送达/).waitFor();
      await page.getByText('准予行政许可决定书').waitFor();
      await page.getByTestId('notice-pdf-approval').waitFor();
      // The electronic certificate: its PDF and the public verification page.
      verifyHref = await page.getByTestId('doc-certificate').getByRole('link', { name: '证照核验页' }).getAttribute('href');
      await page.getByTestId('doc-certificate').getByRole('link', { name: '下载电子证照 PDF' }).waitFor();
      await page.getByRole('tab', { name: '流程' }).click();
      for (const step of ['收件登记', '受理', '批准', '制证', '送达']) await page.getByText(step, { exact: true }).first().waitFor();
      await page.getByRole('tab', { name: '流程', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-delivered'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
    const api = await t.app.inject({ method: 'GET', url: `/api${caseUrl.replace('/office', '')}`, headers: { cookie: cookies.clerk } });
    assert.equal(api.json().state, 'DELIVERED');
    assert.ok(api.json().certificateNo);
    assert.equal(verifyHref, `/verify/${api.json().certificateNo}`);
  });

  it('phone: the registration form and the done list fit the screen', async () => {
    const { page, errors } = await open('clerk', '/office/register', PHONE);
    try {
      await page.getByRole('heading', { name: '窗口登记（一窗受理）' }).waitFor({ timeout: 15_000 });
      await page.getByLabel('事项', { exact: true }).fill('JSYDGH');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'JSYDGH' }).click();
      await page.getByTestId('material-application_form').waitFor();
      assert.ok((await overflow(page)) <= 0, 'the registration form fits the phone');
      await settle(page);
      await page.screenshot({ path: png('office-phone-register'), fullPage: true });
      await page.goto(`${base}/office`);
      await page.getByTestId('tab-done').click();
      await page.getByTestId(`task-card-${caseNo}`).first().waitFor({ timeout: 15_000 });
      assert.ok((await overflow(page)) <= 0, 'the done list fits the phone');
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  /** Registers a JSYDGH case through the API as the clerk (the UI path is covered above). */
  async function apiCase(): Promise<{ id: string; caseNo: string }> {
    const res = await t.app.inject({
      method: 'POST', url: '/api/cases', headers: { cookie: cookies.clerk },
      payload: {
        itemCode: 'JSYDGH',
        applicant: { type: 'organisation', name: '衡南县交通建设投资有限公司', idType: 'credit_code', idNumber: '91430422MA4L0YYY23', phone: '13907341111' },
        project: { projectName: '茶市镇污水管网工程', location: '茶市镇', landArea: 8000, supplyMethod: 'allocation', landUse: '排水用地' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return { id: res.json().id, caseNo: res.json().caseNo };
  }

  async function apiAct(cookie: string, id: string, action: string) {
    const c = (await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie } })).json();
    const a = c.allowedActions.find((x: { action: string }) => x.action === action);
    assert.ok(a, `${action} allowed`);
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/actions`, headers: { cookie }, payload: { action, taskId: a.taskId } });
    assert.equal(res.statusCode, 200, res.body);
  }

  it('the window issues a 补正 notice naming the missing material with its reason', async () => {
    const c = await apiCase();
    const { page, errors } = await open('clerk', `/office/cases/${c.id}`);
    try {
      await page.getByRole('heading', { name: c.caseNo }).waitFor({ timeout: 15_000 });
      await page.getByTestId('action-panel').getByRole('button', { name: '补正告知' }).click();
      const dialog = page.getByRole('dialog', { name: '补正告知' });
      await dialog.getByRole('checkbox', { name: /申请人身份证明/ }).check();
      await dialog.getByLabel(/申请人身份证明.* 的补正原因/).fill('营业执照复印件未加盖公章');
      await dialog.getByRole('button', { name: '确定' }).click();
      await stateTag(page).getByText('补齐补正（受理前）', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: '文书' }).click();
      await page.getByText('补正材料告知书').waitFor();
      await page.getByText(/营业执照复印件未加盖公章/).waitFor();
      await page.getByRole('button', { name: '打印' }).waitFor();
      await page.getByRole('tab', { name: '文书', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-supplement'), fullPage: true });

      // The applicant brings the corrected material: a new version, then the case returns to acceptance.
      await page.getByRole('tab', { name: '材料' }).click();
      await page.getByLabel('选择要补正的材料').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '申请人身份证明' }).click();
      await page.locator('input[type=file]').setInputFiles(scan);
      await page.getByRole('list').getByText(/申请人身份证明/).waitFor({ timeout: 15_000 });
      await page.getByText('第 1 版').waitFor();
      await page.getByTestId('action-panel').getByRole('button', { name: '补正材料已收齐' }).click();
      await stateTag(page).getByText('待受理', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByTestId('action-panel').getByRole('button', { name: '受理', exact: true }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  it('the section head returns a case to 承办 by choosing the earlier step; the handler runs a special procedure', async () => {
    const c = await apiCase();
    await apiAct(cookies.clerk, c.id, 'accept');
    await apiAct(cookies.handler, c.id, 'pass');
    const { page, errors } = await open('head', `/office/cases/${c.id}`);
    try {
      await stateTag(page).getByText('审核', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByTestId('action-panel').getByLabel('办理意见').fill('用地面积与红线图不一致，请核实。');
      await page.getByTestId('action-panel').getByRole('button', { name: '退回' }).click();
      const dialog = page.getByRole('dialog', { name: '退回' });
      await dialog.getByText('承办（初审）').waitFor();
      await dialog.getByRole('button', { name: '确定' }).click();
      await stateTag(page).getByText('承办', { exact: true }).waitFor({ timeout: 30_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
    // The handler runs 批前公示 as a special procedure: the clock pauses, then the case resumes at 承办.
    const h = await open('handler', `/office/cases/${c.id}`);
    try {
      const panel = h.page.getByTestId('action-panel');
      await stateTag(h.page).getByText('承办', { exact: true }).waitFor({ timeout: 30_000 });
      await panel.getByRole('button', { name: '启动特别程序' }).click();
      const start = h.page.getByRole('dialog', { name: '启动特别程序' });
      await start.getByLabel('特别程序').click();
      await h.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '批前公示' }).click();
      await start.getByLabel('计划天数').fill('5');
      await start.getByRole('button', { name: '确定' }).click();
      await stateTag(h.page).getByText('特别程序', { exact: true }).waitFor({ timeout: 30_000 });
      await h.page.getByText('计时暂停').first().waitFor();
      await panel.getByRole('button', { name: '结束特别程序' }).click();
      const end = h.page.getByRole('dialog', { name: '结束特别程序' });
      await end.getByLabel('结果').fill('公示期满，无异议。');
      await end.getByRole('button', { name: '确定' }).click();
      await stateTag(h.page).getByText('承办', { exact: true }).waitFor({ timeout: 30_000 });
      assert.deepEqual(h.errors, []);
    } finally {
      await h.page.context().close();
    }
    const detail = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie: cookies.clerk } })).json();
    assert.deepEqual(detail.pauses.map((p: { procedure: string; endedOn: string | null }) => [p.procedure, p.endedOn !== null]), [['publicity', true]]);
    const ret = detail.timeline.find((h: { action: string }) => h.action === 'return');
    assert.equal(ret.detail.targetStepId, 'handle');
    assert.equal(ret.comment, '用地面积与红线图不一致，请核实。');
  });

  it('YDYS: the flow tab shows the parallel opinions of the sections and their states', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/cases', headers: { cookie: cookies.clerk },
      payload: {
        itemCode: 'YDYS',
        applicant: { type: 'organisation', name: '衡南县水务投资有限公司', idType: 'credit_code', idNumber: '91430422MA4L0WWW3A', phone: '13907342222' },
        project: { projectName: '衡南县第二污水处理厂', location: '云集街道', landArea: 25000, projectType: 'block', supplyMethod: 'allocation', landUse: '排水用地' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    await apiAct(cookies.clerk, id, 'accept');
    await apiAct(cookies.landUse, id, 'pass');
    const { page, errors } = await open('leader', `/office/cases/${id}`);
    try {
      await stateTag(page).getByText('承办', { exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: '流程' }).click();
      for (const step of ['op_land_use', 'op_farmland', 'op_planning', 'op_mineral']) {
        await page.getByTestId(`task-${step}`).getByText('办理中').first().waitFor();
      }
      for (const section of ['矿产资源管理股', '耕地保护监督股', '国土空间用途管制股', '国土空间规划股']) {
        await page.getByText(section, { exact: true }).first().waitFor();
      }
      await page.getByText('并联审查').waitFor();
      await page.getByRole('tab', { name: '流程', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-parallel'), fullPage: true });
      // The leader has no part in the opinions: only the case-level extension the server offers a decider.
      await page.getByTestId('action-panel').getByRole('button', { name: '延期' }).waitFor();
      assert.equal(await page.getByTestId('action-panel').getByRole('button', { name: '通过' }).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
  });

  it('the item administrator sees the process drawn as a diagram and saves it as a new version', async () => {
    const { page, errors } = await open('itemAdmin', '/office');
    try {
      await page.getByRole('button', { name: '流程定义' }).click();
      await page.getByRole('link', { name: /JSYDGH/ }).click();
      const canvas = page.getByTestId('bpmn-canvas');
      await canvas.locator('.djs-element').getByText('审批', { exact: true }).waitFor({ timeout: 20_000 });
      await canvas.locator('.djs-palette').waitFor();
      await page.getByTestId('process-version-1').waitFor();
      await page.getByLabel('修改原因').fill('核对流程图');
      await page.getByRole('button', { name: '校验并保存' }).click();
      await page.getByTestId('process-version-2').or(page.getByRole('alert')).first().waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
        await settle(page);
        await page.screenshot({ path: png('office-process-failed'), fullPage: true });
        throw e;
      });
      if (await page.getByRole('alert').count()) {
        await settle(page);
        await page.screenshot({ path: png('office-process-failed'), fullPage: true });
        assert.fail(`saving failed: ${await page.getByRole('alert').first().innerText()} ${await page.getByTestId('problem-list').innerText().catch(() => '')}`);
      }
      await page.getByTestId('process-version-2').getByText('现行').waitFor({ timeout: 15_000 });
      await canvas.locator('.djs-element').getByText('审批', { exact: true }).waitFor({ timeout: 20_000 });
      await settle(page);
      await page.screenshot({ path: png('office-process'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
    const versions = await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process/versions', headers: { cookie: cookies.itemAdmin } });
    assert.equal(versions.json().versions[0].version, 2);
  });

  it('a definition the server refuses shows its problems and saves nothing', async () => {
    const { page, errors } = await open('itemAdmin', '/office/processes/JSYDGH');
    try {
      const canvas = page.getByTestId('bpmn-canvas');
      const review = canvas.locator('.djs-element.djs-shape').filter({ hasText: /^审核$/ });
      await review.waitFor({ timeout: 20_000 });
      // Delete the 审核 step with its flows: the process falls apart.
      await review.click();
      await page.locator('.djs-context-pad [data-action="delete"]').click();
      await review.waitFor({ state: 'detached' });
      await page.getByLabel('修改原因').fill('删除审核环节');
      await page.getByRole('button', { name: '校验并保存' }).click();
      await page.getByRole('alert').first().waitFor({ timeout: 15_000 });
      await page.getByTestId('problem-list').waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-process-invalid'), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await page.context().close();
    }
    const versions = await t.app.inject({ method: 'GET', url: '/api/service-items/JSYDGH/process/versions', headers: { cookie: cookies.itemAdmin } });
    assert.equal(versions.json().versions[0].version, 2, 'nothing was saved');
  });
});

if (missing) console.log(`# browser tests skipped: ${missing}`);
