import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { ConfigError, loadConfig, redactedConfig } from '../../src/core/config.ts';
import { createContext } from '../../src/core/context.ts';
import { freshRegion, testDbs, tempDir } from '../helpers/db.ts';
import { TEST_SECRET_KEY } from '../helpers/app.ts';
import { newIp, newPhone } from './helpers.ts';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('portal configuration', () => {
  it('uses the logging SMS adapter in development and none in production, and refuses the logging one there', () => {
    assert.equal(loadConfig({}).smsAdapter, 'log');
    assert.equal(loadConfig({ NODE_ENV: 'production' }).smsAdapter, 'none');
    assert.match(problems({ NODE_ENV: 'production', SMS_ADAPTER: 'log' }).join('\n'), /SMS_ADAPTER: "log" .* development only/);
    assert.match(problems({ SMS_ADAPTER: 'aliyun' }).join('\n'), /SMS_ADAPTER: expected one of log, none/);
  });

  it('reads the OIDC settings, with the redirect URI from PUBLIC_BASE_URL, and redacts the secret', () => {
    assert.equal(loadConfig({}).oidc, null);
    const c = loadConfig({ OIDC_ISSUER: 'https://tyrz.hunan.gov.cn/oidc', OIDC_CLIENT_ID: 'hnx', OIDC_CLIENT_SECRET: 's3cret', PUBLIC_BASE_URL: 'https://zrzy.hengnan.gov.cn' });
    assert.deepEqual(c.oidc, {
      issuer: 'https://tyrz.hunan.gov.cn/oidc',
      clientId: 'hnx',
      clientSecret: 's3cret',
      redirectUri: 'https://zrzy.hengnan.gov.cn/api/portal/auth/oidc/callback',
      scope: 'openid profile',
      idNumberClaim: 'id_number',
    });
    assert.equal((redactedConfig(c).oidc as { clientSecret: string }).clientSecret, '***');
  });

  it('lists every OIDC problem: missing client, plain http off this machine, bad URLs', () => {
    const p = problems({ OIDC_ISSUER: 'http://tyrz.example.cn', OIDC_REDIRECT_URI: 'not a url' }).join('\n');
    assert.match(p, /OIDC_CLIENT_ID: required/);
    assert.match(p, /OIDC_CLIENT_SECRET: required/);
    assert.match(p, /OIDC_ISSUER: expected an https:\/\/ URL/);
    assert.match(p, /OIDC_REDIRECT_URI: not a valid URL/);
    assert.deepEqual(problems({ OIDC_ISSUER: 'http://127.0.0.1:4000', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }), []);
  });
});

describe('development SMS adapter', () => {
  it('writes the code to the server log (phone masked) instead of sending it', async () => {
    const db = await testDbs[0]!.get();
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const ctx = createContext(loadConfig({ DATA_DIR: tempDir(), REGION_CODE: freshRegion(), DEMO_DATA: 'off', SECRET_KEY: TEST_SECRET_KEY }), db);
    const app = await buildApp(ctx, { logger: { level: 'warn', stream } });
    await app.ready();
    try {
      const phone = newPhone();
      const res = await app.inject({ method: 'POST', url: '/api/portal/auth/sms-codes', remoteAddress: newIp(), payload: { phone, purpose: 'register' } });
      assert.equal(res.statusCode, 202);
      const line = lines.find((l) => l.includes('development SMS adapter'));
      assert.ok(line, 'the message was logged');
      assert.match(line!, /验证码 \d{6}/);
      assert.ok(line!.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`));
      assert.ok(!line!.includes(phone));
    } finally {
      await app.close();
    }
  });
});
