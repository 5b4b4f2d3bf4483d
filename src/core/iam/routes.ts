import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../auth/plugin.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const RoleCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' });
const Scope = Type.Union([Type.Literal('region'), Type.Literal('department'), Type.Literal('self')]);
const InitialPassword = Type.Object({ initialPassword: Type.String() });

/** Account and role administration (/api/admin) and the department list (/api/departments). */
export const iamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { iam } = app.ctx;
  const staff = requireUser();

  app.get('/departments', { schema: { tags: ['admin'], summary: "The bureau's departments (股室)" }, preHandler: staff }, async (request) =>
    iam.listDepartments(request.principal!.regionCode));

  app.get('/admin/users', { schema: { tags: ['admin'], summary: 'Accounts (system or security administrator)' }, preHandler: staff }, async (request) =>
    iam.listUsers(request.principal!));

  app.post('/admin/users', {
    schema: {
      tags: ['admin'],
      summary: 'Create an account with a one-time initial password (system administrator)',
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
        displayName: Type.String({ minLength: 1, maxLength: 60 }),
        departmentCode: Type.String({ minLength: 2, maxLength: 41 }),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.String(), username: Type.String(), initialPassword: Type.String() }) },
    },
    preHandler: requireUser({ permission: 'user:manage' }),
  }, async (request, reply) => {
    request.audited = true;
    return reply.code(201).send(await iam.createUser(request.principal!, request.body, request.rctx));
  });

  app.patch('/admin/users/:id', {
    schema: {
      tags: ['admin'],
      summary: 'Change name, department or disable/enable an account (system administrator)',
      params: Id,
      body: Type.Object({
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
        departmentCode: Type.Optional(Type.String({ minLength: 2, maxLength: 41 })),
        disabled: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false, minProperties: 1 }),
    },
    preHandler: requireUser({ permission: 'user:manage' }),
  }, async (request, reply) => {
    request.audited = true;
    await iam.updateUser(request.principal!, request.params.id, request.body, request.rctx);
    return reply.code(204).send();
  });

  app.post('/admin/users/:id/unlock', { schema: { tags: ['admin'], summary: 'Unlock a locked account', params: Id }, preHandler: requireUser({ permission: 'user:manage' }) }, async (request, reply) => {
    request.audited = true;
    await iam.unlockUser(request.principal!, request.params.id, request.rctx);
    return reply.code(204).send();
  });

  app.post('/admin/users/:id/reset-password', {
    schema: { tags: ['admin'], summary: 'Set a one-time password that must be changed at next sign-in', params: Id, response: { 200: InitialPassword } },
    preHandler: requireUser({ permission: 'user:manage' }),
  }, async (request) => {
    request.audited = true;
    return iam.resetPassword(request.principal!, request.params.id, request.rctx);
  });

  app.put('/admin/users/:id/roles', {
    schema: { tags: ['admin'], summary: "Replace a user's roles (security administrator)", params: Id, body: Type.Object({ roles: Type.Array(RoleCode, { maxItems: 20 }) }, { additionalProperties: false }) },
    preHandler: requireUser({ permission: 'role:manage' }),
  }, async (request, reply) => {
    request.audited = true;
    await iam.setUserRoles(request.principal!, request.params.id, request.body.roles, request.rctx);
    return reply.code(204).send();
  });

  app.get('/admin/permissions', { schema: { tags: ['admin'], summary: 'The permission catalogue' }, preHandler: requireUser({ permission: 'role:manage' }) }, async () => iam.listPermissions());

  app.get('/admin/roles', { schema: { tags: ['admin'], summary: 'Roles and their permissions (security administrator)' }, preHandler: requireUser({ permission: 'role:manage' }) }, async (request) =>
    iam.listRoles(request.principal!));

  const RoleBody = {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    permissions: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 }),
    dataScope: Type.Optional(Scope),
  };

  app.post('/admin/roles', {
    schema: { tags: ['admin'], summary: 'Create a role', body: Type.Object({ code: RoleCode, ...RoleBody }, { additionalProperties: false }) },
    preHandler: requireUser({ permission: 'role:manage' }),
  }, async (request, reply) => {
    request.audited = true;
    await iam.createRole(request.principal!, request.body, request.rctx);
    return reply.code(201).send({ code: request.body.code });
  });

  app.put('/admin/roles/:code', {
    schema: { tags: ['admin'], summary: 'Change a custom role', params: Type.Object({ code: RoleCode }), body: Type.Object(RoleBody, { additionalProperties: false }) },
    preHandler: requireUser({ permission: 'role:manage' }),
  }, async (request, reply) => {
    request.audited = true;
    await iam.updateRole(request.principal!, request.params.code, request.body, request.rctx);
    return reply.code(204).send();
  });
};
