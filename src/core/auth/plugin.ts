import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, CoreErrors } from '../errors.ts';
import '../http/types.ts';
import { AuthErrors as E } from './errors.ts';
import { authorize } from './policies.ts';
import type { Stage } from './service.ts';

export const SESSION_COOKIE = 'landgov_sid';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const { cookieSecure } = request.server.ctx.config;
  const secure = cookieSecure === 'always' || (cookieSecure === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export interface GuardOptions {
  /** Sign-in stages allowed; default only 'active'. */
  stages?: Stage[];
  /** A permission the caller must hold. */
  permission?: string;
}

/**
 * A preHandler that resolves the session cookie into request.principal and enforces stage and
 * permission. Routes call it; nothing else reads the cookie.
 */
export function requireUser(opts: GuardOptions = {}): preHandlerAsyncHookHandler {
  const stages = opts.stages ?? ['active'];
  return async function guard(request, reply) {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError(E.UNAUTHENTICATED);
    try {
      request.principal = await request.server.ctx.auth.resolve(token, request.rctx);
    } catch (err) {
      clearSessionCookie(reply);
      throw err;
    }
    if (!stages.includes(request.principal.stage)) throw new AppError(E.STAGE_REQUIRED, { stage: request.principal.stage });
    if (opts.permission) authorize(request.principal, opts.permission);
  };
}

/**
 * For resources that anonymous callers may read too (public layers): sets request.principal when
 * a valid, fully signed-in session comes with the request, else leaves it null.
 */
export function optionalUser(): preHandlerAsyncHookHandler {
  return async function optional(request) {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    try {
      const p = await request.server.ctx.auth.resolve(token, request.rctx);
      if (p.stage === 'active') request.principal = p;
    } catch {
      // An expired or unknown session reads as anonymous.
    }
  };
}

function problemCode(payload: unknown, reply: FastifyReply): string | undefined {
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json') || typeof payload !== 'string') return undefined;
  try {
    return (JSON.parse(payload) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/**
 * Request-wide security: per-request context, a same-origin check on state-changing requests
 * (defence in depth beside SameSite=Lax), and the audit record of every state-changing request
 * (and of reads a handler marks as sensitive) that its service did not already write.
 */
export const securityPlugin = fp(async function security(app: FastifyInstance) {
  app.decorateRequest('principal', null);
  app.decorateRequest('audited', false);
  app.decorateRequest('auditInfo', null as never);
  app.decorateRequest('rctx', null as never);

  app.addHook('onRequest', async (request) => {
    request.auditInfo = {};
    request.rctx = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
    if (UNSAFE.has(request.method)) {
      const origin = request.headers.origin;
      if (origin && origin !== `${request.protocol}://${request.host}`) throw new AppError(CoreErrors.CROSS_SITE_REQUEST);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const sensitiveRead = request.auditInfo?.action !== undefined;
    if (request.audited || (!UNSAFE.has(request.method) && !sensitiveRead)) return payload;
    if (!request.rctx) return payload;
    const p = request.principal;
    const params = (request.params ?? {}) as Record<string, string>;
    const info = request.auditInfo ?? {};
    const ok = reply.statusCode < 400;
    try {
      await request.server.ctx.audit.record(request.server.ctx.db, {
        regionCode: p?.regionCode ?? request.server.ctx.config.regionCode,
        userId: p?.userId ?? null,
        username: p?.username ?? null,
        ip: request.rctx.ip,
        userAgent: request.rctx.userAgent,
        requestId: request.id,
        action: info.action ?? `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        objectType: info.objectType ?? null,
        objectId: info.objectId ?? params.id ?? params.code ?? null,
        result: ok ? 'success' : 'failure',
        detail: { ...(info.detail ?? {}), status: reply.statusCode, ...(ok ? {} : { code: problemCode(payload, reply) }) },
      });
    } catch (err) {
      request.log.error({ err }, 'could not write the audit record');
    }
    return payload;
  });
});
