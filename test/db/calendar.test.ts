import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaDate, isIsoDate, WorkCalendar } from '../../src/core/calendar/calendar.ts';
import { freshRegion, testDbs } from '../helpers/db.ts';

describe('calendar dates', () => {
  it('validates real calendar dates only', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-2-3'), false);
  });
  it('uses China time for today', () => {
    assert.equal(chinaDate(new Date('2026-09-30T17:00:00Z')), '2026-10-01');
  });
});

for (const kind of testDbs) {
  describe(`working-day calendar on ${kind.name}`, () => {
    it('knows the 2026 Spring Festival: 15–23 Feb off, Saturdays 14 and 28 Feb worked', async () => {
      const cal = new WorkCalendar(await kind.get(), freshRegion());
      assert.equal(await cal.isWorkingDay('2026-02-13'), true);
      assert.equal(await cal.isWorkingDay('2026-02-14'), true, 'make-up Saturday (调休)');
      for (let d = 15; d <= 23; d++) assert.equal(await cal.isWorkingDay(`2026-02-${d}`), false, `Feb ${d}`);
      assert.equal(await cal.isWorkingDay('2026-02-24'), true);
      assert.equal(await cal.isWorkingDay('2026-02-28'), true, 'make-up Saturday (调休)');
      assert.equal(await cal.isWorkingDay('2026-03-07'), false, 'an ordinary Saturday');
      assert.deepEqual(await cal.day('2026-02-14'), { date: '2026-02-14', working: true, name: '春节', source: 'package' });
    });

    it('knows the 2026 National Day: 1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct worked', async () => {
      const cal = new WorkCalendar(await kind.get(), freshRegion());
      assert.equal(await cal.isWorkingDay('2026-09-20'), true);
      for (let d = 1; d <= 7; d++) assert.equal(await cal.isWorkingDay(`2026-10-0${d}`), false);
      assert.equal(await cal.isWorkingDay('2026-10-10'), true);
    });

    it('adds working days from the day after the start, across the holiday', async () => {
      const cal = new WorkCalendar(await kind.get(), freshRegion());
      assert.equal(await cal.addWorkingDays('2026-02-13', 1), '2026-02-14');
      assert.equal(await cal.addWorkingDays('2026-02-13', 2), '2026-02-24');
      assert.equal(await cal.addWorkingDays('2026-09-30', 1), '2026-10-08');
      assert.equal(await cal.addWorkingDays('2026-09-30', 3), '2026-10-10');
      assert.equal(await cal.addWorkingDays('2026-09-30', 0), '2026-09-30');
      // 20 working days, the common 承诺时限, accepted on Friday 6 Feb 2026:
      assert.equal(await cal.addWorkingDays('2026-02-06', 20), '2026-03-12');
    });

    it('counts working days between two dates, start excluded, end included', async () => {
      const cal = new WorkCalendar(await kind.get(), freshRegion());
      assert.equal(await cal.workingDaysBetween('2026-02-13', '2026-02-28'), 6);
      assert.equal(await cal.workingDaysBetween('2026-09-30', '2026-10-10'), 3);
      assert.equal(await cal.workingDaysBetween('2026-03-10', '2026-03-01'), 0);
    });

    it("lets administrators' entries win over the package, and a county's over the nation's", async () => {
      const db = await kind.get();
      const region = freshRegion();
      const cal = new WorkCalendar(db, region);
      const admin = (await db.query<{ id: string }>('SELECT id FROM users LIMIT 1')).rows[0]?.id ?? null;
      await db.transaction((tx) => cal.replaceYear(tx, 2026, 'region', [{ date: '2026-02-14', kind: 'holiday', name: '县内调整' }], admin as string));
      assert.equal(await cal.isWorkingDay('2026-02-14'), false);
      assert.equal((await cal.day('2026-02-14')).source, 'override');
      const other = new WorkCalendar(db, freshRegion());
      assert.equal(await other.isWorkingDay('2026-02-14'), true, 'another county keeps the national schedule');
    });

    it('takes next year\'s schedule from administrators when the package does not know it', async () => {
      const db = await kind.get();
      const region = freshRegion();
      const cal = new WorkCalendar(db, region);
      const [y2099] = await cal.coverage([2099]);
      assert.equal(y2099!.known, false);
      assert.equal(await cal.isWorkingDay('2099-01-01'), true, 'a Thursday, unknown holiday');
      await db.transaction((tx) => cal.replaceYear(tx, 2099, 'region', [{ date: '2099-01-01', kind: 'holiday', name: '元旦' }, { date: '2099-01-03', kind: 'workday', name: '元旦' }], null as unknown as string));
      assert.equal(await cal.isWorkingDay('2099-01-01'), false);
      assert.equal(await cal.isWorkingDay('2099-01-03'), true, 'a Saturday made a working day');
      assert.equal((await cal.coverage([2099]))[0]!.known, true);
    });
  });
}
