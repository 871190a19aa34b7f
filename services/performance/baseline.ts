import { DataSource } from 'typeorm';
import { BOUNDS, LIST_LIMITS } from '../metrics/bounds';
import { bucketStart } from '../metrics/calendar';
import { accuracy, Accuracy, AccuracyPair, doubleSeasonalSmoothing } from '../metrics/forecasting';
import { DailyModel, DayForecast, DayInput, forecastDaily, FutureDayInput } from '../metrics/forecasting-daily';
import { intradayProfile, LocalDay, localDays, ProfileDay, SLOT_SECONDS, SlotForecast, splitDay } from '../metrics/forecasting-profile';
import { computeMetric } from '../metrics/kpi';
import { isValidLocalDate, WEEKDAYS } from '../metrics/vocabulary';
import { badInput, Problems } from '../platform/errors';
import { checkInstant, checkList, checkLocalDate, checkNumber } from '../platform/validate';
import { authorize } from './access';
import { intervalValues, sumsPerStep } from './baseline-storage';
import type { PerformanceContext } from './context';
import { emptySums } from './series';

/**
 * Baseline forecasts from a queue's own history (the performance subgraph owns it), so a client
 * can check a centre's forecast against an independent one. Everything runs in the queue's local
 * time (IANA zone of the queue, DST-aware): local days, weekdays and wall-clock quarter hours.
 *
 * - EXPONENTIAL_SMOOTHING (the default): daily totals of offered contacts by exponential smoothing
 *   with a weekly season and, when the data support it, a damped trend; the first day from the fit
 *   by likelihood (one step ahead), the seventh day on from the fit by least multi-step in-sample
 *   error (the week ahead), blended in between;
 *   public holidays of the contract's calendar, days flagged as outliers and days under a volume
 *   driver are kept out of the fit; drivers ahead lift the days they cover; the first/last open
 *   day of a month and the day after a holiday get their own factor when the history shows one.
 *   Each day is split into quarter hours by its weekday's intraday profile of the last
 *   PROFILE_WEEKS weeks. 80 % and 95 % prediction intervals for every day and quarter hour.
 *   services/metrics/forecasting-daily.ts and forecasting-profile.ts hold the maths.
 * - SEASONAL_NAIVE, the reference every baseline is compared with: each quarter hour is the same
 *   local quarter hour of the latest same weekday in the history (last week, for the first week).
 * - DOUBLE_SEASONAL_SMOOTHING: the earlier double seasonal (intraday × weekly) smoothing over UTC
 *   quarter hours with fixed constants, kept for comparison.
 *
 * AHT is forecast the same way for every method: daily AHT by exponential smoothing, shaped by
 * the weekday's intraday AHT profile. Quarter hours without an upload count as closed (0) in the
 * naive and double seasonal methods; a whole day without any upload is missing (not zero) for
 * exponential smoothing. When the range already has actuals, the baseline is compared with them,
 * per quarter hour and per day, with the coverage of its prediction intervals.
 */
export type BaselineMethod = 'SEASONAL_NAIVE' | 'DOUBLE_SEASONAL_SMOOTHING' | 'EXPONENTIAL_SMOOTHING';
export const BASELINE_METHODS: readonly BaselineMethod[] = ['SEASONAL_NAIVE', 'DOUBLE_SEASONAL_SMOOTHING', 'EXPONENTIAL_SMOOTHING'];
export const DEFAULT_HISTORY_WEEKS = 26;
/** Recent weeks the intraday profiles are measured on. */
export const PROFILE_WEEKS = 8;

const WEEK = 7 * 86_400;
const DAY = 86_400;
/** Answered contacts a day needs before its AHT teaches the AHT model. */
const MIN_ANSWERED_FOR_AHT = 10;

export interface BaselineDriver {
  from: Date;
  to: Date;
  /** 0.25 = 25 % more contacts while the driver runs. */
  uplift: number;
}

export interface BaselineArgs {
  from: Date;
  to: Date;
  method: BaselineMethod;
  historyWeeks: number;
  /** Local dates to keep out of the fit (outages, half days). */
  outlierDates?: string[];
  /** Announced volume drivers (the forecasts subgraph publishes them; the caller passes them on). */
  drivers?: BaselineDriver[];
}

