/** Chinese numerals and dates as official documents write them (GB/T 9704: 成文日期 in 汉字). */

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 31 → 三十一 (for months and days, 1–99). */
export function chineseSmallNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`expected 0–99, got ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The calendar date in China (Asia/Shanghai) of an instant, as [year, month, day]. */
export function chinaDateParts(date: Date): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const [y, m, d] = parts.split('-').map(Number);
  return [y!, m!, d!];
}

/**
 * An instant as an official-document date in China time: 2026-11-30 → 二〇二六年十一月三十日.
 * A 'YYYY-MM-DD' string is taken as that calendar date.
 */
export function chineseDate(date: Date | string): string {
  const [y, m, d] = typeof date === 'string' ? parseIsoDate(date) : chinaDateParts(date);
  const year = String(y).split('').map((c) => DIGITS[Number(c)]).join('');
  return `${year}年${chineseSmallNumber(m)}月${chineseSmallNumber(d)}日`;
}

/** The date in figures, as tables and certificates write it: 2026年11月30日. */
export function numericChineseDate(date: Date | string): string {
  const [y, m, d] = typeof date === 'string' ? parseIsoDate(date) : chinaDateParts(date);
  return `${y}年${m}月${d}日`;
}

function parseIsoDate(s: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`expected YYYY-MM-DD, got "${s}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
