import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { testDbs } from '../helpers/db.ts';

const BOUNDARY = { type: 'Polygon' as const, coordinates: [[[112.6712, 26.7401], [112.6721, 26.7401], [112.6722, 26.7408], [112.6713, 26.7409], [112.6712, 26.7401]]] };

describe('browser: the public certificate verification page', { skip: browserMissing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let clerk: string;
  before(async () => {
    t = await testApp(await testDbs[0]!.get());
    base = await serve(t);
    browser = await launchBrowser();
    clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function issue(): Promise<string> {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/certificates',
      headers: { cookie: clerk },
      payload: {
        typeCode: 'XCJSGH',
        holder: { name: '王五', idType: 'id_card', idNo: '430422198802021230' },
        project: { name: '村民住宅新建', location: '衡南县茶市镇某村三组' },
        boundary: BOUNDARY,
        details: [{ label: '建设规模', value: '三层，建筑面积 240 平方米' }],
        issuedOn: '2026-11-30',
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().certificateNo;
  }

  it('shows 有效 with the certificate fields (ID masked), 已撤销 after revocation and 已被篡改 after a change in the database', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    fs.mkdirSync('test-results', { recursive: true });
    try {
      const valid = await issue();
      await page.goto(`${base}/verify/${valid}`);
      const status = page.getByTestId('verify-status');
      await status.waitFor({ timeout: 15_000 });
      assert.equal(await status.textContent(), '有效');
      await page.getByText('乡村建设规划许可证').first().waitFor();
      await page.getByText('4304**********1230').waitFor();
      assert.equal(await page.getByText('430422198802021230').count(), 0);
      assert.equal(await page.getByRole('link', { name: /下载证照/ }).count(), 1);
      await page.screenshot({ path: 'test-results/verify-valid.png', fullPage: true });

      const revoked = await issue();
      const r = await t.app.inject({ method: 'POST', url: `/api/certificates/${revoked}/revoke`, headers: { cookie: clerk }, payload: { reason: '建设内容变更，重新核发' } });
      assert.equal(r.statusCode, 200);
      await page.goto(`${base}/verify/${revoked}`);
      await status.waitFor();
      assert.equal(await status.textContent(), '已撤销');
      await page.getByText('建设内容变更，重新核发').waitFor();

      const tampered = await issue();
      await t.db.query(`UPDATE certificates SET project_location = '衡南县茶市镇另一村' WHERE certificate_no = $1`, [tampered]);
      await page.goto(`${base}/verify/${tampered}`);
      await status.waitFor();
      assert.equal(await status.textContent(), '已被篡改');
      assert.equal(await page.getByRole('link', { name: /下载证照/ }).count(), 0, 'no download for a tampered certificate');
      await page.screenshot({ path: 'test-results/verify-tampered.png', fullPage: true });
      await page.getByText('English', { exact: true }).click();
      await page.getByText('Tampered', { exact: true }).waitFor();
      await page.getByText('Certificate verification').first().waitFor();
      await page.getByText('中文', { exact: true }).click();
      await page.getByText('已被篡改', { exact: true }).waitFor();

      await page.goto(`${base}/verify/2026999999XCJSGH99999`);
      await page.getByText('未找到该证照').waitFor();
    } finally {
      await page.close();
    }
  });
});

if (browserMissing) console.log(`# certificate page browser test skipped: ${browserMissing}`);
