import { Button, Form, Input } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';

export interface ProgressQuery {
  no: string;
  code: string;
}

/** Case number + query code, the two things printed on every notice. */
export function ProgressForm({ initial, onSubmit, pending }: { initial?: Partial<ProgressQuery>; onSubmit: (q: ProgressQuery) => void; pending?: boolean }) {
  const { t } = useI18n();
  return (
    <Form<ProgressQuery>
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => onSubmit({ no: v.no.trim(), code: v.code.trim() })}
      requiredMark={false}
    >
      <Form.Item name="no" label={t('hall.progress.caseNo')} rules={[{ required: true, whitespace: true, message: t('hall.progress.caseNoRequired') }]}>
        <Input maxLength={40} autoComplete="off" />
      </Form.Item>
      <Form.Item name="code" label={t('hall.progress.queryCode')} rules={[{ required: true, whitespace: true, message: t('hall.progress.queryCodeRequired') }]}>
        <Input maxLength={40} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {t('hall.progress.lookup')}
      </Button>
    </Form>
  );
}
