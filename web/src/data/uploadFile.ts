import { ApiError, parseProblem } from '../api/client.ts';
import type { UploadedFile } from './types.ts';

export interface UploadOptions {
  /** Called with 0–100 as the request body is sent. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** Where to send it; the online hall's applicants upload to /api/portal/uploads. */
  url?: string;
}

/**
 * Uploads one file to POST /api/files (or `options.url`; multipart field `file`).
 * XMLHttpRequest rather than fetch because only it reports upload progress.
 * @returns the stored file's id and checksum
 * @throws ApiError for a refused upload (413 FILE_TOO_LARGE, 415 FILE_TYPE_NOT_ALLOWED …) or a network failure;
 *   a DOMException named AbortError when `signal` aborts
 */
export function uploadFile<T = UploadedFile>(file: File, options: UploadOptions = {}): Promise<T> {
  const { onProgress, signal, url = '/api/files' } = options;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, undefined, 'Bad response'));
        }
        return;
      }
      reject(new ApiError(xhr.status, parseProblem(xhr.responseText), xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, undefined, 'Network error'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
