import type { Lang } from '../i18n/translate.ts';
import { areaUnits } from './geodesic.ts';

/** A number with grouping, `digits` decimals. */
export function num(x: number, lang: Lang, digits = 2): string {
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "1,234.56 m² · 0.12 公顷 · 1.85 亩" (units as the dictionary gives them). */
export function areaText(m2: number, lang: Lang, units: { m2: string; ha: string; mu: string }): string {
  const a = areaUnits(m2);
  return `${num(a.m2, lang)} ${units.m2} · ${num(a.ha, lang, 4)} ${units.ha} · ${num(a.mu, lang)} ${units.mu}`;
}

/** Metres below 1 km, else kilometres. */
export function lengthText(m: number, lang: Lang): string {
  return m < 1000 ? `${num(m, lang)} m` : `${num(m / 1000, lang, 3)} km`;
}
