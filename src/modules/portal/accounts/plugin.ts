import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import { PortalAccountErrors as E } from './errors.ts';
import type { ApplicantAccounts, ApplicantPrincipal } from './service.ts';

/**
 * The applicant session cookie. Distinct from the staff cookie (landgov_sid) and resolved against
 * its own table, so an applicant session can never pass requireUser() of a staff route.
 */
export const APPLICANT_COOKIE = 'landgov_portal_sid';
/** Binds a started OIDC sign-in to the browser that started it. */
export const OIDC_STATE_COOKIE = 'landgov_portal_oidc';

declare module 'fastify' {
  interface FastifyRequest {
    applicant: ApplicantPrincipal | null;
  }
}

function secure(request: FastifyRequest): boolean {
  const { cookieSecure } = request.server.ctx.config;
  return cookieSecure === 'always' || (cookieSecure === 'auto' && request.protocol === 'https');
}

export function setApplicantCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(APPLICANT_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/' });
}

export function clearApplicantCookie(reply: FastifyReply): void {
  reply.clearCookie(APPLICANT_COOKIE, { path: '/' });
}

export function setOidcStateCookie(request: FastifyRequest, reply: FastifyReply, state: string, maxAgeSeconds: number): void {
  // Lax: the provider's top-level redirect back to the callback carries it.
  reply.setCookie(OIDC_STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/api/portal/auth/oidc', maxAge: maxAgeSeconds });
}

export function clearOidcStateCookie(reply: FastifyReply): void {
  reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/portal/auth/oidc' });
}

/** A preHandler that resolves the applicant cookie into request.applicant, else 401. */
export function requireApplicant(accounts: ApplicantAccounts): preHandlerAsyncHookHandler {
  return async function guard(request, reply) {
    const token = request.cookies[APPLICANT_COOKIE];
    if (!token) throw new AppError(E.APPLICANT_UNAUTHENTICATED);
    try {
      request.applicant = await accounts.resolve(token, request.rctx);
    } catch (err) {
      clearApplicantCookie(reply);
      throw err;
    }
  };
}
