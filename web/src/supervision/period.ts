import type { Period } from './types.ts';

export type Preset = 'month' | 'quarter' | 'year' | 'custom';

/** Today's date in China (UTC+8) as YYYY-MM-DD: the bureau's calendar day. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The period of a preset containing `today`: this month, this quarter or this year, up to the period's end. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const last = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
  if (preset === 'year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (preset === 'quarter') {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${String(q0).padStart(2, '0')}-01`, to: last(y, q0 + 2) };
  }
  return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: last(y, m) };
}
