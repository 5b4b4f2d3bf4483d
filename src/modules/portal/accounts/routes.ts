import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError, CoreErrors } from '../../../core/errors.ts';
import { PortalAccountErrors as E } from './errors.ts';
import { OIDC_STATE_MINUTES, type OidcSignIn } from './oidc.ts';
import {
  clearApplicantCookie,
  clearOidcStateCookie,
  OIDC_STATE_COOKIE,
  requireApplicant,
  setApplicantCookie,
  setOidcStateCookie,
} from './plugin.ts';
import { ActAsBody, Agents, GrantAgentBody, Me, OrgParams, PasswordLoginBody, RegisterOrganisationBody, RegisterPersonBody, SmsCodeBody, SmsCodeSent, SmsLoginBody } from './schemas.ts';
import type { ApplicantAccounts } from './service.ts';

const Created = Type.Object({ id: Type.String() });

// Refusals the service does not audit itself (it audits wrong passwords, codes, states, locks …).
const UNAUDITED_REFUSALS = new Set<string>([
  E.APPLICANT_ID_NUMBER_INVALID,
  E.APPLICANT_PHONE_INVALID,
  E.APPLICANT_PASSWORD_TOO_WEAK,
  E.SMS_UNAVAILABLE,
  E.OIDC_NOT_CONFIGURED,
  E.ORGANISATION_NOT_FOUND,
  E.APPLICANT_NOT_FOUND,
  E.PERSON_ACCOUNT_REQUIRED,
  CoreErrors.INVALID_VALUE,
]);

/** The audit action of a route's refusals. */
function actionOf(method: string, url: string): string {
  if (url.endsWith('/register') || (method === 'POST' && url.endsWith('/organisations'))) return 'portal.register';
  if (url.endsWith('/sms-codes')) return 'portal.sms_code';
  if (url.endsWith('/act-as')) return 'portal.act_as';
  if (url.endsWith('/agents')) return method === 'POST' ? 'portal.agent_grant' : 'portal.agent_list';
  return 'portal.login';
}
const Ok = Type.Object({ ok: Type.Literal(true) });
const tags = ['portal-auth'];

/**
 * Applicant accounts under /api/portal/auth: public on purpose are registration of a person,
 * the sign-in routes and the OIDC redirect pair; everything else needs an applicant session.
 * Staff sessions are not accepted here and applicant sessions are not accepted on staff routes.
 */
