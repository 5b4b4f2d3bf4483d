import { useMemo, useState } from 'react';
import { Badge, Button, Flex, Grid, Tabs } from 'antd';
import { ApartmentOutlined, FormOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { TaskCards } from './TaskCards.tsx';
import { TaskFilters, type TaskFilterValue } from './TaskFilters.tsx';
import { TaskTable } from './TaskTable.tsx';
import type { TaskView, TodoTask } from './types.ts';
import { usePermissions } from './usePermissions.ts';
import { useServiceItems } from './useServiceItems.ts';
import { useStateName } from './useStateName.ts';
import { useTasks } from './useTasks.ts';

const VIEWS: TaskView[] = ['todo', 'done', 'warning', 'overdue'];

function matches(task: TodoTask, f: TaskFilterValue): boolean {
  if (f.state && task.caseState !== f.state) return false;
  const day = (task.completedAt ?? task.startedAt ?? '').slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  if (f.q) {
    const text = `${task.caseNo} ${task.projectName ?? ''} ${task.applicantName ?? ''}`;
    if (!text.includes(f.q)) return false;
  }
  return true;
}

/** 我的办件 (/office): the 待办 / 已办 / 预警 / 超期 lists with counts and filters. */
export function OfficePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const perms = usePermissions();
  const [view, setView] = useState<TaskView>('todo');
  const [filter, setFilter] = useState<TaskFilterValue>({});
  const { data, error, loading, reload } = useTasks(view, filter.itemCode);
  const { items } = useServiceItems();
  const state = useStateName();
  const phone = Grid.useBreakpoint().md === false;
  const tasks = useMemo(() => (data?.items ?? []).filter((x) => matches(x, filter)), [data, filter]);

  return (
    <>
      <PageHeading
        title={t('office.title')}
        description={t('office.desc')}
        extra={
          <Flex gap={8} wrap>
            {perms.has('case:register') && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => navigate('/office/register')}>
                {t('office.register')}
              </Button>
            )}
            {perms.has('item:manage') && (
              <Button icon={<ApartmentOutlined />} onClick={() => navigate('/office/processes')}>
                {t('office.processes')}
              </Button>
            )}
          </Flex>
        }
      />
      {error && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} onRetry={reload} />
        </div>
      )}
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as TaskView)}
        items={VIEWS.map((v) => ({
          key: v,
          label: (
            <span data-testid={`tab-${v}`}>
              {t(`office.view.${v}`)}{' '}
              <Badge count={data?.counts[v] ?? 0} showZero color={v === 'overdue' ? 'red' : v === 'warning' ? 'gold' : 'blue'} />
            </span>
          ),
        }))}
      />
      <TaskFilters items={items ?? []} states={state.options} value={filter} onChange={setFilter} />
      {phone ? (
        <TaskCards tasks={tasks} loading={loading} stateName={state.name} />
      ) : (
        <TaskTable tasks={tasks} loading={loading} done={view === 'done'} stateName={state.name} />
      )}
    </>
  );
}
