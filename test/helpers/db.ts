import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { ensureBuiltinRoles } from '../../src/core/bootstrap.ts';
import type { Db } from '../../src/core/db/index.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { PgliteDb } from '../../src/core/db/pglite.ts';
import { PostgresDb } from '../../src/core/db/postgres.ts';

/**
 * The databases the suite runs on: PGlite always, native PostgreSQL too when TEST_DATABASE_URL
 * is set. Each is created once per test process, migrated, and shared; tests isolate themselves
 * with fresh region codes and user names instead of truncating tables.
 */
export interface TestDb {
  name: 'pglite' | 'postgres';
  get(): Promise<Db>;
}

const cache = new Map<string, Promise<Db>>();
const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** A fresh, empty database of the given kind (not migrated); closed at the end of the run. */
export async function freshDb(kind: 'pglite' | 'postgres'): Promise<Db> {
  if (kind === 'pglite') {
    const db = await PgliteDb.open(null);
    cleanups.push(() => db.close());
    return db;
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `landgov_test_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await PostgresDb.open(u.toString());
  cleanups.push(async () => {
    await db.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return db;
}

async function prepared(kind: 'pglite' | 'postgres'): Promise<Db> {
  const db = await freshDb(kind);
  await migrate(db);
  await ensureBuiltinRoles(db);
  return db;
}

export const testDbs: TestDb[] = [
  { name: 'pglite', get: () => (cache.has('pglite') ? cache.get('pglite')! : (cache.set('pglite', prepared('pglite')), cache.get('pglite')!)) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, get: () => (cache.has('postgres') ? cache.get('postgres')! : (cache.set('postgres', prepared('postgres')), cache.get('postgres')!)) }]
    : []),
];

/** A temporary directory removed at the end of the run. */
export function tempDir(prefix = 'landgov-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let regionCounter = 0;
/** A region code no other test uses in this run (9xxxxx is not a real province). */
export function freshRegion(): string {
  regionCounter++;
  return `9${String((process.pid % 100) * 1000 + regionCounter).padStart(5, '0')}`;
}
