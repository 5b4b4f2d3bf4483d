import { Card, Col, Flex, Input, Row, Typography } from 'antd';
import { useNavigate, Link } from 'react-router-dom';
import { LinkButton } from '../components/LinkButton.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { useApplicant } from '../hall/ApplicantContext.ts';
import { useLocalName } from '../hall/bits.tsx';
import { HallFrame } from '../hall/HallFrame.tsx';
import { ProgressForm } from '../hall/ProgressForm.tsx';
import { GuideCard } from '../hall/GuideCard.tsx';
import type { GuideList } from '../hall/types.ts';
import { useHallApi } from '../hall/useHallApi.ts';

const h2 = { fontSize: '1.2em', margin: 0 } as const;

function SignInCard() {
  const { t } = useI18n();
  const { state } = useApplicant();
  if (state.status === 'ready') {
    return (
      <Card title={<Typography.Title level={2} style={h2}>{t('hall.home.mine')}</Typography.Title>} size="small">
        <Typography.Paragraph>{t('hall.home.welcome', { name: state.me.name })}</Typography.Paragraph>
        <Flex gap={8} wrap>
          <LinkButton type="primary" to="/hall/cases">{t('hall.nav.cases')}</LinkButton>
          <LinkButton to="/hall/drafts">{t('hall.nav.drafts')}</LinkButton>
          <LinkButton to="/hall/messages">{t('hall.nav.messages')}</LinkButton>
        </Flex>
      </Card>
    );
  }
  return (
    <Card title={<Typography.Title level={2} style={h2}>{t('hall.home.signIn')}</Typography.Title>} size="small">
      <Typography.Paragraph>{t('hall.home.signInDesc')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <LinkButton type="primary" to="/hall/login">{t('hall.login')}</LinkButton>
        <LinkButton to="/hall/register">{t('hall.register')}</LinkButton>
      </Flex>
    </Card>
  );
}

function HomeContent() {
  const { t } = useI18n();
  const name = useLocalName();
  const navigate = useNavigate();
  const { data } = useHallApi<GuideList>('/api/portal/guides');
  // 全程网办 items first: they are the ones an applicant can finish without a visit.
  const popular = [...(data?.items ?? [])].sort((a, b) => Number(b.onlineDepth === '全程网办') - Number(a.onlineDepth === '全程网办')).slice(0, 6);
  return (
    <Flex vertical gap={20}>
      <section aria-labelledby="hall-home-title" style={{ textAlign: 'center', padding: '12px 0' }}>
        <Typography.Title level={1} id="hall-home-title" style={{ fontSize: '1.8em', marginTop: 0 }}>
          {t('hall.home.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('hall.home.desc')}</Typography.Paragraph>
        <form role="search" aria-label={t('hall.guides.search')} style={{ maxWidth: 640, margin: '0 auto' }} onSubmit={(e) => e.preventDefault()}>
          <Input.Search
            size="large"
            allowClear
            enterButton={t('common.search')}
            placeholder={t('hall.guides.searchPlaceholder')}
            aria-label={t('hall.guides.search')}
            onSearch={(value) => navigate(value.trim() ? `/guides?q=${encodeURIComponent(value.trim())}` : '/guides')}
          />
        </form>
      </section>
      <section aria-labelledby="hall-home-themes">
        <Typography.Title level={2} id="hall-home-themes" style={h2}>
          {t('hall.home.themes')}
        </Typography.Title>
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {(data?.themes ?? []).map((th) => (
            <LinkButton key={th.code} to={`/guides?theme=${th.code}`}>
              {name(th.name, th.nameEn)} ({th.count})
            </LinkButton>
          ))}
          <LinkButton to="/guides" type="link">{t('hall.home.allGuides')}</LinkButton>
        </Flex>
      </section>
      <section aria-labelledby="hall-home-popular">
        <Typography.Title level={2} id="hall-home-popular" style={h2}>
          {t('hall.home.popular')}
        </Typography.Title>
        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          {popular.map((item) => (
            <Col key={item.code} xs={24} md={12} lg={8}>
              <GuideCard item={item} />
            </Col>
          ))}
        </Row>
      </section>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={<Typography.Title level={2} style={h2}>{t('hall.progress.title')}</Typography.Title>} size="small">
            <ProgressForm onSubmit={(q) => navigate(`/progress?no=${encodeURIComponent(q.no)}&code=${encodeURIComponent(q.code)}`)} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <SignInCard />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            <Link to="/hall/drafts">{t('hall.home.resume')}</Link>
          </Typography.Paragraph>
        </Col>
      </Row>
    </Flex>
  );
}

/** Public home (网上办事大厅): search, themes, popular services, progress lookup and sign-in; needs no sign-in. */
export function PortalHome() {
  return (
    <HallFrame>
      <HomeContent />
    </HallFrame>
  );
}
