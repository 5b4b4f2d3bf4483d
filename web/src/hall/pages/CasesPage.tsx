import { Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import { LightTag, StateTag } from '../bits.tsx';
import type { CaseSummary } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

/** 我的办件: the applicant's cases, newest first. */
export function CasesPage() {
  const { t, time } = useI18n();
  const { data, error, loading, reload } = useHallApi<CaseSummary[]>('/api/portal/cases');
  return (
    <>
      <PageHeading title={t('hall.cases.title')} description={t('hall.cases.desc')} extra={<LinkButton to="/guides" type="primary">{t('hall.cases.new')}</LinkButton>} />
      {error && <ProblemAlert error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.length === 0 && <Empty description={t('hall.cases.none')} />}
      {data && data.length > 0 && (
        <List
          dataSource={data}
          grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          renderItem={(c) => (
            <List.Item>
              <Card size="small" title={<Link to={`/hall/cases/${encodeURIComponent(c.id)}`}>{c.itemName}</Link>}>
                <Space direction="vertical" size={4}>
                  <Typography.Text>{t('hall.apply.caseNo')}：{c.caseNo}</Typography.Text>
                  <Space size={4} wrap>
                    <StateTag state={c.state} name={c.stateName} />
                    <LightTag light={c.light} />
                  </Space>
                  <Typography.Text type="secondary">
                    {t('hall.case.submittedAt')}：{time(c.submittedAt)}
                    {c.dueDate ? ` · ${t('hall.case.dueDate')}：${c.dueDate}` : ''}
                  </Typography.Text>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
