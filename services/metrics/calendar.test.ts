import {
  Granularity,
  MAX_BUCKETS,
  bucketBoundaries,
  bucketStart,
  localDateLabel,
  localParts,
  nextBucketStart,
  utcOffsetSeconds,
  zonedToEpoch,
} from './calendar';

/**
 * Epoch seconds of a UTC ISO string. Every expected value below is written as a UTC instant
 * worked out by hand from the zone's rules (offsets and transition times in the comments), so
 * the tests do not depend on the module to compute their own expectations.
 */
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO string in test: ${iso}`);
  return ms / 1000;
};
const HOUR = 3600;

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const LORD_HOWE = 'Australia/Lord_Howe';

/** [start, next] of the bucket containing an instant. */
function bucketOf(iso: string, granularity: Granularity, zone: string): [number, number] {
  const start = bucketStart(at(iso), granularity, zone);
  return [start, nextBucketStart(start, granularity, zone)];
}

describe('localParts', () => {
  it('matches the Date UTC getters in UTC', () => {
    for (const iso of ['1970-01-01T00:00:00Z', '2026-03-29T01:02:03Z', '1969-12-31T23:59:59Z', '2000-02-29T12:00:00Z']) {
      const d = new Date(iso);
      expect(localParts(at(iso), 'UTC')).toEqual({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
        weekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      });
    }
  });

  it('gives local wall-clock time and ISO weekday', () => {
    // 01:00Z is the Paris spring-forward instant: 03:00 CEST on Sunday 2026-03-29.
    expect(localParts(at('2026-03-29T01:00:00Z'), PARIS)).toEqual({
      year: 2026, month: 3, day: 29, hour: 3, minute: 0, second: 0, weekday: 7,
    });
    // One second earlier it is still 01:59:59 CET.
    expect(localParts(at('2026-03-29T00:59:59Z'), PARIS)).toMatchObject({ hour: 1, minute: 59, second: 59 });
    // +05:30: 10:10:05Z is 15:40:05 on Thursday 2026-01-15.
    expect(localParts(at('2026-01-15T10:10:05Z'), KOLKATA)).toEqual({
      year: 2026, month: 1, day: 15, hour: 15, minute: 40, second: 5, weekday: 4,
    });
    // New Year arrives in Paris (+01:00) at 23:00Z; 2027-01-01 is a Friday.
    expect(localParts(at('2026-12-31T23:30:00Z'), PARIS)).toEqual({
      year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 0, weekday: 5,
    });
    // West of UTC: 03:00Z on 2026-07-01 is 23:00 EDT (-04:00) on Tuesday 2026-06-30.
    expect(localParts(at('2026-07-01T03:00:00Z'), NEW_YORK)).toEqual({
      year: 2026, month: 6, day: 30, hour: 23, minute: 0, second: 0, weekday: 2,
    });
  });

  it('rejects non-integer instants and unknown zones', () => {
    expect(() => localParts(1.5, 'UTC')).toThrow(RangeError);
    expect(() => localParts(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => localParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('utcOffsetSeconds', () => {
  it('gives the offset in force at an instant, changing at the transition itself', () => {
    // Paris: CET +01:00 until 2026-03-29 01:00Z, CEST +02:00 after.
    expect(utcOffsetSeconds(at('2026-03-29T00:59:59Z'), 'Europe/Paris')).toBe(3600);
    expect(utcOffsetSeconds(at('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(7200);
    // Half-hour offsets: India +05:30 all year; Lord Howe +10:30 in winter, +11:00 in summer.
    expect(utcOffsetSeconds(at('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800);
    expect(utcOffsetSeconds(at('2026-07-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(37_800);
    expect(utcOffsetSeconds(at('2026-01-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(39_600);
    expect(() => utcOffsetSeconds(at('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => utcOffsetSeconds(0.5, 'UTC')).toThrow(RangeError);
  });
});

describe('zonedToEpoch', () => {
  it('converts ordinary local times', () => {
    expect(zonedToEpoch(2026, 7, 14, 12, 0, PARIS)).toBe(at('2026-07-14T10:00:00Z')); // CEST +02:00
    expect(zonedToEpoch(2026, 1, 15, 15, 40, KOLKATA)).toBe(at('2026-01-15T10:10:00Z')); // +05:30
    expect(zonedToEpoch(2026, 1, 15, 15, 40, 'UTC')).toBe(at('2026-01-15T15:40:00Z'));
    expect(zonedToEpoch(2026, 12, 25, 9, 30, NEW_YORK)).toBe(at('2026-12-25T14:30:00Z')); // EST -05:00
  });

  it('gap rule: a local time that does not exist gives the instant just after the gap', () => {
    // Paris 2026-03-29: 02:00 CET (01:00Z) jumps to 03:00 CEST. 02:00-02:59 do not exist.
    expect(zonedToEpoch(2026, 3, 29, 2, 30, PARIS)).toBe(at('2026-03-29T01:00:00Z')); // = 03:00+02:00
    expect(zonedToEpoch(2026, 3, 29, 2, 0, PARIS)).toBe(at('2026-03-29T01:00:00Z'));
    expect(zonedToEpoch(2026, 3, 29, 2, 59, PARIS)).toBe(at('2026-03-29T01:00:00Z'));
    // Either side of the gap is ordinary.
    expect(zonedToEpoch(2026, 3, 29, 1, 59, PARIS)).toBe(at('2026-03-29T00:59:00Z')); // CET
    expect(zonedToEpoch(2026, 3, 29, 3, 0, PARIS)).toBe(at('2026-03-29T01:00:00Z')); // CEST
    // New York 2026-03-08: 02:00 EST (07:00Z) jumps to 03:00 EDT.
    expect(zonedToEpoch(2026, 3, 8, 2, 30, NEW_YORK)).toBe(at('2026-03-08T07:00:00Z'));
    // Lord Howe 2026-10-04: 02:00 +10:30 (15:30Z on the 3rd) jumps to 02:30 +11:00 (30-minute gap).
    expect(zonedToEpoch(2026, 10, 4, 2, 15, LORD_HOWE)).toBe(at('2026-10-03T15:30:00Z'));
    // A midnight that does not exist: Asia/Beirut 2026-03-29 00:00 +02:00 (22:00Z) → 01:00 +03:00.
    expect(zonedToEpoch(2026, 3, 29, 0, 0, 'Asia/Beirut')).toBe(at('2026-03-28T22:00:00Z'));
    // America/Santiago 2026-09-06 00:00 -04:00 (04:00Z) → 01:00 -03:00.
    expect(zonedToEpoch(2026, 9, 6, 0, 0, 'America/Santiago')).toBe(at('2026-09-06T04:00:00Z'));
  });

  it('overlap rule: an ambiguous local time gives the EARLIER instant', () => {
    // Paris 2026-10-25: 03:00 CEST (01:00Z) falls back to 02:00 CET; 02:00-02:59 happen twice.
    expect(zonedToEpoch(2026, 10, 25, 2, 30, PARIS)).toBe(at('2026-10-25T00:30:00Z')); // 02:30+02:00, not 01:30Z
    expect(zonedToEpoch(2026, 10, 25, 2, 0, PARIS)).toBe(at('2026-10-25T00:00:00Z'));
    expect(zonedToEpoch(2026, 10, 25, 3, 0, PARIS)).toBe(at('2026-10-25T02:00:00Z')); // unambiguous, CET
    // New York 2026-11-01: 02:00 EDT (06:00Z) falls back to 01:00 EST; 01:30 EDT = 05:30Z.
    expect(zonedToEpoch(2026, 11, 1, 1, 30, NEW_YORK)).toBe(at('2026-11-01T05:30:00Z'));
    // Lord Howe 2026-04-05: 02:00 +11:00 (15:00Z on the 4th) falls back to 01:30 +10:30.
    // 01:45 happens at 14:45Z (+11:00) and 15:15Z (+10:30).
    expect(zonedToEpoch(2026, 4, 5, 1, 45, LORD_HOWE)).toBe(at('2026-04-04T14:45:00Z'));
    // Beirut 2026-10-25 00:00 +03:00 (21:00Z on the 24th) falls back to 23:00 on the 24th.
    expect(zonedToEpoch(2026, 10, 24, 23, 30, 'Asia/Beirut')).toBe(at('2026-10-24T20:30:00Z'));
  });

  it('rejects impossible fields and unknown zones', () => {
    expect(() => zonedToEpoch(2026, 13, 1, 0, 0, 'UTC')).toThrow(RangeError);
    expect(() => zonedToEpoch(2026, 2, 29, 0, 0, 'UTC')).toThrow(RangeError); // 2026 is not a leap year
    expect(() => zonedToEpoch(2026, 1, 1, 24, 0, 'UTC')).toThrow(RangeError);
    expect(() => zonedToEpoch(2026, 1, 1, 0, 60, 'UTC')).toThrow(RangeError);
    expect(() => zonedToEpoch(2026, 1, 1.5, 0, 0, 'UTC')).toThrow(RangeError);
    expect(() => zonedToEpoch(2026, 1, 1, 0, 0, 'Not/AZone')).toThrow(RangeError);
    expect(zonedToEpoch(2024, 2, 29, 0, 0, 'UTC')).toBe(at('2024-02-29T00:00:00Z'));
  });
});

describe('DAY buckets', () => {
  it('Europe/Paris spring forward: 2026-03-29 is 23 hours', () => {
    // Midnight CET (+01:00) = 2026-03-28T23:00Z; next midnight CEST (+02:00) = 2026-03-29T22:00Z.
    const [start, next] = bucketOf('2026-03-29T12:00:00Z', 'DAY', PARIS);
    expect(start).toBe(at('2026-03-28T23:00:00Z'));
    expect(next).toBe(at('2026-03-29T22:00:00Z'));
    expect(next - start).toBe(23 * HOUR);
    expect(localDateLabel(start, 'DAY', PARIS)).toBe('2026-03-29');
  });

  it('Europe/Paris fall back: 2026-10-25 is 25 hours', () => {
    // Midnight CEST = 2026-10-24T22:00Z; next midnight CET = 2026-10-25T23:00Z.
    const [start, next] = bucketOf('2026-10-25T01:30:00Z', 'DAY', PARIS);
    expect(start).toBe(at('2026-10-24T22:00:00Z'));
    expect(next).toBe(at('2026-10-25T23:00:00Z'));
    expect(next - start).toBe(25 * HOUR);
  });

  it('America/New_York 2026-03-08 (23 h) and 2026-11-01 (25 h)', () => {
    // 00:00 EST (-05:00) = 05:00Z; 2026-03-09 00:00 EDT (-04:00) = 04:00Z.
    expect(bucketOf('2026-03-08T12:00:00Z', 'DAY', NEW_YORK)).toEqual([
      at('2026-03-08T05:00:00Z'),
      at('2026-03-09T04:00:00Z'),
    ]);
    // 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z.
    expect(bucketOf('2026-11-01T12:00:00Z', 'DAY', NEW_YORK)).toEqual([
      at('2026-11-01T04:00:00Z'),
      at('2026-11-02T05:00:00Z'),
    ]);
    // 03:30Z on 2026-11-01 is still 23:30 EDT on October 31.
    expect(bucketStart(at('2026-11-01T03:30:00Z'), 'DAY', NEW_YORK)).toBe(at('2026-10-31T04:00:00Z'));
  });

  it('Australia/Lord_Howe: 30-minute DST shift makes 23.5 h and 24.5 h days', () => {
    // 2026-10-04 00:00 +10:30 = 2026-10-03T13:30Z; 2026-10-05 00:00 +11:00 = 2026-10-04T13:00Z.
    const [s1, n1] = bucketOf('2026-10-04T03:00:00Z', 'DAY', LORD_HOWE);
    expect([s1, n1]).toEqual([at('2026-10-03T13:30:00Z'), at('2026-10-04T13:00:00Z')]);
    expect(n1 - s1).toBe(23.5 * HOUR);
    // 2026-04-05 00:00 +11:00 = 2026-04-04T13:00Z; 2026-04-06 00:00 +10:30 = 2026-04-05T13:30Z.
    const [s2, n2] = bucketOf('2026-04-05T03:00:00Z', 'DAY', LORD_HOWE);
    expect([s2, n2]).toEqual([at('2026-04-04T13:00:00Z'), at('2026-04-05T13:30:00Z')]);
    expect(n2 - s2).toBe(24.5 * HOUR);
  });

  it('Asia/Kolkata and UTC days', () => {
    // 2026-01-15 00:00 +05:30 = 2026-01-14T18:30Z.
    expect(bucketOf('2026-01-15T10:10:00Z', 'DAY', KOLKATA)).toEqual([
      at('2026-01-14T18:30:00Z'),
      at('2026-01-15T18:30:00Z'),
    ]);
    expect(bucketOf('2026-03-29T01:30:00Z', 'DAY', 'UTC')).toEqual([at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z')]);
    expect(bucketStart(at('2026-03-29T00:00:00Z'), 'DAY', 'UTC')).toBe(at('2026-03-29T00:00:00Z'));
  });

  it('a day whose midnight does not exist starts at the end of the gap', () => {
    // America/Santiago 2026-09-06: 00:00 -04:00 (04:00Z) becomes 01:00 -03:00.
    // Sep 5 starts at 00:00 -04:00 = 2026-09-05T04:00Z; Sep 6 at the transition, 04:00Z;
    // Sep 7 at 00:00 -03:00 = 03:00Z, so Sep 6 lasts 23 h.
    const zone = 'America/Santiago';
    expect(bucketOf('2026-09-05T12:00:00Z', 'DAY', zone)).toEqual([at('2026-09-05T04:00:00Z'), at('2026-09-06T04:00:00Z')]);
    expect(bucketOf('2026-09-06T12:00:00Z', 'DAY', zone)).toEqual([at('2026-09-06T04:00:00Z'), at('2026-09-07T03:00:00Z')]);
    expect(localDateLabel(at('2026-09-06T04:00:00Z'), 'DAY', zone)).toBe('2026-09-06');
    // Asia/Beirut 2026-03-29: the day starts at 01:00 +03:00 = 2026-03-28T22:00Z and ends at
    // 2026-03-30 00:00 +03:00 = 2026-03-29T21:00Z.
    expect(bucketOf('2026-03-29T10:00:00Z', 'DAY', 'Asia/Beirut')).toEqual([
      at('2026-03-28T22:00:00Z'),
      at('2026-03-29T21:00:00Z'),
    ]);
  });

  it('historical oddities: a skipped date and a clock set back across midnight', () => {
    // Pacific/Apia skipped 2011-12-30: 2011-12-29 23:59:59 -10:00 was followed by 2011-12-31
    // 00:00 +14:00 (both around 2011-12-30T10:00Z). No empty bucket for the 30th.
    const apia = bucketBoundaries(at('2011-12-29T12:00:00Z'), at('2011-12-31T12:00:00Z'), 'DAY', 'Pacific/Apia');
    expect(apia).toEqual([at('2011-12-29T10:00:00Z'), at('2011-12-30T10:00:00Z'), at('2011-12-31T10:00:00Z')]);
    expect(apia.map((s) => localDateLabel(s, 'DAY', 'Pacific/Apia'))).toEqual(['2011-12-29', '2011-12-31', '2012-01-01']);
    expect(nextBucketStart(at('2011-12-29T10:00:00Z'), 'DAY', 'Pacific/Apia')).toBe(at('2011-12-30T10:00:00Z'));
    // America/St_Johns 1988-10-30: at 00:01 -01:30 (01:31Z) clocks went back 2 h to 23:01 -03:30 on
    // the 29th. Oct 30 starts at its first midnight, 01:30Z, and the repeated stretch of the
    // 29th belongs to it; Oct 31 starts at 00:00 -03:30 = 03:30Z: a 26-hour bucket.
    const zone = 'America/St_Johns';
    expect(bucketOf('1988-10-30T02:00:00Z', 'DAY', zone)).toEqual([at('1988-10-30T01:30:00Z'), at('1988-10-31T03:30:00Z')]);
    expect(localParts(at('1988-10-30T02:00:00Z'), zone)).toMatchObject({ day: 29, hour: 22, minute: 30 });
    expect(bucketOf('1988-10-29T12:00:00Z', 'DAY', zone)).toEqual([at('1988-10-29T01:30:00Z'), at('1988-10-30T01:30:00Z')]);
  });
});

describe('HOUR buckets', () => {
  it('Asia/Kolkata (+05:30): local hours start at :30 UTC', () => {
    // 10:10Z = 15:40 local; the hour began at 15:00 local = 09:30Z.
    expect(bucketOf('2026-01-15T10:10:00Z', 'HOUR', KOLKATA)).toEqual([at('2026-01-15T09:30:00Z'), at('2026-01-15T10:30:00Z')]);
    expect(localDateLabel(at('2026-01-15T09:30:00Z'), 'HOUR', KOLKATA)).toBe('2026-01-15T15:00+05:30');
  });

  it('Europe/Paris: 23 local hours on 2026-03-29 and 25 on 2026-10-25', () => {
    const spring = bucketBoundaries(at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'HOUR', PARIS);
    expect(spring).toHaveLength(23);
    // 00:00Z = 01:00 CET; 01:00Z = 03:00 CEST (02:00 never happens); 02:00Z = 04:00 CEST.
    expect(spring.slice(1, 4)).toEqual([at('2026-03-29T00:00:00Z'), at('2026-03-29T01:00:00Z'), at('2026-03-29T02:00:00Z')]);
    expect(spring.slice(1, 4).map((s) => localDateLabel(s, 'HOUR', PARIS))).toEqual([
      '2026-03-29T01:00+01:00',
      '2026-03-29T03:00+02:00',
      '2026-03-29T04:00+02:00',
    ]);
    const autumn = bucketBoundaries(at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'), 'HOUR', PARIS);
    expect(autumn).toHaveLength(25);
    // 02:00 happens twice, as two one-hour buckets told apart by their offsets.
    expect(autumn.slice(1, 5).map((s) => localDateLabel(s, 'HOUR', PARIS))).toEqual([
      '2026-10-25T01:00+02:00',
      '2026-10-25T02:00+02:00',
      '2026-10-25T02:00+01:00',
      '2026-10-25T03:00+01:00',
    ]);
    // 01:30Z is 02:30 CET, in the second 02:00 hour, which starts at 01:00Z (not at 00:00Z).
    expect(bucketOf('2026-10-25T01:30:00Z', 'HOUR', PARIS)).toEqual([at('2026-10-25T01:00:00Z'), at('2026-10-25T02:00:00Z')]);
  });

  it('America/New_York: the hour after the gap and the repeated hour', () => {
    // 2026-03-08 01:00 EST = 06:00Z; the next local hour is 03:00 EDT = 07:00Z.
    expect(nextBucketStart(at('2026-03-08T06:00:00Z'), 'HOUR', NEW_YORK)).toBe(at('2026-03-08T07:00:00Z'));
    expect(localDateLabel(at('2026-03-08T07:00:00Z'), 'HOUR', NEW_YORK)).toBe('2026-03-08T03:00-04:00');
    // 2026-11-01 01:00 EDT = 05:00Z, 01:00 EST = 06:00Z.
    expect(bucketOf('2026-11-01T06:20:00Z', 'HOUR', NEW_YORK)).toEqual([at('2026-11-01T06:00:00Z'), at('2026-11-01T07:00:00Z')]);
    expect(localDateLabel(at('2026-11-01T06:00:00Z'), 'HOUR', NEW_YORK)).toBe('2026-11-01T01:00-05:00');
  });

  it('Australia/Lord_Howe: hours cut by a 30-minute shift', () => {
    // Spring: 01:00 +10:30 = 14:30Z, then 02:00 +10:30 = 15:30Z becomes 02:30 +11:00. Hour 02
    // starts at the transition and lasts 30 min, until 03:00 +11:00 = 16:00Z.
    const spring = bucketBoundaries(at('2026-10-03T14:30:00Z'), at('2026-10-03T17:00:00Z'), 'HOUR', LORD_HOWE);
    expect(spring).toEqual([at('2026-10-03T14:30:00Z'), at('2026-10-03T15:30:00Z'), at('2026-10-03T16:00:00Z')]);
    expect(localDateLabel(spring[1], 'HOUR', LORD_HOWE)).toBe('2026-10-04T02:30+11:00');
    // Autumn: 01:00 +11:00 = 14:00Z; at 15:00Z (02:00 +11:00) clocks go back to 01:30 +10:30, so
    // hour 01 lasts 90 min, until 02:00 +10:30 = 15:30Z.
    const autumn = bucketBoundaries(at('2026-04-04T14:00:00Z'), at('2026-04-04T16:00:00Z'), 'HOUR', LORD_HOWE);
    expect(autumn).toEqual([at('2026-04-04T14:00:00Z'), at('2026-04-04T15:30:00Z')]);
    expect(bucketStart(at('2026-04-04T15:10:00Z'), 'HOUR', LORD_HOWE)).toBe(at('2026-04-04T14:00:00Z'));
  });
});

describe('WEEK buckets (ISO, Monday)', () => {
  it('crosses the year boundary: 2026-W53 then 2027-W01', () => {
    // Saturday 2027-01-02 is in the week of Monday 2026-12-28 (ISO 2026-W53: 2026 starts on a
    // Thursday). Monday 00:00 CET = 2026-12-27T23:00Z; next Monday 2027-01-04 = 2027-01-03T23:00Z.
    const [start, next] = bucketOf('2027-01-02T12:00:00Z', 'WEEK', PARIS);
    expect(start).toBe(at('2026-12-27T23:00:00Z'));
    expect(next).toBe(at('2027-01-03T23:00:00Z'));
    expect(localDateLabel(start, 'WEEK', PARIS)).toBe('2026-W53');
    expect(localDateLabel(next, 'WEEK', PARIS)).toBe('2027-W01');
    expect(localParts(start, PARIS).weekday).toBe(1);
    // 2026-01-01 (Thursday) is in 2026-W01, which began on Monday 2025-12-29.
    const w1 = bucketStart(at('2026-01-01T12:00:00Z'), 'WEEK', 'UTC');
    expect(w1).toBe(at('2025-12-29T00:00:00Z'));
    expect(localDateLabel(w1, 'WEEK', 'UTC')).toBe('2026-W01');
  });

  it('the week of a DST change is 7 days minus or plus an hour', () => {
    // Mon 2026-03-23 00:00 CET = 03-22T23:00Z .. Mon 03-30 00:00 CEST = 03-29T22:00Z (ISO 2026-W13).
    const [s1, n1] = bucketOf('2026-03-29T12:00:00Z', 'WEEK', PARIS);
    expect([s1, n1]).toEqual([at('2026-03-22T23:00:00Z'), at('2026-03-29T22:00:00Z')]);
    expect(n1 - s1).toBe(7 * 24 * HOUR - HOUR);
    expect(localDateLabel(s1, 'WEEK', PARIS)).toBe('2026-W13');
    // Sunday late evening local, Monday in UTC: 2026-03-29T22:30Z is Monday 00:30 CEST, next week.
    expect(bucketStart(at('2026-03-29T22:30:00Z'), 'WEEK', PARIS)).toBe(at('2026-03-29T22:00:00Z'));
    // Mon 2026-10-19 00:00 CEST = 10-18T22:00Z .. Mon 10-26 00:00 CET = 10-25T23:00Z.
    const [s2, n2] = bucketOf('2026-10-25T12:00:00Z', 'WEEK', PARIS);
    expect([s2, n2]).toEqual([at('2026-10-18T22:00:00Z'), at('2026-10-25T23:00:00Z')]);
    expect(n2 - s2).toBe(7 * 24 * HOUR + HOUR);
  });
});

describe('MONTH buckets', () => {
  it('span DST changes in Europe/Paris', () => {
    // 2026-03-01 00:00 CET = 02-28T23:00Z; 2026-04-01 00:00 CEST = 03-31T22:00Z.
    const [s1, n1] = bucketOf('2026-03-29T12:00:00Z', 'MONTH', PARIS);
    expect([s1, n1]).toEqual([at('2026-02-28T23:00:00Z'), at('2026-03-31T22:00:00Z')]);
    expect(n1 - s1).toBe(31 * 24 * HOUR - HOUR);
    expect(localDateLabel(s1, 'MONTH', PARIS)).toBe('2026-03');
    // 2026-10-01 00:00 CEST = 09-30T22:00Z; 2026-11-01 00:00 CET = 10-31T23:00Z.
    const [s2, n2] = bucketOf('2026-10-15T12:00:00Z', 'MONTH', PARIS);
    expect([s2, n2]).toEqual([at('2026-09-30T22:00:00Z'), at('2026-10-31T23:00:00Z')]);
    expect(n2 - s2).toBe(31 * 24 * HOUR + HOUR);
    // December rolls over to January: 2027-01-01 00:00 CET = 2026-12-31T23:00Z.
    const next = nextBucketStart(at('2026-11-30T23:00:00Z'), 'MONTH', PARIS);
    expect(next).toBe(at('2026-12-31T23:00:00Z'));
    expect(localDateLabel(next, 'MONTH', PARIS)).toBe('2027-01');
    // An instant in UTC March that is already April in Paris.
    expect(bucketStart(at('2026-03-31T22:30:00Z'), 'MONTH', PARIS)).toBe(at('2026-03-31T22:00:00Z'));
  });

  it('America/New_York November 2026 starts in EDT and ends in EST', () => {
    // 2026-11-01 00:00 EDT = 04:00Z; 2026-12-01 00:00 EST = 05:00Z.
    expect(bucketOf('2026-11-15T12:00:00Z', 'MONTH', NEW_YORK)).toEqual([at('2026-11-01T04:00:00Z'), at('2026-12-01T05:00:00Z')]);
  });
});

describe('INTERVAL buckets', () => {
  it('floor to intervalSeconds in UTC, whatever the zone', () => {
    expect(bucketStart(at('2026-03-29T01:07:30Z'), 'INTERVAL', PARIS)).toBe(at('2026-03-29T01:00:00Z'));
    expect(bucketStart(at('2026-03-29T01:15:00Z'), 'INTERVAL', PARIS)).toBe(at('2026-03-29T01:15:00Z'));
    expect(bucketStart(at('2026-03-29T01:44:59Z'), 'INTERVAL', PARIS, 1800)).toBe(at('2026-03-29T01:30:00Z'));
    // UTC-aligned even at +05:30: a 1-hour interval starts on the UTC hour (local :30).
    expect(bucketStart(at('2026-01-15T10:10:00Z'), 'INTERVAL', KOLKATA, 3600)).toBe(at('2026-01-15T10:00:00Z'));
    expect(nextBucketStart(at('2026-03-29T01:00:00Z'), 'INTERVAL', PARIS)).toBe(at('2026-03-29T01:15:00Z'));
    // Floor, not truncation, before 1970.
    expect(bucketStart(-1, 'INTERVAL', 'UTC')).toBe(-900);
  });

  it('labels with local time and offset', () => {
    expect(localDateLabel(at('2026-03-29T01:00:00Z'), 'INTERVAL', PARIS)).toBe('2026-03-29T03:00+02:00');
    expect(localDateLabel(at('2026-01-15T09:45:00Z'), 'INTERVAL', KOLKATA)).toBe('2026-01-15T15:15+05:30');
    expect(localDateLabel(at('2026-01-15T09:45:00Z'), 'INTERVAL', 'UTC')).toBe('2026-01-15T09:45+00:00');
  });

  it('rejects a non-positive or fractional interval', () => {
    expect(() => bucketStart(0, 'INTERVAL', 'UTC', 0)).toThrow(RangeError);
    expect(() => bucketStart(0, 'INTERVAL', 'UTC', 90.5)).toThrow(RangeError);
    expect(() => bucketBoundaries(0, 900, 'INTERVAL', 'UTC', -900)).toThrow(RangeError);
  });
});

describe('bucketBoundaries', () => {
  it('March 2026 in Europe/Paris has 31 DAY buckets', () => {
    const from = at('2026-02-28T23:00:00Z'); // 2026-03-01 00:00 CET
    const to = at('2026-03-31T22:00:00Z'); // 2026-04-01 00:00 CEST
    const days = bucketBoundaries(from, to, 'DAY', PARIS);
    expect(days).toHaveLength(31);
    expect(days[0]).toBe(from);
    expect(days[30]).toBe(at('2026-03-30T22:00:00Z'));
    expect(localDateLabel(days[0], 'DAY', PARIS)).toBe('2026-03-01');
    expect(localDateLabel(days[30], 'DAY', PARIS)).toBe('2026-03-31');
    // The 29th (index 28) is the 23-hour day.
    expect(days[29] - days[28]).toBe(23 * HOUR);
    expect(bucketBoundaries(from, to, 'MONTH', PARIS)).toEqual([from]);
  });

  it('starts at the bucket containing `from` and stops before `to`', () => {
    // From noon on March 15 to 00:00 CET on March 17 (inclusive end would add the 17th).
    const days = bucketBoundaries(at('2026-03-15T12:00:00Z'), at('2026-03-16T23:00:00Z'), 'DAY', PARIS);
    expect(days).toEqual([at('2026-03-14T23:00:00Z'), at('2026-03-15T23:00:00Z')]);
    expect(bucketBoundaries(at('2026-03-15T12:00:00Z'), at('2026-03-16T23:00:01Z'), 'DAY', PARIS)).toHaveLength(3);
    // One UTC day of 15-minute intervals.
    const intervals = bucketBoundaries(at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z'), 'INTERVAL', PARIS);
    expect(intervals).toHaveLength(96);
    expect(intervals[4] - intervals[3]).toBe(900);
    // Empty or reversed ranges give no buckets.
    expect(bucketBoundaries(100, 100, 'DAY', PARIS)).toEqual([]);
    expect(bucketBoundaries(200, 100, 'DAY', PARIS)).toEqual([]);
  });

  it('a local year has 365 DAY buckets, 12 MONTH, and 8760 HOUR buckets', () => {
    const from = zonedToEpoch(2026, 1, 1, 0, 0, PARIS);
    const to = zonedToEpoch(2027, 1, 1, 0, 0, PARIS);
    expect(bucketBoundaries(from, to, 'DAY', PARIS)).toHaveLength(365);
    expect(bucketBoundaries(from, to, 'MONTH', PARIS)).toHaveLength(12);
    expect(bucketBoundaries(from, to, 'HOUR', PARIS)).toHaveLength(8760); // 365 × 24, less the lost hour in March, plus the repeated one in October
    expect(bucketBoundaries(from, to, 'WEEK', PARIS)).toHaveLength(53); // from Mon 2025-12-29 to Mon 2026-12-28
  });

  it('agrees with bucketStart and nextBucketStart around DST changes', () => {
    const cases: Array<[string, string, string]> = [
      [PARIS, '2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'],
      [PARIS, '2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z'],
      [NEW_YORK, '2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z'],
      [NEW_YORK, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z'],
      [LORD_HOWE, '2026-10-02T00:00:00Z', '2026-10-06T00:00:00Z'],
      [LORD_HOWE, '2026-04-03T00:00:00Z', '2026-04-07T00:00:00Z'],
      ['America/Santiago', '2026-09-04T00:00:00Z', '2026-09-08T00:00:00Z'],
      ['America/St_Johns', '1988-10-28T00:00:00Z', '1988-11-02T00:00:00Z'],
      [KOLKATA, '2026-01-13T00:00:00Z', '2026-01-16T00:00:00Z'],
    ];
    for (const [zone, fromIso, toIso] of cases) {
      for (const granularity of ['HOUR', 'DAY'] as const) {
        const starts = bucketBoundaries(at(fromIso), at(toIso), granularity, zone);
        expect(starts.length).toBeGreaterThan(3);
        for (let i = 0; i + 1 < starts.length; i++) {
          expect(starts[i + 1]).toBeGreaterThan(starts[i]);
          expect(nextBucketStart(starts[i], granularity, zone)).toBe(starts[i + 1]);
        }
        let j = 0;
        for (let t = starts[0]; t < starts[starts.length - 1]; t += 607) {
          while (starts[j + 1] <= t) j++;
          if (bucketStart(t, granularity, zone) !== starts[j]) {
            throw new Error(`${zone} ${granularity}: bucketStart(${new Date(t * 1000).toISOString()})`);
          }
        }
      }
    }
  });

  it(`refuses to produce more than ${MAX_BUCKETS} buckets`, () => {
    // 100,000 intervals of 900 s are exactly 90,000,000 s.
    expect(bucketBoundaries(0, 90_000_000, 'INTERVAL', 'UTC')).toHaveLength(100_000);
    expect(() => bucketBoundaries(0, 90_000_001, 'INTERVAL', 'UTC')).toThrow(RangeError);
    // 100,000 UTC hours exactly, then one second more.
    expect(bucketBoundaries(0, 100_000 * HOUR, 'HOUR', 'UTC')).toHaveLength(100_000);
    expect(() => bucketBoundaries(0, 100_000 * HOUR + 1, 'HOUR', 'UTC')).toThrow(RangeError);
    // 100,000 days from 1970-01-01 end on 2243-10-17 (100,000 = 273 × 365 + 66 leap days + 289,
    // and 289 days after 2243-01-01 is October 17): 100,000 UTC days exactly, then one second more.
    expect(bucketBoundaries(0, at('2243-10-17T00:00:00Z'), 'DAY', 'UTC')).toHaveLength(100_000);
    expect(() => bucketBoundaries(0, at('2243-10-17T00:00:01Z'), 'DAY', 'UTC')).toThrow(RangeError);
    // Far larger ranges are refused by an estimate, before any per-bucket work.
    expect(() => bucketBoundaries(at('1900-01-01T00:00:00Z'), at('2300-01-01T00:00:00Z'), 'DAY', PARIS)).toThrow(RangeError);
    expect(() => bucketBoundaries(at('1900-01-01T00:00:00Z'), at('2100-01-01T00:00:00Z'), 'HOUR', PARIS)).toThrow(RangeError);
    expect(() => bucketBoundaries(at('1950-01-01T00:00:00Z'), at('2050-01-01T00:00:00Z'), 'INTERVAL', PARIS)).toThrow(
      /100000 INTERVAL buckets/,
    );
  });

  it('gives the same year of DAY buckets on repeated calls (the formatter cache)', () => {
    const zone = 'America/Chicago'; // not used elsewhere: the first run builds its formatter
    const from = at('2026-01-01T06:00:00Z');
    const to = at('2027-01-01T06:00:00Z');
    const first = bucketBoundaries(from, to, 'DAY', zone);
    expect(first).toHaveLength(365);
    expect(bucketBoundaries(from, to, 'DAY', zone)).toEqual(first);
  });
});

describe('validation and caching', () => {
  it('rejects unknown granularities and zones', () => {
    expect(() => bucketStart(0, 'YEAR' as Granularity, 'UTC')).toThrow(RangeError);
    expect(() => bucketStart(0, 'DAY', 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => bucketBoundaries(0, 0, 'DAY', 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => nextBucketStart(0.5, 'DAY', 'UTC')).toThrow(RangeError);
  });

  it('builds one Intl.DateTimeFormat per zone', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      bucketBoundaries(at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), 'DAY', 'Asia/Tokyo');
      bucketBoundaries(at('2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'), 'HOUR', 'Asia/Tokyo');
      localDateLabel(0, 'WEEK', 'Asia/Tokyo');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('labels pre-standard-time local mean time offsets with seconds', () => {
    // Paris used PMT, +00:09:21, until 1911.
    const start = zonedToEpoch(1900, 1, 1, 0, 0, PARIS);
    expect(start).toBe(at('1899-12-31T23:50:39Z'));
    expect(localDateLabel(start, 'HOUR', PARIS)).toBe('1900-01-01T00:00+00:09:21');
  });
});
