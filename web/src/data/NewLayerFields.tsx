import { Form, Input, Select } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { AccessFields } from './AccessFields.tsx';
import { CATEGORIES, GEOMETRY_KINDS } from './types.ts';

/** Form items of a new layer's definition (name, English name, category, geometry type, access); inside an antd Form. */
export function NewLayerFields() {
  const { t } = useI18n();
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px 0', margin: '0 0 16px' }}>
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 'none' }}>{t('data.define')}</legend>
      <Form.Item label={t('data.name')} name="name" rules={[{ required: true, whitespace: true, max: 60, message: t('data.nameRequired') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('data.nameEn')} name="nameEn" rules={[{ max: 80 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('data.category')} name="category" rules={[{ required: true, message: t('data.categoryRequired') }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`map.category.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('data.geometryType')} name="geometryType" rules={[{ required: true, message: t('data.geometryRequired') }]}>
        <Select options={GEOMETRY_KINDS.map((g) => ({ value: g, label: t(`data.geometry.${g}`) }))} />
      </Form.Item>
      <AccessFields />
    </fieldset>
  );
}
