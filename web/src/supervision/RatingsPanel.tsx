import { useState } from 'react';
import { Alert, Card, Col, Row, Segmented, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../api/useApi.ts';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { FigureChart } from './BarChart.tsx';
import type { Period, RatingStats, Rectification } from './types.ts';

const LEVEL_KEYS = ['', 'supervision.level.1', 'supervision.level.2', 'supervision.level.3', 'supervision.level.4', 'supervision.level.5'] as const;
const LIGHT_COLOR: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** 好差评: rating statistics of the period and the rectifications of poor ratings (整改). */
export function RatingsPanel({ period }: { period: Period }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const stats = useApi<RatingStats>('/api/supervision/ratings', { from: period.from, to: period.to });
  const rect = useApi<{ items: Rectification[] }>('/api/supervision/rectifications', { status });
  // Until the ratings service is deployed the routes answer 404: say so instead of failing.
  if (stats.error?.status === 404) return <Alert type="info" showIcon title={t('supervision.ratings.unavailable')} data-testid="ratings-unavailable" />;
  if (stats.error) return <ProblemAlert error={stats.error} onRetry={stats.reload} />;
  if (!stats.data) return <Loading />;
  const s = stats.data;
  const level = (n: number) => (LEVEL_KEYS[n] ? t(LEVEL_KEYS[n]) : String(n));
  return (
    <div data-testid="ratings">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small" data-testid="ratings-total"><Statistic title={t('supervision.ratings.total')} value={s.total} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" data-testid="ratings-average"><Statistic title={t('supervision.ratings.average')} value={s.average ?? '—'} precision={s.average === null ? undefined : 2} /></Card></Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('supervision.ratings.byLevel')}>
            <FigureChart testId="chart-levels" kind="column" label={t('supervision.ratings.byLevel')}
              bars={[5, 4, 3, 2, 1].map((l) => ({ key: String(l), name: level(l), value: s.byLevel.find((x) => x.level === l)?.count ?? 0 }))} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('supervision.ratings.byItem')} style={{ marginTop: 12 }}>
        <Table size="small" rowKey="itemCode" pagination={false} scroll={{ x: 480 }} dataSource={s.byItem}
          columns={[
            { title: t('supervision.col.item'), dataIndex: 'itemName' },
            { title: t('supervision.ratings.count'), dataIndex: 'count', align: 'right' },
            { title: t('supervision.ratings.average'), dataIndex: 'average', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('supervision.ratings.poor'), dataIndex: 'poor', align: 'right' },
          ]} />
      </Card>
      <Card size="small" title={t('supervision.ratings.byDepartment')} style={{ marginTop: 12 }}>
        <Table size="small" rowKey="department" pagination={false} scroll={{ x: 480 }} dataSource={s.byDepartment}
          columns={[
            { title: t('supervision.col.department'), dataIndex: 'departmentName' },
            { title: t('supervision.ratings.count'), dataIndex: 'count', align: 'right' },
            { title: t('supervision.ratings.average'), dataIndex: 'average', align: 'right', render: (v: number | null) => v ?? '—' },
            { title: t('supervision.ratings.poor'), dataIndex: 'poor', align: 'right' },
          ]} />
      </Card>
      <Card size="small" title={t('supervision.rect.title')} style={{ marginTop: 12 }}
        extra={<Segmented size="small" value={status} onChange={(v) => setStatus(v as typeof status)} options={[
          { value: 'open', label: t('supervision.rect.open') }, { value: 'closed', label: t('supervision.rect.closed') }, { value: 'all', label: t('supervision.rect.all') }]} />}>
        {rect.error ? (rect.error.status === 404 ? <Alert type="info" showIcon title={t('supervision.ratings.unavailable')} /> : <ProblemAlert error={rect.error} onRetry={rect.reload} />) : (
          <Table<Rectification> size="small" rowKey="id" loading={rect.loading} dataSource={rect.data?.items ?? []} scroll={{ x: 900 }} pagination={{ pageSize: 10 }}
            columns={[
              { title: t('supervision.col.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/office/cases/${r.caseId}`}>{v}</Link> },
              { title: t('supervision.col.item'), dataIndex: 'itemName' },
              { title: t('supervision.col.department'), dataIndex: 'departmentName' },
              { title: t('supervision.rect.level'), dataIndex: 'level', render: (v: number, r) => (lang === 'en' && r.levelNameEn ? r.levelNameEn : r.levelName) || level(v) },
              { title: t('supervision.rect.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '' },
              { title: t('supervision.rect.due'), dataIndex: 'dueDate', render: (v: string, r) => <>{v} {r.status === 'open' && LIGHT_COLOR[r.light] ? <Tag color={LIGHT_COLOR[r.light]}>{t(`supervision.light.${r.light}` as 'supervision.light.green')}</Tag> : null}</> },
              { title: t('supervision.rect.reply'), dataIndex: 'reply', render: (v: string | null) => v ?? t('supervision.rect.noReply') },
            ]} />
        )}
      </Card>
    </div>
  );
}
