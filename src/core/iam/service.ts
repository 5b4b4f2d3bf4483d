import type { AuditLog } from '../audit/audit.ts';
import { AuthErrors as E } from '../auth/errors.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { isPermission, PERMISSIONS } from '../auth/permissions.ts';
import { assertDutySeparation, authorize } from '../auth/policies.ts';
import type { Principal, RequestContext } from '../auth/service.ts';
import type { Db, Queryable } from '../db/index.ts';
import { AppError } from '../errors.ts';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  department: { code: string; name: string } | null;
  roles: { code: string; name: string }[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mfaEnrolled: boolean;
  mustChangePassword: boolean;
}

/**
 * Account and role administration under 三权分立: the system administrator manages accounts
 * (user:manage), the security administrator manages roles and grants (role:manage); every
 * change checks that no role and no user combines administrator duties.
 */
export class IamService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  private base(p: Principal, ctx: RequestContext) {
    return { regionCode: p.regionCode, userId: p.userId, username: p.username, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
  }

  async listDepartments(regionCode: string) {
    const r = await this.db.query<{ code: string; name: string; name_en: string; kind: string }>(
      'SELECT code, name, name_en, kind FROM departments WHERE region_code = $1 ORDER BY sort_order, code',
      [regionCode],
    );
    return r.rows.map((d) => ({ code: d.code, name: d.name, nameEn: d.name_en, kind: d.kind }));
  }

