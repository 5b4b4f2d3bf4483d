import type { Queryable } from '../../core/db/index.ts';
import type { Rule, Verdict } from './rules/types.ts';

/** The only file of the module that talks SQL to its own tables (overlays: engine/geometry.ts). */

export interface PlacedParcel {
  n: number;
  valid: boolean;
  reason: string | null;
  areaM2: number;
  planarM2: number | null;
  lon: number;
}

/**
 * Places parcels (GeoJSON in their source CRS) in EPSG:4490 — the same ST_Transform the importer
 * uses, so a boundary and a layer drawn from the same survey coordinates meet exactly — and merges
 * them into one MultiPolygon (parcels sharing an edge become one polygon).
 */
export async function placeParcels(q: Queryable, geometries: string[], epsg: number): Promise<{ parcels: PlacedParcel[]; union: string | null; unionValid: boolean; unionReason: string | null; areaM2: number }> {
  const r = await q.query<PlacedParcel & { union: string | null; union_valid: boolean | null; union_reason: string | null; union_area: number | null }>(
    `WITH src AS (SELECT n::int AS n, ST_SetSRID(ST_GeomFromGeoJSON(g), $2::int) AS s FROM unnest($1::text[]) WITH ORDINALITY AS t(g, n)),
          p AS (SELECT n, s, CASE WHEN $2::int = 4490 THEN s ELSE ST_Transform(s, 4490) END AS g FROM src),
          u AS (SELECT ST_Multi(ST_Union(g)) AS g FROM p)
     SELECT p.n, ST_IsValid(p.g) AS valid, CASE WHEN ST_IsValid(p.g) THEN NULL ELSE ST_IsValidReason(p.g) END AS reason,
            ST_Area(p.g::geography) AS "areaM2", CASE WHEN $2::int = 4490 THEN NULL ELSE ST_Area(p.s) END AS "planarM2", ST_X(ST_Centroid(p.g)) AS lon,
            ST_AsGeoJSON(u.g, 15) AS "union", ST_IsValid(u.g) AS union_valid, CASE WHEN ST_IsValid(u.g) THEN NULL ELSE ST_IsValidReason(u.g) END AS union_reason,
            ST_Area(u.g::geography) AS union_area
       FROM p, u ORDER BY p.n`,
    [geometries, epsg],
  );
  const first = r.rows[0];
  return {
    parcels: r.rows.map((x) => ({ n: x.n, valid: x.valid, reason: x.reason, areaM2: x.areaM2, planarM2: x.planarM2, lon: x.lon })),
    union: first?.union ?? null,
    unionValid: first?.union_valid ?? false,
    unionReason: first?.union_reason ?? null,
    areaM2: first?.union_area ?? 0,
  };
}

// --- rule sets ------------------------------------------------------------------------------

