import { Tabs } from 'antd';
import { listOf, type AdminUser, type Permission, type Role } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { AssignRoles } from './AssignRoles.tsx';
import { RolesTab } from './RolesTab.tsx';

type List<T> = T[] | { items: T[] };

/** /admin/roles: roles, the permission catalogue and role assignment. */
export function RolesPage() {
  const { t } = useI18n();
  const roles = useApi<List<Role>>('/api/admin/roles');
  const permissions = useApi<List<Permission>>('/api/admin/permissions');
  const users = useApi<List<AdminUser>>('/api/admin/users');
  const failed = [roles, permissions, users].filter((state) => state.error);

  return (
    <>
      <PageHeading title={t('face.admin-roles')} description={t('roles.desc')} />
      {failed.map((state, index) => (
        <div key={index} style={{ marginBottom: 16 }}>
          <ProblemAlert error={state.error} onRetry={state.reload} />
        </div>
      ))}
      <Tabs
        items={[
          {
            key: 'roles',
            label: t('roles.tabRoles'),
            children: (
              <RolesTab
                roles={listOf(roles.data)}
                catalogue={listOf(permissions.data)}
                loading={roles.loading || permissions.loading}
                onChanged={roles.reload}
              />
            ),
          },
          {
            key: 'assign',
            label: t('roles.tabAssign'),
            children: (
              <AssignRoles
                users={listOf(users.data)}
                roles={listOf(roles.data)}
                loading={users.loading}
                onSaved={users.reload}
              />
            ),
          },
        ]}
      />
    </>
  );
}
