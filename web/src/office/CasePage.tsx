import { useState } from 'react';
import { Badge, Button, Card, Col, Drawer, Grid, Row, Tabs } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { ActionPanel } from './ActionPanel.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import { FlowTab } from './FlowTab.tsx';
import { MaterialsTab } from './MaterialsTab.tsx';
import { ReviewTab } from './ReviewTab.tsx';
import { SummaryTab } from './SummaryTab.tsx';
import type { CaseDetail } from './types.ts';
import { useCase } from './useCase.ts';
import { useItem, useProcess } from './useItem.ts';

/** 办件 page (/office/cases/:id): header, tabs and the action panel (a bottom drawer on phones). */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, error, reload } = useCase(id);
  // The answer of an action is the case as it now stands: shown at once, without another request.
  const [fresh, setFresh] = useState<CaseDetail>();
  const c = fresh && fresh.id === data?.id && fresh.version >= data.version ? fresh : data;
  const { data: item } = useItem(c?.itemCode);
  const { data: process } = useProcess(c?.itemCode);
  const [drawer, setDrawer] = useState(false);
  const phone = Grid.useBreakpoint().md === false;

  if (error) return <ProblemAlert error={error} onRetry={reload} />;
  if (!c) return <Loading />;
  const panel = (
    <ActionPanel
      key={c.version}
      c={c}
      item={item}
      nodes={process?.graph.nodes ?? []}
      onDone={(updated) => {
        setDrawer(false);
        setFresh(updated);
      }}
    />
  );
  const tabs = (
    <Tabs
      items={[
        { key: 'summary', label: t('office.tab.summary'), children: <SummaryTab c={c} fields={item?.guide.formSchema.fields ?? []} /> },
        { key: 'materials', label: t('office.tab.materials'), children: <MaterialsTab c={c} materials={item?.guide.materials ?? []} onChanged={() => { setFresh(undefined); reload(); }} /> },
        { key: 'flow', label: t('office.tab.flow'), children: <FlowTab c={c} /> },
        { key: 'review', label: t('office.tab.review'), children: <ReviewTab reportId={c.reviewReportId} /> },
        { key: 'docs', label: t('office.tab.docs'), children: <DocumentsTab c={c} /> },
      ]}
    />
  );

  return (
    <div style={{ paddingBottom: phone ? 72 : 0 }}>
      <Link to="/office">
        <ArrowLeftOutlined /> {t('office.back')}
      </Link>
      <CaseHeader c={c} />
      {phone ? (
        <>
          {tabs}
          <div style={{ position: 'fixed', left: 0, right: 0, bottom: 0, padding: 12, background: '#fff', boxShadow: '0 -2px 8px rgba(0,0,0,0.08)', zIndex: 10 }}>
            <Badge count={c.allowedActions.length} style={{ right: 8 }}>
              <Button type="primary" block icon={<EditOutlined />} onClick={() => setDrawer(true)} style={{ width: 'calc(100vw - 24px)' }}>
                {t('office.action.open')}
              </Button>
            </Badge>
          </div>
          <Drawer placement="bottom" open={drawer} onClose={() => setDrawer(false)} title={t('office.action.title')} size="large">
            {panel}
          </Drawer>
        </>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card size="small">{tabs}</Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small" title={t('office.action.title')}>
              {panel}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
