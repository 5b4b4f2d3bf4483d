import { useCallback } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import { listOf, localName, type CodeName, type InitialPasswordResponse } from '../../api/types.ts';
import { useApi } from '../../api/useApi.ts';
import { useSubmit } from '../../api/useSubmit.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';

// Mirrors the server's schema so the user learns the rule before submitting.
const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;

interface NewUser {
  username: string;
  displayName: string;
  departmentCode: string;
}

export interface CreateUserModalProps {
  open: boolean;
  onClose: () => void;
  /** Called with the new user's name and the one-time password the server returned. */
  onCreated: (name: string, initialPassword: string) => void;
}

/** POST /api/admin/users {username, displayName, departmentCode}; departments from GET /api/departments. */
export function CreateUserModal({ open, onClose, onCreated }: CreateUserModalProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const departments = useApi<CodeName[] | { items: CodeName[] }>('/api/departments');
  const submit = useSubmit(
    useCallback(
      async (values: NewUser) => {
        const result = await api<InitialPasswordResponse>('/api/admin/users', { method: 'POST', body: values });
        form.resetFields();
        onCreated(values.displayName || values.username, result.initialPassword);
      },
      [form, onCreated],
    ),
  );

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submit.pending}
      forceRender
    >
      {!!submit.error && <ProblemAlert error={submit.error} />}
      {departments.error && <ProblemAlert error={departments.error} onRetry={departments.reload} />}
      <Form<NewUser>
        form={form}
        name="createUser"
        layout="vertical"
        onFinish={(values) => void submit.run(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          label={t('users.username')}
          name="username"
          rules={[{ required: true, pattern: USERNAME, message: t('users.usernameRequired') }]}
          extra={t('users.usernameRule')}
        >
          <Input name="username" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('users.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input name="displayName" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('users.department')}
          name="departmentCode"
          rules={[{ required: true, message: t('users.departmentRequired') }]}
        >
          <Select
            loading={departments.loading}
            showSearch={{ optionFilterProp: 'label' }}
            options={listOf(departments.data).map((d) => ({ value: d.code, label: localName(d, lang) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
