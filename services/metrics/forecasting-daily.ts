import { EtsFit, fitEts, forecastEts, forecastVarianceEts, inSampleErrorsEts } from './forecasting-ets';

/**
 * A forecast of daily totals (offered contacts, or a daily mean such as AHT) in a queue's local
 * calendar, for the baseline forecasts: exponential smoothing of the logarithm of the daily total
 * over the weekdays the queue is open, with a weekly season, fitted by likelihood (ETS(A,N,A) or
 * ETS(A,Ad,A), whichever has the lower AICc; services/metrics/forecasting-ets.ts), plus:
 *
 * - public holidays of the queue's calendar and days flagged as outliers (outages, half days) are
 *   kept out of the fit (missing values), and days that the fit itself finds far off (more than
 *   `outlierThreshold` robust standard deviations) are too;
 * - a holiday ahead is forecast at the ratio that past holidays had to what the model expected
 *   (none seen: the queue is taken as closed that day);
 * - calendar effects common in contact centres (the first and the last open day of a month, the
 *   first open day after a holiday) are estimated from the residuals, shrunk toward zero, and kept
 *   only where the history shows them clearly (|mean| above `effectThreshold` standard errors);
 * - announced volume drivers multiply a day's forecast by (1 + uplift);
 * - weekdays with no volume in the history (weekends of a weekday centre) are closed: 0.
 *
 * Prediction intervals come from the ETS forecast variance on the log scale (so they are
 * asymmetric, never negative); the point forecast is the median, exp(mean of the log).
 */
export interface DayInput {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** ISO weekday, 1 = Monday .. 7 = Sunday. */
  weekday: number;
  /** The day's total; null when nothing was reported for the day. */
  value: number | null;
  holiday?: boolean;
  /** Flagged by the caller (an outage, a half day): kept out of the fit. */
  outlier?: boolean;
}

export interface FutureDayInput {
  date: string;
  weekday: number;
  holiday?: boolean;
  /** Announced uplift of volume drivers (0.25 = 25 % more); 0 when none. */
  uplift?: number;
}

export interface DailyOptions {
  /** Estimate the calendar effects (volume), or not (a daily mean such as AHT). */
  calendarEffects?: boolean;
  /** Forecast holidays at the historical holiday ratio (volume), or as ordinary days (AHT). */
  holidayRatio?: boolean;
  /** Robust standard deviations beyond which a day of the history is treated as an outlier. */
  outlierThreshold?: number;
  /** Standard errors a calendar effect needs to be kept. */
  effectThreshold?: number;
  /** Work bound of each likelihood fit. */
  maxEvaluations?: number;
  /**
   * EMPIRICAL (default): the bounds are quantiles of the fit's own h-step-ahead errors over the
   * history (heavy tails and misfit included); ANALYTIC: ±z·σ_h of the Gaussian ETS model.
   */
  intervals?: 'EMPIRICAL' | 'ANALYTIC';
  /** Only the errors of the last weeks set the empirical bounds (the volatility of now, not of a year ago); default 8. */
  errorWeeks?: number;
  /** Widening of the empirical bounds for what in-sample errors miss (parameter and effect uncertainty); default 1.2. */
  inflation?: number;
  /**
   * How the smoothing parameters are fitted: LIKELIHOOD (one-step errors), MULTI_STEP (in-sample
   * errors over the next season's steps), or, when left out, both: the one-step fit for the first
   * day, the multi-step fit from the seventh day on, blended in between.
   */
  fitBy?: 'LIKELIHOOD' | 'MULTI_STEP';
  /** AUTO (default): with or without a damped trend, whichever has the lower AICc; NONE; DAMPED. */
  trend?: 'AUTO' | 'NONE' | 'DAMPED';
  /** Which outliers the fit looks for itself: LOW (default: outages, half days; a high day may be real demand) or BOTH. */
  outlierSide?: 'LOW' | 'BOTH';
}

export interface DayForecast {
  date: string;
  /** Median forecast. */
  value: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
  /** Standard deviation of the log forecast (0 for a closed day). */
  logSd: number;
  closed: boolean;
  holiday: boolean;
}

export interface DailyModel {
  /** 'ETS(A,N,A)', 'ETS(A,Ad,A)', or the fallback 'WEEKDAY_MEAN' when the history is too short. */
  name: string;
  /** The fit of the first days (or the only fit). */
  fit: EtsFit | null;
  /** The multi-step fit the forecast moves to over the first week, when blended. */
  weekAhead?: EtsFit | null;
  openWeekdays: number[];
  /** Dates kept out of the fit: holidays, flagged and detected outliers. */
  excluded: string[];
  /** Multiplicative calendar effects kept (name → factor). */
  effects: Record<string, number>;
  /** Holiday volume as a share of an ordinary day (0: closed). */
  holidayRatio: number;
}

