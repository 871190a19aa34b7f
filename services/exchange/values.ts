import { zonedToEpoch } from '../metrics/calendar';
import type { TimestampFormat, ValueUnit } from './profile';

/**
 * Reading one CSV cell under a unit: counts, numbers, durations in any of the formats exports use
 * (seconds, milliseconds, minutes, hours, h:mm:ss), percentages and fractions, booleans, and
 * timestamps in a format and zone. Each answers a value or a reason a person can act on; an empty
 * cell is null (not reported), never 0.
 */
export type Parsed<T> = { value: T } | { problem: string };

const NOT_DECIMAL = /[^0-9eE.+-]/;

function number(raw: string): number | null {
  const text = raw.trim();
  const value = Number(text);
  // Number() also reads 0x1F, 0b1, 0o7 and "Infinity": only plain decimals (with an exponent) pass.
  if (text === '' || !Number.isFinite(value) || NOT_DECIMAL.test(text)) return null;
  return value;
}

const DURATION_SCALE: Partial<Record<ValueUnit, number>> = { SECONDS: 1, MILLISECONDS: 0.001, MINUTES: 60, HOURS: 3600 };

/** h:mm:ss, hh:mm:ss, mm:ss, with optional fractions of a second; hours may exceed 24. */
const HMS = /^(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)$/;

export function parseCell(raw: string, unit: ValueUnit): Parsed<number | string | boolean> | null {
  const text = raw.trim();
  if (text === '') return null;
  switch (unit) {
    case 'COUNT': {
      const v = number(text);
      if (v === null || !Number.isInteger(v) || v < 0) return { problem: `"${clip(text)}" is not a whole number of 0 or more` };
      return { value: v };
    }
    case 'NUMBER': {
      const v = number(text);
      return v === null ? { problem: `"${clip(text)}" is not a number` } : { value: v };
    }
    case 'HHMMSS': {
      const m = HMS.exec(text);
      if (!m) {
        const plain = number(text);
        if (plain !== null && plain >= 0) return { value: plain };
        return { problem: `"${clip(text)}" is not a duration like 1:02:03, 02:03 or a number of seconds` };
      }
      return { value: Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) };
    }
    case 'SECONDS':
    case 'MILLISECONDS':
    case 'MINUTES':
    case 'HOURS': {
      const v = number(text);
      if (v === null || v < 0) {
        // Exports often format durations as h:mm:ss whatever the column says.
        const m = HMS.exec(text);
        if (m) return { value: Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) };
        return { problem: `"${clip(text)}" is not a duration of 0 or more ${unit.toLowerCase()}` };
      }
      return { value: v * DURATION_SCALE[unit]! };
    }
    case 'PERCENT': {
      const v = number(text.replace(/%$/, ''));
      if (v === null || v < 0 || v > 100) return { problem: `"${clip(text)}" is not a percentage from 0 to 100` };
      return { value: v / 100 };
    }
    case 'FRACTION': {
      const v = number(text);
      if (v === null || v < 0 || v > 1) return { problem: `"${clip(text)}" is not a fraction from 0 to 1` };
      return { value: v };
    }
    case 'BOOLEAN': {
      const t = text.toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(t)) return { value: true };
      if (['false', 'no', 'n', '0'].includes(t)) return { value: false };
      return { problem: `"${clip(text)}" is not yes/no (true, false, 1, 0)` };
    }
    case 'TEXT':
    case 'TIMESTAMP':
      return { value: text };
  }
}

export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset east of UTC in minutes when the text states one. */
  offsetMinutes: number | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function fromParts(y: string, mo: string, d: string, h?: string, mi?: string, s?: string): LocalDateTime {
  return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0), offsetMinutes: null };
}

