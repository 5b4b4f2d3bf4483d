import { useState } from 'react';
import { Button, Card, Col, Flex, Row } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import type { GisLayer } from '../map/types.ts';
import { useLayerCatalogue } from '../map/useLayerCatalogue.ts';
import { DataVersions } from './DataVersions.tsx';
import { LandUsePanel } from './LandUsePanel.tsx';
import { OverrideModal } from './OverrideModal.tsx';
import { ReportDiffView } from './ReportDiffView.tsx';
import { ReportHeader } from './ReportHeader.tsx';
import { ReportMap } from './ReportMap.tsx';
import { RerunButtons } from './RerunButtons.tsx';
import { RuleTable } from './RuleTable.tsx';
import type { Report, RuleResult } from './types.ts';
import { useCan } from './useCan.ts';

export interface ReportViewProps {
  report: Report;
  /** A changed copy of this report (after an override). */
  onChange: (report: Report) => void;
  /** A new report made by a re-run; without it re-running is not offered. */
  onRerun?: (report: Report) => void;
}

/**
 * The whole report: header with the overall verdict, the map with legend, scale and north arrow,
 * the rule table (override where the user may), land use, data versions and the diff to the
 * previous report. Single column on phones with the map on top.
 */
export function ReportView({ report, onChange, onRerun }: ReportViewProps) {
  const { t } = useI18n();
  const catalogue = useLayerCatalogue<GisLayer>({ withVersions: false });
  const mayOverride = useCan('case:review');
  const [overriding, setOverriding] = useState<RuleResult | null>(null);
  const actions = (
    <>
      <Button icon={<FilePdfOutlined />} href={`/api/reviews/${encodeURIComponent(report.id)}.pdf`} target="_blank" data-testid="pdf">
        {t('review.action.pdf')}
      </Button>
      {onRerun && <RerunButtons report={report} onDone={onRerun} />}
    </>
  );
  return (
    <Flex vertical gap={16} data-testid="review-report">
      <ReportHeader report={report} actions={actions} />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 14, order: 1 }}>
          <ReportMap report={report} catalogue={catalogue.layers} catalogueError={catalogue.error} />
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 10, order: 2 }}>
          <Flex vertical gap={16}>
            <DataVersions report={report} catalogue={catalogue.layers} />
          </Flex>
        </Col>
      </Row>
      {report.diff && (
        <Card size="small" title={t('review.diff.title')}>
          <ReportDiffView diff={report.diff} />
        </Card>
      )}
      <RuleTable results={report.results} onOverride={mayOverride ? setOverriding : undefined} />
      <LandUsePanel landUse={report.landUse} dltb={catalogue.layers?.find((l) => l.code === 'DLTB')} />
      <OverrideModal
        report={report}
        result={overriding}
        onClose={() => setOverriding(null)}
        onDone={(next) => {
          setOverriding(null);
          onChange(next);
        }}
      />
    </Flex>
  );
}
