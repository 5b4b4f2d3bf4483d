import { useState } from 'react';
import { Button, Card, Divider, Form, Input, Tabs, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { useApplicant } from '../ApplicantContext.ts';
import { isMobile } from '../idNumber.ts';
import { safeReturn } from '../RequireApplicant.tsx';
import { SmsCodeField } from '../SmsCodeField.tsx';
import { useSmsCode } from '../useSmsCode.ts';

function PasswordForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  return (
    <Form<{ account: string; password: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={async (v) => {
        setPending(true);
        setError(undefined);
        try {
          await api('/api/portal/auth/login', { method: 'POST', body: { account: v.account.trim(), password: v.password } });
          await onDone();
        } catch (cause) {
          setError(cause);
        } finally {
          setPending(false);
        }
      }}
    >
      <Form.Item name="account" label={t('hall.login.account')} rules={[{ required: true, whitespace: true, message: t('hall.login.accountRequired') }]}>
        <Input autoComplete="username" maxLength={32} />
      </Form.Item>
      <Form.Item name="password" label={t('hall.login.password')} rules={[{ required: true, message: t('hall.login.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" maxLength={256} />
      </Form.Item>
      {error !== undefined && <div style={{ marginBottom: 16 }}><ProblemAlert error={error} /></div>}
      <Button type="primary" htmlType="submit" block loading={pending}>
        {t('hall.login.submit')}
      </Button>
    </Form>
  );
}

function SmsForm({ onDone }: { onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const sms = useSmsCode('login');
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={async (v) => {
        setPending(true);
        setError(undefined);
        try {
          await api('/api/portal/auth/login/sms', { method: 'POST', body: { phone: v.phone.trim(), code: v.code.trim() } });
          await onDone();
        } catch (cause) {
          setError(cause);
        } finally {
          setPending(false);
        }
      }}
    >
      <Form.Item name="phone" label={t('hall.login.phone')} rules={[{ required: true, validator: async (_, v: string | undefined) => { if (!v || !isMobile(v.trim())) throw new Error(t('hall.register.phoneInvalid')); } }]}>
        <Input autoComplete="tel" inputMode="numeric" maxLength={11} />
      </Form.Item>
      <SmsCodeField form={form} sms={sms} name="code" />
      {error !== undefined && <div style={{ marginBottom: 16 }}><ProblemAlert error={error} /></div>}
      <Button type="primary" htmlType="submit" block loading={pending}>
        {t('hall.login.submit')}
      </Button>
    </Form>
  );
}

/** 申请人登录: password or SMS code, or the provincial unified identity service (统一身份认证). */
export function HallLoginPage() {
  const { t } = useI18n();
  const { reload } = useApplicant();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const target = safeReturn(params.get('from'));
  const onDone = async () => {
    await reload();
    navigate(target, { replace: true });
  };
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <PageHeading title={t('hall.login.title')} description={t('hall.login.desc')} />
      <Card size="small">
        <Tabs
          items={[
            { key: 'password', label: t('hall.login.byPassword'), children: <PasswordForm onDone={onDone} /> },
            { key: 'sms', label: t('hall.login.bySms'), children: <SmsForm onDone={onDone} /> },
          ]}
        />
        <Divider plain>{t('hall.login.or')}</Divider>
        <Button block size="large" icon={<SafetyCertificateOutlined />} href="/api/portal/auth/oidc/start">
          {t('hall.login.oidc')}
        </Button>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          {t('hall.login.noAccount')} <Link to="/hall/register">{t('hall.register')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
