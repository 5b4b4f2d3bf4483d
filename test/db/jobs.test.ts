import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Outbox } from '../../src/core/jobs/outbox.ts';
import { backoffMs, JobQueue } from '../../src/core/jobs/queue.ts';
import { freshRegion, testDbs } from '../helpers/db.ts';

describe('job backoff', () => {
  it('doubles per attempt and stops at one hour', () => {
    assert.deepEqual([1, 2, 3, 4].map((a) => backoffMs(a, 1000)), [1000, 2000, 4000, 8000]);
    assert.equal(backoffMs(40, 1000), 3_600_000);
  });
});

for (const kind of testDbs) {
  describe(`job queue on ${kind.name}`, () => {
    it('runs a job once and marks it done', async () => {
      const db = await kind.get();
      const q = new JobQueue(db);
      const queue = `q_${freshRegion()}`;
      const seen: unknown[] = [];
      q.register(queue, async (job) => {
        seen.push(job.payload);
      });
      const id = await q.enqueue(db, queue, { hello: '世界' }, { regionCode: '430422' });
      assert.equal(await q.runOnce(), true);
      assert.equal(await q.runOnce(), false);
      assert.deepEqual(seen, [{ hello: '世界' }]);
      const r = await db.query<{ status: string; attempts: number }>('SELECT status, attempts FROM jobs WHERE id = $1', [id]);
      assert.deepEqual(r.rows[0], { status: 'done', attempts: 1 });
    });

    it('retries a failing job with backoff, then marks it failed after max attempts', async () => {
      const db = await kind.get();
      let now = new Date('2026-03-02T01:00:00Z');
      const q = new JobQueue(db, { now: () => now, backoffBaseMs: 1000 });
      const queue = `q_${freshRegion()}`;
      let calls = 0;
      q.register(queue, async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      });
      const id = await q.enqueue(db, queue, {}, { regionCode: '430422', maxAttempts: 3 });
      assert.equal(await q.runOnce(), true);
      let r = await db.query<{ status: string; run_at: Date; last_error: string }>('SELECT status, run_at, last_error FROM jobs WHERE id = $1', [id]);
      assert.equal(r.rows[0]!.status, 'queued');
      assert.equal(r.rows[0]!.run_at.getTime(), now.getTime() + 1000);
      assert.equal(r.rows[0]!.last_error, 'boom 1');
      assert.equal(await q.runOnce(), false, 'not ready before its backoff');
      now = new Date(now.getTime() + 1000);
      assert.equal(await q.runOnce(), true);
      now = new Date(now.getTime() + 2000);
      assert.equal(await q.runOnce(), true);
      r = await db.query('SELECT status, run_at, last_error FROM jobs WHERE id = $1', [id]);
      assert.equal(r.rows[0]!.status, 'failed');
      assert.equal(calls, 3);
    });

    it('gives each concurrent worker a different job (FOR UPDATE SKIP LOCKED)', async () => {
      const db = await kind.get();
      const queue = `q_${freshRegion()}`;
      const taken: number[] = [];
      const workers = [new JobQueue(db), new JobQueue(db), new JobQueue(db)];
      for (const w of workers) {
        w.register(queue, async (job) => {
          taken.push(job.payload.n as number);
          await new Promise((res) => setTimeout(res, 20));
        });
      }
      for (let n = 0; n < 6; n++) await workers[0]!.enqueue(db, queue, { n }, { regionCode: '430422' });
      await Promise.all(workers.map(async (w) => {
        while (await w.runOnce());
      }));
      assert.deepEqual([...taken].sort(), [0, 1, 2, 3, 4, 5]);
    });
  });

  describe(`outbox on ${kind.name}`, () => {
    it('keeps an event only when its transaction commits, and delivers it once', async () => {
      const db = await kind.get();
      const outbox = new Outbox(db);
      const topic = `t_${freshRegion()}`;
      const got: string[] = [];
      outbox.subscribe(topic, async (e) => {
        got.push(e.aggregate_id);
      });
      await assert.rejects(db.transaction(async (tx) => {
        await outbox.append(tx, { regionCode: '430422', topic, aggregateType: 'case', aggregateId: 'rolled-back' });
        throw new Error('the change failed');
      }));
      await db.transaction(async (tx) => outbox.append(tx, { regionCode: '430422', topic, aggregateType: 'case', aggregateId: 'committed' }));
      while ((await outbox.dispatch()) > 0);
      assert.deepEqual(got, ['committed']);
      const r = await db.query(`SELECT 1 FROM outbox WHERE topic = $1 AND published_at IS NULL`, [topic]);
      assert.equal(r.rowCount, 0);
    });

    it('leaves an event pending while its subscriber fails', async () => {
      const db = await kind.get();
      while ((await new Outbox(db).dispatch()) > 0); // drain events of earlier tests
      const outbox = new Outbox(db);
      const topic = `t_${freshRegion()}`;
      let fail = true;
      outbox.subscribe(topic, async () => {
        if (fail) throw new Error('peer down');
      });
      await db.transaction(async (tx) => outbox.append(tx, { regionCode: '430422', topic, aggregateType: 'case', aggregateId: 'x' }));
      assert.equal(await outbox.dispatch(), 0);
      const r = await db.query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM outbox WHERE topic = $1', [topic]);
      assert.deepEqual(r.rows[0], { attempts: 1, last_error: 'peer down' });
      fail = false;
      assert.equal(await outbox.dispatch(), 1);
    });
  });
}

for (const kind of testDbs) {
  describe(`maintenance job on ${kind.name}`, () => {
    it('deletes idle and expired sessions, keeps live ones, and schedules itself again', async () => {
      const { testApp } = await import('../helpers/app.ts');
      const { registerMaintenance, scheduleMaintenance } = await import('../../src/core/maintenance.ts');
      const t = await testApp(await kind.get());
      const u = await t.user(['window_clerk']);
      await t.login(u.username);
      t.clock.advanceMinutes(31);
      const live = await t.user(['window_clerk']);
      await t.login(live.username);
      registerMaintenance(t.ctx);
      await t.db.query(`UPDATE jobs SET status = 'done' WHERE queue = 'maintenance' AND status = 'queued'`);
      await scheduleMaintenance(t.ctx);
      await scheduleMaintenance(t.ctx);
      const queued = await t.db.query(`SELECT 1 FROM jobs WHERE queue = 'maintenance' AND status = 'queued'`);
      assert.equal(queued.rowCount, 1, 'scheduled once however often the server starts');
      // Other modules' handlers are registered too (reminders …): run the maintenance queue only.
      assert.equal(await t.ctx.jobs.runOnce(['maintenance']), true);
      const left = await t.db.query<{ user_id: string }>('SELECT user_id FROM sessions WHERE user_id IN ($1, $2)', [u.id, live.id]);
      assert.deepEqual(left.rows.map((r) => r.user_id), [live.id]);
      const next = await t.db.query<{ run_at: Date }>(`SELECT run_at FROM jobs WHERE queue = 'maintenance' AND status = 'queued'`);
      assert.equal(next.rowCount, 1);
      assert.ok(next.rows[0]!.run_at.getTime() > t.clock.now().getTime() + 50 * 60_000);
      await t.close();
    });
  });
}
