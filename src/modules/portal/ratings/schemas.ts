import { Type, type Static } from '@sinclair/typebox';

export const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const RectificationParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RatingBody = Type.Object({
  level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' }),
  tags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'codes from the tags list of GET …/rating' }),
  comment: Type.Optional(Type.String({ maxLength: 500, description: 'stored verbatim; shown as text' })),
}, { additionalProperties: false });
export type RatingBodyT = Static<typeof RatingBody>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Rating = Type.Object({
  level: Type.Integer(),
  levelName: Type.String(),
  levelNameEn: Type.String(),
  tags: Type.Array(Type.String()),
  comment: Type.String(),
  channel: Type.Union([Type.Literal('online'), Type.Literal('window')]),
  createdAt: Type.String(),
  rectification: Type.Union([Type.Object({
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    dueDate: Type.String(),
    reply: Nullable(Type.String()),
    repliedAt: Nullable(Type.String()),
  }), Type.Null()]),
});

export const RatingPage = Type.Object({
  canRate: Type.Boolean(),
  rating: Type.Union([Rating, Type.Null()]),
  levels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), nameEn: Type.String() })),
  tags: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String(), positive: Type.Boolean() })),
});

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const PeriodQuery = Type.Object({ from: Type.Optional(DateStr), to: Type.Optional(DateStr) });

const Figures = { count: Type.Integer(), average: Type.Number(), poor: Type.Integer() };
export const RatingStatistics = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  average: Type.Union([Type.Number(), Type.Null()]),
  byLevel: Type.Array(Type.Object({ level: Type.Integer(), count: Type.Integer() })),
  byItem: Type.Array(Type.Object({ itemCode: Type.String(), itemName: Type.String(), ...Figures })),
  byDepartment: Type.Array(Type.Object({ department: Type.String(), departmentName: Type.String(), ...Figures })),
});

export const RectificationQuery = Type.Object({
  status: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], { default: 'open' }),
});

export const Rectification = Type.Object({
  id: Type.String(), caseId: Type.String(), caseNo: Type.String(), itemCode: Type.String(), itemName: Type.String(),
  department: Type.String(), departmentName: Type.String(), level: Type.Integer(), levelName: Type.String(), levelNameEn: Type.String(),
  tags: Type.Array(Type.String()), comment: Type.String(), dueDate: Type.String(),
  light: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('paused'), Type.Literal('none')]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]), reply: Nullable(Type.String()), repliedAt: Nullable(Type.String()),
});

export const ReplyBody = Type.Object({ reply: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
