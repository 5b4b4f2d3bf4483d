import { api } from '../api/client.ts';
import type { Report } from './types.ts';

export interface BoundaryFileRun {
  itemCode: string;
  file: File;
  zone?: number;
  dxfLayer?: string;
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
  return api<Report>('/api/reviews', { method: 'POST', body });
}