export interface BaselineCalendar {
  timeZone: string;
  /** Public holidays (local dates) of the queue's calendar. */
  holidays: readonly string[];
}

export interface BaselinePointResult {
  start: Date;
  volume: number;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  ahtSeconds: number | null;
}

export interface BaselineDayResult {
  date: string;
  volume: number;
  lower80: number | null;
  upper80: number | null;
  lower95: number | null;
  upper95: number | null;
  ahtSeconds: number | null;
  closed: boolean;
  holiday: boolean;
}

export interface BaselineModelResult {
  name: string;
  alpha: number | null;
  beta: number | null;
  gamma: number | null;
  phi: number | null;
  /** The multi-step fit the forecast moves to over its first week. */
  weekAheadAlpha: number | null;
  weekAheadGamma: number | null;
  openWeekdays: string[];
  /** Dates kept out of the fit: holidays, flagged outliers, driver days and detected outliers. */
  excludedDates: string[];
  calendarEffects: Array<{ name: string; factor: number }>;
  holidayRatio: number;
  profileWeeks: number;
  dispersion: number;
}

export interface BaselineResult {
  method: BaselineMethod;
  historyFrom: Date;
  historyTo: Date;
  granularityMinutes: number;
  timeZone: string;
  /** Mean handling time over the history: (talk + hold + wrap) / answered; null without answered contacts. */
  ahtSeconds: number | null;
  points: BaselinePointResult[];
  /** Whole local days overlapping the range. */
  days: BaselineDayResult[];
  /** Per quarter hour, against the actuals already uploaded for the range; null when none. */
  accuracy: Accuracy | null;
  /** Per whole local day inside the range with actuals; null when none. */
  dailyAccuracy: Accuracy | null;
  model: BaselineModelResult | null;
}

interface Quarter {
  offered: number;
  answered: number;
  handleSeconds: number;
}

function checkArgs(args: BaselineArgs): void {
  const problems = new Problems();
  checkInstant(problems, 'from', args.from);
  checkInstant(problems, 'to', args.to);
  problems.throwIfAny();
  const from = args.from.getTime() / 1000;
  const to = args.to.getTime() / 1000;
  if (from % SLOT_SECONDS !== 0) problems.add('from', 'must be on a quarter hour (UTC)');
  if (!(to > from)) problems.add('to', 'must be after from');
  else checkNumber(problems, 'to', Math.ceil((to - from) / DAY), { ...BOUNDS.baselineHorizonDays, unit: 'days after from' });
  if (!Number.isInteger(args.historyWeeks) || args.historyWeeks < BOUNDS.baselineHistoryWeeks.min || args.historyWeeks > BOUNDS.baselineHistoryWeeks.max) {
    problems.add('historyWeeks', `from ${BOUNDS.baselineHistoryWeeks.min} to ${BOUNDS.baselineHistoryWeeks.max} weeks`);
  }
  checkList(problems, 'outlierDates', args.outlierDates, LIST_LIMITS.baselineMarks, 'dates');
  (args.outlierDates ?? []).slice(0, LIST_LIMITS.baselineMarks).forEach((d, i) => {
    if (!isValidLocalDate(d)) problems.add(`outlierDates[${i}]`, 'must be a local date YYYY-MM-DD');
    else checkLocalDate(problems, `outlierDates[${i}]`, d);
  });
  checkList(problems, 'drivers', args.drivers, LIST_LIMITS.baselineMarks, 'drivers');
  (args.drivers ?? []).slice(0, LIST_LIMITS.baselineMarks).forEach((d, i) => {
    checkInstant(problems, `drivers[${i}].from`, d.from);
    checkInstant(problems, `drivers[${i}].to`, d.to);
    if (!(d.to.getTime() > d.from.getTime())) problems.add(`drivers[${i}].to`, 'must be after from');
    checkNumber(problems, `drivers[${i}].uplift`, d.uplift, BOUNDS.upliftRatio);
  });
  problems.throwIfAny();
}

