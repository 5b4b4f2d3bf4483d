import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/LangContext.ts';
import { ClockBadge } from './ClockBadge.tsx';
import type { TodoTask } from './types.ts';

export interface TaskCardsProps {
  tasks: TodoTask[];
  loading: boolean;
  stateName: (state: string) => string;
}

/** The task list as cards (phone). */
export function TaskCards({ tasks, loading, stateName }: TaskCardsProps) {
  const { t } = useI18n();
  if (!loading && tasks.length === 0) return <Empty description={t('office.noTasks')} />;
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={8}>
        {tasks.map((r) => (
          <Link key={r.taskId} to={`/office/cases/${r.caseId}`} data-testid={`task-card-${r.caseNo}`}>
            <Card size="small" hoverable>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{r.caseNo}</Typography.Text>
                <ClockBadge light={r.light} remainingDays={r.remainingDays} />
              </Flex>
              <Typography.Paragraph style={{ margin: '4px 0' }} ellipsis>
                {r.projectName ?? r.applicantName ?? r.itemCode}
              </Typography.Paragraph>
              <Flex gap={4} wrap>
                <Tag>{r.itemCode}</Tag>
                <Tag color="blue">{r.stepName}</Tag>
                <Tag>{stateName(r.caseState)}</Tag>
                {r.dueDate && <Typography.Text type="secondary">{t('office.dueOn', { date: r.dueDate })}</Typography.Text>}
              </Flex>
            </Card>
          </Link>
        ))}
      </Flex>
    </Spin>
  );
}
