import { useState } from 'react';
import { Button, Empty, Flex, Typography } from 'antd';
import { api } from '../api/client.ts';
import { useSubmit } from '../api/useSubmit.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ActionDialog, type PendingAction } from './ActionDialog.tsx';
import { actionKey, DANGER, NEEDS_DIALOG } from './actionLabels.ts';
import { OpinionBox } from './OpinionBox.tsx';
import type { CaseDetail, ProcessNode, ServiceItem } from './types.ts';

export interface ActionPanelProps {
  c: CaseDetail;
  item: ServiceItem | undefined;
  nodes: ProcessNode[];
  onDone: (c: CaseDetail) => void;
}

/** The opinion and one button per action the server allows this user now (server truth; no rules here). */
export function ActionPanel({ c, item, nodes, onDone }: ActionPanelProps) {
  const { t } = useI18n();
  const [opinion, setOpinion] = useState('');
  const [pending, setPending] = useState<PendingAction>();
  const choices: PendingAction[] = c.allowedActions.map((a) => {
    const task = c.tasks.find((x) => x.id === a.taskId);
    return { action: a.action, taskId: a.taskId, phase: task?.phase, stepId: task?.stepId };
  });
  const manyTasks = new Set(choices.map((x) => x.taskId).filter(Boolean)).size > 1;

  const submit = useSubmit(async ({ p, extra }: { p: PendingAction; extra: Record<string, unknown> }) => {
    const body: Record<string, unknown> = { action: p.action, expectedVersion: c.version, ...extra };
    if (p.taskId) body.taskId = p.taskId;
    if (opinion.trim()) body.comment = opinion.trim();
    const updated = await api<CaseDetail>(`/api/cases/${c.id}/actions`, { method: 'POST', body });
    setPending(undefined);
    setOpinion('');
    onDone(updated);
  });

  if (choices.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('office.action.none')} />;
  return (
    <Flex vertical gap={12} data-testid="action-panel">
      <Typography.Text strong>{t('office.action.opinion')}</Typography.Text>
      <OpinionBox value={opinion} onChange={setOpinion} />
      <Flex gap={8} wrap>
        {choices.map((p) => {
          const step = c.tasks.find((x) => x.id === p.taskId)?.stepName;
          const label = t(actionKey(p.action, p.phase));
          return (
            <Button
              key={`${p.action}-${p.taskId ?? ''}`}
              type={DANGER.has(p.action) || NEEDS_DIALOG.has(p.action) ? 'default' : 'primary'}
              danger={DANGER.has(p.action)}
              loading={submit.pending && pending === undefined}
              onClick={() => (NEEDS_DIALOG.has(p.action) ? setPending(p) : void submit.run({ p, extra: {} }))}
            >
              {manyTasks && step ? `${label}（${step}）` : label}
            </Button>
          );
        })}
      </Flex>
      {pending === undefined && submit.error !== undefined && <ProblemAlert error={submit.error} />}
      <ActionDialog
        pending={pending}
        item={item}
        nodes={nodes}
        submitting={submit.pending}
        error={pending ? submit.error : undefined}
        onCancel={() => setPending(undefined)}
        onSubmit={(extra) => pending && void submit.run({ p: pending, extra })}
      />
    </Flex>
  );
}