export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

const EFFECTS = ['FIRST_OPEN_DAY_OF_MONTH', 'LAST_OPEN_DAY_OF_MONTH', 'DAY_AFTER_HOLIDAY'] as const;

interface Position {
  date: string;
  y: number;
  holiday: boolean;
  features: number[];
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The weekdays with volume: most of their reported ordinary days are above zero. */
export function openWeekdays(history: readonly DayInput[]): number[] {
  const open: number[] = [];
  for (let w = 1; w <= 7; w++) {
    const days = history.filter((d) => d.weekday === w && d.value !== null && !d.holiday);
    if (days.length > 0 && days.filter((d) => (d.value as number) > 0).length * 2 > days.length) open.push(w);
  }
  return open;
}

/** Calendar features of each open position: first/last open (non-holiday) day of its month, first open day after a holiday. */
function calendarFeatures(positions: Array<{ date: string; holiday: boolean }>): number[][] {
  return positions.map((p, i) => {
    if (p.holiday) return [0, 0, 0];
    const month = p.date.slice(0, 7);
    let first = 1;
    for (let j = i - 1; j >= 0 && positions[j].date.slice(0, 7) === month; j--) if (!positions[j].holiday) first = 0;
    let last = 1;
    for (let j = i + 1; j < positions.length && positions[j].date.slice(0, 7) === month; j++) if (!positions[j].holiday) last = 0;
    // The last position of the sequence cannot tell whether a later day of its month is open: only a month change decides.
    if (i === positions.length - 1) last = 0;
    const afterHoliday = i > 0 && positions[i - 1].holiday ? 1 : 0;
    return [first, last, afterHoliday];
  });
}

function fallback(history: readonly DayInput[], future: readonly FutureDayInput[], open: number[]): { days: DayForecast[]; model: DailyModel } {
  // Too little history for exponential smoothing: the mean of each weekday's reported ordinary days, with a spread from their variation.
  const byWeekday = new Map<number, number[]>();
  for (const d of history) if (d.value !== null && d.value > 0 && !d.holiday && !d.outlier) byWeekday.set(d.weekday, [...(byWeekday.get(d.weekday) ?? []), Math.log(d.value)]);
  const all = [...byWeekday.values()].flat();
  const overall = all.length > 0 ? all.reduce((a, b) => a + b, 0) / all.length : Number.NaN;
  const spread = all.length > 1 ? Math.sqrt(all.reduce((a, b) => a + (b - overall) ** 2, 0) / (all.length - 1)) : 0.5;
  const days = future.map((d) => {
    const logs = byWeekday.get(d.weekday);
    const closed = !open.includes(d.weekday) || !logs || Boolean(d.holiday);
    const mu = closed ? Number.NaN : logs.reduce((a, b) => a + b, 0) / logs.length + Math.log(1 + (d.uplift ?? 0));
    return bounds(d.date, mu, spread, closed, Boolean(d.holiday));
  });
  return { days, model: { name: 'WEEKDAY_MEAN', fit: null, openWeekdays: open, excluded: [], effects: {}, holidayRatio: 0 } };
}

/** Offsets of the log forecast for the 80 % and 95 % bounds. */
interface Offsets {
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

const gaussian = (sd: number): Offsets => ({ lo80: -Z80 * sd, hi80: Z80 * sd, lo95: -Z95 * sd, hi95: Z95 * sd });

function bounds(date: string, mu: number, sd: number, closed: boolean, holiday: boolean, scale = 1, offsets: Offsets = gaussian(sd)): DayForecast {
  if (closed || !Number.isFinite(mu) || scale <= 0) return { date, value: 0, lower80: 0, upper80: 0, lower95: 0, upper95: 0, logSd: 0, closed: true, holiday };
  const at = (offset: number) => scale * Math.exp(mu + offset);
  return { date, value: at(0), lower80: at(Math.min(0, offsets.lo80)), upper80: at(Math.max(0, offsets.hi80)), lower95: at(Math.min(0, offsets.lo95)), upper95: at(Math.max(0, offsets.hi95)), logSd: sd, closed: false, holiday };
}

function quantile(sorted: readonly number[], p: number): number {
  const x = p * (sorted.length - 1);
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** Errors needed at a step before its own quantiles are used. */
const MIN_ERRORS = 30;

/**
 * Quantiles of the fit's h-step-ahead errors (after the first two seasons, whose states are
 * still settling); a step with too few errors takes the last step that has enough, scaled by the
 * growth of the analytic standard deviation.
 */
function empiricalOffsets(y: readonly number[], fit: EtsFit, horizon: number, variance: readonly number[], recentWeeks: number): Offsets[] {
  const fromTarget = Math.max(0, y.length - recentWeeks * fit.period);
  const errors = inSampleErrorsEts(y, fit, horizon, 2 * fit.period, fromTarget).map((list) => list.sort((a, b) => a - b));
  const out: Offsets[] = [];
  let lastGood = -1;
  for (let h = 0; h < horizon; h++) {
    if (errors[h].length >= MIN_ERRORS) {
      const e = errors[h];
      out.push({ lo80: quantile(e, 0.1), hi80: quantile(e, 0.9), lo95: quantile(e, 0.025), hi95: quantile(e, 0.975) });
      lastGood = h;
    } else if (lastGood >= 0) {
      const g = out[lastGood];
      const k = Math.sqrt(variance[h] / variance[lastGood]);
      out.push({ lo80: g.lo80 * k, hi80: g.hi80 * k, lo95: g.lo95 * k, hi95: g.hi95 * k });
    } else {
      out.push(gaussian(Math.sqrt(variance[h])));
    }
  }
  return out;
}

/**
 * Forecasts the `future` days (consecutive local dates, right after the history, which is also a
 * run of consecutive local dates).
 */
export function forecastDaily(history: readonly DayInput[], future: readonly FutureDayInput[], options: DailyOptions = {}): { days: DayForecast[]; model: DailyModel } {
  if (options.fitBy) return forecastWith(history, future, options, options.fitBy);
  // One fit for the next days (one-step likelihood), one for a week and beyond (multi-step), blended over the first week.
  const near = forecastWith(history, future, options, 'LIKELIHOOD');
  if (!near.model.fit) return near;
  const far = forecastWith(history, future, options, 'MULTI_STEP');
  const days = near.days.map((d, i) => {
    const f = far.days[i];
    if (d.closed || f.closed) return d.closed ? d : f;
    const w = Math.min(1, i / (BLEND_DAYS - 1));
    const blend = (a: number, b: number) => Math.exp((1 - w) * Math.log(a) + w * Math.log(b));
    return {
      ...d,
      value: blend(d.value, f.value),
      lower80: blend(d.lower80, f.lower80),
      upper80: blend(d.upper80, f.upper80),
      lower95: blend(d.lower95, f.lower95),
      upper95: blend(d.upper95, f.upper95),
      logSd: (1 - w) * d.logSd + w * f.logSd,
    };
  });
  return { days, model: { ...near.model, weekAhead: far.model.fit } };
}

/** Days over which the forecast moves from the one-step fit to the multi-step fit. */
const BLEND_DAYS = 7;

function forecastWith(history: readonly DayInput[], future: readonly FutureDayInput[], options: DailyOptions, fitBy: 'LIKELIHOOD' | 'MULTI_STEP'): { days: DayForecast[]; model: DailyModel } {
  const outlierThreshold = options.outlierThreshold ?? 5;
  const effectThreshold = options.effectThreshold ?? 2.5;
  const open = openWeekdays(history);
  const m = open.length;
  // The sequence starts at the first reported day: leading weeks without uploads teach nothing.
  const firstReported = history.findIndex((d) => d.value !== null && d.value > 0);
  const usable = firstReported < 0 ? [] : history.slice(firstReported);
  const historyPositions = usable.filter((d) => open.includes(d.weekday));
  const observed = historyPositions.filter((d) => d.value !== null && d.value > 0 && !d.holiday && !d.outlier).length;
  if (m === 0 || historyPositions.length < 2 * m || observed < 2 * m) return fallback(history, future, open);

  const futurePositions = future.filter((d) => open.includes(d.weekday));
  const features = calendarFeatures([...historyPositions.map((d) => ({ date: d.date, holiday: Boolean(d.holiday) })), ...futurePositions.map((d) => ({ date: d.date, holiday: Boolean(d.holiday) }))]);
  const excluded = new Set<string>();
  const positions: Position[] = historyPositions.map((d, i) => {
    const bad = d.value === null || d.value <= 0 || Boolean(d.holiday) || Boolean(d.outlier);
    if (bad && d.value !== null) excluded.add(d.date);
    return { date: d.date, y: bad ? Number.NaN : Math.log(d.value as number), holiday: Boolean(d.holiday), features: features[i] };
  });
  // Holidays and the caller's flags stay out of the error distribution; outliers the fit finds do not: they happen.
  const observedLogs = positions.map((p) => p.y);
  const useEffects = options.calendarEffects ?? true;
  const effects = new Array<number>(EFFECTS.length).fill(0);
  const y = positions.map((p) => p.y);
  const adjusted = () => y.map((v, i) => (Number.isNaN(v) ? v : v - positions[i].features.reduce((a, f, k) => a + f * effects[k], 0)));
  const fitBoth = (series: number[]) => {
    const trends = options.trend === 'NONE' ? [false] : options.trend === 'DAMPED' ? [true] : [false, true];
    const candidates = trends.map((trend) => fitEts(series, m, { trend, maxEvaluations: options.maxEvaluations, objective: fitBy }));
    return candidates.reduce((best, c) => (c.aicc < best.aicc ? c : best));
  };
  let fit = fitBoth(adjusted());
  for (let round = 0; round < 3; round++) {
    const series = adjusted();
    let residuals = series.map((v, i) => v - fit.fitted[i]);
    const spread = (values: number[]) => {
      const present = values.filter((r) => !Number.isNaN(r));
      const centre = median(present);
      return { centre, robustSd: 1.4826 * median(present.map((r) => Math.abs(r - centre))) };
    };
    let changed = false;
    // Calendar effects first, so a regular effect is not mistaken for a run of outliers.
    if (useEffects) {
      const { robustSd } = spread(residuals);
      const previous = [...effects];
      for (let k = 0; k < EFFECTS.length; k++) {
        const on = residuals.map((r, i) => (positions[i].features[k] === 1 ? r + effects[k] : Number.NaN)).filter((r) => !Number.isNaN(r));
        if (on.length === 0) continue;
        const mean = on.reduce((a, b) => a + b, 0) / on.length;
        const se = robustSd / Math.sqrt(on.length);
        effects[k] = Math.abs(mean) > effectThreshold * se ? (mean * on.length) / (on.length + 1) : 0;
        if (Math.abs(effects[k] - previous[k]) > 1e-6) changed = true;
      }
      residuals = residuals.map((r, i) => r - positions[i].features.reduce((a, f, k) => a + f * (effects[k] - previous[k]), 0));
    }
    const { centre, robustSd } = spread(residuals);
    residuals.forEach((r, i) => {
      const far = options.outlierSide === 'BOTH' ? Math.abs(r - centre) : centre - r;
      if (!Number.isNaN(r) && robustSd > 0 && far > outlierThreshold * robustSd) {
        y[i] = Number.NaN;
        excluded.add(positions[i].date);
        changed = true;
      }
    });
    if (!changed) break;
    fit = fitBoth(adjusted());
  }
  // Past holidays against what the model expected on them.
  const ratios = historyPositions.flatMap((d, i) =>
    d.holiday && d.value !== null ? [Math.max(0, d.value) / Math.exp(fit.fitted[i] + positions[i].features.reduce((a, f, k) => a + f * effects[k], 0))] : [],
  );
  const holidayRatio = options.holidayRatio === false ? 1 : ratios.length > 0 ? median(ratios) : 0;

  const horizon = futurePositions.length;
  const mean = forecastEts(fit, horizon);
  const variance = forecastVarianceEts(fit, horizon);
  const inflation = options.inflation ?? 1.2;
  const offsets = (options.intervals === 'ANALYTIC' ? variance.map((v) => gaussian(Math.sqrt(v))) : empiricalOffsets(observedLogs.map((v, i) => (Number.isNaN(v) ? v : v - positions[i].features.reduce((a, f, k) => a + f * effects[k], 0))), fit, horizon, variance, options.errorWeeks ?? 8)).map((o) => ({
    lo80: o.lo80 * inflation,
    hi80: o.hi80 * inflation,
    lo95: o.lo95 * inflation,
    hi95: o.hi95 * inflation,
  }));
  const byDate = new Map<string, number>(futurePositions.map((d, h) => [d.date, h]));
  const days = future.map((d) => {
    const h = byDate.get(d.date);
    const holiday = Boolean(d.holiday);
    if (h === undefined) return bounds(d.date, Number.NaN, 0, true, holiday);
    const effect = features[historyPositions.length + h].reduce((a, f, k) => a + f * effects[k], 0);
    const scale = holiday ? holidayRatio : 1;
    return bounds(d.date, mean[h] + effect + Math.log(1 + (d.uplift ?? 0)), Math.sqrt(variance[h]), false, holiday, scale, offsets[h]);
  });
  const named: Record<string, number> = {};
  EFFECTS.forEach((name, k) => {
    if (effects[k] !== 0) named[name] = Math.exp(effects[k]);
  });
  return {
    days,
    model: { name: fit.trend ? 'ETS(A,Ad,A)' : 'ETS(A,N,A)', fit, openWeekdays: open, excluded: [...excluded].sort(), effects: named, holidayRatio },
  };
}
