import { en } from './en.ts';
import { zh, type Dict, type DictKey } from './zh.ts';

export type Lang = 'zh' | 'en';
export type { DictKey };

const dictionaries: Record<Lang, Dict> = { zh, en };

/** Values substituted for `{name}` placeholders. */
export type Vars = Record<string, string | number>;

/** Looks up `key` in the dictionary of `lang` and fills its `{placeholders}`. */
export function translate(lang: Lang, key: DictKey, vars?: Vars): string {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** Formats an ISO timestamp as local date and time (seconds included, 24-hour clock). */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}