/** Quarter-hour values keyed by start; longer uploads are spread evenly over their quarter hours. */
function quarters(rows: Awaited<ReturnType<typeof intervalValues>>): Map<number, Quarter> {
  const out = new Map<number, Quarter>();
  for (const r of rows) {
    const parts = Math.max(1, Math.round(r.lengthSeconds / SLOT_SECONDS));
    for (let k = 0; k < parts; k++) {
      const start = r.start + k * SLOT_SECONDS;
      const q = out.get(start) ?? { offered: 0, answered: 0, handleSeconds: 0 };
      q.offered += r.offered / parts;
      q.answered += r.answered / parts;
      q.handleSeconds += r.handleSeconds / parts;
      out.set(start, q);
    }
  }
  return out;
}

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

export async function baselineForecast(db: DataSource, queueId: string, args: BaselineArgs, calendar: BaselineCalendar): Promise<BaselineResult> {
  checkArgs(args);
  const from = epoch(args.from);
  const to = epoch(args.to);
  const tz = calendar.timeZone;
  const holidays = new Set(calendar.holidays);
  const outliers = new Set(args.outlierDates ?? []);
  const drivers = (args.drivers ?? []).map((d) => ({ from: epoch(d.from), to: epoch(d.to), uplift: d.uplift }));

  const futureDays = localDays(from, to, tz);
  const firstDayStart = futureDays[0].start;
  const historyFrom = from - args.historyWeeks * WEEK;
  // Whole local days: the 7 × historyWeeks local dates before the first forecast day (noon keeps DST shifts off the date).
  const historyDays = localDays(bucketStart(firstDayStart - args.historyWeeks * WEEK + DAY / 2, 'DAY', tz), firstDayStart, tz).filter((d) => d.end <= firstDayStart);
  const historyStart = historyDays.length > 0 ? historyDays[0].start : firstDayStart;
  const wholeHours = [...historyDays, ...futureDays].every((d) => d.start % 3600 === 0);

  const profileFrom = Math.max(historyStart, firstDayStart - PROFILE_WEEKS * WEEK);
  const [steps, recentRows] = await Promise.all([
    sumsPerStep(db, queueId, historyStart, firstDayStart, wholeHours ? 3600 : SLOT_SECONDS),
    intervalValues(db, queueId, profileFrom, futureDays[futureDays.length - 1].end),
  ]);
  const recent = quarters(recentRows);

  // Daily sums of the history, from the per-step sums (both sorted by time).
  const daySums = historyDays.map(() => ({ offered: 0, answered: 0, handleSeconds: 0, intervals: 0 }));
  let k = 0;
  for (const s of steps) {
    while (k < historyDays.length && s.start >= historyDays[k].end) k++;
    if (k >= historyDays.length) break;
    if (s.start < historyDays[k].start) continue;
    daySums[k].offered += s.offered;
    daySums[k].answered += s.answered;
    daySums[k].handleSeconds += s.handleSeconds;
    daySums[k].intervals += s.intervals;
  }
  const upliftOf = (d: LocalDay) => drivers.filter((x) => x.from < d.end && x.to > d.start).reduce((a, x) => a + x.uplift, 0);
  const underDriver = (d: LocalDay) => drivers.some((x) => x.from < d.end && x.to > d.start);
  const volumeHistory: DayInput[] = historyDays.map((d, i) => ({
    date: d.date,
    weekday: d.weekday,
    value: daySums[i].intervals > 0 ? daySums[i].offered : null,
    holiday: holidays.has(d.date),
    outlier: outliers.has(d.date) || underDriver(d),
  }));
  const ahtHistory: DayInput[] = historyDays.map((d, i) => ({
    ...volumeHistory[i],
    value: daySums[i].answered >= MIN_ANSWERED_FOR_AHT ? daySums[i].handleSeconds / daySums[i].answered : null,
  }));
  const future: FutureDayInput[] = futureDays.map((d) => ({ date: d.date, weekday: d.weekday, holiday: holidays.has(d.date), uplift: upliftOf(d) }));

  const volumeModel = forecastDaily(volumeHistory, future);
  const ahtModel = forecastDaily(ahtHistory, future.map((d) => ({ ...d, uplift: 0 })), { calendarEffects: false, holidayRatio: false });
  const excluded = new Set(volumeModel.model.excluded);
  const profileDays: ProfileDay[] = historyDays
    .filter((d) => d.start >= profileFrom && !holidays.has(d.date) && !outliers.has(d.date) && !excluded.has(d.date) && !underDriver(d))
    .map((d) => ({
      weekday: d.weekday,
      slots: d.slots.flatMap((s) => {
        const q = recent.get(s.start);
        return q ? [{ slot: s.slot, offered: q.offered, answered: q.answered, handleSeconds: q.handleSeconds }] : [];
      }),
    }));
  const profile = intradayProfile(profileDays);

  // Quarter hours of every forecast day, by method.
  let slotForecasts: SlotForecast[][];
  let dayForecasts: Array<DayForecast | null>;
  if (args.method === 'EXPONENTIAL_SMOOTHING') {
    dayForecasts = volumeModel.days;
    slotForecasts = futureDays.map((d, i) => splitDay(d, volumeModel.days[i], profile, ahtModel.days[i].closed ? null : ahtModel.days[i].value));
  } else {
    const ahtBySlot = futureDays.map((d, i) =>
      splitDay(d, { ...volumeModel.days[i], value: 1 }, profile, ahtModel.days[i].closed ? null : ahtModel.days[i].value).map((s) => s.ahtSeconds),
    );
    const volumes = args.method === 'SEASONAL_NAIVE' ? seasonalNaiveSlots(futureDays, historyDays, recent) : await doubleSeasonalSlots(db, queueId, from, args.historyWeeks, futureDays);
    slotForecasts = futureDays.map((d, i) =>
      d.slots.map((s, j) => ({ start: s.start, volume: volumes[i][j], lower80: Number.NaN, upper80: Number.NaN, lower95: Number.NaN, upper95: Number.NaN, ahtSeconds: volumes[i][j] > 0 ? ahtBySlot[i][j] : null })),
    );
    dayForecasts = futureDays.map(() => null);
  }
  const withBounds = args.method === 'EXPONENTIAL_SMOOTHING';
  const orNull = (v: number) => (withBounds ? v : null);

  const points: BaselinePointResult[] = slotForecasts
    .flat()
    .filter((p) => p.start >= from && p.start < to)
    .map((p) => ({ start: new Date(p.start * 1000), volume: p.volume, lower80: orNull(p.lower80), upper80: orNull(p.upper80), lower95: orNull(p.lower95), upper95: orNull(p.upper95), ahtSeconds: p.ahtSeconds }));
  const days: BaselineDayResult[] = futureDays.map((d, i) => {
    const f = dayForecasts[i];
    const volume = f ? f.value : slotForecasts[i].reduce((a, s) => a + s.volume, 0);
    const aht = ahtModel.days[i];
    return {
      date: d.date,
      volume,
      lower80: f ? f.lower80 : null,
      upper80: f ? f.upper80 : null,
      lower95: f ? f.lower95 : null,
      upper95: f ? f.upper95 : null,
      ahtSeconds: volume > 0 && !aht.closed ? aht.value : null,
      closed: volume <= 0,
      holiday: holidays.has(d.date),
    };
  });

  // Against actuals already uploaded for the range.
  const intervalPairs: AccuracyPair[] = [];
  for (const p of slotForecasts.flat()) {
    if (p.start < from || p.start >= to) continue;
    const a = recent.get(p.start);
    if (a) intervalPairs.push(withBounds ? { forecast: p.volume, actual: a.offered, lower80: p.lower80, upper80: p.upper80, lower95: p.lower95, upper95: p.upper95 } : { forecast: p.volume, actual: a.offered });
  }
  const dayPairs: AccuracyPair[] = [];
  futureDays.forEach((d, i) => {
    if (d.start < from || d.end > to) return;
    const reported = d.slots.map((s) => recent.get(s.start)).filter((q): q is Quarter => q !== undefined);
    if (reported.length === 0) return;
    const actual = reported.reduce((a, q) => a + q.offered, 0);
    const day = days[i];
    dayPairs.push(withBounds ? { forecast: day.volume, actual, lower80: day.lower80!, upper80: day.upper80!, lower95: day.lower95!, upper95: day.upper95! } : { forecast: day.volume, actual });
  });

  const history = { ...emptySums(), answered: 0, talkSeconds: 0 };
  for (const s of daySums) {
    history.answered += s.answered;
    history.talkSeconds += s.handleSeconds;
  }
  return {
    method: args.method,
    historyFrom: new Date(historyFrom * 1000),
    historyTo: new Date(from * 1000),
    granularityMinutes: SLOT_SECONDS / 60,
    timeZone: tz,
    ahtSeconds: computeMetric({ metric: 'AHT' }, history).value,
    points,
    days,
    accuracy: intervalPairs.length > 0 ? accuracy(intervalPairs) : null,
    dailyAccuracy: dayPairs.length > 0 ? accuracy(dayPairs) : null,
    model: args.method === 'EXPONENTIAL_SMOOTHING' ? describe(volumeModel.model, profile.dispersion) : null,
  };
}

