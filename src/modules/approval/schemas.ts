import { Type, type Static } from '@sinclair/typebox';

/** Short item code used in URLs and case numbers (shared convention: YDYS, JSYDGH …). */
export const ItemCode = Type.String({ pattern: '^[A-Z][A-Z0-9]{1,15}$', description: '事项简码' });

export const ItemKind = Type.Union([Type.Literal('行政许可'), Type.Literal('行政确认'), Type.Literal('其他行政权力'), Type.Literal('公共服务')]);
export const HandlingType = Type.Union([Type.Literal('即办件'), Type.Literal('承诺件')]);
export const OnlineDepth = Type.Union([Type.Literal('全程网办'), Type.Literal('网上申报'), Type.Literal('网上预审'), Type.Literal('窗口办理')]);
export const SpecialProcedureCode = Type.Union([Type.Literal('publicity'), Type.Literal('hearing'), Type.Literal('expert_review'), Type.Literal('site_survey')]);

/** Theme of the online hall's catalogue (办事主题). */
export const GuideTheme = Type.Union([Type.Literal('planning'), Type.Literal('land'), Type.Literal('mineral'), Type.Literal('survey'), Type.Literal('realestate')], { description: '规划 / 用地 / 矿产 / 测绘 / 不动产' });
export const Audience = Type.Union([Type.Literal('person'), Type.Literal('organisation')], { description: '自然人 / 法人和其他组织' });
export const FaqEntry = Type.Object({
  q: Type.String({ minLength: 2, maxLength: 200 }),
  a: Type.String({ minLength: 2, maxLength: 2000 }),
  qEn: Type.String({ minLength: 2, maxLength: 300 }),
  aEn: Type.String({ minLength: 2, maxLength: 3000 }),
}, { additionalProperties: false });

export const Material = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('original_and_copy'), Type.Literal('electronic')], { description: '原件/复印件/原件及复印件/电子件' }),
  count: Type.Integer({ minimum: 1, maximum: 50 }),
  requirement: Type.Union([Type.Literal('required'), Type.Literal('conditional')]),
  condition: Type.Optional(Type.String({ maxLength: 300, description: '条件性材料的适用情形' })),
  templateFileId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  sampleFileId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  electronicAllowed: Type.Boolean(),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });

export const FormField = Type.Object({
  key: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,40}$' }),
  label: Type.String({ minLength: 1, maxLength: 60 }),
  labelEn: Type.String({ minLength: 1, maxLength: 80 }),
  type: Type.Union([Type.Literal('text'), Type.Literal('textarea'), Type.Literal('number'), Type.Literal('select'), Type.Literal('date')]),
  required: Type.Boolean(),
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String(), labelEn: Type.String() }, { additionalProperties: false }), { maxItems: 50 })),
}, { additionalProperties: false });

/** The service guide (办事指南) fields of one item, per the national service-guide convention. */
export const ItemGuide = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  nameEn: Type.String({ minLength: 2, maxLength: 200 }),
  implementationCode: Type.String({ pattern: '^[0-9A-Z]{18}[0-9A-Z]{1,18}$', description: '实施编码 (GB/T 39554.1), contains the agency’s 统一社会信用代码' }),
  kind: ItemKind,
  handlingType: HandlingType,
  implementingAgency: Type.Object({ name: Type.String({ minLength: 2, maxLength: 100 }), creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }) }, { additionalProperties: false }),
  competentDepartment: Type.String({ pattern: '^[a-z][a-z0-9_]{1,40}$', description: '承办股室 (department code)' }),
  legalDays: Type.Integer({ minimum: 0, maximum: 365, description: '法定时限 (working days)' }),
  promisedDays: Type.Integer({ minimum: 0, maximum: 365, description: '承诺时限 (working days)' }),
  warningDays: Type.Integer({ minimum: 0, maximum: 30, description: '预警阈值: yellow when this many working days or fewer remain' }),
  specialProcedures: Type.Array(Type.Object({ code: SpecialProcedureCode, name: Type.String({ minLength: 1, maxLength: 40 }), maxDays: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false }), { maxItems: 10 }),
  conditions: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 30, description: '受理条件' }),
  materials: Type.Array(Material, { maxItems: 60 }),
  legalBasis: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 30 }),
  fees: Type.Object({ charged: Type.Boolean(), description: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
  process: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20, description: '办理流程 (as shown in the guide)' }),
  resultName: Type.String({ minLength: 1, maxLength: 100, description: '审批结果名称' }),
  enquiryPhone: Type.String({ pattern: '^[0-9-]{7,20}$' }),
  complaintPhone: Type.String({ pattern: '^[0-9-]{5,20}$' }),
  place: Type.String({ minLength: 2, maxLength: 200 }),
  officeHours: Type.String({ maxLength: 200 }),
  onlineDepth: OnlineDepth,
  maxVisits: Type.Union([Type.Literal(0), Type.Literal(1)]),
  spatialReview: Type.Object({ required: Type.Boolean(), ruleSet: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]) }, { additionalProperties: false }),
  formSchema: Type.Object({ fields: Type.Array(FormField, { maxItems: 60 }) }, { additionalProperties: false }),
  // Optional so that guide versions stored before the online hall still validate.
  theme: Type.Optional(GuideTheme),
  audiences: Type.Optional(Type.Array(Audience, { minItems: 1, maxItems: 2, uniqueItems: true })),
  faq: Type.Optional(Type.Array(FaqEntry, { maxItems: 30, description: '常见问题' })),
}, { additionalProperties: false });
export type ItemGuide = Static<typeof ItemGuide>;

export const ItemOut = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  active: Type.Boolean(),
  updatedAt: Type.String(),
  guide: ItemGuide,
  abilities: Type.Optional(Type.Object({ edit: Type.Boolean() })),
});

export const ItemEditBody = Type.Object({
  expectedVersion: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
  guide: ItemGuide,
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
