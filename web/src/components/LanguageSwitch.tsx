import { Segmented } from 'antd';
import { useI18n } from '../i18n/LangContext.ts';
import type { Lang } from '../i18n/translate.ts';

/** Toggles the interface between Chinese and English. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.label')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: <span lang="zh-CN">{t('lang.zh')}</span> },
        { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
      ]}
    />
  );
}
