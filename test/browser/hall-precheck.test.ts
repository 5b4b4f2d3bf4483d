import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tempDir, testDbs } from '../helpers/db.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { registerPerson, type Person } from '../portal/helpers.ts';
import { boundaryTxt, buildCounty } from '../review/helpers.ts';

const missing = browserMissing;
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

/** The smallest well-formed PDF: what the hall's type sniffing accepts as a material. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * Issue 辅助审查, done when "a pre-check in the online hall and a review in a case are shown in a
 * Playwright test with screenshots": the applicant's instant pre-check on a draft, then the same
 * report in the submitted case's review tab in the office, and a reviewer's re-run of it.
 */
for (const kind of testDbs) describe(`browser (${kind.name}): a pre-check in the online hall becomes the review of the case in the office`, { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let applicant: Person;
  let reviewer: string;
  let clerk: string;
  let dir: string;
  // The hall's draft and the case it became, carried from one step to the next.
  let draftId = '';
  let precheck: { reportId: string; reportNo: string; verdict: string; verdictName: string; areaM2: number } = { reportId: '', reportNo: '', verdict: '', verdictName: '', areaM2: 0 };
  let caseId = '';
  let caseNo = '';
  const png = (name: string) => `test-results/hall-precheck-${name}${kind.name === 'pglite' ? '' : `-${kind.name}`}.png`;

  before(async () => {
    t = await testApp(await kind.get());
    await buildCounty(t);
    base = await serve(t);
    applicant = await registerPerson(t, { name: '王五' });
    reviewer = await t.login((await t.user(['case_handler'], { department: 'land_use_control' })).username);
    clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
    dir = tempDir();
    // [50,150]² overlaps 永久基本农田 (SW quadrant), the high hazard zone and the mining right: a clear 不通过 with named rules.
    fs.writeFileSync(path.join(dir, '用地红线.txt'), boundaryTxt([{ rect: [50, 50, 100, 100] }]));
    // A bow tie: the second and third points swapped.
    const lines = boundaryTxt([{ rect: [50, 50, 100, 100] }]).split('\r\n');
    const j2 = lines.findIndex((l) => l.startsWith('J2,'));
    const j3 = lines.findIndex((l) => l.startsWith('J3,'));
    [lines[j2], lines[j3]] = [`J2,${lines[j3]!.slice(3)}`, `J3,${lines[j2]!.slice(3)}`];
    fs.writeFileSync(path.join(dir, '自相交红线.txt'), lines.join('\r\n'));
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
    page.on('dialog', (d) => {
      errors.push(`a ${d.type()} dialog fired: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${base}${url}`);
    return { context, page, errors };
  }
  const settle = (page: Page) => page.waitForTimeout(400);
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** Fills the JSYDGH form and walks to the boundary step of a new draft. */
  async function toBoundaryStep(page: Page) {
    await page.getByLabel('项目名称').waitFor({ timeout: 20_000 });
    await page.getByLabel('项目名称').fill('云集街道污水泵站工程');
    await page.getByLabel('项目位置').fill('云集街道');
    await page.getByLabel(/^用地面积/).fill('10000');
    for (const [label, option] of [['拟供地方式', '划拨']] as const) {
      await page.getByLabel(label).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
    }
    await page.getByLabel('拟用地用途').fill('排水用地');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '上传材料' }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('heading', { name: '项目红线' }).waitFor();
  }

  it('the applicant uploads a boundary to a draft: the instant pre-check shows its verdict and rule lines; a bow tie names the point', async () => {
    const { context, page, errors } = await open(applicant.cookie, DESKTOP, '/hall/apply/JSYDGH');
    try {
      await toBoundaryStep(page);
      draftId = new URL(page.url()).searchParams.get('draft') ?? '';
      assert.ok(draftId, 'the draft id is in the address');

      // A self-intersecting boundary: refused with the review module's message, nothing recorded.
      await page.getByTestId('boundary-input').setInputFiles(path.join(dir, '自相交红线.txt'));
      await page.getByRole('alert').getByText(/自相交|J\d|界址点/).first().waitFor({ timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: png('bowtie'), fullPage: true });
      const refused = await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${draftId}`, headers: { cookie: applicant.cookie } });
      assert.equal(refused.json().precheck, null, 'a refused boundary leaves no pre-check');

      await page.getByTestId('boundary-input').setInputFiles(path.join(dir, '用地红线.txt'));
      const view = page.getByTestId('precheck');
      await view.getByText(/报告编号/).first().waitFor({ timeout: 60_000 });
      await view.getByText('不通过').first().waitFor();
      await view.getByText(/占用永久基本农田|永久基本农田/).first().waitFor();
      await view.getByText(/公顷/).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('draft'), fullPage: true });
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: png('failed-1'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
    const draft = await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${draftId}`, headers: { cookie: applicant.cookie } });
    assert.equal(draft.statusCode, 200, draft.body);
    const p = draft.json().precheck;
    assert.ok(p, 'the draft holds the pre-check');
    assert.equal(p.verdict, 'FAIL');
    assert.ok(p.rules.some((r: { verdict: string; name: string }) => r.verdict === 'FAIL' && /永久基本农田/.test(r.name)), JSON.stringify(p.rules));
    precheck = { reportId: p.reportId, reportNo: p.reportNo, verdict: p.verdict, verdictName: p.verdictName, areaM2: p.areaM2 };
    assert.equal(draft.json().boundaryFileName, '用地红线.txt');
  });

  it('phone: the pre-check of the saved draft reads on 390×844 without sideways scrolling', async () => {
    const { context, page, errors } = await open(applicant.cookie, PHONE, `/hall/apply/JSYDGH?draft=${draftId}`);
    try {
      await page.getByLabel('项目名称').waitFor({ timeout: 20_000 });
      assert.equal(await page.getByLabel('项目名称').inputValue(), '云集街道污水泵站工程', 'the draft resumes with what was typed');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('button', { name: '下一步' }).click();
      const view = page.getByTestId('precheck');
      await view.getByText(precheck.reportNo).waitFor({ timeout: 20_000 });
      assert.ok((await overflow(page)) <= 0, 'the pre-check fits the phone');
      await settle(page);
      await page.screenshot({ path: png('phone'), fullPage: true });
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: png('failed-2'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });

  it('after submission the case carries the same report: the office review tab shows its number and verdict', async () => {
    // Materials and submission through the hall's API (the browser path is the journey test's).
    const guide = (await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH' })).json();
    const draft = (await t.app.inject({ method: 'GET', url: `/api/portal/drafts/${draftId}`, headers: { cookie: applicant.cookie } })).json();
    const materials: { code: string; fileId: string }[] = [];
    for (const m of guide.materials.filter((x: { requirement: string }) => x.requirement === 'required')) {
      const body = multipart(`${m.code}.pdf`, PDF);
      const up = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { cookie: applicant.cookie, ...body.headers }, payload: body.payload });
      assert.equal(up.statusCode, 201, up.body);
      materials.push({ code: m.code, fileId: up.json().fileId });
    }
    const put = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${draftId}`, headers: { cookie: applicant.cookie }, payload: { expectedVersion: draft.version, project: draft.project, materials } });
    assert.equal(put.statusCode, 200, put.body);
    const sub = await t.app.inject({ method: 'POST', url: `/api/portal/drafts/${draftId}/submit`, headers: { cookie: applicant.cookie, 'idempotency-key': `precheck-${draftId}` } });
    assert.equal(sub.statusCode, 201, sub.body);
    caseId = sub.json().caseId;
    caseNo = sub.json().caseNo;
    const staffView = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: clerk } })).json();
    assert.equal(staffView.reviewReportId, precheck.reportId, 'the case carries the hall pre-check report');

    const { context, page, errors } = await open(clerk, DESKTOP, `/office/cases/${caseId}`);
    try {
      await page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 20_000 });
      await page.getByRole('tab', { name: '审查报告' }).click();
      const report = page.getByTestId('review-report');
      await report.getByText(`报告编号 ${precheck.reportNo}`).waitFor({ timeout: 20_000 });
      await report.getByText(precheck.verdictName, { exact: true }).first().waitFor();
      await report.getByText('占用永久基本农田').first().waitFor();
      await page.getByRole('tab', { name: '审查报告', selected: true }).waitFor();
      await settle(page);
      await page.screenshot({ path: png('office-review-tab'), fullPage: true });
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: png('failed-3'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });

  it('a reviewer re-runs the case report on the current data: a new report for the same case', async () => {
    const { context, page, errors } = await open(reviewer, DESKTOP, `/review/${precheck.reportId}`);
    let newId = '';
    try {
      await page.getByTestId('report-no').getByText(precheck.reportNo).waitFor({ timeout: 20_000 });
      await page.getByTestId('rerun').click();
      // The page moves to the new report: another number, another address.
      await page.getByTestId('report-no').filter({ hasNotText: precheck.reportNo }).waitFor({ timeout: 30_000 });
      await page.waitForURL((u) => !u.pathname.endsWith(precheck.reportId), { timeout: 10_000 });
      newId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByTestId('overall').getByText('不通过').first().waitFor();
      await page.getByTestId('report-diff').waitFor({ timeout: 20_000 });
      await settle(page);
      await page.screenshot({ path: png('rerun'), fullPage: true });
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: png('failed-4'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
    // The same boundary on the same data gives the same answer: the review is reproducible.
    const rerun = await t.app.inject({ method: 'GET', url: `/api/reviews/${newId}`, headers: { cookie: reviewer } });
    assert.equal(rerun.statusCode, 200, rerun.body);
    assert.equal(rerun.json().overall, precheck.verdict);
    assert.equal(rerun.json().caseId, caseId, 'the re-run belongs to the case the pre-check became part of');
    assert.ok(Math.abs(rerun.json().boundary.area.m2 - precheck.areaM2) < 0.01, `area ${rerun.json().boundary.area.m2} vs ${precheck.areaM2}`);
  });
});

if (missing) console.log(`# browser tests skipped: ${missing}`);
