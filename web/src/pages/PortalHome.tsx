import { Card, Flex, Layout, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { homePath } from '../auth/faces.tsx';
import { useMe } from '../auth/MeContext.ts';
import { LinkButton } from '../components/LinkButton.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { useI18n } from '../i18n/LangContext.ts';

/** Public home (网上办事大厅); needs no sign-in. */
export function PortalHome() {
  const { t } = useI18n();
  const { state } = useMe();
  const me = state.status === 'ready' ? state.me : undefined;
  // The region name is only known from a session; anonymous visitors see the generic name.
  const bureau = me?.regionName ? t('app.bureau', { region: me.regionName }) : t('app.bureauGeneric');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#003a8c', height: 'auto', lineHeight: 1.4, padding: '12px 24px' }}>
        <Flex align="center" justify="space-between" gap={12} wrap>
          <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
            {bureau} · {t('app.name')}
          </Typography.Text>
          <Flex align="center" gap={12}>
            <LanguageSwitch />
            <LinkButton to={me ? homePath(me.faces) : '/login'} ghost icon={<LoginOutlined />}>
              {me ? t('portal.toOffice') : t('portal.staffLogin')}
            </LinkButton>
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 16px', maxWidth: 1080, width: '100%', margin: '0 auto' }}>
        <PageHeading title={t('portal.title')} description={t('portal.desc')} />
        <Card>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('portal.coming')}</Typography.Paragraph>
        </Card>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#595959' }}>
        {bureau} · {t('app.name')}
      </Layout.Footer>
    </Layout>
  );
}
