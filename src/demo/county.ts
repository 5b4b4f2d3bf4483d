import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../core/context.ts';
import { NATIONAL_LAYERS } from '../modules/gis/catalogue.ts';
import { openGpkg } from '../modules/gis/formats/index.ts';
import { COUNTY_CODE, generateCounty } from '../modules/gis/generator/generate.ts';
import { LAYERS, type LayerName } from '../modules/gis/generator/layers.ts';
import { GisService } from '../modules/gis/service.ts';

/** Patches of the demo county: a few thousand, so the first start stays well under a minute. */
export const DEMO_PATCHES = 1500;

/**
 * Loads the generated demo county (衡南县 shape, real town and village names) into an empty
 * spatial catalogue through the same importer users use. Only for the county the generator draws.
 */
export async function seedDemoCounty(ctx: AppContext, regionCode: string, log: (msg: string) => void, patches = DEMO_PATCHES): Promise<boolean> {
  if (regionCode !== COUNTY_CODE) return false;
  const existing = await ctx.db.query('SELECT 1 FROM layers WHERE region_code = $1 LIMIT 1', [regionCode]);
  if (existing.rowCount > 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landgov-county-'));
  try {
    const started = Date.now();
    const manifest = generateCounty({ seed: 1, patches, outDir: dir });
    const gis = new GisService(ctx);
    for (const code of Object.keys(LAYERS) as LayerName[]) {
      const source = openGpkg(path.join(dir, 'county.gpkg'), { layer: code });
      const def = NATIONAL_LAYERS[code]!;
      await gis.importSource(null, regionCode, code, source, { define: { ...def, geometryType: 'polygon' }, fileName: `demo county seed 1 (${manifest.patches} patches)` });
    }
    log(`demo county loaded: ${Object.entries(manifest.layers).map(([k, v]) => `${k} ${v}`).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
