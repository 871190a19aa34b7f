/**
 * Confidence intervals for survey figures, so a CSAT of 100 % from three responses is not read
 * like one from three thousand. Pure functions; 95 % by default.
 */

/** The two-sided 95 % normal quantile. */
const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion (successes out of n). Unlike the normal ("Wald")
 * interval it stays inside [0, 1] and does not collapse to a point at 0 % or 100 %.
 * Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (!(n > 0)) return null;
  if (successes < 0 || successes > n) throw new RangeError(`successes must be from 0 to n (got ${successes} of ${n})`);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Net Promoter Score in points (−100..100) with a 95 % interval. Each response scores +1
 * (promoter), 0 (passive) or −1 (detractor); NPS is 100 × their mean, and the interval is the
 * normal one on that mean with variance (p + d − (p − d)²) / n, where p and d are the promoter
 * and detractor shares (the variance of the promoter/detractor difference of a multinomial).
 * Clamped to −100..100. Null when n is 0.
 */
export function npsWithInterval(promoters: number, detractors: number, n: number, z = Z_95): { score: number; low: number; high: number } | null {
  if (!(n > 0)) return null;
  if (promoters < 0 || detractors < 0 || promoters + detractors > n) {
    throw new RangeError(`promoters and detractors must add up to at most n (got ${promoters} + ${detractors} of ${n})`);
  }
  const p = promoters / n;
  const d = detractors / n;
  const mean = p - d;
  const variance = Math.max(0, p + d - mean * mean);
  const half = z * Math.sqrt(variance / n);
  return { score: 100 * mean, low: Math.max(-100, 100 * (mean - half)), high: Math.min(100, 100 * (mean + half)) };
}

/**
 * Mean of scores on a rating scale (CSAT mean, CES) with a 95 % interval: the normal interval
 * mean ± z·s/√n with the sample standard deviation s (n − 1 in the denominator), computed from
 * the count, sum and sum of squares SQL adds up, and clamped to the scale. The interval is null
 * below two responses (no spread to estimate); the whole result is null when n is 0.
 */
export function meanWithInterval(
  n: number,
  sum: number,
  sumOfSquares: number,
  scale: [number, number],
  z = Z_95,
): { mean: number; low: number | null; high: number | null } | null {
  if (!(n > 0)) return null;
  const mean = sum / n;
  if (n < 2) return { mean, low: null, high: null };
  // Rounding can leave a tiny negative variance when every score is the same.
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const half = z * Math.sqrt(variance / n);
  return { mean, low: Math.max(scale[0], mean - half), high: Math.min(scale[1], mean + half) };
}
