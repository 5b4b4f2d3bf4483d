import { useState } from 'react';
import { Button, Empty, List, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import type { DraftSummary } from '../types.ts';
import { useHallApi } from '../useHallApi.ts';

/** 我的草稿: unfinished applications, resumed where they were left. */
export function DraftsPage() {
  const { t, time } = useI18n();
  const { data, error, loading, reload } = useHallApi<DraftSummary[]>('/api/portal/drafts');
  const [deleteError, setDeleteError] = useState<unknown>();
  return (
    <>
      <PageHeading title={t('hall.drafts.title')} description={t('hall.drafts.desc')} />
      {error && <ProblemAlert error={error} onRetry={reload} />}
      {deleteError !== undefined && <ProblemAlert error={deleteError} />}
      {loading && !data && <Loading />}
      {data && data.length === 0 && <Empty description={t('hall.drafts.none')} />}
      {data && data.length > 0 && (
        <List
          bordered
          dataSource={data}
          renderItem={(d) => (
            <List.Item
              actions={[
                <LinkButton key="resume" type="primary" size="small" to={`/hall/apply/${encodeURIComponent(d.itemCode)}?draft=${encodeURIComponent(d.id)}`}>
                  {t('hall.drafts.resume')}
                </LinkButton>,
                <Popconfirm
                  key="delete"
                  title={t('hall.drafts.deleteConfirm')}
                  okText={t('hall.drafts.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    setDeleteError(undefined);
                    try {
                      await api(`/api/portal/drafts/${encodeURIComponent(d.id)}`, { method: 'DELETE' });
                      reload();
                    } catch (cause) {
                      setDeleteError(cause);
                    }
                  }}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('hall.drafts.deleteOf', { name: d.itemName })} />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta title={d.itemName} description={t('hall.drafts.updated', { at: time(d.updatedAt) })} />
            </List.Item>
          )}
        />
      )}
    </>
  );
}
