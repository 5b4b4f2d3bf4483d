import type { CryptoBox } from '../crypto.ts';
import type { Db, Queryable } from '../db/index.ts';

/** One audit event (等保2.0 8.1.4.3 b: date and time, user, event type, result, and context). */
export interface AuditEntry {
  regionCode: string;
  userId?: string | null;
  username?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: 'success' | 'failure';
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  region_code: string;
  at: Date;
  user_id: string | null;
  username: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: 'success' | 'failure';
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row id where the chain breaks. */
  brokenAt?: number;
  reason?: string;
}

const GENESIS = '0'.repeat(64);
// One lock id for the chain's tail: appends are serialised so each row links to its predecessor.
const CHAIN_LOCK = 72310002;

/** JSON with object keys sorted at every level: jsonb reorders keys, the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

/**
 * The append-only, hash-chained audit log. Each row's hash is HMAC-SM3 (server key) over the
 * previous row's hash and the row's content, so an edited, deleted or inserted row breaks the
 * chain, and the chain cannot be recomputed without the key. audit_head guards the tail.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly box: CryptoBox,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private rowHash(prev: string, r: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
    const content = canonicalJson([
      r.id,
      r.region_code,
      r.at.toISOString(),
      r.user_id,
      r.username,
      r.ip,
      r.user_agent,
      r.request_id,
      r.action,
      r.object_type,
      r.object_id,
      r.result,
      r.detail,
    ]);
    return this.box.mac(`${prev}|${content}`);
  }

  private headMac(id: number, hash: string): string {
    return this.box.mac(`head|${id}|${hash}`);
  }

  /** Appends an entry inside the given transaction (or its own when given the database). */
  async record(q: Queryable | Db, e: AuditEntry): Promise<void> {
    if ('transaction' in q) {
      await q.transaction((tx) => this.append(tx, e));
      return;
    }
    await this.append(q, e);
  }

  private async append(tx: Queryable, e: AuditEntry): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const head = await tx.query<{ last_hash: string }>('SELECT last_hash FROM audit_head WHERE id = 1');
    const prev = head.rows[0]?.last_hash ?? GENESIS;
    const idRow = await tx.query<{ id: number }>(`SELECT nextval('audit_log_id_seq') AS id`);
    const row = {
      id: idRow.rows[0]!.id,
      region_code: e.regionCode,
      at: this.clock(),
      user_id: e.userId ?? null,
      username: e.username ?? null,
      ip: e.ip ?? null,
      user_agent: e.userAgent?.slice(0, 300) ?? null,
      request_id: e.requestId ?? null,
      action: e.action,
      object_type: e.objectType ?? null,
      object_id: e.objectId ?? null,
      result: e.result,
      detail: JSON.parse(JSON.stringify(e.detail ?? {})) as Record<string, unknown>,
    };
    const hash = this.rowHash(prev, row);
    await tx.query(
      `INSERT INTO audit_log (id, region_code, at, user_id, username, ip, user_agent, request_id, action, object_type, object_id, result, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [row.id, row.region_code, row.at, row.user_id, row.username, row.ip, row.user_agent, row.request_id, row.action, row.object_type, row.object_id, row.result, JSON.stringify(row.detail), prev, hash],
    );
    await tx.query(
      `INSERT INTO audit_head (id, last_id, last_hash, mac) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash, mac = EXCLUDED.mac`,
      [row.id, hash, this.headMac(row.id, hash)],
    );
  }

  /** Walks the whole chain from the anchor (or the start) and reports the first break. */
  async verify(batch = 2000): Promise<VerifyResult> {
    const anchor = await this.db.query<{ last_pruned_id: number; last_pruned_hash: string }>('SELECT last_pruned_id, last_pruned_hash FROM audit_anchor WHERE id = 1');
    let prev = anchor.rows[0]?.last_pruned_hash ?? GENESIS;
    let lastId = anchor.rows[0]?.last_pruned_id ?? 0;
    let checked = 0;
    for (;;) {
      const rows = await this.db.query<AuditRow>('SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [lastId, batch]);
      for (const r of rows.rows) {
        if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: r.id, reason: 'a row before this one was deleted, inserted or altered' };
        const { hash, prev_hash: _p, ...content } = r;
        if (this.rowHash(prev, content) !== hash) return { ok: false, checked, brokenAt: r.id, reason: 'this row was altered' };
        prev = hash;
        lastId = r.id;
        checked++;
      }
      if (rows.rows.length < batch) break;
    }
    const head = await this.db.query<{ last_id: number; last_hash: string; mac: string }>('SELECT last_id, last_hash, mac FROM audit_head WHERE id = 1');
    const h = head.rows[0];
    if (!h) {
      if (checked > 0) return { ok: false, checked, reason: 'the chain head record is missing' };
      return { ok: true, checked };
    }
    if (h.mac !== this.headMac(h.last_id, h.last_hash)) return { ok: false, checked, reason: 'the chain head record was altered' };
    if (h.last_id !== lastId || h.last_hash !== prev) return { ok: false, checked, brokenAt: h.last_id, reason: 'rows at the end of the log were deleted' };
    return { ok: true, checked };
  }

  /**
   * Deletes rows older than the retention period (never younger than 184 days; the database
   * refuses that too) and moves the verification anchor to the last deleted row.
   */
  async prune(retentionDays: number): Promise<number> {
    const days = Math.max(184, retentionDays);
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const cutoff = new Date(this.clock().getTime() - days * 86_400_000);
      const last = await tx.query<{ id: number; hash: string }>('SELECT id, hash FROM audit_log WHERE at < $1 ORDER BY id DESC LIMIT 1', [cutoff]);
      const l = last.rows[0];
      if (!l) return 0;
      const del = await tx.query('DELETE FROM audit_log WHERE id <= $1', [l.id]);
      await tx.query(
        `INSERT INTO audit_anchor (id, last_pruned_id, last_pruned_hash) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET last_pruned_id = EXCLUDED.last_pruned_id, last_pruned_hash = EXCLUDED.last_pruned_hash, pruned_at = now()`,
        [l.id, l.hash],
      );
      return del.rowCount;
    });
  }

  async list(filter: { regionCode: string; username?: string; action?: string; from?: Date; to?: Date; page: number; pageSize: number }) {
    const where = ['region_code = $1'];
    const params: unknown[] = [filter.regionCode];
    if (filter.username) where.push(`username = $${params.push(filter.username)}`);
    if (filter.action) where.push(`action LIKE $${params.push(filter.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%')}`);
    if (filter.from) where.push(`at >= $${params.push(filter.from)}`);
    if (filter.to) where.push(`at < $${params.push(filter.to)}`);
    const w = where.join(' AND ');
    const total = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, params);
    const rows = await this.db.query<AuditRow>(
      `SELECT id, at, user_id, username, ip, user_agent, request_id, action, object_type, object_id, result, detail FROM audit_log WHERE ${w}
       ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { total: total.rows[0]?.n ?? 0, items: rows.rows };
  }
}
