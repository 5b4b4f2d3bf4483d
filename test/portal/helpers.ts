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
export async function registerPerson(t: TestApp, opts: { name?: string; idNumber?: string; phone?: string } = {}): Promise<Person> {
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
    payload: { name, idNumber, phone, smsCode: lastCode(t, phone), password: APPLICANT_PASSWORD },
  });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, name, idNumber, phone, cookie: applicantCookie(res) };
}
