import { Button, Checkbox, Flex, List, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorText } from '../api/errorText.ts';
import { uploadFile } from '../data/uploadFile.ts';
import { useI18n } from '../i18n/LangContext.ts';
import type { ItemMaterial } from './types.ts';

export interface MaterialTick {
  checked: boolean;
  fileId?: string;
  fileName?: string;
  uploading?: boolean;
  error?: string;
}

export interface MaterialChecklistProps {
  materials: ItemMaterial[];
  value: Record<string, MaterialTick>;
  onChange: (code: string, tick: MaterialTick) => void;
}

/** The item's 材料清单 with a tick per material received and an optional scanned file. */
export function MaterialChecklist({ materials, value, onChange }: MaterialChecklistProps) {
  const { t, lang } = useI18n();
  return (
    <List
      size="small"
      bordered
      dataSource={materials}
      renderItem={(m) => {
        const v = value[m.code] ?? { checked: false };
        return (
          <List.Item data-testid={`material-${m.code}`}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Checkbox checked={v.checked} onChange={(e) => onChange(m.code, { ...v, checked: e.target.checked })}>
                  {m.name}
                </Checkbox>
                <Flex gap={4} wrap>
                  <Tag color={m.requirement === 'required' ? 'red' : 'default'}>{t(`office.material.${m.requirement}`)}</Tag>
                  <Tag>{t(`office.material.form.${m.form}`)} × {m.count}</Tag>
                </Flex>
              </Flex>
              {m.condition && <Typography.Text type="secondary">{t('office.material.condition', { condition: m.condition })}</Typography.Text>}
              <Flex gap={8} align="center" wrap>
                <Upload
                  showUploadList={false}
                  customRequest={({ file }) => {
                    onChange(m.code, { ...v, uploading: true, error: undefined });
                    uploadFile(file as File)
                      .then((f) => onChange(m.code, { checked: true, fileId: f.id, fileName: (file as File).name }))
                      .catch((e: unknown) => onChange(m.code, { ...v, uploading: false, error: errorText(e, lang, t) }));
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />} loading={v.uploading} aria-label={t('office.material.uploadFor', { name: m.name })}>
                    {t('office.material.upload')}
                  </Button>
                </Upload>
                {v.fileName && <Typography.Text type="success">{v.fileName}</Typography.Text>}
                {v.error && <Typography.Text type="danger">{v.error}</Typography.Text>}
              </Flex>
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}
