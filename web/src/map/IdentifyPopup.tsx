import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Spin, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import type OlMap from 'ol/Map.js';
import Overlay from 'ol/Overlay.js';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { fieldLabel, orderedFields } from './fieldLabel.ts';
import { areaText } from './formatArea.ts';
import { classOf } from './layerStyle.ts';
import type { IdentifyState } from './useIdentify.ts';
import { CATEGORY_ORDER, type GisLayer } from './types.ts';

export interface IdentifyPopupProps {
  map: OlMap | null;
  identify: IdentifyState;
  layers: GisLayer[];
  /** Properties listed per feature; default 8. */
  maxFields?: number;
  /** Features listed per layer; default 3. */
  maxFeatures?: number;
  /** Tallest the popup grows before it scrolls, px; default 320. */
  maxHeight?: number;
}

/** Thematic layers first (the patch the user clicked), base layers such as XZQ last. */
function sortHits(hits: IdentifyState['hits'], layers: GisLayer[]): IdentifyState['hits'] {
  const rank = (code: string) => CATEGORY_ORDER.indexOf(layers.find((l) => l.code === code)?.category ?? 'other');
  return [...hits].sort((a, b) => rank(a.layer) - rank(b.layer));
}

/** The identify answer in a popup anchored at the clicked point. */
export function IdentifyPopup({ map, identify, layers, maxFields = 8, maxFeatures = 3, maxHeight = 320 }: IdentifyPopupProps) {
  const { t, lang } = useI18n();
  // A node React never moves: OpenLayers re-parents it, React renders into it through a portal.
  const element = useMemo(() => document.createElement('div'), []);
  const overlay = useMemo(() => new Overlay({ element, positioning: 'bottom-center', offset: [0, -10], autoPan: { animation: { duration: 200 }, margin: 12 } }), [element]);

  useEffect(() => {
    if (!map) return;
    map.addOverlay(overlay);
    return () => {
      map.removeOverlay(overlay);
    };
  }, [map, overlay]);
  // Open towards the side of the point with more room, and no taller than that room.
  const [room, setRoom] = useState(320);
  useEffect(() => {
    const at = identify.at;
    const size = map?.getSize();
    const pixel = at && map ? map.getPixelFromCoordinate(at) : null;
    if (pixel && size) {
      const below = size[1]! - pixel[1]!;
      const down = below > pixel[1]!;
      overlay.setPositioning(down ? 'top-center' : 'bottom-center');
      overlay.setOffset([0, down ? 10 : -10]);
      setRoom(Math.max(140, Math.min(maxHeight, (down ? below : pixel[1]!) - 24)));
    }
    overlay.setPosition(at ?? undefined);
  }, [map, overlay, identify.at, maxHeight]);
  useEffect(() => () => overlay.dispose(), [overlay]);

  const units = { m2: t('map.unit.m2'), ha: t('map.unit.ha'), mu: t('map.unit.mu') };
  const content = identify.at && (
    <div role="dialog" aria-label={t('map.identify')} data-testid="identify-popup" style={{ background: '#fff', borderRadius: 6, boxShadow: '0 3px 12px rgba(0,0,0,.25)', padding: '8px 12px', width: 300, maxWidth: '80vw', maxHeight: room, overflow: 'auto' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Text strong>{t('map.identify')}</Typography.Text>
        <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('map.close')} onClick={identify.close} />
      </div>
      {identify.loading && <Spin size="small" description={t('common.loading')} />}
      {identify.error && <ProblemAlert error={identify.error} />}
      {!identify.loading && !identify.error && identify.hits.length === 0 && <Typography.Text type="secondary">{t('map.identifyNone')}</Typography.Text>}
      {sortHits(identify.hits, layers).map((hit) => {
        const layer = layers.find((l) => l.code === hit.layer);
        return (
          <section key={hit.layer} style={{ marginTop: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {lang === 'en' && layer?.nameEn ? layer.nameEn : hit.name}
            </Typography.Text>
            {hit.features.slice(0, maxFeatures).map((f) => {
              const props: Record<string, unknown> = { ...f.properties };
              const by = layer?.style.by;
              // Name the class from the legend when the data carries only the code.
              if (layer && by && props.DLMC === undefined && by === 'DLBM') props.DLMC = classOf(layer.style, props[by])?.label;
              return (
                <table key={f.fid} style={{ width: '100%', fontSize: 12, borderCollapse: 'collapse', marginBottom: 4 }}>
                  <tbody>
                    {orderedFields(Object.keys(props)).slice(0, maxFields).map((k) => (
                      <tr key={k}>
                        <th scope="row" style={{ textAlign: 'start', fontWeight: 500, padding: '1px 8px 1px 0', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{fieldLabel(k, t)}</th>
                        <td style={{ padding: '1px 0', wordBreak: 'break-all' }}>{String(props[k] ?? '')}</td>
                      </tr>
                    ))}
                    {f.areaM2 !== null && (
                      <tr>
                        <th scope="row" style={{ textAlign: 'start', fontWeight: 500, padding: '1px 8px 1px 0', verticalAlign: 'top' }}>{t('map.area')}</th>
                        <td>{areaText(f.areaM2, lang, units)}</td>
                      </tr>
                    )}
                  </tbody>
                </table>
              );
            })}
            {hit.features.length > maxFeatures && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.moreFeatures', { n: hit.features.length - maxFeatures })}</Typography.Text>}
          </section>
        );
      })}
    </div>
  );
  return createPortal(content, element);
}
