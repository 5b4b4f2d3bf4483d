import { List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { useServiceItems } from './useServiceItems.ts';

/** 流程定义 (/office/processes): the service items, each leading to its process diagram. */
export function ProcessesPage() {
  const { t, lang } = useI18n();
  const { items, error, loading, reload } = useServiceItems();
  return (
    <>
      <PageHeading title={t('office.processes')} description={t('office.process.desc')} />
      {error && <ProblemAlert error={error} onRetry={reload} />}
      <List
        bordered
        loading={loading}
        dataSource={items ?? []}
        renderItem={(i) => (
          <List.Item>
            <Link to={`/office/processes/${i.code}`}>
              <Tag>{i.code}</Tag>
              <Typography.Text>{lang === 'en' ? i.guide.nameEn : i.guide.name}</Typography.Text>
            </Link>
          </List.Item>
        )}
      />
    </>
  );
}
