import { useState } from 'react';
import { Button, Flex, Select, Table, Typography } from 'antd';
import type OlMap from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import { api } from '../api/client.ts';
import { localName } from '../api/types.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { fieldLabel, orderedFields } from './fieldLabel.ts';
import { num } from './formatArea.ts';
import { extentToLonLat } from './projection.ts';
import { zoomToFeature } from './zoomTo.ts';
import type { FeatureCollectionResponse, GeoJsonFeature, GisLayer, LayerState, ProjectionCode } from './types.ts';

export interface AttributeTableProps {
  map: OlMap | null;
  projection: ProjectionCode;
  layers: GisLayer[];
  states: Record<string, LayerState>;
  highlight: VectorSource | null;
  /** Rows fetched per request; default 200. */
  limit?: number;
  /** Columns shown besides the area; default 5. */
  maxColumns?: number;
}

/** Attributes of one layer's features in the current view (features API with bbox); a row click zooms to it. */
export function AttributeTable({ map, projection, layers, states, highlight, limit = 200, maxColumns = 5 }: AttributeTableProps) {
  const { t, lang } = useI18n();
  const readable = layers.filter((l) => l.currentVersion !== null);
  const [code, setCode] = useState(readable.find((l) => l.code === 'DLTB')?.code ?? readable[0]?.code);
  const [data, setData] = useState<FeatureCollectionResponse>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const layer = readable.find((l) => l.code === code);

  const load = async () => {
    if (!map || !layer) return;
    const bbox = extentToLonLat(map.getView().calculateExtent(map.getSize()), projection).join(',');
    setLoading(true);
    setError(undefined);
    try {
      setData(await api<FeatureCollectionResponse>(`/api/gis/layers/${encodeURIComponent(layer.code)}/features`, { query: { bbox, limit, version: states[layer.code]?.version } }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const fields = layer ? orderedFields(layer.fields.map((f) => f.name)).slice(0, maxColumns) : [];
  const columns = [
    ...fields.map((name) => ({ key: name, title: fieldLabel(name, t), ellipsis: true, render: (_: unknown, f: GeoJsonFeature) => String(f.properties[name] ?? '') })),
    { key: '_area', title: t('map.areaMu'), align: 'right' as const, render: (_: unknown, f: GeoJsonFeature) => (f.properties._area_m2 === undefined ? '' : num((f.properties._area_m2 * 15) / 10000, lang)) },
  ];

  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <Select style={{ flex: 1 }} aria-label={t('map.table.layer')} value={code} onChange={(v: string) => { setCode(v); setData(undefined); }} options={readable.map((l) => ({ value: l.code, label: localName(l, lang) }))} />
        <Button type="primary" onClick={() => void load()} loading={loading} disabled={!layer}>
          {t('map.table.load')}
        </Button>
      </Flex>
      {error !== undefined && <ProblemAlert error={error} onRetry={() => void load()} />}
      {data && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('map.table.count', { shown: data.numberReturned, total: data.numberMatched })}
          </Typography.Text>
          <Table<GeoJsonFeature>
            size="small"
            rowKey={(f) => String(f.id)}
            columns={columns}
            dataSource={data.features}
            pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            onRow={(f) => ({ onClick: () => map && zoomToFeature(map, highlight, f, projection), style: { cursor: 'pointer' } })}
          />
        </>
      )}
      {!data && !error && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.table.hint')}</Typography.Text>}
    </Flex>
  );
}
