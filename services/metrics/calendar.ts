/**
 * Calendar buckets in a queue's IANA time zone, daylight-saving time included.
 *
 * Performance figures are grouped into buckets that follow the local calendar of the queue
 * (a DAY in Europe/Paris is 23 hours on the spring-forward Sunday and 25 on the fall-back one),
 * and SLA targets are judged per measurement window in that zone.
 *
 * Conventions:
 * - Instants are integer epoch SECONDS (UTC) throughout, in and out.
 * - Months are 1-12, weekdays 1 = Monday .. 7 = Sunday (ISO 8601), weeks are ISO weeks.
 * - Pure: no I/O, no dependencies. The only source of time-zone rules is `Intl.DateTimeFormat`
 *   (the tzdb bundled with the runtime's ICU). One formatter is cached per zone name.
 * - Every DAY / WEEK / MONTH / HOUR bucket is a half-open range [start, next start).
 *
 * Assumption shared with other Intl-based tz code (e.g. the Temporal polyfill): a zone's UTC
 * offset does not change twice within about a day. tzdb has no such case in modern data.
 */

export type Granularity = 'INTERVAL' | 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

export const GRANULARITIES: readonly Granularity[] = ['INTERVAL', 'HOUR', 'DAY', 'WEEK', 'MONTH'];

/** bucketBoundaries refuses to produce more buckets than this (throws a RangeError). */
export const MAX_BUCKETS = 100_000;

/** Default INTERVAL length: 15 minutes, the usual ACD interval. */
export const DEFAULT_INTERVAL_SECONDS = 900;

export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23 */
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday .. 7 = Sunday */
  weekday: number;
}

const SECONDS_PER_DAY = 86_400;
/** The range of a JavaScript Date, in seconds. */
const MAX_EPOCH_SECONDS = 8.64e12;

// ---------------------------------------------------------------------------------------------
// Civil-date arithmetic (proleptic Gregorian, no Date quirks such as years 0-99 meaning 19xx).
// ---------------------------------------------------------------------------------------------

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of daysFromCivil. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday .. 7 = Sunday) of a day count; 1970-01-01 was a Thursday. */
function weekdayOfDays(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** A local wall-clock reading "as if it were UTC", in seconds: the currency of this module. */
function wallSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}

function partsOfWall(wall: number): LocalParts {
  const days = Math.floor(wall / SECONDS_PER_DAY);
  const secs = wall - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    weekday: weekdayOfDays(days),
  };
}

// ---------------------------------------------------------------------------------------------
// The only contact with time-zone rules: Intl.DateTimeFormat, one cached instance per zone.
// ---------------------------------------------------------------------------------------------

