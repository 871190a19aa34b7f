import { IntervalRecord, RawSums, addSums, computeMetric, emptySums, validateInterval } from '../metrics/kpi';
import { DemoActualsOptions, DemoOpeningHours, STANDARD_BUCKET_BOUNDS, generateActuals } from '../demo/actuals';

const WEEK = 7 * 86_400;

function hours(days: DemoOpeningHours['weekday'][], opens: string, closes: string): DemoOpeningHours[] {
  return days.map((weekday) => ({ weekday, opens, closes }));
}

const WEEKDAYS_ONLY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const;

/** Monday 1 September 2025, 00:00 in Berlin (CEST); 12 weeks run to Monday 24 November 00:00 (CET), across the October DST change. */
const BERLIN_FROM = Date.parse('2025-08-31T22:00:00Z') / 1000;
const BERLIN_TO_12_WEEKS = Date.parse('2025-11-23T23:00:00Z') / 1000;

const BASE: DemoActualsOptions = {
  queueId: 'acme-billing-voice',
  fromEpochSeconds: BERLIN_FROM,
  toEpochSeconds: BERLIN_TO_12_WEEKS,
  intervalSeconds: 900,
  timeZone: 'Europe/Berlin',
  openingHours: [...hours([...WEEKDAYS_ONLY], '08:00', '20:00'), { weekday: 'SATURDAY', opens: '09:00', closes: '14:00' }],
  weeklyVolume: 12_000,
  ahtSeconds: 300,
  serviceProfile: 'MEETS',
  seed: 20250901,
};

// --- local-time helpers, independent of the module under test ---------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

interface Local {
  date: string;
  weekday: string;
  minutes: number;
}

