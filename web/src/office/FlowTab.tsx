import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { ClockBadge } from './ClockBadge.tsx';
import type { CaseDetail, CaseTask } from './types.ts';
import { useDepartmentName } from './useDepartmentName.ts';

function TaskLine({ task, department }: { task: CaseTask; department: (code: string) => string }) {
  const { t, time } = useI18n();
  return (
    <Flex gap={6} wrap align="center" data-testid={`task-${task.stepId}`}>
      <Typography.Text strong>{task.stepName}</Typography.Text>
      {task.departmentCode && <Tag>{department(task.departmentCode)}</Tag>}
      {task.status === 'open' ? <Tag color="processing">{t('office.task.open')}</Tag> : <Tag color="success">{t('office.task.done', { outcome: task.outcome ?? '' })}</Tag>}
      {task.status === 'open' && <ClockBadge light={task.light} remainingDays={task.remainingDays} />}
      {task.completedAt && <Typography.Text type="secondary">{time(task.completedAt)}</Typography.Text>}
    </Flex>
  );
}

/** 流程: the history as a timeline, and the open and parallel (并联) branches with their states. */
export function FlowTab({ c }: { c: CaseDetail }) {
  const { t, time } = useI18n();
  const department = useDepartmentName();
  const open = c.tasks.filter((x) => x.status === 'open');
  const branches = c.tasks.filter((x) => x.phase === 'opinion');
  return (
    <Flex vertical gap={16}>
      {open.length > 0 && (
        <Card size="small" title={t('office.flow.open')}>
          <Flex vertical gap={6}>
            {open.map((x) => <TaskLine key={x.id} task={x} department={department} />)}
          </Flex>
        </Card>
      )}
      {branches.length > 0 && (
        <Card size="small" title={t('office.flow.branches')}>
          <Flex vertical gap={6}>
            {branches.map((x) => <TaskLine key={x.id} task={x} department={department} />)}
          </Flex>
        </Card>
      )}
      <Timeline
        items={c.timeline.map((h) => ({
          key: h.id,
          children: (
            <Flex vertical gap={2}>
              <Typography.Text>
                <Typography.Text strong>{t(`office.history.${h.action}` as 'office.history.accept') ?? h.action}</Typography.Text>
                {' · '}
                {h.actor ?? t('office.flow.system')}
                {' · '}
                <Typography.Text type="secondary">{time(h.at)}</Typography.Text>
              </Typography.Text>
              {h.comment && <Typography.Text>{t('office.flow.opinion', { text: h.comment })}</Typography.Text>}
            </Flex>
          ),
        }))}
      />
    </Flex>
  );
}
