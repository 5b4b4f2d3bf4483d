import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { ApplicantAccounts } from '../accounts/service.ts';
import { requireApplicant } from '../accounts/plugin.ts';
import { MessageList, MessageParams, MessageQuery, NotificationSettings } from './schemas.ts';
import type { NotifyService } from './service.ts';

const tags = ['portal-notify'];

/** The account the applicant acts as: the organisation an agent acts for, else the person. */
export function actingAccount(request: FastifyRequest): string {
  const p = request.applicant!;
  return p.actingFor ?? p.applicantId;
}

/** /api/portal/messages and /api/portal/profile/notifications (applicant session). */
export function notifyRoutes(notify: NotifyService, accounts: ApplicantAccounts): FastifyPluginAsyncTypebox {
  return async (app) => {
    const signedIn = requireApplicant(accounts);

    app.get('/messages', {
      schema: { tags, summary: 'The acting account\'s messages, newest first', querystring: MessageQuery, response: { 200: MessageList } },
      preHandler: signedIn,
    }, async (request) => notify.list(actingAccount(request), request.query));

    app.post('/messages/:id/read', {
      schema: { tags, summary: 'Mark one message read (204; 404 MESSAGE_NOT_FOUND for an unknown id or another account\'s message)', params: MessageParams },
      preHandler: signedIn,
    }, async (request, reply) => {
      const account = actingAccount(request);
      request.auditInfo = { action: 'portal.message_read', objectType: 'applicant_message', objectId: request.params.id, detail: { actor: 'applicant', applicantId: account } };
      await notify.markRead(account, request.params.id);
      return reply.code(204).send();
    });

    app.post('/messages/read-all', {
      schema: { tags, summary: 'Mark every message of the acting account read (204)' },
      preHandler: signedIn,
    }, async (request, reply) => {
      const account = actingAccount(request);
      const n = await notify.markAllRead(account);
      request.auditInfo = { action: 'portal.messages_read_all', objectType: 'applicant', objectId: account, detail: { actor: 'applicant', marked: n } };
      return reply.code(204).send();
    });

    app.get('/profile/notifications', {
      schema: { tags, summary: 'Notification channels and the e-mail address (masked)', response: { 200: NotificationSettings } },
      preHandler: signedIn,
    }, async (request) => notify.settings(actingAccount(request)));

    app.put('/profile/notifications', {
      schema: { tags, summary: 'Set the channels (SMS, e-mail) and the e-mail address (plain; stored SM4-encrypted, answered masked)', body: NotificationSettings, response: { 200: NotificationSettings } },
      preHandler: signedIn,
    }, async (request) => {
      const account = actingAccount(request);
      request.auditInfo = { action: 'portal.notification_settings', objectType: 'applicant', objectId: account, detail: { actor: 'applicant', channels: request.body.channels } };
      const saved = await notify.saveSettings(account, request.body);
      request.auditInfo.detail = { ...request.auditInfo.detail, email: saved.email };
      return saved;
    });
  };
}
