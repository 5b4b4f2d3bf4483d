import chineseDays from 'chinese-days';
import type { Db, Queryable } from '../db/index.ts';

/** Region code of the national schedule; a county code marks a local exception. */
export const NATIONAL = '000000';

export type DayKind = 'holiday' | 'workday';

export interface DayInfo {
  date: string;
  working: boolean;
  /** Holiday or make-up-day name, e.g. 春节; empty for ordinary days. */
  name: string;
  /** Where the answer came from: an administrator's entry, the packaged schedule, or the weekday rule. */
  source: 'override' | 'package' | 'weekday';
}

export interface OverrideEntry {
  date: string;
  kind: DayKind;
  name: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CACHE_MS = 60_000;

/** Validates a 'YYYY-MM-DD' calendar date (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today's date in China (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

type Overrides = ReadonlyMap<string, { kind: DayKind; name: string; regionCode: string }>;

/** Whether the packaged schedule knows a year's holidays (the answer never changes while running). */
const coverCache = new Map<number, boolean>();
function packageCovers(year: number): boolean {
  let v = coverCache.get(year);
  if (v === undefined) {
    v = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    coverCache.set(year, v);
  }
  return v;
}

/**
 * The working-day questions answered from one loaded set of administrators' entries. It never
 * reads the database, so it is what code inside a transaction uses: a read through the pool from
 * inside a transaction waits for a second connection (on PGlite, which has one, forever; on
 * PostgreSQL, when every pooled connection holds such a transaction, also forever).
 */
export class CalendarSnapshot {
  constructor(private readonly overrides: Overrides) {}

  daySync(date: string): DayInfo {
    const o = this.overrides.get(date);
    if (o) return { date, working: o.kind === 'workday', name: o.name, source: 'override' };
    if (packageCovers(Number(date.slice(0, 4)))) {
      // The package names holiday and make-up days "English,中文,days"; ordinary days by weekday.
      const d = chineseDays.getDayDetail(date);
      const parts = d.name.split(',');
      if (parts.length >= 2) return { date, working: d.work, name: parts[1]!, source: 'package' };
      return { date, working: d.work, name: '', source: 'weekday' };
    }
    return { date, working: !isWeekend(date), name: '', source: 'weekday' };
  }

  async day(date: string): Promise<DayInfo> {
    return this.daySync(date);
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return this.daySync(date).working;
  }

  async days(from: string, to: string): Promise<DayInfo[]> {
    const out: DayInfo[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(this.daySync(d));
    return out;
  }

  /**
   * The date that is the n-th working day after start; the start day itself is not counted
   * (期间开始的当日不计入, 民法典 Art 201). n = 0 returns start.
   */
  async addWorkingDays(start: string, n: number): Promise<string> {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.daySync(d).working) left--;
    }
    return d;
  }

  /** Working days in (from, to]: the start day excluded, the end day included; 0 when to ≤ from. */
  async workingDaysBetween(from: string, to: string): Promise<number> {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.daySync(d).working) n++;
    return n;
  }

  /** For each year: whether the package or administrators' entries define its holidays. */
  async coverage(years: number[]): Promise<{ year: number; package: boolean; overrides: number; known: boolean }[]> {
    return years.map((year) => {
      const overrides = [...this.overrides.keys()].filter((d) => d.startsWith(`${year}-`)).length;
      const pkg = packageCovers(year);
      return { year, package: pkg, overrides, known: pkg || overrides > 0 };
    });
  }
}

/** What the clock needs of a calendar: the live one or a snapshot of it. */
export type Calendar = Pick<CalendarSnapshot, 'day' | 'isWorkingDay' | 'days' | 'addWorkingDays' | 'workingDaysBetween'>;

/**
 * The working-day calendar (工作日): the official holiday and 调休 schedule from the chinese-days
 * package, overridden by administrators' entries (national first, then the county's own), which
 * is how next year's schedule gets in when the State Council publishes it in November/December.
 * The entries are cached for a minute; `snapshot()` hands out the current set for use inside a
 * transaction.
 */
