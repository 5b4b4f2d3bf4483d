import type { FastifyInstance } from 'fastify';
import { ogcRoutes } from './ogc.ts';
import { gisApiRoutes, tileRoutes } from './routes.ts';
import { gisAdminRoutes } from './admin-routes.ts';
import { registerImportJob } from './import-job.ts';
import { GisService } from './service.ts';

/** The spatial platform module: /api/gis, /tiles and /ogc. */
export async function registerGis(app: FastifyInstance): Promise<GisService> {
  const gis = new GisService(app.ctx);
  registerImportJob(app.ctx, gis);
  await app.register(gisApiRoutes(gis), { prefix: '/api/gis' });
  await app.register(gisAdminRoutes(gis), { prefix: '/api/gis' });
  await app.register(tileRoutes(gis), { prefix: '/tiles' });
  await app.register(ogcRoutes(gis), { prefix: '/ogc' });
  return gis;
}
