import { Button, Form, Input } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';

export interface CodeFormProps {
  submitLabel: string;
  pending: boolean;
  onSubmit: (code: string) => void;
}

/** A single 6-digit TOTP field (`#code`) with its submit button. */
export function CodeForm({ submitLabel, pending, onSubmit }: CodeFormProps) {
  const { t } = useI18n();
  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={({ code }) => onSubmit(code.trim())}
    >
      <Form.Item
        label={t('mfa.code')}
        name="code"
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeInvalid') }]}
      >
        <Input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          size="large"
          style={{ letterSpacing: '0.3em', fontFamily: 'monospace' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending}>
        {submitLabel}
      </Button>
    </Form>
  );
}
