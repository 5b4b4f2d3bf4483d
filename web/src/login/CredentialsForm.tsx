import { useCallback } from 'react';
import { Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import type { LoginStage, StageResponse } from '../api/types.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { LoginProblem } from './LoginProblem.tsx';

interface Credentials {
  username: string;
  password: string;
}

export interface CredentialsFormProps {
  /** Called with the stage the server answered and the username used. */
  onStage: (stage: LoginStage | undefined, username: string) => Promise<void>;
}

/** Username and password; POST /api/auth/login. Field ids are `username` and `password`. */
export function CredentialsForm({ onStage }: CredentialsFormProps) {
  const { t } = useI18n();
  const submit = useSubmit(
    useCallback(
      async (values: Credentials) => {
        const result = await api<StageResponse | undefined>('/api/auth/login', { method: 'POST', body: values });
        await onStage(result?.stage, values.username);
      },
      [onStage],
    ),
  );

  return (
    <>
      <LoginProblem error={submit.error} />
      {/* No form name: antd then uses the field names as input ids (#username, #password). */}
      <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => void submit.run(values)}>
        <Form.Item
          label={t('login.username')}
          name="username"
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input name="username" prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password name="password" prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submit.pending}>
          {t('login.submit')}
        </Button>
      </Form>
    </>
  );
}
