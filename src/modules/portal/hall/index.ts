import type { FastifyInstance } from 'fastify';
import { bureauName } from '../../documents/bureau.ts';
import { guideRoutes } from './guide-routes.ts';
import { GuideService } from './guides.ts';

/** The hall's guides, applications and case tracking under /api/portal. */
export async function registerHall(app: FastifyInstance): Promise<void> {
  const region = () => app.ctx.config.regionCode;
  const guides = new GuideService(app.approval.items, app.approval.definitions, bureauName);
  await app.register(guideRoutes(guides, region), { prefix: '/api/portal' });
}
