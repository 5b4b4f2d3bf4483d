import { useEffect, type ReactNode } from 'react';
import { Badge, Button, ConfigProvider, Flex, Space, Typography } from 'antd';
import { FontSizeOutlined, BgColorsOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, NavLink, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { useDisplaySettings } from './accessibility.ts';
import { useApplicant } from './ApplicantContext.ts';
import { ApplicantProvider } from './ApplicantProvider.tsx';
import { registerServiceWorker } from './registerServiceWorker.ts';
import { hallTheme } from './theme.ts';
import { useHallApi } from './useHallApi.ts';
import type { MessagePage } from './types.ts';
import './hall.css';

function UnreadBadge() {
  const { t } = useI18n();
  const location = useLocation();
  const { data, reload } = useHallApi<MessagePage>('/api/portal/messages', { unread: 'true', pageSize: 1 });
  // Reading a message on one page changes the count: ask again on every navigation.
  useEffect(() => reload(), [location.pathname, reload]);
  const unread = data?.unread ?? 0;
  return (
    <NavLink to="/hall/messages" aria-label={unread ? t('hall.nav.messagesUnread', { count: unread }) : t('hall.nav.messages')}>
      <Badge count={unread} size="small" offset={[8, -2]} color="#d4380d">
        <span style={{ color: '#fff' }}>{t('hall.nav.messages')}</span>
      </Badge>
    </NavLink>
  );
}

function Header() {
  const { t } = useI18n();
  const { state, logout } = useApplicant();
  const display = useDisplaySettings();
  const navigate = useNavigate();
  const me = state.status === 'ready' ? state.me : undefined;
  const acting = me?.actingFor;
  return (
    <header className="hall-header">
      <Flex vertical gap={8} style={{ maxWidth: 1120, margin: '0 auto' }}>
        <Flex align="center" justify="space-between" gap={8} wrap>
          <Link to="/" className="hall-brand">
            {t('hall.brand')}
          </Link>
          <Space wrap size={8}>
            <Button
              size="small"
              className="hall-header-btn"
              icon={<FontSizeOutlined />}
              aria-pressed={display.largeText}
              onClick={display.toggleLargeText}
              data-testid="toggle-large-text"
            >
              {t('hall.display.largeText')}
            </Button>
            <Button
              size="small"
              className="hall-header-btn"
              icon={<BgColorsOutlined />}
              aria-pressed={display.highContrast}
              onClick={display.toggleHighContrast}
              data-testid="toggle-high-contrast"
            >
              {t('hall.display.highContrast')}
            </Button>
            <LanguageSwitch />
          </Space>
        </Flex>
        <Flex align="center" justify="space-between" gap={8} wrap>
          <nav aria-label={t('hall.nav.label')} className="hall-nav">
            <NavLink to="/" end>{t('hall.nav.home')}</NavLink>
            <NavLink to="/guides">{t('hall.nav.guides')}</NavLink>
            <NavLink to="/progress">{t('hall.nav.progress')}</NavLink>
            {me && <NavLink to="/hall/cases">{t('hall.nav.cases')}</NavLink>}
            {me && <NavLink to="/hall/drafts">{t('hall.nav.drafts')}</NavLink>}
            {me && <UnreadBadge />}
          </nav>
          {me ? (
            <Space size={8} wrap>
              <Typography.Text style={{ color: '#fff' }} data-testid="applicant-name">
                <UserOutlined /> {acting ? t('hall.actingFor', { name: me.name, org: acting.name }) : me.name}
              </Typography.Text>
              <Button
                size="small"
                className="hall-header-btn"
                icon={<LogoutOutlined />}
                onClick={() => {
                  void logout().then(() => navigate('/'));
                }}
              >
                {t('hall.logout')}
              </Button>
            </Space>
          ) : (
            state.status === 'anonymous' && (
              <Space size={12} wrap>
                <Link to="/hall/login">{t('hall.login')}</Link>
                <Link to="/hall/register">{t('hall.register')}</Link>
              </Space>
            )
          )}
        </Flex>
      </Flex>
    </header>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const display = useDisplaySettings();
  return <ConfigProvider theme={hallTheme(display)}>{children}</ConfigProvider>;
}

/** The hall's page frame: header with navigation and display settings, the page, the footer. */
export function HallFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    registerServiceWorker();
  }, []);
  return (
    <ApplicantProvider>
      <Themed>
        <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
          <a href="#hall-main" className="hall-skip">
            {t('hall.skipToContent')}
          </a>
          <Header />
          <main id="hall-main" className="hall-main" style={{ flex: 1 }}>
            {children}
          </main>
          <footer className="hall-footer">
            <Typography.Text type="secondary">
              {t('app.bureauGeneric')} · {t('app.name')}
            </Typography.Text>{' '}
            <Link to="/login" style={{ marginInlineStart: 12 }}>
              {t('hall.staffLogin')}
            </Link>
          </footer>
        </div>
      </Themed>
    </ApplicantProvider>
  );
}
