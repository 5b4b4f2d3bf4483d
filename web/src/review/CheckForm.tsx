import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Segmented, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import { itemNameKey } from './itemName.ts';
import { REVIEW_ITEMS } from './types.ts';

export type CheckInput =
  | { kind: 'file'; itemCode: string; file: File; zone?: number; dxfLayer?: string }
  | { kind: 'geojson'; itemCode: string; text: string };

export interface CheckFormProps {
  pending: boolean;
  onRun: (input: CheckInput) => void;
}

interface Values {
  itemCode: string;
  zone?: number | null;
  dxfLayer?: string;
  geojson?: string;
}

/** Service item, and the boundary as a file (TXT, GeoJSON, zipped Shapefile, DXF) or pasted GeoJSON. */
export function CheckForm({ pending, onRun }: CheckFormProps) {
  const { t } = useI18n();
  const [source, setSource] = useState<'file' | 'geojson'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const finish = (v: Values) => {
    if (source === 'geojson') return onRun({ kind: 'geojson', itemCode: v.itemCode, text: v.geojson ?? '' });
    if (!file) return setFileError(true);
    onRun({ kind: 'file', itemCode: v.itemCode, file, zone: v.zone ?? undefined, dxfLayer: v.dxfLayer?.trim() || undefined });
  };
  return (
    <Card size="small">
      <Form<Values> layout="vertical" initialValues={{ itemCode: 'YDYS' }} onFinish={finish}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="itemCode" label={t('review.check.item')} rules={[{ required: true }]}>
              <Select
                data-testid="item-select"
                options={REVIEW_ITEMS.map((c) => {
                  const key = itemNameKey(c);
                  return { value: c, label: `${c} ${key ? t(key) : ''}` };
                })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('review.check.source')}>
              <Segmented<'file' | 'geojson'>
                value={source}
                onChange={setSource}
                options={[{ value: 'file', label: t('review.check.file') }, { value: 'geojson', label: t('review.check.paste') }]}
              />
            </Form.Item>
          </Col>
        </Row>
        {source === 'file' ? (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('review.check.choose')} extra={t('review.check.fileHint')} validateStatus={fileError ? 'error' : undefined} help={fileError ? t('review.check.needFile') : undefined}>
                <Upload
                  accept=".txt,.geojson,.json,.zip,.dxf"
                  maxCount={1}
                  beforeUpload={(f) => {
                    setFile(f);
                    setFileError(false);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                  fileList={file ? [{ uid: 'boundary', name: file.name, status: 'done' }] : []}
                >
                  <Button icon={<UploadOutlined />} data-testid="choose-file">{t('review.check.choose')}</Button>
                </Upload>
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="zone" label={t('review.check.zone')}>
                <InputNumber min={13} max={45} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="dxfLayer" label={t('review.check.dxfLayer')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item name="geojson" label={t('review.check.geojson')} rules={[{ required: true }]}>
            <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} data-testid="geojson-input" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={pending} data-testid="run-check">{t('review.check.run')}</Button>
      </Form>
    </Card>
  );
}