function parseLocal(text: string, format: TimestampFormat): LocalDateTime | null {
  if (format === 'ISO_8601') {
    const m = ISO.exec(text);
    if (!m) return null;
    const out = fromParts(m[1], m[2], m[3], m[4], m[5], m[6]);
    if (m[7]) {
      if (m[7].toUpperCase() === 'Z') out.offsetMinutes = 0;
      else {
        const sign = m[7][0] === '-' ? -1 : 1;
        const digits = m[7].slice(1).replace(':', '');
        out.offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      }
    }
    return out;
  }
  if (format === 'MDY' || format === 'DMY') {
    const m = SLASHED.exec(text);
    if (!m) return null;
    const [first, second] = format === 'MDY' ? [m[1], m[2]] : [m[2], m[1]];
    const out = fromParts(m[3], first, second, m[4], m[5], m[6]);
    if (m[7]) {
      if (out.hour < 1 || out.hour > 12) return null;
      const pm = m[7].toLowerCase() === 'pm';
      out.hour = (out.hour % 12) + (pm ? 12 : 0);
    }
    return out;
  }
  if (format === 'COMPACT_YMD') {
    const m = COMPACT.exec(text);
    return m ? fromParts(m[1], m[2], m[3], m[4], m[5], m[6]) : null;
  }
  return null;
}

const EXPECTED: Record<TimestampFormat, string> = {
  ISO_8601: '2026-06-01T08:00:00Z, 2026-06-01 08:00 or 2026-06-01T10:00+02:00',
  MDY: '06/01/2026 08:00 or 06/01/2026 8:00 AM',
  DMY: '01/06/2026 08:00',
  COMPACT_YMD: '20260601 08:00',
  EPOCH_SECONDS: 'seconds since 1970-01-01T00:00:00Z',
  EPOCH_MILLISECONDS: 'milliseconds since 1970-01-01T00:00:00Z',
};

/**
 * Epoch seconds of a timestamp. Times without an offset are wall-clock times in `timeZone`; a
 * wall-clock time that does not exist (spring forward) or happens twice (fall back) follows the
 * calendar's rule (the instant after the gap; the earlier of the two).
 */
export function parseTimestamp(raw: string, format: TimestampFormat, timeZone: string): Parsed<number> {
  const text = raw.trim();
  if (format === 'EPOCH_SECONDS' || format === 'EPOCH_MILLISECONDS') {
    const v = number(text);
    if (v === null) return { problem: `"${clip(text)}" is not ${EXPECTED[format]}` };
    return { value: format === 'EPOCH_SECONDS' ? v : v / 1000 };
  }
  const local = parseLocal(text, format);
  if (!local) return { problem: `"${clip(text)}" is not a date and time like ${EXPECTED[format]}` };
  return epochOf(local, timeZone, text);
}

/**
 * Wall-clock times of the rows of a file repeat (one per queue, per column): the zone's answer is
 * remembered, a bounded number of them.
 */
const zoned = new Map<string, number>();

function wallClockEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const key = `${year}-${month}-${day}-${hour}-${minute}|${timeZone}`;
  let epoch = zoned.get(key);
  if (epoch === undefined) {
    epoch = zonedToEpoch(year, month, day, hour, minute, timeZone);
    if (zoned.size >= 20_000) zoned.clear();
    zoned.set(key, epoch);
  }
  return epoch;
}

function epochOf(local: LocalDateTime, timeZone: string, text: string): Parsed<number> {
  const { year, month, day, hour, minute, second } = local;
  if (second > 59) return { problem: `"${clip(text)}" has no such second` };
  if (local.offsetMinutes !== null) {
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    const back = new Date(utc);
    // A field out of range (30 February, hour 24) rolls over: the date read back differs.
    if (year < 1 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour || back.getUTCMinutes() !== minute) {
      return { problem: `"${clip(text)}" is not a date and time that exists` };
    }
    return { value: utc / 1000 - local.offsetMinutes * 60 };
  }
  try {
    return { value: wallClockEpoch(year, month, day, hour, minute, timeZone) + second };
  } catch {
    return { problem: `"${clip(text)}" is not a date and time that exists` };
  }
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const COMPACT_TIME = /^(\d{1,2})(\d{2})$/;

/**
 * A date column and a time-of-day column (Avaya CMS writes 830 for 08:30) combined in a zone.
 */
export function parseDateAndTime(rawDate: string, rawTime: string, format: TimestampFormat, timeZone: string): Parsed<number> {
  const local = parseLocal(rawDate.trim(), format);
  if (!local) return { problem: `"${clip(rawDate)}" is not a date like ${EXPECTED[format].split(' ')[0]}` };
  const t = rawTime.trim();
  const m = TIME_OF_DAY.exec(t) ?? COMPACT_TIME.exec(t);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { problem: `"${clip(rawTime)}" is not a time of day like 08:30 or 830` };
  return epochOf({ ...local, hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) }, timeZone, `${rawDate} ${rawTime}`);
}
