import type { ReactNode } from 'react';
import { Card, Flex, Layout, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/LangContext.ts';

export interface LoginShellProps {
  title: string;
  children: ReactNode;
  /** Links under the card, e.g. back to the portal. */
  footer?: ReactNode;
}

/** Centred card with the system name and language switch, used by every sign-in step. */
export function LoginShell({ title, children, footer }: LoginShellProps) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #e6f0ff 0%, #f5f5f5 60%)' }}>
      <Layout.Header style={{ background: 'transparent', height: 'auto', lineHeight: 1.4, padding: '12px 16px' }}>
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Link to="/" style={{ color: '#1f1f1f' }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
          </Link>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ display: 'flex', justifyContent: 'center', padding: '24px 16px' }}>
        <div style={{ width: '100%', maxWidth: 420 }}>
          <Card>
            <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, marginBottom: 20, textAlign: 'center' }}>
              {title}
            </Typography.Title>
            {children}
          </Card>
          <div style={{ marginTop: 16, textAlign: 'center' }}>
            {footer ?? <Link to="/">{t('login.backToPortal')}</Link>}
          </div>
        </div>
      </Layout.Content>
    </Layout>
  );
}
