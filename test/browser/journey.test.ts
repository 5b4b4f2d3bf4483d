import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tempDir, testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { APPLICANT_PASSWORD, lastCode, newIdNumber, newPhone } from '../portal/helpers.ts';
import { boundaryTxt, buildCounty } from '../review/helpers.ts';

const missing = browserMissing;
const DEVICES = [
  { name: 'desktop', viewport: { width: 1280, height: 860 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
type Device = (typeof DEVICES)[number];

/** What an applicant might type into a text field to attack the page: it must show as text and never run. */
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

/** A one-page PDF with Chinese text, as a scanned form would be, made with the project's own PDF library. */
function materialPdf(title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(title.replace(/[^\x20-\x7e]/g, '') || 'Application', { align: 'center' });
    doc.moveDown().fontSize(11).text('Scanned material for the online hall journey test.');
    doc.end();
  });
}

/**
 * JSYDGH as this county runs it in the test: after acceptance the planning section and the land-use
 * control section give their opinions in parallel (并联审查), then the director decides.
 */
const PARALLEL_JSYDGH = {
  name: '建设用地规划许可证核发（并联审查）',
  reason: '规划股与用途管制股并联审查',
  graph: {
    nodes: [
      { id: 'start', type: 'start', name: '申请' },
      { id: 'accept', type: 'task', name: '窗口受理', nameEn: 'Acceptance', phase: 'accept', permission: 'case:accept', department: 'approval_window', timeLimitDays: 1, returnTargets: [] },
      { id: 'joint', type: 'fork', name: '并联审查' },
      { id: 'op_planning', type: 'task', name: '国土空间规划意见', nameEn: 'Spatial planning opinion', phase: 'opinion', permission: 'case:review', department: 'planning', timeLimitDays: 3, returnTargets: [] },
      { id: 'op_land_use', type: 'task', name: '用途管制意见', nameEn: 'Land-use control opinion', phase: 'opinion', permission: 'case:review', department: 'land_use_control', timeLimitDays: 3, returnTargets: [] },
      { id: 'joint_done', type: 'join', name: '并联审查完成', mode: 'all' },
      { id: 'approve', type: 'task', name: '审批', nameEn: 'Decision', phase: 'approve', permission: 'case:decide', department: 'leadership', timeLimitDays: 2, returnTargets: [] },
      { id: 'certify', type: 'task', name: '制证', nameEn: 'Certificate', phase: 'certify', permission: 'case:certify', department: 'approval_window', timeLimitDays: 1, returnTargets: [] },
      { id: 'deliver', type: 'task', name: '送达', nameEn: 'Delivery', phase: 'deliver', permission: 'case:certify', department: 'approval_window', timeLimitDays: 1, returnTargets: [] },
      { id: 'end', type: 'end', name: '办结' },
    ],
    flows: [
      { id: 'f_start_accept', from: 'start', to: 'accept' },
      { id: 'f_accept_joint', from: 'accept', to: 'joint' },
      { id: 'f_joint_planning', from: 'joint', to: 'op_planning' },
      { id: 'f_joint_land_use', from: 'joint', to: 'op_land_use' },
      { id: 'f_planning_done', from: 'op_planning', to: 'joint_done' },
      { id: 'f_land_use_done', from: 'op_land_use', to: 'joint_done' },
      { id: 'f_done_approve', from: 'joint_done', to: 'approve' },
      { id: 'f_approve_certify', from: 'approve', to: 'certify' },
      { id: 'f_certify_deliver', from: 'certify', to: 'deliver' },
      { id: 'f_deliver_end', from: 'deliver', to: 'end' },
    ],
  },
};

for (const kind of testDbs) describe(`browser (${kind.name}): the online hall journey — register, apply with a boundary, 补正, parallel review, certificate, rating`, { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const staff: Record<'clerk' | 'planning' | 'landUse' | 'leader', string> = { clerk: '', planning: '', landUse: '', leader: '' };
  const files: Record<'form' | 'approval' | 'approvalFixed' | 'survey' | 'identity' | 'boundary', string> = { form: '', approval: '', approvalFixed: '', survey: '', identity: '', boundary: '' };

  before(async () => {
    t = await testApp(await kind.get());
    await buildCounty(t);
    base = await serve(t);
    const mk = async (role: string, department: string) => t.login((await t.user([role], { department })).username);
    staff.clerk = await mk('window_clerk', 'approval_window');
    staff.planning = await mk('case_handler', 'planning');
    staff.landUse = await mk('case_handler', 'land_use_control');
    staff.leader = await mk('leader', 'leadership');
    const itemAdmin = await mk('item_admin', 'approval_window');
    const saved = await t.app.inject({ method: 'PUT', url: '/api/service-items/JSYDGH/process', headers: { cookie: itemAdmin }, payload: PARALLEL_JSYDGH });
    assert.equal(saved.statusCode, 201, saved.body);
    const dir = tempDir();
    files.form = path.join(dir, '建设用地规划许可申请表.pdf');
    fs.writeFileSync(files.form, await materialPdf('Application form'));
    files.approval = path.join(dir, '项目备案文件.pdf');
    fs.writeFileSync(files.approval, await materialPdf('Project approval'));
    files.approvalFixed = path.join(dir, '项目备案文件（盖章）.pdf');
    fs.writeFileSync(files.approvalFixed, await materialPdf('Project approval, stamped'));
    files.survey = path.join(dir, '勘测定界图.pdf');
    fs.writeFileSync(files.survey, await materialPdf('Survey map'));
    files.identity = path.join(dir, '身份证.pdf');
    fs.writeFileSync(files.identity, await materialPdf('Identity card'));
    // The boundary lies in the town's development area on dry land, clear of farmland, red line and mining rights.
    files.boundary = path.join(dir, '用地红线.txt');
    fs.writeFileSync(files.boundary, boundaryTxt([{ rect: [102, 62, 16, 36] }]));
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  // Tabs, drawers and dialogs animate for 0.3 s; screenshots wait for the end of it.
  const settle = (page: Page) => page.waitForTimeout(400);
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** A browser context with a page that fails the test on a script error or any dialog (alert …). */
  async function context(viewport: Device['viewport'], cookie?: string): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    if (cookie) {
      const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
      await ctx.addCookies([{ name, value, url: base }]);
    }
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      errors.push(`a ${d.type()} dialog fired: ${d.message()}`);
      void d.dismiss();
    });
    return { ctx, page, errors };
  }

  /** A staff member opens the case in the office, picks a common phrase and presses the action's button. */
  async function staffAct(who: keyof typeof staff, caseId: string, caseNo: string, button: string, phrase: string, expectState: string, shot: string) {
    const { ctx, page, errors } = await context(DEVICES[0].viewport, staff[who]);
    try {
      await page.goto(`${base}/office/cases/${caseId}`);
      await page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 15_000 });
      const panel = page.getByTestId('action-panel');
      await panel.getByText(phrase, { exact: true }).click();
      await panel.getByRole('button', { name: button, exact: true }).click();
      await page.getByTestId('case-state').getByText(expectState, { exact: true }).waitFor({ timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: shot, fullPage: true });
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: shot.replace(/\.png$/, '-failed.png'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await ctx.close();
    }
  }

  async function journey(device: Device) {
    const dir = `test-results/journey-${device.name}${kind.name === 'pglite' ? '' : `-${kind.name}`}`;
    fs.mkdirSync(dir, { recursive: true });
    let shot = 0;
    const png = (name: string) => path.join(dir, `${String(++shot).padStart(2, '0')}-${name}.png`);
    const phone = newPhone();
    const idNumber = newIdNumber();
    const name = device.name === 'phone' ? '李四' : '张三';
    const projectName = `云集大道东段道路工程${SCRIPT}${IMG}`;
    const { ctx, page, errors } = await context(device.viewport);
    const fits = async (what: string) => {
      if (device.name === 'phone') assert.ok((await overflow(page)) <= 0, `${what} fits the phone`);
    };
    try {
      // 1. Registration with the SMS code the development adapter logged.
      await page.goto(`${base}/hall/register`);
      await page.getByLabel('姓名').fill(name);
      await page.getByLabel('居民身份证号码').fill(idNumber);
      await page.getByLabel('手机号码').fill(phone);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await eventually(() => lastCode(t, phone));
      await page.getByLabel('短信验证码').fill(lastCode(t, phone));
      await page.getByLabel('设置密码').fill(APPLICANT_PASSWORD);
      await page.getByLabel('确认密码').fill(APPLICANT_PASSWORD);
      await settle(page);
      await page.screenshot({ path: png('register'), fullPage: true });
      await fits('the registration form');
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.getByTestId('applicant-name').getByText(name).waitFor({ timeout: 20_000 });

      // 2. The catalogue: a search finds 建设用地规划许可证核发.
      await page.getByRole('navigation').getByRole('link', { name: '办事指南' }).click();
      await page.getByRole('heading', { name: '办事指南', level: 1 }).waitFor({ timeout: 15_000 });
      await page.getByLabel('搜索事项').fill('建设用地规划');
      await page.getByLabel('搜索事项').press('Enter');
      await page.waitForURL(/q=/);
      // The search leaves out unrelated items (采矿权登记) and keeps the one looked for.
      await page.getByTestId('guide-link-CKQDJ').waitFor({ state: 'detached', timeout: 15_000 });
      await page.getByTestId('guide-link-JSYDGH').waitFor({ timeout: 15_000 });
      await settle(page);
      await page.screenshot({ path: png('guides-search'), fullPage: true });
      await fits('the catalogue');
      await page.getByTestId('guide-link-JSYDGH').click();

      // 3. The guide: conditions, materials with templates, the process with its parallel opinions.
      await page.getByRole('heading', { name: '建设用地规划许可证核发', level: 1 }).waitFor({ timeout: 15_000 });
      await page.getByText('项目批准、核准或备案文件').first().waitFor();
      await page.getByText('国土空间规划意见').first().waitFor();
      await page.getByText('用途管制意见').first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('guide'), fullPage: true });
      await fits('the guide');
      await page.getByTestId('apply-online').first().click();

      // 4. Applying: the form from the item's schema, the materials, the boundary with its instant pre-check.
      await page.getByLabel('项目名称').waitFor({ timeout: 15_000 });
      await page.getByLabel('项目名称').fill(projectName);
      await page.getByLabel('项目位置').fill('云集街道');
      await page.getByLabel(/^用地面积/).fill('576');
      await chooseOption(page, '拟供地方式', '划拨');
      await page.getByLabel('拟用地用途').fill('城镇村道路用地');
      await settle(page);
      await page.screenshot({ path: png('apply-form'), fullPage: true });
      await fits('the application form');
      await page.getByRole('button', { name: '下一步' }).click();
      for (const [code, file] of [['application_form', files.form], ['project_approval', files.approval], ['boundary_txt', files.survey], ['identity', files.identity]] as const) {
        await page.getByTestId(`material-input-${code}`).setInputFiles(file);
        await page.getByTestId(`material-file-${code}`).getByText(path.basename(file)).waitFor({ timeout: 20_000 });
      }
      await settle(page);
      await page.screenshot({ path: png('apply-materials'), fullPage: true });
      await fits('the materials step');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByTestId('boundary-input').setInputFiles(files.boundary);
      const precheck = page.getByTestId('precheck');
      await precheck.getByText(/报告编号/).first().waitFor({ timeout: 60_000 });
      await precheck.getByText(/公顷/).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('apply-precheck'), fullPage: true });
      await fits('the pre-check');
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByTestId('submit-application').click();
      const caseNoText = page.getByTestId('case-no');
      await caseNoText.waitFor({ timeout: 30_000 });
      const caseNo = (await caseNoText.innerText()).trim();
      assert.match(caseNo, /JSYDGH\d{6}$/);
      await page.getByTestId('query-code').waitFor();
      await settle(page);
      await page.screenshot({ path: png('submitted'), fullPage: true });
      await fits('the submission result');
      const caseHref = await page.getByRole('link', { name: '查看办件详情' }).getAttribute('href');
      const caseId = decodeURIComponent(caseHref!.replace('/hall/cases/', ''));
      const row = await t.ctx.db.query<{ case_no: string }>('SELECT case_no FROM cases WHERE id = $1', [caseId]);
      assert.equal(row.rows[0]?.case_no, caseNo);

      // 5. The window asks for a stamped project approval (补正), in the office pages.
      {
        const s = await context(DEVICES[0].viewport, staff.clerk);
        try {
          await s.page.goto(`${base}/office/cases/${caseId}`);
          await s.page.getByRole('heading', { name: caseNo }).waitFor({ timeout: 15_000 });
          await s.page.getByTestId('action-panel').getByRole('button', { name: '补正告知' }).click();
          const dialog = s.page.getByRole('dialog', { name: '补正告知' });
          await dialog.getByRole('checkbox', { name: /项目批准、核准或备案文件/ }).check();
          await dialog.getByLabel(/项目批准、核准或备案文件.* 的补正原因/).fill('备案文件未加盖建设单位公章');
          await dialog.getByRole('button', { name: '确定' }).click();
          await s.page.getByTestId('case-state').getByText('补齐补正（受理前）', { exact: true }).waitFor({ timeout: 30_000 });
          await settle(s.page);
          await s.page.screenshot({ path: png('office-supplement'), fullPage: true });
          assert.deepEqual(s.errors, []);
        } finally {
          await s.ctx.close();
        }
      }

      // 6. The citizen sees exactly what is missing and why, replaces just that material and resubmits.
      await page.goto(`${base}/hall/cases/${caseId}`);
      const notice = page.getByTestId('supplement-panel');
      await notice.getByText('补正要求：备案文件未加盖建设单位公章').waitFor({ timeout: 20_000 });
      assert.equal(await notice.getByTestId(/^material-input-/).count(), 1, 'only the listed material can be replaced');
      // The project name with markup shows as text; nothing ran.
      await page.getByText(`云集大道东段道路工程${SCRIPT}${IMG}`).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('supplement-notice'), fullPage: true });
      await fits('the case page with the 补正 notice');
      await notice.getByTestId('material-input-project_approval').setInputFiles(files.approvalFixed);
      await notice.getByText(path.basename(files.approvalFixed)).waitFor({ timeout: 20_000 });
      await notice.getByTestId('resubmit').click();
      await page.locator('[data-state="SUBMITTED"]').waitFor({ timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: png('resubmitted'), fullPage: true });

      // 7–10. The office: acceptance, the two sections in parallel, the director, the certificate.
      await staffAct('clerk', caseId, caseNo, '受理', '材料齐全，符合法定形式，予以受理。', '承办', png('office-accepted'));
      await staffAct('planning', caseId, caseNo, '通过', '经审查，符合国土空间规划和用途管制要求，拟同意。', '承办', png('office-planning-opinion'));
      // While the sections review, the citizen sees the legal clock running.
      await page.goto(`${base}/hall/cases/${caseId}`);
      await page.locator('[data-state="HANDLING"]').waitFor({ timeout: 20_000 });
      const running = page.getByTestId('legal-clock');
      await running.getByText('正在计时').waitFor();
      await running.getByText(/\d+\/\d+ 工作日/).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('case-in-review'), fullPage: true });
      await fits('the case page in review');
      await staffAct('landUse', caseId, caseNo, '通过', '经审查，符合国土空间规划和用途管制要求，拟同意。', '审批', png('office-land-use-opinion'));
      await staffAct('leader', caseId, caseNo, '批准（准予许可）', '同意核发。', '准予许可，待制证', png('office-approved'));
      await staffAct('clerk', caseId, caseNo, '制证', '同意核发。', '已制证，待送达', png('office-certified'));

      // 11. The citizen follows the case: timeline by department, the legal clock, the certificate.
      await page.goto(`${base}/hall/cases/${caseId}`);
      await page.locator('[data-state="CERTIFIED"]').waitFor({ timeout: 20_000 });
      const timeline = page.getByTestId('case-timeline');
      for (const step of ['已申报', '需补正材料', '已补正', '已受理', '准予许可', '已制证']) await timeline.getByText(step).first().waitFor();
      // Who acted is a department, never a person (staff accounts are named 测试用户N in the tests).
      await timeline.getByText(/行政审批服务股/).first().waitFor();
      await timeline.getByText('局领导').first().waitFor();
      assert.equal(await page.getByText(/测试用户/).count(), 0, 'no staff member is named to the applicant');
      await page.getByTestId('legal-clock').getByText(/\d+\/\d+ 工作日/).first().waitFor();
      await settle(page);
      await page.screenshot({ path: png('case-certified'), fullPage: true });
      await fits('the case page');
      const cert = page.getByTestId('certificate');
      const href = await cert.getByRole('link', { name: '下载证照（PDF）' }).getAttribute('href');
      assert.equal(href, `/api/portal/cases/${caseId}/certificate.pdf`);
      const pdf = await ctx.request.get(`${base}${href}`);
      assert.equal(pdf.status(), 200);
      assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
      await cert.getByRole('link', { name: '在线核验' }).click();
      await page.waitForURL(/\/verify\//);
      await page.getByText('有效', { exact: true }).first().waitFor({ timeout: 15_000 });
      await settle(page);
      await page.screenshot({ path: png('verify'), fullPage: true });
      await fits('the verification page');

      // 12. 好差评: 满意, with a comment that is markup.
      await page.goto(`${base}/hall/cases/${caseId}`);
      const form = page.getByTestId('rating-form');
      await form.getByText('满意', { exact: true }).click();
      await form.getByLabel('评价内容').fill(`办理很快${IMG}`);
      await form.getByRole('button', { name: '提交评价' }).click();
      const rating = page.getByTestId('rating');
      await rating.getByText('满意', { exact: true }).waitFor({ timeout: 15_000 });
      await rating.getByText(`办理很快${IMG}`).waitFor();
      await settle(page);
      await page.screenshot({ path: png('rated'), fullPage: true });
      await fits('the rating');

      const stored = await t.ctx.db.query<{ state: string; project: { projectName: string } }>('SELECT state, project FROM cases WHERE id = $1', [caseId]);
      assert.equal(stored.rows[0]!.state, 'CERTIFIED');
      assert.equal(stored.rows[0]!.project.projectName, projectName, 'the markup is stored verbatim, only ever shown as text');
      assert.deepEqual(errors, []);
    } catch (err) {
      await page.screenshot({ path: path.join(dir, 'failed.png'), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await ctx.close();
    }
  }

  for (const device of DEVICES) {
    it(`${device.name} (${device.viewport.width}×${device.viewport.height}): a citizen goes from registration to a verified certificate and a rating`, async () => {
      await journey(device);
    });
  }
});

/** Picks an option of an Ant Design select found by its label. */
async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

/** Polls until fn stops throwing (at most 10 s). */
async function eventually(fn: () => unknown): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      fn();
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

if (missing) console.log(`# browser tests skipped: ${missing}`);
