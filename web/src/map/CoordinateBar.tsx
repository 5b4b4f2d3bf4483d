import { useEffect, useState } from 'react';
import type OlMap from 'ol/Map.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { useI18n } from '../i18n/LangContext.ts';
import { gaussKruger, toLonLat } from './projection.ts';
import type { ProjectionCode } from './types.ts';

export interface CoordinateBarProps {
  map: OlMap | null;
  projection: ProjectionCode;
  /** Decimals of the degrees; default 6 (about 0.1 m). */
  degreeDigits?: number;
}

/** The pointer position in CGCS2000 degrees and 3° Gauss-Krüger metres (X northing, Y easting with zone). */
export function CoordinateBar({ map, projection, degreeDigits = 6 }: CoordinateBarProps) {
  const { t } = useI18n();
  const [pos, setPos] = useState<{ lon: number; lat: number } | null>(null);
  useEffect(() => {
    if (!map) return;
    let frame = 0;
    const onMove = (e: MapBrowserEvent) => {
      if (e.dragging) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const [lon, lat] = toLonLat(e.coordinate, projection);
        setPos({ lon: lon!, lat: lat! });
      });
    };
    map.on('pointermove', onMove);
    return () => {
      map.un('pointermove', onMove);
      cancelAnimationFrame(frame);
    };
  }, [map, projection]);

  const gk = pos && Math.abs(pos.lat) < 84 ? gaussKruger(pos.lon, pos.lat) : null;
  return (
    <div aria-live="off" data-testid="coordinates" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums', color: '#333', background: 'rgba(255,255,255,.85)', padding: '2px 8px', borderRadius: 4 }}>
      {pos ? (
        <>
          <span>{t('map.coord.lonLat', { lon: pos.lon.toFixed(degreeDigits), lat: pos.lat.toFixed(degreeDigits) })}</span>
          {gk && <span style={{ marginInlineStart: 12 }}>{t('map.coord.gk', { x: gk.x.toFixed(2), y: gk.y.toFixed(2), zone: gk.zone, epsg: gk.epsg })}</span>}
        </>
      ) : (
        t('map.coord.hint')
      )}
    </div>
  );
}
