import type { Lang } from '../i18n/translate.ts';
import type { Text } from './types.ts';

/** A number with grouping and `digits` decimals. */
export function num(x: number, lang: Lang, digits = 2): string {
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A share 0–1 as a percentage with two decimals. */
export function percent(share: number, lang: Lang): string {
  return `${num(share * 100, lang)}%`;
}

/** The text of a zh/en pair in the current language. */
export function local(text: Text | null | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.zh;
}

/** 1 ha = 15 mu (市亩). */
export const MU_PER_HA = 15;
