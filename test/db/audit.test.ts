import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { AuditLog } from '../../src/core/audit/audit.ts';
import { CryptoBox, loadSecretKey } from '../../src/core/crypto.ts';
import type { Db } from '../../src/core/db/index.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { PgliteDb } from '../../src/core/db/pglite.ts';
import { tempDir, testDbs } from '../helpers/db.ts';
import { TEST_SECRET_KEY } from '../helpers/app.ts';

const KEY = TEST_SECRET_KEY;

/** Runs SQL as an attacker with database access would: triggers bypassed. */
async function tamper(db: Db, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    await tx.query(sql, params);
  });
}

for (const kind of testDbs) {
  describe(`audit log chain on ${kind.name}`, () => {
    let db: Db;
    let log: AuditLog;
    beforeEach(async () => {
      // The chain covers the whole table: start each test from an empty log (tests run one at a time).
      db = await kind.get();
      await tamper(db, 'DELETE FROM audit_log');
      await tamper(db, 'DELETE FROM audit_head');
      await tamper(db, 'DELETE FROM audit_anchor');
      log = new AuditLog(db, new CryptoBox(KEY));
      for (let i = 0; i < 5; i++) {
        await log.record(db, { regionCode: '430422', username: `user${i}`, ip: '10.0.0.1', action: 'auth.login', result: i % 2 ? 'failure' : 'success', detail: { n: i, nested: { b: 2, a: 1 } } });
      }
    });

    it('verifies an untouched chain', async () => {
      assert.deepEqual(await log.verify(), { ok: true, checked: 5 });
    });

    it('detects an edited row', async () => {
      await tamper(db, `UPDATE audit_log SET result = 'success' WHERE id = (SELECT min(id) + 1 FROM audit_log)`);
      const r = await log.verify();
      assert.equal(r.ok, false);
      assert.match(r.reason!, /altered/);
    });

    it('detects a deleted row in the middle', async () => {
      await tamper(db, 'DELETE FROM audit_log WHERE id = (SELECT min(id) + 2 FROM audit_log)');
      const r = await log.verify();
      assert.equal(r.ok, false);
      assert.match(r.reason!, /deleted/);
    });

    it('detects rows deleted at the end', async () => {
      await tamper(db, 'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)');
      const r = await log.verify();
      assert.equal(r.ok, false);
      assert.match(r.reason!, /end of the log/);
    });

    it('detects a chain recomputed without the key', async () => {
      const forger = new AuditLog(db, new CryptoBox('b'.repeat(64)));
      await tamper(db, 'DELETE FROM audit_log');
      await tamper(db, 'DELETE FROM audit_head');
      await forger.record(db, { regionCode: '430422', action: 'forged', result: 'success' });
      assert.equal((await log.verify()).ok, false);
    });

    it('refuses UPDATE, DELETE of young rows and TRUNCATE at the database', async () => {
      await assert.rejects(db.query(`UPDATE audit_log SET action = 'x'`), /append-only/);
      await assert.rejects(db.query('DELETE FROM audit_log'), /cannot be deleted/);
      await assert.rejects(db.query('TRUNCATE audit_log'), /cannot be truncated/);
      assert.equal((await log.verify()).ok, true);
    });

    it('prunes only rows older than the retention and keeps the chain verifiable', async () => {
      await tamper(db, 'DELETE FROM audit_log');
      await tamper(db, 'DELETE FROM audit_head');
      const daysAgo = (d: number) => new AuditLog(db, new CryptoBox(KEY), () => new Date(Date.now() - d * 86_400_000));
      for (let i = 0; i < 3; i++) await daysAgo(400).record(db, { regionCode: '430422', action: 'old.event', result: 'success' });
      await daysAgo(150).record(db, { regionCode: '430422', action: 'recent.event', result: 'success' });
      await log.record(db, { regionCode: '430422', action: 'new.event', result: 'success' });
      assert.equal(await log.prune(500), 0, 'nothing is older than 500 days');
      assert.equal(await log.prune(100), 3, 'a retention below 184 days is raised to 184: the 150-day-old row stays');
      assert.deepEqual(await log.verify(), { ok: true, checked: 2 });
    });
  });
}

describe('npm run audit:verify', () => {
  it('exits 0 on an intact log and 1 naming the row after tampering', async () => {
    const dataDir = tempDir();
    const db = await PgliteDb.open(path.join(dataDir, 'db'));
    let second = 0;
    try {
      await migrate(db);
      const log = new AuditLog(db, new CryptoBox(loadSecretKey(null, dataDir)));
      for (let i = 0; i < 3; i++) await log.record(db, { regionCode: '430422', action: 'test.event', result: 'success', detail: { i } });
      second = (await db.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id OFFSET 1 LIMIT 1')).rows[0]!.id;
    } finally {
      await db.close();
    }
    const run = () => spawnSync('npm', ['run', '--silent', 'audit:verify'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, timeout: 120_000 });
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /intact: 3 records/);

    const db2 = await PgliteDb.open(path.join(dataDir, 'db'));
    try {
      await tamper(db2, `UPDATE audit_log SET detail = '{"i": 9}' WHERE id = $1`, [second]);
    } finally {
      await db2.close();
    }
    const broken = run();
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, new RegExp(`BROKEN at record ${second}`));
  });
});
