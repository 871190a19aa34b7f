import { logGamma, regularizedGammaP, regularizedGammaQ } from './special-functions';

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('special functions', () => {
  it('logGamma matches factorials and Gamma(1/2) = sqrt(pi)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 15);
    expect(logGamma(2)).toBeCloseTo(0, 15);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    let logFactorial = 0;
    for (let k = 2; k <= 1000; k++) logFactorial += Math.log(k);
    expect(relativeError(logGamma(1001), logFactorial)).toBeLessThan(1e-14);
  });

  it('incomplete gamma matches closed forms', () => {
    for (const x of [0.01, 0.3, 1, 5, 40]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 15);
      expect(regularizedGammaP(1, x) + regularizedGammaQ(1, x)).toBeCloseTo(1, 15);
    }
    // P(1/2, x) = erf(sqrt(x)); erf(1) = 0.8427007929497149.
    expect(regularizedGammaP(0.5, 1)).toBeCloseTo(0.8427007929497149, 14);
  });

  it('incomplete gamma matches 40-digit values, up to s = 1e6', () => {
    // mpmath.gammainc(s, x, inf, regularized=True) (or from 0 to x for P), mp.dps = 40.
    const upper: Array<[number, number, number]> = [
      [10, 10, 0.4579297144718522083],
      [10, 3, 0.9988975118698845203],
      [5, 12, 0.007600390681066995471],
      [1000, 1000, 0.4957947558197844915],
      [1000, 950, 0.9449453137692619655],
      [1e5, 1e5, 0.4995794778896348233],
    ];
    for (const [s, x, q] of upper) expect(relativeError(regularizedGammaQ(s, x), q)).toBeLessThan(1e-13);
    expect(relativeError(regularizedGammaP(2.5, 0.7), 0.07568672719833305301)).toBeLessThan(1e-13);
    // ~1e4 series terms: the running product costs a few digits.
    expect(relativeError(regularizedGammaP(1e6, 999000), 0.1586552135743036525)).toBeLessThan(1e-11);
    expect(relativeError(logGamma(1e7), 151180949.3694739139)).toBeLessThan(1e-15);
    expect(relativeError(logGamma(123.456), 469.6055471299294835)).toBeLessThan(1e-15);
  });
});
