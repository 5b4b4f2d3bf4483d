import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Db } from '../../src/core/db/index.ts';
import { migrate, MigrationError, readMigrations, splitStatements } from '../../src/core/db/migrate.ts';
import { freshDb, testDbs } from '../helpers/db.ts';

describe('migration files', () => {
  it('are numbered without gaps and named by what they do', () => {
    const ms = readMigrations();
    assert.ok(ms.length >= 7);
    ms.forEach((m, i) => assert.equal(m.version, i + 1));
  });
  it('split into statements without breaking quoted or dollar-quoted text', () => {
    const parts = splitStatements(`CREATE TABLE a (x text DEFAULT ';'); -- a; comment\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;`);
    assert.equal(parts.length, 2);
    assert.match(parts[1]!, /\$\$ SELECT 1; \$\$/);
  });
});

for (const kind of testDbs) {
  describe(`migrations on ${kind.name}`, () => {
    // One empty database per kind for both tests: creating one costs seconds on PGlite.
    let db: Db;
    before(async () => {
      db = await freshDb(kind.name);
    });

    it('apply cleanly on an empty database, once', async () => {
      const first = await migrate(db);
      assert.equal(first.applied.length, readMigrations().length);
      const again = await migrate(db);
      assert.deepEqual(again.applied, []);
      const postgis = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
      assert.match(postgis.rows[0]!.v, /^3\./);
    });

    it('leave the database as it was when one fails, and refuse an edited migration', async () => {
      const real = readMigrations();
      const n = real.length + 1;
      const broken = { version: n, name: 'broken', checksum: 'x', sql: `CREATE TABLE mig_b (id int); INSERT INTO regions (code, region_code, name, level) VALUES ('990000', '990000', 'x', 'county'); SELECT no_such_function();` };
      await assert.rejects(migrate(db, [...real, broken]), (err: unknown) => err instanceof MigrationError && new RegExp(`${String(n).padStart(4, '0')}_broken failed`).test(err.message));
      const b = await db.query<{ t: string | null }>(`SELECT to_regclass('mig_b')::text AS t`);
      assert.equal(b.rows[0]!.t, null, 'the failed migration created nothing');
      const r = await db.query(`SELECT 1 FROM regions WHERE code = '990000'`);
      assert.equal(r.rowCount, 0, 'the failed migration inserted nothing');
      const recorded = await db.query<{ n: number }>('SELECT max(version)::int AS n FROM schema_migrations');
      assert.equal(recorded.rows[0]!.n, real.length);

      const edited = real.map((m, i) => (i === 1 ? { ...m, checksum: 'edited' } : m));
      await assert.rejects(migrate(db, edited), /edited after it was applied/);
    });
  });
}
