import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { APPLICANT, ok, openTask, relogin, setChinaDate, staff, submit, type Staff } from '../approval/helpers.ts';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

for (const kind of testDbs) describe(`browser (${kind.name}): the supervision dashboard (效能监管)`, { skip: browserMissing ?? false }, () => {
  let t: TestApp;
  let s: Staff;
  let browser: Browser;
  let base: string;
  let supervisor = '';
  const ids: Record<string, string> = {};
  const png = (name: string) => `test-results/${name}${kind.name === 'pglite' ? '' : `-${kind.name}`}.png`;

  before(async () => {
    t = await testApp(await kind.get());
    base = await serve(t);
    // Four November cases: one approved on time, one accepted and left to go overdue, one online, one not accepted.
    setChinaDate(t, '2026-11-02');
    s = await staff(t);
    const a = (await submit(t, s.clerk, 'JSYDGH')).json();
    ids.a = a.id;
    let x = await ok(t, s.clerk, a.id, { action: 'accept', taskId: openTask(a, 'accept') });
    const b = (await submit(t, s.clerk, 'JSYDGH')).json();
    ids.b = b.id;
    await ok(t, s.clerk, b.id, { action: 'accept', taskId: openTask(b, 'accept') });
    const c = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'BDCDJ', channel: 'online', applicant: APPLICANT, project: { registrationType: 'first', location: '云集街道' } } });
    ids.c = c.json().id;
    const d = (await submit(t, s.clerk, 'JSYDGH')).json();
    await ok(t, s.clerk, d.id, { action: 'not_accept', taskId: openTask(d, 'accept'), reason: '不属于受理范围' });
    setChinaDate(t, '2026-11-03');
    await relogin(t, s, ['handler', 'head', 'leader']);
    x = await ok(t, s.handler, ids.a!, { action: 'pass', taskId: openTask(x, 'handle') });
    x = await ok(t, s.head, ids.a!, { action: 'pass', taskId: openTask(x, 'review') });
    x = await ok(t, s.leader, ids.a!, { action: 'pass', taskId: openTask(x, 'approve') });
    assert.equal(x.state, 'DONE_APPROVED');
    setChinaDate(t, '2026-11-16');
    await relogin(t, s, ['clerk', 'leader']);
    // A poor rating at the window opens a rectification for the competent section.
    const rated = await t.app.inject({ method: 'POST', url: `/api/cases/${ids.a}/rating`, headers: { cookie: s.clerk }, payload: { level: 2, tags: ['slow'], comment: '等待时间较长' } });
    assert.equal(rated.statusCode, 201, rated.body);
    supervisor = await t.login((await t.user(['director'], { department: 'leadership' })).username);
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(cookie: string, url: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${url}`);
    return { page, errors };
  }

  async function november(page: Page): Promise<void> {
    await page.getByRole('heading', { name: '效能监管' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('起始日期').fill('2026-11-01');
    await page.getByLabel('截止日期').fill('2026-11-30');
    await page.getByTestId('figure-cases').getByText('4', { exact: true }).waitFor({ timeout: 20_000 });
  }

  const figure = async (page: Page, key: string) => (await page.getByTestId(`figure-${key}`).locator('.ant-statistic-content').innerText()).replace(/\s+/g, '');

  it('shows the figures the API computes, drills down to the overdue case and links it to its case page', async () => {
    const { page, errors } = await open(supervisor, '/supervision');
    await november(page);
    await page.getByRole('navigation').first().getByRole('link', { name: '效能监管' }).waitFor({ timeout: 10_000 });
    const api = (await t.app.inject({ method: 'GET', url: '/api/supervision/summary?from=2026-11-01&to=2026-11-30', headers: { cookie: supervisor } })).json();
    assert.deepEqual(api.byMonth.map((m: { key: string; cases: number }) => [m.key, m.cases]), [['2026-11', 4]], 'by month of submission');
    const tot = api.totals;
    assert.equal(await figure(page, 'cases'), `${tot.cases}件`);
    assert.equal(await figure(page, 'onTimeRate'), `${tot.onTimeRate.toFixed(1)}%`);
    assert.equal(await figure(page, 'averageWorkingDays'), `${tot.averageWorkingDays.toFixed(1)}个工作日`);
    assert.equal(await figure(page, 'overdue'), `${tot.overdue}件`);
    assert.equal(await figure(page, 'warning'), `${tot.warning}件`);
    assert.equal(await figure(page, 'fullyOnlineShare'), `${tot.fullyOnlineShare.toFixed(1)}%`);
    assert.equal(await figure(page, 'instantShare'), `${tot.instantShare.toFixed(1)}%`);
    assert.equal(await figure(page, 'averageVisits'), `${tot.averageVisits.toFixed(2)}次`);
    assert.equal(tot.overdue, 1, 'case b is past its due date on Nov 16');
    for (const c of ['chart-state', 'chart-month', 'chart-item', 'chart-department']) await page.getByTestId(c).locator('canvas').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: png('supervision-desktop'), fullPage: true });

    await page.getByTestId('figure-overdue').getByRole('button', { name: '查看办件' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('共 1 件').waitFor();
    const caseNo = (await t.db.query<{ case_no: string }>('SELECT case_no FROM cases WHERE id = $1', [ids.b])).rows[0]!.case_no;
    const link = drawer.getByRole('link', { name: caseNo });
    assert.equal(await link.getAttribute('href'), `/office/cases/${ids.b}`);
    await drawer.getByText('超期', { exact: true }).waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: png('supervision-drill'), fullPage: false });
    await link.click();
    await page.waitForURL(`**/office/cases/${ids.b}`);
    await page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 20_000 });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('exports the period as an xlsx workbook', async () => {
    const { page } = await open(supervisor, '/supervision');
    await november(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    assert.equal(download.suggestedFilename(), 'supervision_2026-11-01_2026-11-30.xlsx');
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    assert.equal(head, 'PK', 'an OOXML (zip) workbook');
    await page.context().close();
  });

  it('shows the 好差评 statistics and the open rectification', async () => {
    const { page } = await open(supervisor, '/supervision');
    await november(page);
    await page.getByRole('tab', { name: '好差评' }).click();
    const stats = (await t.app.inject({ method: 'GET', url: '/api/supervision/ratings?from=2026-11-01&to=2026-11-30', headers: { cookie: supervisor } })).json();
    assert.equal(stats.total, 1);
    await page.getByTestId('ratings-total').getByText(String(stats.total), { exact: true }).waitFor();
    await page.getByTestId('ratings-average').getByText(stats.average.toFixed(2)).waitFor();
    await page.getByText('等待时间较长').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: png('supervision-ratings'), fullPage: true });
    await page.context().close();
  });

  it('fits a 390×844 phone and refuses staff without supervise:read', async () => {
    const { page, errors } = await open(supervisor, '/supervision', PHONE);
    await november(page);
    await page.waitForTimeout(500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.width, `no sideways scrolling of the page (scrollWidth ${width})`);
    await page.screenshot({ path: png('supervision-phone'), fullPage: true });
    await page.getByTestId('figure-cases').getByRole('button', { name: '查看办件' }).click();
    await page.getByRole('dialog').getByText('共 4 件').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: png('supervision-phone-drill') });
    assert.deepEqual(errors, []);
    await page.context().close();

    const clerk = await open(s.clerk, '/supervision');
    await clerk.page.getByText('403').first().waitFor({ timeout: 20_000 });
    assert.equal(await clerk.page.getByTestId('figures').count(), 0);
    await clerk.page.context().close();
  });
});
