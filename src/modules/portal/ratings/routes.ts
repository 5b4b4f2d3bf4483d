import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuthErrors } from '../../../core/auth/errors.ts';
import { requireUser } from '../../../core/auth/plugin.ts';
import { AppError, CoreErrors } from '../../../core/errors.ts';
import { actorOf } from '../../approval/actor.ts';
import { chinaDate } from '../../approval/cases/clock.ts';
import { requireApplicant } from '../accounts/plugin.ts';
import type { ApplicantAccounts } from '../accounts/service.ts';
import { actingAccount } from '../notify/routes.ts';
import { CaseParams, PeriodQuery, RatingBody, Rating, RatingPage, RatingStatistics, Rectification, RectificationParams, RectificationQuery, ReplyBody } from './schemas.ts';
import type { RatingService } from './service.ts';

const tags = ['portal-ratings'];

/** /api/portal/cases/{id}/rating: the applicant rates their own decided case. */
export function portalRatingRoutes(ratings: RatingService, accounts: ApplicantAccounts): FastifyPluginAsyncTypebox {
  return async (app) => {
    const signedIn = requireApplicant(accounts);

    app.get('/cases/:id/rating', {
      schema: { tags, summary: 'The case\'s rating (with the rectification reply), whether it may be rated, the levels and tags', params: CaseParams, response: { 200: RatingPage } },
      preHandler: signedIn,
    }, async (request) => ratings.forApplicant(actingAccount(request), request.params.id));

    app.post('/cases/:id/rating', {
      schema: { tags, summary: '好差评: rate a decided case once (409 RATING_NOT_ALLOWED before the decision, RATING_EXISTS after any rating)', params: CaseParams, body: RatingBody, response: { 201: Rating } },
      preHandler: signedIn,
    }, async (request, reply) => {
      const account = actingAccount(request);
      request.auditInfo = { action: 'rating.create', objectType: 'case', objectId: request.params.id, detail: { actor: 'applicant', applicantId: account } };
      const r = await ratings.rate({ channel: 'online', applicantId: account, ...request.rctx }, request.params.id, request.body);
      request.audited = true;
      return reply.code(201).send(r);
    });
  };
}

/** /api/cases/{id}/rating: the window clerk enters the applicant's rating (channel 'window'). */
export function windowRatingRoutes(ratings: RatingService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/cases/:id/rating', {
      schema: { tags, summary: 'Enter a rating given at the window (大厅评价器/窗口); one per case over all channels', params: CaseParams, body: RatingBody, response: { 201: Rating } },
      preHandler: requireUser({ permission: 'case:register' }),
    }, async (request, reply) => {
      request.auditInfo = { action: 'rating.create', objectType: 'case', objectId: request.params.id, detail: { channel: 'window' } };
      const r = await ratings.rate({ channel: 'window', actor: actorOf(request) }, request.params.id, request.body);
      request.audited = true;
      return reply.code(201).send(r);
    });
  };
}

/** /api/supervision/ratings and /api/supervision/rectifications. */
export function supervisionRatingRoutes(ratings: RatingService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/supervision/ratings', {
      schema: { tags, summary: 'Ratings given in a period (default: this month): total, average, per level, per item, per department', querystring: PeriodQuery, response: { 200: RatingStatistics } },
      preHandler: requireUser({ permission: 'supervise:read' }),
    }, async (request) => {
      const today = chinaDate(app.ctx.now());
      const from = request.query.from ?? `${today.slice(0, 7)}-01`;
      const to = request.query.to ?? today;
      if (from > to) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'from' }, 'from is after to');
      return ratings.statistics(actorOf(request), from, to);
    });

    app.get('/supervision/rectifications', {
      schema: { tags, summary: 'Rectifications of poor ratings (supervise:read: all; staff with a case permission: their department\'s)', querystring: RectificationQuery, response: { 200: Type.Object({ items: Type.Array(Rectification) }) } },
      preHandler: requireUser(),
    }, async (request) => {
      const actor = actorOf(request);
      if (!actor.permissions.has('supervise:read') && ![...actor.permissions].some((p) => p.startsWith('case:'))) {
        throw new AppError(AuthErrors.FORBIDDEN);
      }
      return ratings.rectifications(actor, request.query.status);
    });

    app.post('/supervision/rectifications/:id/reply', {
      schema: { tags, summary: 'The competent department answers a poor rating: closes the rectification and tells the applicant', params: RectificationParams, body: ReplyBody, response: { 200: Rectification } },
      preHandler: requireUser(),
    }, async (request) => {
      request.auditInfo = { action: 'rating.rectification_reply', objectType: 'rating_rectification', objectId: request.params.id };
      const r = await ratings.reply(actorOf(request), request.params.id, request.body.reply);
      request.audited = true;
      return r;
    });
  };
}
