import type { FastifyInstance } from 'fastify';
import { ensureCaseForbidden } from './errors.ts';
import { portalRatingRoutes, supervisionRatingRoutes, windowRatingRoutes } from './routes.ts';
import { RatingService } from './service.ts';

/**
 * 好差评: ratings of decided cases (applicants under /api/portal, the window under /api/cases),
 * rectification of poor ratings and statistics under /api/supervision.
 */
export async function registerRatings(app: FastifyInstance): Promise<RatingService> {
  ensureCaseForbidden();
  const ratings = new RatingService(app.ctx, app.approval, app.portalNotify);
  await app.register(portalRatingRoutes(ratings, app.portal.accounts), { prefix: '/api/portal' });
  await app.register(windowRatingRoutes(ratings), { prefix: '/api' });
  await app.register(supervisionRatingRoutes(ratings), { prefix: '/api' });
  return ratings;
}
