import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { useApplicant } from '../ApplicantContext.ts';
import { idNumberProblem, isMobile, normaliseIdNumber, passwordStrongEnough } from '../idNumber.ts';
import { SmsCodeField } from '../SmsCodeField.tsx';
import { useSmsCode } from '../useSmsCode.ts';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  smsCode: string;
  password: string;
  confirm: string;
  email?: string;
}

/** 个人注册: ID number checked here with the GB 11643 check character, the phone proven by an SMS code. */
export function HallRegisterPage() {
  const { t } = useI18n();
  const { reload } = useApplicant();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const sms = useSmsCode('register');
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <PageHeading title={t('hall.register.title')} description={t('hall.register.desc')} />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setPending(true);
            setError(undefined);
            try {
              await api('/api/portal/auth/register', {
                method: 'POST',
                body: { name: v.name.trim(), idNumber: normaliseIdNumber(v.idNumber), phone: v.phone.trim(), smsCode: v.smsCode.trim(), password: v.password, ...(v.email?.trim() ? { email: v.email.trim() } : {}) },
              });
              await reload();
              navigate('/hall/cases', { replace: true });
            } catch (cause) {
              setError(cause);
            } finally {
              setPending(false);
            }
          }}
        >
          <Form.Item name="name" label={t('hall.register.name')} rules={[{ required: true, whitespace: true, message: t('hall.register.nameRequired') }, { max: 100 }]}>
            <Input autoComplete="name" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('hall.register.idNumber')}
            validateFirst
            rules={[
              { required: true, message: t('hall.register.idNumberRequired') },
              {
                validator: async (_, v: string) => {
                  const problem = idNumberProblem(normaliseIdNumber(v ?? ''));
                  if (problem) throw new Error(t(`hall.register.id.${problem}`));
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('hall.register.phone')}
            rules={[{ required: true, validator: async (_, v: string | undefined) => { if (!v || !isMobile(v.trim())) throw new Error(t('hall.register.phoneInvalid')); } }]}
          >
            <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
          </Form.Item>
          <SmsCodeField form={form} sms={sms} name="smsCode" />
          <Form.Item
            name="password"
            label={t('hall.register.password')}
            extra={t('hall.register.passwordRule')}
            rules={[{ required: true, validator: async (_, v: string | undefined) => { if (!v || !passwordStrongEnough(v)) throw new Error(t('hall.register.passwordWeak')); } }]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('hall.register.confirm')}
            dependencies={['password']}
            rules={[{ required: true, validator: async (_, v: string | undefined) => { if (v !== form.getFieldValue('password')) throw new Error(t('hall.register.confirmMismatch')); } }]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item name="email" label={t('hall.register.email')} rules={[{ type: 'email', message: t('hall.register.emailInvalid') }]}>
            <Input autoComplete="email" maxLength={254} />
          </Form.Item>
          {error !== undefined && <div style={{ marginBottom: 16 }}><ProblemAlert error={error} /></div>}
          <Button type="primary" htmlType="submit" block loading={pending}>
            {t('hall.register.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          {t('hall.register.haveAccount')} <Link to="/hall/login">{t('hall.login')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
