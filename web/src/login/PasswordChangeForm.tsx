import { useCallback } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { api } from '../api/client.ts';
import type { LoginStage, StageResponse } from '../api/types.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { LoginProblem } from './LoginProblem.tsx';
import { passwordIssue } from './passwordRule.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export interface PasswordChangeFormProps {
  username: string;
  onStage: (stage: LoginStage | undefined) => Promise<void>;
}

/** Forced password change; POST /api/auth/password {currentPassword, newPassword}. */
export function PasswordChangeForm({ username, onStage }: PasswordChangeFormProps) {
  const { t } = useI18n();
  const submit = useSubmit(
    useCallback(
      async ({ currentPassword, newPassword }: PasswordValues) => {
        const result = await api<StageResponse | undefined>('/api/auth/password', {
          method: 'POST',
          body: { currentPassword, newPassword },
        });
        await onStage(result?.stage);
      },
      [onStage],
    ),
  );

  return (
    <>
      <Alert type="info" showIcon title={t('pwd.intro')} style={{ marginBottom: 16 }} />
      <LoginProblem error={submit.error} />
      <Form<PasswordValues> layout="vertical" requiredMark={false} onFinish={(values) => void submit.run(values)}>
        {/* Lets password managers tie the new password to the account. */}
        <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
        <Form.Item
          label={t('pwd.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('pwd.required') }]}
        >
          <Input.Password name="currentPassword" autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('pwd.new')}
          name="newPassword"
          extra={t('pwd.rule')}
          rules={[
            { required: true, message: t('pwd.required') },
            {
              validator: async (_rule, value: string | undefined) => {
                const issue = value ? passwordIssue(value, username) : undefined;
                if (issue) throw new Error(t(issue === 'tooWeak' ? 'pwd.tooWeak' : 'pwd.containsUsername'));
              },
            },
          ]}
        >
          <Input.Password name="newPassword" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('pwd.confirm')}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('pwd.required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('pwd.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password name="confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.pending}>
          {t('pwd.submit')}
        </Button>
      </Form>
    </>
  );
}
