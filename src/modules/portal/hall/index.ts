import type { FastifyInstance } from 'fastify';

/** The hall's guides, applications and case tracking under /api/portal. */
export async function registerHall(_app: FastifyInstance): Promise<void> {}
