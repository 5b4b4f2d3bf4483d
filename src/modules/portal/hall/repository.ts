import type { Queryable } from '../../../core/db/index.ts';

/** SQL of the online hall's own tables (migration 0016) and the applicant rows of the portal module. */

export interface DraftMaterial {
  code: string;
  fileId: string;
}

export interface DraftRow {
  id: string;
  region_code: string;
  applicant_id: string;
  item_code: string;
  version: number;
  project: Record<string, unknown>;
  materials: DraftMaterial[];
  boundary: Record<string, unknown> | null;
  boundary_file_name: string | null;
  precheck_report_id: string | null;
  precheck: Record<string, unknown> | null;
  submitted_case_id: string | null;
  submit_key: string | null;
  created_at: Date;
  updated_at: Date;
}

const DRAFT_COLS = 'id, region_code, applicant_id, item_code, version, project, materials, boundary, boundary_file_name, precheck_report_id, precheck, submitted_case_id, submit_key, created_at, updated_at';

export async function draftById(q: Queryable, id: string, lock = false): Promise<DraftRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const r = await q.query<DraftRow>(`SELECT ${DRAFT_COLS} FROM hall_drafts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function draftsOf(q: Queryable, region: string, applicantId: string): Promise<DraftRow[]> {
  const r = await q.query<DraftRow>(`SELECT ${DRAFT_COLS} FROM hall_drafts WHERE region_code = $1 AND applicant_id = $2 AND submitted_case_id IS NULL ORDER BY updated_at DESC`, [region, applicantId]);
  return r.rows;
}

export async function insertDraft(q: Queryable, d: { region: string; applicantId: string; itemCode: string; now: Date }): Promise<DraftRow> {
  const r = await q.query<DraftRow>(
    `INSERT INTO hall_drafts (region_code, applicant_id, item_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING ${DRAFT_COLS}`,
    [d.region, d.applicantId, d.itemCode, d.now],
  );
  return r.rows[0]!;
}

/** Saves project and materials if the version is still the expected one; returns the new row or null. */
export async function saveDraft(q: Queryable, id: string, expectedVersion: number, project: Record<string, unknown>, materials: DraftMaterial[], now: Date): Promise<DraftRow | null> {
  const r = await q.query<DraftRow>(
    `UPDATE hall_drafts SET project = $3, materials = $4, version = version + 1, updated_at = $5
      WHERE id = $1 AND version = $2 AND submitted_case_id IS NULL RETURNING ${DRAFT_COLS}`,
    [id, expectedVersion, JSON.stringify(project), JSON.stringify(materials), now],
  );
  return r.rows[0] ?? null;
}

export async function setBoundary(q: Queryable, id: string, b: { boundary: unknown; fileName: string; reportId: string; precheck: unknown; now: Date }): Promise<DraftRow | null> {
  const r = await q.query<DraftRow>(
    `UPDATE hall_drafts SET boundary = $2, boundary_file_name = $3, precheck_report_id = $4, precheck = $5, version = version + 1, updated_at = $6
      WHERE id = $1 AND submitted_case_id IS NULL RETURNING ${DRAFT_COLS}`,
    [id, JSON.stringify(b.boundary), b.fileName, b.reportId, JSON.stringify(b.precheck), b.now],
  );
  return r.rows[0] ?? null;
}

/** Marks the draft submitted with this key, unless another submission did first; returns whether this one did. */
export async function markSubmitted(q: Queryable, id: string, caseId: string, key: string, now: Date): Promise<boolean> {
  const r = await q.query('UPDATE hall_drafts SET submitted_case_id = $2, submit_key = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND submitted_case_id IS NULL', [id, caseId, key, now]);
  return r.rowCount === 1;
}

export async function deleteDraft(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query('DELETE FROM hall_drafts WHERE id = $1 AND submitted_case_id IS NULL', [id]);
  return r.rowCount === 1;
}

export async function recordFileOwner(q: Queryable, fileId: string, region: string, applicantId: string, now: Date): Promise<void> {
  await q.query('INSERT INTO applicant_files (file_id, region_code, applicant_id, created_at) VALUES ($1, $2, $3, $4)', [fileId, region, applicantId, now]);
}

/** The files among `ids` that the applicant uploaded, with their metadata. */
export async function ownedFiles(q: Queryable, applicantId: string, ids: string[]): Promise<Map<string, { id: string; name: string; size: number; mime: string }>> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return new Map();
  const r = await q.query<{ id: string; original_name: string; size: string | number; mime: string }>(
    'SELECT f.id, f.original_name, f.size, f.mime FROM applicant_files af JOIN files f ON f.id = af.file_id WHERE af.applicant_id = $1 AND af.file_id = ANY($2::uuid[])',
    [applicantId, valid],
  );
  return new Map(r.rows.map((f) => [f.id, { id: f.id, name: f.original_name, size: Number(f.size), mime: f.mime }]));
}

export async function fileOwner(q: Queryable, fileId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  const r = await q.query<{ applicant_id: string }>('SELECT applicant_id FROM applicant_files WHERE file_id = $1', [fileId]);
  return r.rows[0]?.applicant_id ?? null;
}

export interface AccountRow {
  id: string;
  kind: 'person' | 'organisation';
  display_name: string;
  id_number_enc: string;
  phone_enc: string | null;
}

export async function accountById(q: Queryable, id: string): Promise<AccountRow | null> {
  const r = await q.query<AccountRow>('SELECT id, kind, display_name, id_number_enc, phone_enc FROM applicants WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

/** Counts an address's failed progress lookups in the last minute (after recording this one, when failed). */
export async function progressFailures(q: Queryable, ip: string, now: Date): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM hall_progress_failures WHERE ip = $1 AND at > $2`, [ip, new Date(now.getTime() - 60_000)]);
  return r.rows[0]!.n;
}

export async function recordProgressFailure(q: Queryable, ip: string, now: Date): Promise<void> {
  await q.query('INSERT INTO hall_progress_failures (ip, at) VALUES ($1, $2)', [ip, now]);
  // Old rows are of no use: keep the table small.
  await q.query('DELETE FROM hall_progress_failures WHERE at < $1', [new Date(now.getTime() - 10 * 60_000)]);
}
