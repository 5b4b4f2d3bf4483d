import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { testDbs } from '../helpers/db.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';

function png(): Buffer {
  const p = new PNG({ width: 8, height: 8 });
  p.data.fill(200);
  return PNG.sync.write(p);
}

for (const kind of testDbs) {
  describe(`GET /api/files/{id}?disposition=inline (materials viewed in the case page) on ${kind.name}`, () => {
    let t: TestApp;
    let cookie = '';
    const ids: Record<'pdf' | 'png' | 'text' | 'zip', string> = { pdf: '', png: '', text: '', zip: '' };

    before(async () => {
      t = await testApp(await kind.get());
      cookie = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
      const up = async (name: string, content: Buffer) => {
        const body = multipart(name, content);
        const res = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie, ...body.headers }, payload: body.payload });
        assert.equal(res.statusCode, 201, res.body);
        return res.json() as { id: string; mime: string };
      };
      const pdf = await up('申请表.pdf', Buffer.from(`%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n${crypto.randomUUID()}`));
      assert.equal(pdf.mime, 'application/pdf');
      ids.pdf = pdf.id;
      ids.png = (await up('现场照片.png', png())).id;
      // Text that a browser could sniff as a page: it must never be shown inline.
      const text = await up('说明.html', Buffer.from(`<html><body><script>alert(1)</script>${crypto.randomUUID()}</body></html>`));
      assert.equal(text.mime, 'text/plain');
      ids.text = text.id;
      const zip = await up('成果.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, ...crypto.randomBytes(60)]));
      ids.zip = zip.id;
    });
    after(() => t.close());

    const get = (id: string, query = '', who = cookie) => t.app.inject({ method: 'GET', url: `/api/files/${id}${query}`, headers: { cookie: who } });

    it('shows a PDF inline, framable by this origin only, never sniffed', async () => {
      const res = await get(ids.pdf, '?disposition=inline');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /^inline; filename="___.pdf"; filename\*=UTF-8''%E7%94%B3/);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self'/);
      assert.doesNotMatch(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const audit = await t.db.query<{ action: string; detail: { disposition?: string } }>('SELECT action, detail FROM audit_log WHERE request_id = $1', [res.headers['x-request-id']]);
      assert.equal(audit.rows[0]?.action, 'file.download');
      assert.equal(audit.rows[0]?.detail.disposition, 'inline', 'the inline view is audited as a download');
    });

    it('shows a PNG inline', async () => {
      const res = await get(ids.png, '?disposition=inline');
      assert.equal(res.headers['content-type'], 'image/png');
      assert.match(String(res.headers['content-disposition']), /^inline;/);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'self'/);
    });

    it('keeps the attachment and frame-ancestors \'none\' without the parameter', async () => {
      const res = await get(ids.pdf);
      assert.match(String(res.headers['content-disposition']), /^attachment;/);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.match(String((await get(ids.pdf, '?disposition=attachment')).headers['content-disposition']), /^attachment;/);
    });

    it('never shows other types inline: text and zip stay attachments that may not be framed', async () => {
      for (const id of [ids.text, ids.zip]) {
        const res = await get(id, '?disposition=inline');
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-disposition']), /^attachment;/);
        assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
      }
    });

    it('refuses an unknown disposition with 400 and another region\'s file with 404', async () => {
      const bad = await get(ids.pdf, '?disposition=embed');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'VALIDATION_FAILED');
      const other = await testApp(t.db);
      const outsider = await other.login((await other.user(['window_clerk'], { department: 'approval_window' })).username);
      const foreign = await other.app.inject({ method: 'GET', url: `/api/files/${ids.pdf}?disposition=inline`, headers: { cookie: outsider } });
      assert.equal(foreign.statusCode, 404, 'inline does not widen the region scope');
      assert.equal(foreign.headers['content-disposition'], undefined);
      await other.close();
      const anonymous = await t.app.inject({ method: 'GET', url: `/api/files/${ids.pdf}?disposition=inline` });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}
