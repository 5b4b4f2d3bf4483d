import { Form, Input, Select } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { ACCESS_LEVELS } from './types.ts';

export interface AccessFieldsProps {
  /** Whether a restricted access level must name its permission here (false when one is already set). */
  permissionRequired?: boolean;
  /** Help under the permission field. */
  permissionHint?: string;
}

/** Form items `access` and, for restricted layers, `requiredPermission`; used inside an antd Form. */
export function AccessFields({ permissionRequired = true, permissionHint }: AccessFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('data.access')} name="access" rules={[{ required: true }]} extra={t('data.accessHint')}>
        <Select options={ACCESS_LEVELS.map((a) => ({ value: a, label: t(`data.access.${a}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['access']}>
        {({ getFieldValue }) =>
          getFieldValue('access') === 'restricted' && (
            <Form.Item
              label={t('data.requiredPermission')}
              name="requiredPermission"
              rules={[{ required: permissionRequired, whitespace: true, max: 40, message: t('data.permissionRequired') }]}
              extra={permissionHint ?? t('data.permissionHint')}
            >
              <Input autoComplete="off" placeholder="layer:manage" />
            </Form.Item>
          )
        }
      </Form.Item>
    </>
  );
}
