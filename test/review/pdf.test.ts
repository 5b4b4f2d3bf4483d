import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../helpers/app.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { boundaryTxt, buildCounty, form } from './helpers.ts';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

for (const kind of testDbs) {
  describe(`GET /api/reviews/{id}.pdf on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    before(async () => {
      t = await testApp(await kind.get());
      await buildCounty(t);
      clerk = await t.login((await t.user(['window_clerk'])).username);
    });
    after(() => t.close());

    it('renders the report with its number, verdicts, areas and data versions', async () => {
      const f = form({ itemCode: 'YDYS', caseId: 'CASE-PDF' }, { name: '红线.txt', bytes: Buffer.from(boundaryTxt([{ rect: [50, 50, 100, 100] }])) });
      const r = (await t.app.inject({ method: 'POST', url: '/api/reviews', headers: { ...f.headers, cookie: clerk }, payload: f.payload })).json();
      const res = await t.app.inject({ method: 'GET', url: `/api/reviews/${r.id}.pdf`, headers: { cookie: clerk } });
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const again = await t.app.inject({ method: 'GET', url: `/api/reviews/${r.id}.pdf`, headers: { cookie: clerk } });
      assert.ok(again.rawPayload.equals(res.rawPayload), 'the same report gives the same bytes');
      const anon = await t.app.inject({ method: 'GET', url: `/api/reviews/${r.id}.pdf` });
      assert.equal(anon.statusCode, 401);
      if (!hasPoppler) return;
      const file = path.join(tempDir(), 'r.pdf');
      fs.writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.ok(text.includes(r.reportNo), 'report number');
      assert.ok(text.includes('占用永久基本农田'), 'rule title');
      assert.ok(text.includes('不通过'), 'verdict');
      assert.ok(text.includes('图例') && text.includes('北'), 'legend and north arrow');
      const farmland = r.results.find((x: { ruleId: string }) => x.ruleId === 'YJJBNT_OCCUPY').area.m2;
      assert.ok(text.includes(farmland.toLocaleString('en-US', { minimumFractionDigits: 2 })), `area ${farmland}`);
      assert.ok(text.includes('数据版本'));
    });
  });
}
