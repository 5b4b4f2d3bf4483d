// Writes a deterministic synthetic county (衡南县-like) as one GeoPackage plus manifest.json.
// Usage: npm run generate:county -- --seed 1 --patches 300000 --out <dir>
import { parseArgs } from 'node:util';
import { generateCounty } from '../modules/gis/generator/generate.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    patches: { type: 'string', default: '5000' },
    out: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!values.out) {
  console.error('usage: generate-county --out <dir> [--seed 1] [--patches 5000] [--quiet]');
  process.exit(2);
}
const started = Date.now();
try {
  const m = generateCounty({
    seed: Number(values.seed),
    patches: Number(values.patches),
    outDir: values.out,
    log: values.quiet ? undefined : (msg) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`),
  });
  console.log(JSON.stringify({ out: values.out, seconds: (Date.now() - started) / 1000, bytes: m.bytes, sha256: m.sha256, layers: m.layers, classShares: m.classShares }, null, 2));
} catch (e) {
  console.error(`generate-county: ${(e as Error).message}`);
  process.exit(1);
}
