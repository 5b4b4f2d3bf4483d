import { Type, type Static } from '@sinclair/typebox';

/**
 * Rules are data (DOMAIN.md §3.4): each names a layer (optionally filtered by an attribute), a
 * measure, a tolerance and thresholds that map the measured value to a verdict with the wording
 * shown to people. A rule set is the list of rules of one service item, stored as a new version on
 * every edit.
 */
export const VERDICTS = ['PASS', 'NA', 'WARN', 'CONDITIONAL', 'MANUAL', 'FAIL'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Severity for "overall = worst": FAIL > MANUAL > CONDITIONAL > WARN > PASS > NA. */
export const SEVERITY: Record<Verdict, number> = { NA: 0, PASS: 1, WARN: 2, CONDITIONAL: 3, MANUAL: 4, FAIL: 5 };

export const VERDICT_NAMES: Record<Verdict, { zh: string; en: string }> = {
  PASS: { zh: '通过', en: 'Pass' },
  NA: { zh: '不适用', en: 'Not applicable' },
  WARN: { zh: '提示', en: 'Warning' },
  CONDITIONAL: { zh: '有条件符合', en: 'Conditional' },
  MANUAL: { zh: '需人工核查', en: 'Manual check needed' },
  FAIL: { zh: '不通过', en: 'Fail' },
};

/**
 * What a rule measures on the boundary against the layer's (filtered) features:
 * - intersect_area: m² of the boundary inside the features;
 * - intersect_share: the same as a share (0–1) of the boundary's area;
 * - outside_area / outside_share: the part of the boundary NOT inside the features (e.g. outside 城镇开发边界);
 * - distance: metres from the boundary to the nearest feature within `searchRadiusM` (closer is worse).
 */
export const MEASURES = ['intersect_area', 'intersect_share', 'outside_area', 'outside_share', 'distance'] as const;
export type Measure = (typeof MEASURES)[number];

const Text = Type.Object({ zh: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
const VerdictT = Type.Union(VERDICTS.map((v) => Type.Literal(v)));

export const FilterSchema = Type.Object({
  field: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]{0,39}$' }),
  /** Exact values. */
  in: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 200 })),
  /** Values that start with one of these (DLBM '01' = 耕地). */
  prefix: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 200 })),
  /** Keeps the features whose value does NOT match (planned uses not allowed for the item). */
  negate: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type RuleFilter = Static<typeof FilterSchema>;

export const ThresholdSchema = Type.Object({
  /** Crossed when the value exceeds it (area/share) or, for distance, falls below it. */
  value: Type.Number({ minimum: 0 }),
  verdict: VerdictT,
  /** Wording with placeholders {areaM2} {areaHa} {areaMu} {share} {distanceM} {count}. */
  message: Text,
  /** What the applicant can do about it. */
  advice: Type.Optional(Text),
}, { additionalProperties: false });

export const RuleSchema = Type.Object({
  id: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,39}$' }),
  title: Text,
  layer: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }),
  filter: Type.Optional(FilterSchema),
  measure: Type.Union(MEASURES.map((m) => Type.Literal(m))),
  searchRadiusM: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 50000 })),
  /**
   * Slivers: overlap pieces smaller than minAreaM2 or narrower than minWidthM are listed as
   * ignored with the reason, never dropped silently (set per layer scale: a 1:10 000 layer
   * needs more than a 1:500 survey). A counted area above 0 but at most manualBelowM2 is MANUAL.
   */
  tolerance: Type.Optional(Type.Object({
    minAreaM2: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
    minWidthM: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    manualBelowM2: Type.Optional(Type.Number({ minimum: 0, maximum: 100000 })),
  }, { additionalProperties: false })),
  /** Verdict and wording when no threshold is crossed. */
  otherwise: Type.Object({ verdict: VerdictT, message: Text }, { additionalProperties: false }),
  thresholds: Type.Array(ThresholdSchema, { maxItems: 10 }),
  /** Attributes listed for each touched feature. */
  keyFields: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 12 })),
  legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
export type Rule = Static<typeof RuleSchema>;

export const RulesSchema = Type.Array(RuleSchema, { minItems: 1, maxItems: 60 });

export interface RuleSet {
  itemCode: string;
  version: number;
  rules: Rule[];
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}
