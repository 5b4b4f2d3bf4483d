import { useMemo } from 'react';
import { Alert, Card, Col, Flex, Row } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../api/useApi.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import type { GisLayer } from '../map/types.ts';
import { useLayerCatalogue } from '../map/useLayerCatalogue.ts';
import { itemNameKey } from './itemName.ts';
import { RuleSetEditor } from './RuleSetEditor.tsx';
import { RuleSetHistory } from './RuleSetHistory.tsx';
import { RuleSetList } from './RuleSetList.tsx';
import type { RuleSet } from './types.ts';
import { useCan } from './useCan.ts';

/** /review/rules — the service items' rule sets: list, editor (new version on save) and version history. */
export function RulesPage() {
  const { t } = useI18n();
  const canEdit = useCan('rules:manage');
  const [params, setParams] = useSearchParams();
  const list = useApi<RuleSet[]>('/api/review-rule-sets');
  const item = params.get('item') ?? list.data?.[0]?.itemCode;
  const versionParam = params.get('version');
  const version = versionParam ? Number(versionParam) : undefined;
  const set = useApi<RuleSet>(item ? `/api/review-rule-sets/${encodeURIComponent(item)}` : '/api/review-rule-sets/YDYS', version ? { version } : undefined);
  const history = useApi<RuleSet[]>(item ? `/api/review-rule-sets/${encodeURIComponent(item)}/history` : '/api/review-rule-sets/YDYS/history');
  const catalogue = useLayerCatalogue<GisLayer>({ withVersions: false });
  const layerCodes = useMemo(() => (catalogue.layers ?? []).map((l) => l.code), [catalogue.layers]);
  const select = (code: string, v?: number) => setParams(v ? { item: code, version: String(v) } : { item: code });
  const itemKey = item ? itemNameKey(item) : undefined;

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('review.rulesPage.title')} description={t('review.rulesPage.desc')} />
      {!canEdit && <Alert type="info" showIcon title={t('review.rulesPage.readOnly')} />}
      {list.error && <ProblemAlert error={list.error} onRetry={list.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={6}>
          <Flex vertical gap={16}>
            {list.loading && !list.data ? <Loading /> : <RuleSetList sets={list.data ?? []} selected={item} onSelect={(c) => select(c)} />}
            <Card size="small" title={t('review.rulesPage.history')}>
              {history.error ? <ProblemAlert error={history.error} onRetry={history.reload} /> : history.data ? (
                <RuleSetHistory versions={history.data} shown={set.data?.version} onView={(v) => item && select(item, v)} />
              ) : <Loading />}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={17} xl={18}>
          <Card size="small" title={item ? `${item} ${itemKey ? t(itemKey) : ''} · ${set.data ? t('review.layerVersion', { v: set.data.version }) : ''}` : t('review.rulesPage.edit')}>
            {set.error ? <ProblemAlert error={set.error} onRetry={set.reload} /> : set.data ? (
              <RuleSetEditor
                ruleSet={set.data}
                layerCodes={layerCodes}
                canEdit={canEdit}
                onSaved={(saved) => {
                  select(saved.itemCode);
                  set.reload();
                  history.reload();
                  list.reload();
                }}
              />
            ) : <Loading />}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
