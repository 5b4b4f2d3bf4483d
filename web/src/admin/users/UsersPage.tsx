import { useCallback, useState } from 'react';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { listOf, localName, type AdminUser } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { InitialPasswordModal, type IssuedPassword } from './InitialPasswordModal.tsx';
import { UserActions } from './UserActions.tsx';
import { UserStatus } from './UserStatus.tsx';

/** /admin/users: staff accounts from GET /api/admin/users. */
export function UsersPage() {
  const { t, time, lang } = useI18n();
  const users = useApi<AdminUser[] | { items: AdminUser[] }>('/api/admin/users');
  const [creating, setCreating] = useState(false);
  // A new key per opening gives the create form a fresh state (no stale errors).
  const [createKey, setCreateKey] = useState(0);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const { reload } = users;

  const onPasswordIssued = useCallback((name: string, password: string) => setIssued({ name, password }), []);
  const onCreated = useCallback(
    (name: string, password: string) => {
      setCreating(false);
      setIssued({ name, password });
      reload();
    },
    [reload],
  );

  const columns: TableColumnsType<AdminUser> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.department'), key: 'department', render: (_, u) => (u.department ? localName(u.department, lang) : '') },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.roles.map((role) => (
            <Tag key={role.code}>{localName(role, lang)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.status'), key: 'status', render: (_, u) => <UserStatus user={u} /> },
    { title: t('users.lastLoginAt'), key: 'lastLoginAt', render: (_, u) => time(u.lastLoginAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => <UserActions user={u} onChanged={reload} onPasswordIssued={onPasswordIssued} />,
    },
  ];

  return (
    <>
      <PageHeading
        title={t('face.admin-users')}
        description={t('users.desc')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => {
              setCreateKey((k) => k + 1);
              setCreating(true);
            }}>
            {t('users.create')}
          </Button>
        }
      />
      {users.error && <ProblemAlert error={users.error} onRetry={reload} />}
      <Table<AdminUser>
        rowKey={(u) => String(u.id)}
        columns={columns}
        dataSource={listOf(users.data)}
        loading={users.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        style={{ marginTop: users.error ? 16 : 0 }}
      />
      <CreateUserModal key={createKey} open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
      <InitialPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
