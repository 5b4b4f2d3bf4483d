import { useMemo } from 'react';
import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { GisLayer } from '../map/types.ts';
import { StatsChart } from '../map/StatsChart.tsx';
import { AreaText } from './AreaText.tsx';
import { local, percent } from './format.ts';
import type { LandUse, LandUseRow } from './types.ts';

export interface LandUsePanelProps {
  landUse: LandUse;
  /** The land-use layer of the catalogue, for the 三调 colours. */
  dltb?: GisLayer;
}

/** The boundary's land-use breakdown by DLBM: a table and a bar chart (公顷). */
export function LandUsePanel({ landUse, dltb }: LandUsePanelProps) {
  const { t, lang } = useI18n();
  const bars = useMemo(
    () => landUse.rows.map((r) => ({ name: `${r.dlbm} ${r.dlmc}`, value: r.area.ha, color: dltb?.style.classes?.find((c) => c.value === r.dlbm)?.color ?? '#91caff' })),
    [landUse.rows, dltb],
  );
  const hasNet = landUse.rows.some((r) => r.netArea !== undefined);
  return (
    <Card size="small" title={t('review.landUse.title')} data-testid="land-use">
      {landUse.rows.length === 0 ? (
        <Empty description={t('review.noData')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Table<LandUseRow>
              size="small"
              rowKey="dlbm"
              pagination={false}
              dataSource={landUse.rows}
              scroll={{ x: 520 }}
              columns={[
                { title: t('review.landUse.dlbm'), dataIndex: 'dlbm', width: 80 },
                { title: t('review.landUse.dlmc'), dataIndex: 'dlmc', width: 120 },
                { title: t('review.landUse.area'), key: 'area', render: (_, r) => <AreaText area={r.area} /> },
                ...(hasNet ? [{ title: t('review.landUse.netArea'), key: 'net', render: (_: unknown, r: LandUseRow) => (r.netArea ? <AreaText area={r.netArea} /> : '') }] : []),
                { title: t('review.landUse.count'), dataIndex: 'count', width: 70 },
              ]}
            />
          </Col>
          <Col xs={24} lg={10}>
            <StatsChart bars={bars} unit={t('review.unit.ha')} label={t('review.landUse.chart')} />
          </Col>
        </Row>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('review.landUse.covered', { share: percent(landUse.coveredShare, lang) })}
        {landUse.notes.map((n) => ` ${local(n, lang)}`).join('')}
      </Typography.Paragraph>
    </Card>
  );
}
