import { Drawer, Grid, Tabs } from 'antd';
import { localName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { LayerSettingsForm } from './LayerSettingsForm.tsx';
import type { DataLayer } from './types.ts';
import { VersionHistory } from './VersionHistory.tsx';

export interface LayerDrawerProps {
  /** The layer shown; the drawer is closed when undefined. */
  layer: DataLayer | undefined;
  onClose: () => void;
  /** Called after the settings were saved, to refresh the list. */
  onChanged: () => void;
}

/** One layer's version history and settings, in a drawer (full width on phones). */
export function LayerDrawer({ layer, onClose, onChanged }: LayerDrawerProps) {
  const { t, lang } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={!!layer}
      onClose={onClose}
      size={screens.md === false ? '100%' : 720}
      title={layer ? `${layer.code} ${localName(layer, lang)}` : undefined}
      destroyOnHidden
    >
      {layer && (
        <Tabs
          items={[
            {
              key: 'versions',
              label: t('data.history'),
              children: <VersionHistory versions={layer.versions} currentVersion={layer.currentVersion} />,
            },
            {
              key: 'settings',
              label: t('data.settings'),
              // A new key per layer state gives the form fresh initial values after a save.
              children: <LayerSettingsForm key={`${layer.code}-${layer.name}-${layer.access}`} layer={layer} onSaved={onChanged} />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}
