import { AppError } from '../errors.ts';
import { AuthErrors as E } from './errors.ts';
import { isPermission, PERMISSIONS, type PermissionGroup } from './permissions.ts';
import type { Principal } from './service.ts';

const ADMIN_GROUPS: PermissionGroup[] = ['system', 'security', 'audit'];

function groupsOf(permissions: Iterable<string>): Set<PermissionGroup> {
  const groups = new Set<PermissionGroup>();
  for (const p of permissions) if (isPermission(p)) groups.add(PERMISSIONS[p].group);
  return groups;
}

/** Administrator roles must sign in with a second factor (等保2.0 8.1.4.1 d). */
export function requiresMfa(permissions: Iterable<string>): boolean {
  const groups = groupsOf(permissions);
  return ADMIN_GROUPS.some((g) => groups.has(g));
}

/**
 * 三权分立: a set of permissions (one role's, or the union of a user's roles) may hold at most one
 * administrator group, and an administrator group never together with business permissions.
 */
export function dutySeparationProblem(permissions: Iterable<string>): string | null {
  const groups = groupsOf(permissions);
  const admin = ADMIN_GROUPS.filter((g) => groups.has(g));
  if (admin.length > 1) return `combines ${admin.join(' and ')} administration`;
  if (admin.length === 1 && groups.has('business')) return `combines ${admin[0]} administration with business permissions`;
  return null;
}

export function assertDutySeparation(permissions: Iterable<string>): void {
  const why = dutySeparationProblem(permissions);
  if (why) throw new AppError(E.DUTY_SEPARATION_VIOLATION, {}, `Separation of duties: this ${why}`);
}

/** Throws FORBIDDEN unless the principal holds the permission. */
export function authorize(p: Principal, permission: string): void {
  if (!p.permissions.has(permission)) throw new AppError(E.FORBIDDEN, { permission });
}
