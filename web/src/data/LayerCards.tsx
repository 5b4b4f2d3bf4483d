import { Button, Card, Empty, Flex, Spin, Typography } from 'antd';
import { localName } from '../api/types.ts';
import { useI18n } from '../i18n/LangContext.ts';
import { AccessTag } from './AccessTag.tsx';
import { count, currentVersionOf, lastImportAt } from './format.ts';
import type { LayerTableProps } from './LayerTable.tsx';

/** The layer catalogue as one card per layer, for phone screens where the table's columns would not fit. */
export function LayerCards({ layers, loading, onOpen }: LayerTableProps) {
  const { t, time, lang } = useI18n();
  if (!loading && layers.length === 0) return <Empty description={t('data.noLayers')} />;
  return (
    <Spin spinning={loading}>
      <ul aria-label={t('data.layers')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {layers.map((l) => {
          const v = currentVersionOf(l);
          const last = lastImportAt(l);
          return (
            <li key={l.code} data-testid={`layer-card-${l.code}`} style={{ marginBottom: 12 }}>
              <Card size="small">
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text strong>{localName(l, lang)}</Typography.Text>
                  <AccessTag access={l.access} />
                </Flex>
                <Typography.Text code>{l.code}</Typography.Text>
                <Typography.Text type="secondary">{` ${t(`map.category.${l.category}`)}`}</Typography.Text>
                <Typography.Paragraph style={{ margin: '8px 0' }}>
                  {v ? t('data.cardCurrent', { v: v.version, n: count(v.featureCount, lang) }) : t('data.cardNoVersion')}
                  {last && (
                    <>
                      <br />
                      <Typography.Text type="secondary">{t('data.cardLastImport', { time: time(last) })}</Typography.Text>
                    </>
                  )}
                </Typography.Paragraph>
                <Button size="small" onClick={() => onOpen(l.code)} aria-label={t('data.openLayer', { code: l.code })}>
                  {t('data.manage')}
                </Button>
              </Card>
            </li>
          );
        })}
      </ul>
    </Spin>
  );
}