export interface RuleSetRow {
  item_code: string;
  version: number;
  rules: Rule[];
  note: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

const RULE_SET_COLUMNS = `s.item_code, s.version, s.rules, s.note, s.created_by, u.display_name AS created_by_name, s.created_at`;

export async function ruleSetVersion(q: Queryable, region: string, itemCode: string, version?: number): Promise<RuleSetRow | null> {
  const r = await q.query<RuleSetRow>(
    `SELECT ${RULE_SET_COLUMNS} FROM review_rule_sets s LEFT JOIN users u ON u.id = s.created_by
      WHERE s.region_code = $1 AND s.item_code = $2 ${version ? 'AND s.version = $3' : ''} ORDER BY s.version DESC LIMIT 1`,
    version ? [region, itemCode, version] : [region, itemCode],
  );
  return r.rows[0] ?? null;
}

export async function ruleSetHistory(q: Queryable, region: string, itemCode: string): Promise<RuleSetRow[]> {
  const r = await q.query<RuleSetRow>(
    `SELECT ${RULE_SET_COLUMNS} FROM review_rule_sets s LEFT JOIN users u ON u.id = s.created_by WHERE s.region_code = $1 AND s.item_code = $2 ORDER BY s.version DESC`,
    [region, itemCode],
  );
  return r.rows;
}

export async function latestRuleSets(q: Queryable, region: string): Promise<RuleSetRow[]> {
  const r = await q.query<RuleSetRow>(
    `SELECT DISTINCT ON (s.item_code) ${RULE_SET_COLUMNS} FROM review_rule_sets s LEFT JOIN users u ON u.id = s.created_by
      WHERE s.region_code = $1 ORDER BY s.item_code, s.version DESC`,
    [region],
  );
  return r.rows;
}

/** Inserts the next version (the row lock on the latest version serialises concurrent edits; the unique key catches the rest). */
export async function insertRuleSet(q: Queryable, region: string, itemCode: string, rules: Rule[], note: string | null, userId: string | null, at: Date, onlyIfNone = false): Promise<number | null> {
  const r = await q.query<{ version: number }>(
    `INSERT INTO review_rule_sets (region_code, item_code, version, rules, note, created_by, created_at)
     SELECT $1::text, $2::text, coalesce(max(version), 0) + 1, $3::jsonb, $4::text, $5::uuid, $6::timestamptz FROM review_rule_sets WHERE region_code = $1 AND item_code = $2
     HAVING NOT $7::boolean OR count(*) = 0
     ON CONFLICT (region_code, item_code, version) DO NOTHING RETURNING version`,
    [region, itemCode, JSON.stringify(rules), note, userId, at, onlyIfNone],
  );
  return r.rows[0]?.version ?? null;
}

// --- reports --------------------------------------------------------------------------------

export interface ReportRow {
  id: string;
  region_code: string;
  report_no: string;
  item_code: string;
  case_id: string | null;
  boundary: string;
  boundary_area_m2: number;
  source: Record<string, unknown>;
  rule_set_version: number;
  layer_versions: Record<string, number | null>;
  results: unknown[];
  land_use: Record<string, unknown>;
  overall: Verdict;
  overall_computed: Verdict;
  overrides: unknown[];
  previous_report_id: string | null;
  diff: Record<string, unknown> | null;
  trigger: 'manual' | 'rerun' | 'layer_update';
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

const REPORT_COLUMNS = `r.id, r.region_code, r.report_no, r.item_code, r.case_id, ST_AsGeoJSON(r.boundary, 15) AS boundary, r.boundary_area_m2, r.source,
  r.rule_set_version, r.layer_versions, r.results, r.land_use, r.overall, r.overall_computed, r.overrides, r.previous_report_id, r.diff, r.trigger,
  r.created_by, u.display_name AS created_by_name, r.created_at`;

export async function getReport(q: Queryable, region: string, id: string, lock = false): Promise<ReportRow | null> {
  const r = await q.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM review_reports r LEFT JOIN users u ON u.id = r.created_by WHERE r.region_code = $1 AND r.id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
    [region, id],
  );
  return r.rows[0] ?? null;
}

/** The next report number SC{region}{yyyyMMdd}{4-digit serial}, counted per region and day. */
export async function nextReportNo(q: Queryable, region: string, day: string): Promise<string> {
  const r = await q.query<{ last: number }>(
    `INSERT INTO review_report_serials (region_code, day, last) VALUES ($1, $2, 1)
     ON CONFLICT (region_code, day) DO UPDATE SET last = review_report_serials.last + 1 RETURNING last`,
    [region, day],
  );
  return `SC${region}${day}${String(r.rows[0]!.last).padStart(4, '0')}`;
}

export interface NewReport {
  region: string;
  reportNo: string;
  itemCode: string;
  caseId: string | null;
  boundary: string;
  boundaryAreaM2: number;
  source: Record<string, unknown>;
  ruleSetVersion: number;
  layerVersions: Record<string, number | null>;
  results: unknown[];
  landUse: unknown;
  overall: Verdict;
  previousReportId: string | null;
  diff: unknown;
  trigger: 'manual' | 'rerun' | 'layer_update';
  createdBy: string | null;
  createdAt: Date;
}

export async function insertReport(q: Queryable, n: NewReport): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO review_reports (region_code, report_no, item_code, case_id, boundary, boundary_area_m2, source, rule_set_version, layer_versions, results, land_use,
                                 overall, overall_computed, previous_report_id, diff, trigger, created_by, created_at)
     VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5), 4490)), $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [n.region, n.reportNo, n.itemCode, n.caseId, n.boundary, n.boundaryAreaM2, JSON.stringify(n.source), n.ruleSetVersion, JSON.stringify(n.layerVersions),
      JSON.stringify(n.results), JSON.stringify(n.landUse), n.overall, n.previousReportId, n.diff === null ? null : JSON.stringify(n.diff), n.trigger, n.createdBy, n.createdAt],
  );
  return r.rows[0]!.id;
}

