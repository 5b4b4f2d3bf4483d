import { Typography } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import { num } from './format.ts';
import type { Area } from './types.ts';

/** An area in 平方米, with 公顷 and 亩 beneath. */
export function AreaText({ area }: { area: Area }) {
  const { t, lang } = useI18n();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span data-testid="area-m2">{num(area.m2, lang)}</span> {t('review.unit.m2')}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {num(area.ha, lang, 4)} {t('review.unit.ha')} · {num(area.mu, lang)} {t('review.unit.mu')}
      </Typography.Text>
    </span>
  );
}
