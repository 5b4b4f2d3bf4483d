/** Shapes of the API responses the web app reads. The server's schemas are the truth. */

export type FaceKey = 'office' | 'map' | 'data' | 'share' | 'ops' | 'm' | 'admin-users' | 'admin-roles' | 'audit';

export interface CodeName {
  code: string;
  /** Chinese name. */
  name: string;
  /** English name, when the server has one. */
  nameEn?: string | null;
}

/** The name to show in the current language: `nameEn` in English when present, else `name`. */
export function localName(item: { name: string; nameEn?: string | null }, lang: 'zh' | 'en'): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

/** GET /api/auth/me */
export interface Me {
  id: string | number;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string | null;
  department: CodeName | null;
  roles: CodeName[];
  permissions: string[];
  /** Faces this user may open, decided by the server. */
  faces: string[];
  lastLogin: { at: string; ip: string } | null;
  passwordExpiresAt: string | null;
  /** Sign-in stage of this session; anything but 'active' means sign-in is not finished. */
  stage?: LoginStage;
}

/** Next step of the login state machine, returned by every /api/auth step. */
export type LoginStage = 'password_change' | 'mfa' | 'mfa_enroll' | 'active';

export interface StageResponse {
  stage?: LoginStage;
}

/** GET /api/auth/mfa/setup */
export interface MfaSetup {
  secret: string;
  uri: string;
}

/** An entry of GET /api/admin/users */
export interface AdminUser {
  id: string | number;
  username: string;
  displayName: string;
  department: CodeName | null;
  roles: CodeName[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
}

export interface InitialPasswordResponse {
  initialPassword: string;
}

/** An entry of GET /api/admin/roles */
export interface Role {
  code: string;
  name: string;
  nameEn?: string | null;
  builtin: boolean;
  permissions: string[];
}

/** An entry of GET /api/admin/permissions */
export interface Permission {
  code: string;
  name: { zh: string; en: string };
  group: string;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  username: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  detail: unknown;
}

/** GET /api/audit */
export interface AuditPage {
  items: AuditEntry[];
  total: number;
}

/** GET /api/audit/verify */
export interface AuditVerify {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  reason?: string;
}

/** Accepts either a bare array or a `{ items }` envelope, so list endpoints may paginate later. */
export function listOf<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
