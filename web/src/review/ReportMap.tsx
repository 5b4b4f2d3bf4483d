import { useMemo, useRef } from 'react';
import { Card, Typography } from 'antd';
import 'ol/ol.css';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { CGCS2000 } from '../map/projection.ts';
import { CATEGORY_ORDER, type GisLayer, type LayerState } from '../map/types.ts';
import { useDataLayers } from '../map/useDataLayers.ts';
import { useHighlightLayer } from '../map/useHighlightLayer.ts';
import { useOlMap } from '../map/useOlMap.ts';
import { BOUNDARY_STYLE } from './boundaryStyle.ts';
import { MapLegend } from './MapLegend.tsx';
import { NorthArrow } from './NorthArrow.tsx';
import type { Report } from './types.ts';
import { useBoundaryFeature } from './useBoundaryFeature.ts';

/** The layers a report read: those of its rules, and the land-use patches of the breakdown. */
function relevantCodes(report: Report): Set<string> {
  const codes = new Set(report.results.filter((r) => r.layer.version !== null).map((r) => r.layer.code));
  if (report.landUse.layerVersion !== null) codes.add('DLTB');
  return codes;
}

/** The boundary over the relevant layers' vector tiles (CGCS2000), with legend, scale line and north arrow. */
export interface ReportMapProps {
  report: Report;
  /** The layer catalogue (GET /api/gis/layers). */
  catalogue: GisLayer[] | undefined;
  catalogueError?: unknown;
}

export function ReportMap({ report, catalogue, catalogueError }: ReportMapProps) {
  const { t } = useI18n();
  const target = useRef<HTMLDivElement>(null);
  const map = useOlMap(target, { projection: CGCS2000, zoom: 15, zoomInTip: t('map.zoomIn'), zoomOutTip: t('map.zoomOut') });
  const codes = useMemo(() => relevantCodes(report), [report]);
  const layers = useMemo(
    () => (catalogue ?? []).filter((l) => codes.has(l.code) && l.currentVersion !== null).sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category)),
    [catalogue, codes],
  );
  const states = useMemo(() => Object.fromEntries(layers.map((l) => [l.code, { visible: true, opacity: 0.85 } satisfies LayerState])), [layers]);
  useDataLayers(map, { layers, states, projection: CGCS2000 });
  const boundary = useHighlightLayer(map, { style: BOUNDARY_STYLE, zIndex: 1000 });
  useBoundaryFeature(map, boundary, report.boundary.geometry);

  return (
    <Card size="small" title={t('review.map.title')} data-testid="review-map-card">
      <div style={{ position: 'relative' }}>
        <div ref={target} data-testid="review-map" style={{ height: 380, width: '100%', background: '#f5f5f5' }} />
        <NorthArrow />
      </div>
      {catalogueError !== undefined && <ProblemAlert error={catalogueError} />}
      <MapLegend layers={layers} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.map.currentData')}</Typography.Text>
    </Card>
  );
}
