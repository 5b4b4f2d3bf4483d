import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireUser } from '../auth/plugin.ts';
import { AppError, CoreErrors } from '../errors.ts';
import { addDays, chinaDate, isIsoDate } from './calendar.ts';

const DateStr = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const MAX_RANGE_DAYS = 731;

function checkDate(name: string, value: string): string {
  if (!isIsoDate(value)) throw new AppError(CoreErrors.INVALID_VALUE, { field: name }, `${name}: ${value} is not a calendar date`);
  return value;
}

/** The working-day calendar: public reads, administrator overrides (/api/calendar). */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { calendar, db } = app.ctx;

  app.get('/days', {
    schema: { tags: ['calendar'], summary: 'Each day in a range: working or not, holiday name, source', querystring: Type.Object({ from: DateStr, to: DateStr }, { additionalProperties: false }) },
  }, async (request) => {
    const from = checkDate('from', request.query.from);
    const to = checkDate('to', request.query.to);
    if (to < from || to > addDays(from, MAX_RANGE_DAYS)) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'to' }, `to must be on or after from and at most ${MAX_RANGE_DAYS} days later`);
    return calendar.days(from, to);
  });

  app.get('/working-days', {
    schema: { tags: ['calendar'], summary: 'Working days in (from, to]: start excluded, end included', querystring: Type.Object({ from: DateStr, to: DateStr }, { additionalProperties: false }) },
  }, async (request) => {
    const from = checkDate('from', request.query.from);
    const to = checkDate('to', request.query.to);
    if (to > addDays(from, 3660)) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'to' }, 'the range may span at most ten years');
    return { from, to, workingDays: await calendar.workingDaysBetween(from, to) };
  });

  app.get('/add', {
    schema: { tags: ['calendar'], summary: 'The n-th working day after a date (the date itself not counted)', querystring: Type.Object({ date: DateStr, days: Type.Integer({ minimum: 0, maximum: 2000 }) }, { additionalProperties: false }) },
  }, async (request) => {
    const date = checkDate('date', request.query.date);
    return { date, days: request.query.days, result: await calendar.addWorkingDays(date, request.query.days) };
  });

  app.get('/years', { schema: { tags: ['calendar'], summary: 'Which years have a known holiday schedule' } }, async () => {
    const y = Number(chinaDate(app.ctx.now()).slice(0, 4));
    return calendar.coverage([y - 1, y, y + 1, y + 2]);
  });

  app.get('/overrides/:year', {
    schema: { tags: ['calendar'], summary: "Administrators' entries for a year", params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }) },
    preHandler: requireUser(),
  }, async (request) => calendar.listOverrides(request.params.year));

  app.put('/overrides/:year', {
    schema: {
      tags: ['calendar'],
      summary: "Replace a year's holiday and make-up-workday entries (system administrator); they win over the packaged schedule",
      params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      body: Type.Object({
        scope: Type.Union([Type.Literal('national'), Type.Literal('region')]),
        entries: Type.Array(Type.Object({ date: DateStr, kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]), name: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }), { maxItems: 366 }),
      }, { additionalProperties: false }),
    },
    preHandler: requireUser({ permission: 'config:manage' }),
  }, async (request, reply) => {
    const { year } = request.params;
    const seen = new Set<string>();
    for (const e of request.body.entries) {
      checkDate('entries.date', e.date);
      if (!e.date.startsWith(`${year}-`)) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'entries.date' }, `${e.date} is not in ${year}`);
      if (seen.has(e.date)) throw new AppError(CoreErrors.INVALID_VALUE, { field: 'entries.date' }, `${e.date} appears twice`);
      seen.add(e.date);
    }
    const p = request.principal!;
    request.audited = true;
    await db.transaction(async (tx) => {
      await calendar.replaceYear(tx, year, request.body.scope, request.body.entries, p.userId);
      await app.ctx.audit.record(tx, {
        regionCode: p.regionCode, userId: p.userId, username: p.username, ip: request.rctx.ip, userAgent: request.rctx.userAgent, requestId: request.id,
        action: 'calendar.replace_year', objectType: 'calendar', objectId: String(year), result: 'success', detail: { scope: request.body.scope, entries: request.body.entries.length },
      });
    });
    // A read during the transaction may have cached the entries it replaced.
    calendar.invalidate();
    return reply.code(204).send();
  });
};
