/** Numbers, money and instants as people read them; every figure keeps its definition label beside it. */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(digits)} %`;
}

export function num(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? '–' : value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function money(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined) return '–';
  return (minor / 100).toLocaleString('en-GB', { style: 'currency', currency: currency ?? 'EUR' });
}

/** A figure's value in its unit: ratios as percentages, durations in seconds. */
export function figureValue(value: number | null | undefined, metric: string): string {
  if (value === null || value === undefined) return '–';
  if (['ASA', 'AHT'].includes(metric)) return `${value.toFixed(1)} s`;
  if (metric === 'NPS') return value.toFixed(1);
  if (['CES'].includes(metric)) return value.toFixed(2);
  return percent(value);
}

export function instant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '–';
  return new Date(iso).toLocaleString('en-GB', { timeZone: timeZone ?? 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + (timeZone ? '' : ' UTC');
}

export function day(iso: string, timeZone = 'UTC'): string {
  return new Date(iso).toLocaleDateString('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const clock = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
  return d > 0 ? `${d} d ${clock}` : clock;
}

/** Offset of a time zone from UTC at an instant, in milliseconds. */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000;
}

/** The instant of local midnight starting a calendar day in a time zone (month may overflow: 13 is next January). */
export function localMidnight(year: number, month: number, dayOfMonth: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, dayOfMonth);
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone);
  return new Date(at);
}

/** Year, month (1-12) and day of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The local month around an instant: [first day 00:00, first day of next month 00:00). */
export function monthAround(at: Date, timeZone: string, monthsBack = 0): { from: Date; to: Date; label: string } {
  const { year, month } = localDate(at, timeZone);
  const from = localMidnight(year, month - monthsBack, 1, timeZone);
  const to = localMidnight(year, month - monthsBack + 1, 1, timeZone);
  return { from, to, label: from.toLocaleDateString('en-GB', { timeZone, month: 'long', year: 'numeric' }) };
}

/** `YYYY-MM` of the local month `monthsBack` before the instant's. */
export function monthKey(at: Date, timeZone: string, monthsBack = 0): string {
  const { year, month } = localDate(at, timeZone);
  const d = new Date(Date.UTC(year, month - 1 - monthsBack, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
