import { Button, Flex, Segmented } from 'antd';
import { DownloadOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/LangContext.ts';
import type { ProjectionCode } from './types.ts';

export interface MapToolbarProps {
  projection: ProjectionCode;
  onProjection: (p: ProjectionCode) => void;
  onExport: () => void;
  exporting?: boolean;
  /** Phone layout: show the button that opens the panels drawer. */
  compact?: boolean;
  onOpenPanels?: () => void;
}

/** Projection switch (CGCS2000 / Web Mercator), PNG export and, on phones, the panels button. */
export function MapToolbar({ projection, onProjection, onExport, exporting = false, compact = false, onOpenPanels }: MapToolbarProps) {
  const { t } = useI18n();
  return (
    <Flex gap={8} wrap align="center">
      {compact && (
        <Button icon={<MenuUnfoldOutlined />} onClick={onOpenPanels} data-testid="open-panels">
          {t('map.panels')}
        </Button>
      )}
      <Segmented<ProjectionCode>
        value={projection}
        onChange={onProjection}
        aria-label={t('map.projection')}
        options={[
          { value: 'EPSG:4490', label: compact ? 'CGCS2000' : t('map.proj.4490') },
          { value: 'EPSG:3857', label: compact ? '3857' : t('map.proj.3857') },
        ]}
      />
      <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} aria-label={compact ? t('map.exportPng') : undefined}>
        {compact ? null : t('map.exportPng')}
      </Button>
    </Flex>
  );
}
