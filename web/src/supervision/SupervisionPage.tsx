import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Drawer, Flex, Grid, Input, Row, Segmented, Table, Tabs, Typography } from 'antd';
import { useApi } from '../api/useApi.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { useDepartmentName } from '../office/useDepartmentName.ts';
import { useStateName } from '../office/useStateName.ts';
import { FigureChart } from './BarChart.tsx';
import { DrillTable, type DrillTableProps } from './DrillTable.tsx';
import { FigureCards } from './FigureCards.tsx';
import { chinaToday, presetPeriod, type Preset } from './period.ts';
import { RatingsPanel } from './RatingsPanel.tsx';
import type { Group, Metric, Period, Summary } from './types.ts';

/** 效能监管 (/supervision): the period's figures, charts with drill-down, xlsx export, and 好差评. */
export function SupervisionPage() {
  const { t } = useI18n();
  const [preset, setPreset] = useState<Preset>('month');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', chinaToday()));
  const [drill, setDrill] = useState<(Omit<DrillTableProps, 'period'> & { title: string }) | null>(null);
  const screens = Grid.useBreakpoint();
  const valid = period.from <= period.to;

  const choose = (p: Preset) => {
    setPreset(p);
    if (p !== 'custom') setPeriod(presetPeriod(p, chinaToday()));
  };
  const exportUrl = `/api/supervision/export.xlsx?from=${period.from}&to=${period.to}`;

  return (
    <div>
      <PageHeading
        title={t('supervision.title')}
        description={t('supervision.description')}
        extra={
          <Button icon={<DownloadOutlined />} href={exportUrl} download data-testid="export-xlsx" disabled={!valid}>
            {t('supervision.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Segmented<Preset>
            value={preset}
            onChange={choose}
            options={[
              { value: 'month', label: t('supervision.preset.month') },
              { value: 'quarter', label: t('supervision.preset.quarter') },
              { value: 'year', label: t('supervision.preset.year') },
              { value: 'custom', label: t('supervision.preset.custom') },
            ]}
          />
          <Flex gap={8} align="center" wrap>
            <label htmlFor="sup-from">{t('supervision.from')}</label>
            <Input id="sup-from" type="date" value={period.from} style={{ width: 160 }} onChange={(e) => { setPreset('custom'); setPeriod((p) => ({ ...p, from: e.target.value })); }} />
            <label htmlFor="sup-to">{t('supervision.to')}</label>
            <Input id="sup-to" type="date" value={period.to} style={{ width: 160 }} onChange={(e) => { setPreset('custom'); setPeriod((p) => ({ ...p, to: e.target.value })); }} />
          </Flex>
        </Flex>
        {!valid && <Typography.Text type="danger" role="alert">{t('supervision.periodInvalid')}</Typography.Text>}
      </Card>
      <Tabs
        items={[
          { key: 'figures', label: t('supervision.tab.figures'), children: valid ? <Figures period={period} onDrill={setDrill} /> : null },
          { key: 'ratings', label: t('supervision.tab.ratings'), children: valid ? <RatingsPanel period={period} /> : null },
        ]}
      />
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        title={drill ? t('supervision.drillTitle', { title: drill.title, from: period.from, to: period.to }) : ''}
        placement={screens.md ? 'right' : 'bottom'}
        size={screens.md ? 'large' : 'default'}
        styles={{ wrapper: screens.md ? { width: 'min(1100px, 92vw)' } : { height: '85vh' } }}
        destroyOnHidden
      >
        {drill && <DrillTable period={period} metric={drill.metric} state={drill.state} itemCode={drill.itemCode} department={drill.department} />}
      </Drawer>
    </div>
  );
}

function Figures({ period, onDrill }: { period: Period; onDrill: (d: Omit<DrillTableProps, 'period'> & { title: string }) => void }) {
  const { t } = useI18n();
  const stateName = useStateName().name;
  const deptName = useDepartmentName();
  const { data, error, loading, reload } = useApi<Summary>('/api/supervision/summary', { from: period.from, to: period.to });
  const byDept = useMemo(() => (data?.byDepartment ?? []).map((g) => ({ ...g, name: g.key ? deptName(g.key) : t('supervision.noDepartment') })), [data, deptName, t]);
  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  if (loading && !data) return <Loading />;
  if (!data) return null;
  const drill = (metric: Metric, title: string, extra: Partial<DrillTableProps> = {}) => onDrill({ metric, title, ...extra });
  const groupColumns = (first: string) => [
    { title: first, dataIndex: 'name', key: 'name' },
    { title: t('supervision.col.cases'), dataIndex: 'cases', key: 'cases', align: 'right' as const },
    { title: t('supervision.col.decided'), dataIndex: 'decided', key: 'decided', align: 'right' as const },
    { title: t('supervision.card.onTimeRate'), dataIndex: 'onTimeRate', key: 'onTimeRate', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
    { title: t('supervision.card.averageWorkingDays'), dataIndex: 'averageWorkingDays', key: 'avg', align: 'right' as const, render: (v: number | null) => (v === null ? '—' : v) },
    { title: t('supervision.card.overdue'), dataIndex: 'overdue', key: 'overdue', align: 'right' as const },
    { title: t('supervision.card.warning'), dataIndex: 'warning', key: 'warning', align: 'right' as const },
  ];
  return (
    <div data-testid="figures">
      <FigureCards totals={data.totals} onDrill={(m, title) => drill(m, title)} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervision.chart.byState')}>
            <FigureChart testId="chart-state" kind="pie" label={t('supervision.chart.byState')}
              bars={data.byState.map((s) => ({ key: s.state, name: stateName(s.state), value: s.cases }))}
              onPick={(k) => drill('all', stateName(k), { state: k })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervision.chart.byMonth')}>
            <FigureChart testId="chart-month" kind="column" label={t('supervision.chart.byMonth')}
              bars={data.byMonth.map((g) => ({ key: g.key, name: g.key, value: g.cases }))} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervision.chart.byItem')}>
            <FigureChart testId="chart-item" kind="bar" label={t('supervision.chart.byItem')}
              bars={data.byItem.map((g) => ({ key: g.key, name: g.name, value: g.cases }))}
              onPick={(k) => drill('all', data.byItem.find((g) => g.key === k)?.name ?? k, { itemCode: k })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('supervision.chart.byDepartment')}>
            <FigureChart testId="chart-department" kind="bar" label={t('supervision.chart.byDepartment')}
              bars={byDept.map((g) => ({ key: g.key, name: g.name, value: g.cases }))}
              onPick={(k) => k && drill('all', deptName(k), { department: k })} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('supervision.table.byItem')} style={{ marginTop: 12 }}>
        <Table<Group> size="small" rowKey="key" pagination={false} scroll={{ x: 720 }} dataSource={data.byItem}
          columns={groupColumns(t('supervision.col.item')).map((c) => (c.key === 'name' ? { ...c, render: (v: string, r: Group) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => drill('all', v, { itemCode: r.key })}>{v}</Button> } : c))} />
      </Card>
      <Card size="small" title={t('supervision.table.byDepartment')} style={{ marginTop: 12 }}>
        <Table<Group> size="small" rowKey="key" pagination={false} scroll={{ x: 720 }} dataSource={byDept}
          columns={groupColumns(t('supervision.col.department'))} />
      </Card>
      <Card size="small" title={t('supervision.table.byStep')} style={{ marginTop: 12 }}>
        <Table size="small" rowKey={(r) => `${r.itemCode}/${r.stepId}`} pagination={false} scroll={{ x: 480 }} dataSource={data.byStep}
          columns={[
            { title: t('supervision.col.item'), dataIndex: 'itemCode', render: (v: string) => data.byItem.find((g) => g.key === v)?.name ?? v },
            { title: t('supervision.col.step'), dataIndex: 'stepName' },
            { title: t('supervision.col.tasks'), dataIndex: 'tasks', align: 'right' },
            { title: t('supervision.card.averageWorkingDays'), dataIndex: 'averageWorkingDays', align: 'right' },
          ]} />
      </Card>
    </div>
  );
}
