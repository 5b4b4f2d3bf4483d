import type { FastifyInstance } from 'fastify';
import { SmtpMailTransport, type MailTransport } from './mail.ts';
import { notifyRoutes } from './routes.ts';
import { NOTIFIED_TOPICS, NotifyService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Applicant notifications (in-app, SMS, e-mail); the ratings module posts through it. */
    portalNotify: NotifyService;
  }
}

/**
 * Applicant notifications (in-app messages, SMS, e-mail) on case state changes: an outbox
 * subscriber per applicant-relevant case event, delivery jobs, and the routes under /api/portal.
 */
export async function registerNotify(app: FastifyInstance, opts: { mail?: MailTransport | null } = {}): Promise<NotifyService> {
  const cfg = app.ctx.config.mail;
  const smtp = opts.mail === undefined && cfg ? new SmtpMailTransport(cfg) : null;
  const mail = opts.mail === undefined ? smtp : opts.mail;
  const notify = new NotifyService(app.ctx, app.portal.sms, mail, async (region, code, q) => (await app.approval.items.get(region, code, q)).guide.name);
  for (const topic of NOTIFIED_TOPICS) app.ctx.outbox.subscribe(topic, (e, tx) => notify.onCaseEvent(e, tx));
  notify.registerJobs();
  if (smtp) app.addHook('onClose', async () => smtp.close());
  app.decorate('portalNotify', notify);
  await app.register(notifyRoutes(notify, app.portal.accounts), { prefix: '/api/portal' });
  return notify;
}