  async listUsers(p: Principal): Promise<UserView[]> {
    if (!p.permissions.has('user:manage') && !p.permissions.has('role:manage')) authorize(p, 'user:manage');
    const r = await this.db.query<{
      id: string; username: string; display_name: string; region_code: string; dept_code: string | null; dept_name: string | null;
      roles: { code: string; name: string }[] | null; disabled: boolean; locked_until: Date | null; last_login_at: Date | null; totp_enrolled_at: Date | null; must_change_password: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.region_code, d.code AS dept_code, d.name AS dept_name, u.disabled, u.locked_until, u.last_login_at,
              u.totp_enrolled_at, u.must_change_password,
              (SELECT json_agg(json_build_object('code', r.code, 'name', r.name) ORDER BY r.code) FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id) AS roles
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE u.region_code = $1 ORDER BY u.username`,
      [p.regionCode],
    );
    const now = this.now();
    return r.rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      regionCode: u.region_code,
      department: u.dept_code ? { code: u.dept_code, name: u.dept_name! } : null,
      roles: u.roles ?? [],
      disabled: u.disabled,
      lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until.toISOString() : null,
      lastLoginAt: u.last_login_at?.toISOString() ?? null,
      mfaEnrolled: u.totp_enrolled_at !== null,
      mustChangePassword: u.must_change_password,
    }));
  }

  private async departmentId(q: Queryable, regionCode: string, code: string): Promise<string> {
    const r = await q.query<{ id: string }>('SELECT id FROM departments WHERE region_code = $1 AND code = $2', [regionCode, code]);
    if (!r.rows[0]) throw new AppError(E.DEPARTMENT_NOT_FOUND, { departmentCode: code });
    return r.rows[0].id;
  }

  private async userInRegion(q: Queryable, p: Principal, id: string): Promise<{ id: string; username: string }> {
    const r = await q.query<{ id: string; username: string }>('SELECT id, username FROM users WHERE id = $1 AND region_code = $2', [id, p.regionCode]);
    if (!r.rows[0]) throw new AppError(E.USER_NOT_FOUND);
    return r.rows[0];
  }

  /** Creates an account with a one-time initial password that must be changed at first sign-in. */
  async createUser(p: Principal, input: { username: string; displayName: string; departmentCode: string }, ctx: RequestContext) {
    authorize(p, 'user:manage');
    const initialPassword = generatePassword();
    const hash = await hashPassword(initialPassword);
    return this.db.transaction(async (tx) => {
      const deptId = await this.departmentId(tx, p.regionCode, input.departmentCode);
      const exists = await tx.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
      if (exists.rowCount > 0) throw new AppError(E.USERNAME_TAKEN);
      const r = await tx.query<{ id: string }>(
        `INSERT INTO users (region_code, username, display_name, department_id, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
        [p.regionCode, input.username, input.displayName, deptId, hash],
      );
      const id = r.rows[0]!.id;
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'user.create', objectType: 'user', objectId: id, result: 'success', detail: { username: input.username, department: input.departmentCode } });
      return { id, username: input.username, initialPassword };
    });
  }

  async updateUser(p: Principal, id: string, input: { displayName?: string; departmentCode?: string; disabled?: boolean }, ctx: RequestContext) {
    authorize(p, 'user:manage');
    if (id === p.userId && input.disabled) throw new AppError(E.SELF_GRANT_FORBIDDEN);
    await this.db.transaction(async (tx) => {
      await this.userInRegion(tx, p, id);
      if (input.displayName !== undefined) await tx.query('UPDATE users SET display_name = $2, updated_at = now() WHERE id = $1', [id, input.displayName]);
      if (input.departmentCode !== undefined) await tx.query('UPDATE users SET department_id = $2, updated_at = now() WHERE id = $1', [id, await this.departmentId(tx, p.regionCode, input.departmentCode)]);
      if (input.disabled !== undefined) {
        await tx.query('UPDATE users SET disabled = $2, updated_at = now() WHERE id = $1', [id, input.disabled]);
        if (input.disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      }
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'user.update', objectType: 'user', objectId: id, result: 'success', detail: input });
    });
  }

  async unlockUser(p: Principal, id: string, ctx: RequestContext) {
    authorize(p, 'user:manage');
    await this.db.transaction(async (tx) => {
      await this.userInRegion(tx, p, id);
      await tx.query('UPDATE users SET locked_until = NULL, failed_logins = 0, updated_at = now() WHERE id = $1', [id]);
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'user.unlock', objectType: 'user', objectId: id, result: 'success' });
    });
  }

  /** Sets a new one-time password, ends the user's sessions and forces a change at next sign-in. */
  async resetPassword(p: Principal, id: string, ctx: RequestContext) {
    authorize(p, 'user:manage');
    if (id === p.userId) throw new AppError(E.SELF_GRANT_FORBIDDEN);
    const initialPassword = generatePassword();
    const hash = await hashPassword(initialPassword);
    await this.db.transaction(async (tx) => {
      await this.userInRegion(tx, p, id);
      await tx.query('UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = $3, failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE id = $1', [id, hash, this.now()]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'user.reset_password', objectType: 'user', objectId: id, result: 'success' });
    });
    return { initialPassword };
  }

  listPermissions() {
    return Object.entries(PERMISSIONS).map(([code, s]) => ({ code, group: s.group, name: { zh: s.zh, en: s.en } }));
  }

  async listRoles(p: Principal) {
    authorize(p, 'role:manage');
    const r = await this.db.query<{ code: string; name: string; name_en: string; builtin: boolean; permissions: string[]; data_scope: string }>(
      'SELECT code, name, name_en, builtin, permissions, data_scope FROM roles ORDER BY builtin DESC, code',
    );
    return r.rows.map((x) => ({ code: x.code, name: x.name, nameEn: x.name_en, builtin: x.builtin, permissions: x.permissions, dataScope: x.data_scope }));
  }

  private checkPermissions(perms: string[]): void {
    const unknown = perms.filter((x) => !isPermission(x));
    if (unknown.length > 0) throw new AppError(E.UNKNOWN_PERMISSION, { unknown });
    assertDutySeparation(perms);
  }

  async createRole(p: Principal, input: { code: string; name: string; nameEn?: string; permissions: string[]; dataScope?: 'region' | 'department' | 'self' }, ctx: RequestContext) {
    authorize(p, 'role:manage');
    this.checkPermissions(input.permissions);
    await this.db.transaction(async (tx) => {
      const exists = await tx.query('SELECT 1 FROM roles WHERE code = $1', [input.code]);
      if (exists.rowCount > 0) throw new AppError(E.ROLE_EXISTS);
      await tx.query('INSERT INTO roles (code, name, name_en, permissions, data_scope) VALUES ($1, $2, $3, $4, $5)', [input.code, input.name, input.nameEn ?? input.name, [...new Set(input.permissions)], input.dataScope ?? 'department']);
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'role.create', objectType: 'role', objectId: input.code, result: 'success', detail: { permissions: input.permissions } });
    });
  }

  /** Changes a custom role; refused when any holder of it would then combine administrator duties. */
  async updateRole(p: Principal, code: string, input: { name: string; nameEn?: string; permissions: string[]; dataScope?: 'region' | 'department' | 'self' }, ctx: RequestContext) {
    authorize(p, 'role:manage');
    this.checkPermissions(input.permissions);
    await this.db.transaction(async (tx) => {
      const r = await tx.query<{ builtin: boolean; permissions: string[] }>('SELECT builtin, permissions FROM roles WHERE code = $1 FOR UPDATE', [code]);
      const role = r.rows[0];
      if (!role) throw new AppError(E.ROLE_NOT_FOUND);
      if (role.builtin) throw new AppError(E.ROLE_BUILTIN);
      await tx.query('UPDATE roles SET name = $2, name_en = $3, permissions = $4, data_scope = COALESCE($5, data_scope), updated_at = now() WHERE code = $1', [code, input.name, input.nameEn ?? input.name, [...new Set(input.permissions)], input.dataScope ?? null]);
      const holders = await tx.query<{ user_id: string; perms: string[] }>(
        `SELECT ur.user_id, array_agg(DISTINCT perm) AS perms
           FROM user_roles ur JOIN user_roles mine ON mine.user_id = ur.user_id AND mine.role_code = $1
           JOIN roles r ON r.code = ur.role_code, unnest(r.permissions) AS perm
          GROUP BY ur.user_id`,
        [code],
      );
      for (const h of holders.rows) assertDutySeparation(h.perms);
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'role.update', objectType: 'role', objectId: code, result: 'success', detail: { before: role.permissions, after: input.permissions } });
    });
  }

  /** Replaces a user's roles. Nobody grants to themselves; the result must keep duties separate. */
  async setUserRoles(p: Principal, userId: string, roles: string[], ctx: RequestContext) {
    authorize(p, 'role:manage');
    if (userId === p.userId) throw new AppError(E.SELF_GRANT_FORBIDDEN);
    await this.db.transaction(async (tx) => {
      const target = await this.userInRegion(tx, p, userId);
      const unique = [...new Set(roles)];
      const found = await tx.query<{ code: string; permissions: string[] }>('SELECT code, permissions FROM roles WHERE code = ANY($1::text[])', [unique]);
      const missing = unique.filter((c) => !found.rows.some((r) => r.code === c));
      if (missing.length > 0) throw new AppError(E.UNKNOWN_ROLE, { unknown: missing });
      assertDutySeparation(found.rows.flatMap((r) => r.permissions));
      const before = await tx.query<{ role_code: string }>('SELECT role_code FROM user_roles WHERE user_id = $1 ORDER BY role_code', [userId]);
      await tx.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
      for (const c of unique) await tx.query('INSERT INTO user_roles (user_id, role_code, region_code, granted_by) VALUES ($1, $2, $3, $4)', [userId, c, p.regionCode, p.userId]);
      // Grants change what a session may do: end the user's sessions so the new grants apply at once.
      await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await this.audit.record(tx, { ...this.base(p, ctx), action: 'user.roles', objectType: 'user', objectId: userId, result: 'success', detail: { username: target.username, before: before.rows.map((r) => r.role_code), after: unique } });
    });
  }
}
