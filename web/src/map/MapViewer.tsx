import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Card, Drawer, Grid } from 'antd';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { CoordinateBar } from './CoordinateBar.tsx';
import { exportMapPng } from './exportPng.ts';
import { IdentifyPopup } from './IdentifyPopup.tsx';
import { MapPanels, type PanelKey } from './MapPanels.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { fromLonLat } from './projection.ts';
import { useDataLayers } from './useDataLayers.ts';
import { useDrawMeasure, type MeasureMode, type Measurement } from './useDrawMeasure.ts';
import { useHighlightLayer } from './useHighlightLayer.ts';
import { useIdentify } from './useIdentify.ts';
import { useLayerCatalogue } from './useLayerCatalogue.ts';
import { useOlMap } from './useOlMap.ts';
import { useTiandituBasemap } from './useTiandituBasemap.ts';
import type { GisLayerDetail, LayerState, ProjectionCode } from './types.ts';
import 'ol/ol.css';

export interface MapViewerProps {
  /** Projection of the first view; default CGCS2000 (EPSG:4490). */
  initialProjection?: ProjectionCode;
  /** Width of the side panel on wide screens, px; default 360. */
  panelWidth?: number;
}

/** Union of the current versions' extents (EPSG:4490), the base layers' if any. */
function dataExtent(layers: GisLayerDetail[]): number[] | null {
  const boxes = (list: GisLayerDetail[]) => list.map((l) => l.versions.find((v) => v.version === l.currentVersion)?.bbox).filter((b): b is [number, number, number, number] => Boolean(b));
  const base = boxes(layers.filter((l) => l.category === 'base'));
  const all = base.length ? base : boxes(layers);
  if (!all.length) return null;
  return [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];
}

