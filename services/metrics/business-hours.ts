import { localParts, zonedToEpoch } from './calendar';

/**
 * Business-hours arithmetic for service clocks (ISO 10002 complaint acknowledgement and
 * resolution deadlines): opening hours per weekday in an IANA time zone, minus holidays.
 *
 * Conventions (the same as calendar.ts):
 * - Instants are integer epoch SECONDS (UTC), in and out.
 * - A business window is [opens, closes) on a local date; "24:00" closes at the next midnight.
 * - Business time is real elapsed time inside windows: a window that spans a DST change is an
 *   hour shorter or longer, exactly as the staff experience it. Local times that do not exist
 *   (spring-forward gap) resolve to the instant after the gap; ambiguous ones to the earlier.
 * - Pure: no I/O. Holidays are local dates YYYY-MM-DD; no clock runs on them.
 */

const WEEKDAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export interface BusinessCalendar {
  timeZone: string;
  hours: Array<{ weekday: WeekdayName; opens: string; closes: string }>;
  holidays: string[];
}

/** How far the clocks look for business time before giving up (a calendar with no hours). */
const MAX_DAYS = 5 * 366;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function parseTime(value: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`business hours must be HH:MM (got "${value}")`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function dateKey(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** ISO weekday 1 = Monday .. 7 = Sunday of a civil date. */
function weekdayOf(d: LocalDate): number {
  const dow = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

function localInstant(d: LocalDate, time: string, timeZone: string): number {
  const { hour, minute } = parseTime(time);
  if (hour === 24 && minute === 0) {
    const next = addDays(d, 1);
    return zonedToEpoch(next.year, next.month, next.day, 0, 0, timeZone);
  }
  return zonedToEpoch(d.year, d.month, d.day, hour, minute, timeZone);
}

/** A calendar prepared for repeated use: hours grouped by weekday, holidays as a set. */
class PreparedCalendar {
  private readonly byWeekday = new Map<number, Array<{ opens: string; closes: string }>>();
  private readonly holidays: Set<string>;

  constructor(readonly calendar: BusinessCalendar) {
    for (const h of calendar.hours) {
      const weekday = WEEKDAY_NAMES.indexOf(h.weekday) + 1;
      if (weekday === 0) throw new RangeError(`unknown weekday ${h.weekday}`);
      parseTime(h.opens);
      parseTime(h.closes);
      const list = this.byWeekday.get(weekday) ?? [];
      list.push({ opens: h.opens, closes: h.closes });
      this.byWeekday.set(weekday, list);
    }
    for (const list of this.byWeekday.values()) list.sort((a, b) => a.opens.localeCompare(b.opens));
    this.holidays = new Set(calendar.holidays);
  }

  /** The business windows [open, close) of one local date, in order; none on a holiday. */
  windows(d: LocalDate): Array<[number, number]> {
    if (this.holidays.has(dateKey(d))) return [];
    const zone = this.calendar.timeZone;
    return (this.byWeekday.get(weekdayOf(d)) ?? [])
      .map((h): [number, number] => [localInstant(d, h.opens, zone), localInstant(d, h.closes, zone)])
      .filter(([open, close]) => close > open);
  }

  localDate(epoch: number): LocalDate {
    const p = localParts(epoch, this.calendar.timeZone);
    return { year: p.year, month: p.month, day: p.day };
  }
}

const cache = new WeakMap<BusinessCalendar, PreparedCalendar>();
function prepare(calendar: BusinessCalendar): PreparedCalendar {
  let prepared = cache.get(calendar);
  if (!prepared) {
    prepared = new PreparedCalendar(calendar);
    cache.set(calendar, prepared);
  }
  return prepared;
}

function noBusinessTime(): RangeError {
  return new RangeError(`no business hours within ${MAX_DAYS} days; the calendar has no opening hours`);
}

/** Business seconds inside [from, to); 0 when to <= from. */
export function businessSecondsBetween(from: number, to: number, calendar: BusinessCalendar): number {
  if (to <= from) return 0;
  const cal = prepare(calendar);
  // Start a day early: a window opened the previous local day may still run (closes 24:00).
  let day = addDays(cal.localDate(from), -1);
  const last = cal.localDate(to);
  let total = 0;
  for (let i = 0; ; i++) {
    for (const [open, close] of cal.windows(day)) {
      const start = Math.max(open, from);
      const end = Math.min(close, to);
      if (end > start) total += end - start;
    }
    if (dateKey(day) >= dateKey(last)) return total;
    day = addDays(day, 1);
    if (i > 100 * MAX_DAYS) return total;
  }
}

/**
 * The instant at which `seconds` of business time have run from `start`. Zero seconds give
 * `start` itself. A result always falls inside (or at the close of) a business window.
 */
export function addBusinessSeconds(start: number, seconds: number, calendar: BusinessCalendar): number {
  if (!(seconds >= 0)) throw new RangeError(`business seconds must not be negative (got ${seconds})`);
  if (seconds === 0) return start;
  const cal = prepare(calendar);
  let remaining = seconds;
  let day = addDays(cal.localDate(start), -1);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [open, close] of cal.windows(day)) {
      const from = Math.max(open, start);
      if (close <= from) continue;
      if (close - from >= remaining) return from + remaining;
      remaining -= close - from;
    }
    day = addDays(day, 1);
  }
  throw noBusinessTime();
}

/**
 * The close of business of the `days`-th business day after the local date of `start` (a
 * business day is a date with at least one window; the day of `start` never counts, so a
 * complaint received at 17:59 does not lose a day). This is how "resolve within N business
 * days" is read.
 */
export function addBusinessDays(start: number, days: number, calendar: BusinessCalendar): number {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`business days must be a whole number of at least 1 (got ${days})`);
  const cal = prepare(calendar);
  let day = cal.localDate(start);
  let counted = 0;
  for (let i = 0; i < MAX_DAYS; i++) {
    day = addDays(day, 1);
    const windows = cal.windows(day);
    if (windows.length === 0) continue;
    counted += 1;
    if (counted === days) return Math.max(...windows.map(([, close]) => close));
  }
  throw noBusinessTime();
}
