import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { actionKey } from './actionLabels.ts';
import { SupplementItems, supplementItems } from './SupplementItems.tsx';
import type { CaseAction, ItemMaterial, ProcessNode, ServiceItem } from './types.ts';

export interface PendingAction {
  action: CaseAction;
  taskId?: string;
  phase?: string;
  stepId?: string;
}

export interface ActionDialogProps {
  pending: PendingAction | undefined;
  item: ServiceItem | undefined;
  nodes: ProcessNode[];
  submitting: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (extra: Record<string, unknown>) => void;
}

/** The extra input some actions need: a reason, a return target, 补正 items, a special procedure, a delivery method. */
export function ActionDialog({ pending, item, nodes, submitting, error, onCancel, onSubmit }: ActionDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [supplement, setSupplement] = useState<Record<string, string | undefined>>({});
  const action = pending?.action;
  const materials: ItemMaterial[] = item?.guide.materials ?? [];
  const targets = (nodes.find((n) => n.id === pending?.stepId)?.returnTargets ?? []).map((id) => ({ value: id, label: nodes.find((n) => n.id === id)?.name ?? id }));
  const title = action ? t(actionKey(action, pending?.phase)) : '';
  const defaultTarget = targets[targets.length - 1]?.value;
  // The definition may arrive after the dialog opened: the nearest earlier step is the default.
  useEffect(() => {
    if (action === 'return' && defaultTarget && !form.getFieldValue('targetStepId')) form.setFieldsValue({ targetStepId: defaultTarget });
  }, [action, defaultTarget, form]);

  return (
    <Modal
      open={!!pending}
      title={title}
      okText={t('office.action.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      onCancel={onCancel}
      destroyOnHidden
      onOk={() => {
        void form.validateFields().then((values: Record<string, unknown>) => {
          if (action === 'request_supplement') onSubmit({ items: supplementItems(materials, supplement) });
          else onSubmit(values);
        });
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {action === 'return' && (
          <Form.Item name="targetStepId" label={t('office.action.returnTo')} rules={[{ required: true }]} initialValue={defaultTarget}>
            <Select options={targets} aria-label={t('office.action.returnTo')} />
          </Form.Item>
        )}
        {(action === 'not_accept' || action === 'reject' || action === 'withdraw' || action === 'extend') && (
          <Form.Item name="reason" label={t('office.action.reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {action === 'request_supplement' && (
          <Form.Item label={t('office.supplement.pick')} required>
            <SupplementItems materials={materials} value={supplement} onChange={setSupplement} />
          </Form.Item>
        )}
        {action === 'start_special' && (
          <>
            <Form.Item name="procedure" label={t('office.action.procedure')} rules={[{ required: true }]}>
              <Select options={(item?.guide.specialProcedures ?? []).map((p) => ({ value: p.code, label: t('office.action.procedureOption', { name: p.name, days: p.maxDays }) }))} />
            </Form.Item>
            <Form.Item name="plannedDays" label={t('office.action.plannedDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
          </>
        )}
        {action === 'end_special' && (
          <Form.Item name="result" label={t('office.action.result')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {action === 'deliver' && (
          <Form.Item name="method" label={t('office.action.method')} rules={[{ required: true }]} initialValue="window">
            <Radio.Group
              options={(['window', 'post', 'electronic'] as const).map((m) => ({ value: m, label: t(`office.deliver.${m}`) }))}
            />
          </Form.Item>
        )}
      </Form>
      {error !== undefined && <ProblemAlert error={error} />}
    </Modal>
  );
}
