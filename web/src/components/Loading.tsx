import { Spin } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';

/** A centred spinner with an accessible loading text. */
export function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
      <Spin description={t('common.loading')}>
        <div style={{ minHeight: 48 }} />
      </Spin>
    </div>
  );
}