export async function saveOverride(q: Queryable, id: string, results: unknown[], overrides: unknown[], overall: Verdict): Promise<void> {
  await q.query('UPDATE review_reports SET results = $2, overrides = $3, overall = $4 WHERE id = $1', [id, JSON.stringify(results), JSON.stringify(overrides), overall]);
}

/** The latest report of every case in the region (candidates for a re-review after a layer changed). */
export async function latestCaseReports(q: Queryable, region: string): Promise<{ id: string; case_id: string; layer_versions: Record<string, number | null> }[]> {
  const r = await q.query<{ id: string; case_id: string; layer_versions: Record<string, number | null> }>(
    `SELECT DISTINCT ON (case_id) id, case_id, layer_versions FROM review_reports
      WHERE region_code = $1 AND case_id IS NOT NULL ORDER BY case_id, created_at DESC, report_no DESC`,
    [region],
  );
  return r.rows;
}

export async function insertFlag(q: Queryable, region: string, caseId: string, reportId: string, previousId: string, summary: unknown, at: Date): Promise<number> {
  const r = await q.query<{ id: number }>(
    'INSERT INTO review_flags (region_code, case_id, report_id, previous_report_id, summary, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [region, caseId, reportId, previousId, JSON.stringify(summary), at],
  );
  return Number(r.rows[0]!.id);
}

export interface FlagRow {
  id: number;
  case_id: string;
  report_id: string;
  previous_report_id: string;
  summary: Record<string, unknown>;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  note: string | null;
}

const FLAG_COLUMNS = `f.id, f.case_id, f.report_id, f.previous_report_id, f.summary, f.created_at, f.acknowledged_at, f.acknowledged_by,
  u.display_name AS acknowledged_by_name, a.note`;
const FLAG_FROM = `review_flags f LEFT JOIN review_flag_acknowledgements a ON a.flag_id = f.id LEFT JOIN users u ON u.id = f.acknowledged_by`;

