import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './app.ts';
import { ensureBuiltinRoles } from './core/bootstrap.ts';
import type { Config } from './core/config.ts';
import { createContext, type AppContext } from './core/context.ts';
import { openDb } from './core/db/index.ts';
import { migrate } from './core/db/migrate.ts';
import { seedDemoCounty } from './demo/county.ts';
import { hasDemoData, seedDemo, syncDemoPassword } from './demo/seed.ts';
import { seedDemoApplicant } from './demo/applicant.ts';
import { registerMaintenance, scheduleMaintenance } from './core/maintenance.ts';

export interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  /** Stops accepting, finishes in-flight requests and jobs, closes the database. */
  close(): Promise<void>;
}

/** Migrations, built-in roles and (when enabled and the database is empty) the demo data. */
export async function prepareDatabase(ctx: AppContext, log: (msg: string) => void): Promise<void> {
  const { db, config } = ctx;
  const { applied } = await migrate(db);
  if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  await ensureBuiltinRoles(db);
  if (config.demoData === 'auto' && !(await hasDemoData(db, config.regionCode))) {
    const r = await seedDemo(db, config.regionCode, config.demoPassword);
    log(`demo data loaded: ${r.towns} towns, ${r.villages} villages, demo accounts clerk, reviewer, leader, director, sysadmin, secadmin, auditor`);
    if (r.generatedPassword) {
      // Printed once, on the run that created the accounts; set DEMO_PASSWORD to choose it.
      process.stdout.write(`\n  Demo accounts' password (shown once): ${r.generatedPassword}\n\n`);
    }
  } else if (config.demoPassword && (await hasDemoData(db, config.regionCode))) {
    const n = await syncDemoPassword(db, config.regionCode, config.demoPassword);
    if (n > 0) log(`demo accounts now use DEMO_PASSWORD (${n} changed)`);
  }
  // The online hall's demo citizen 张三 (same password as the demo staff accounts).
  if (config.demoData === 'auto' && (await seedDemoApplicant(ctx))) log('demo citizen for the online hall: 张三, ID 43042219900101123X / phone 13907341234');
  // The demo county's spatial layers, when the catalogue is still empty.
  if (config.demoData === 'auto') await seedDemoCounty(ctx, config.regionCode, log);
}

/** Opens the database, prepares it, and listens. */
export async function startServer(config: Config, opts: BuildOptions = {}): Promise<Running> {
  const db = await openDb(config);
  try {
    const ctx = createContext(config, db);
    const app = await buildApp(ctx, opts);
    await prepareDatabase(ctx, (msg) => app.log.info(msg));
    registerMaintenance(ctx);
    await scheduleMaintenance(ctx);
    await app.listen({ port: config.port, host: config.host });
    ctx.jobs.start();
    // Outbox delivery: one pass at a time; close() waits for the pass in hand.
    let dispatching: Promise<unknown> = Promise.resolve();
    const dispatch = setInterval(() => {
      dispatching = dispatching.then(() => ctx.outbox.dispatch()).catch((err) => app.log.error({ err }, 'outbox dispatch failed'));
    }, 1000);
    let closing: Promise<void> | null = null;
    return {
      app,
      ctx,
      close() {
        closing ??= (async () => {
          clearInterval(dispatch);
          // Connections whose last request finishes during shutdown become idle keep-alive
          // connections that would hold close() until their timeout: sweep them as they appear.
          const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
          await app.close().finally(() => clearInterval(sweep));
          app.log.info('http server closed');
          await ctx.jobs.stop();
          await dispatching;
          await db.close();
          app.log.info('database closed');
        })();
        return closing;
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