function describe(model: DailyModel, dispersion: number): BaselineModelResult {
  const p = model.fit?.parameters;
  return {
    name: model.name,
    alpha: p ? p.alpha : null,
    beta: p && model.fit!.trend ? p.beta : null,
    gamma: p ? p.gamma : null,
    phi: p && model.fit!.trend ? p.phi : null,
    weekAheadAlpha: model.weekAhead ? model.weekAhead.parameters.alpha : null,
    weekAheadGamma: model.weekAhead ? model.weekAhead.parameters.gamma : null,
    openWeekdays: model.openWeekdays.map((w) => WEEKDAYS[w - 1]),
    excludedDates: model.excluded,
    calendarEffects: Object.entries(model.effects).map(([name, factor]) => ({ name, factor })),
    holidayRatio: model.holidayRatio,
    profileWeeks: PROFILE_WEEKS,
    dispersion,
  };
}

/**
 * The same local quarter hour of the latest history day with the same weekday that has any
 * upload (a day without one, such as a holiday the centre did not report, is skipped rather than
 * copied as zeros; back at most PROFILE_WEEKS weeks).
 */
function seasonalNaiveSlots(futureDays: LocalDay[], historyDays: LocalDay[], recent: Map<number, Quarter>): number[][] {
  return futureDays.map((d) => {
    let source: LocalDay | undefined;
    for (let i = historyDays.length - 1; i >= 0 && i >= historyDays.length - 7 * PROFILE_WEEKS; i--) {
      if (historyDays[i].weekday === d.weekday && historyDays[i].slots.some((s) => recent.has(s.start))) {
        source = historyDays[i];
        break;
      }
    }
    const bySlot = new Map<number, number>();
    for (const s of source?.slots ?? []) if (!bySlot.has(s.slot)) bySlot.set(s.slot, recent.get(s.start)?.offered ?? 0);
    return d.slots.map((s) => bySlot.get(s.slot) ?? 0);
  });
}

