import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { pdfText, renderPage } from '../documents/poppler.ts';
import { SEED_ITEMS } from '../../src/modules/approval/catalogue.ts';
import { ItemGuide } from '../../src/modules/approval/schemas.ts';

describe('the seeded catalogue for the online hall', () => {
  it('gives every item a theme, audiences and 3–5 bilingual FAQ entries, and still validates', () => {
    for (const it of SEED_ITEMS) {
      assert.ok(Value.Check(ItemGuide, it.guide), it.code);
      assert.ok(it.guide.theme, it.code);
      assert.ok(it.guide.audiences && it.guide.audiences.length > 0, it.code);
      assert.ok(it.guide.faq!.length >= 3 && it.guide.faq!.length <= 5, it.code);
      for (const f of it.guide.faq!) assert.ok(/[\u4e00-\u9fff]/.test(f.q) && /[a-z]/i.test(f.qEn) && f.a.length > 10 && f.aEn.length > 10, `${it.code}: ${f.q}`);
    }
  });

  it('a guide stored before the hall (without theme, audiences, faq) still validates', () => {
    const { theme: _t, audiences: _a, faq: _f, ...old } = SEED_ITEMS[0]!.guide;
    assert.ok(Value.Check(ItemGuide, old));
  });
});

for (const kind of testDbs) {
  describe(`GET /api/portal/guides on ${kind.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(await kind.get());
    });
    after(() => t.close());

    const list = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/portal/guides${query}` });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { themes: { code: string; name: string; count: number }[]; items: { code: string; theme: string; audiences: string[]; spatialReview: boolean; summary: string }[] };
    };

    it('lists every active item without signing in, with theme counts', async () => {
      const r = await list('');
      assert.equal(r.items.length, 9);
      assert.deepEqual(r.themes.map((x) => x.code), ['planning', 'land', 'mineral', 'survey', 'realestate']);
      assert.equal(r.themes.reduce((s, x) => s + x.count, 0), 9);
      assert.equal(r.themes.find((x) => x.code === 'planning')!.name, '规划');
      const jsydgh = r.items.find((x) => x.code === 'JSYDGH')!;
      assert.equal(jsydgh.theme, 'planning');
      assert.equal(jsydgh.spatialReview, true);
      assert.ok(jsydgh.summary.length > 0);
    });

    it('filters by theme, audience and text (Chinese substrings, code, conditions, case-insensitive)', async () => {
      assert.deepEqual((await list('?theme=mineral')).items.map((x) => x.code), ['CKQDJ']);
      assert.deepEqual((await list('?theme=realestate')).items.map((x) => x.code), ['BDCDJ']);
      const persons = (await list('?audience=person')).items;
      assert.ok(persons.some((x) => x.code === 'XCJSGH') && persons.some((x) => x.code === 'BDCDJ'));
      assert.ok(persons.every((x) => x.audiences.includes('person')));
      assert.ok(!persons.some((x) => x.code === 'CKQDJ'), 'mining rights are for organisations');
      assert.deepEqual((await list(`?q=${encodeURIComponent('规划许可')}`)).items.map((x) => x.code).sort(), ['JSGCGH', 'JSYDGH', 'XCJSGH']);
      assert.deepEqual((await list('?q=ckqdj')).items.map((x) => x.code), ['CKQDJ']);
      assert.deepEqual((await list(`?q=${encodeURIComponent('复垦费用')}`)).items.map((x) => x.code), ['LSYD'], 'conditions are searched');
      const r = await list(`?q=${encodeURIComponent('规划许可')}&theme=land`);
      assert.equal(r.items.length, 0);
      assert.equal(r.themes.find((x) => x.code === 'planning')!.count, 3, 'theme counts follow the text and audience filter');
      assert.equal((await list(`?q=${encodeURIComponent('<script>')}`)).items.length, 0);
    });

    it('refuses an unknown theme with a validation problem', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/portal/guides?theme=weather' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    });

    it('shows one guide with steps from the process definition (departments by name only), materials with links and FAQ', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH' });
      assert.equal(res.statusCode, 200, res.body);
      const g = res.json();
      assert.equal(g.code, 'JSYDGH');
      assert.equal(g.version, 1);
      assert.equal(g.guide.name, '建设用地规划许可证核发');
      assert.equal(g.guide.theme, 'planning');
      assert.ok(g.guide.formSchema.fields.length > 0);
      const def = await t.app.approval.definitions.current(t.region, 'JSYDGH');
      const taskNames = (def.graph.nodes as { type: string; name: string }[]).filter((n) => n.type === 'task').map((n) => n.name);
      assert.deepEqual([...g.steps.map((s: { name: string }) => s.name)].sort(), [...taskNames].sort());
      assert.equal(g.steps[0].name, taskNames[0]);
      for (const s of g.steps) {
        assert.ok(s.department.length > 1 && s.departmentEn.length > 1, JSON.stringify(s));
        assert.ok(!('permission' in s) && !('assignee' in s));
      }
      assert.ok(g.steps.some((s: { department: string }) => s.department === '国土空间规划股'), 'the competent section by name');
      const form = g.materials.find((m: { code: string }) => m.code === 'application_form');
      assert.equal(form.templateUrl, '/api/portal/guides/JSYDGH/materials/application_form/template.pdf');
      assert.equal(form.sampleUrl, '/api/portal/guides/JSYDGH/materials/application_form/sample.pdf');
      assert.ok(g.faq.length >= 3 && g.faq[0].q && g.faq[0].aEn);
      assert.ok(!JSON.stringify(g.steps).match(/u\d+x\d+|测试用户/), 'no person');
    });

    it('answers 404 GUIDE_NOT_FOUND for an unknown or inactive item', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/portal/guides/NOPE' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'GUIDE_NOT_FOUND');
      await t.db.query(`UPDATE service_items SET active = false WHERE region_code = $1 AND code = 'CLBZCQ'`, [t.region]);
      try {
        const gone = await t.app.inject({ method: 'GET', url: '/api/portal/guides/CLBZCQ' });
        assert.equal(gone.statusCode, 404);
        assert.equal(gone.json().code, 'GUIDE_NOT_FOUND');
        assert.ok(!(await list('')).items.some((x) => x.code === 'CLBZCQ'));
      } finally {
        await t.db.query(`UPDATE service_items SET active = true WHERE region_code = $1 AND code = 'CLBZCQ'`, [t.region]);
      }
    });

    it('serves real template and sample PDFs with Chinese text, public and cacheable', async () => {
      const tpl = await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH/materials/application_form/template.pdf' });
      assert.equal(tpl.statusCode, 200);
      assert.equal(tpl.headers['content-type'], 'application/pdf');
      assert.match(String(tpl.headers['cache-control']), /public/);
      assert.ok(tpl.rawPayload.subarray(0, 5).toString() === '%PDF-');
      const text = pdfText(tpl.rawPayload);
      assert.match(text, /建设用地规划许可申请表/);
      assert.match(text, /项目名称/);
      assert.match(text, /空白模板/);
      const sample = await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH/materials/application_form/sample.pdf' });
      assert.equal(sample.statusCode, 200);
      const st = pdfText(sample.rawPayload);
      assert.match(st, /填写示例/);
      assert.match(st, /衡南县云集街道示例道路工程/);
      fs.mkdirSync('test-results', { recursive: true });
      const png = renderPage(sample.rawPayload, 1, 60, `test-results/hall-sample-${kind.name}.png`);
      assert.ok(png.width > 300);
      const other = await t.app.inject({ method: 'GET', url: '/api/portal/guides/LSYD/materials/reclamation_plan/template.pdf' });
      assert.equal(other.statusCode, 200);
      assert.match(pdfText(other.rawPayload), /土地复垦方案/);
      const again = await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH/materials/application_form/template.pdf' });
      assert.deepEqual(again.rawPayload, tpl.rawPayload, 'the same bytes from the cache');
      const none = await t.app.inject({ method: 'GET', url: '/api/portal/guides/JSYDGH/materials/nothing_here/template.pdf' });
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().code, 'GUIDE_NOT_FOUND');
      assert.equal(none.headers['cache-control'], 'no-store');
    });
  });
}
