import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sm2 } from 'sm-crypto-v2';
import { canonicalJson } from '../../src/modules/documents/certificates/canonical.ts';
import { certificateContent, verifyUrl } from '../../src/modules/documents/service.ts';
import { multipart, testApp, type TestApp } from '../helpers/app.ts';
import { testDbs } from '../helpers/db.ts';
import { decodeQr, pdfInfo, pdfText, popplerMissing, renderPage } from './poppler.ts';

// A 4-point parcel near 衡南县 (≈ 0.2 ha), CGCS2000 longitude/latitude.
const BOUNDARY = { type: 'Polygon' as const, coordinates: [[[112.6712, 26.7401], [112.6721, 26.7401], [112.6722, 26.7408], [112.6713, 26.7409], [112.6712, 26.7401]]] };
const BOW_TIE = { type: 'Polygon' as const, coordinates: [[[112.67, 26.74], [112.68, 26.75], [112.68, 26.74], [112.67, 26.75], [112.67, 26.74]]] };
const squash = (s: string) => s.replace(/\s+/g, '');

function issueBody(over: Record<string, unknown> = {}) {
  return {
    typeCode: 'JSYDGH',
    holder: { name: '张三', idType: 'id_card', idNo: '43042219900101123X' },
    project: { name: '云集街道雁栖路道路工程', location: '衡南县云集街道雁栖路' },
    boundary: BOUNDARY,
    details: [{ label: '用地性质', value: '城镇道路用地（1207）' }, { label: '建设规模', value: '道路全长约 1.2 千米' }],
    issuedOn: '2026-11-30',
    caseNo: '43042220261130JSYDGH000012',
    ...over,
  };
}

