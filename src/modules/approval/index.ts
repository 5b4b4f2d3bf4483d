import type { FastifyInstance } from 'fastify';
import { pendingMigrations } from '../../core/db/migrate.ts';
import { RecordingCertificateIssuer, type CertificateIssuer } from './certificates.ts';
import { caseRoutes } from './cases/routes.ts';
import { CaseService, type ReviewReportLinker } from './cases/service.ts';
import { ApplicantViews } from './cases/applicant-views.ts';
import { CaseViews } from './cases/views.ts';
import { DefinitionService } from './definitions.ts';
import { itemRoutes } from './item-routes.ts';
import { ItemService } from './items.ts';
import { LoggingSender, ReminderService } from './reminders.ts';
import { notificationRoutes } from './notification-routes.ts';
import { supervisionRoutes } from './supervision-routes.ts';
import { SupervisionService } from './supervision.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The approval module's services, for modules registered after it (documents, portal, review). */
    approval: ApprovalModule;
  }
}

export interface ApprovalModule {
  items: ItemService;
  definitions: DefinitionService;
  cases: CaseService;
  views: CaseViews;
  /** The online hall's view of an applicant's own cases (with actors from applicantActor()). */
  applicantViews: ApplicantViews;
  reminders: ReminderService;
  /** The documents module plugs its electronic-certificate issuer in here. */
  setCertificateIssuer(issuer: CertificateIssuer): void;
  /** The review module links attached reports to their case (set in app.ts). */
  setReviewReportLinker(linker: ReviewReportLinker): void;
}

/**
 * The approval module (自然资源和规划政务辅助审批): service items, process definitions, cases,
 * tasks and the clock, under /api. The bureau's catalogue is seeded for the configured region
 * when the server becomes ready (idempotent; edited items are left alone).
 */
export async function registerApproval(app: FastifyInstance): Promise<ApprovalModule> {
  const items = new ItemService(app.ctx);
  const definitions = new DefinitionService(app.ctx);
  let issuer: CertificateIssuer = new RecordingCertificateIssuer();
  let linker: ReviewReportLinker | null = null;
  const cases = new CaseService(app.ctx, items, definitions, () => issuer, () => linker);
  const views = new CaseViews(app.ctx);
  const reminders = new ReminderService(app.ctx, new LoggingSender('sms', (m) => app.log.info(m)), new LoggingSender('mail', (m) => app.log.info(m)));
  reminders.register();
  await app.register(itemRoutes(items, definitions), { prefix: '/api' });
  await app.register(caseRoutes(cases, views), { prefix: '/api' });
  await app.register(supervisionRoutes(new SupervisionService(app.ctx)), { prefix: '/api' });
  await app.register(notificationRoutes(), { prefix: '/api' });
  app.addHook('onReady', async () => {
    if ((await pendingMigrations(app.ctx.db)) > 0) return;
    await app.ctx.db.transaction(async (tx) => {
      await items.seed(tx, app.ctx.config.regionCode);
      await definitions.seed(tx, app.ctx.config.regionCode);
    });
  });
  // The hourly reminder run is queued when the server starts listening (not for in-process test apps).
  app.addHook('onListen', async () => {
    await reminders.schedule(app.ctx.config.regionCode);
  });
  const mod: ApprovalModule = { items, definitions, cases, views, applicantViews: new ApplicantViews(app.ctx, views), reminders, setCertificateIssuer: (i) => { issuer = i; }, setReviewReportLinker: (l) => { linker = l; } };
  app.decorate('approval', mod);
  return mod;
}
