import { useState } from 'react';
import { Button, Empty, Flex, List, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { MaterialViewer } from './MaterialViewer.tsx';
import type { CaseDetail } from './types.ts';

/** 材料: every material with its versions; one opened inline. */
export function MaterialsTab({ c }: { c: CaseDetail }) {
  const { t, time } = useI18n();
  const [open, setOpen] = useState<{ fileId: string; name: string }>();
  if (c.materials.length === 0) return <Empty description={t('office.material.none')} />;
  return (
    <Flex vertical gap={16}>
      <List
        size="small"
        bordered
        dataSource={c.materials}
        renderItem={(m) => (
          <List.Item
            actions={
              m.fileId
                ? [
                    <Button key="view" size="small" type="link" onClick={() => setOpen({ fileId: m.fileId!, name: m.name })}>
                      {t('office.material.view')}
                    </Button>,
                  ]
                : []
            }
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text>{m.name}</Typography.Text>
              <Flex gap={4} wrap>
                <Tag>{t('office.material.version', { v: m.version })}</Tag>
                {m.current ? <Tag color="green">{t('office.material.current')}</Tag> : <Tag>{t('office.material.superseded')}</Tag>}
                {!m.fileId && <Tag>{t('office.material.paper')}</Tag>}
                <Typography.Text type="secondary">{time(m.uploadedAt)}</Typography.Text>
              </Flex>
              {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
            </Flex>
          </List.Item>
        )}
      />
      {open && <MaterialViewer key={open.fileId} fileId={open.fileId} name={open.name} />}
    </Flex>
  );
}
