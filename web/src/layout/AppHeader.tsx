import { Button, Flex, Layout, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Me } from '../api/types.ts';
import { useLogout } from '../auth/useLogout.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { UserSummary } from './UserSummary.tsx';

export interface AppHeaderProps {
  me: Me;
  /** Phone layout: compact title and a button that opens the navigation drawer. */
  compact: boolean;
  onOpenMenu: () => void;
}

/** Top bar of the staff layout: system name, user, language and sign-out. */
export function AppHeader({ me, compact, onOpenMenu }: AppHeaderProps) {
  const { t } = useI18n();
  const logout = useLogout();
  const bureau = me.regionName ? t('app.bureau', { region: me.regionName }) : t('app.bureauGeneric');

  return (
    <Layout.Header
      style={{
        background: '#fff',
        borderBottom: '1px solid #e5e5e5',
        height: 'auto',
        lineHeight: 1.4,
        padding: compact ? '8px 12px' : '8px 24px',
      }}
    >
      <Flex align="center" justify="space-between" gap={12}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {compact && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('layout.openMenu')} onClick={onOpenMenu} />
          )}
          <Link to="/" style={{ minWidth: 0, color: 'inherit' }}>
            <Typography.Text
              strong
              ellipsis
              title={`${bureau} · ${t('app.name')}`}
              style={{ fontSize: compact ? 15 : 17, display: 'block' }}
            >
              {compact ? bureau : `${bureau} · ${t('app.name')}`}
            </Typography.Text>
          </Link>
        </Flex>
        <Flex align="center" gap={compact ? 8 : 16} style={{ flexShrink: 0 }}>
          {!compact && <UserSummary me={me} />}
          <LanguageSwitch />
          <Button
            icon={<LogoutOutlined />}
            onClick={() => void logout()}
            aria-label={compact ? t('layout.logout') : undefined}
          >
            {compact ? null : t('layout.logout')}
          </Button>
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
