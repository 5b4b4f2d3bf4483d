import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/LangContext.ts';
import { ClockBadge } from './ClockBadge.tsx';
import type { TodoTask } from './types.ts';

export interface TaskTableProps {
  tasks: TodoTask[];
  loading: boolean;
  done: boolean;
  stateName: (state: string) => string;
}

/** The task list as a table (desktop). */
export function TaskTable({ tasks, loading, done, stateName }: TaskTableProps) {
  const { t, time } = useI18n();
  return (
    <Table<TodoTask>
      rowKey="taskId"
      size="middle"
      loading={loading}
      dataSource={tasks}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      columns={[
        { title: t('office.col.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/office/cases/${r.caseId}`}>{v}</Link> },
        { title: t('office.col.item'), dataIndex: 'itemCode' },
        { title: t('office.col.project'), render: (_, r) => r.projectName ?? r.applicantName ?? '' },
        { title: t('office.col.step'), dataIndex: 'stepName' },
        { title: t('office.col.state'), dataIndex: 'caseState', render: (s: string) => <Tag>{stateName(s)}</Tag> },
        done
          ? { title: t('office.col.completedAt'), dataIndex: 'completedAt', render: (v: string) => time(v) }
          : { title: t('office.col.due'), dataIndex: 'dueDate', render: (v: string | null) => v ?? '' },
        done
          ? { title: t('office.col.onTime'), dataIndex: 'onTime', render: (v: boolean | null) => (v === null ? '' : v ? t('office.onTime') : t('office.late')) }
          : { title: t('office.col.clock'), render: (_, r) => <ClockBadge light={r.light} remainingDays={r.remainingDays} /> },
      ]}
    />
  );
}
