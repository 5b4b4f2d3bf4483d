import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types, type Results, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { SilentStatementFailure, type Db, type QueryResult, type Queryable } from './types.ts';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
  [types.DATE]: (v: string) => v,
};

/**
 * Converts a PGlite result, refusing one that carries neither an error nor a command tag:
 * PGlite returns exactly that (`{rows: [], fields: []}`) when a GEOS exception aborts a statement.
 */
function toResult<T>(res: Results<T>, sql: string): QueryResult<T> {
  const command = (res as { command?: string }).command;
  if (command === undefined && res.fields.length === 0) throw new SilentStatementFailure(sql);
  return { rows: res.rows, rowCount: res.affectedRows ? res.affectedRows : res.rows.length };
}

class TxHandle implements Queryable {
  constructor(private readonly tx: Transaction) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return toResult(await this.tx.query<T>(sql, params as unknown[]), sql);
  }
}

/**
 * The embedded database. PGlite has one connection: PGlite's own mutex serialises statements
 * and transactions. A lock file guards the data directory against a second process, which would
 * corrupt it.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private constructor(
    private readonly pg: PGlite,
    private readonly lockFile: string | null,
  ) {}

  /** Opens (creating if needed) the database in dataDir, or in memory when dataDir is null. */
  static async open(dataDir: string | null): Promise<PgliteDb> {
    let lockFile: string | null = null;
    if (dataDir) {
      fs.mkdirSync(dataDir, { recursive: true });
      lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
      takeLock(lockFile, dataDir);
    }
    try {
      const pg = await PGlite.create(dataDir ?? 'memory://', { extensions: { postgis }, parsers });
      return new PgliteDb(pg, lockFile);
    } catch (err) {
      if (lockFile) releaseLock(lockFile);
      throw err;
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return toResult(await this.pg.query<T>(sql, params as unknown[]), sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(new TxHandle(tx)));
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  async close(): Promise<void> {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      if (this.lockFile) releaseLock(this.lockFile);
    }
  }
}

/** Error raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`the database directory ${dataDir} is in use by process ${pid}; stop that server first (one process per PGlite data directory)`);
    this.name = 'DataDirLockedError';
  }
}

function takeLock(lockFile: string, dataDir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
      // A stale lock left by a process that died: take it over.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(lockFile: string): void {
  try {
    if (Number(fs.readFileSync(lockFile, 'utf8').trim()) === process.pid) fs.rmSync(lockFile, { force: true });
  } catch {
    // already gone
  }
}
