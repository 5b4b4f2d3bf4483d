import type { FastifyInstance } from 'fastify';

/** Applicant notifications (in-app messages, SMS, e-mail) on case state changes. */
export async function registerNotify(_app: FastifyInstance): Promise<void> {}