function local(iso: string, timeZone: string): Local {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday.toUpperCase(), minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

/** Records summed per local week (Monday to Sunday) counted from the local date of the range start. */
function weeklySums(records: IntervalRecord[], timeZone: string, firstMonday: string): RawSums[] {
  const weeks: RawSums[] = [];
  for (const r of records) {
    const w = Math.floor(daysBetween(firstMonday, local(r.start, timeZone).date) / 7);
    weeks[w] = addSums(weeks[w] ?? emptySums([...STANDARD_BUCKET_BOUNDS]), r);
  }
  return weeks;
}

const serviceLevel = (s: RawSums) => computeMetric({ metric: 'SERVICE_LEVEL', thresholdSeconds: 20 }, s).value as number;

// --- shared runs -----------------------------------------------------------------------------

const meets = generateActuals(BASE);
const misses = generateActuals({ ...BASE, serviceProfile: 'MISSES_SOME_WEEKS' });
const meetsWeeks = weeklySums(meets, BASE.timeZone, '2025-09-01');
const missesWeeks = weeklySums(misses, BASE.timeZone, '2025-09-01');

describe('generateActuals', () => {
  describe('determinism', () => {
    it('gives identical output for the same options and seed', () => {
      const options = { ...BASE, toEpochSeconds: BERLIN_FROM + WEEK, serviceProfile: 'MISSES_SOME_WEEKS' as const };
      expect(generateActuals(options)).toEqual(generateActuals(options));
      expect(generateActuals({ ...options, seed: BASE.seed + 1 })).not.toEqual(generateActuals(options));
      expect(generateActuals({ ...options, queueId: 'other-queue' })).not.toEqual(generateActuals(options));
    });

    it('reproduces the same records for a sub-range (each interval has its own random stream)', () => {
      const from = BERLIN_FROM + 3 * 86_400 + 450; // not on an interval boundary
      const to = BERLIN_FROM + 10 * 86_400;
      const part = generateActuals({ ...BASE, serviceProfile: 'MISSES_SOME_WEEKS', fromEpochSeconds: from, toEpochSeconds: to });
      const whole = misses.filter((r) => Date.parse(r.start) / 1000 >= from && Date.parse(r.start) / 1000 < to);
      expect(part.length).toBeGreaterThan(0);
      expect(part).toEqual(whole);
    });
  });

  describe('records', () => {
    it('every record passes validateInterval', () => {
      const zeroVolume = generateActuals({ ...BASE, toEpochSeconds: BERLIN_FROM + WEEK, weeklyVolume: 0 });
      const problems = [...meets, ...misses, ...zeroVolume].flatMap((r) => validateInterval(r).map((p) => ({ start: r.start, ...p })));
      expect(problems).toEqual([]);
      expect(zeroVolume.length).toBeGreaterThan(0);
      expect(zeroVolume.every((r) => r.offered === 0 && r.staffedSeconds! > 0)).toBe(true);
    });

    it('has UTC interval starts on multiples of the interval, standard buckets and consistent fields', () => {
      const bounds = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, Infinity];
      expect(STANDARD_BUCKET_BOUNDS).toEqual(bounds);
      const odd = [...meets, ...misses].filter((r) => {
        const t = Date.parse(r.start) / 1000;
        return (
          r.start !== new Date(t * 1000).toISOString() ||
          t % 900 !== 0 ||
          r.lengthSeconds !== 900 ||
          r.bucketBounds.length !== bounds.length ||
          r.bucketBounds.some((b, i) => b !== bounds[i]) ||
          r.answered + r.abandoned + r.flowedOut! + r.callbackRequested! > r.offered ||
          r.staffedSeconds! % 900 !== 0 ||
          !(r.staffedSeconds! > 0) ||
          r.availableSeconds! > r.staffedSeconds! ||
          r.transferred! > r.answered ||
          r.resolvedFirstContact! > r.answered
        );
      });
      expect(odd).toEqual([]);
    });
  });

  describe('opening hours', () => {
    // Sydney is UTC+10/+11: Monday 08:00 local is Sunday evening UTC, and DST starts on Sunday 5 October 2025.
    const sydney: DemoActualsOptions = {
      ...BASE,
      timeZone: 'Australia/Sydney',
      openingHours: hours([...WEEKDAYS_ONLY, 'SATURDAY'], '08:00', '20:00'),
      fromEpochSeconds: Date.parse('2025-09-28T14:00:00Z') / 1000, // Monday 29 September 00:00 AEST
      toEpochSeconds: Date.parse('2025-10-19T13:00:00Z') / 1000, // Monday 20 October 00:00 AEDT
    };
    const records = generateActuals(sydney);
    const locals = records.map((r) => local(r.start, sydney.timeZone));

    it('produces nothing on a local Sunday when the queue is closed on Sundays', () => {
      expect(locals.filter((l) => l.weekday === 'SUNDAY')).toEqual([]);
      // The conversion matters: some Monday-morning records fall on a Sunday in UTC.
      expect(records.some((r) => new Date(r.start).getUTCDay() === 0)).toBe(true);
    });

    it('produces exactly the intervals inside local opening hours, across a DST change', () => {
      expect(locals.filter((l) => l.minutes < 8 * 60 || l.minutes >= 20 * 60)).toEqual([]);
      const perDay = new Map<string, number>();
      for (const l of locals) perDay.set(l.date, (perDay.get(l.date) ?? 0) + 1);
      expect(perDay.size).toBe(18); // 3 weeks of Monday to Saturday
      for (const count of perDay.values()) expect(count).toBe(48); // 12 hours of 15 minutes
    });

    it('supports split hours on one day and 24:00 as the close', () => {
      const split = generateActuals({
        ...BASE,
        toEpochSeconds: BERLIN_FROM + 86_400,
        openingHours: [
          { weekday: 'MONDAY', opens: '08:00', closes: '12:00' },
          { weekday: 'MONDAY', opens: '22:00', closes: '24:00' },
        ],
      });
      const minutes = split.map((r) => local(r.start, BASE.timeZone).minutes);
      expect(minutes.length).toBe(16 + 8);
      expect(minutes.every((m) => (m >= 480 && m < 720) || m >= 1320)).toBe(true);
    });

    it('rejects an unknown time zone and invalid hours', () => {
      expect(() => generateActuals({ ...BASE, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
      expect(() => generateActuals({ ...BASE, openingHours: [{ weekday: 'MONDAY', opens: '20:00', closes: '08:00' }] })).toThrow(
        /closes must be after opens/,
      );
      expect(() => generateActuals({ ...BASE, openingHours: [{ weekday: 'MONDAY', opens: '8:00', closes: '12:00' }] })).toThrow(RangeError);
    });
  });

  describe('volume and seasonality', () => {
    it('offers the weekly volume within 15 % in every full week', () => {
      expect(meetsWeeks).toHaveLength(12);
      for (const week of meetsWeeks) {
        expect(week.offered).toBeGreaterThanOrEqual(0.85 * BASE.weeklyVolume);
        expect(week.offered).toBeLessThanOrEqual(1.15 * BASE.weeklyVolume);
      }
    });

    const byWeekday = new Map<string, number>();
    const byHour = new Map<number, number>();
    const byDate = new Map<string, number>();
    for (const r of meets) {
      const l = local(r.start, BASE.timeZone);
      byWeekday.set(l.weekday, (byWeekday.get(l.weekday) ?? 0) + r.offered);
      byDate.set(l.date, (byDate.get(l.date) ?? 0) + r.offered);
      if (l.weekday !== 'SATURDAY') byHour.set(Math.floor(l.minutes / 60), (byHour.get(Math.floor(l.minutes / 60)) ?? 0) + r.offered);
    }

    it('is highest on Monday and low on Saturday', () => {
      const monday = byWeekday.get('MONDAY')!;
      const saturday = byWeekday.get('SATURDAY')!;
      expect(monday).toBeGreaterThan(saturday);
      for (const day of ['TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']) {
        expect(monday).toBeGreaterThan(byWeekday.get(day)!);
        expect(saturday).toBeLessThan(0.5 * byWeekday.get(day)!);
      }
      for (const week of weeklySumsByDay()) expect(week.MONDAY).toBeGreaterThan(week.SATURDAY);
    });

    function weeklySumsByDay(): Array<Record<string, number>> {
      const weeks: Array<Record<string, number>> = [];
      for (const [date, offered] of byDate) {
        const w = Math.floor(daysBetween('2025-09-01', date) / 7);
        const weekday = weekdayOfDate(date);
        weeks[w] = weeks[w] ?? {};
        weeks[w][weekday] = (weeks[w][weekday] ?? 0) + offered;
      }
      return weeks;
    }

    it('peaks around 10:00 with a smaller peak in the early afternoon', () => {
      const at = (h: number) => byHour.get(h)!;
      expect(at(10)).toBeGreaterThan(at(8));
      expect(at(10)).toBeGreaterThan(at(14));
      expect(at(14)).toBeGreaterThan(at(12)); // lunchtime dip between the peaks
      expect(at(14)).toBeGreaterThan(at(17));
      expect(at(10)).toBeGreaterThan(1.5 * at(19));
    });

    it('bumps the first working days of each month (billing run)', () => {
      // First working days in the run: Mon 1 Sep, Wed 1 Oct, Mon 3 Nov; compare with the same weekday outside days 1-3 of a month's working days.
      const plain = (weekday: string) => {
        const days = [...byDate].filter(([date]) => weekdayOfDate(date) === weekday && workingDayOfMonth(date) > 3);
        return days.reduce((s, [, v]) => s + v, 0) / days.length;
      };
      expect(byDate.get('2025-09-01')! / plain('MONDAY')).toBeGreaterThan(1.1);
      expect(byDate.get('2025-10-01')! / plain('WEDNESDAY')).toBeGreaterThan(1.1);
      expect(byDate.get('2025-11-03')! / plain('MONDAY')).toBeGreaterThan(1.1);
    });
  });

  describe('service', () => {
    it('MEETS keeps the weekly service level at or above 78 % in every week of 12', () => {
      expect(meetsWeeks).toHaveLength(12);
      for (const week of meetsWeeks) expect(serviceLevel(week)).toBeGreaterThanOrEqual(0.78);
    });

    it('MISSES_SOME_WEEKS has at least 2 weeks below 70 % and at least 4 at or above 78 %', () => {
      const levels = missesWeeks.map(serviceLevel);
      expect(levels.filter((sl) => sl < 0.7).length).toBeGreaterThanOrEqual(2);
      expect(levels.filter((sl) => sl >= 0.78).length).toBeGreaterThanOrEqual(4);
      // About one week in three is short.
      expect(levels.filter((sl) => sl < 0.78).length).toBeLessThanOrEqual(5);
    });

    it('gives plausible abandonment, waits, handling and outcome figures', () => {
      const abandonment = (s: RawSums) => s.abandoned / s.offered;
      const asa = (s: RawSums) => s.answeredWaitSeconds / s.answered;
      for (const week of meetsWeeks) {
        expect(abandonment(week)).toBeGreaterThanOrEqual(0.015);
        expect(abandonment(week)).toBeLessThanOrEqual(0.06);
        expect(asa(week)).toBeLessThan(25);
        const aht = computeMetric({ metric: 'AHT' }, week).value!;
        expect(Math.abs(aht / BASE.ahtSeconds - 1)).toBeLessThan(0.03);
        expect(week.talkSeconds / (aht * week.answered)).toBeCloseTo(0.75, 1);
        expect(week.transferred! / week.answered).toBeGreaterThan(0.04);
        expect(week.transferred! / week.answered).toBeLessThan(0.06);
        expect(week.resolvedFirstContact! / week.answered).toBeGreaterThan(0.72);
        expect(week.resolvedFirstContact! / week.answered).toBeLessThan(0.78);
        const occupancy = computeMetric({ metric: 'OCCUPANCY' }, week).value!;
        expect(occupancy).toBeGreaterThan(0.6);
        expect(occupancy).toBeLessThan(0.95);
        expect((week.flowedOut! + week.callbackRequested!) / week.offered).toBeLessThan(0.01);
      }
      const short = missesWeeks.filter((w) => serviceLevel(w) < 0.7);
      for (const week of short) {
        expect(abandonment(week)).toBeGreaterThanOrEqual(0.07);
        expect(abandonment(week)).toBeLessThanOrEqual(0.2);
        expect(asa(week)).toBeGreaterThan(2 * asa(meetsWeeks[0]));
      }
    });
  });
});

function weekdayOfDate(date: string): string {
  return ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'][new Date(`${date}T12:00:00Z`).getUTCDay()];
}

/** 1-based rank of a date among the Monday-to-Friday days of its month. */
function workingDayOfMonth(date: string): number {
  let rank = 0;
  for (let d = 1; d <= Number(date.slice(8, 10)); d++) {
    const day = new Date(`${date.slice(0, 8)}${String(d).padStart(2, '0')}T12:00:00Z`).getUTCDay();
    if (day >= 1 && day <= 5) rank++;
  }
  return rank;
}
