/** Shapes of the layer-administration API (/api/gis, /api/files). The server's schemas (src/modules/gis) are the truth. */
import type { GisLayer, LayerCategory } from '../map/types.ts';

export type { LayerCategory };
export type Access = GisLayer['access'];
export type GeometryKind = GisLayer['geometryType'];
export type VersionStatus = 'importing' | 'ready' | 'failed';

export const CATEGORIES: readonly LayerCategory[] = ['base', 'current', 'planning', 'management', 'other'];
export const ACCESS_LEVELS: readonly Access[] = ['public', 'staff', 'restricted'];
export const GEOMETRY_KINDS: readonly GeometryKind[] = ['polygon', 'line', 'point'];

/** Codes the server's national catalogue defines (name, category, access): importing needs no definition. */
export const NATIONAL_CODES: readonly string[] = ['XZQ', 'DLTB', 'YJJBNTBHTB', 'STBHHX', 'CZKFBJ', 'GHYDYH', 'PZYD', 'GYD', 'CKQ', 'DZZHYFQ'];

/** Mirrors the server's LayerCode schema. */
export const LAYER_CODE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** How the importer determined a source's coordinate system. */
export interface CrsInfo {
  epsg: number;
  source: string;
  evidence: string;
}

/** What a version was imported from; fields other than fileName appear once the file was read. */
export interface VersionSource {
  fileName?: string | null;
  format?: string;
  crs?: CrsInfo;
  [key: string]: unknown;
}

/** One entry of `versions` in GET /api/gis/layers/{code}. */
export interface DataVersion {
  version: number;
  status: VersionStatus;
  featureCount: number;
  repairedCount: number;
  totalAreaM2: number | null;
  bbox: number[] | null;
  source: VersionSource;
  /** For failed versions: the error code, a colon and the detail. */
  error: string | null;
  jobId: number | null;
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/gis/layers/{code} */
export interface DataLayer extends Omit<GisLayer, 'style'> {
  style: Record<string, unknown>;
  versions: DataVersion[];
}

/** POST /api/files (201) */
export interface UploadedFile {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
}

/** The definition a new, non-national layer code needs. */
export interface LayerDefinition {
  name: string;
  nameEn?: string;
  category: LayerCategory;
  geometryType: GeometryKind;
  access?: Access;
  requiredPermission?: string;
}

/** Body of POST /api/gis/layers/{code}/imports */
export interface ImportRequest {
  fileId: string;
  sourceLayer?: string;
  zone?: number;
  define?: LayerDefinition;
}

/** POST /api/gis/layers/{code}/imports (202) */
export interface ImportStarted {
  jobId: number;
  layer: string;
  version: number;
}

export interface ImportProgress {
  features: number;
  total: number | null;
  percent: number | null;
  featuresPerSecond: number;
  warnings?: number;
}

/** GET /api/gis/jobs/{id} */
export interface ImportJob {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: ImportProgress | null;
  error: string | null;
  layer: string;
  version: number;
  createdAt: string;
  finishedAt: string | null;
}

/** Body of PATCH /api/gis/layers/{code} */
export interface LayerSettings {
  name?: string;
  nameEn?: string;
  category?: LayerCategory;
  access?: Access;
  requiredPermission?: string | null;
}
