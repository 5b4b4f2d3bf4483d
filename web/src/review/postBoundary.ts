import { ApiError, type Problem } from '../api/client.ts';
import type { Report } from './types.ts';

export interface BoundaryFileRun {
  itemCode: string;
  file: File;
  zone?: number;
  dxfLayer?: string;
}

function parseProblem(text: string): Problem | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && 'status' in data && 'code' in data ? (data as Problem) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POST /api/reviews as multipart/form-data (`file`, `itemCode`, optional `zone`, `dxfLayer`).
 * @returns the report
 * @throws ApiError with the server's problem (a bad boundary names the parcel and point)
 */
export async function postBoundaryFile(run: BoundaryFileRun): Promise<Report> {
  const body = new FormData();
  body.set('itemCode', run.itemCode);
  if (run.zone !== undefined) body.set('zone', String(run.zone));
  if (run.dxfLayer) body.set('dxfLayer', run.dxfLayer);
  body.set('file', run.file, run.file.name);
  let response: Response;
  try {
    response = await fetch('/api/reviews', { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json' } });
  } catch {
    throw new ApiError(0, undefined, 'Network error');
  }
  const text = await response.text();
  if (!response.ok) throw new ApiError(response.status, parseProblem(text), response.statusText);
  return JSON.parse(text) as Report;
}
