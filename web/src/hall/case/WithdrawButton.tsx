import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/LangContext.ts';
import type { CaseDetail } from '../types.ts';

/** 撤回申请: before a decision, with a reason, after a confirmation. */
export function WithdrawButton({ c, onDone }: { c: CaseDetail; onDone: (next: CaseDetail) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('hall.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('hall.withdraw.title')}
        okText={t('hall.withdraw.confirm')}
        okButtonProps={{ danger: true, loading: pending }}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p>{t('hall.withdraw.desc', { caseNo: c.caseNo })}</p>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setPending(true);
            setError(undefined);
            try {
              onDone(await api<CaseDetail>(`/api/portal/cases/${encodeURIComponent(c.id)}/withdraw`, { method: 'POST', body: { reason: v.reason.trim() } }));
              setOpen(false);
            } catch (cause) {
              setError(cause);
            } finally {
              setPending(false);
            }
          }}
        >
          <Form.Item name="reason" label={t('hall.withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('hall.withdraw.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
        {error !== undefined && <ProblemAlert error={error} />}
      </Modal>
    </>
  );
}
