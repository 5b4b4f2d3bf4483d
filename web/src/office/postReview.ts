import { api } from '../api/client.ts';
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
  return api<ReviewReport>('/api/reviews', { method: 'POST', body });
}