export class WorkCalendar implements Calendar {
  private current: CalendarSnapshot | null = null;
  private loadedAt = 0;
  private loading: Promise<CalendarSnapshot> | null = null;
  private loadingGeneration = -1;
  /** Bumped by invalidate(): a load that started before it does not count as fresh. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly regionCode: string,
  ) {}

  private async load(): Promise<CalendarSnapshot> {
    const gen = this.generation;
    const rows = await this.db.query<{ region_code: string; day: string; kind: DayKind; name: string }>(
      'SELECT region_code, day::text AS day, kind, name FROM calendar_overrides WHERE region_code IN ($1, $2) ORDER BY region_code = $2',
      [NATIONAL, this.regionCode],
    );
    const map = new Map<string, { kind: DayKind; name: string; regionCode: string }>();
    // National rows first, the county's rows after them, so the county's win.
    for (const r of rows.rows) map.set(r.day, { kind: r.kind, name: r.name, regionCode: r.region_code });
    const snap = new CalendarSnapshot(map);
    if (gen === this.generation) {
      this.current = snap;
      this.loadedAt = Date.now();
    }
    return snap;
  }

  /** The entries as of at most a minute ago (one load at a time, however many callers wait for it). */
  async snapshot(): Promise<CalendarSnapshot> {
    if (this.current && Date.now() - this.loadedAt < CACHE_MS) return this.current;
    // A load started before the last invalidate() may miss the change: such callers start their own.
    if (!this.loading || this.loadingGeneration !== this.generation) {
      const p = this.load().finally(() => { if (this.loading === p) this.loading = null; });
      this.loading = p;
      this.loadingGeneration = this.generation;
    }
    return this.loading;
  }

  /** Forgets the cached entries (after a change). */
  invalidate(): void {
    this.generation++;
    this.loadedAt = 0;
  }

  async day(date: string): Promise<DayInfo> {
    return (await this.snapshot()).daySync(date);
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return (await this.snapshot()).daySync(date).working;
  }

  async days(from: string, to: string): Promise<DayInfo[]> {
    return (await this.snapshot()).days(from, to);
  }

  /** See CalendarSnapshot.addWorkingDays. */
  async addWorkingDays(start: string, n: number): Promise<string> {
    return (await this.snapshot()).addWorkingDays(start, n);
  }

  /** Working days in (from, to]: the start day excluded, the end day included; 0 when to ≤ from. */
  async workingDaysBetween(from: string, to: string): Promise<number> {
    return (await this.snapshot()).workingDaysBetween(from, to);
  }

  /** For each year: whether the package or administrators' entries define its holidays. */
  async coverage(years: number[]): Promise<{ year: number; package: boolean; overrides: number; known: boolean }[]> {
    return (await this.snapshot()).coverage(years);
  }

  async listOverrides(year: number): Promise<(OverrideEntry & { scope: 'national' | 'region' })[]> {
    const rows = await this.db.query<{ region_code: string; day: string; kind: DayKind; name: string }>(
      `SELECT region_code, day::text AS day, kind, name FROM calendar_overrides
        WHERE region_code IN ($1, $2) AND day >= $3 AND day < $4 ORDER BY day, region_code`,
      [NATIONAL, this.regionCode, `${year}-01-01`, `${year + 1}-01-01`],
    );
    return rows.rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name, scope: r.region_code === NATIONAL ? 'national' : 'region' }));
  }

  /** Replaces one year's entries of one scope in the given transaction. */
  async replaceYear(tx: Queryable, year: number, scope: 'national' | 'region', entries: OverrideEntry[], userId: string): Promise<void> {
    const region = scope === 'national' ? NATIONAL : this.regionCode;
    await tx.query('DELETE FROM calendar_overrides WHERE region_code = $1 AND day >= $2 AND day < $3', [region, `${year}-01-01`, `${year + 1}-01-01`]);
    for (const e of entries) {
      await tx.query('INSERT INTO calendar_overrides (region_code, day, kind, name, created_by) VALUES ($1, $2, $3, $4, $5)', [region, e.date, e.kind, e.name, userId]);
    }
    // Again after the commit (the route does so too): a read between these statements and the commit may have loaded the old entries.
    this.invalidate();
  }
}
