import { nelderMead } from './forecasting-optimize';

/**
 * Exponential smoothing with additive errors and additive seasonality, with no trend or an
 * additively damped trend: the ETS(A,N,A) and ETS(A,Ad,A) models of Hyndman, Koehler, Ord &
 * Snyder, "Forecasting with Exponential Smoothing" (2008), in innovations form, the same
 * equations as statsmodels' ETSModel (services/metrics/fixtures checks them against it):
 *
 *   ŷ_t = l_{t-1} + φ b_{t-1} + s_{t-m}            e_t = y_t − ŷ_t
 *   l_t = l_{t-1} + φ b_{t-1} + α e_t
 *   b_t = φ b_{t-1} + β e_t
 *   s_t = s_{t-m} + γ e_t
 *
 * A missing observation (NaN) carries the states forward with e_t = 0, so holidays, outages and
 * days without an upload simply do not teach the model anything. Parameters are fitted by
 * maximising the Gaussian likelihood (concentrated over σ²: −n/2 · (log(2π·SSE/n) + 1)); initial
 * states come from the first seasons (heuristic, as statsmodels' "heuristic" initialisation does
 * in spirit). Prediction variances are the analytic ones of class-1 models (Hyndman et al. 2008,
 * table 6.1): v_h = σ² (1 + Σ_{j<h} c_j²), c_j = α + β(φ + … + φ^j) + γ·[j ≡ 0 mod m].
 */
export interface EtsParameters {
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  gamma: number;
  /** 1 without a trend. */
  phi: number;
}

export interface EtsState {
  level: number;
  trend: number;
  /** The last m seasonal states, oldest first: seasonal[0] is used for the next step. */
  seasonal: number[];
}

export interface EtsFit {
  trend: boolean;
  period: number;
  parameters: EtsParameters;
  initial: EtsState;
  /** State after the last observation. */
  final: EtsState;
  /** One-step-ahead fitted values (NaN where y was missing is still a fitted value). */
  fitted: number[];
  /** Observations used (not missing). */
  observations: number;
  sse: number;
  /** SSE / observations. */
  sigma2: number;
  logLikelihood: number;
  /** AICc with the smoothing parameters and the free initial states counted. */
  aicc: number;
}

export function filterEts(y: readonly number[], period: number, parameters: EtsParameters, initial: EtsState): Omit<EtsFit, 'trend' | 'aicc' | 'initial'> {
  const { alpha, beta, gamma, phi } = parameters;
  let level = initial.level;
  let trend = initial.trend;
  const seasonal = [...initial.seasonal];
  const fitted = new Array<number>(y.length);
  let sse = 0;
  let observations = 0;
  for (let t = 0; t < y.length; t++) {
    const s = seasonal.shift()!;
    const forecast = level + phi * trend + s;
    fitted[t] = forecast;
    const e = Number.isNaN(y[t]) ? 0 : y[t] - forecast;
    if (!Number.isNaN(y[t])) {
      sse += e * e;
      observations += 1;
    }
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    seasonal.push(s + gamma * e);
  }
  const sigma2 = observations > 0 ? sse / observations : Number.NaN;
  return {
    period,
    parameters,
    final: { level, trend, seasonal },
    fitted,
    observations,
    sse,
    sigma2,
    logLikelihood: observations > 0 ? (-observations / 2) * (Math.log(2 * Math.PI * sigma2) + 1) : Number.NaN,
  };
}

