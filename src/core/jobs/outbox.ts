import type { Db, Queryable } from '../db/index.ts';

export interface DomainEvent {
  id: number;
  region_code: string;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** A subscriber; `tx` is the dispatch transaction, so its writes commit with the event's publication (and are retried with it). */
export type EventHandler = (event: DomainEvent, tx: Queryable) => Promise<void>;

/**
 * The transactional outbox: a module appends a domain event in the same transaction as the
 * change it describes, so an event exists exactly when the change committed. The dispatcher
 * delivers pending events in order to in-process subscribers (and later to exchange adapters);
 * an event whose subscriber fails stays pending and is retried.
 */
export class Outbox {
  private readonly subscribers = new Map<string, EventHandler[]>();

  constructor(private readonly db: Db) {}

  async append(tx: Queryable, e: { regionCode: string; topic: string; aggregateType: string; aggregateId: string; payload?: Record<string, unknown> }): Promise<number> {
    const r = await tx.query<{ id: number }>(
      'INSERT INTO outbox (region_code, topic, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [e.regionCode, e.topic, e.aggregateType, e.aggregateId, JSON.stringify(e.payload ?? {})],
    );
    return r.rows[0]!.id;
  }

  /** Subscribes to a topic; '*' receives every event. */
  subscribe(topic: string, handler: EventHandler): void {
    const list = this.subscribers.get(topic) ?? [];
    list.push(handler);
    this.subscribers.set(topic, list);
  }

  /**
   * Delivers up to `limit` pending events, oldest first; each is marked published in the same
   * transaction that claimed it, after all its subscribers succeeded. Returns how many were published.
   */
  async dispatch(limit = 100): Promise<number> {
    let published = 0;
    for (let i = 0; i < limit; i++) {
      const done = await this.db.transaction(async (tx) => {
        const r = await tx.query<DomainEvent>(
          `SELECT id, region_code, topic, aggregate_type, aggregate_id, payload, created_at FROM outbox
            WHERE published_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1`,
        );
        const e = r.rows[0];
        if (!e) return null;
        const handlers = [...(this.subscribers.get(e.topic) ?? []), ...(this.subscribers.get('*') ?? [])];
        try {
          for (const h of handlers) await h(e, tx);
        } catch (err) {
          await tx.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [e.id, String((err as Error).message ?? err).slice(0, 2000)]);
          return false;
        }
        await tx.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1', [e.id]);
        return true;
      });
      if (done === null || done === false) break;
      published++;
    }
    return published;
  }
}
