import type { FastifyInstance } from 'fastify';
import { bureauName } from '../../documents/bureau.ts';
import { CertificateService } from '../../documents/service.ts';
import { GisService } from '../../gis/service.ts';
import { ReviewService } from '../../review/service.ts';
import { DraftService } from './drafts.ts';
import { guideRoutes } from './guide-routes.ts';
import { GuideService } from './guides.ts';
import { hallRoutes } from './routes.ts';

/** The hall's guides, applications and case tracking under /api/portal. */
export async function registerHall(app: FastifyInstance): Promise<void> {
  const region = () => app.ctx.config.regionCode;
  const guides = new GuideService(app.approval.items, app.approval.definitions, bureauName);
  // The review and certificate services keep no state that matters between requests: the hall's
  // instances read the same rule sets, layers and certificates as the review and documents modules'.
  const reviews = new ReviewService(app.ctx, new GisService(app.ctx));
  const drafts = new DraftService(app.ctx, app.approval, reviews, guides);
  await app.register(guideRoutes(guides, region), { prefix: '/api/portal' });
  await app.register(hallRoutes(drafts, new CertificateService(app.ctx)), { prefix: '/api/portal' });
}