/** Initial states from the first (up to four) seasons: their mean level, slope and seasonal pattern. */
export function heuristicInitialState(y: readonly number[], period: number, trend: boolean): EtsState {
  const seasons = Math.max(1, Math.min(4, Math.floor(y.length / period)));
  const means: number[] = [];
  const pattern = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  for (let k = 0; k < seasons; k++) {
    const values = y.slice(k * period, (k + 1) * period);
    const present = values.filter((v) => !Number.isNaN(v));
    const mean = present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : Number.NaN;
    means.push(mean);
    if (Number.isNaN(mean)) continue;
    values.forEach((v, j) => {
      if (!Number.isNaN(v)) {
        pattern[j] += v - mean;
        counts[j] += 1;
      }
    });
  }
  const seasonal = pattern.map((p, j) => (counts[j] > 0 ? p / counts[j] : 0));
  const centre = seasonal.reduce((a, b) => a + b, 0) / period;
  const known = means.map((m, k) => ({ m, k })).filter((p) => !Number.isNaN(p.m));
  if (known.length === 0) throw new RangeError('exponential smoothing needs at least one observation');
  const first = known[0];
  const last = known[known.length - 1];
  const slope = trend && last.k > first.k ? (last.m - first.m) / ((last.k - first.k) * period) : 0;
  // The level is the one before the first observation: step back half a season from the first season's mean.
  return { level: first.m - slope * (first.k * period + (period + 1) / 2), trend: slope, seasonal: seasonal.map((s) => s - centre) };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Admissible parameters from unconstrained ones: 0 < α < 1, 0 ≤ β < α, 0 ≤ γ < 1 − α, 0.8 ≤ φ ≤ 0.98 (statsmodels' bounds). */
function parametersFrom(x: readonly number[], trend: boolean): EtsParameters {
  const alpha = 1e-4 + (1 - 2e-4) * logistic(x[0]);
  const gamma = (1 - alpha) * logistic(x[1]);
  if (!trend) return { alpha, beta: 0, gamma, phi: 1 };
  return { alpha, gamma, beta: alpha * logistic(x[2]), phi: 0.8 + 0.18 * logistic(x[3]) };
}

export interface EtsOptions {
  trend: boolean;
  /** Initial states; estimated from the first seasons when left out. */
  initial?: EtsState;
  maxEvaluations?: number;
  /**
   * LIKELIHOOD (default): maximum likelihood of the one-step errors. MULTI_STEP: the least mean
   * squared in-sample error averaged over steps 1..`steps` (the "AMSE" of Hyndman et al. 2008,
   * §5.2; a rolling-origin criterion), which keeps α from chasing the noise of one day when the
   * forecast is read days or weeks ahead.
   */
  objective?: 'LIKELIHOOD' | 'MULTI_STEP';
  /** Steps the MULTI_STEP criterion averages over (default: one season). */
  steps?: number;
}

/** Fits α, β, γ, φ by maximum likelihood (Nelder–Mead from a few starts, bounded work). */
export function fitEts(y: readonly number[], period: number, options: EtsOptions): EtsFit {
  if (!Number.isInteger(period) || period < 1) throw new RangeError('the seasonal period must be a whole number of steps, at least 1');
  if (y.length < 2 * period) throw new RangeError(`exponential smoothing needs at least two seasons (${2 * period} steps) of history, got ${y.length}`);
  const initial = options.initial ?? heuristicInitialState(y, period, options.trend);
  const steps = options.steps ?? period;
  const objective =
    options.objective === 'MULTI_STEP'
      ? (x: readonly number[]) => {
          const errors = inSampleErrorsEts(y, { parameters: parametersFrom(x, options.trend), initial, period }, steps, period);
          let total = 0;
          for (const list of errors) total += list.length > 0 ? list.reduce((a, e) => a + e * e, 0) / list.length : 0;
          return total / steps;
        }
      : (x: readonly number[]) => -filterEts(y, period, parametersFrom(x, options.trend), initial).logLikelihood;
  const starts = options.trend
    ? [
        [-1, -2, -2, 1.5],
        [0.5, -3, -3, 0],
        [-3, -1, -1, 2],
      ]
    : [
        [-1, -2],
        [0.5, -3],
        [-3, -1],
      ];
  const budget = options.maxEvaluations ?? 300;
  let best = nelderMead(objective, starts[0], { maxEvaluations: budget });
  for (const s of starts.slice(1)) {
    const m = nelderMead(objective, s, { maxEvaluations: budget });
    if (m.value < best.value) best = m;
  }
  const result = filterEts(y, period, parametersFrom(best.x, options.trend), initial);
  // Parameters: α, γ (+ β, φ), the initial level (+ trend), m − 1 free seasonal states, σ².
  const k = (options.trend ? 4 : 2) + (options.trend ? 2 : 1) + (period - 1) + 1;
  const n = result.observations;
  const aic = -2 * result.logLikelihood + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Number.POSITIVE_INFINITY;
  return { ...result, trend: options.trend, initial, aicc };
}

/** Point forecasts for steps 1..horizon after the fit. */
export function forecastEts(fit: Pick<EtsFit, 'final' | 'parameters' | 'period'>, horizon: number): number[] {
  const { level, trend, seasonal } = fit.final;
  const { phi } = fit.parameters;
  const out = new Array<number>(horizon);
  let damped = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    damped += power;
    out[h - 1] = level + damped * trend + seasonal[(h - 1) % fit.period];
  }
  return out;
}

/**
 * In-sample h-step-ahead errors for h = 1..horizon: from the states after each observation of
 * the fit (its own parameters), the forecasts of the next `horizon` steps against what came.
 * errors[h − 1] lists the errors at step h (missing observations give none), from origins at or
 * after `fromOrigin` for targets at or after `fromTarget`.
 */
export function inSampleErrorsEts(y: readonly number[], fit: Pick<EtsFit, 'parameters' | 'initial' | 'period'>, horizon: number, fromOrigin = 0, fromTarget = 0): number[][] {
  const { alpha, beta, gamma, phi } = fit.parameters;
  const m = fit.period;
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  let level = fit.initial.level;
  let trend = fit.initial.trend;
  const seasonal = [...fit.initial.seasonal];
  for (let t = 0; t < y.length; t++) {
    // Forecasts from the state before observation t, for t .. t + horizon − 1.
    let damped = 0;
    let power = 1;
    for (let h = 1; h <= horizon && t + h - 1 < y.length; h++) {
      power *= phi;
      damped += power;
      const target = y[t + h - 1];
      if (!Number.isNaN(target) && t >= fromOrigin && t + h - 1 >= fromTarget) errors[h - 1].push(target - (level + damped * trend + seasonal[(h - 1) % m]));
    }
    const s = seasonal.shift()!;
    const e = Number.isNaN(y[t]) ? 0 : y[t] - (level + phi * trend + s);
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    seasonal.push(s + gamma * e);
  }
  return errors;
}

/** Forecast variance for steps 1..horizon (σ² times the class-1 factor). */
export function forecastVarianceEts(fit: Pick<EtsFit, 'parameters' | 'period' | 'sigma2'>, horizon: number): number[] {
  const { alpha, beta, gamma, phi } = fit.parameters;
  const out = new Array<number>(horizon);
  let sum = 1;
  let damped = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    out[h - 1] = fit.sigma2 * sum;
    power *= phi;
    damped += power;
    const c = alpha + beta * damped + (h % fit.period === 0 ? gamma : 0);
    sum += c * c;
  }
  return out;
}
