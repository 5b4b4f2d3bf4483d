import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';

const missing = browserMissing;

describe('browser: the demo clerk signs in and lands on the office', { skip: missing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  before(async () => {
    const kind = testDbs[0]!;
    t = await testApp(await kind.get());
    base = await serve(t);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const viewport of [{ name: 'desktop', width: 1280, height: 800 }, { name: 'phone', width: 390, height: 844 }]) {
    it(`signs in on a ${viewport.name} screen, sees 我的办件 in Chinese, and a wrong password is explained`, async () => {
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
        await page.getByRole('heading', { name: /我的办件/ }).waitFor({ timeout: 15_000 });
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
