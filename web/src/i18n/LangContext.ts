import { createContext, useContext } from 'react';
import type { DictKey, Lang, Vars } from './translate.ts';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translated UI string. */
  t: (key: DictKey, vars?: Vars) => string;
  /** Local date-time text for an ISO timestamp. */
  time: (iso: string | null | undefined) => string;
}

export const LangContext = createContext<I18n | null>(null);

/** The current language and its helpers; must be used below {@link LangProvider}. */
export function useI18n(): I18n {
  const value = useContext(LangContext);
  if (!value) throw new Error('useI18n must be used inside LangProvider');
  return value;
}
