import { useState } from 'react';
import { Empty, Flex, Switch, Typography } from 'antd';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { FlagCard } from './FlagCard.tsx';
import { useCaseFlags } from './useCaseFlags.ts';

/**
 * /review/flags — open cases whose review changed after a layer got a new version, with before and
 * after; the reviewer acknowledges each flag (acknowledged ones are hidden unless asked for).
 */
export function FlagsPage() {
  const { t } = useI18n();
  const [showAcknowledged, setShowAcknowledged] = useState(false);
  const { entries, scanned, error, loading, reload, acknowledged } = useCaseFlags(showAcknowledged);
  const open = entries?.reduce((n, e) => n + e.flags.filter((f) => !f.acknowledgedAt).length, 0) ?? 0;
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('review.flags.title')} description={t('review.flags.desc')} />
      <Flex gap={8} align="center" wrap>
        <Switch id="flags-show-acknowledged" checked={showAcknowledged} onChange={setShowAcknowledged} data-testid="flags-show-acknowledged" />
        <label htmlFor="flags-show-acknowledged">{t('reviewFlags.showAcknowledged')}</label>
      </Flex>
      {error && <ProblemAlert error={error} onRetry={reload} />}
      {loading && <Loading />}
      {!loading && entries && (
        <>
          <Typography.Text type="secondary">
            {t('review.flags.scanned', { n: scanned })}
            {' · '}
            {t('reviewFlags.open', { n: open })}
          </Typography.Text>
          {entries.length === 0 ? <Empty description={t('review.flags.none')} /> : entries.map((e) => <FlagCard key={e.case.id} entry={e} onAcknowledged={acknowledged} />)}
        </>
      )}
    </Flex>
  );
}
