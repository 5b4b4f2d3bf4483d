import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { auditRoutes } from './core/audit/routes.ts';
import { securityPlugin } from './core/auth/plugin.ts';
import { authRoutes } from './core/auth/routes.ts';
import { calendarRoutes } from './core/calendar/routes.ts';
import type { AppContext } from './core/context.ts';
import { pendingMigrations } from './core/db/migrate.ts';
import { CoreErrors } from './core/errors.ts';
import { fileRoutes } from './core/files/routes.ts';
import { errorHandler, sendProblem } from './core/http/problem.ts';
import './core/http/types.ts';
import { iamRoutes } from './core/iam/routes.ts';
import { registerGis } from './modules/gis/index.ts';
import { registerReview } from './modules/review/index.ts';
import { CaseCertificateIssuer } from './modules/documents/case-certificates.ts';
import { caseNoticeRoutes } from './modules/documents/case-notices.ts';
import { registerDocuments } from './modules/documents/index.ts';
import { registerApproval } from './modules/approval/index.ts';
import { registerPortal } from './modules/portal/index.ts';

export interface BuildOptions {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  // antd injects its CSS-in-JS as <style> elements, hence 'unsafe-inline' for styles only.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/** Builds the HTTP server around an application context; listening is the caller's business. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const logger =
    opts.logger === false
      ? false
      : {
          level: ctx.config.logLevel,
          redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword'], censor: '***' },
          ...(typeof opts.logger === 'object' ? opts.logger : {}),
        };
  const app = Fastify({
    logger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', ctx);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k) && !request.url.startsWith('/docs')) reply.header(k, v);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadMaxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 } });
  await app.register(securityPlugin);
  await app.register(swagger, {
    openapi: {
      info: { title: 'landgov API', description: '互联网+自然资源政务服务系统 — county natural-resources bureau', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'landgov_sid' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  app.get('/api/health', { schema: { tags: ['ops'], summary: 'Liveness: the process answers', security: [] } }, async () => ({ status: 'ok' }));
  app.get('/api/ready', { schema: { tags: ['ops'], summary: 'Readiness: database reachable and every migration applied', security: [] } }, async (request, reply) => {
    try {
      const pending = await pendingMigrations(ctx.db);
      if (pending > 0) return sendProblem(request, reply, CoreErrors.SERVICE_UNAVAILABLE, `${pending} migrations not applied`);
      return { status: 'ready', database: ctx.db.kind };
    } catch (err) {
      request.log.error({ err }, 'readiness check failed');
      return sendProblem(request, reply, CoreErrors.SERVICE_UNAVAILABLE, 'database unreachable');
    }
  });

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(iamRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(calendarRoutes, { prefix: '/api/calendar' });
  await app.register(fileRoutes, { prefix: '/api/files' });
  await registerGis(app);
  const reviews = await registerReview(app);
  const certificates = await registerDocuments(app);
  const approval = await registerApproval(app);
  // 制证: approved cases get SM2-signed electronic certificates from the documents module.
  approval.setCertificateIssuer(new CaseCertificateIssuer(certificates));
  // A report attached to a case (the hall's pre-check, a window check) becomes the case's report.
  approval.setReviewReportLinker(reviews);
  await app.register(caseNoticeRoutes(), { prefix: '/api' });
  await registerPortal(app);

  const index = path.join(ctx.config.webDistDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart;
  // a missing file falls through to the not-found handler below.
  if (hasWeb) await app.register(fastifyStatic, { root: ctx.config.webDistDir, prefix: '/', wildcard: true, index: false });
  // The public home: static serving refuses a directory (index: false), so '/' is the app shell too.
  if (hasWeb) app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(index)));

  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !/^\/(api|docs|tiles|ogc)(\/|$)/.test(request.url) && (request.headers.accept ?? '').includes('text/html');
    if (isPage) {
      // The single-page app handles its own routes (/office, /map …).
      if (hasWeb) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(index));
      return reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>landgov</title><p>Web app not built: run <code>npm run build:web</code>.</p>');
    }
    return sendProblem(request, reply, CoreErrors.NOT_FOUND, `${request.method} ${request.url.split('?')[0]}`);
  });

  return app;
}
