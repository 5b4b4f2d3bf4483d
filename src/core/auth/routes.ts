import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { clearSessionCookie, requireUser, setSessionCookie } from './plugin.ts';

const StageBody = Type.Object({ stage: Type.Union([Type.Literal('active'), Type.Literal('mfa'), Type.Literal('mfa_enroll'), Type.Literal('password_change')]) });
const Code = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit TOTP code' });

/** Sign-in, sign-out, password change and TOTP: POST /api/auth/... */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { auth } = app.ctx;

  app.post('/login', {
    schema: {
      tags: ['auth'],
      summary: 'Sign in with user name and password; sets the session cookie',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: StageBody },
    },
  }, async (request, reply) => {
    request.audited = true;
    const { token, stage } = await auth.login(request.body, request.rctx);
    setSessionCookie(request, reply, token);
    return { stage };
  });

  app.post('/logout', {
    schema: { tags: ['auth'], summary: 'End the session on the server and clear the cookie' },
    preHandler: requireUser({ stages: ['active', 'mfa', 'mfa_enroll', 'password_change'] }),
  }, async (request, reply) => {
    request.audited = true;
    await auth.logout(request.principal!, request.rctx);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, roles, permissions and allowed faces' },
    preHandler: requireUser({ stages: ['active', 'mfa', 'mfa_enroll', 'password_change'] }),
  }, async (request) => auth.me(request.principal!));

  app.post('/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change the own password (required at first sign-in and after expiry)',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: StageBody },
    },
    preHandler: requireUser({ stages: ['active', 'password_change'] }),
  }, async (request) => {
    request.audited = true;
    return { stage: await auth.changePassword(request.principal!, request.body, request.rctx) };
  });

  app.get('/mfa/setup', {
    schema: { tags: ['auth'], summary: 'Start TOTP enrolment: a new secret and its otpauth URI' },
    preHandler: requireUser({ stages: ['mfa_enroll'] }),
  }, async (request) => {
    request.audited = true;
    return auth.mfaSetup(request.principal!, request.rctx);
  });

  app.post('/mfa/enroll', {
    schema: { tags: ['auth'], summary: 'Confirm TOTP enrolment with a first code', body: Type.Object({ code: Code }, { additionalProperties: false }), response: { 200: StageBody } },
    preHandler: requireUser({ stages: ['mfa_enroll'] }),
  }, async (request) => {
    request.audited = true;
    return { stage: await auth.mfaEnroll(request.principal!, request.body.code, request.rctx) };
  });

  app.post('/mfa', {
    schema: { tags: ['auth'], summary: 'Second sign-in step: a TOTP code', body: Type.Object({ code: Code }, { additionalProperties: false }), response: { 200: StageBody } },
    preHandler: requireUser({ stages: ['mfa'] }),
  }, async (request) => {
    request.audited = true;
    return { stage: await auth.mfaVerify(request.principal!, request.body.code, request.rctx) };
  });

};
