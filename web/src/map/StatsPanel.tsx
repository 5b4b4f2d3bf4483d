import { useState } from 'react';
import { Button, Empty, Flex, Segmented, Select, Spin, Typography } from 'antd';
import type OlMap from 'ol/Map.js';
import type { Coordinate } from 'ol/coordinate.js';
import { api } from '../api/client.ts';
import { localName } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { areaText } from './formatArea.ts';
import { classOf } from './layerStyle.ts';
import { extentToLonLat } from './projection.ts';
import { StatsChart } from './StatsChart.tsx';
import type { AreaStats, GisLayer, ProjectionCode } from './types.ts';

export interface StatsPanelProps {
  map: OlMap | null;
  projection: ProjectionCode;
  layers: GisLayer[];
  /** The last drawn polygon (CGCS2000 lon/lat ring), if any. */
  drawn: Coordinate[] | null;
  /** Layer chosen first; default DLTB when present. */
  defaultLayer?: string;
}

type Scope = 'view' | 'drawn';

/** Area by class (DLBM for DLTB) of the current view or the drawn polygon, as a chart and totals. */
export function StatsPanel({ map, projection, layers, drawn, defaultLayer = 'DLTB' }: StatsPanelProps) {
  const { t, lang } = useI18n();
  const candidates = layers.filter((l) => l.currentVersion !== null && l.style.by && l.fields.some((f) => f.name === l.style.by));
  const [code, setCode] = useState(candidates.find((l) => l.code === defaultLayer)?.code ?? candidates[0]?.code);
  const [scope, setScope] = useState<Scope>('view');
  const [result, setResult] = useState<{ stats: AreaStats; layer: GisLayer }>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const layer = candidates.find((l) => l.code === code);
  const units = { m2: t('map.unit.m2'), ha: t('map.unit.ha'), mu: t('map.unit.mu') };

  if (!layer) return <Empty description={t('map.stats.noLayer')} />;

  const run = async () => {
    if (!map) return;
    const ring = scope === 'drawn' && drawn ? drawn : (() => {
      const [a, b, c, d] = extentToLonLat(map.getView().calculateExtent(map.getSize()), projection);
      return [[a, b], [c, b], [c, d], [a, d], [a, b]];
    })();
    setLoading(true);
    setError(undefined);
    try {
      const stats = await api<AreaStats>(`/api/gis/layers/${encodeURIComponent(layer.code)}/stats/area`, {
        method: 'POST',
        body: { by: layer.style.by, within: { type: 'Polygon', coordinates: [ring] } },
      });
      setResult({ stats, layer });
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const groups = result?.stats.groups.filter((g) => g.areaM2 > 0) ?? [];
  const total = groups.reduce((s, g) => s + g.areaM2, 0);
  const bars = groups.map((g) => {
    const cls = result ? classOf(result.layer.style, g.key) : undefined;
    return { name: cls ? `${cls.label}(${g.key})` : (g.key ?? t('map.stats.blank')), value: g.areaHa, color: cls?.color ?? result?.layer.style.color ?? '#999' };
  });

  return (
    <Flex vertical gap={8}>
      <Select aria-label={t('map.stats.layer')} value={code} onChange={setCode} options={candidates.map((l) => ({ value: l.code, label: localName(l, lang) }))} />
      <Segmented<Scope>
        block
        value={scope}
        onChange={setScope}
        options={[
          { value: 'view', label: t('map.stats.view') },
          { value: 'drawn', label: t('map.stats.drawn'), disabled: !drawn },
        ]}
      />
      {!drawn && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.stats.drawHint')}</Typography.Text>}
      <Button type="primary" onClick={() => void run()} loading={loading}>
        {t('map.stats.run')}
      </Button>
      {error !== undefined && <ProblemAlert error={error} onRetry={() => void run()} />}
      {loading && !result && <Spin />}
      {result && groups.length === 0 && <Empty description={t('map.stats.empty')} />}
      {result && groups.length > 0 && (
        <div data-testid="stats-result">
          <Typography.Text strong>{t('map.stats.total', { v: areaText(total, lang, units) })}</Typography.Text>
          <StatsChart bars={bars} unit={t('map.unit.ha')} label={t('map.stats.chartLabel', { layer: localName(result.layer, lang) })} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.stats.method')}</Typography.Text>
        </div>
      )}
    </Flex>
  );
}
