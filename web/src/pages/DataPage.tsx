import { useState } from 'react';
import { Button, Grid } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { ImportModal } from '../data/ImportModal.tsx';
import { LayerCards } from '../data/LayerCards.tsx';
import { LayerDrawer } from '../data/LayerDrawer.tsx';
import { LayerTable } from '../data/LayerTable.tsx';
import type { DataLayer } from '../data/types.ts';
import { useLayerCatalogue } from '../map/useLayerCatalogue.ts';
import { useI18n } from '../i18n/LangContext.ts';

/** 数据管理 (/data): the layer catalogue, each layer's versions and settings, and importing new versions. */
export function DataPage() {
  const { t } = useI18n();
  const { layers, error, loading, reload } = useLayerCatalogue<DataLayer>();
  const [openCode, setOpenCode] = useState<string>();
  const [importing, setImporting] = useState(false);
  // A new key per opening gives the import dialog a fresh form and state.
  const [importKey, setImportKey] = useState(0);
  const list = layers ?? [];
  // Before the first measurement `md` is undefined; assume a desktop until told otherwise.
  const phone = Grid.useBreakpoint().md === false;
  const Catalogue = phone ? LayerCards : LayerTable;

  return (
    <>
      <PageHeading
        title={t('face.data')}
        description={t('data.desc')}
        extra={
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => {
              setImportKey((k) => k + 1);
              setImporting(true);
            }}
          >
            {t('data.import')}
          </Button>
        }
      />
      {error && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} onRetry={reload} />
        </div>
      )}
      <Catalogue layers={list} loading={loading} onOpen={setOpenCode} />
      <LayerDrawer layer={list.find((l) => l.code === openCode)} onClose={() => setOpenCode(undefined)} onChanged={reload} />
      <ImportModal key={importKey} open={importing} layers={list} onClose={() => setImporting(false)} onImported={reload} />
    </>
  );
}
