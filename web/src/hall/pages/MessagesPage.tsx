import { useState } from 'react';
import { Badge, Button, Empty, Flex, List, Segmented, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import type { MessagePage } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

const PAGE_SIZE = 20;

/** 消息: what happened to the applicant's cases, newest first; read ones greyed. */
export function MessagesPage() {
  const { t, time } = useI18n();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useHallApi<MessagePage>('/api/portal/messages', { unread: filter === 'unread' ? 'true' : undefined, page, pageSize: PAGE_SIZE });
  const [actionError, setActionError] = useState<unknown>();
  const act = async (path: string) => {
    setActionError(undefined);
    try {
      await api(path, { method: 'POST' });
      reload();
    } catch (cause) {
      setActionError(cause);
    }
  };
  return (
    <>
      <PageHeading
        title={t('hall.messages.title')}
        description={data ? t('hall.messages.unreadCount', { n: data.unread }) : undefined}
        extra={
          <Button onClick={() => void act('/api/portal/messages/read-all')} disabled={!data?.unread}>
            {t('hall.messages.readAll')}
          </Button>
        }
      />
      <Segmented<'all' | 'unread'>
        aria-label={t('hall.messages.filter')}
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('hall.messages.all') },
          { value: 'unread', label: t('hall.messages.unread') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {(error || actionError !== undefined) && <ProblemAlert error={error ?? actionError} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <Empty description={t('hall.messages.none')} />}
      {data && data.items.length > 0 && (
        <List
          bordered
          dataSource={data.items}
          pagination={data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false } : false}
          renderItem={(m) => (
            <List.Item
              data-testid="message"
              actions={
                m.readAt
                  ? []
                  : [
                      <Button key="read" size="small" onClick={() => void act(`/api/portal/messages/${encodeURIComponent(m.id)}/read`)}>
                        {t('hall.messages.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    {!m.readAt && <Badge status="error" text={<span className="hall-visually-hidden">{t('hall.messages.unread')}</span>} />}
                    <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
                  </Flex>
                }
                description={
                  <>
                    <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>{m.body}</Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {time(m.createdAt)}
                      {m.caseId && m.caseNo && (
                        <>
                          {' · '}
                          <Link to={`/hall/cases/${encodeURIComponent(m.caseId)}`}>{m.caseNo}</Link>
                        </>
                      )}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}
