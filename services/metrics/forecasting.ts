/**
 * Forecast accuracy measures (shared/METRICS.md, FORECAST_WAPE and its variants) and baseline
 * forecasting methods over evenly spaced interval series. Pure functions, no I/O.
 */

// ---------------------------------------------------------------------------------------------
// Accuracy
// ---------------------------------------------------------------------------------------------

export interface AccuracyPair {
  forecast: number;
  actual: number;
  /** Prediction interval bounds, when the forecast has them. */
  lower80?: number;
  upper80?: number;
  lower95?: number;
  upper95?: number;
}

export interface Accuracy {
  /** Pairs compared. */
  intervals: number;
  forecastTotal: number;
  actualTotal: number;
  /** Σ|F − A| / ΣA; null when ΣA = 0. */
  wape: number | null;
  /** Mean of |F − A| / A over the pairs with A > 0; null when there are none. */
  mape: number | null;
  /** Pairs that entered MAPE (A > 0). */
  mapeIntervals: number;
  /** Σ(F − A) / ΣA: positive when the forecast was too high; null when ΣA = 0. */
  bias: number | null;
  /**
   * Share of pairs whose forecast is within ±p of the actual (|F − A| ≤ p·A); a pair with A = 0
   * counts as within only when F = 0 too. Null without pairs.
   */
  withinShare: number | null;
  withinTolerance: number;
  /** Share of the pairs with bounds whose actual lies inside the 80 % (95 %) prediction interval; null when no pair has bounds. */
  coverage80: number | null;
  coverage95: number | null;
}

