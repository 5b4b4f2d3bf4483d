import { Alert, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { useDepartmentName } from '../office/useDepartmentName.ts';
import { useStateName } from '../office/useStateName.ts';
import type { CaseFigure, Metric, Period } from './types.ts';

const LIGHT_COLOR: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red', paused: 'default', none: 'default' };

export interface DrillTableProps {
  period: Period;
  metric: Metric;
  state?: string;
  itemCode?: string;
  department?: string;
}

const PAGE_SIZE = 20;

/** The cases behind a figure (GET /api/supervision/cases, paged by the server), each linked to its case page. */
export function DrillTable({ period, metric, state, itemCode, department }: DrillTableProps) {
  const { t } = useI18n();
  const stateName = useStateName().name;
  const deptName = useDepartmentName();
  const [page, setPage] = useState(1);
  const filterKey = JSON.stringify([period, metric, state, itemCode, department]);
  // Another figure starts again at its first page.
  useEffect(() => setPage(1), [filterKey]);
  const { data, error, loading, reload } = useApi<{ total: number; items: CaseFigure[] }>('/api/supervision/cases', {
    ...period, metric, ...(state ? { state } : {}), ...(itemCode ? { itemCode } : {}), ...(department ? { department } : {}), page, pageSize: PAGE_SIZE,
  });
  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  return (
    <>
      {data && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('supervision.drillTotal', { n: data.total })} data-testid="drill-total" />}
      <Table<CaseFigure>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('supervision.col.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/office/cases/${r.id}`}>{v}</Link> },
          { title: t('supervision.col.item'), dataIndex: 'itemName' },
          { title: t('supervision.col.department'), dataIndex: 'departmentCode', render: (v: string | null) => (v ? deptName(v) : '') },
          { title: t('supervision.col.state'), dataIndex: 'state', render: (v: string) => stateName(v) },
          { title: t('supervision.col.submitted'), dataIndex: 'submittedOn' },
          { title: t('supervision.col.due'), dataIndex: 'dueDate' },
          { title: t('supervision.col.finished'), dataIndex: 'finishedOn' },
          { title: t('supervision.col.workingDays'), dataIndex: 'workingDays', align: 'right' },
          { title: t('supervision.col.light'), dataIndex: 'light', render: (v: string) => (v === 'none' ? '' : <Tag color={LIGHT_COLOR[v]}>{t(`supervision.light.${v}` as 'supervision.light.green')}</Tag>) },
        ]}
      />
    </>
  );
}
