import os from 'node:os';
import type { Db, Queryable } from '../db/index.ts';

export interface Job<P = Record<string, unknown>> {
  id: number;
  region_code: string;
  queue: string;
  payload: P;
  attempts: number;
  max_attempts: number;
}

export type JobHandler = (job: Job, ctx: { reportProgress(progress: Record<string, unknown>): Promise<void> }) => Promise<void>;

export interface EnqueueOptions {
  regionCode: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Exponential backoff: 2^attempts × base seconds, at most one hour. */
export function backoffMs(attempts: number, baseMs = 1000): number {
  return Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A job queue in the database, so jobs survive restarts and several server processes share them:
 * a worker claims one ready job with FOR UPDATE SKIP LOCKED, runs it, and marks it done, or
 * re-queues it with backoff until max_attempts, then marks it failed. A job whose worker died is
 * re-queued after staleMs.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  readonly workerId = `${os.hostname()}:${process.pid}`;

  constructor(
    private readonly db: Db,
    private readonly opts: { pollMs?: number; staleMs?: number; backoffBaseMs?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  register(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }

  /** Adds a job in the caller's transaction: it exists only if the caller's change commits. */
  async enqueue(q: Queryable, queue: string, payload: Record<string, unknown>, o: EnqueueOptions): Promise<number> {
    const r = await q.query<{ id: number }>(
      'INSERT INTO jobs (region_code, queue, payload, run_at, max_attempts) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [o.regionCode, queue, JSON.stringify(payload), o.runAt ?? this.now(), o.maxAttempts ?? 5],
    );
    return r.rows[0]!.id;
  }

  /** Claims and runs at most one ready job (of the given queues only, when named); returns whether one ran. */
  async runOnce(only?: string[]): Promise<boolean> {
    const queues = [...this.handlers.keys()].filter((q) => !only || only.includes(q));
    if (queues.length === 0) return false;
    const now = this.now();
    await this.db.query(
      `UPDATE jobs SET status = 'queued', locked_at = NULL, locked_by = NULL, last_error = 'worker lost'
        WHERE status = 'running' AND locked_at < $1`,
      [new Date(now.getTime() - (this.opts.staleMs ?? 15 * 60_000))],
    );
    const claimed = await this.db.transaction(async (tx) => {
      const r = await tx.query<Job>(
        `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_at = $2, locked_by = $3
          WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= $2 AND queue = ANY($1::text[])
                       ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
          RETURNING id, region_code, queue, payload, attempts, max_attempts`,
        [queues, now, this.workerId],
      );
      return r.rows[0];
    });
    if (!claimed) return false;
    const handler = this.handlers.get(claimed.queue)!;
    try {
      await handler(claimed, {
        reportProgress: async (progress) => {
          await this.db.query('UPDATE jobs SET progress = $2 WHERE id = $1', [claimed.id, JSON.stringify(progress)]);
        },
      });
      await this.db.query(`UPDATE jobs SET status = 'done', finished_at = $2, locked_at = NULL, last_error = NULL WHERE id = $1`, [claimed.id, this.now()]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (claimed.attempts >= claimed.max_attempts) {
        await this.db.query(`UPDATE jobs SET status = 'failed', finished_at = $2, locked_at = NULL, last_error = $3 WHERE id = $1`, [claimed.id, this.now(), message.slice(0, 2000)]);
      } else {
        const runAt = new Date(this.now().getTime() + backoffMs(claimed.attempts, this.opts.backoffBaseMs));
        await this.db.query(`UPDATE jobs SET status = 'queued', run_at = $2, locked_at = NULL, last_error = $3 WHERE id = $1`, [claimed.id, runAt, message.slice(0, 2000)]);
      }
    }
    return true;
  }

  /** Polls for work until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = (async () => {
        try {
          while (!this.stopped && (await this.runOnce()));
        } catch {
          // The database may be closing or briefly unreachable; the next tick tries again.
        }
      })();
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 1000);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
