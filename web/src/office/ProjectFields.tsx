import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { FormField } from './types.ts';

function control(f: FormField, lang: 'zh' | 'en') {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea maxLength={f.maxLength} autoSize={{ minRows: 2 }} />;
    case 'number':
      return <InputNumber min={f.min} max={f.max} addonAfter={f.unit} style={{ width: '100%' }} />;
    case 'select':
      return <Select options={(f.options ?? []).map((o) => ({ value: o.value, label: lang === 'en' ? o.labelEn : o.label }))} />;
    case 'date':
      return <Input type="date" />;
    default:
      return <Input maxLength={f.maxLength} />;
  }
}

/** 项目信息: one field per entry of the item's formSchema (form fields under `project`). */
export function ProjectFields({ fields }: { fields: FormField[] }) {
  const { lang } = useI18n();
  return (
    <Row gutter={16}>
      {fields.map((f) => (
        <Col key={f.key} xs={24} md={f.type === 'textarea' ? 24 : 12}>
          <Form.Item name={['project', f.key]} label={lang === 'en' ? f.labelEn : f.label} rules={[{ required: f.required }]}>
            {control(f, lang)}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
