import { useCallback, useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import { localName, type Permission, type Role } from '../../api/types.ts';
import { useSubmit } from '../../api/useSubmit.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { PermissionPicker } from './PermissionPicker.tsx';

/** `create` a role, `edit` a custom one, or `view` a built-in one (read-only). */
export type RoleEditorTarget = { mode: 'create' } | { mode: 'edit' | 'view'; role: Role };

interface RoleValues {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

// Mirrors the server's schema for role codes.
const ROLE_CODE = /^[a-z][a-z0-9_]{1,40}$/;

export interface RoleEditorModalProps {
  target: RoleEditorTarget | null;
  catalogue: Permission[];
  onClose: () => void;
  onSaved: () => void;
}

/** POST /api/admin/roles {code,name,permissions} or PUT /api/admin/roles/:code {name,permissions}. */
export function RoleEditorModal({ target, catalogue, onClose, onSaved }: RoleEditorModalProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<RoleValues>();
  const readOnly = target?.mode === 'view';

  useEffect(() => {
    if (!target) return;
    if (target.mode === 'create') form.setFieldsValue({ code: '', name: '', nameEn: '', permissions: [] });
    else {
      const { code, name, nameEn, permissions } = target.role;
      form.setFieldsValue({ code, name, nameEn: nameEn ?? '', permissions });
    }
  }, [target, form]);

  const submit = useSubmit(
    useCallback(
      async (values: RoleValues) => {
        if (!target || target.mode === 'view') return;
        const nameEn = (values.nameEn ?? '').trim() || undefined;
        const body = { name: values.name.trim(), nameEn, permissions: values.permissions };
        if (target.mode === 'create') {
          await api('/api/admin/roles', { method: 'POST', body: { code: values.code, ...body } });
        } else {
          await api(`/api/admin/roles/${encodeURIComponent(target.role.code)}`, { method: 'PUT', body });
        }
        onSaved();
      },
      [target, onSaved],
    ),
  );

  const title = !target
    ? ''
    : target.mode === 'create'
      ? t('roles.create')
      : t(target.mode === 'edit' ? 'roles.editTitle' : 'roles.viewTitle', { name: localName(target.role, lang) });

  return (
    <Modal
      open={target !== null}
      title={title}
      width={640}
      okText={t('common.save')}
      onOk={() => (readOnly ? onClose() : form.submit())}
      onCancel={onClose}
      cancelButtonProps={readOnly ? { style: { display: 'none' } } : undefined}
      confirmLoading={submit.pending}
      forceRender
    >
      {!!submit.error && <ProblemAlert error={submit.error} />}
      <Form<RoleValues>
        form={form}
        name="role"
        layout="vertical"
        disabled={readOnly}
        onFinish={(values) => void submit.run(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          label={t('roles.code')}
          name="code"
          rules={[{ required: true, pattern: ROLE_CODE, message: t('roles.codeRequired') }]}
        >
          <Input name="code" disabled={target?.mode !== 'create'} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('roles.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}
        >
          <Input name="name" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('roles.nameEn')} name="nameEn">
          <Input name="nameEn" autoComplete="off" lang="en" />
        </Form.Item>
        <Form.Item label={t('roles.permissions')} name="permissions">
          <PermissionPicker catalogue={catalogue} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
