import { useCallback } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { AccessFields } from './AccessFields.tsx';
import { CATEGORIES, type DataLayer, type LayerSettings } from './types.ts';

interface SettingsValues {
  name: string;
  nameEn?: string;
  category: DataLayer['category'];
  access: DataLayer['access'];
  requiredPermission?: string;
}

export interface LayerSettingsFormProps {
  layer: DataLayer;
  /** Called after the server accepted the change. */
  onSaved: () => void;
}

/** PATCH /api/gis/layers/{code}: name, category, access level and the permission a restricted layer needs. */
export function LayerSettingsForm({ layer, onSaved }: LayerSettingsFormProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const submit = useSubmit(
    useCallback(
      async (values: SettingsValues) => {
        const body: LayerSettings = { name: values.name.trim(), category: values.category, access: values.access };
        if (values.nameEn?.trim()) body.nameEn = values.nameEn.trim();
        // The catalogue does not reveal the permission already set; an empty field keeps it.
        if (values.access === 'restricted' && values.requiredPermission?.trim()) body.requiredPermission = values.requiredPermission.trim();
        await api(`/api/gis/layers/${encodeURIComponent(layer.code)}`, { method: 'PATCH', body });
        void message.success(t('common.saved'));
        onSaved();
      },
      [layer.code, message, onSaved, t],
    ),
  );

  return (
    <Form<SettingsValues>
      form={form}
      name={`layerSettings-${layer.code}`}
      layout="vertical"
      initialValues={{ name: layer.name, nameEn: layer.nameEn, category: layer.category, access: layer.access }}
      onFinish={(values) => void submit.run(values)}
    >
      {!!submit.error && <ProblemAlert error={submit.error} />}
      <Form.Item
        label={t('data.name')}
        name="name"
        rules={[{ required: true, whitespace: true, max: 60, message: t('data.nameRequired') }]}
        style={{ marginTop: submit.error ? 16 : 0 }}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('data.nameEn')} name="nameEn" rules={[{ max: 80 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('data.category')} name="category" rules={[{ required: true }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`map.category.${c}`) }))} />
      </Form.Item>
      <AccessFields permissionRequired={layer.access !== 'restricted'} permissionHint={layer.access === 'restricted' ? t('data.permissionKeep') : undefined} />
      <Button type="primary" htmlType="submit" loading={submit.pending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