for (const kind of testDbs) {
  describe(`electronic certificates on ${kind.name}`, () => {
    let t: TestApp;
    let clerk: string;
    let reader: string;
    before(async () => {
      t = await testApp(await kind.get(), { PUBLIC_BASE_URL: 'https://zwfw.example.gov.cn' });
      clerk = await t.login((await t.user(['window_clerk'], { department: 'approval_window' })).username);
      reader = await t.login((await t.user(['case_handler'])).username);
    });
    after(() => t.close());

    async function issue(over: Record<string, unknown> = {}) {
      const r = await t.app.inject({ method: 'POST', url: '/api/certificates', headers: { cookie: clerk }, payload: issueBody(over) });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { certificateNo: string; signature: { keyId: string; value: string; digest: string } } & Record<string, unknown>;
    }
    const verify = async (no: string) => (await t.app.inject({ method: 'GET', url: `/api/certificates/${no}/verify` })).json();

    it('POST /api/certificates issues a numbered, signed certificate and audits it; the public view masks the ID number', async () => {
      const cert = await issue();
      assert.match(cert.certificateNo, new RegExp(`^2026${t.region}JSYDGH\\d{5}$`));
      assert.equal(cert.typeName, '建设用地规划许可证');
      assert.deepEqual(cert.holder, { name: '张三', idType: 'id_card', idNo: '4304**********123X' });
      // ≈ 90 m × 80 m; the ellipsoidal area is stored with two decimals.
      const area = Number((cert.project as { landAreaM2: string }).landAreaM2);
      assert.ok(area > 6000 && area < 9000, String(area));
      assert.equal(cert.issuer, '自然资源局（' + t.region + '）');
      const next = await issue();
      assert.equal(Number(next.certificateNo.slice(-5)), Number(cert.certificateNo.slice(-5)) + 1);
      const audit = await t.db.query<{ action: string; result: string }>(`SELECT action, result FROM audit_log WHERE object_id = $1`, [cert.certificateNo]);
      assert.deepEqual(audit.rows, [{ action: 'certificate.issue', result: 'success' }]);
      const pub = await t.app.inject({ method: 'GET', url: `/api/certificates/${cert.certificateNo}` });
      assert.equal(pub.statusCode, 200);
      assert.ok(!pub.body.includes('43042219900101123X'));
    });

    it('GET /api/certificates/:number/verify says valid for an untouched certificate, and the signature checks offline with the published key', async () => {
      const cert = await issue({ holder: { name: '衡南县城市建设投资有限公司', idType: 'uscc', idNo: '91430422MA4L0X123D' } });
      const v = await verify(cert.certificateNo);
      assert.equal(v.status, 'valid');
      assert.deepEqual(v.checks, { content: true, signature: true, statusRecord: true });
      assert.equal(v.certificate.holder.idNo, '91430422MA4L0X123D', 'organisation codes are public');

      const keys = (await t.app.inject({ method: 'GET', url: '/api/certificates/public-key' })).json();
      assert.equal(keys.algorithm, 'SM2');
      // The server's own region key is published; the test region's key is checked from the table.
      const row = (await t.db.query<Record<string, unknown>>(
        `SELECT certificate_no, region_code, type_code, type_name, holder_name, holder_id_type, holder_id_no, project_name, project_location,
                land_area_m2::text AS land_area_m2, boundary, details, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, issuer, case_no, key_id
         FROM certificates WHERE certificate_no = $1`, [cert.certificateNo])).rows[0]!;
      const key = (await t.db.query<{ public_key: string }>(`SELECT public_key FROM certificate_signing_keys WHERE id = $1`, [cert.signature.keyId])).rows[0]!;
      const canonical = canonicalJson(certificateContent(row as never));
      assert.equal(sm2.doVerifySignature(canonical, cert.signature.value, key.public_key, { hash: true, userId: keys.userId }), true);
      assert.equal(sm2.doVerifySignature(canonical.replace('衡南县', '衡阳县'), cert.signature.value, key.public_key, { hash: true, userId: keys.userId }), false);
    });

    it('POST /api/certificates/signing-keys/rotate (security administrator) retires the key; what it signed still verifies', async () => {
      const before = await issue();
      const url = '/api/certificates/signing-keys/rotate';
      assert.equal((await t.app.inject({ method: 'POST', url, headers: { cookie: clerk } })).statusCode, 403);
      const sec = await t.login((await t.user(['secadmin'], { department: 'info_center' })).username);
      const r = await t.app.inject({ method: 'POST', url, headers: { cookie: sec } });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().retiredKeyId, before.signature.keyId);
      const after = await issue();
      assert.equal(after.signature.keyId, r.json().keyId);
      assert.equal((await verify(before.certificateNo)).status, 'valid');
      assert.equal((await verify(after.certificateNo)).status, 'valid');
      const keys = (await t.app.inject({ method: 'GET', url: `/api/certificates/public-key?region=${t.region}` })).json().keys;
      assert.deepEqual(keys.map((k: { keyId: string; active: boolean }) => [k.keyId, k.active]), [[r.json().keyId, true], [before.signature.keyId, false]]);
      const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'certificate.signing_key_rotate' AND object_id = $1`, [r.json().keyId]);
      assert.equal(audit.rows.length, 1);
    });

    it('numbers certificates issued at the same moment without gaps or duplicates', async () => {
      const certs = await Promise.all(Array.from({ length: 4 }, () => issue({ typeCode: 'JSGCGH' })));
      const serials = certs.map((c) => Number(c.certificateNo.slice(-5))).sort((a, b) => a - b);
      assert.equal(new Set(serials).size, 4);
      assert.equal(serials[3]! - serials[0]!, 3);
      for (const c of certs) assert.equal((await verify(c.certificateNo)).status, 'valid');
    });

    it('says tampered when a stored field was changed in the database', async () => {
      const a = await issue();
      await t.db.query(`UPDATE certificates SET holder_name = '李四' WHERE certificate_no = $1`, [a.certificateNo]);
      const va = await verify(a.certificateNo);
      assert.equal(va.status, 'tampered');
      assert.equal(va.checks.content, false);
      assert.equal(va.certificate.holder.name, '李四', 'shows what is stored, flagged as tampered');
      const pdf = await t.app.inject({ method: 'GET', url: `/api/certificates/${a.certificateNo}.pdf` });
      assert.equal(pdf.statusCode, 409, 'a tampered certificate is not served as a genuine-looking PDF');
      assert.equal(pdf.json().code, 'CERTIFICATE_TAMPERED');

      const b = await issue();
      await t.db.query(`UPDATE certificates SET land_area_m2 = land_area_m2 + 1000 WHERE certificate_no = $1`, [b.certificateNo]);
      assert.equal((await verify(b.certificateNo)).status, 'tampered');

      const c = await issue();
      await t.db.query(`UPDATE certificates SET boundary = jsonb_set(boundary, '{coordinates,0,1,0}', '112.68') WHERE certificate_no = $1`, [c.certificateNo]);
      assert.equal((await verify(c.certificateNo)).status, 'tampered');

      // Changing the content together with its stored copy and digest still fails: the signature covers it.
      const d = await issue();
      const row = (await t.db.query<{ content: Record<string, unknown> }>(`SELECT content FROM certificates WHERE certificate_no = $1`, [d.certificateNo])).rows[0]!;
      const forged = { ...row.content, project: { ...(row.content.project as object), name: '伪造项目' } };
      const { sm3 } = await import('sm-crypto-v2');
      await t.db.query(`UPDATE certificates SET project_name = '伪造项目', content = $2, content_digest = $3 WHERE certificate_no = $1`, [d.certificateNo, JSON.stringify(forged), sm3(canonicalJson(forged))]);
      const vd = await verify(d.certificateNo);
      assert.equal(vd.status, 'tampered');
      assert.deepEqual(vd.checks, { content: true, signature: false, statusRecord: true });
    });

    it('says tampered when the signature was changed', async () => {
      const a = await issue();
      const flipped = a.signature.value.slice(0, -1) + (a.signature.value.endsWith('0') ? '1' : '0');
      await t.db.query(`UPDATE certificates SET signature = $2 WHERE certificate_no = $1`, [a.certificateNo, flipped]);
      const v = await verify(a.certificateNo);
      assert.equal(v.status, 'tampered');
      assert.equal(v.checks.signature, false);
      const b = await issue();
      await t.db.query(`UPDATE certificates SET signature = 'zz' WHERE certificate_no = $1`, [b.certificateNo]);
      assert.equal((await verify(b.certificateNo)).status, 'tampered');
    });

    it('POST /api/certificates/:number/revoke needs case:certify, then verify says revoked; a revoked status set back by hand reads tampered', async () => {
      const cert = await issue();
      const url = `/api/certificates/${cert.certificateNo}/revoke`;
      const anon = await t.app.inject({ method: 'POST', url, payload: { reason: '申请人主动申请注销' } });
      assert.equal(anon.statusCode, 401);
      const denied = await t.app.inject({ method: 'POST', url, headers: { cookie: reader }, payload: { reason: '申请人主动申请注销' } });
      assert.equal(denied.statusCode, 403);
      assert.equal(denied.json().code, 'FORBIDDEN');
      assert.equal((await verify(cert.certificateNo)).status, 'valid');

      const ok = await t.app.inject({ method: 'POST', url, headers: { cookie: clerk }, payload: { reason: '申请人主动申请注销' } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().status, 'revoked');
      const v = await verify(cert.certificateNo);
      assert.equal(v.status, 'revoked');
      assert.equal(v.certificate.revokedReason, '申请人主动申请注销');
      const audit = await t.db.query<{ action: string; detail: { reason: string } }>(`SELECT action, detail FROM audit_log WHERE object_id = $1 AND action = 'certificate.revoke'`, [cert.certificateNo]);
      assert.equal(audit.rows[0]!.detail.reason, '申请人主动申请注销');

      const again = await t.app.inject({ method: 'POST', url, headers: { cookie: clerk }, payload: { reason: '重复撤销' } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'CERTIFICATE_ALREADY_REVOKED');

      await t.db.query(`UPDATE certificates SET status = 'valid', revoked_at = NULL, revoked_reason = NULL WHERE certificate_no = $1`, [cert.certificateNo]);
      const back = await verify(cert.certificateNo);
      assert.equal(back.status, 'tampered');
      assert.equal(back.checks.statusRecord, false);
    });

    it('answers 404 problem+json for an unknown number, and 400 for a malformed one', async () => {
      for (const url of ['/api/certificates/2026999999JSYDGH99999', '/api/certificates/2026999999JSYDGH99999/verify', '/api/certificates/2026999999JSYDGH99999.pdf']) {
        const r = await t.app.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 404, url);
        assert.match(String(r.headers['content-type']), /application\/problem\+json/);
        assert.equal(r.json().code, 'CERTIFICATE_NOT_FOUND');
      }
      const revoke = await t.app.inject({ method: 'POST', url: '/api/certificates/2026999999JSYDGH99999/revoke', headers: { cookie: clerk }, payload: { reason: '测试撤销' } });
      assert.equal(revoke.statusCode, 404);
      const bad = await t.app.inject({ method: 'GET', url: `/api/certificates/${encodeURIComponent("1' OR '1'='1")}/verify` });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'VALIDATION_FAILED');
    });

    it('refuses bad input with a clear code and writes nothing', async () => {
      const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM certificates WHERE region_code = $1`, [t.region])).rows[0]!.n;
      const before = await count();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ boundary: BOW_TIE }, 422, 'CERTIFICATE_BOUNDARY_INVALID'],
        // Projected metres instead of longitude/latitude.
        [{ boundary: { type: 'Polygon', coordinates: [[[38360789, 2966236], [38361287, 2966231], [38361391, 2966673], [38360789, 2966236]]] } }, 422, 'CERTIFICATE_BOUNDARY_INVALID'],
        [{ boundary: { type: 'Polygon', coordinates: [[[112.67, 26.74], [112.68, 26.74], [112.68, 26.75], [112.69, 26.76]]] } }, 422, 'CERTIFICATE_BOUNDARY_INVALID'],
        [{ boundary: { type: 'Point', coordinates: [112.67, 26.74] } }, 400, 'VALIDATION_FAILED'],
        [{ typeCode: 'ZZZ' }, 400, 'CERTIFICATE_TYPE_UNKNOWN'],
        // Wrong check character (GB 11643).
        [{ holder: { name: '张三', idType: 'id_card', idNo: '430422199001011234' } }, 400, 'CERTIFICATE_HOLDER_ID_INVALID'],
        [{ holder: { name: '某公司', idType: 'uscc', idNo: '91430422MA4L0X12' } }, 400, 'CERTIFICATE_HOLDER_ID_INVALID'],
        [{ holder: { name: '张三', idType: 'passport', idNo: 'X1234567' } }, 400, 'VALIDATION_FAILED'],
        [{ project: { name: '', location: 'x' } }, 400, 'VALIDATION_FAILED'],
        [{ extra: 1 }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [over, status, code] of cases) {
        const r = await t.app.inject({ method: 'POST', url: '/api/certificates', headers: { cookie: clerk }, payload: issueBody(over) });
        assert.equal(r.statusCode, status, `${JSON.stringify(over)} → ${r.body}`);
        assert.equal(r.json().code, code);
      }
      const noPerm = await t.app.inject({ method: 'POST', url: '/api/certificates', headers: { cookie: reader }, payload: issueBody() });
      assert.equal(noPerm.statusCode, 403);
      assert.equal(await count(), before);
    });

    it('GET /api/certificates/:number.pdf serves the certificate with Chinese text, the boundary table, the verification QR code and the signature in its metadata', { skip: popplerMissing ?? false }, async () => {
      const cert = await issue();
      const r = await t.app.inject({ method: 'GET', url: `/api/certificates/${cert.certificateNo}.pdf` });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      const pdf = r.rawPayload;
      const text = squash(pdfText(pdf));
      for (const s of ['中华人民共和国', '建设用地规划许可证', cert.certificateNo, '张三', '云集街道雁栖路道路工程', '城镇道路用地（1207）', '界址点坐标表', 'J1', 'J4', '二〇二六年十一月三十日']) {
        assert.ok(text.includes(squash(s)), `${s} missing`);
      }
      assert.ok(!text.includes('43042219900101123X'), 'no ID number on the certificate');
      const info = pdfInfo(pdf);
      assert.match(info, new RegExp(`CertificateNo:\\s+${cert.certificateNo}`));
      assert.ok(info.includes(cert.signature.value));
      const png = renderPage(pdf, 1, 150);
      assert.equal(decodeQr(png), verifyUrl('https://zwfw.example.gov.cn', cert.certificateNo));
    });

    it('POST /api/certificates/verify checks an uploaded PDF by the number and signature it carries', async () => {
      const cert = await issue();
      const pdf = (await t.app.inject({ method: 'GET', url: `/api/certificates/${cert.certificateNo}.pdf` })).rawPayload;
      const upload = (bytes: Buffer) => {
        const body = multipart('证照.pdf', bytes);
        return t.app.inject({ method: 'POST', url: '/api/certificates/verify', headers: body.headers, payload: body.payload });
      };
      const genuine = await upload(pdf);
      assert.equal(genuine.statusCode, 200, genuine.body);
      assert.equal(genuine.json().status, 'valid');
      assert.deepEqual(genuine.json().file, { digestMatches: true, signatureMatches: true });

      // A file whose embedded signature was replaced (same length, so the PDF stays well-formed).
      const sig = cert.signature.value;
      const other = sig.replace(/[0-9a-f]/g, (c) => (c === 'f' ? '0' : (parseInt(c, 16) + 1).toString(16)));
      const forged = Buffer.from(pdf.toString('latin1').replace(sig, other), 'latin1');
      const f = await upload(forged);
      assert.equal(f.json().status, 'tampered');
      assert.equal(f.json().file.signatureMatches, false);

      const notPdf = await upload(Buffer.from('hello'));
      assert.equal(notPdf.statusCode, 422);
      assert.equal(notPdf.json().code, 'CERTIFICATE_PDF_UNREADABLE');
      const big = await upload(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 32)]));
      assert.equal(big.statusCode, 413);
    });

    it('GET /api/documents/samples/:kind.pdf previews each template for staff only', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/documents/samples/acceptance.pdf' })).statusCode, 401);
      for (const kind of ['acceptance', 'rejection', 'supplement', 'approval', 'denial']) {
        const r = await t.app.inject({ method: 'GET', url: `/api/documents/samples/${kind}.pdf`, headers: { cookie: reader } });
        assert.equal(r.statusCode, 200, kind);
        assert.equal(r.headers['content-type'], 'application/pdf');
        assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
      }
      const unknown = await t.app.inject({ method: 'GET', url: '/api/documents/samples/other.pdf', headers: { cookie: reader } });
      assert.equal(unknown.statusCode, 400);
    });
  });
}
