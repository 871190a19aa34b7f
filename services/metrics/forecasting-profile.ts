import { bucketBoundaries, localDateLabel, localParts, nextBucketStart } from './calendar';
import { DayForecast, Z80, Z95 } from './forecasting-daily';

/**
 * The intraday side of the baseline forecasts, in the queue's local time: which local days and
 * wall-clock quarter hours a range covers (DST-aware: a local day has 92, 96 or 100 quarter
 * hours), the intraday profile of each weekday (the share of the day's contacts in each local
 * quarter hour, from recent weeks) and its AHT shape, and the split of a day's forecast into
 * quarter hours with prediction intervals that add the day's uncertainty to the within-day noise
 * (over-dispersed Poisson, with the dispersion measured on the same recent weeks).
 */
export const SLOT_SECONDS = 900;
export const SLOTS_PER_DAY = 96;

export interface LocalSlot {
  /** Epoch seconds (UTC) of the quarter hour. */
  start: number;
  /** Local wall-clock quarter hour, 0 (00:00) .. 95 (23:45); repeated in a fall-back hour. */
  slot: number;
}

export interface LocalDay {
  date: string;
  weekday: number;
  start: number;
  end: number;
  slots: LocalSlot[];
}

/** The local days (whole, from local midnight to the next) that overlap [fromEpoch, toEpoch). */
export function localDays(fromEpoch: number, toEpoch: number, timeZone: string): LocalDay[] {
  const starts = bucketBoundaries(fromEpoch, toEpoch, 'DAY', timeZone);
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : nextBucketStart(start, 'DAY', timeZone);
    const parts = localParts(start, timeZone);
    const slots: LocalSlot[] = [];
    // Quarter hours are UTC-aligned like uploads; a zone offset in quarter hours keeps them on the local grid.
    for (let t = Math.ceil(start / SLOT_SECONDS) * SLOT_SECONDS; t < end; t += SLOT_SECONDS) {
      const p = localParts(t, timeZone);
      slots.push({ start: t, slot: p.hour * 4 + Math.floor(p.minute / 15) });
    }
    return { date: localDateLabel(start, 'DAY', timeZone), weekday: parts.weekday, start, end, slots };
  });
}

export interface SlotObservation {
  slot: number;
  offered: number;
  answered: number;
  handleSeconds: number;
}

export interface ProfileDay {
  weekday: number;
  slots: SlotObservation[];
}

export interface IntradayProfile {
  /** weekday (1..7) → share of the day's volume per local quarter hour (sums to 1 over the slots seen). */
  shares: Map<number, number[]>;
  /** weekday → AHT of each quarter hour relative to the day's AHT (1 where too few contacts were answered). */
  ahtShape: Map<number, number[]>;
  /** Variance / mean of the quarter-hour counts around day total × share (1 for Poisson). */
  dispersion: number;
}

/** Answered contacts a quarter hour needs over the profile weeks before its own AHT shape is trusted. */
const MIN_ANSWERED_FOR_SHAPE = 30;

/**
 * Profiles from recent ordinary days (the caller leaves holidays and outliers out). A weekday
 * without days borrows the profile of all days together.
 */
export function intradayProfile(days: readonly ProfileDay[]): IntradayProfile {
  const sumBy = (list: readonly ProfileDay[]) => {
    const offered = new Array<number>(SLOTS_PER_DAY).fill(0);
    const answered = new Array<number>(SLOTS_PER_DAY).fill(0);
    const handle = new Array<number>(SLOTS_PER_DAY).fill(0);
    for (const d of list) {
      for (const s of d.slots) {
        offered[s.slot] += s.offered;
        answered[s.slot] += s.answered;
        handle[s.slot] += s.handleSeconds;
      }
    }
    const total = offered.reduce((a, b) => a + b, 0);
    const totalAnswered = answered.reduce((a, b) => a + b, 0);
    const dayAht = totalAnswered > 0 ? handle.reduce((a, b) => a + b, 0) / totalAnswered : 0;
    return {
      shares: offered.map((o) => (total > 0 ? o / total : 0)),
      aht: answered.map((a, i) => (a >= MIN_ANSWERED_FOR_SHAPE && dayAht > 0 ? handle[i] / a / dayAht : 1)),
    };
  };
  const overall = sumBy(days);
  const shares = new Map<number, number[]>();
  const ahtShape = new Map<number, number[]>();
  for (let w = 1; w <= 7; w++) {
    const own = days.filter((d) => d.weekday === w && d.slots.some((s) => s.offered > 0));
    const p = own.length > 0 ? sumBy(own) : overall;
    shares.set(w, p.shares);
    ahtShape.set(w, p.aht);
  }
  // Dispersion of the counts around what the profile says, from the same days.
  let num = 0;
  let den = 0;
  for (const d of days) {
    const total = d.slots.reduce((a, s) => a + s.offered, 0);
    if (total <= 0) continue;
    const share = shares.get(d.weekday)!;
    const used = d.slots.reduce((a, s) => a + share[s.slot], 0);
    if (used <= 0) continue;
    for (const s of d.slots) {
      const expected = (total * share[s.slot]) / used;
      if (expected <= 0) continue;
      num += (s.offered - expected) ** 2;
      den += expected;
    }
  }
  return { shares, ahtShape, dispersion: den > 0 ? Math.max(1, num / den) : 1 };
}

export interface SlotForecast {
  start: number;
  volume: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  ahtSeconds: number | null;
}

/**
 * Splits a day's forecast over its quarter hours by the weekday's profile (renormalised over the
 * quarter hours the day has, so a 23- or 25-hour day keeps its total). Each quarter hour's bounds
 * combine the day's bounds (its share of them) with the within-day noise, z·sqrt(dispersion × mean).
 */
export function splitDay(day: LocalDay, forecast: DayForecast, profile: IntradayProfile, dayAhtSeconds: number | null): SlotForecast[] {
  const share = profile.shares.get(day.weekday)!;
  const shape = profile.ahtShape.get(day.weekday)!;
  const used = day.slots.reduce((a, s) => a + share[s.slot], 0);
  return day.slots.map((s) => {
    const p = used > 0 ? share[s.slot] / used : 0;
    const volume = forecast.value * p;
    const noise = profile.dispersion * volume;
    const low = (z: number, bound: number) => Math.max(0, volume - Math.sqrt((volume - bound * p) ** 2 + z * z * noise));
    const high = (z: number, bound: number) => volume + Math.sqrt((bound * p - volume) ** 2 + z * z * noise);
    return {
      start: s.start,
      volume,
      lower80: low(Z80, forecast.lower80),
      upper80: high(Z80, forecast.upper80),
      lower95: low(Z95, forecast.lower95),
      upper95: high(Z95, forecast.upper95),
      ahtSeconds: dayAhtSeconds === null || volume <= 0 ? null : dayAhtSeconds * shape[s.slot],
    };
  });
}
