import { addBusinessDays, addBusinessSeconds, BusinessCalendar, businessSecondsBetween } from './business-hours';

const at = (iso: string) => Date.parse(iso) / 1000;
const iso = (epoch: number) => new Date(epoch * 1000).toISOString();
const H = 3600;

const weekdays = (opens: string, closes: string) =>
  (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((weekday) => ({ weekday, opens, closes }));

const PARIS: BusinessCalendar = { timeZone: 'Europe/Paris', hours: weekdays('09:00', '18:00'), holidays: ['2026-12-25'] };

describe('addBusinessSeconds', () => {
  it('runs inside a window and starts at the next opening when closed', () => {
    // Wednesday 2026-02-04 10:00 Paris (UTC+1) + 1 h = 11:00.
    expect(iso(addBusinessSeconds(at('2026-02-04T09:00:00Z'), H, PARIS))).toBe('2026-02-04T10:00:00.000Z');
    // 07:00 local, before opening: 09:00 + 1 h.
    expect(iso(addBusinessSeconds(at('2026-02-04T06:00:00Z'), H, PARIS))).toBe('2026-02-04T09:00:00.000Z');
    expect(addBusinessSeconds(at('2026-02-04T06:00:00Z'), 0, PARIS)).toBe(at('2026-02-04T06:00:00Z'));
  });

  it('skips a weekend that contains the autumn DST change', () => {
    // Friday 2026-10-23 16:00 CEST (14:00Z): 2 h on Friday, then Monday 26 (now CET, UTC+1) 09:00 + 6 h = 15:00 = 14:00Z.
    expect(iso(addBusinessSeconds(at('2026-10-23T14:00:00Z'), 8 * H, PARIS))).toBe('2026-10-26T14:00:00.000Z');
    // A deadline landing exactly on a close stays at the close.
    expect(iso(addBusinessSeconds(at('2026-10-23T14:00:00Z'), 2 * H, PARIS))).toBe('2026-10-23T16:00:00.000Z');
  });

  it('skips a spring-forward weekend', () => {
    // Friday 2026-03-27 17:00 CET (16:00Z) + 2 h: 1 h Friday, Monday 30 (CEST) 09:00 + 1 h = 10:00 CEST = 08:00Z.
    expect(iso(addBusinessSeconds(at('2026-03-27T16:00:00Z'), 2 * H, PARIS))).toBe('2026-03-30T08:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 24 December 17:00 CET + 2 h: 1 h on Thursday, Christmas and the weekend closed, Monday 28 10:00.
    expect(iso(addBusinessSeconds(at('2026-12-24T16:00:00Z'), 2 * H, PARIS))).toBe('2026-12-28T09:00:00.000Z');
  });

  it('handles windows closing at midnight and several windows a day', () => {
    const cal: BusinessCalendar = {
      timeZone: 'UTC',
      hours: [
        { weekday: 'SATURDAY', opens: '20:00', closes: '24:00' },
        { weekday: 'MONDAY', opens: '14:00', closes: '18:00' },
        { weekday: 'MONDAY', opens: '08:00', closes: '12:00' },
      ],
      holidays: [],
    };
    expect(iso(addBusinessSeconds(at('2026-02-07T21:00:00Z'), 3 * H, cal))).toBe('2026-02-08T00:00:00.000Z');
    expect(iso(addBusinessSeconds(at('2026-02-07T21:00:00Z'), 8 * H, cal))).toBe('2026-02-09T15:00:00.000Z'); // 3 h Saturday, 4 h Monday morning, 1 h after 14:00
  });

  it('refuses a calendar without hours and negative durations', () => {
    expect(() => addBusinessSeconds(0, H, { timeZone: 'UTC', hours: [], holidays: [] })).toThrow(RangeError);
    expect(() => addBusinessSeconds(0, -1, PARIS)).toThrow(RangeError);
  });
});

describe('businessSecondsBetween', () => {
  it('counts only open time, across a weekend and a DST change', () => {
    expect(businessSecondsBetween(at('2026-10-23T14:00:00Z'), at('2026-10-26T14:00:00Z'), PARIS)).toBe(8 * H);
    // A whole week of nine-hour days.
    expect(businessSecondsBetween(at('2026-10-18T00:00:00Z'), at('2026-10-25T00:00:00Z'), PARIS)).toBe(45 * H);
    expect(businessSecondsBetween(at('2026-10-26T14:00:00Z'), at('2026-10-23T14:00:00Z'), PARIS)).toBe(0);
  });

  it('measures a window cut by the spring-forward gap in real time', () => {
    // 01:00-04:00 on Sunday 2026-03-29 in Paris lasts two real hours: 02:00-03:00 does not exist.
    const night: BusinessCalendar = { timeZone: 'Europe/Paris', hours: [{ weekday: 'SUNDAY', opens: '01:00', closes: '04:00' }], holidays: [] };
    expect(businessSecondsBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), night)).toBe(2 * H);
    // And the autumn one four.
    expect(businessSecondsBetween(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'), night)).toBe(4 * H);
  });

  it('agrees with addBusinessSeconds', () => {
    const start = at('2026-12-23T15:30:00Z');
    for (const seconds of [1, 1800, 9 * H, 20 * H, 50 * H]) {
      expect(businessSecondsBetween(start, addBusinessSeconds(start, seconds, PARIS), PARIS)).toBe(seconds);
    }
  });
});

describe('addBusinessDays', () => {
  it('gives the close of the Nth business day after the day of receipt', () => {
    // Received Friday 23 October (CEST); ten business days on: Friday 6 November 18:00 CET = 17:00Z.
    expect(iso(addBusinessDays(at('2026-10-23T14:00:00Z'), 10, PARIS))).toBe('2026-11-06T17:00:00.000Z');
    // Received on a Saturday: Monday is the first day.
    expect(iso(addBusinessDays(at('2026-10-24T10:00:00Z'), 1, PARIS))).toBe('2026-10-26T17:00:00.000Z');
    // Christmas is not a business day.
    expect(iso(addBusinessDays(at('2026-12-24T10:00:00Z'), 1, PARIS))).toBe('2026-12-28T17:00:00.000Z');
    expect(() => addBusinessDays(0, 0, PARIS)).toThrow(RangeError);
  });
});
