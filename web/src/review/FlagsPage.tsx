import { Empty, Flex, Typography } from 'antd';
import { Loading } from '../components/Loading.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useI18n } from '../i18n/LangContext.ts';
import { FlagCard } from './FlagCard.tsx';
import { useCaseFlags } from './useCaseFlags.ts';

/** /review/flags — cases whose review changed after a layer got a new version, with before and after. */
export function FlagsPage() {
  const { t } = useI18n();
  const { entries, scanned, error, loading, reload } = useCaseFlags();
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('review.flags.title')} description={t('review.flags.desc')} />
      {error && <ProblemAlert error={error} onRetry={reload} />}
      {loading && <Loading />}
      {!loading && entries && (
        <>
          <Typography.Text type="secondary">{t('review.flags.scanned', { n: scanned })}</Typography.Text>
          {entries.length === 0 ? <Empty description={t('review.flags.none')} /> : entries.map((e) => <FlagCard key={e.case.id} entry={e} />)}
        </>
      )}
    </Flex>
  );
}
