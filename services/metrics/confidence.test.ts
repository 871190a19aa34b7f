import { meanWithInterval, npsWithInterval, wilsonInterval } from './confidence';

describe('wilsonInterval', () => {
  it('matches hand-computed values', () => {
    // 8 of 10: centre (0.8 + 0.19208) / 1.38415 = 0.71674, half 1.96·√(0.016 + 0.009604) / 1.38415 = 0.22658.
    const i = wilsonInterval(8, 10)!;
    expect(i.low).toBeCloseTo(0.4902, 4);
    expect(i.high).toBeCloseTo(0.9433, 4);
    // 0 of 10 does not collapse to a point: [0, 3.8415 / 13.8415].
    const zero = wilsonInterval(0, 10)!;
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    // 50 of 100: 0.5 ± 1.96·√(0.0025 + 0.00009604) / 1.038415 = ±0.09617.
    const half = wilsonInterval(50, 100)!;
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });

  it('is null without responses and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});

describe('npsWithInterval', () => {
  it('uses the variance of the promoter/detractor difference', () => {
    // 50 promoters, 20 detractors of 100: NPS 30; variance 0.7 − 0.09 = 0.61; half 1.96·√0.0061 = 0.15308.
    const r = npsWithInterval(50, 20, 100)!;
    expect(r.score).toBeCloseTo(30, 10);
    expect(r.low).toBeCloseTo(14.692, 2);
    expect(r.high).toBeCloseTo(45.308, 2);
  });

  it('clamps to -100..100 and is null without responses', () => {
    expect(npsWithInterval(3, 0, 3)).toEqual({ score: 100, low: 100, high: 100 });
    expect(npsWithInterval(0, 0, 0)).toBeNull();
    expect(() => npsWithInterval(3, 3, 5)).toThrow(RangeError);
  });
});

describe('meanWithInterval', () => {
  it('matches a hand-computed case', () => {
    // Scores 5, 4, 4, 2: n 4, sum 15, squares 61; s² = (61 − 225/4) / 3 = 1.58333, s/√n = 0.62915,
    // half-width 1.95996 × 0.62915 = 1.23311: 3.75 ± 1.2331 = [2.5169, 4.9831].
    const m = meanWithInterval(4, 15, 61, [1, 5])!;
    expect(m.mean).toBe(3.75);
    expect(m.low).toBeCloseTo(2.5169, 4);
    expect(m.high).toBeCloseTo(4.9831, 4);
  });
  it('clamps to the scale, has no interval from one response and nothing from none', () => {
    // 1, 1, 1, 7 on the effort scale: mean 2.5, s = 3, half 1.96 × 1.5 = 2.94: [1, 5.44] once clamped.
    const m = meanWithInterval(4, 10, 52, [1, 7])!;
    expect(m.low).toBe(1);
    expect(m.high).toBeCloseTo(5.4399, 4);
    expect(meanWithInterval(1, 4, 16, [1, 5])).toEqual({ mean: 4, low: null, high: null });
    expect(meanWithInterval(0, 0, 0, [1, 5])).toBeNull();
    // all the same: no spread, the interval is the point
    expect(meanWithInterval(3, 12, 48, [1, 5])).toEqual({ mean: 4, low: 4, high: 4 });
  });
});