/** The flags of the given cases, oldest first; acknowledged ones only when asked for. */
export async function flagsOfCases(q: Queryable, region: string, caseIds: string[], includeAcknowledged = false): Promise<FlagRow[]> {
  const r = await q.query<FlagRow>(
    `SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM}
      WHERE f.region_code = $1 AND f.case_id = ANY($2::text[]) AND ($3::boolean OR f.acknowledged_at IS NULL) ORDER BY f.id`,
    [region, caseIds, includeAcknowledged],
  );
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

export async function getFlag(q: Queryable, region: string, id: number): Promise<FlagRow | null> {
  const r = await q.query<FlagRow>(`SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM} WHERE f.region_code = $1 AND f.id = $2`, [region, id]);
  const row = r.rows[0];
  return row ? { ...row, id: Number(row.id) } : null;
}

/**
 * Marks a flag acknowledged when it is not yet (the conditional UPDATE makes two concurrent
 * acknowledgements end with one winner) and keeps the note. False when it already was.
 */
export async function acknowledgeFlag(q: Queryable, region: string, id: number, userId: string, note: string | null, at: Date): Promise<boolean> {
  const r = await q.query(
    'UPDATE review_flags SET acknowledged_at = $3, acknowledged_by = $4 WHERE region_code = $1 AND id = $2 AND acknowledged_at IS NULL',
    [region, id, at, userId],
  );
  if (r.rowCount === 0) return false;
  await q.query(
    'INSERT INTO review_flag_acknowledgements (flag_id, region_code, acknowledged_by, acknowledged_at, note) VALUES ($1, $2, $3, $4, $5)',
    [id, region, userId, at, note],
  );
  return true;
}

/**
 * Staff who can act on the given steps (permission, and the step's department unless their role
 * covers the region): the people who review the case now. Users and roles are core tables.
 */
export async function stepHolders(q: Queryable, region: string, steps: { permission: string; departmentCode: string | null }[]): Promise<string[]> {
  if (steps.length === 0) return [];
  const r = await q.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.code = ur.role_code
       LEFT JOIN departments d ON d.id = u.department_id
       JOIN unnest($2::text[], $3::text[]) AS s(permission, dept) ON s.permission = ANY(r.permissions) AND (s.dept IS NULL OR d.code = s.dept OR r.data_scope = 'region')
      WHERE u.region_code = $1 AND NOT u.disabled ORDER BY u.id`,
    [region, steps.map((s) => s.permission), steps.map((s) => s.departmentCode)],
  );
  return r.rows.map((x) => x.id);
}

/**
 * The staff inbox (GET /api/notifications, the table the approval module's reminders write to):
 * one in-app notification per flag and recipient.
 */
export async function notifyStaff(q: Queryable, region: string, userIds: string[], n: { caseId: string; title: string; body: string; dedupeKey: string }, at: Date): Promise<number> {
  if (userIds.length === 0) return 0;
  const r = await q.query(
    `INSERT INTO notifications (region_code, user_id, kind, title, body, case_id, dedupe_key, created_at)
     SELECT $1, u, 'review_flag', $3, $4, $5::uuid, $6, $7 FROM unnest($2::uuid[]) AS t(u)
     ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
    [region, userIds, n.title, n.body, n.caseId, n.dedupeKey, at],
  );
  return r.rowCount ?? 0;
}

export async function reportsOfCase(q: Queryable, region: string, caseId: string) {
  const r = await q.query<{ id: string; report_no: string; item_code: string; overall: Verdict; overall_computed: Verdict; trigger: string; previous_report_id: string | null; rule_set_version: number; layer_versions: Record<string, number | null>; created_at: Date }>(
    `SELECT id, report_no, item_code, overall, overall_computed, trigger, previous_report_id, rule_set_version, layer_versions, created_at
       FROM review_reports WHERE region_code = $1 AND case_id = $2 ORDER BY created_at DESC, report_no DESC LIMIT 200`,
    [region, caseId],
  );
  return r.rows;
}

/**
 * Gives a report made before its case existed (the online hall's pre-check, a window check) to
 * that case, so the case's review tab, re-runs and re-reviews after new layer versions find it.
 * Returns what stood in the way: no such report, or a report of another case.
 */
export async function linkReportToCase(q: Queryable, region: string, reportId: string, caseId: string): Promise<'linked' | 'not_found' | 'other_case'> {
  const r = await q.query<{ case_id: string | null }>('SELECT case_id FROM review_reports WHERE region_code = $1 AND id::text = $2 FOR UPDATE', [region, reportId]);
  const row = r.rows[0];
  if (!row) return 'not_found';
  if (row.case_id !== null && row.case_id !== caseId) return 'other_case';
  if (row.case_id === null) await q.query('UPDATE review_reports SET case_id = $3 WHERE region_code = $1 AND id::text = $2', [region, reportId, caseId]);
  return 'linked';
}
