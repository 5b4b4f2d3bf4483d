import type { FastifyInstance } from 'fastify';

/** 好差评: ratings of decided cases, rectification of poor ratings, statistics. */
export async function registerRatings(_app: FastifyInstance): Promise<void> {}
