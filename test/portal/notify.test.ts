import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { ConfigError, loadConfig, redactedConfig } from '../../src/core/config.ts';
import { applicantActor } from '../../src/modules/approval/actor.ts';
import { caseQueryCode } from '../../src/modules/approval/cases/query-code.ts';
import { NOTIFY_EMAIL_QUEUE, NOTIFY_SMS_QUEUE } from '../../src/modules/portal/notify/service.ts';
import { testDbs } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { get, ok, openTask, projectFor, staff, toDecision, type Staff } from '../approval/helpers.ts';
import { newUscc, registerPerson, smsOf, type Person } from './helpers.ts';

const BASE = 'https://zwfw.example.gov.cn';

// ---- a real SMTP server --------------------------------------------------------------------

interface Received {
  from: string;
  to: string[];
  raw: string;
}

class Inbox {
  readonly mails: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.mails.filter((m) => m.to.includes(address));
  }
}

/** Decodes RFC 2047 encoded words (B and Q) of a header value. */
function decodeWords(v: string): string {
  return v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

/** A minimal parse of a single-part message: unfolded headers (decoded) and the decoded text body. */
function parseMail(raw: string): { headers: Map<string, string[]>; headerLines: string[]; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const bodyRaw = raw.slice(split + 4);
  const headerLines = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).toLowerCase();
    headers.set(k, [...(headers.get(k) ?? []), decodeWords(line.slice(i + 1).trim())]);
  }
  const cte = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').toLowerCase();
  let text: string;
  if (cte === 'base64') text = Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') text = Buffer.from(bodyRaw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  else text = bodyRaw;
  return { headers, headerLines, text };
}

// ---- cases of the online hall ---------------------------------------------------------------

async function onlineCase(t: TestApp, p: Person, key = `k${Date.now()}${Math.random().toString(36).slice(2, 8)}`) {
  const actor = applicantActor({ applicantId: p.id, displayName: p.name, regionCode: t.region });
  const { id } = await t.app.approval.cases.submit(actor, {
    itemCode: 'JSYDGH',
    applicant: { type: 'person', name: p.name, idType: 'resident_id', idNumber: p.idNumber, phone: p.phone },
    project: projectFor('JSYDGH'),
  }, key);
  return { id, actor };
}

async function dispatch(t: TestApp): Promise<void> {
  while ((await t.ctx.outbox.dispatch()) > 0);
}

/** Runs the queue's ready jobs; returns how many ran. */
async function drain(t: TestApp, queue: string): Promise<number> {
  let n = 0;
  while (await t.ctx.jobs.runOnce([queue])) n++;
  return n;
}

describe('e-mail configuration', () => {
  const problems = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
      return '';
    } catch (err) {
      return (err as ConfigError).problems.join('\n');
    }
  };

  it('is off without SMTP_URL, and reads the relay, sender and name with it; the password is redacted', () => {
    assert.equal(loadConfig({}).mail, null);
    const c = loadConfig({ SMTP_URL: 'smtp://relay:s3cret@mail.example.gov.cn:587', MAIL_FROM: 'noreply@zrzy.example.gov.cn' });
    assert.deepEqual(c.mail, { smtpUrl: 'smtp://relay:s3cret@mail.example.gov.cn:587', from: 'noreply@zrzy.example.gov.cn', fromName: '网上办事大厅' });
    assert.equal((redactedConfig(c).mail as { smtpUrl: string }).smtpUrl, 'smtp://relay:***@mail.example.gov.cn:587');
  });

  it('lists every problem: wrong scheme, no sender, a sender that is not a plain address, a name with a line break', () => {
    assert.match(problems({ SMTP_URL: 'http://mail.example.gov.cn' }), /SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/);
    assert.match(problems({ SMTP_URL: 'not a url', MAIL_FROM: 'a@example.com' }), /SMTP_URL: not a valid URL/);
    assert.match(problems({ SMTP_URL: 'smtp://mail.example.gov.cn:25' }), /MAIL_FROM: required when SMTP_URL is set/);
    const p = problems({ SMTP_URL: 'smtps://mail.example.gov.cn', MAIL_FROM: 'noreply@example.com\r\nBcc: x@example.com', MAIL_FROM_NAME: '局\r\nBcc: x@example.com' });
    assert.match(p, /MAIL_FROM: expected a plain e-mail address/);
    assert.match(p, /MAIL_FROM_NAME: at most 100 characters on one line/);
  });
});

