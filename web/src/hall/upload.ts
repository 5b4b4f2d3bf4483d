import { uploadFile } from '../data/uploadFile.ts';
import type { UploadedFile } from './types.ts';

/** What the hall accepts as a material: PDF, JPEG or PNG up to 20 MB (the server sniffs the content too). */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
export const MATERIAL_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const ALLOWED_EXT = /\.(pdf|jpe?g|png)$/i;
const ALLOWED_MIME = new Set(['application/pdf', 'image/jpeg', 'image/png', '']);

export type MaterialFileProblem = 'type' | 'size' | 'empty';

/** Checks a material before sending it, so a wrong file costs no upload. */
export function materialFileProblem(file: File): MaterialFileProblem | null {
  if (!ALLOWED_EXT.test(file.name) || !ALLOWED_MIME.has(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MATERIAL_MAX_BYTES) return 'size';
  return null;
}

/**
 * Uploads one material to POST /api/portal/uploads with progress (the shared XHR upload).
 * @throws ApiError for a refused upload (413 UPLOAD_TOO_LARGE, 415 UPLOAD_TYPE_NOT_ALLOWED …) or a network failure
 */
export function uploadMaterial(file: File, onProgress?: (percent: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  return uploadFile<UploadedFile>(file, { url: '/api/portal/uploads', onProgress, signal });
}

/** 1.2 MB / 340 KB — file sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