export function accuracy(pairs: readonly AccuracyPair[], tolerance = 0.1): Accuracy {
  let forecastTotal = 0;
  let actualTotal = 0;
  let absError = 0;
  let apeSum = 0;
  let apeCount = 0;
  let within = 0;
  let bounded = 0;
  let inside80 = 0;
  let inside95 = 0;
  for (const { forecast: f, actual: a, lower80, upper80, lower95, upper95 } of pairs) {
    if (lower80 !== undefined && upper80 !== undefined && lower95 !== undefined && upper95 !== undefined) {
      bounded += 1;
      if (a >= lower80 - 1e-9 && a <= upper80 + 1e-9) inside80 += 1;
      if (a >= lower95 - 1e-9 && a <= upper95 + 1e-9) inside95 += 1;
    }
    forecastTotal += f;
    actualTotal += a;
    const e = Math.abs(f - a);
    absError += e;
    if (a > 0) {
      apeSum += e / a;
      apeCount += 1;
    }
    if (e <= tolerance * a + 1e-9) within += 1;
  }
  return {
    intervals: pairs.length,
    forecastTotal,
    actualTotal,
    wape: actualTotal > 0 ? absError / actualTotal : null,
    mape: apeCount > 0 ? apeSum / apeCount : null,
    mapeIntervals: apeCount,
    bias: actualTotal > 0 ? (forecastTotal - actualTotal) / actualTotal : null,
    withinShare: pairs.length > 0 ? within / pairs.length : null,
    withinTolerance: tolerance,
    coverage80: bounded > 0 ? inside80 / bounded : null,
    coverage95: bounded > 0 ? inside95 / bounded : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Baselines
// ---------------------------------------------------------------------------------------------

/**
 * Seasonal naive: each future value is the value one season earlier (e.g. the same interval last
 * week, season = 672 quarter hours). Values beyond the history repeat the last season seen.
 * `history` is evenly spaced and ends right before the first forecast step.
 */
export function seasonalNaive(history: readonly number[], season: number, horizon: number): number[] {
  if (!Number.isInteger(season) || season < 1) throw new RangeError('season must be a whole number of steps, at least 1');
  if (history.length < season) throw new RangeError(`seasonal naive needs at least one season (${season} steps) of history, got ${history.length}`);
  const out = new Array<number>(horizon);
  const base = history.length - season;
  for (let h = 0; h < horizon; h++) out[h] = history[base + (h % season)];
  return out;
}

export interface DoubleSeasonalOptions {
  /** Steps per day (96 for 15-minute intervals). */
  daySeason: number;
  /** Steps per week (672 for 15-minute intervals); a whole number of days. */
  weekSeason: number;
  /** Smoothing of the level, of the within-day pattern and of the within-week (day-of-week) pattern. */
  alpha?: number;
  delta?: number;
  omega?: number;
}

export interface DoubleSeasonalFit {
  forecast: number[];
}

/**
 * Exponential smoothing with daily and weekly seasonality (Holt-Winters extended to two seasons,
 * Taylor 2003, "Short-term electricity demand forecasting using double seasonal exponential
 * smoothing"), in its multiplicative form without trend, which suits contact volumes: a level
 * times an intraday profile times a day-of-week factor. The weekly index is kept relative to the
 * daily one, so it carries what differs between days (Monday mornings, quiet Saturdays).
 *
 *   y_t ≈ l_{t-1} · d_{t-s1} · w_{t-s2}
 *   l_t = α y_t / (d_{t-s1} w_{t-s2}) + (1 − α) l_{t-1}
 *   d_t = δ y_t / (l_t w_{t-s2}) + (1 − δ) d_{t-s1}
 *   w_t = ω y_t / (l_t d_{t-s1}) + (1 − ω) w_{t-s2}
 *
 * Intervals with no contacts (closed hours) carry an index of 0, so they stay at 0; the level is
 * not updated from them (nothing can be learnt about the level from a closed interval). The first
 * week initialises the indices; at least two weeks of history are needed.
 */
export function doubleSeasonalSmoothing(history: readonly number[], horizon: number, options: DoubleSeasonalOptions): DoubleSeasonalFit {
  const { daySeason: s1, weekSeason: s2 } = options;
  const alpha = options.alpha ?? 0.05;
  const delta = options.delta ?? 0.1;
  const omega = options.omega ?? 0.2;
  if (!Number.isInteger(s1) || s1 < 1 || !Number.isInteger(s2) || s2 % s1 !== 0 || s2 <= s1) {
    throw new RangeError('weekSeason must be a whole multiple (at least 2) of daySeason');
  }
  for (const [name, v] of [['alpha', alpha], ['delta', delta], ['omega', omega]] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be from 0 to 1`);
  }
  if (history.length < 2 * s2) throw new RangeError(`double seasonal smoothing needs at least two weeks (${2 * s2} steps) of history, got ${history.length}`);

  // Initial indices from the first week: level = the week's mean; day profile = mean of each
  // time of day over the week relative to the level; week index = the rest.
  const firstWeek = history.slice(0, s2);
  let level = mean(firstWeek);
  if (level <= 0) level = 1e-9;
  const day = new Array<number>(s1).fill(0);
  const daysPerWeek = s2 / s1;
  for (let i = 0; i < s2; i++) day[i % s1] += firstWeek[i] / daysPerWeek / level;
  const week = new Array<number>(s2);
  for (let i = 0; i < s2; i++) {
    const d = day[i % s1];
    week[i] = d > 0 ? firstWeek[i] / (level * d) : 0;
  }

  for (let t = s2; t < history.length; t++) {
    const y = history[t];
    const di = t % s1;
    const wi = t % s2;
    const d = day[di];
    const w = week[wi];
    const seasonal = d * w;
    if (seasonal > 0) {
      if (y > 0) level = alpha * (y / seasonal) + (1 - alpha) * level;
      day[di] = delta * (y / (level * w)) + (1 - delta) * d;
      week[wi] = omega * (y / (level * day[di])) + (1 - omega) * w;
    } else if (y > 0) {
      // Contacts where the indices said none (opening hours changed): start the indices from this observation.
      day[di] = d > 0 ? d : y / level;
      week[wi] = y / (level * day[di]);
    }
  }
  const forecast = new Array<number>(horizon);
  const n = history.length;
  for (let h = 0; h < horizon; h++) {
    const t = n + h;
    forecast[h] = Math.max(0, level * day[t % s1] * week[t % s2]);
  }
  return { forecast };
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return values.length > 0 ? total / values.length : 0;
}
