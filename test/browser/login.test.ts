import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIST = path.resolve('web/dist/index.html');
// Flags for headless Chromium as root on a machine with no outside network.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const missing = !fs.existsSync(CHROMIUM)
  ? `Chromium not found at ${CHROMIUM}; install it with: apt-get install -y chromium fonts-noto-cjk`
  : !fs.existsSync(WEB_DIST)
    ? 'the web app is not built; run: npm run build:web'
    : null;

describe('browser: the demo clerk signs in and lands on the office', { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    const kind = testDbs[0]!;
    t = await testApp(await kind.get());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const viewport of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`signs in on a ${viewport.name} screen, sees 政务审批 in Chinese, and a wrong password is explained`, async () => {
      const u = await t.user(['window_clerk'], { department: 'approval_window' });
      const page = await browser.newPage({ viewport, locale: 'zh-CN' });
      try {
        await page.goto(`${base}/login`);
        await page.fill('#username', u.username);
        await page.fill('#password', 'Wrong#Pass1');
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByText('用户名或密码错误').first().waitFor();
        await page.fill('#password', u.password);
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByRole('heading', { name: /政务审批/ }).waitFor({ timeout: 15_000 });
        assert.match(page.url(), /\/office/);
        fs.mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: `test-results/office-${viewport.name}.png`, fullPage: true });
        const cookies = await page.context().cookies();
        const sid = cookies.find((c) => c.name === 'landgov_sid')!;
        assert.equal(sid.httpOnly, true);
        assert.equal(sid.sameSite, 'Lax');
      } finally {
        await page.close();
      }
    });
  }
});

if (missing) console.log(`# browser tests skipped: ${missing}`);