/** 一张图: the county's layers on an OpenLayers map with layer tree, identify, search, table, statistics and measuring. */
export function MapViewer({ initialProjection = 'EPSG:4490', panelWidth = 360 }: MapViewerProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const compact = screens.md === false;
  const target = useRef<HTMLDivElement>(null);
  const [projection, setProjection] = useState<ProjectionCode>(initialProjection);
  const map = useOlMap(target, { projection, zoomInTip: t('map.zoomIn'), zoomOutTip: t('map.zoomOut') });
  const catalogue = useLayerCatalogue();
  const layers = useMemo(() => catalogue.layers ?? [], [catalogue.layers]);
  const [states, setStates] = useState<Record<string, LayerState>>({});
  const [panel, setPanel] = useState<PanelKey>('layers');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [measureMode, setMeasureMode] = useState<MeasureMode>('none');
  const [measurement, setMeasurement] = useState<Measurement | null>(null);
  const [ready, setReady] = useState(false);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    setStates((prev) => {
      const next = { ...prev };
      // Base and current-use layers start on; thematic layers (planning, management) start off so
      // the 三调 colours read clearly, and are switched on in the tree.
      for (const l of layers) next[l.code] ??= { visible: l.currentVersion !== null && (l.category === 'base' || l.category === 'current'), opacity: 1 };
      return next;
    });
  }, [layers]);
  const onLayerChange = useCallback((code: string, patch: Partial<LayerState>) => setStates((s) => ({ ...s, [code]: { ...(s[code] ?? { visible: true, opacity: 1 }), ...patch } })), []);

  const { tilesLoaded, tileErrors } = useDataLayers(map, { layers, states, projection });
  const highlight = useHighlightLayer(map);
  useTiandituBasemap(map, { projection });
  const visible = layers.filter((l) => states[l.code]?.visible && l.currentVersion !== null).map((l) => l.code);
  const identify = useIdentify(map, { projection, layers: visible, enabled: measureMode === 'none' });
  useDrawMeasure(map, { mode: measureMode, projection, source: highlight, onMeasured: setMeasurement });

  // Fit the county once the catalogue has told us where it is.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map || fitted.current || !catalogue.layers) return;
    const e = dataExtent(catalogue.layers);
    if (!e) return;
    fitted.current = true;
    const [a, b] = [fromLonLat([e[0]!, e[1]!], projection), fromLonLat([e[2]!, e[3]!], projection)];
    map.getView().fit([a[0]!, a[1]!, b[0]!, b[1]!], { padding: [24, 24, 24, 24] });
  }, [map, catalogue.layers, projection]);

  // Ready = a render finished after at least one tile arrived (the browser test waits for this).
  const loadedRef = useRef(0);
  loadedRef.current = tilesLoaded;
  useEffect(() => {
    if (!map) return;
    setReady(false);
    const onRender = () => loadedRef.current > 0 && setReady(true);
    map.on('rendercomplete', onRender);
    return () => map.un('rendercomplete', onRender);
  }, [map]);

  const onExport = async () => {
    if (!map) return;
    setExporting(true);
    try {
      const date = new Date().toISOString().slice(0, 10);
      await exportMapPng(map, { fileName: `一张图-${date}.png`, caption: `${t('face.map')} · ${projection === 'EPSG:4490' ? 'CGCS2000 (EPSG:4490)' : 'Web Mercator (EPSG:3857)'} · ${date}` });
    } catch {
      void message.error(t('map.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  const panels = (
    <MapPanels
      map={map}
      projection={projection}
      layers={layers}
      states={states}
      onLayerChange={onLayerChange}
      highlight={highlight}
      measureMode={measureMode}
      onMeasureMode={(m) => {
        setMeasureMode(m);
        // On a phone the drawer covers the map; close it so the user can draw.
        if (compact && m !== 'none') setDrawerOpen(false);
      }}
      measurement={measurement}
      onClearMeasurement={() => {
        setMeasurement(null);
        highlight?.clear();
      }}
      active={panel}
      onActive={setPanel}
    />
  );

  return (
    <>
      <PageHeading
        title={t('face.map')}
        description={compact ? undefined : t('map.desc')}
        extra={<MapToolbar projection={projection} onProjection={setProjection} onExport={() => void onExport()} exporting={exporting} compact={compact} onOpenPanels={() => setDrawerOpen(true)} />}
      />
      {catalogue.error && <ProblemAlert error={catalogue.error} onRetry={catalogue.reload} />}
      <div style={{ display: 'flex', gap: 12, height: compact ? 'calc(100dvh - 210px)' : 'calc(100dvh - 200px)', minHeight: 360 }}>
        {!compact && (
          <Card size="small" style={{ width: panelWidth, flexShrink: 0, overflow: 'auto' }} styles={{ body: { paddingTop: 0 } }}>
            {catalogue.loading ? <Loading /> : panels}
          </Card>
        )}
        <div style={{ flex: 1, position: 'relative', minWidth: 0, border: '1px solid #e5e5e5', borderRadius: 6, overflow: 'hidden', background: '#f4f6f8' }}>
          <div ref={target} data-testid="map" data-ready={ready ? 'true' : 'false'} role="region" aria-label={t('map.canvas')} style={{ position: 'absolute', inset: 0 }} />
          {ready && <span data-testid="map-ready" hidden />}
          {catalogue.loading && (
            <div style={{ position: 'absolute', inset: 0, background: 'rgba(255,255,255,.6)' }}>
              <Loading />
            </div>
          )}
          {tileErrors > 0 && (
            <div role="status" style={{ position: 'absolute', top: 8, right: 8, background: '#fff2f0', border: '1px solid #ffccc7', padding: '2px 8px', borderRadius: 4, fontSize: 12 }}>
              {t('map.tileErrors', { n: tileErrors })}
            </div>
          )}
          <div style={compact ? { position: 'absolute', left: 8, right: 8, bottom: 34, pointerEvents: 'none' } : { position: 'absolute', right: 8, bottom: 8, maxWidth: 'calc(100% - 130px)', pointerEvents: 'none' }}>
            <CoordinateBar map={map} projection={projection} />
          </div>
          <IdentifyPopup map={map} identify={identify} layers={layers} />
        </div>
      </div>
      {compact && (
        <Drawer placement="bottom" open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('map.panels')} size="70%">
          {catalogue.loading ? <Loading /> : panels}
        </Drawer>
      )}
    </>
  );
}
