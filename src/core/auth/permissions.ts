/**
 * Permission strings and built-in roles. Three administrator groups implement 三权分立
 * (等保2.0 8.1.5): system (users, configuration), security (roles, permissions), audit (audit
 * log only). No role and no user may combine two groups, nor an administrator group with business
 * permissions; see policies.ts.
 */
export type PermissionGroup = 'system' | 'security' | 'audit' | 'business';

export interface PermissionSpec {
  group: PermissionGroup;
  zh: string;
  en: string;
}

export const PERMISSIONS = {
  'user:manage': { group: 'system', zh: '管理用户账号', en: 'Manage user accounts' },
  'config:manage': { group: 'system', zh: '管理系统配置与工作日历', en: 'Manage configuration and the working-day calendar' },
  'job:manage': { group: 'system', zh: '管理后台任务', en: 'Manage background jobs' },
  'role:manage': { group: 'security', zh: '管理角色与授权', en: 'Manage roles and grants' },
  'security:policy': { group: 'security', zh: '管理安全策略', en: 'Manage security policy' },
  'audit:read': { group: 'audit', zh: '查阅审计日志', en: 'Read the audit log' },
  'audit:verify': { group: 'audit', zh: '校验审计日志完整性', en: 'Verify the audit log chain' },
  'case:register': { group: 'business', zh: '登记办件', en: 'Register cases' },
  'case:accept': { group: 'business', zh: '受理办件', en: 'Accept cases' },
  'case:read': { group: 'business', zh: '查看办件', en: 'Read cases' },
  'case:review': { group: 'business', zh: '承办审查', en: 'Review cases' },
  'case:check': { group: 'business', zh: '审核办件', en: 'Check cases (section head)' },
  'case:decide': { group: 'business', zh: '审批决定', en: 'Decide cases' },
  'case:certify': { group: 'business', zh: '制证送达', en: 'Issue certificates' },
  'item:manage': { group: 'business', zh: '管理事项与流程', en: 'Manage service items and processes' },
  'supervise:read': { group: 'business', zh: '效能监管', en: 'Efficiency supervision' },
  'layer:read': { group: 'business', zh: '浏览图层', en: 'Read spatial layers' },
  'layer:manage': { group: 'business', zh: '管理图层数据', en: 'Manage spatial layers' },
  'layer:export': { group: 'business', zh: '导出空间数据', en: 'Export spatial data' },
  'review:run': { group: 'business', zh: '运行辅助审查', en: 'Run compliance reviews' },
  'rules:manage': { group: 'business', zh: '管理审查规则', en: 'Manage review rules' },
  'share:read': { group: 'business', zh: '浏览共享目录', en: 'Browse the sharing catalogue' },
  'share:manage': { group: 'business', zh: '管理数据共享', en: 'Manage data sharing' },
  'inspection:work': { group: 'business', zh: '外业巡查', en: 'Field inspection' },
  'monitor:read': { group: 'business', zh: '查看机房监控', en: 'Read machine-room monitoring' },
  'monitor:operate': { group: 'business', zh: '处置机房告警', en: 'Handle machine-room alarms' },
  'file:upload': { group: 'business', zh: '上传文件', en: 'Upload files' },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

export interface BuiltinRole {
  code: string;
  name: string;
  nameEn: string;
  dataScope: 'region' | 'department' | 'self';
  permissions: Permission[];
}

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'window_clerk', name: '窗口受理员', nameEn: 'Window clerk', dataScope: 'region', permissions: ['case:register', 'case:accept', 'case:read', 'case:certify', 'layer:read', 'review:run', 'file:upload'] },
  { code: 'case_handler', name: '承办人', nameEn: 'Case handler', dataScope: 'department', permissions: ['case:read', 'case:review', 'layer:read', 'review:run', 'file:upload'] },
  { code: 'section_head', name: '审核人（股室负责人）', nameEn: 'Section head', dataScope: 'department', permissions: ['case:read', 'case:review', 'case:check', 'layer:read', 'review:run', 'file:upload'] },
  { code: 'leader', name: '审批人（分管领导）', nameEn: 'Deputy director in charge', dataScope: 'region', permissions: ['case:read', 'case:decide', 'supervise:read', 'layer:read', 'review:run'] },
  { code: 'director', name: '局长', nameEn: 'Director', dataScope: 'region', permissions: ['case:read', 'case:decide', 'supervise:read', 'layer:read', 'layer:export', 'review:run'] },
  { code: 'item_admin', name: '事项管理员', nameEn: 'Service-item administrator', dataScope: 'region', permissions: ['item:manage', 'case:read', 'supervise:read'] },
  { code: 'data_admin', name: '数据管理员', nameEn: 'Data administrator', dataScope: 'region', permissions: ['layer:read', 'layer:manage', 'layer:export', 'rules:manage', 'share:read', 'file:upload'] },
  { code: 'inspector', name: '执法队员', nameEn: 'Inspector', dataScope: 'department', permissions: ['inspection:work', 'layer:read', 'file:upload'] },
  { code: 'ops_duty', name: '机房值班员', nameEn: 'Machine-room operator', dataScope: 'region', permissions: ['monitor:read', 'monitor:operate'] },
  { code: 'sysadmin', name: '系统管理员', nameEn: 'System administrator', dataScope: 'region', permissions: ['user:manage', 'config:manage', 'job:manage'] },
  { code: 'secadmin', name: '安全管理员', nameEn: 'Security administrator', dataScope: 'region', permissions: ['role:manage', 'security:policy'] },
  { code: 'auditor', name: '审计管理员', nameEn: 'Audit administrator', dataScope: 'region', permissions: ['audit:read', 'audit:verify'] },
];

/** The web faces (navigation entries) and the permissions that open each; the server sends the list. */
const FACES: { face: string; anyOf: Permission[] }[] = [
  { face: 'office', anyOf: ['case:register', 'case:accept', 'case:read', 'item:manage', 'supervise:read'] },
  { face: 'map', anyOf: ['layer:read'] },
  { face: 'data', anyOf: ['layer:manage'] },
  { face: 'share', anyOf: ['share:read', 'share:manage'] },
  { face: 'ops', anyOf: ['monitor:read'] },
  { face: 'm', anyOf: ['inspection:work'] },
  { face: 'admin-users', anyOf: ['user:manage'] },
  { face: 'admin-roles', anyOf: ['role:manage'] },
  { face: 'audit', anyOf: ['audit:read'] },
];

export function facesFor(permissions: ReadonlySet<string>): string[] {
  return FACES.filter((f) => f.anyOf.some((p) => permissions.has(p))).map((f) => f.face);
}
