import { chinaDate, type Calendar } from '../../../core/calendar/calendar.ts';

/** Traffic light of a deadline: green, yellow (≤ warning days left), red (overdue), paused, none (no clock). */
export type Light = 'green' | 'yellow' | 'red' | 'paused' | 'none';

export interface PauseLike {
  started_at: Date;
  started_on: string;
  ended_on: string | null;
  paused_working_days: number | null;
}

export { chinaDate };

/**
 * Working days the clock stood still in pauses that ended (each pause excludes the working days
 * after the day it started up to and including the day it ended), optionally only those that
 * started at or after `since`.
 */
export function pausedDays(pauses: PauseLike[], since?: Date): number {
  return pauses.filter((p) => p.ended_on !== null && (!since || p.started_at >= since)).reduce((s, p) => s + (p.paused_working_days ?? 0), 0);
}

/**
 * The due date: `limit` working days after `start` (the start day not counted), plus the
 * extension and the working days spent in ended pauses.
 */
export async function dueDate(cal: Calendar, start: string, limit: number, extension: number, paused: number): Promise<string> {
  return cal.addWorkingDays(start, limit + extension + paused);
}

export async function light(cal: Calendar, today: string, due: string | null, warningDays: number, paused: boolean): Promise<{ light: Light; remainingDays: number | null }> {
  if (paused) return { light: 'paused', remainingDays: due ? await cal.workingDaysBetween(today, due) : null };
  if (!due) return { light: 'none', remainingDays: null };
  if (today > due) return { light: 'red', remainingDays: -(await cal.workingDaysBetween(due, today)) };
  const remaining = await cal.workingDaysBetween(today, due);
  return { light: remaining <= warningDays ? 'yellow' : 'green', remainingDays: remaining };
}

/** Working days used since acceptance up to `until`, without the paused ones (ongoing pause up to `until`). */
export async function elapsedDays(cal: Calendar, acceptedOn: string, until: string, pauses: PauseLike[]): Promise<number> {
  let total = await cal.workingDaysBetween(acceptedOn, until);
  for (const p of pauses) {
    if (p.started_on < acceptedOn) continue;
    total -= p.ended_on ? (p.paused_working_days ?? 0) : await cal.workingDaysBetween(p.started_on, until);
  }
  return Math.max(0, total);
}
