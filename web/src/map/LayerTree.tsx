import { Alert, Checkbox, Flex, Select, Slider, Typography } from 'antd';
import { localName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { LayerLegend } from './LayerLegend.tsx';
import type { GisLayerDetail, LayerCategory, LayerState } from './types.ts';

export interface LayerTreeProps {
  layers: GisLayerDetail[];
  states: Record<string, LayerState>;
  onChange: (code: string, patch: Partial<LayerState>) => void;
  /** Category order of the groups; default base first, as the layer tree of 一张图 usually reads. */
  order?: readonly LayerCategory[];
}

const DEFAULT_ORDER: readonly LayerCategory[] = ['base', 'current', 'planning', 'management', 'other'];

function LayerRow({ layer, state, onChange }: { layer: GisLayerDetail; state: LayerState; onChange: LayerTreeProps['onChange'] }) {
  const { t, lang } = useI18n();
  const name = localName(layer, lang);
  const ready = layer.versions.filter((v) => v.status === 'ready');
  const shown = state.version ?? layer.currentVersion;
  const old = shown !== null && shown !== layer.currentVersion;
  return (
    <li style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`layer-${layer.code}`}>
      <Flex justify="space-between" align="center" gap={8}>
        <Checkbox checked={state.visible} onChange={(e) => onChange(layer.code, { visible: e.target.checked })} disabled={layer.currentVersion === null}>
          {name}
        </Checkbox>
        {layer.currentVersion === null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('map.noData')}</Typography.Text>}
      </Flex>
      {state.visible && layer.currentVersion !== null && (
        <div style={{ paddingInlineStart: 24 }}>
          <Flex align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }} id={`opacity-${layer.code}`}>
              {t('map.opacity')}
            </Typography.Text>
            <Slider
              style={{ flex: 1, margin: '6px 4px' }}
              min={0}
              max={100}
              value={Math.round(state.opacity * 100)}
              onChange={(v) => onChange(layer.code, { opacity: v / 100 })}
              tooltip={{ formatter: (v) => `${v}%` }}
              aria-labelledby={`opacity-${layer.code}`}
            />
          </Flex>
          {ready.length > 1 && (
            <Flex align="center" gap={8} style={{ marginBottom: 6 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>{t('map.version')}</Typography.Text>
              <Select
                size="small"
                style={{ flex: 1 }}
                aria-label={t('map.versionOf', { layer: name })}
                value={shown ?? undefined}
                onChange={(v: number) => onChange(layer.code, { version: v === layer.currentVersion ? undefined : v })}
                options={ready.map((v) => ({
                  value: v.version,
                  label: t(v.version === layer.currentVersion ? 'map.versionCurrent' : 'map.versionOld', { v: v.version, n: v.featureCount, date: v.createdAt.slice(0, 10) }),
                }))}
              />
            </Flex>
          )}
          {old && <Alert type="info" showIcon style={{ fontSize: 12, padding: '4px 8px', marginBottom: 6 }} title={t('map.oldVersionNote')} />}
          <LayerLegend layer={layer} />
        </div>
      )}
    </li>
  );
}

/** The layer tree: layers grouped by category, each with a checkbox, opacity, version and legend. */
export function LayerTree({ layers, states, onChange, order = DEFAULT_ORDER }: LayerTreeProps) {
  const { t } = useI18n();
  if (layers.length === 0) return <Alert type="info" showIcon title={t('map.noLayers')} />;
  return (
    <div>
      {order.map((category) => {
        const group = layers.filter((l) => l.category === category);
        if (group.length === 0) return null;
        return (
          <section key={category} aria-labelledby={`cat-${category}`} style={{ marginBottom: 8 }}>
            <Typography.Title level={3} id={`cat-${category}`} style={{ fontSize: 14, margin: '8px 0 0' }}>
              {t(`map.category.${category}`)}
            </Typography.Title>
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {group.map((l) => (
                <LayerRow key={l.code} layer={l} state={states[l.code] ?? { visible: false, opacity: 1 }} onChange={onChange} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
