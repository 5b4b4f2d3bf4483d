import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LangContext, type I18n } from './LangContext.ts';
import { formatDateTime, translate, type Lang } from './translate.ts';

const STORAGE_KEY = 'landgov.lang';
// Chinese fonts listed by name so Simplified (not Japanese) glyph forms are chosen.
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', " +
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

const THEME = {
  token: {
    colorPrimary: '#0958d9',
    // antd's default secondary/tertiary greys are below WCAG AA (4.5:1) on white and #f5f5f5.
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    fontFamily: FONT_FAMILY,
  },
};

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage can be unavailable (private mode, policies); Chinese is the default.
    return 'zh';
  }
}

/** Holds the interface language, persists it and configures antd's locale to match. */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting is acceptable; the choice still applies to this page.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = translate(lang, 'app.name');
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      time: (iso) => formatDateTime(iso, lang),
    }),
    [lang, setLang],
  );

  return (
    <LangContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        // antd would render "登 录"; keep button text exactly as written.
        button={{ autoInsertSpace: false }}
        theme={THEME}
      >
        {children}
      </ConfigProvider>
    </LangContext.Provider>
  );
}
