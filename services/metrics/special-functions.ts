/**
 * Special functions the queueing models need: ln Gamma, the regularized incomplete gamma
 * functions, and the sums of logarithms and reciprocals over a run of consecutive shifted
 * integers that Erlang A's queue states are made of (log-gamma and digamma differences). Pure
 * functions, no I/O, accurate to about 1e-15 relative where the comments do not say otherwise.
 */

const LN_SQRT_2PI = 0.9189385332046728;
/** Below this the Stirling and digamma series are not accurate to double precision: shift first. */
const STIRLING_FROM = 20;
/** Runs longer than this are summed by the asymptotic series rather than term by term. */
const DIRECT_LIMIT = 64;

/** lnGamma(s) - [(s - 1/2) ln s - s + ln sqrt(2 pi)], s >= 20: the Stirling series, error < 1e-17. */
function stirlingRemainder(s: number): number {
  const inv = 1 / s;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))));
}

/** digamma(s) - ln(s), s >= 20, asymptotic series. */
function digammaTail(s: number): number {
  const inv = 1 / s;
  const inv2 = inv * inv;
  return -0.5 * inv - inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
}

/**
 * ln Gamma(s) for s > 0: Stirling series after shifting s above 20 with Gamma(s + 1) = s Gamma(s).
 * Accurate to ~1e-15 relative (absolute for small results).
 */
export function logGamma(s: number): number {
  if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`logGamma needs a finite s > 0, got ${s}`);
  let shift = 0;
  while (s < STIRLING_FROM) shift += Math.log(s++);
  return (s - 0.5) * Math.log(s) - s + LN_SQRT_2PI + stirlingRemainder(s) - shift;
}

/** ln(x^s e^-x / Gamma(s)), the prefactor of both incomplete gamma expansions, without cancelling large logs. */
function logGammaPrefactor(s: number, x: number): number {
  if (s < STIRLING_FROM) return s * Math.log(x) - x - logGamma(s);
  return s * Math.log(x / s) + (s - x) + 0.5 * Math.log(s) - LN_SQRT_2PI - stirlingRemainder(s);
}

const GAMMA_EPSILON = 1e-16;
const GAMMA_MAX_ITERATIONS = 10_000_000;
const TINY = 1e-300;

/**
 * Regularized lower incomplete gamma P(s, x) = gamma(s, x) / Gamma(s), s > 0, x >= 0.
 * Series for x < s + 1, Lentz continued fraction for Q = 1 - P otherwise (Numerical Recipes 6.2);
 * the iteration count grows like sqrt(s) only when x is close to s. Relative accuracy ~1e-14,
 * ~1e-12 near x = s ~ 1e6 where the running product of ~1e4 series terms accumulates rounding.
 */
export function regularizedGammaP(s: number, x: number): number {
  checkGammaArguments(s, x);
  if (x === 0) return 0;
  return x < s + 1 ? gammaSeries(s, x) : 1 - gammaContinuedFraction(s, x);
}

/** Regularized upper incomplete gamma Q(s, x) = 1 - P(s, x), computed without cancellation. */
export function regularizedGammaQ(s: number, x: number): number {
  checkGammaArguments(s, x);
  if (x === 0) return 1;
  return x < s + 1 ? 1 - gammaSeries(s, x) : gammaContinuedFraction(s, x);
}

function checkGammaArguments(s: number, x: number): void {
  if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`incomplete gamma needs a finite s > 0, got ${s}`);
  if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`incomplete gamma needs a finite x >= 0, got ${x}`);
}

function gammaSeries(s: number, x: number): number {
  let term = 1 / s;
  let sum = term;
  for (let k = 1; k <= GAMMA_MAX_ITERATIONS; k++) {
    term *= x / (s + k);
    sum += term;
    if (term < sum * GAMMA_EPSILON) return sum * Math.exp(logGammaPrefactor(s, x));
  }
  throw new RangeError(`incomplete gamma series did not converge for s = ${s}, x = ${x}`);
}

function gammaContinuedFraction(s: number, x: number): number {
  let b = x + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= GAMMA_MAX_ITERATIONS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPSILON) return Math.exp(logGammaPrefactor(s, x)) * h;
  }
  throw new RangeError(`incomplete gamma continued fraction did not converge for s = ${s}, x = ${x}`);
}

// ---------------------------------------------------------------------------------------------
// Sums over shifted integers (Erlang A's queue-state terms)
// ---------------------------------------------------------------------------------------------

/**
 * sum_{i=from..to} ln(w / (y + i)) = count ln w - ln Gamma(y + to + 1) + ln Gamma(y + from): the
 * log of the queue-state term T_j(w) of Erlang A is the range 1..j.
 */
export function logTermRange(w: number, y: number, from: number, to: number): number {
  let sum = 0;
  let i = from;
  if (to - from >= DIRECT_LIMIT) {
    // lnGamma(u) - lnGamma(v) + count ln w by Stirling, arranged so that no term exceeds ~count in
    // size: subtracting two lnGamma values of ~1e7 would lose ~9 digits.
    while (y + i < STIRLING_FROM) sum += Math.log(w / (y + i++));
    const u = y + i;
    const count = to + 1 - i; // v - u, exactly
    const v = u + count;
    return (
      sum -
      (u - 0.5) * Math.log1p(count / u) -
      count * Math.log(v / w) +
      count -
      stirlingRemainder(v) +
      stirlingRemainder(u)
    );
  }
  for (; i <= to; i++) sum += Math.log(w / (y + i));
  return sum;
}

/** sum_{i=1..j} 1 / (y + i) = digamma(y + j + 1) - digamma(y + 1). */
export function harmonicShifted(y: number, j: number): number {
  let sum = 0;
  let i = 1;
  if (j > DIRECT_LIMIT) {
    while (y + i < STIRLING_FROM) sum += 1 / (y + i++);
    const u = y + i;
    const v = y + j + 1;
    return sum + Math.log1p((j + 1 - i) / u) + digammaTail(v) - digammaTail(u);
  }
  for (; i <= j; i++) sum += 1 / (y + i);
  return sum;
}