export function accountRoutes(accounts: ApplicantAccounts, oidc: OidcSignIn): FastifyPluginAsyncTypebox {
  return async (app) => {
    const signedIn = requireApplicant(accounts);

    app.addHook('onError', async (request, _reply, error) => {
      if (!(error instanceof AppError) || !UNAUDITED_REFUSALS.has(error.code)) return;
      try {
        await accounts.recordRefusal(request.rctx, actionOf(request.method, request.routeOptions.url ?? ''), error.code, request.applicant?.applicantId ?? null);
      } catch (err) {
        request.log.error({ err }, 'could not write the audit record');
      }
    });

    app.post('/sms-codes', {
      schema: { tags, summary: 'Send a 6-digit code by SMS (registration or sign-in); public, rate-limited per phone and per IP', security: [], body: SmsCodeBody, response: { 202: SmsCodeSent } },
    }, async (request, reply) => {
      request.audited = true;
      return reply.code(202).send(await accounts.requestSmsCode(request.body, request.rctx));
    });

    app.post('/register', {
      schema: { tags, summary: 'Register a natural person (ID number with GB 11643 check, phone proven by SMS code); signs in', security: [], body: RegisterPersonBody, response: { 201: Created } },
    }, async (request, reply) => {
      request.audited = true;
      const { token, applicantId } = await accounts.registerPerson(request.body, request.rctx);
      setApplicantCookie(request, reply, token);
      return reply.code(201).send({ id: applicantId });
    });

    app.post('/organisations', {
      schema: { tags, summary: 'Register an organisation (USCC with GB 32100 check); the signed-in person becomes its first administrator agent', body: RegisterOrganisationBody, response: { 201: Created } },
      preHandler: signedIn,
    }, async (request, reply) => {
      request.audited = true;
      const id = await accounts.registerOrganisation(request.applicant!, request.body, request.rctx);
      return reply.code(201).send({ id });
    });

    app.get('/organisations/:id/agents', {
      schema: { tags, summary: 'Agents of an organisation (for its current agents); ID numbers masked', params: OrgParams, response: { 200: Agents } },
      preHandler: signedIn,
    }, async (request) => accounts.agents(request.applicant!, request.params.id));

    app.post('/organisations/:id/agents', {
      schema: { tags, summary: 'Grant agency to a registered person (organisation administrators only)', params: OrgParams, body: GrantAgentBody, response: { 200: Ok } },
      preHandler: signedIn,
    }, async (request) => {
      request.audited = true;
      await accounts.grantAgent(request.applicant!, request.params.id, request.body, request.rctx);
      return { ok: true as const };
    });

    app.post('/act-as', {
      schema: { tags, summary: 'Act for an organisation the person is a current agent of (null: for oneself)', body: ActAsBody, response: { 200: Ok } },
      preHandler: signedIn,
    }, async (request) => {
      request.audited = true;
      await accounts.actAs(request.applicant!, request.body.organisationId, request.rctx);
      return { ok: true as const };
    });

    app.post('/login', {
      schema: { tags, summary: 'Sign in with ID number or mobile number and password; locks after repeated failures', security: [], body: PasswordLoginBody, response: { 200: Ok } },
    }, async (request, reply) => {
      request.audited = true;
      setApplicantCookie(request, reply, await accounts.loginWithPassword(request.body, request.rctx));
      return { ok: true as const };
    });

    app.post('/login/sms', {
      schema: { tags, summary: 'Sign in with a code sent by SMS', security: [], body: SmsLoginBody, response: { 200: Ok } },
    }, async (request, reply) => {
      request.audited = true;
      setApplicantCookie(request, reply, await accounts.loginWithSms(request.body, request.rctx));
      return { ok: true as const };
    });

    app.get('/oidc/start', {
      schema: { tags, summary: 'Start signing in with the unified identity service: redirects to the provider (state, nonce, PKCE S256)', security: [] },
    }, async (request, reply) => {
      const { url, state } = await oidc.start(request.rctx);
      setOidcStateCookie(request, reply, state, OIDC_STATE_MINUTES * 60);
      return reply.redirect(url, 303);
    });

    app.get('/oidc/callback', {
      schema: {
        tags,
        summary: 'Redirect URI of the unified identity service: checks the state, exchanges the code, verifies the ID token, signs in and redirects home',
        security: [],
        querystring: Type.Object(
          { state: Type.Optional(Type.String({ maxLength: 512 })), code: Type.Optional(Type.String({ maxLength: 4096 })), iss: Type.Optional(Type.String({ maxLength: 512 })), error: Type.Optional(Type.String({ maxLength: 512 })) },
          { additionalProperties: Type.String({ maxLength: 4096 }) },
        ),
      },
    }, async (request, reply) => {
      const cookieState = request.cookies[OIDC_STATE_COOKIE];
      clearOidcStateCookie(reply);
      const token = await oidc.callback(request.query as Record<string, string>, cookieState, request.rctx);
      setApplicantCookie(request, reply, token);
      return reply.redirect('/', 303);
    });

    app.post('/logout', {
      schema: { tags, summary: 'End the applicant session and clear the cookie' },
      preHandler: signedIn,
    }, async (request, reply) => {
      request.audited = true;
      await accounts.logout(request.applicant!, request.rctx);
      clearApplicantCookie(reply);
      return reply.code(204).send();
    });

    app.get('/me', {
      schema: { tags, summary: 'The signed-in applicant, with ID and phone numbers masked, and the organisations it acts for', response: { 200: Me } },
      preHandler: signedIn,
    }, async (request) => accounts.me(request.applicant!));
  };
}
