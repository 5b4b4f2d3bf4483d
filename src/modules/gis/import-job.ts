import type { AppContext } from '../../core/context.ts';
import { openSource } from './formats/index.ts';
import type { GisService } from './service.ts';

export const IMPORT_QUEUE = 'gis.import';

export interface ImportJobPayload {
  regionCode: string;
  layerCode: string;
  version: number;
  fileId: string;
  sourceLayer?: string;
  zone?: number;
  userId: string | null;
}

/**
 * Runs imports in the background: reads the stored upload (format decided by content), streams it
 * into the reserved version and publishes it, reporting progress (percent, features/s) on the job.
 * A data error is final (one attempt): it fails the version, with the reason, and changes nothing.
 */
export function registerImportJob(ctx: AppContext, gis: GisService): void {
  ctx.jobs.register(IMPORT_QUEUE, async (job, { reportProgress }) => {
    const p = job.payload as unknown as ImportJobPayload;
    const file = await ctx.files.get(ctx.db, p.fileId, p.regionCode);
    const layer = await gis.layerForImport(p.regionCode, p.layerCode);
    let source: Awaited<ReturnType<typeof openSource>>;
    try {
      source = await openSource(file.path, file.originalName, { layer: p.sourceLayer, zoneHint: p.zone ? { zone: p.zone } : undefined });
    } catch (err) {
      await gis.discard(layer, p.version, err);
      throw err;
    }
    await gis.importSource(p.userId ? { userId: p.userId, username: null } : null, p.regionCode, p.layerCode, source, {
      version: p.version,
      fileName: file.originalName,
      onProgress: (x) => reportProgress({ ...x, warnings: source.warnings.length }),
    });
  });
}
