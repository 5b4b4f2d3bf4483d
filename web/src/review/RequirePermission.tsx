import type { ReactNode } from 'react';
import { Result } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { useCan } from './useCan.ts';

/** Shows its children only to holders of one of the permissions; the server still checks every request. */
export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { t } = useI18n();
  const allowed = useCan(...anyOf);
  if (allowed) return children;
  return <Result status="403" title="403" subTitle={t('review.forbidden')} />;
}
