import type { AppContext } from './context.ts';

const QUEUE = 'maintenance';
const EVERY_MS = 60 * 60_000;

/**
 * Hourly housekeeping as a database job (so one process does it, whichever picks it up):
 * deletes expired sessions (剩余信息保护: nothing of a dead session stays) and prunes audit rows past
 * the retention period (never younger than 184 days). The job schedules its next run itself.
 */
export function registerMaintenance(ctx: AppContext): void {
  ctx.jobs.register(QUEUE, async (job) => {
    const now = ctx.now();
    const idleCutoff = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60_000);
    await ctx.db.query('DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2', [now, idleCutoff]);
    await ctx.audit.prune(ctx.config.auditRetentionDays);
    await ctx.jobs.enqueue(ctx.db, QUEUE, {}, { regionCode: job.region_code, runAt: new Date(now.getTime() + EVERY_MS) });
  });
}

/** Makes sure one maintenance run is scheduled (at start). */
export async function scheduleMaintenance(ctx: AppContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(72310003)');
    const r = await tx.query(`SELECT 1 FROM jobs WHERE queue = $1 AND status IN ('queued', 'running') LIMIT 1`, [QUEUE]);
    if (r.rowCount === 0) await ctx.jobs.enqueue(tx, QUEUE, {}, { regionCode: ctx.config.regionCode });
  });
}
