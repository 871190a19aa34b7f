/**
 * The words every subgraph shares with the contract (ISO 18295-2 clause 6): channels, weekdays,
 * parties, comparators, measurement windows, and the checks of a time zone and a local date.
 * Pure values, no I/O.
 */

export const CHANNELS = ['VOICE', 'EMAIL', 'CHAT', 'MESSAGING', 'SOCIAL', 'VIDEO'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const PARTIES = ['CLIENT', 'CENTRE'] as const;
export type Party = (typeof PARTIES)[number];
export const FREQUENCIES = ['ONCE', 'ON_CHANGE', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const COMPARATORS = ['AT_LEAST', 'AT_MOST'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const WINDOWS = ['INTERVAL', 'DAY', 'WEEK', 'MONTH'] as const;
export type MeasurementWindow = (typeof WINDOWS)[number];

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}
