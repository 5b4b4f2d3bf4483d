/** Shapes of the compliance-review API (/api/reviews, /api/review-rule-sets). The server's schemas (src/modules/review) are the truth. */

export const VERDICTS = ['PASS', 'NA', 'WARN', 'CONDITIONAL', 'MANUAL', 'FAIL'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const MEASURES = ['intersect_area', 'intersect_share', 'outside_area', 'outside_share', 'distance'] as const;
export type Measure = (typeof MEASURES)[number];

/** The service items with a spatial review (shared item codes). */
export const REVIEW_ITEMS = ['YDYS', 'JSYDGH', 'JSGCGH', 'XCJSGH', 'LSYD', 'CKQDJ', 'GHHS'] as const;

export interface Text {
  zh: string;
  en: string;
}

export interface Area {
  m2: number;
  ha: number;
  mu: number;
}

export interface TouchedFeature {
  fid: number;
  attributes: Record<string, unknown>;
  areaM2?: number;
  distanceM?: number;
}

export interface IgnoredPiece {
  fid: number | null;
  areaM2?: number;
  reason: Text;
}

export interface Override {
  verdict: Verdict;
  reason: string;
  by: string;
  byName: string | null;
  at: string;
}

export interface RuleResult {
  ruleId: string;
  title: Text;
  layer: { code: string; name: string | null; version: number | null };
  measure: Measure;
  value: number | null;
  area: Area;
  share: number;
  distanceM: number | null;
  features: TouchedFeature[];
  ignored: IgnoredPiece[];
  computedVerdict: Verdict;
  verdict: Verdict;
  message: Text;
  advice: Text | null;
  legalBasis: string | null;
  notes: Text[];
  guard: { tripped: boolean; reason: string } | null;
  override?: Override;
}

export interface LandUseRow {
  dlbm: string;
  dlmc: string;
  area: Area;
  netArea?: Area;
  count: number;
}

export interface LandUse {
  layerVersion: number | null;
  rows: LandUseRow[];
  byClass: { code: string; name: string; area: Area }[];
  coveredShare: number;
  notes: Text[];
}

export interface ReportDiff {
  changed: boolean;
  overall: { before: Verdict; after: Verdict };
  layers: { code: string; before: number | null; after: number | null }[];
  ruleSetVersion: { before: number; after: number };
  rules: {
    ruleId: string;
    title: Text;
    verdict: { before: Verdict | null; after: Verdict | null };
    areaM2: { before: number | null; after: number | null };
    featuresAdded: number[];
    featuresRemoved: number[];
  }[];
}

export interface Finding {
  code: string;
  parcel?: number;
  zh: string;
  en: string;
}

/** GET /api/reviews/{id} */
export interface Report {
  id: string;
  reportNo: string;
  itemCode: string;
  caseId: string | null;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
  trigger: 'manual' | 'rerun' | 'layer_update';
  previousReportId: string | null;
  diff: ReportDiff | null;
  boundary: {
    geometry: { type: string; coordinates: unknown };
    area: Area;
    source: { format?: string; fileName?: string | null; parcels?: { n: number; name: string | null; area: Area }[] } & Record<string, unknown>;
    warnings: Finding[];
  };
  ruleSetVersion: number;
  layerVersions: Record<string, number | null>;
  overall: Verdict;
  overallComputed: Verdict;
  results: RuleResult[];
  landUse: LandUse;
  overrides: unknown[];
}

export interface RuleFilter {
  field: string;
  in?: string[];
  prefix?: string[];
  negate?: boolean;
}

export interface Threshold {
  value: number;
  verdict: Verdict;
  message: Text;
  advice?: Text;
}

export interface Rule {
  id: string;
  title: Text;
  layer: string;
  filter?: RuleFilter;
  measure: Measure;
  searchRadiusM?: number;
  tolerance?: { minAreaM2?: number; minWidthM?: number; manualBelowM2?: number };
  otherwise: { verdict: Verdict; message: Text };
  thresholds: Threshold[];
  keyFields?: string[];
  legalBasis?: string;
}

/** GET /api/review-rule-sets/{itemCode} */
export interface RuleSet {
  itemCode: string;
  version: number;
  rules: Rule[];
  note: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
}

/** GET /api/reviews/flags?caseIds= */
export interface ReviewFlag {
  id: number;
  caseId: string;
  reportId: string;
  previousReportId: string;
  summary: ReportDiff & { reportNo?: string };
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy?: string | null;
  acknowledgedByName?: string | null;
  note?: string | null;
}

/** An entry of GET /api/cases (only the fields this module reads). */
export interface CaseListItem {
  id: string;
  caseNo: string;
  itemCode: string;
  stateName?: string;
  projectName: string | null;
  applicantName?: string;
}
