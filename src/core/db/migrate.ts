import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads NNNN_name.sql files in order; refuses gaps and duplicate numbers. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migration file name must be NNNN_snake_case.sql: ${file}`);
    const version = Number(m[1]);
    if (version !== out.length + 1) throw new Error(`migration ${file}: expected number ${out.length + 1}`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    out.push({ version, name: m[2]!, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

export class MigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

/**
 * Applies pending migrations, each in its own transaction together with its row in
 * schema_migrations, so a failed migration leaves the database as it was. An advisory lock makes
 * concurrent starts on native PostgreSQL apply each migration once.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<{ applied: string[] }> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  const done = await db.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const byVersion = new Map(done.rows.map((r) => [r.version, r]));
  for (const row of done.rows) {
    const m = migrations.find((x) => x.version === row.version);
    if (!m) throw new MigrationError(`database has migration ${row.version} (${row.name}) that this code does not know; is the code older than the database?`);
    if (m.checksum !== row.checksum) throw new MigrationError(`migration ${row.version}_${row.name} was edited after it was applied; add a new migration instead`);
  }
  for (const m of migrations) {
    if (byVersion.has(m.version)) continue;
    try {
      const did = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(72310001)');
        const again = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
        if (again.rowCount > 0) return false;
        for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        return true;
      });
      if (did) applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    } catch (err) {
      throw new MigrationError(`migration ${String(m.version).padStart(4, '0')}_${m.name} failed, nothing of it was applied: ${(err as Error).message}`, { cause: err });
    }
  }
  return { applied };
}

/** Whether every known migration is applied (readiness). */
export async function pendingMigrations(db: Db, migrations = readMigrations()): Promise<number> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return migrations.length;
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  return migrations.length - (r.rows[0]?.n ?? 0);
}

/**
 * Splits a migration into statements so each runs through the extended protocol (which takes one
 * statement at a time). Understands single quotes, double quotes, dollar quotes and comments.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      cur += '\n';
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      cur += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      cur += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
