import type { FastifyInstance } from 'fastify';
import { bureauName } from '../../documents/bureau.ts';
import { CertificateService } from '../../documents/service.ts';
import { DraftService } from './drafts.ts';
import { guideRoutes } from './guide-routes.ts';
import { GuideService } from './guides.ts';
import { hallRoutes } from './routes.ts';

/** The hall's guides, applications and case tracking under /api/portal. */
export async function registerHall(app: FastifyInstance): Promise<void> {
  const region = () => app.ctx.config.regionCode;
  const guides = new GuideService(app.approval.items, app.approval.definitions, bureauName);
  // The certificate service keeps no state between requests: the hall's instance reads the same
  // certificates as the documents module's. Pre-checks go through the review module's own service.
  const drafts = new DraftService(app.ctx, app.approval, app.review, guides);
  await app.register(guideRoutes(guides, region), { prefix: '/api/portal' });
  await app.register(hallRoutes(drafts, new CertificateService(app.ctx)), { prefix: '/api/portal' });
}
