import { Col, Empty, Flex, Input, Radio, Row, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { GuideCard } from '../GuideCard.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { useLocalName } from '../bits.tsx';
import type { GuideList } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

/** 办事指南: the public catalogue, searchable and filtered by theme and audience (kept in the URL). */
export function GuidesPage() {
  const { t } = useI18n();
  const name = useLocalName();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const theme = params.get('theme') ?? '';
  const audience = params.get('audience') ?? '';
  const { data, error, loading, reload } = useHallApi<GuideList>('/api/portal/guides', { q: q || undefined, theme: theme || undefined, audience: audience || undefined });

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeading title={t('hall.guides.title')} description={t('hall.guides.desc')} />
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          enterButton={t('common.search')}
          placeholder={t('hall.guides.searchPlaceholder')}
          aria-label={t('hall.guides.search')}
          onSearch={(value) => set('q', value.trim())}
        />
        <div role="group" aria-label={t('hall.guides.theme')}>
          <Typography.Text strong style={{ marginInlineEnd: 8 }}>
            {t('hall.guides.theme')}
          </Typography.Text>
          <Radio.Group value={theme} onChange={(e) => set('theme', e.target.value as string)} optionType="button" size="small" style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
            <Radio.Button value="">{t('hall.guides.all')}</Radio.Button>
            {(data?.themes ?? []).map((th) => (
              <Radio.Button key={th.code} value={th.code}>
                {name(th.name, th.nameEn)} ({th.count})
              </Radio.Button>
            ))}
          </Radio.Group>
        </div>
        <div role="group" aria-label={t('hall.guides.audience')}>
          <Typography.Text strong style={{ marginInlineEnd: 8 }}>
            {t('hall.guides.audience')}
          </Typography.Text>
          <Radio.Group value={audience} onChange={(e) => set('audience', e.target.value as string)} optionType="button" size="small">
            <Radio.Button value="">{t('hall.guides.all')}</Radio.Button>
            <Radio.Button value="person">{t('hall.audience.person')}</Radio.Button>
            <Radio.Button value="organisation">{t('hall.audience.organisation')}</Radio.Button>
          </Radio.Group>
        </div>
      </Flex>
      {error && <ProblemAlert error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <section aria-label={t('hall.guides.results')} aria-busy={loading}>
          <Typography.Paragraph role="status">{t('hall.guides.count', { n: data.items.length })}</Typography.Paragraph>
          {data.items.length === 0 ? (
            <Empty description={t('hall.guides.none')} />
          ) : (
            <Row gutter={[12, 12]}>
              {data.items.map((item) => (
                <Col key={item.code} xs={24} md={12} lg={8}>
                  <GuideCard item={item} />
                </Col>
              ))}
            </Row>
          )}
        </section>
      )}
    </>
  );
}
