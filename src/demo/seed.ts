import { generatePassword, hashPassword, verifyPassword } from '../core/auth/passwords.ts';
import { ensureDepartments, ensureRegions } from '../core/bootstrap.ts';
import type { Db } from '../core/db/index.ts';

/** One demo account per role, named as the README and the tests expect. */
export const DEMO_USERS = [
  { username: 'clerk', displayName: '李晓梅', department: 'approval_window', roles: ['window_clerk'] },
  { username: 'reviewer', displayName: '张建国', department: 'planning', roles: ['case_handler'] },
  { username: 'leader', displayName: '刘志强', department: 'leadership', roles: ['leader'] },
  { username: 'director', displayName: '陈国华', department: 'leadership', roles: ['director'] },
  { username: 'sysadmin', displayName: '周文斌', department: 'info_center', roles: ['sysadmin'] },
  { username: 'secadmin', displayName: '吴海燕', department: 'info_center', roles: ['secadmin'] },
  { username: 'auditor', displayName: '郑丽娟', department: 'office', roles: ['auditor'] },
  // Approval staff of the other sections, so 用地预审's joint review can run end to end.
  { username: 'planhead', displayName: '黄振华', department: 'planning', roles: ['section_head'] },
  { username: 'landuse', displayName: '赵明轩', department: 'land_use_control', roles: ['case_handler'] },
  { username: 'landhead', displayName: '何永刚', department: 'land_use_control', roles: ['section_head'] },
  { username: 'farmland', displayName: '孙丽萍', department: 'farmland_protection', roles: ['case_handler'] },
  { username: 'mineral', displayName: '钱卫东', department: 'mineral', roles: ['case_handler'] },
  { username: 'resource', displayName: '冯晓燕', department: 'resource_use', roles: ['case_handler'] },
  { username: 'itemadmin', displayName: '马俊', department: 'approval_window', roles: ['item_admin'] },
] as const;

export interface SeedResult {
  seeded: boolean;
  /** The demo password when this call generated it (print once). */
  generatedPassword: string | null;
  towns: number;
  villages: number;
}

export async function hasDemoData(db: Db, regionCode: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM users WHERE region_code = $1 AND is_demo LIMIT 1', [regionCode]);
  return r.rowCount > 0;
}

/**
 * Loads the demo county: regions, departments and the demo accounts (idempotent). Demo accounts
 * skip the first-login password change; their password is DEMO_PASSWORD, or a random one that
 * is returned so the caller prints it once.
 */
export async function seedDemo(db: Db, regionCode: string, demoPassword: string | null): Promise<SeedResult> {
  const regions = await ensureRegions(db, regionCode);
  const password = demoPassword ?? generatePassword();
  const hash = await hashPassword(password);
  let created = 0;
  await db.transaction(async (tx) => {
    await ensureDepartments(tx, regionCode);
    for (const u of DEMO_USERS) {
      const r = await tx.query<{ id: string }>(
        `INSERT INTO users (region_code, username, display_name, department_id, password_hash, must_change_password, is_demo)
         SELECT $1, $2, $3, d.id, $5, false, true FROM departments d WHERE d.region_code = $1 AND d.code = $4
         ON CONFLICT (username) DO NOTHING RETURNING id`,
        [regionCode, u.username, u.displayName, u.department, hash],
      );
      const id = r.rows[0]?.id;
      if (!id) continue;
      created++;
      for (const role of u.roles) await tx.query('INSERT INTO user_roles (user_id, role_code, region_code) VALUES ($1, $2, $3)', [id, role, regionCode]);
    }
  });
  return { seeded: created > 0, generatedPassword: created > 0 && !demoPassword ? password : null, ...regions };
}

/** When DEMO_PASSWORD is set, the demo accounts take it (so a restart with a new value works). */
export async function syncDemoPassword(db: Db, regionCode: string, demoPassword: string): Promise<number> {
  const users = await db.query<{ id: string; password_hash: string }>('SELECT id, password_hash FROM users WHERE region_code = $1 AND is_demo', [regionCode]);
  let changed = 0;
  let hash: string | null = null;
  for (const u of users.rows) {
    if (await verifyPassword(u.password_hash, demoPassword)) continue;
    hash ??= await hashPassword(demoPassword);
    await db.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [u.id, hash]);
    changed++;
  }
  return changed;
}
