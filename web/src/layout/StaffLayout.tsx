import { useState } from 'react';
import { Drawer, Grid, Layout } from 'antd';
import { Outlet } from 'react-router-dom';
import { useMe } from '../auth/MeContext.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { AppHeader } from './AppHeader.tsx';
import { NavMenu } from './NavMenu.tsx';
import { PasswordExpiryNotice } from './PasswordExpiryNotice.tsx';
import { LastLoginText, UserSummary } from './UserSummary.tsx';

/** Frame for signed-in staff: header, face navigation (a drawer on phones) and the page. */
export function StaffLayout() {
  const { state } = useMe();
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  if (state.status !== 'ready') return null;
  const { me } = state;
  // Before the first measurement `md` is undefined; assume a desktop until told otherwise.
  const compact = screens.md === false;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!compact && (
        <Layout.Sider theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
          <nav aria-label={t('layout.menu')} style={{ paddingTop: 8 }}>
            <NavMenu faces={me.faces} />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <AppHeader me={me} compact={compact} onOpenMenu={() => setDrawerOpen(true)} />
        {compact && (
          <div style={{ padding: '4px 12px', background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}>
            <LastLoginText me={me} />
          </div>
        )}
        <Layout.Content style={{ padding: compact ? 12 : 24 }}>
          <PasswordExpiryNotice expiresAt={me.passwordExpiresAt} />
          <Outlet />
        </Layout.Content>
      </Layout>
      {compact && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('layout.menu')}
          size={280}
        >
          <div style={{ marginBottom: 16 }}>
            <UserSummary me={me} align="start" />
          </div>
          <nav aria-label={t('layout.menu')}>
            <NavMenu faces={me.faces} onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      )}
    </Layout>
  );
}
