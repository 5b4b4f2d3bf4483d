import { Flex, Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { LayerLegend } from '../map/LayerLegend.tsx';
import type { GisLayer } from '../map/types.ts';
import { BOUNDARY_COLOR } from './boundaryStyle.ts';

/** The legend under the report map: the boundary, then each layer shown (classes of the land-use layer). */
export function MapLegend({ layers }: { layers: GisLayer[] }) {
  const { t } = useI18n();
  return (
    <section aria-label={t('review.map.legend')} data-testid="review-legend" style={{ paddingTop: 8 }}>
      <Typography.Text strong style={{ fontSize: 13 }}>{t('review.map.legend')}</Typography.Text>
      <Flex vertical gap={6} style={{ marginTop: 6 }}>
        <Flex align="center" gap={6} style={{ fontSize: 12 }}>
          <span aria-hidden style={{ display: 'inline-block', width: 18, height: 12, border: `3px solid ${BOUNDARY_COLOR}` }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('review.map.boundary')}</Typography.Text>
        </Flex>
        {layers.map((l) => (
          <div key={l.code}>
            {l.style.by && l.style.classes?.length ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 2 }}>{l.name}</Typography.Text>
            ) : null}
            <LayerLegend layer={l} maxClasses={16} />
          </div>
        ))}
      </Flex>
    </section>
  );
}