/** The earlier double seasonal smoothing over UTC quarter hours (672 per week), for comparison. */
async function doubleSeasonalSlots(db: DataSource, queueId: string, from: number, historyWeeks: number, futureDays: LocalDay[]): Promise<number[][]> {
  const weekSteps = WEEK / SLOT_SECONDS;
  const historyFrom = from - historyWeeks * WEEK;
  const last = futureDays[futureDays.length - 1].end;
  const values = quarters(await intervalValues(db, queueId, historyFrom, from));
  const series = Array.from({ length: historyWeeks * weekSteps }, (_, i) => values.get(historyFrom + i * SLOT_SECONDS)?.offered ?? 0);
  const horizon = Math.ceil((last - from) / SLOT_SECONDS);
  const forecast = doubleSeasonalSmoothing(series, horizon, { daySeason: DAY / SLOT_SECONDS, weekSeason: weekSteps }).forecast;
  // Quarter hours of the first day before `from` have no forecast of their own: 0 (they are not reported).
  return futureDays.map((d) => d.slots.map((s) => (s.start >= from ? forecast[(s.start - from) / SLOT_SECONDS] ?? 0 : 0)));
}

/** `Queue.baselineForecast`, for the contract's client and centre; holidays come from the contract's complaint calendar. */
export async function queueBaseline(ctx: PerformanceContext, queueId: string, args: BaselineArgs): Promise<BaselineResult> {
  const facts = await authorize(ctx, 'queue.read', queueId);
  checkArgs(args);
  const contract = await ctx.contracts.contract.load(facts.contractId);
  const holidays = contract?.complaintTerms?.calendar.holidays ?? [];
  if (!BASELINE_METHODS.includes(args.method)) throw badInput({ field: 'method', message: `one of ${BASELINE_METHODS.join(', ')}` });
  return baselineForecast(ctx.db, queueId, args, { timeZone: facts.timeZone, holidays });
}
