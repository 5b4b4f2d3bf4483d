import { useCallback } from 'react';
import { App, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { local } from './format.ts';
import { VERDICTS, type Report, type RuleResult, type Verdict } from './types.ts';
import { VerdictTag } from './VerdictTag.tsx';

export interface OverrideModalProps {
  report: Report;
  /** The rule being overridden; null closes the dialog. */
  result: RuleResult | null;
  onClose: () => void;
  onDone: (report: Report) => void;
}

interface Values {
  verdict: Verdict;
  reason: string;
}

/** Overrides a rule's verdict judged a false positive: a new verdict and a written reason (≥ 10 characters), audited by the server. */
export function OverrideModal({ report, result, onClose, onDone }: OverrideModalProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useCallback(
    async (v: Values) => {
      if (!result) return;
      const next = await api<Report>(`/api/reviews/${encodeURIComponent(report.id)}/overrides`, { method: 'POST', body: { ruleId: result.ruleId, verdict: v.verdict, reason: v.reason.trim() } });
      void message.success(t('review.override.done'));
      form.resetFields();
      onDone(next);
    },
    [report.id, result, message, t, form, onDone],
  );
  const submit = useSubmit(action);
  return (
    <Modal
      open={result !== null}
      title={result ? t('review.override.title', { rule: local(result.title, lang) }) : ''}
      okText={t('review.override.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.pending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'override-submit' } as never}
    >
      {result && (
        <Flex vertical gap={8} style={{ width: '100%' }}>
          <Typography.Text>
            {t('review.override.computed')}：<VerdictTag verdict={result.computedVerdict} />
          </Typography.Text>
          <Form<Values> form={form} layout="vertical" initialValues={{ verdict: 'PASS', reason: '' }} onFinish={(v) => void submit.run(v)}>
            <Form.Item name="verdict" label={t('review.override.verdict')} rules={[{ required: true }]}>
              <Select options={VERDICTS.map((v) => ({ value: v, label: t(`review.verdict.${v}`) }))} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('review.override.reason')}
              extra={t('review.override.reasonHelp')}
              rules={[{ validator: (_, v: string | undefined) => ([...(v ?? '').trim()].length >= 10 ? Promise.resolve() : Promise.reject(new Error(t('review.override.reasonRequired')))) }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="override-reason" />
            </Form.Item>
          </Form>
          {submit.error !== undefined && <ProblemAlert error={submit.error} />}
        </Flex>
      )}
    </Modal>
  );
}
