import fixture from './fixtures/ets-statsmodels.json';
import { filterEts, fitEts, forecastEts, forecastVarianceEts, heuristicInitialState } from './forecasting-ets';
import { nelderMead } from './forecasting-optimize';

/**
 * Against statsmodels' ETSModel (services/metrics/fixtures/make-ets-fixtures.py made the JSON):
 * with statsmodels' own parameters and initial states our filter must reproduce its fitted values,
 * log-likelihood, forecasts and prediction intervals; our optimiser must find a likelihood at
 * least as good as statsmodels' for those initial states.
 */
const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

describe.each(fixture.cases.map((c) => [c.trend ? 'ETS(A,Ad,A)' : 'ETS(A,N,A)', c] as const))('%s against statsmodels', (_name, c) => {
  const y = fixture.y;
  const m = fixture.period;

  it('reproduces the fitted values, σ² and log-likelihood', () => {
    const r = filterEts(y, m, c.parameters, c.initial);
    r.fitted.forEach((f, t) => expect(f).toBeCloseTo(c.fitted[t], 8));
    expect(r.sigma2).toBeCloseTo(c.sigma2, 9);
    expect(r.logLikelihood).toBeCloseTo(c.logLikelihood, 8);
  });

  it('reproduces the forecasts and the 80 % and 95 % prediction intervals', () => {
    const r = filterEts(y, m, c.parameters, c.initial);
    const h = c.forecast.length;
    const mean = forecastEts(r, h);
    const variance = forecastVarianceEts(r, h);
    mean.forEach((f, i) => {
      expect(f).toBeCloseTo(c.forecast[i], 8);
      expect(f - Z80 * Math.sqrt(variance[i])).toBeCloseTo(c.lower80[i], 6);
      expect(f + Z80 * Math.sqrt(variance[i])).toBeCloseTo(c.upper80[i], 6);
      expect(f - Z95 * Math.sqrt(variance[i])).toBeCloseTo(c.lower95[i], 6);
      expect(f + Z95 * Math.sqrt(variance[i])).toBeCloseTo(c.upper95[i], 6);
    });
  });

  it('fits parameters whose likelihood matches statsmodels’ optimum for the same initial states', () => {
    const fit = fitEts(y, m, { trend: c.trend, initial: c.initial, maxEvaluations: 600 });
    expect(fit.logLikelihood).toBeGreaterThan(c.logLikelihood - 0.05);
    expect(fit.parameters.alpha).toBeGreaterThan(0);
    expect(fit.parameters.alpha).toBeLessThan(1);
    expect(fit.parameters.gamma).toBeLessThan(1 - fit.parameters.alpha);
    expect(fit.parameters.beta).toBeLessThanOrEqual(fit.parameters.alpha);
  });
});

describe('exponential smoothing details', () => {
  it('reproduces an exactly seasonal series and forecasts it without error', () => {
    const pattern = [10, 12, 11, 30, 5];
    const y = Array.from({ length: 40 }, (_, t) => pattern[t % 5]);
    const fit = fitEts(y, 5, { trend: false });
    expect(fit.sse).toBeLessThan(1e-6);
    forecastEts(fit, 7).forEach((f, h) => expect(f).toBeCloseTo(pattern[(40 + h) % 5], 4));
  });

  it('carries the states over missing observations (NaN) instead of learning from them', () => {
    const y = Array.from({ length: 30 }, (_, t) => 100 + (t % 3) * 10);
    const withGap = [...y];
    withGap[20] = Number.NaN;
    const init = heuristicInitialState(y, 3, false);
    const params = { alpha: 0.3, beta: 0, gamma: 0.1, phi: 1 };
    const full = filterEts(y, 3, params, init);
    const gap = filterEts(withGap, 3, params, init);
    expect(gap.observations).toBe(29);
    expect(gap.final.level).toBeCloseTo(full.final.level, 9); // the series is exactly seasonal: nothing to learn
  });

  it('widens the intervals with the horizon and adds γ once per season', () => {
    const fit = { parameters: { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.9 }, period: 2, sigma2: 1 };
    const v = forecastVarianceEts(fit, 3);
    const c1 = 0.5 + 0.1 * 0.9;
    const c2 = 0.5 + 0.1 * (0.9 + 0.81) + 0.2;
    expect(v[0]).toBeCloseTo(1, 12);
    expect(v[1]).toBeCloseTo(1 + c1 * c1, 12);
    expect(v[2]).toBeCloseTo(1 + c1 * c1 + c2 * c2, 12);
  });

  it('refuses less than two seasons', () => {
    expect(() => fitEts([1, 2, 3], 2, { trend: false })).toThrow(/two seasons/);
  });

  it('minimises the Rosenbrock function with Nelder–Mead', () => {
    const m = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1], { maxEvaluations: 2000, tolerance: 1e-14 });
    expect(m.x[0]).toBeCloseTo(1, 3);
    expect(m.x[1]).toBeCloseTo(1, 3);
  });
});
