import { Tabs } from 'antd';
import type OlMap from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import { useI18n } from '../i18n/LangContext.ts';
import { AttributeTable } from './AttributeTable.tsx';
import { LayerTree } from './LayerTree.tsx';
import { MeasurePanel } from './MeasurePanel.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { StatsPanel } from './StatsPanel.tsx';
import type { MeasureMode, Measurement } from './useDrawMeasure.ts';
import type { GisLayerDetail, LayerState, ProjectionCode } from './types.ts';

export type PanelKey = 'layers' | 'search' | 'table' | 'stats' | 'measure';

export interface MapPanelsProps {
  map: OlMap | null;
  projection: ProjectionCode;
  layers: GisLayerDetail[];
  states: Record<string, LayerState>;
  onLayerChange: (code: string, patch: Partial<LayerState>) => void;
  highlight: VectorSource | null;
  measureMode: MeasureMode;
  onMeasureMode: (m: MeasureMode) => void;
  measurement: Measurement | null;
  onClearMeasurement: () => void;
  active: PanelKey;
  onActive: (key: PanelKey) => void;
}

/** The side panels of the one map, as tabs: layers, search, attribute table, statistics, measuring. */
export function MapPanels(p: MapPanelsProps) {
  const { t } = useI18n();
  const drawn = p.measurement?.kind === 'area' ? p.measurement.lonLat : null;
  return (
    <Tabs
      size="small"
      activeKey={p.active}
      onChange={(k) => p.onActive(k as PanelKey)}
      items={[
        { key: 'layers', label: t('map.panel.layers'), children: <LayerTree layers={p.layers} states={p.states} onChange={p.onLayerChange} /> },
        { key: 'search', label: t('map.panel.search'), children: <SearchPanel map={p.map} projection={p.projection} layers={p.layers} highlight={p.highlight} /> },
        { key: 'table', label: t('map.panel.table'), children: <AttributeTable map={p.map} projection={p.projection} layers={p.layers} states={p.states} highlight={p.highlight} /> },
        { key: 'stats', label: t('map.panel.stats'), children: <StatsPanel map={p.map} projection={p.projection} layers={p.layers} drawn={drawn} /> },
        { key: 'measure', label: t('map.panel.measure'), children: <MeasurePanel mode={p.measureMode} onMode={p.onMeasureMode} result={p.measurement} onClear={p.onClearMeasurement} /> },
      ]}
    />
  );
}
