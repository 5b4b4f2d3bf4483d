import { useRef, useState } from 'react';
import { Button, Empty, Flex, Input, Segmented, Typography } from 'antd';
import type OlMap from 'ol/Map.js';
import type VectorSource from 'ol/source/Vector.js';
import { api } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { fieldLabel } from './fieldLabel.ts';
import { zoomToFeature } from './zoomTo.ts';
import type { FeatureCollectionResponse, GeoJsonFeature, GisLayer, ProjectionCode } from './types.ts';

export interface SearchPanelProps {
  map: OlMap | null;
  projection: ProjectionCode;
  layers: GisLayer[];
  highlight: VectorSource | null;
  /** Layer of place names; default XZQ. */
  placeLayer?: string;
  /** Parcel layer and the attributes searched for an exact value; default DLTB by BSM and TBBH. */
  parcelLayer?: string;
  parcelFields?: string[];
  /** Most results listed; default 50. */
  maxResults?: number;
}

type Mode = 'place' | 'parcel';
interface Hit {
  layer: GisLayer;
  feature: GeoJsonFeature;
  title: string;
}

const NAME_FIELDS = ['XZQMC', 'ZLDWMC', 'QSDWMC', 'CJDCQMC', 'NAME', 'MC'];

/** Search by place (town / village name in XZQ) or by parcel attribute (DLTB BSM / TBBH); a result zooms the map. */
export function SearchPanel({ map, projection, layers, highlight, placeLayer = 'XZQ', parcelLayer = 'DLTB', parcelFields = ['BSM', 'TBBH'], maxResults = 50 }: SearchPanelProps) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('place');
  const [hits, setHits] = useState<Hit[]>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  // The place list is small (towns, villages): fetched once and filtered here.
  const places = useRef<{ layer: GisLayer; features: GeoJsonFeature[] } | null>(null);
  const place = layers.find((l) => l.code === placeLayer && l.currentVersion !== null);
  const parcel = layers.find((l) => l.code === parcelLayer && l.currentVersion !== null);

  const search = async (text: string) => {
    const q = text.trim();
    if (!q) return;
    setLoading(true);
    setError(undefined);
    try {
      if (mode === 'place' && place) {
        places.current ??= { layer: place, features: (await api<FeatureCollectionResponse>(`/api/gis/layers/${place.code}/features`, { query: { limit: 5000 } })).features };
        const names = NAME_FIELDS.filter((n) => place.fields.some((f) => f.name === n));
        const found = places.current.features.filter((f) => names.some((n) => String(f.properties[n] ?? '').includes(q)));
        setHits(found.slice(0, maxResults).map((f) => ({ layer: place, feature: f, title: names.map((n) => f.properties[n]).filter(Boolean).join(' · ') })));
      } else if (mode === 'parcel' && parcel) {
        const fields = parcelFields.filter((n) => parcel.fields.some((f) => f.name === n));
        const answers = await Promise.all(fields.map((n) => api<FeatureCollectionResponse>(`/api/gis/layers/${parcel.code}/features`, { query: { [`prop.${n}`]: q, limit: maxResults } })));
        const seen = new Set<number>();
        const found = answers.flatMap((a) => a.features).filter((f) => !seen.has(f.id) && seen.add(f.id));
        setHits(found.slice(0, maxResults).map((f) => ({ layer: parcel, feature: f, title: fields.map((n) => `${fieldLabel(n, t)} ${String(f.properties[n] ?? '')}`).join(' · ') + (f.properties.DLMC ? ` · ${String(f.properties.DLMC)}` : '') })));
      } else {
        setHits([]);
      }
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const available = mode === 'place' ? Boolean(place) : Boolean(parcel);
  return (
    <Flex vertical gap={8}>
      <Segmented<Mode>
        block
        value={mode}
        onChange={(m) => { setMode(m); setHits(undefined); }}
        options={[{ value: 'place', label: t('map.search.place') }, { value: 'parcel', label: t('map.search.parcel') }]}
      />
      <Input.Search
        aria-label={t('map.search')}
        placeholder={t(mode === 'place' ? 'map.search.placeHint' : 'map.search.parcelHint')}
        enterButton={t('common.search')}
        loading={loading}
        disabled={!available}
        onSearch={(v) => void search(v)}
      />
      {!available && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.search.unavailable')}</Typography.Text>}
      {error !== undefined && <ProblemAlert error={error} />}
      {hits && hits.length === 0 && <Empty description={t('map.search.none')} />}
      {hits && hits.length > 0 && (
        <ul aria-label={t('map.search.results')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {hits.map((h) => (
            <li key={`${h.layer.code}:${h.feature.id}`}>
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => map && zoomToFeature(map, highlight, h.feature, projection)}>
                {h.title || `#${h.feature.id}`}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
