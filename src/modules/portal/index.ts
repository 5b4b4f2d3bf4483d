import type { FastifyInstance } from 'fastify';
import { pendingMigrations } from '../../core/db/migrate.ts';
import { accountRoutes } from './accounts/routes.ts';
import { OidcSignIn } from './accounts/oidc.ts';
import { ApplicantAccounts } from './accounts/service.ts';
import { LogSmsAdapter, NoSmsAdapter, type SmsAdapter } from './accounts/sms.ts';
import { registerHall } from './hall/index.ts';
import { registerNotify } from './notify/index.ts';
import { registerRatings } from './ratings/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The online service hall's services. */
    portal: PortalModule;
  }
}

export interface PortalModule {
  accounts: ApplicantAccounts;
  oidc: OidcSignIn;
  sms: SmsAdapter;
}

/** The online service hall (网上办事大厅): applicant accounts under /api/portal/auth, guides, applications, tracking, notifications and ratings under /api/portal. */
export async function registerPortal(app: FastifyInstance): Promise<PortalModule> {
  const sms: SmsAdapter = app.ctx.config.smsAdapter === 'log' ? new LogSmsAdapter((obj, msg) => app.log.warn(obj, msg)) : new NoSmsAdapter();
  const accounts = new ApplicantAccounts(app.ctx, sms);
  // Addresses stored in plain text before migration 0022 are encrypted when the server is ready (after the
  // migrations; the key lives with the service, not in the database).
  app.addHook('onReady', async () => {
    if ((await pendingMigrations(app.ctx.db)) > 0) return;
    const moved = await accounts.encryptStoredEmails();
    if (moved > 0) app.log.info({ accounts: moved }, 'registration e-mail addresses encrypted');
  });
  const oidc = new OidcSignIn(app.ctx, accounts);
  const portal: PortalModule = { accounts, oidc, sms };
  app.decorate('portal', portal);
  app.decorateRequest('applicant', null);
  await app.register(accountRoutes(accounts, oidc), { prefix: '/api/portal/auth' });
  await registerHall(app);
  await registerNotify(app);
  await registerRatings(app);
  return portal;
}
