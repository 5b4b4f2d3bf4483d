import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { APPLICANT_PASSWORD, lastCode, newIdNumber, newPhone } from '../portal/helpers.ts';
import { boundaryTxt, buildCounty } from '../review/helpers.ts';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

/** A small, valid one-page PDF (the upload sniffs the content, not the name). */
function minimalPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Runs axe (WCAG 2.1 A/AA) and fails on serious or critical violations, listing them. */
async function assertAccessible(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`).join('\n');
  assert.equal(bad.length, 0, `${where}: axe found serious/critical violations:\n${text}`);
}

/** The page is no wider than the viewport (no horizontal scrolling on a phone). */
async function assertNoHorizontalScroll(page: Page, where: string) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  assert.ok(scroll <= inner, `${where}: page is ${scroll}px wide in a ${inner}px viewport`);
}

for (const kind of testDbs) describe(`browser (${kind.name}): the online hall (网上办事大厅) pages`, { skip: browserMissing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let dir: string;
  let pdf: string;
  let txt: string;
  const png = (name: string) => `test-results/hall-${name}${kind.name === 'pglite' ? '' : `-${kind.name}`}.png`;

  before(async () => {
    t = await testApp(await kind.get());
    await buildCounty(t);
    base = await serve(t);
    dir = tempDir();
    pdf = path.join(dir, '申请表.pdf');
    fs.writeFileSync(pdf, minimalPdf());
    txt = path.join(dir, '用地红线.txt');
    fs.writeFileSync(txt, boundaryTxt([{ rect: [50, 50, 100, 100] }]));
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(viewport: { width: number; height: number }, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${url}`);
    return { context, page, errors };
  }

  it('home, catalogue and guide render in Chinese, switch to English, and fit a phone without horizontal scrolling', async () => {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const { context, page, errors } = await open(viewport, '/');
      try {
        await page.getByRole('heading', { level: 1, name: '自然资源网上办事大厅' }).waitFor();
        // The themes and popular services come from the public guide list.
        await page.getByRole('link', { name: /规划 \(\d+\)/ }).waitFor();
        await page.getByRole('link', { name: '建设用地规划许可证核发' }).first().waitFor();
        await page.getByRole('link', { name: '工作人员登录' }).waitFor();
        await assertNoHorizontalScroll(page, `home ${label}`);
        await page.screenshot({ path: png(`home-${label}`), fullPage: true });

        // Search from the home page leads to the filtered catalogue.
        await page.getByRole('searchbox', { name: '搜索事项' }).fill('规划许可');
        await page.getByRole('searchbox', { name: '搜索事项' }).press('Enter');
        await page.waitForURL(/\/guides\?q=/);
        await page.getByRole('heading', { level: 1, name: '办事指南' }).waitFor();
        await page.getByTestId('guide-link-JSYDGH').waitFor();
        await page.getByText(/^共 \d+ 个事项$/).waitFor();
        assert.equal(await page.getByTestId('guide-link-CKQDJ').count(), 0, 'a mining item does not match 规划许可');

        // Theme and audience filters.
        await page.goto(`${base}/guides`);
        await page.getByTestId('guide-link-JSYDGH').waitFor();
        await page.getByRole('group', { name: '主题' }).getByText(/^矿产/).click();
        await page.waitForURL(/theme=mineral/);
        await page.getByTestId('guide-link-CKQDJ').waitFor();
        await page.getByTestId('guide-link-JSYDGH').waitFor({ state: 'detached' });
        await page.getByRole('group', { name: '主题' }).getByText('全部').click();
        await page.getByRole('group', { name: '服务对象' }).getByText('个人').click();
        await page.waitForURL(/audience=person/);
        // Mining rights are for organisations only: the card goes once the filtered list arrives.
        await page.getByTestId('guide-link-CKQDJ').waitFor({ state: 'detached' });
        await page.getByTestId('guide-link-BDCDJ').waitFor();
        await assertNoHorizontalScroll(page, `guides ${label}`);
        await page.screenshot({ path: png(`guides-${label}`), fullPage: true });

        // The guide: basics, materials with template links, steps, FAQ, the way in.
        await page.goto(`${base}/guides/JSYDGH`);
        await page.getByRole('heading', { level: 1, name: '建设用地规划许可证核发' }).waitFor();
        for (const h of ['基本信息', '受理条件', '申请材料', '办理流程', '设定依据', '常见问题']) await page.getByRole('heading', { name: h }).waitFor();
        await page.getByText('最多跑 0 次').first().waitFor();
        await page.getByText('全程网办').first().waitFor();
        await page.getByText('0734-8666001').waitFor();
        const template = page.getByRole('link', { name: '下载空白表格：建设用地规划许可申请表' });
        assert.match((await template.getAttribute('href')) ?? '', /^\/api\/portal\/guides\/JSYDGH\/materials\/application_form\/template\.pdf$/);
        assert.ok((await page.locator('.ant-steps-item').count()) >= 3, 'process steps drawn');
        await page.getByRole('link', { name: '在线申办' }).waitFor();
        await assertNoHorizontalScroll(page, `guide ${label}`);
        await page.screenshot({ path: png(`guide-${label}`), fullPage: true });

        // English.
        await page.getByText('English', { exact: true }).click();
        await page.getByRole('heading', { level: 1, name: 'Construction land planning permit' }).waitFor();
        await page.getByRole('heading', { name: 'Materials' }).waitFor();
        await page.getByRole('link', { name: 'Apply online' }).waitFor();
        await page.goto(`${base}/`);
        await page.getByRole('heading', { level: 1, name: 'Natural Resources Online Service Hall' }).waitFor();
        await assertNoHorizontalScroll(page, `home en ${label}`);
        await page.screenshot({ path: png(`home-en-${label}`), fullPage: true });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });

  it('has no serious or critical WCAG 2.1 AA violation on the home, catalogue, guide and progress pages, also in high contrast', async () => {
    const { context, page } = await open(DESKTOP, '/');
    try {
      for (const contrast of [false, true]) {
        if (contrast) {
          await page.goto(`${base}/`);
          await page.getByTestId('toggle-high-contrast').click();
        }
        for (const [url, heading] of [['/', '自然资源网上办事大厅'], ['/guides', '办事指南'], ['/guides/JSYDGH', '建设用地规划许可证核发'], ['/progress', '办件进度查询']] as const) {
          await page.goto(`${base}${url}`);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor();
          await page.waitForLoadState('networkidle');
          await assertAccessible(page, `${url}${contrast ? ' (high contrast)' : ''}`);
        }
      }
      await page.screenshot({ path: png('guide-high-contrast'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('large text and high contrast change the computed font size and colours and persist across a reload', async () => {
    const { context, page } = await open(DESKTOP, '/guides/JSYDGH');
    try {
      await page.getByRole('heading', { name: '受理条件' }).waitFor();
      const look = () =>
        page.evaluate(() => {
          const li = document.querySelector('main li')!;
          return {
            root: parseFloat(getComputedStyle(document.documentElement).fontSize),
            text: parseFloat(getComputedStyle(li).fontSize),
            background: getComputedStyle(document.body).backgroundColor,
            color: getComputedStyle(li).color,
          };
        });
      const normal = await look();
      assert.ok(normal.text < 18, `normal text is ${normal.text}px`);
      assert.notEqual(normal.background, 'rgb(0, 0, 0)');
      assert.equal(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed'), 'false');

      await page.getByTestId('toggle-large-text').click();
      let large = await look();
      assert.ok(large.root >= 20 && large.text >= 20, `large text: root ${large.root}px, text ${large.text}px`);
      assert.equal(await page.getByTestId('toggle-large-text').getAttribute('aria-pressed'), 'true');

      await page.getByTestId('toggle-high-contrast').click();
      let contrast = await look();
      assert.equal(contrast.background, 'rgb(0, 0, 0)');
      assert.equal(contrast.color, 'rgb(255, 255, 255)');
      await page.screenshot({ path: png('guide-large-contrast'), fullPage: false });

      await page.reload();
      await page.getByRole('heading', { name: '受理条件' }).waitFor();
      large = await look();
      contrast = large;
      assert.ok(large.text >= 20, 'large text persists');
      assert.equal(contrast.background, 'rgb(0, 0, 0)', 'high contrast persists');
      assert.equal(await page.getByTestId('toggle-high-contrast').getAttribute('aria-pressed'), 'true');

      // Both off again: back to the normal look.
      await page.getByTestId('toggle-large-text').click();
      await page.getByTestId('toggle-high-contrast').click();
      const back = await look();
      assert.equal(back.text, normal.text);
      assert.notEqual(back.background, 'rgb(0, 0, 0)');
    } finally {
      await context.close();
    }
  });

  it('is an installable PWA: manifest fields and icons are served, the service worker registers and starts the app offline, and no API answer is cached', async () => {
    const { context, page } = await open(DESKTOP, '/');
    try {
      const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
      assert.equal(manifestHref, '/manifest.webmanifest');
      const res = await page.request.get(`${base}/manifest.webmanifest`);
      assert.equal(res.status(), 200);
      const m = (await res.json()) as { name: string; short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; type: string }[] };
      assert.equal(m.name, '自然资源网上办事大厅');
      assert.equal(m.start_url, '/');
      assert.equal(m.display, 'standalone');
      assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
      for (const size of ['192x192', '512x512']) {
        const icon = m.icons.find((i) => i.sizes === size);
        assert.ok(icon, size);
        const img = await page.request.get(`${base}${icon.src}`);
        assert.equal(img.status(), 200);
        assert.equal(img.headers()['content-type'], 'image/png');
        const bytes = await img.body();
        assert.equal(bytes.readUInt32BE(16), Number(size.split('x')[0]), 'PNG width');
      }
      assert.equal(await page.locator('meta[name=theme-color]').getAttribute('content'), m.theme_color);

      const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
      assert.equal(script, `${base}/sw.js`);
      // A page load under the worker's control, with API calls (guides), then offline.
      await page.reload();
      await page.getByRole('link', { name: '建设用地规划许可证核发' }).first().waitFor();
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled by the worker');
      const cached = await page.evaluate(async () => {
        const out: string[] = [];
        for (const key of await caches.keys()) for (const req of await (await caches.open(key)).keys()) out.push(new URL(req.url).pathname);
        return out;
      });
      assert.ok(cached.includes('/'), `the shell is cached: ${cached.join(', ')}`);
      assert.ok(cached.some((p) => p.startsWith('/assets/')), 'build assets are cached');
      assert.deepEqual(cached.filter((p) => p.startsWith('/api/')), [], 'no API response is cached');

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '自然资源网上办事大厅' }).waitFor();
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  });

  it('a person registers in the browser, applies for 建设用地规划许可证核发 with a material PDF and a boundary TXT, sees the pre-check, submits and follows the case', async () => {
    for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const { context, page, errors } = await open(viewport, '/hall/register');
      try {
        const phone = newPhone();
        const idNumber = newIdNumber();
        await page.getByRole('heading', { level: 1, name: '个人注册' }).waitFor();
        await page.getByLabel('姓名').fill('李<b>四</b>');
        // A wrong check character is refused in the browser (GB 11643), before any request.
        const wrong = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
        await page.getByLabel('居民身份证号码').fill(wrong);
        await page.getByLabel('居民身份证号码').blur();
        await page.getByText('身份证号码校验码不正确，请核对').waitFor();
        await page.getByLabel('居民身份证号码').fill(idNumber.toLowerCase());
        await page.getByText('身份证号码校验码不正确，请核对').waitFor({ state: 'detached' });
        await page.getByLabel('手机号码').fill(phone);
        await page.getByRole('button', { name: '获取验证码' }).click();
        await page.getByText('验证码已发送').waitFor();
        await page.getByLabel('短信验证码').fill(lastCode(t, phone));
        await page.getByLabel('设置密码').fill(APPLICANT_PASSWORD);
        await page.getByLabel('确认密码').fill(APPLICANT_PASSWORD);
        await page.getByRole('button', { name: '注册并登录' }).click();
        await page.waitForURL(/\/hall\/cases$/);
        await page.getByRole('heading', { level: 1, name: '我的办件' }).waitFor();
        // The name is shown as text, never as markup.
        assert.equal(await page.getByTestId('applicant-name').innerText().then((s) => s.trim()), '李<b>四</b>');

        // Sign out and back in with the password.
        await page.getByRole('button', { name: '退出' }).click();
        await page.goto(`${base}/hall/cases`);
        await page.waitForURL(/\/hall\/login\?from=/);
        await page.getByLabel('身份证号或手机号').fill(phone);
        await page.getByLabel('密码', { exact: true }).fill(APPLICANT_PASSWORD);
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await page.waitForURL(/\/hall\/cases$/);

        // From the guide to the application.
        await page.goto(`${base}/guides/JSYDGH`);
        await page.getByRole('link', { name: '在线申办' }).click();
        await page.waitForURL(/\/hall\/apply\/JSYDGH\?draft=/);
        await page.getByRole('heading', { level: 1, name: '在线申办：建设用地规划许可证核发' }).waitFor();
        await page.getByLabel('项目名称').fill('衡南县<script>alert(1)</script>安置小区');
        await page.getByLabel('项目位置').fill('云集街道');
        await page.getByLabel('用地面积（m²）').fill('10000');
        await page.getByLabel('拟供地方式').click();
        await page.locator('.ant-select-item-option[title="划拨"]').click();
        await page.getByLabel('拟用地用途').fill('城镇住宅用地');
        await page.getByTestId('save-status').getByText(/草稿已保存/).waitFor();
        await assertAccessible(page, `apply form ${label}`);
        await assertNoHorizontalScroll(page, `apply ${label}`);
        await page.screenshot({ path: png(`apply-form-${label}`), fullPage: true });

        // Materials: a refused type in the browser, then the required PDFs.
        await page.getByRole('button', { name: '下一步' }).click();
        await page.getByRole('heading', { level: 2, name: '上传材料' }).waitFor();
        await page.getByTestId('material-input-application_form').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
        await page.getByText('只能上传 PDF、JPG 或 PNG 文件').waitFor();
        for (const code of ['application_form', 'project_approval', 'boundary_txt', 'identity']) {
          await page.getByTestId(`material-input-${code}`).setInputFiles(pdf);
          await page.getByTestId(`material-file-${code}`).getByText('申请表.pdf').waitFor();
        }
        await page.getByTestId('save-status').getByText(/草稿已保存/).waitFor();
        await page.screenshot({ path: png(`apply-materials-${label}`), fullPage: true });

        // Boundary and the instant pre-check.
        await page.getByRole('button', { name: '下一步' }).click();
        await page.getByRole('heading', { level: 2, name: '项目红线' }).waitFor();
        await page.getByTestId('boundary-input').setInputFiles(txt);
        const precheck = page.getByTestId('precheck');
        await precheck.waitFor({ timeout: 60_000 });
        await precheck.getByText(/^[0-9,.]+ 平方米（[0-9.]+ 公顷/).waitFor();
        assert.match((await precheck.getByRole('link', { name: /预审报告/ }).getAttribute('href')) ?? '', /\/api\/portal\/drafts\/[0-9a-f-]{36}\/precheck\.pdf$/);
        assert.ok((await precheck.locator('.ant-list-item').count()) > 0, 'rule lines shown');
        await assertNoHorizontalScroll(page, `boundary ${label}`);
        await page.screenshot({ path: png(`apply-precheck-${label}`), fullPage: true });

        // Confirm and submit: the case number and query code at once.
        await page.getByRole('button', { name: '下一步' }).click();
        await page.getByRole('heading', { level: 2, name: '确认提交' }).waitFor();
        await page.getByText('衡南县<script>alert(1)</script>安置小区').waitFor();
        await page.screenshot({ path: png(`apply-confirm-${label}`), fullPage: true });
        assert.equal((await page.getByTestId('submit-blockers').allInnerTexts()).join('\n'), '', 'nothing blocks the submission');
        await page.getByTestId('submit-application').dblclick();
        await page.getByTestId('case-no').waitFor();
        const caseNo = (await page.getByTestId('case-no').innerText()).trim();
        const queryCode = (await page.getByTestId('query-code').innerText()).trim();
        assert.ok(caseNo.length > 5 && queryCode.length >= 4, `${caseNo} ${queryCode}`);
        // A double click made one case.
        const cases = await page.request.get(`${base}/api/portal/cases`);
        assert.equal(((await cases.json()) as unknown[]).length, 1);

        await page.getByRole('link', { name: '查看办件详情' }).click();
        await page.getByRole('heading', { level: 1, name: '建设用地规划许可证核发' }).waitFor();
        await page.getByText(caseNo).first().waitFor();
        await page.getByTestId('case-timeline').getByText('已申报').waitFor();
        await page.getByTestId('legal-clock').waitFor();
        await assertAccessible(page, `case page ${label}`);
        await assertNoHorizontalScroll(page, `case ${label}`);
        await page.screenshot({ path: png(`case-${label}`), fullPage: true });

        // The public lookup with the number and code (the QR code's link).
        const lookup = await browser.newContext({ viewport, locale: 'zh-CN' });
        const anon = await lookup.newPage();
        await anon.goto(`${base}/progress?no=${encodeURIComponent(caseNo)}&code=${encodeURIComponent(queryCode)}`);
        await anon.getByTestId('progress-result').getByText('已申报').first().waitFor();
        await assertAccessible(anon, `progress ${label}`);
        await anon.screenshot({ path: png(`progress-${label}`), fullPage: true });
        await lookup.close();
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});
