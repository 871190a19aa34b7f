import { accuracy, doubleSeasonalSmoothing, seasonalNaive } from './forecasting';

describe('accuracy measures', () => {
  it('computes WAPE, MAPE, bias and the share within ±p by hand', () => {
    const a = accuracy([
      { forecast: 90, actual: 100 },
      { forecast: 100, actual: 100 },
      { forecast: 110, actual: 100 },
      { forecast: 130, actual: 100 },
    ]);
    expect(a.wape).toBeCloseTo(50 / 400, 12);
    expect(a.mape).toBeCloseTo((0.1 + 0 + 0.1 + 0.3) / 4, 12);
    expect(a.bias).toBeCloseTo(30 / 400, 12);
    // Exactly 10 % off counts as within ±10 %.
    expect(a.withinShare).toBe(0.75);
    expect(a).toMatchObject({ intervals: 4, forecastTotal: 430, actualTotal: 400, mapeIntervals: 4, withinTolerance: 0.1 });
  });

  it('keeps zero actuals out of MAPE, and answers null rather than dividing by zero', () => {
    const a = accuracy([{ forecast: 5, actual: 0 }, { forecast: 0, actual: 0 }, { forecast: 10, actual: 20 }], 0.2);
    expect(a.mapeIntervals).toBe(1);
    expect(a.mape).toBeCloseTo(0.5, 12);
    expect(a.wape).toBeCloseTo(15 / 20, 12);
    expect(a.withinShare).toBeCloseTo(1 / 3, 12); // only 0 against 0
    expect(accuracy([{ forecast: 3, actual: 0 }])).toMatchObject({ wape: null, mape: null, bias: null, withinShare: 0 });
    expect(accuracy([])).toMatchObject({ intervals: 0, wape: null, withinShare: null });
  });
});

/** A week of 15-minute intervals: an intraday shape, closed nights, weekday factors. */
function pattern(t: number): number {
  const slot = t % 96;
  const day = Math.floor(t / 96) % 7;
  if (slot < 32 || slot >= 80) return 0; // open 08:00-20:00
  const hour = slot / 4;
  return 40 * (1 + Math.exp(-((hour - 10) ** 2) / 2)) * [1.25, 1.1, 1, 0.95, 0.9, 0.55, 0.4][day];
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, r: () => number): number {
  if (mean <= 0) return 0;
  // Normal approximation is plenty for a test series.
  const u = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * u));
}

describe('seasonal naive', () => {
  it('repeats the last season, wrapping beyond it', () => {
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 3, 5)).toEqual([4, 5, 6, 4, 5]);
    expect(() => seasonalNaive([1, 2], 3, 1)).toThrow(/at least one season/);
  });
});

describe('double seasonal exponential smoothing', () => {
  const options = { daySeason: 96, weekSeason: 672 };

  it('reproduces an exactly seasonal series, closed hours at 0', () => {
    const history = Array.from({ length: 3 * 672 }, (_, t) => pattern(t));
    const { forecast } = doubleSeasonalSmoothing(history, 672, options);
    forecast.forEach((f, h) => expect(f).toBeCloseTo(pattern(3 * 672 + h), 6));
  });

  it('follows a level shift, and beats seasonal naive on noisy data', () => {
    const r = rng(7);
    const weeks = 8;
    const series = Array.from({ length: (weeks + 1) * 672 }, (_, t) => poisson(pattern(t) * (t >= 4 * 672 ? 1.2 : 1), r));
    const history = series.slice(0, weeks * 672);
    const actual = series.slice(weeks * 672);
    const pairs = (f: number[]) => f.map((forecast, i) => ({ forecast, actual: actual[i] }));
    const ds = accuracy(pairs(doubleSeasonalSmoothing(history, 672, options).forecast));
    const sn = accuracy(pairs(seasonalNaive(history, 672, 672)));
    expect(ds.wape!).toBeLessThan(sn.wape!);
    expect(Math.abs(ds.bias!)).toBeLessThan(0.05); // learnt the 20 % higher level
  });

  it('refuses too little history and bad parameters', () => {
    expect(() => doubleSeasonalSmoothing(new Array(672).fill(1), 10, options)).toThrow(/two weeks/);
    expect(() => doubleSeasonalSmoothing(new Array(2000).fill(1), 10, { daySeason: 96, weekSeason: 700 })).toThrow(/multiple/);
    expect(() => doubleSeasonalSmoothing(new Array(2000).fill(1), 10, { ...options, alpha: 2 })).toThrow(/alpha/);
  });
});
