import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { usePresentClasses } from './usePresentClasses.ts';
import type { GisLayer } from './types.ts';

export interface LayerLegendProps {
  layer: GisLayer;
  /** Most classes listed before "and n more"; default 40. */
  maxClasses?: number;
}

function Swatch({ fill, outline, opacity }: { fill: string; outline: string; opacity: number }) {
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        width: 18,
        height: 12,
        flexShrink: 0,
        border: `1.5px solid ${outline}`,
        background: opacity > 0 ? fill : 'transparent',
        opacity: opacity > 0 ? Math.max(opacity, 0.35) : 1,
      }}
    />
  );
}

/** Legend of one layer: a swatch per class present (三调 colours for DLTB), else one swatch. */
export function LayerLegend({ layer, maxClasses = 40 }: LayerLegendProps) {
  const { t } = useI18n();
  const { style } = layer;
  const present = usePresentClasses(layer);
  if (!style.by || !style.classes?.length) {
    return (
      <Flex align="center" gap={6} style={{ fontSize: 12 }}>
        <Swatch fill={style.color} outline={style.outline} opacity={style.opacity} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{layer.name}</Typography.Text>
      </Flex>
    );
  }
  const classes = present ? style.classes.filter((c) => present.has(c.value)) : style.classes;
  const shown = classes.slice(0, maxClasses);
  return (
    <ul aria-label={t('map.legendOf', { layer: layer.name })} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(118px, 1fr))', gap: '2px 8px' }}>
      {shown.map((c) => (
        <li key={c.value} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 12, minWidth: 0 }}>
          <Swatch fill={c.color} outline={style.outline} opacity={1} />
          <span style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={`${c.value} ${c.label}`}>
            {c.value} {c.label}
          </span>
        </li>
      ))}
      {classes.length > shown.length && <li style={{ fontSize: 12 }}>{t('map.legendMore', { n: classes.length - shown.length })}</li>}
    </ul>
  );
}
