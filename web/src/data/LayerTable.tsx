import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { localName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { AccessTag } from './AccessTag.tsx';
import { count, currentVersionOf, lastImportAt } from './format.ts';
import type { DataLayer } from './types.ts';

export interface LayerTableProps {
  layers: DataLayer[];
  loading: boolean;
  /** Opens the version history and settings of a layer. */
  onOpen: (code: string) => void;
}

/** The layer catalogue with each layer's current version; scrolls sideways on narrow screens. */
export function LayerTable({ layers, loading, onOpen }: LayerTableProps) {
  const { t, time, lang } = useI18n();
  const columns: TableColumnsType<DataLayer> = [
    { title: t('data.code'), dataIndex: 'code', key: 'code', fixed: 'start', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: t('data.name'), key: 'name', render: (_, l) => localName(l, lang) },
    { title: t('data.category'), key: 'category', render: (_, l) => t(`map.category.${l.category}`) },
    { title: t('data.access'), key: 'access', render: (_, l) => <AccessTag access={l.access} /> },
    {
      title: t('data.currentVersion'),
      key: 'currentVersion',
      render: (_, l) => (l.currentVersion === null ? t('common.none') : t('data.versionN', { v: l.currentVersion })),
    },
    {
      title: t('data.features'),
      key: 'features',
      align: 'end',
      render: (_, l) => {
        const v = currentVersionOf(l);
        return v ? count(v.featureCount, lang) : t('common.none');
      },
    },
    { title: t('data.lastImport'), key: 'lastImport', render: (_, l) => time(lastImportAt(l)) || t('common.none') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) => (
        <Button size="small" onClick={() => onOpen(l.code)} aria-label={t('data.openLayer', { code: l.code })}>
          {t('data.manage')}
        </Button>
      ),
    },
  ];
  return (
    <Table<DataLayer>
      rowKey="code"
      columns={columns}
      dataSource={layers}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('data.noLayers') }}
    />
  );
}