for (const kind of testDbs) {
  describe(`applicant notifications on ${kind.name}`, () => {
    const inbox = new Inbox();
    let t: TestApp;
    let s: Staff;

    before(async () => {
      await inbox.start();
      t = await testApp(await kind.get(), { SMTP_URL: `smtp://127.0.0.1:${inbox.port}`, MAIL_FROM: 'noreply@zrzy.example.gov.cn', MAIL_FROM_NAME: '衡南县自然资源局', PUBLIC_BASE_URL: BASE });
      s = await staff(t);
    });
    after(async () => {
      await t.close();
      await inbox.stop();
    });

    const messages = async (cookie: string, query = '') => {
      const res = await t.app.inject({ method: 'GET', url: `/api/portal/messages${query}`, headers: { cookie } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { unread: number; total: number; items: { id: string; caseId: string; caseNo: string; kind: string; title: string; body: string; readAt: string | null }[] };
    };
    const setEmail = async (p: Person, email: string | null, channels = { sms: true, email: email !== null }) =>
      t.app.inject({ method: 'PUT', url: '/api/portal/profile/notifications', headers: { cookie: p.cookie }, payload: { email, channels } });

    describe('in-app messages', () => {
      it('writes exactly one message per applicant-relevant transition, in the words of the hall\'s timeline, with the case number', async () => {
        const p = await registerPerson(t, { name: '刘芳' });
        const { id, actor } = await onlineCase(t, p);
        await dispatch(t);
        let c = await get(t, s.clerk, id);
        // 补正 before acceptance, the applicant answers, the clerk accepts; the internal passes send nothing.
        c = await ok(t, s.clerk, id, { action: 'request_supplement', taskId: openTask(c, 'accept'), items: [{ name: '建设项目批准文件', problem: '缺少盖章页' }] });
        await t.app.approval.cases.act(actor, id, { action: 'resubmit', materials: [] });
        c = await get(t, s.clerk, id);
        c = await toDecision(t, s, c);
        c = await ok(t, s.leader, id, { action: 'pass', taskId: openTask(c, 'approve') });
        await dispatch(t);

        const list = await messages(p.cookie);
        assert.deepEqual(list.items.map((m) => m.kind).reverse(), ['submit', 'request_supplement', 'resubmit', 'accept', 'approve']);
        assert.equal(list.unread, 5);
        assert.equal(list.total, 5);
        const timeline = (await t.app.approval.applicantViews.detail(actor, id)).timeline;
        assert.deepEqual(timeline.map((h) => h.action), ['submit', 'request_supplement', 'resubmit', 'accept', 'approve']);
        for (const h of timeline) {
          const m = list.items.find((x) => x.kind === h.action)!;
          assert.equal(m.title, `办件 ${c.caseNo} ${h.label}`);
          assert.equal(m.caseId, id);
          assert.equal(m.caseNo, c.caseNo);
          assert.ok(m.body.includes(c.caseNo) && m.body.includes('建设用地规划许可'), m.body);
        }
        const supplement = list.items.find((m) => m.kind === 'request_supplement')!;
        assert.match(supplement.body, /1\. 建设项目批准文件：缺少盖章页/);
        assert.match(list.items.find((m) => m.kind === 'accept')!.body, /承诺办结日期为 \d{4}-\d{2}-\d{2}/);
      });

      it('tells of the special procedure, the extension and 不予许可 with its reason, in the timeline\'s words', async () => {
        const p = await registerPerson(t);
        const { id, actor } = await onlineCase(t, p);
        let c = await get(t, s.clerk, id);
        c = await ok(t, s.clerk, id, { action: 'accept', taskId: openTask(c, 'accept') });
        c = await ok(t, s.handler, id, { action: 'start_special', taskId: openTask(c, 'handle'), procedure: 'publicity', plannedDays: 5, reason: '批前公示' });
        c = await ok(t, s.handler, id, { action: 'end_special', result: '公示无异议' });
        c = await ok(t, s.leader, id, { action: 'extend', reason: '需征求相关部门意见' });
        c = await ok(t, s.handler, id, { action: 'pass', taskId: openTask(c, 'handle') });
        c = await ok(t, s.head, id, { action: 'pass', taskId: openTask(c, 'review') });
        c = await ok(t, s.leader, id, { action: 'reject', taskId: openTask(c, 'approve'), reason: '不符合国土空间规划' });
        assert.equal(c.state, 'DONE_DENIED');
        await dispatch(t);
        const list = await messages(p.cookie);
        assert.deepEqual(list.items.map((m) => m.kind).reverse(), ['submit', 'accept', 'start_special', 'end_special', 'extend', 'reject']);
        const timeline = (await t.app.approval.applicantViews.detail(actor, id)).timeline;
        for (const h of timeline) assert.equal(list.items.find((x) => x.kind === h.action)!.title, `办件 ${c.caseNo} ${h.label}`);
        const body = (k: string) => list.items.find((m) => m.kind === k)!.body;
        assert.match(body('start_special'), /进入特别程序（批前公示）/);
        assert.match(body('extend'), /延期办理 10 个工作日，办结期限为 \d{4}-\d{2}-\d{2}。理由：需征求相关部门意见/);
        assert.match(body('reject'), /不予许可。理由：不符合国土空间规划/);
      });

      it('tells of 制证 with the certificate number and of 送达', async () => {
        const p = await registerPerson(t);
        const actor = applicantActor({ applicantId: p.id, displayName: p.name, regionCode: t.region });
        const boundary = { type: 'Polygon', coordinates: [[[112.7, 26.8], [112.7015, 26.8], [112.7015, 26.8012], [112.7, 26.8012], [112.7, 26.8]]] };
        const { id } = await t.app.approval.cases.submit(actor, {
          itemCode: 'JSYDGH', applicant: { type: 'person', name: p.name, idType: 'resident_id', idNumber: p.idNumber, phone: p.phone }, project: projectFor('JSYDGH', 18_000), boundary,
        }, `cert${Date.now()}`);
        let c = await toDecision(t, s, await get(t, s.clerk, id));
        c = await ok(t, s.leader, id, { action: 'pass', taskId: openTask(c, 'approve') });
        c = await ok(t, s.clerk, id, { action: 'certify', taskId: openTask(c, 'certify') });
        c = await ok(t, s.clerk, id, { action: 'deliver', taskId: openTask(c, 'deliver'), method: 'electronic' });
        assert.equal(c.state, 'DELIVERED');
        await dispatch(t);
        const list = await messages(p.cookie);
        assert.deepEqual(list.items.map((m) => m.kind).reverse(), ['submit', 'accept', 'approve', 'certify', 'deliver']);
        const certify = list.items.find((m) => m.kind === 'certify')!;
        assert.equal(certify.title, `办件 ${c.caseNo} 已制证`);
        assert.ok(certify.body.includes(`证书编号 ${c.certificateNo}`), certify.body);
        assert.equal(list.items.find((m) => m.kind === 'deliver')!.title, `办件 ${c.caseNo} 已送达`);
      });

      it('writes to the organisation an agent acted for: seen while acting for it, not as the person', async () => {
        const p = await registerPerson(t);
        const org = await t.app.inject({ method: 'POST', url: '/api/portal/auth/organisations', headers: { cookie: p.cookie }, payload: { name: '衡南县某某建设有限公司', uscc: newUscc() } });
        assert.equal(org.statusCode, 201, org.body);
        const orgId = org.json().id as string;
        const actor = applicantActor({ applicantId: orgId, displayName: '衡南县某某建设有限公司', regionCode: t.region });
        await t.app.approval.cases.submit(actor, { itemCode: 'JSYDGH', applicant: { type: 'organisation', name: '衡南县某某建设有限公司', idType: 'credit_code', idNumber: '91430422MA4L0ABC11', phone: '13907340000' }, project: projectFor('JSYDGH') }, `org${Date.now()}`);
        await dispatch(t);
        assert.equal((await messages(p.cookie)).total, 0, 'the person\'s own messages');
        const asOrg = await t.app.inject({ method: 'POST', url: '/api/portal/auth/act-as', headers: { cookie: p.cookie }, payload: { organisationId: orgId } });
        assert.ok(asOrg.statusCode < 300, asOrg.body);
        const list = await messages(p.cookie);
        assert.deepEqual(list.items.map((m) => m.kind), ['submit']);
      });

      it('does not write a message twice when the outbox delivers an event again', async () => {
        const p = await registerPerson(t);
        const { id } = await onlineCase(t, p);
        await dispatch(t);
        assert.equal((await messages(p.cookie)).total, 1);
        // Redeliver every event of the case, as after a crash between the handler and the commit.
        const again = await t.db.query('UPDATE outbox SET published_at = NULL WHERE aggregate_id = $1 RETURNING id', [id]);
        assert.ok((again.rowCount ?? 0) >= 1);
        await dispatch(t);
        const pending = await t.db.query('SELECT id FROM outbox WHERE aggregate_id = $1 AND published_at IS NULL', [id]);
        assert.equal(pending.rowCount, 0, 'the redelivered events were handled, not left failing');
        const list = await messages(p.cookie);
        assert.equal(list.total, 1);
        const jobs = await t.db.query(`SELECT count(*)::int AS n FROM applicant_message_deliveries WHERE message_id = $1`, [list.items[0]!.id]);
        assert.equal(jobs.rows[0]!.n, 1, 'one SMS delivery');
      });

      it('tells nothing about window cases and nothing about internal steps', async () => {
        const before = Number((await t.db.query('SELECT count(*) AS n FROM applicant_messages WHERE region_code = $1', [t.region])).rows[0]!.n);
        const res = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: s.clerk }, payload: { itemCode: 'JSYDGH', applicant: { type: 'person', name: '窗口申请人', idType: 'passport', idNumber: 'E12345678', phone: '13900000000' }, project: projectFor('JSYDGH') } });
        assert.equal(res.statusCode, 201, res.body);
        await toDecision(t, s, res.json());
        await dispatch(t);
        const afterN = Number((await t.db.query('SELECT count(*) AS n FROM applicant_messages WHERE region_code = $1', [t.region])).rows[0]!.n);
        assert.equal(afterN, before);
      });

      it('sends 不予受理 with its reason and 已撤回 to the right accounts; another applicant sees none of them', async () => {
        const p = await registerPerson(t);
        const other = await registerPerson(t);
        const a = await onlineCase(t, p);
        const b = await onlineCase(t, p);
        const ca = await get(t, s.clerk, a.id);
        await ok(t, s.clerk, a.id, { action: 'not_accept', taskId: openTask(ca, 'accept'), reason: '不属于本机关职权范围' });
        await t.app.approval.cases.act(b.actor, b.id, { action: 'withdraw', reason: '项目调整' });
        await dispatch(t);
        const list = await messages(p.cookie);
        assert.deepEqual(list.items.map((m) => m.kind).sort(), ['not_accept', 'submit', 'submit', 'withdraw']);
        assert.match(list.items.find((m) => m.kind === 'not_accept')!.body, /不予受理。理由：不属于本机关职权范围/);

        const theirs = await messages(other.cookie);
        assert.equal(theirs.total, 0);
        const foreign = await t.app.inject({ method: 'POST', url: `/api/portal/messages/${list.items[0]!.id}/read`, headers: { cookie: other.cookie } });
        assert.equal(foreign.statusCode, 404);
        assert.equal(foreign.json().code, 'MESSAGE_NOT_FOUND');
        const unknown = await t.app.inject({ method: 'POST', url: `/api/portal/messages/00000000-0000-4000-8000-000000000000/read`, headers: { cookie: other.cookie } });
        assert.deepEqual([unknown.statusCode, unknown.json().code], [404, 'MESSAGE_NOT_FOUND']);
        assert.equal((await messages(p.cookie)).unread, 4, 'the other account\'s attempt marked nothing');
        const anonymous = await t.app.inject({ method: 'GET', url: '/api/portal/messages' });
        assert.deepEqual([anonymous.statusCode, anonymous.json().code], [401, 'APPLICANT_UNAUTHENTICATED']);
      });

      it('lists unread only, pages, marks one read and all read', async () => {
        const p = await registerPerson(t);
        for (let i = 0; i < 3; i++) await onlineCase(t, p);
        await dispatch(t);
        const all = await messages(p.cookie);
        assert.deepEqual([all.unread, all.total, all.items.length], [3, 3, 3]);
        const page = await messages(p.cookie, '?page=2&pageSize=2');
        assert.deepEqual([page.total, page.items.length, page.items[0]!.id], [3, 1, all.items[2]!.id]);

        const read = await t.app.inject({ method: 'POST', url: `/api/portal/messages/${all.items[0]!.id}/read`, headers: { cookie: p.cookie } });
        assert.equal(read.statusCode, 204);
        const audit = await t.db.query<{ action: string; result: string }>('SELECT action, result FROM audit_log WHERE request_id = $1', [read.headers['x-request-id']]);
        assert.deepEqual(audit.rows, [{ action: 'portal.message_read', result: 'success' }]);
        const unread = await messages(p.cookie, '?unread=true');
        assert.deepEqual([unread.unread, unread.total], [2, 2]);
        assert.ok(!unread.items.some((m) => m.id === all.items[0]!.id));
        assert.ok((await messages(p.cookie)).items.find((m) => m.id === all.items[0]!.id)!.readAt);

        const allRead = await t.app.inject({ method: 'POST', url: '/api/portal/messages/read-all', headers: { cookie: p.cookie } });
        assert.equal(allRead.statusCode, 204);
        const after = await messages(p.cookie);
        assert.deepEqual([after.unread, after.total], [0, 3]);
        assert.equal((await messages(p.cookie, '?unread=true')).total, 0);
      });
    });

    describe('SMS', () => {
      it('texts the case number to the account\'s phone when SMS is on, and not when it is off', async () => {
        const p = await registerPerson(t);
        const { id } = await onlineCase(t, p);
        await dispatch(t);
        await drain(t, NOTIFY_SMS_QUEUE);
        const c = await get(t, s.clerk, id);
        const sms = smsOf(t).lastTo(p.phone)!;
        assert.ok(sms.text.includes(`办件 ${c.caseNo} 已申报`), sms.text);
        assert.ok(sms.text.includes(`${BASE}/progress?no=${c.caseNo}&code=${caseQueryCode(t.ctx.box, c.caseNo)}`), sms.text);
        const delivered = await t.db.query<{ status: string }>(`SELECT d.status FROM applicant_message_deliveries d JOIN applicant_messages m ON m.id = d.message_id WHERE m.case_id = $1 AND d.channel = 'sms'`, [id]);
        assert.deepEqual(delivered.rows, [{ status: 'sent' }]);

        const off = await t.app.inject({ method: 'PUT', url: '/api/portal/profile/notifications', headers: { cookie: p.cookie }, payload: { email: null, channels: { sms: false, email: false } } });
        assert.equal(off.statusCode, 200, off.body);
        const count = smsOf(t).sent.filter((x) => x.phone === p.phone).length;
        await ok(t, s.clerk, id, { action: 'accept', taskId: openTask(c, 'accept') });
        await dispatch(t);
        await drain(t, NOTIFY_SMS_QUEUE);
        assert.equal(smsOf(t).sent.filter((x) => x.phone === p.phone).length, count, 'no SMS with the channel off');
        assert.equal((await messages(p.cookie)).total, 2, 'the in-app message is written all the same');
      });
    });

    describe('notification settings', () => {
      it('stores the address SM4-encrypted, shows it masked, and keeps it when the masked value comes back', async () => {
        const p = await registerPerson(t);
        const fresh = await t.app.inject({ method: 'GET', url: '/api/portal/profile/notifications', headers: { cookie: p.cookie } });
        assert.deepEqual(fresh.json(), { email: null, channels: { sms: true, email: false } });
        const put = await setEmail(p, 'liu.fang@example.com');
        assert.equal(put.statusCode, 200, put.body);
        assert.deepEqual(put.json(), { email: 'l***@example.com', channels: { sms: true, email: true } });
        const row = (await t.db.query<{ email_enc: string }>('SELECT email_enc FROM applicant_notification_settings WHERE applicant_id = $1', [p.id])).rows[0]!;
        assert.ok(!row.email_enc.includes('liu.fang') && row.email_enc.startsWith('sm4gcm:'), 'ciphertext at rest');
        assert.equal(t.ctx.box.decrypt(row.email_enc), 'liu.fang@example.com');
        const audit = await t.db.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM audit_log WHERE request_id = $1', [put.headers['x-request-id']]);
        assert.equal(audit.rows[0]!.action, 'portal.notification_settings');
        assert.ok(!JSON.stringify(audit.rows).includes('liu.fang@'), 'only the masked address is audited');

        const back = await setEmail(p, 'l***@example.com', { sms: false, email: true });
        assert.deepEqual(back.json(), { email: 'l***@example.com', channels: { sms: false, email: true } });
        assert.equal(t.ctx.box.decrypt((await t.db.query<{ email_enc: string }>('SELECT email_enc FROM applicant_notification_settings WHERE applicant_id = $1', [p.id])).rows[0]!.email_enc), 'liu.fang@example.com');
      });

      it('refuses a bad address, an address with a line break, and e-mail on without an address (422, nothing stored)', async () => {
        const p = await registerPerson(t);
        for (const email of ['not-an-address', 'a@b', 'x@example.com\r\nBcc: evil@example.com', '张三 <x@example.com>', 'x@example.com\nX-Injected: 1']) {
          const res = await setEmail(p, email);
          assert.equal(res.statusCode, 422, `${JSON.stringify(email)}: ${res.body}`);
          assert.equal(res.json().code, 'NOTIFY_EMAIL_INVALID');
          assert.deepEqual(res.json().errors.map((e: { field: string }) => e.field), ['email']);
          assert.ok(res.json().message.zh);
        }
        const none = await setEmail(p, null, { sms: true, email: true });
        assert.deepEqual([none.statusCode, none.json().code], [422, 'NOTIFY_EMAIL_REQUIRED']);
        assert.equal((await t.db.query('SELECT 1 FROM applicant_notification_settings WHERE applicant_id = $1', [p.id])).rowCount, 0);
      });
    });

    describe('e-mail over SMTP', () => {
      it('mails the applicant: To, a Chinese subject with the case number, a UTF-8 body with the progress link', async () => {
        const p = await registerPerson(t, { name: '陈静' });
        assert.equal((await setEmail(p, 'chen.jing@example.com')).statusCode, 200);
        const { id } = await onlineCase(t, p);
        await dispatch(t);
        assert.equal(await drain(t, NOTIFY_EMAIL_QUEUE) >= 1, true);
        const c = await get(t, s.clerk, id);
        const mails = inbox.to('chen.jing@example.com');
        assert.equal(mails.length, 1);
        assert.equal(mails[0]!.from, 'noreply@zrzy.example.gov.cn');
        const m = parseMail(mails[0]!.raw);
        assert.equal(m.headers.get('subject')![0], `【网上办事大厅】办件 ${c.caseNo} 已申报`);
        assert.equal(m.headers.get('to')![0], '陈静 <chen.jing@example.com>');
        assert.equal(m.headers.get('from')![0], '衡南县自然资源局 <noreply@zrzy.example.gov.cn>');
        assert.match(m.headers.get('content-type')![0]!, /text\/plain; charset=utf-8/i);
        assert.ok(m.text.includes(`您申请的「建设用地规划许可证核发」（办件编号 ${c.caseNo}）已申报`), m.text);
        assert.ok(m.text.includes(`${BASE}/progress?no=${c.caseNo}&code=${caseQueryCode(t.ctx.box, c.caseNo)}`), m.text);
      });

      it('keeps the mail while the relay is down and delivers it once when it is back', async () => {
        const p = await registerPerson(t);
        assert.equal((await setEmail(p, 'retry@example.com')).statusCode, 200);
        const port = inbox.port;
        await inbox.stop();
        try {
          const { id } = await onlineCase(t, p);
          await dispatch(t);
          assert.equal(await drain(t, NOTIFY_EMAIL_QUEUE), 1, 'one attempt, then the job waits for its backoff');
          const d = await t.db.query<{ status: string; attempts: number; last_error: string }>(
            `SELECT d.status, d.attempts, d.last_error FROM applicant_message_deliveries d JOIN applicant_messages m ON m.id = d.message_id WHERE m.case_id = $1 AND d.channel = 'email'`, [id]);
          assert.equal(d.rows[0]!.status, 'pending');
          assert.equal(d.rows[0]!.attempts, 1);
          assert.match(d.rows[0]!.last_error, /ECONNREFUSED|connect/i);
          const job = await t.db.query<{ status: string; run_at: Date }>(`SELECT status, run_at FROM jobs WHERE queue = $1 AND payload->>'messageId' = (SELECT id::text FROM applicant_messages WHERE case_id = $2)`, [NOTIFY_EMAIL_QUEUE, id]);
          assert.equal(job.rows[0]!.status, 'queued');
          assert.ok(job.rows[0]!.run_at > t.clock.now());
        } finally {
          await inbox.start(port);
        }
        t.clock.advanceMinutes(5);
        assert.equal(await drain(t, NOTIFY_EMAIL_QUEUE), 1);
        assert.equal(inbox.to('retry@example.com').length, 1);
        // A retried job of a sent delivery sends nothing again.
        const messageId = (await t.db.query<{ id: string }>(`SELECT m.id FROM applicant_messages m WHERE m.applicant_id = $1`, [p.id])).rows[0]!.id;
        await t.app.portalNotify.deliver({ payload: { messageId }, attempts: 2, max_attempts: 15 }, 'email');
        t.clock.advanceMinutes(60);
        await drain(t, NOTIFY_EMAIL_QUEUE);
        assert.equal(inbox.to('retry@example.com').length, 1, 'no double mail');
      });

      it('neutralises a line break in the applicant\'s name: one recipient, no injected header', async () => {
        const p = await registerPerson(t);
        await t.db.query('UPDATE applicants SET display_name = $2 WHERE id = $1', [p.id, '王五\r\nBcc: evil@example.com\r\nX-Injected: yes']);
        assert.equal((await setEmail(p, 'wang.wu@example.com')).statusCode, 200);
        await onlineCase(t, { ...p, name: '王五' });
        await dispatch(t);
        await drain(t, NOTIFY_EMAIL_QUEUE);
        const mails = inbox.to('wang.wu@example.com');
        assert.equal(mails.length, 1);
        assert.deepEqual(mails[0]!.to, ['wang.wu@example.com']);
        assert.equal(inbox.to('evil@example.com').length, 0);
        const m = parseMail(mails[0]!.raw);
        assert.ok(!m.headerLines.some((l) => /^(bcc|x-injected):/i.test(l)), m.headerLines.join('\n'));
        assert.ok(m.headers.get('to')![0]!.endsWith('<wang.wu@example.com>'));
      });
    });
  });
}
