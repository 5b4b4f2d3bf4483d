import type { FastifyInstance } from 'fastify';
import { GisService } from '../gis/service.ts';
import { approvalCases } from './cases.ts';
import { reviewRoutes, ruleSetRoutes } from './routes.ts';
import { ReviewService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The review service, for modules registered after this one (the online hall's pre-check). */
    review: ReviewService;
  }
}

/**
 * The compliance review module (辅助审查): /api/reviews and /api/review-rule-sets. When the gis
 * module publishes a layer version, the latest reports of open cases that used an older version
 * are re-run and flagged to their reviewers (in-app notification; acknowledged on /review/flags).
 */
export async function registerReview(app: FastifyInstance): Promise<ReviewService> {
  // GisService holds no state: this instance reads the same published versions as the gis module's.
  const reviews = new ReviewService(app.ctx, new GisService(app.ctx));
  // Case states and reviewers come from the approval module (registered after this one; looked up when asked).
  reviews.useCases(approvalCases(app));
  app.ctx.outbox.subscribe('gis.layer_version_published', async (e) => reviews.onLayerPublished(e.region_code));
  app.decorate('review', reviews);
  app.addHook('onClose', async () => {
    await reviews.idle();
  });
  await app.register(reviewRoutes(reviews), { prefix: '/api/reviews' });
  await app.register(ruleSetRoutes(reviews), { prefix: '/api/review-rule-sets' });
  return reviews;
}
