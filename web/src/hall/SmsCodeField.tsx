import { Alert, Button, Form, Input, Space, type FormInstance } from 'antd';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import type { useSmsCode } from './useSmsCode.ts';

/**
 * The six-digit SMS code with its "send" button (sent to the form's `phone` once that field is
 * valid, then a countdown), and the sent/failed messages below it.
 */
export function SmsCodeField({ form, sms, name }: { form: FormInstance; sms: ReturnType<typeof useSmsCode>; name: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('hall.login.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name={name} noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('hall.login.codeInvalid') }]}>
            <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} aria-label={t('hall.login.code')} />
          </Form.Item>
          <Button
            disabled={sms.wait > 0}
            loading={sms.pending}
            onClick={async () => {
              try {
                const { phone } = (await form.validateFields(['phone'])) as { phone: string };
                await sms.send(phone.trim());
              } catch {
                // The field shows its own message.
              }
            }}
          >
            {sms.wait > 0 ? t('hall.login.resendIn', { s: sms.wait }) : t('hall.login.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {sms.sent && <Alert type="info" showIcon title={t('hall.login.codeSent')} style={{ marginBottom: 16 }} />}
      {sms.error !== undefined && <div style={{ marginBottom: 16 }}><ProblemAlert error={sms.error} /></div>}
    </>
  );
}
