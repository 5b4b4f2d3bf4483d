import { Alert, Button, Form, Input, InputNumber, Radio, Select, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { localName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { NewLayerFields } from './NewLayerFields.tsx';
import { LAYER_CODE, NATIONAL_CODES, type Access, type DataLayer, type GeometryKind, type LayerCategory } from './types.ts';

export interface ImportValues {
  target: 'existing' | 'new';
  existingCode?: string;
  newCode?: string;
  name?: string;
  nameEn?: string;
  category?: LayerCategory;
  geometryType?: GeometryKind;
  access?: Access;
  requiredPermission?: string;
  files?: UploadFile[];
  zone?: number | null;
  sourceLayer?: string;
}

/** Formats the importer reads (decided by content on the server; the extensions only filter the picker). */
const ACCEPT = '.json,.geojson,.zip,.gpkg,.txt';

/** What a new code needs: nothing for a national or existing code, else a definition. */
export function newCodeKind(code: string | undefined, layers: DataLayer[]): 'national' | 'existing' | 'define' {
  const c = code?.trim() ?? '';
  if (layers.some((l) => l.code === c)) return 'existing';
  if (NATIONAL_CODES.includes(c)) return 'national';
  return 'define';
}

export interface ImportFormProps {
  form: FormInstance<ImportValues>;
  layers: DataLayer[];
  onFinish: (values: ImportValues) => void;
}

/** Choose the target layer (existing, or a new code with its definition), the file, and optional zone and source layer. */
export function ImportForm({ form, layers, onFinish }: ImportFormProps) {
  const { t, lang } = useI18n();
  const target = Form.useWatch('target', form);
  const newCode = Form.useWatch('newCode', form);
  const kind = newCodeKind(newCode, layers);
  const validCode = !!newCode && LAYER_CODE.test(newCode.trim());

  return (
    <Form<ImportValues>
      form={form}
      name="importData"
      layout="vertical"
      initialValues={{ target: layers.length ? 'existing' : 'new', access: 'staff' }}
      onFinish={onFinish}
    >
      <Form.Item label={t('data.target')} name="target">
        <Radio.Group
          options={[
            { value: 'existing', label: t('data.targetExisting'), disabled: layers.length === 0 },
            { value: 'new', label: t('data.targetNew') },
          ]}
        />
      </Form.Item>
      {target === 'existing' ? (
        <Form.Item label={t('data.layer')} name="existingCode" rules={[{ required: true, message: t('data.layerRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={layers.map((l) => ({ value: l.code, label: `${l.code} ${localName(l, lang)}` }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            label={t('data.newCode')}
            name="newCode"
            rules={[{ required: true, pattern: LAYER_CODE, message: t('data.codeRule') }]}
            extra={t('data.codeHint')}
            normalize={(v: string) => v.trim()}
          >
            <Input autoComplete="off" />
          </Form.Item>
          {validCode && kind === 'national' && <Alert type="info" showIcon title={t('data.nationalCode')} style={{ marginBottom: 16 }} />}
          {validCode && kind === 'existing' && <Alert type="info" showIcon title={t('data.existingCode')} style={{ marginBottom: 16 }} />}
          {kind === 'define' && <NewLayerFields />}
        </>
      )}
      <Form.Item
        label={t('data.file')}
        name="files"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, type: 'array', min: 1, message: t('data.fileRequired') }]}
        extra={t('data.fileHint')}
      >
        {/* Held in the form; uploaded on submit with progress. */}
        <Upload accept={ACCEPT} maxCount={1} beforeUpload={() => false}>
          <Button icon={<UploadOutlined />}>{t('data.chooseFile')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item label={t('data.zone')} name="zone" extra={t('data.zoneHint')}>
        <InputNumber min={25} max={45} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('data.sourceLayer')} name="sourceLayer" extra={t('data.sourceLayerHint')} rules={[{ max: 100 }]}>
        <Input autoComplete="off" />
      </Form.Item>
    </Form>
  );
}
