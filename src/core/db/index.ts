import path from 'node:path';
import type { Config } from '../config.ts';
import { PgliteDb } from './pglite.ts';
import { PostgresDb } from './postgres.ts';
import type { Db } from './types.ts';

export type { Db, Queryable, QueryResult, DbKind } from './types.ts';
export { SilentStatementFailure } from './types.ts';

/** Opens the database the configuration names: native PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/db. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) return PostgresDb.open(config.databaseUrl);
  return PgliteDb.open(path.join(config.dataDir, 'db'));
}

/** Quotes an SQL identifier that came from an allow-list (never from a request). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