const FORMAT_OPTIONS: Intl.DateTimeFormatOptions = {
  calendar: 'gregory', // V8/ICU: proleptic Gregorian, as daysFromCivil
  numberingSystem: 'latn',
  hourCycle: 'h23',
  era: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/** Bound on the cache: zone names are few, but case variants of them are accepted by Intl. */
const MAX_CACHED_FORMATTERS = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    if (typeof timeZone !== 'string' || timeZone === '') {
      throw new RangeError(`Invalid time zone: ${String(timeZone)}`);
    }
    formatter = new Intl.DateTimeFormat('en-US', { ...FORMAT_OPTIONS, timeZone }); // RangeError if unknown
    if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "3/29/2026 AD, 03:00:00": what format() gives for FORMAT_OPTIONS in en-US. */
const FORMATTED = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/**
 * The local wall-clock reading of an instant, as wall seconds. Parses format() (about three
 * times faster than formatToParts); if an ICU version ever lays the string out differently it
 * falls back to formatToParts, so only speed depends on the layout.
 */
function wallAt(epochSeconds: number, timeZone: string): number {
  const formatter = formatterFor(timeZone);
  const date = new Date(epochSeconds * 1000);
  const m = FORMATTED.exec(formatter.format(date));
  let year: number, month: number, day: number, hour: number, minute: number, second: number;
  if (m !== null) {
    year = m[4] === 'BC' ? 1 - Number(m[3]) : Number(m[3]);
    month = Number(m[1]);
    day = Number(m[2]);
    hour = Number(m[5]);
    minute = Number(m[6]);
    second = Number(m[7]);
  } else {
    const fields: Record<string, string> = {};
    for (const part of formatter.formatToParts(date)) fields[part.type] = part.value;
    const era = fields.era ?? 'AD';
    year = /^B/i.test(era) ? 1 - Number(fields.year) : Number(fields.year);
    month = Number(fields.month);
    day = Number(fields.day);
    hour = Number(fields.hour);
    minute = Number(fields.minute);
    second = Number(fields.second);
  }
  if (hour === 24) hour = 0; // old engines rendered midnight as 24 despite h23
  return wallSeconds(year, month, day, hour, minute, second);
}

/** UTC offset in seconds (local minus UTC) in force at an instant. */
function offsetAt(epochSeconds: number, timeZone: string): number {
  return wallAt(epochSeconds, timeZone) - epochSeconds;
}

/**
 * The first instant in (lo, hi] whose offset differs from the offset at lo. Requires
 * offsetAt(lo) !== offsetAt(hi). Binary search to the second (≤ 17 steps for a day).
 */
function findTransition(lo: number, hi: number, timeZone: string): number {
  const before = offsetAt(lo, timeZone);
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function checkEpoch(name: string, value: number): void {
  if (!Number.isInteger(value) || Math.abs(value) > MAX_EPOCH_SECONDS) {
    throw new RangeError(`${name} must be an integer number of epoch seconds, got ${value}`);
  }
}

function checkGranularity(granularity: Granularity): void {
  if (!GRANULARITIES.includes(granularity)) {
    throw new RangeError(`Unknown granularity: ${String(granularity)}`);
  }
}

function checkInterval(intervalSeconds: number): void {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0) {
    throw new RangeError(`intervalSeconds must be a positive integer, got ${intervalSeconds}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** The local calendar date and wall-clock time of an instant in an IANA time zone. */
export function localParts(epochSeconds: number, timeZone: string): LocalParts {
  checkEpoch('epochSeconds', epochSeconds);
  return partsOfWall(wallAt(epochSeconds, timeZone));
}

/**
 * The UTC offset (local minus UTC, in seconds) in force at an instant in an IANA time zone:
 * instant + offset is the local wall-clock reading counted as if it were UTC.
 */
export function utcOffsetSeconds(epochSeconds: number, timeZone: string): number {
  checkEpoch('epochSeconds', epochSeconds);
  return offsetAt(epochSeconds, timeZone);
}

/**
 * Epoch seconds of a local wall-clock time (seconds = 0) in an IANA time zone.
 *
 * - Gap (the local time does not exist, e.g. 02:30 on a spring-forward day): returns the instant
 *   just after the gap, i.e. the transition itself. 2026-03-29 02:30 Europe/Paris → 03:00 CEST
 *   = 01:00Z. A midnight that does not exist (America/Santiago, Asia/Beirut) gives the first
 *   instant of that day, which is why DAY/WEEK/MONTH buckets can rely on this rule.
 * - Overlap (the local time happens twice, e.g. 02:30 on a fall-back day): returns the EARLIER
 *   instant. 2026-10-25 02:30 Europe/Paris → 02:30 CEST = 00:30Z (not 02:30 CET = 01:30Z).
 *
 * Throws a RangeError for out-of-range fields (month 13, 30 February, hour 24...) or zones.
 */
export function zonedToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const ok =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    Number.isInteger(hour) &&
    Number.isInteger(minute) &&
    Math.abs(year) <= 275_000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59;
  if (!ok) {
    throw new RangeError(`Invalid local date-time: ${year}-${month}-${day} ${hour}:${minute}`);
  }
  return wallToEpoch(wallSeconds(year, month, day, hour, minute, 0), timeZone);
}

/** zonedToEpoch on a wall-seconds value, without field validation. */
function wallToEpoch(wall: number, timeZone: string): number {
  // Offset a day before: if it maps the wall time back onto itself it is the earliest
  // solution (an earlier one would need a larger offset, i.e. a second transition).
  const before = offsetAt(wall - SECONDS_PER_DAY, timeZone);
  const early = wall - before;
  if (offsetAt(early, timeZone) === before) return early;
  const after = offsetAt(wall + SECONDS_PER_DAY, timeZone);
  const late = wall - after;
  if (offsetAt(late, timeZone) === after) return late;
  // Neither offset reproduces the wall time: it lies in a gap. The transition is between
  // `late` (still the old offset) and `early` (already the new one); return it.
  if (late < early && offsetAt(late, timeZone) !== offsetAt(early, timeZone)) {
    return findTransition(late, early, timeZone);
  }
  return early; // unreachable with single transitions; keep a total function
}

/** Key of the local hour a wall reading belongs to (wall seconds floored to the hour). */
function hourOfWall(wall: number): number {
  return Math.floor(wall / 3600);
}

/**
 * HOUR boundaries: instants at which the local clock reads HH:00:00, plus instants at which the
 * clock jumps into a different local hour (a transition landing off the hour, e.g.
 * Australia/Lord_Howe 02:00 → 02:30). A transition that stays within the same local hour
 * (Lord_Howe fall-back 01:59:59 → 01:30) is not a boundary, so that hour lasts 90 minutes. In a
 * whole-hour fall-back (Paris 02:59:59 CEST → 02:00:00 CET) both 02:00s are boundaries: two
 * one-hour buckets labelled 02:00+02:00 and 02:00+01:00.
 */
function isHourBoundary(transition: number, timeZone: string): boolean {
  const wall = wallAt(transition, timeZone);
  if (wall % 3600 === 0) return true;
  return hourOfWall(wallAt(transition - 1, timeZone)) !== hourOfWall(wall);
}

function hourStart(epochSeconds: number, timeZone: string): number {
  let t = epochSeconds;
  for (;;) {
    const wall = wallAt(t, timeZone);
    const candidate = t - (wall - hourOfWall(wall) * 3600);
    if (candidate === t) return t;
    if (offsetAt(candidate, timeZone) === wall - t) return candidate;
    const transition = findTransition(candidate, t, timeZone);
    if (isHourBoundary(transition, timeZone)) return transition;
    t = transition - 1; // same local hour before the transition: keep walking back
  }
}

function nextHourStart(epochSeconds: number, timeZone: string): number {
  let s = epochSeconds;
  for (;;) {
    const wall = wallAt(s, timeZone);
    const candidate = s + (hourOfWall(wall) + 1) * 3600 - wall;
    if (offsetAt(candidate, timeZone) === wall - s) return candidate;
    const transition = findTransition(s, candidate, timeZone);
    if (isHourBoundary(transition, timeZone)) return transition;
    s = transition; // still the same local hour: continue from the transition
  }
}

/** Day count (since 1970-01-01) of the local date of an instant. */
function localDays(epochSeconds: number, timeZone: string): number {
  return Math.floor(wallAt(epochSeconds, timeZone) / SECONDS_PER_DAY);
}

type CalendarGranularity = 'DAY' | 'WEEK' | 'MONTH';

/** Day count of the first day of the bucket containing a local day. */
function bucketFirstDay(days: number, granularity: CalendarGranularity): number {
  if (granularity === 'DAY') return days;
  if (granularity === 'WEEK') return days - (weekdayOfDays(days) - 1);
  const { year, month } = civilFromDays(days);
  return daysFromCivil(year, month, 1);
}

/** Day count of the first day of the following bucket. */
function nextBucketFirstDay(days: number, granularity: CalendarGranularity): number {
  if (granularity === 'DAY') return days + 1;
  if (granularity === 'WEEK') return bucketFirstDay(days, 'WEEK') + 7;
  const { year, month } = civilFromDays(days);
  return month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
}

/** Local midnight of a day count (gap → first instant of the day, overlap → earlier). */
function midnight(days: number, timeZone: string): number {
  return wallToEpoch(days * SECONDS_PER_DAY, timeZone);
}

/**
 * DAY / WEEK / MONTH bucket containing an instant, as its first day and start. Boundaries are
 * the midnights of first days. Normally the bucket is simply the one of the instant's local
 * date; the loop covers clocks set back across midnight (America/St_Johns 1987-2010 went from
 * 00:01 back to 23:01): the repeated stretch of the previous date lies after the new date's
 * (first) midnight, so it belongs to the new date's bucket.
 */
function calendarBucket(epochSeconds: number, granularity: CalendarGranularity, timeZone: string) {
  let days = bucketFirstDay(localDays(epochSeconds, timeZone), granularity);
  let start = midnight(days, timeZone);
  for (;;) {
    const nextDays = nextBucketFirstDay(days, granularity);
    const next = midnight(nextDays, timeZone);
    if (next > epochSeconds) return { days, start };
    days = nextDays;
    start = next;
  }
}

/**
 * Start (epoch seconds) of the bucket that contains an instant.
 * - INTERVAL: floor to `intervalSeconds` in UTC (interval records are UTC-aligned).
 * - HOUR: start of the local hour (see isHourBoundary for hours cut by a DST change).
 * - DAY: local midnight; WEEK: local midnight of the Monday (ISO); MONTH: local midnight of the
 *   1st. A midnight in a DST gap means the first instant of that day; an ambiguous one the earlier.
 */
export function bucketStart(
  epochSeconds: number,
  granularity: Granularity,
  timeZone: string,
  intervalSeconds: number = DEFAULT_INTERVAL_SECONDS,
): number {
  checkEpoch('epochSeconds', epochSeconds);
  checkGranularity(granularity);
  switch (granularity) {
    case 'INTERVAL':
      checkInterval(intervalSeconds);
      return Math.floor(epochSeconds / intervalSeconds) * intervalSeconds;
    case 'HOUR':
      return hourStart(epochSeconds, timeZone);
    default:
      return calendarBucket(epochSeconds, granularity, timeZone).start;
  }
}

/**
 * Start of the bucket after the one containing `bucketStartEpoch` (normally a bucket start, but
 * any instant works). DAY buckets last 23 or 25 hours across DST changes (23.5 / 24.5 in
 * Australia/Lord_Howe); a day whose midnight does not exist starts at the end of the gap.
 */
export function nextBucketStart(
  bucketStartEpoch: number,
  granularity: Granularity,
  timeZone: string,
  intervalSeconds: number = DEFAULT_INTERVAL_SECONDS,
): number {
  checkEpoch('bucketStartEpoch', bucketStartEpoch);
  checkGranularity(granularity);
  switch (granularity) {
    case 'INTERVAL':
      checkInterval(intervalSeconds);
      return Math.floor(bucketStartEpoch / intervalSeconds) * intervalSeconds + intervalSeconds;
    case 'HOUR':
      return nextHourStart(bucketStartEpoch, timeZone);
    default: {
      // A loop: a skipped date (Pacific/Apia 2011-12-30) has no bucket, and an instant in a
      // stretch repeated across midnight (see calendarBucket) is already past the next midnight.
      let days = bucketFirstDay(localDays(bucketStartEpoch, timeZone), granularity);
      for (;;) {
        days = nextBucketFirstDay(days, granularity);
        const next = midnight(days, timeZone);
        if (next > bucketStartEpoch) return next;
      }
    }
  }
}

/** Index of the calendar bucket containing a local day: consecutive buckets differ by 1. */
function calendarIndex(days: number, granularity: CalendarGranularity): number {
  if (granularity === 'DAY') return days;
  if (granularity === 'WEEK') return Math.floor((days + 3) / 7); // weeks since Monday 1969-12-29
  const { year, month } = civilFromDays(days);
  return year * 12 + month;
}

/**
 * Cheap estimate of how many buckets bucketBoundaries would produce, to refuse huge ranges
 * before doing per-bucket work. DAY/WEEK/MONTH: from the local dates of the two ends (exact
 * except for the odd skipped or doubled date). HOUR: elapsed hours (a DST change adds or
 * removes at most one bucket, a few per year).
 */
function estimateCount(fromEpoch: number, toEpoch: number, granularity: Exclude<Granularity, 'INTERVAL'>, timeZone: string): number {
  if (granularity === 'HOUR') return Math.floor((toEpoch - fromEpoch) / 3600);
  const first = calendarIndex(localDays(fromEpoch, timeZone), granularity);
  const last = calendarIndex(localDays(toEpoch - 1, timeZone), granularity);
  return last - first + 1;
}

/** Margin between the estimate and MAX_BUCKETS below which the exact count decides. */
const ESTIMATE_MARGIN = MAX_BUCKETS / 100;

function tooMany(granularity: Granularity): RangeError {
  return new RangeError(`More than ${MAX_BUCKETS} ${granularity} buckets requested; narrow the range`);
}

/**
 * Ascending bucket starts covering the half-open range [fromEpoch, toEpoch): the first is
 * bucketStart(fromEpoch) (which may be before fromEpoch), then each nextBucketStart while it is
 * < toEpoch. An empty range (toEpoch <= fromEpoch) gives []. Throws a RangeError rather than
 * produce more than MAX_BUCKETS (100,000) buckets.
 */
export function bucketBoundaries(
  fromEpoch: number,
  toEpoch: number,
  granularity: Granularity,
  timeZone: string,
  intervalSeconds: number = DEFAULT_INTERVAL_SECONDS,
): number[] {
  checkEpoch('fromEpoch', fromEpoch);
  checkEpoch('toEpoch', toEpoch);
  checkGranularity(granularity);
  if (granularity === 'INTERVAL') checkInterval(intervalSeconds);
  formatterFor(timeZone); // an unknown zone fails even for an empty or INTERVAL range
  if (toEpoch <= fromEpoch) return [];

  if (granularity === 'INTERVAL') {
    const first = Math.floor(fromEpoch / intervalSeconds) * intervalSeconds;
    const count = Math.ceil((toEpoch - first) / intervalSeconds);
    if (count > MAX_BUCKETS) throw tooMany(granularity);
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = first + i * intervalSeconds;
    return out;
  }

  if (estimateCount(fromEpoch, toEpoch, granularity, timeZone) > MAX_BUCKETS + ESTIMATE_MARGIN) throw tooMany(granularity);

  const out: number[] = [];
  if (granularity === 'HOUR') {
    // Fast path: when the offset a day ahead equals the current one there is no transition in
    // between (the module-wide single-transition assumption), so whole hours follow without
    // asking Intl; otherwise fall back to nextHourStart. About one Intl call per day.
    let start = hourStart(fromEpoch, timeZone);
    let offset = offsetAt(start, timeZone);
    let stableUntil = start;
    while (start < toEpoch) {
      if (out.length === MAX_BUCKETS) throw tooMany(granularity);
      out.push(start);
      const wall = start + offset;
      const candidate = start + (hourOfWall(wall) + 1) * 3600 - wall;
      if (candidate > stableUntil) {
        const probe = start + SECONDS_PER_DAY;
        if (offsetAt(probe, timeZone) === offset) stableUntil = probe;
      }
      if (candidate <= stableUntil) {
        start = candidate;
      } else {
        start = nextHourStart(start, timeZone);
        offset = offsetAt(start, timeZone);
        stableUntil = start;
      }
    }
    return out;
  }

  // DAY / WEEK / MONTH: walk the local calendar by day counts; one midnight lookup per bucket.
  let { days, start } = calendarBucket(fromEpoch, granularity, timeZone);
  while (start < toEpoch) {
    if (out.length === MAX_BUCKETS) throw tooMany(granularity);
    out.push(start);
    let next = start;
    while (next <= start) {
      // `next === start` only for a skipped date (Pacific/Apia 2011-12-30): no empty bucket.
      days = nextBucketFirstDay(days, granularity);
      // DAY fast path: if exactly 24 h later the clock reads the next midnight, the offset did
      // not change in between (single-transition assumption), so that is the next midnight and
      // the only one. One Intl call instead of the two of midnight().
      if (granularity === 'DAY' && wallAt(start + SECONDS_PER_DAY, timeZone) === days * SECONDS_PER_DAY) {
        next = start + SECONDS_PER_DAY;
      } else {
        next = midnight(days, timeZone);
      }
    }
    start = next;
  }
  return out;
}

function pad(value: number, width: number): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** ISO 8601 year: four digits, or the expanded ±YYYYYY form outside 0000-9999. */
function isoYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + pad(year, 6);
}

function isoOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const text = `${sign}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
  return abs % 60 === 0 ? text : `${text}:${pad(abs % 60, 2)}`; // pre-1900 LMT offsets
}

/** ISO week-numbering year and week of a day count. */
function isoWeek(days: number): { weekYear: number; week: number } {
  const thursday = days - weekdayOfDays(days) + 4;
  const weekYear = civilFromDays(thursday).year;
  return { weekYear, week: Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1 };
}

/**
 * Human label of a bucket, from the local time of its start:
 * INTERVAL / HOUR `2026-03-29T03:00+02:00` (local time with its UTC offset, so the two 02:00
 * hours of a fall-back night differ), DAY `2026-03-29`, WEEK `2026-W13` (ISO week-year),
 * MONTH `2026-03`.
 */
export function localDateLabel(bucketStartEpoch: number, granularity: Granularity, timeZone: string): string {
  checkEpoch('bucketStartEpoch', bucketStartEpoch);
  checkGranularity(granularity);
  const wall = wallAt(bucketStartEpoch, timeZone);
  const days = Math.floor(wall / SECONDS_PER_DAY);
  const p = partsOfWall(wall);
  switch (granularity) {
    case 'INTERVAL':
    case 'HOUR': {
      const time = `${pad(p.hour, 2)}:${pad(p.minute, 2)}${p.second === 0 ? '' : ':' + pad(p.second, 2)}`;
      return `${isoYear(p.year)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${time}${isoOffset(wall - bucketStartEpoch)}`;
    }
    case 'DAY':
      return `${isoYear(p.year)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
    case 'WEEK': {
      const { weekYear, week } = isoWeek(days);
      return `${isoYear(weekYear)}-W${pad(week, 2)}`;
    }
    case 'MONTH':
      return `${isoYear(p.year)}-${pad(p.month, 2)}`;
  }
}
