import { Button, Form, Input } from 'antd';
import { useI18n } from '../../i18n/LangContext.ts';

export interface AuditFilterValues {
  username: string;
  action: string;
}

/** Username and action filters for the audit list. */
export function AuditFilters({ onSearch }: { onSearch: (values: AuditFilterValues) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AuditFilterValues>();
  const search = (values: Partial<AuditFilterValues>) =>
    onSearch({ username: values.username?.trim() ?? '', action: values.action?.trim() ?? '' });

  return (
    <Form<AuditFilterValues> form={form} name="auditFilter" layout="inline" onFinish={search} style={{ rowGap: 8 }}>
      <Form.Item label={t('audit.username')} name="username">
        <Input name="username" allowClear autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('audit.action')} name="action">
        <Input name="action" allowClear autoComplete="off" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            search({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
