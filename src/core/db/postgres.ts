import pg from 'pg';
import type { Db, QueryResult, Queryable } from './types.ts';

const { Pool, types } = pg;

// Parsers per pool, not pg's global registry: int8 as number (ids and counts stay far below
// 2^53), numeric as string (exact areas are formatted, never float-summed), date as text, as on PGlite.
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === types.builtins.INT8) return (v: string) => Number(v);
    // Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift them by the process time zone.
    if (oid === types.builtins.DATE) return (v: string) => v;
    return types.getTypeParser(oid, format as 'text');
  },
};

class ClientHandle implements Queryable {
  constructor(private readonly client: pg.PoolClient) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const res = await this.client.query(sql, params as unknown[]);
    return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length };
  }
}

/** Native PostgreSQL through a connection pool (production, chosen by DATABASE_URL). */
export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string, max = 10): Promise<PostgresDb> {
    const pool = new Pool({ connectionString: url, max, types: typeParsers, application_name: 'landgov' });
    // A pool emits 'error' when an idle client loses its connection; without a listener it would crash the process.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    client.release();
    return new PostgresDb(pool);
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    const res = await this.pool.query(sql, params as unknown[]);
    return { rows: res.rows as T[], rowCount: res.rowCount ?? res.rows.length };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new ClientHandle(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
