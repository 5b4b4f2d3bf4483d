import { ApiError, type Problem } from '../api/client.ts';
import type { ReviewReport } from './types.ts';

/**
 * Runs the spatial pre-review (POST /api/reviews, multipart: `file` + `itemCode`, optional `caseId`).
 * @throws ApiError with the server's problem (a bad boundary names the parcel, point and coordinates)
 */
export async function postReview(file: File, itemCode: string, caseId?: string): Promise<ReviewReport> {
  const body = new FormData();
  body.append('itemCode', itemCode);
  if (caseId) body.append('caseId', caseId);
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/api/reviews', { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json, application/problem+json' } });
  } catch {
    throw new ApiError(0, undefined, 'Network error');
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const problem = typeof data === 'object' && data !== null && 'code' in data ? (data as Problem) : undefined;
    throw new ApiError(response.status, problem, response.statusText);
  }
  return data as ReviewReport;
}
