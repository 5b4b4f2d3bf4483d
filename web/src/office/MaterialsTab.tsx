import { useState } from 'react';
import { Button, Empty, Flex, List, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { MaterialViewer } from './MaterialViewer.tsx';
import { MaterialUpload } from './MaterialUpload.tsx';
import type { CaseDetail, ItemMaterial } from './types.ts';

export interface MaterialsTabProps {
  c: CaseDetail;
  materials: ItemMaterial[];
  onChanged: () => void;
}

/**
 * 材料: every material with its versions, one opened inline; while the server lets the applicant
 * resubmit (补正), new versions are uploaded here.
 */
export function MaterialsTab({ c, materials, onChanged }: MaterialsTabProps) {
  const { t, time } = useI18n();
  const [open, setOpen] = useState<{ fileId: string; name: string }>();
  const canUpload = c.allowedActions.some((a) => a.action === 'resubmit');
  const uploader = canUpload ? <MaterialUpload caseId={c.id} materials={materials} onUploaded={onChanged} /> : null;
  if (c.materials.length === 0) return uploader ?? <Empty description={t('office.material.none')} />;
  return (
    <Flex vertical gap={16}>
      {uploader}
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
