import type { Principal } from '../../core/auth/service.ts';
import { AuthErrors } from '../../core/auth/errors.ts';
import type { Queryable } from '../../core/db/index.ts';
import { AppError } from '../../core/errors.ts';
import { GisErrors as G } from './errors.ts';
import type { FieldDef } from './formats/types.ts';
import { defaultStyle } from './styles.ts';

export type LayerCategory = 'base' | 'current' | 'planning' | 'management' | 'other';
export type GeometryKind = 'polygon' | 'line' | 'point';
export type Access = 'public' | 'staff' | 'restricted';

export interface Layer {
  id: string;
  regionCode: string;
  code: string;
  name: string;
  nameEn: string;
  category: LayerCategory;
  geometryType: GeometryKind;
  fields: FieldDef[];
  style: Record<string, unknown>;
  access: Access;
  requiredPermission: string | null;
  currentVersion: number | null;
  updatedAt: Date;
}

interface LayerRow {
  id: string;
  region_code: string;
  code: string;
  name: string;
  name_en: string;
  category: LayerCategory;
  geometry_type: GeometryKind;
  fields: FieldDef[];
  style: Record<string, unknown>;
  access: Access;
  required_permission: string | null;
  current_version: number | null;
  updated_at: Date;
}

function toLayer(r: LayerRow): Layer {
  return {
    id: r.id,
    regionCode: r.region_code,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    category: r.category,
    geometryType: r.geometry_type,
    fields: r.fields,
    style: r.style,
    access: r.access,
    requiredPermission: r.required_permission,
    currentVersion: r.current_version,
    updatedAt: r.updated_at,
  };
}

/** Whether the caller may read the layer; throws 401 for anonymous callers, 403 for staff without the right. */
export function assertCanRead(layer: Layer, p: Principal | null): void {
  if (layer.access === 'public') return;
  if (!p) throw new AppError(AuthErrors.UNAUTHENTICATED);
  if (layer.access === 'restricted' && !p.permissions.has(layer.requiredPermission!)) throw new AppError(AuthErrors.FORBIDDEN, { permission: layer.requiredPermission });
}

export function canRead(layer: Layer, p: Principal | null): boolean {
  if (layer.access === 'public') return true;
  if (!p) return false;
  return layer.access === 'staff' || p.permissions.has(layer.requiredPermission!);
}

export async function listLayers(q: Queryable, regionCode: string): Promise<Layer[]> {
  const r = await q.query<LayerRow>('SELECT * FROM layers WHERE region_code = $1 ORDER BY category, code', [regionCode]);
  return r.rows.map(toLayer);
}

export async function findLayer(q: Queryable, regionCode: string, code: string): Promise<Layer | null> {
  const r = await q.query<LayerRow>('SELECT * FROM layers WHERE region_code = $1 AND code = $2', [regionCode, code]);
  return r.rows[0] ? toLayer(r.rows[0]) : null;
}

export async function getLayer(q: Queryable, regionCode: string, code: string): Promise<Layer> {
  const l = await findLayer(q, regionCode, code);
  if (!l) throw new AppError(G.LAYER_NOT_FOUND, { layer: code });
  return l;
}

export interface NewLayer {
  code: string;
  name: string;
  nameEn?: string;
  category: LayerCategory;
  geometryType: GeometryKind;
  access?: Access;
  requiredPermission?: string | null;
  style?: Record<string, unknown>;
  fields?: FieldDef[];
}

export async function createLayer(q: Queryable, regionCode: string, l: NewLayer): Promise<Layer> {
  const exists = await findLayer(q, regionCode, l.code);
  if (exists) throw new AppError(G.LAYER_EXISTS, { layer: l.code });
  const r = await q.query<LayerRow>(
    `INSERT INTO layers (region_code, code, name, name_en, category, geometry_type, fields, style, access, required_permission)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [regionCode, l.code, l.name, l.nameEn ?? l.name, l.category, l.geometryType, JSON.stringify(l.fields ?? []), JSON.stringify(l.style ?? defaultStyle(l.code)), l.access ?? 'staff', l.requiredPermission ?? null],
  );
  return toLayer(r.rows[0]!);
}

export interface VersionInfo {
  version: number;
  status: 'importing' | 'ready' | 'failed';
  featureCount: number;
  repairedCount: number;
  totalAreaM2: number | null;
  bbox: number[] | null;
  source: Record<string, unknown>;
  error: string | null;
  jobId: number | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function listVersions(q: Queryable, layerId: string): Promise<VersionInfo[]> {
  const r = await q.query<{
    version: number; status: VersionInfo['status']; feature_count: number; repaired_count: number; total_area_m2: number | null;
    bbox: number[] | null; source: Record<string, unknown>; error: string | null; job_id: number | null; created_at: Date; finished_at: Date | null;
  }>('SELECT * FROM layer_versions WHERE layer_id = $1 ORDER BY version DESC', [layerId]);
  return r.rows.map((v) => ({
    version: v.version,
    status: v.status,
    featureCount: v.feature_count,
    repairedCount: v.repaired_count,
    totalAreaM2: v.total_area_m2,
    bbox: v.bbox,
    source: v.source,
    error: v.error,
    jobId: v.job_id,
    createdAt: v.created_at.toISOString(),
    finishedAt: v.finished_at?.toISOString() ?? null,
  }));
}

/** The published version to read: the one asked for (must be ready) or the layer's current one. */
export async function resolveVersion(q: Queryable, layer: Layer, version?: number): Promise<number> {
  if (version === undefined) {
    if (layer.currentVersion === null) throw new AppError(G.LAYER_EMPTY, { layer: layer.code });
    return layer.currentVersion;
  }
  const r = await q.query('SELECT 1 FROM layer_versions WHERE layer_id = $1 AND version = $2 AND status = $3', [layer.id, version, 'ready']);
  if (r.rowCount === 0) throw new AppError(G.LAYER_VERSION_NOT_FOUND, { layer: layer.code, version });
  return version;
}

/** Reserves the next version number with status 'importing' (invisible until published). */
export async function reserveVersion(q: Queryable, layer: Layer, source: Record<string, unknown>, userId: string | null): Promise<number> {
  await q.query('SELECT id FROM layers WHERE id = $1 FOR UPDATE', [layer.id]);
  const r = await q.query<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM layer_versions WHERE layer_id = $1', [layer.id]);
  const v = r.rows[0]!.v;
  await q.query(
    `INSERT INTO layer_versions (layer_id, version, region_code, status, source, created_by) VALUES ($1, $2, $3, 'importing', $4, $5)`,
    [layer.id, v, layer.regionCode, JSON.stringify(source), userId],
  );
  return v;
}
