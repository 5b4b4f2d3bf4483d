import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { testDbs } from '../helpers/db.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';
import { browserMissing, launchBrowser, serve } from '../helpers/browser.ts';
import { APPLICANT, projectFor } from '../approval/helpers.ts';

for (const kind of testDbs) describe(`browser (${kind.name}): a PDF material is shown inline in the case page`, { skip: browserMissing ?? false }, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let cookie = '';
  let caseId = '';

  before(async () => {
    t = await testApp(await kind.get());
    base = await serve(t);
    cookie = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
    const body = multipart('建设用地规划许可申请表.pdf', Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n%${crypto.randomUUID()}`));
    const up = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie, ...body.headers }, payload: body.payload });
    assert.equal(up.statusCode, 201, up.body);
    const c = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { itemCode: 'JSYDGH', applicant: APPLICANT, project: projectFor('JSYDGH'), materials: [{ code: 'application_form', fileId: up.json().id }] } });
    assert.equal(c.statusCode, 201, c.body);
    caseId = c.json().id;
    fs.mkdirSync('test-results', { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('frames the PDF from its inline URL without a content-security-policy refusal', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => { if (/Refused|Content Security Policy/i.test(m.text())) refusals.push(m.text()); });
    const inline = page.waitForResponse((r) => r.url().includes('/api/files/') && r.url().includes('disposition=inline') && r.request().resourceType() === 'document');
    await page.goto(`${base}/office/cases/${caseId}`);
    await page.getByRole('tab', { name: '材料' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: '查看' }).first().click();
    const frame = page.getByTestId('material-pdf');
    await frame.waitFor();
    assert.match(String(await frame.getAttribute('src')), /^\/api\/files\/[0-9a-f-]{36}\?disposition=inline$/);
    const res = await inline;
    assert.equal(res.status(), 200);
    assert.match(String(res.headers()['content-disposition']), /^inline;/);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `test-results/material-pdf-inline${kind.name === 'pglite' ? '' : `-${kind.name}`}.png` });
    assert.deepEqual(refusals, [], 'the frame is allowed by both policies');
    await context.close();
  });
});
