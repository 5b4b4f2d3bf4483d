import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, passwordComplexityProblem, redactedConfig } from '../../src/core/config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000, PGlite under ./data, demo data on', () => {
    const c = loadConfig({}, '/srv/landgov');
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, '/srv/landgov/data');
    assert.equal(c.demoData, 'auto');
    assert.equal(c.sessionIdleMinutes, 30);
    assert.equal(c.loginMaxFailures, 5);
    assert.equal(c.lockoutMinutes, 30);
    assert.ok(Object.isFrozen(c));
  });

  it('lists every wrong variable by name at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO_PASSWORD: 'short', AUDIT_RETENTION_DAYS: '30', REGION_CODE: '4304' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const names = err.problems.map((p) => p.split(':')[0]);
        assert.deepEqual(names.sort(), ['AUDIT_RETENTION_DAYS', 'DATABASE_URL', 'DEMO_PASSWORD', 'PORT', 'REGION_CODE']);
        return true;
      },
    );
  });

  it('refuses an idle timeout above 30 minutes (等保 level 3)', () => {
    assert.throws(() => loadConfig({ SESSION_IDLE_MINUTES: '45' }), /SESSION_IDLE_MINUTES/);
  });

  it('redacts secrets for the log', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/landgov', DEMO_PASSWORD: 'Demo#2026pass' });
    const r = JSON.stringify(redactedConfig(c));
    assert.ok(!r.includes('s3cret'));
    assert.ok(!r.includes('Demo#2026pass'));
  });

  it('stops the server with one line naming the variable', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('landgov:'));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /PORT: expected a whole number/);
  });
});

describe('password complexity rule', () => {
  it('accepts three of four character classes, eight or more characters', () => {
    assert.equal(passwordComplexityProblem('Abcdefg1', 'clerk'), null);
    assert.equal(passwordComplexityProblem('abcdef1!', 'clerk'), null);
  });
  it('refuses short, two-class and user-name passwords', () => {
    assert.match(passwordComplexityProblem('Ab1!', 'x')!, /8 characters/);
    assert.match(passwordComplexityProblem('abcdefgh1', 'x')!, /three/);
    assert.match(passwordComplexityProblem('Clerk#2026', 'clerk')!, /user name/);
  });
});
