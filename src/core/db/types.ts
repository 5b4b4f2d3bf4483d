/** Result of one SQL statement, the same shape on PGlite and native PostgreSQL. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something that runs parameterised SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export type DbKind = 'pglite' | 'postgres';

/**
 * The one database handle every store uses. Implementations: PGlite (embedded default) and
 * native PostgreSQL (DATABASE_URL). Both return int8 as number, numeric as string,
 * timestamptz as Date and json/jsonb parsed.
 */
export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Raised when PGlite ends a statement without an error and without a result: inside PGlite a GEOS
 * exception (e.g. an overlay on a self-intersecting polygon) aborts the statement silently. Treating
 * that as "no rows" would turn a failed compliance overlay into "no overlap", so it is an error.
 */
export class SilentStatementFailure extends Error {
  readonly code = 'XX000';
  constructor(sql: string) {
    super(`statement returned no result and no error (likely a GEOS error inside PGlite): ${sql.slice(0, 200)}`);
    this.name = 'SilentStatementFailure';
  }
}
