import { useState } from 'react';
import { App, Button, Flex, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { localName, type Permission, type Role } from '../../api/types.ts';
import { useI18n } from '../../i18n/LangContext.ts';
import { RoleEditorModal, type RoleEditorTarget } from './RoleEditorModal.tsx';

export interface RolesTabProps {
  roles: Role[];
  catalogue: Permission[];
  loading: boolean;
  onChanged: () => void;
}

/** Roles with their permissions; custom roles can be edited, built-in ones only viewed. */
export function RolesTab({ roles, catalogue, loading, onChanged }: RolesTabProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [target, setTarget] = useState<RoleEditorTarget | null>(null);
  const [opening, setOpening] = useState(0);
  const open = (next: RoleEditorTarget) => {
    setOpening((n) => n + 1);
    setTarget(next);
  };
  const names = new Map(catalogue.map((p) => [p.code, p.name[lang]]));

  const columns: TableColumnsType<Role> = [
    { title: t('roles.code'), dataIndex: 'code', key: 'code' },
    { title: t('roles.name'), key: 'name', render: (_, role) => localName(role, lang) },
    {
      title: t('roles.builtin'),
      key: 'builtin',
      render: (_, role) => (role.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      render: (_, role) => (
        <span title={role.permissions.map((code) => names.get(code) ?? code).join('、')}>
          {t('roles.permissionCount', { n: role.permissions.length })}
        </span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, role) => (
        <Button size="small" onClick={() => open({ mode: role.builtin ? 'view' : 'edit', role })}>
          {role.builtin ? t('common.view') : t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create' })}>
          {t('roles.create')}
        </Button>
      </Flex>
      <Table<Role>
        rowKey="code"
        columns={columns}
        dataSource={roles}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <RoleEditorModal
        key={opening}
        target={target}
        catalogue={catalogue}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          void message.success(t('common.saved'));
          onChanged();
        }}
      />
    </>
  );
}
