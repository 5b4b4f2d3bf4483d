import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { idNumberCheckChar, usccCheckChar } from '../../src/modules/portal/accounts/validators.ts';
import type { LogSmsAdapter } from '../../src/modules/portal/accounts/sms.ts';
import type { TestApp } from '../helpers/app.ts';

export const APPLICANT_PASSWORD = 'Apply#2026ok';

/** A valid, real-shaped resident ID number of 衡南县 (430422), different on every call. */
export function newIdNumber(): string {
  const y = 1950 + crypto.randomInt(50);
  const m = String(1 + crypto.randomInt(12)).padStart(2, '0');
  const d = String(1 + crypto.randomInt(28)).padStart(2, '0');
  const first17 = `430422${y}${m}${d}${String(crypto.randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** A valid unified social credit code of an enterprise registered in 430422. */
export function newUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = 'MA';
  for (let i = 0; i < 7; i++) body += alphabet[crypto.randomInt(alphabet.length)];
  const first17 = `91430422${body}`;
  return first17 + usccCheckChar(first17);
}

export function newPhone(): string {
  return `139${String(crypto.randomInt(100_000_000)).padStart(8, '0')}`;
}

let ipCounter = 0;
/** A client address of its own, so the per-IP SMS limit of one test does not hit another. */
export function newIp(): string {
  ipCounter++;
  return `10.${(process.pid >> 8) % 256}.${Math.floor(ipCounter / 250) % 256}.${(ipCounter % 250) + 1}`;
}

export function smsOf(t: TestApp): LogSmsAdapter {
  return t.app.portal.sms as LogSmsAdapter;
}

/** The code of the last SMS to the phone, read from the development adapter's log. */
export function lastCode(t: TestApp, phone: string): string {
  const m = smsOf(t).lastTo(phone)?.text.match(/验证码 (\d{6})/);
  if (!m) throw new Error(`no SMS code sent to ${phone}`);
  return m[1]!;
}

export function applicantCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'landgov_portal_sid');
  if (!c) throw new Error(`no applicant cookie in response ${res.statusCode} ${res.body}`);
  return `landgov_portal_sid=${c.value}`;
}

export interface Person {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  cookie: string;
}

/** Registers a person through the HTTP API (SMS code included) and returns its session cookie. */
export async function registerPerson(t: TestApp, opts: { name?: string; idNumber?: string; phone?: string; email?: string } = {}): Promise<Person> {
  const phone = opts.phone ?? newPhone();
  const idNumber = opts.idNumber ?? newIdNumber();
  const name = opts.name ?? '张三';
  const remoteAddress = newIp();
  const sent = await t.app.inject({ method: 'POST', url: '/api/portal/auth/sms-codes', remoteAddress, payload: { phone, purpose: 'register' } });
  if (sent.statusCode !== 202) throw new Error(`sms: ${sent.statusCode} ${sent.body}`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/portal/auth/register',
    remoteAddress,
    payload: { name, idNumber, phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD, ...(opts.email ? { email: opts.email } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, name, idNumber, phone, cookie: applicantCookie(res) };
}

// ---- the online hall (网上办事大厅): uploads and drafts ------------------------------------

/** A small but real-typed PDF (its first bytes are what the server reads), different on every call. */
export function pdfBytes(text: string = crypto.randomUUID()): Buffer {
  return Buffer.from(`%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A multipart/form-data body with one file part named "file". */
export function filePart(filename: string, content: Buffer) {
  const boundary = `----hall${crypto.randomBytes(6).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a material file as the applicant; returns the upload's answer. */
export async function uploadFile(t: TestApp, cookie: string, name = '申请表.pdf', bytes = pdfBytes()): Promise<{ fileId: string; name: string; size: number; mime: string; sha256: string }> {
  const f = filePart(name, bytes);
  const res = await t.app.inject({ method: 'POST', url: '/api/portal/uploads', headers: { ...f.headers, cookie }, payload: f.payload });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Starts a draft of the item as the applicant. */
export async function newDraft(t: TestApp, cookie: string, itemCode: string): Promise<{ id: string; version: number; itemCode: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/portal/drafts', headers: { cookie }, payload: { itemCode } });
  if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Saves project values and uploads one file for each required material of the item; returns the saved draft. */
export async function fillDraft(t: TestApp, cookie: string, draft: { id: string; version: number; itemCode: string }, project: Record<string, unknown>) {
  const guide = (await t.app.inject({ method: 'GET', url: `/api/portal/guides/${draft.itemCode}` })).json() as { materials: { code: string; requirement: string }[] };
  const materials = [];
  for (const m of guide.materials.filter((x) => x.requirement === 'required')) materials.push({ code: m.code, fileId: (await uploadFile(t, cookie, `${m.code}.pdf`)).fileId });
  const res = await t.app.inject({ method: 'PUT', url: `/api/portal/drafts/${draft.id}`, headers: { cookie }, payload: { expectedVersion: draft.version, project, materials } });
  if (res.statusCode !== 200) throw new Error(`save: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; itemCode: string; materials: { code: string; fileId: string }[] };
}
