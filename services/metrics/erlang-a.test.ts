import { BOUNDS } from './bounds';
import { agentsForServiceLevelErlangA, erlangA, erlangAModel, erlangAStateProbabilities, type ErlangAResult } from './erlang-a';
import { agentsForServiceLevel, erlangB, erlangC } from './erlang-c';
import { logGamma, regularizedGammaP } from './special-functions';

// ---------------------------------------------------------------------------------------------
// Independent reference computations. They use the textbook definitions directly (the
// birth-death chain of the queue, a uniformized Markov chain for the wait of one contact) and
// share no code with the module under test.
// ---------------------------------------------------------------------------------------------

function logSumExp(values: number[]): number {
  const high = Math.max(...values);
  return high + Math.log(values.reduce((sum, v) => sum + Math.exp(v - high), 0));
}


interface BirthDeath {
  /** P(k in system), k = 0..n + maxQueue */
  pi: number[];
  probabilityOfWait: number;
  probabilityOfAbandonment: number;
  averageWaitAllSeconds: number;
  asaOfAnsweredSeconds: number;
  occupancy: number;
}

/** Stationary M/M/n+M by the balance equations pi_k * lambda = pi_{k+1} * (min(k+1, n) mu + (k+1-n)^+ gamma). */
function birthDeath(a: number, n: number, ahtSeconds: number, patienceSeconds: number, maxQueue: number): BirthDeath {
  const mu = 1 / ahtSeconds;
  const gamma = 1 / patienceSeconds;
  const lambda = a * mu;
  const logWeights = [0];
  for (let k = 1; k <= n + maxQueue; k++) {
    const death = Math.min(k, n) * mu + Math.max(0, k - n) * gamma;
    logWeights.push(logWeights[k - 1] + Math.log(lambda / death));
  }
  const logTotal = logSumExp(logWeights);
  const pi = logWeights.map((l) => Math.exp(l - logTotal));
  let probabilityOfWait = 0;
  let queue = 0;
  let busy = 0;
  // An arrival finding j waiting reaches an agent after V = sum_{i<=j} Exp(r_i), r_i = n mu + i gamma,
  // and is answered if V < its patience: E[V; answered] = E[V e^{-gamma V}] = -L'(gamma) for the
  // Laplace transform L(s) = prod_i r_i / (r_i + s), i.e. L(gamma) sum_i 1 / (r_i + gamma).
  let transform = 1;
  let reciprocalSum = 0;
  let answeredWait = 0;
  pi.forEach((p, k) => {
    if (k >= n) {
      probabilityOfWait += p;
      const r = n * mu + (k - n) * gamma;
      transform *= r / (r + gamma);
      reciprocalSum += 1 / (r + gamma);
      answeredWait += p * transform * reciprocalSum;
    }
    queue += Math.max(0, k - n) * p;
    busy += Math.min(k, n) * p;
  });
  return {
    pi,
    probabilityOfWait,
    // Abandonments happen at rate gamma E[Q]; Little's law gives the mean wait of all arrivals.
    probabilityOfAbandonment: (gamma * queue) / lambda,
    averageWaitAllSeconds: queue / lambda,
    // Agents answer mu E[busy] per second out of lambda arrivals.
    asaOfAnsweredSeconds: answeredWait / ((mu * busy) / lambda),
    occupancy: busy / n,
  };
}

/**
 * Service level and abandonment within T without any closed form: the arrival's position in the
 * queue is a small Markov chain (move up at n mu + (ahead) gamma, leave at gamma, served from the
 * head at n mu), solved at time T by uniformization, then averaged over the state the arrival finds.
 */
function waitByUniformization(
  a: number,
  n: number,
  ahtSeconds: number,
  patienceSeconds: number,
  thresholdSeconds: number,
  maxQueue: number,
): { serviceLevelOfAll: number; abandonedWithinThreshold: number } {
  const { pi } = birthDeath(a, n, ahtSeconds, patienceSeconds, maxQueue);
  const c = n / ahtSeconds;
  const gamma = 1 / patienceSeconds;
  const positions = maxQueue + 1; // position m = customers up to and including the arrival
  const rate = c + positions * gamma;
  let served = new Array<number>(positions + 1).fill(0); // index m; [0] = already served
  let abandoned = new Array<number>(positions + 1).fill(0);
  served[0] = 1;
  const servedByT = new Array<number>(positions + 1).fill(0);
  const abandonedByT = new Array<number>(positions + 1).fill(0);
  const mean = rate * thresholdSeconds;
  let poisson = Math.exp(-mean);
  const steps = Math.ceil(mean + 12 * Math.sqrt(mean) + 40);
  for (let k = 0; k <= steps; k++) {
    for (let m = 1; m <= positions; m++) {
      servedByT[m] += poisson * served[m];
      abandonedByT[m] += poisson * abandoned[m];
    }
    const nextServed = served.slice();
    const nextAbandoned = abandoned.slice();
    for (let m = 1; m <= positions; m++) {
      const up = (c + (m - 1) * gamma) / rate;
      const leave = gamma / rate;
      const stay = 1 - up - leave;
      nextServed[m] = up * served[m - 1] + stay * served[m];
      nextAbandoned[m] = leave + up * abandoned[m - 1] + stay * abandoned[m];
    }
    served = nextServed;
    abandoned = nextAbandoned;
    poisson *= mean / (k + 1);
  }
  let serviceLevelOfAll = 0;
  let abandonedWithinThreshold = 0;
  pi.forEach((p, k) => {
    if (k < n) serviceLevelOfAll += p;
    else if (k - n + 1 <= positions) {
      serviceLevelOfAll += p * servedByT[k - n + 1];
      abandonedWithinThreshold += p * abandonedByT[k - n + 1];
    }
  });
  return { serviceLevelOfAll, abandonedWithinThreshold };
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function expectProbability(value: number | null): void {
  expect(value).not.toBeNull();
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
}

function expectFiniteFigures(result: ErlangAResult): void {
  for (const key of [
    'probabilityOfWait',
    'probabilityOfAbandonment',
    'probabilityAnswered',
    'serviceLevelOfAll',
    'serviceLevelOfAnswered',
    'abandonedWithinThreshold',
    'occupancy',
  ] as const) {
    expectProbability(result[key]);
  }
  expect(Number.isFinite(result.asaOfAnsweredSeconds)).toBe(true);
  expect(Number.isFinite(result.averageWaitAllSeconds)).toBe(true);
}


// ---------------------------------------------------------------------------------------------

describe('Erlang A', () => {
  const base = { ahtSeconds: 180, patienceSeconds: 120, thresholdSeconds: 20 };

  it('converges to Erlang C for very long patience (1e7 s)', () => {
    for (const [a, n, aht, t] of [
      [10, 11, 180, 20],
      [10, 14, 180, 20],
      [48, 52, 240, 30],
      [950, 1000, 300, 20],
    ]) {
      const c = erlangC({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, thresholdSeconds: t });
      if (!c.stable) throw new Error('expected a stable queue');
      for (const [patienceSeconds, tolerance] of [
        [1e7, 1e-3],
        [1e9, 1e-5],
      ]) {
        const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds, thresholdSeconds: t });
        expect(relativeError(r.probabilityOfWait, c.probabilityOfWait)).toBeLessThan(tolerance);
        expect(relativeError(r.serviceLevelOfAll, c.serviceLevel)).toBeLessThan(tolerance);
        expect(relativeError(r.serviceLevelOfAnswered as number, c.serviceLevel)).toBeLessThan(tolerance);
        expect(relativeError(r.asaOfAnsweredSeconds as number, c.asaSeconds)).toBeLessThan(tolerance);
        expect(relativeError(r.averageWaitAllSeconds, c.asaSeconds)).toBeLessThan(tolerance);
        expect(relativeError(r.occupancy as number, c.occupancy)).toBeLessThan(tolerance);
        expect(r.probabilityOfAbandonment).toBeLessThan(tolerance);
      }
    }
  });

  it('converges to Erlang B for very short patience: whoever waits is lost', () => {
    for (const [a, n] of [
      [10, 11],
      [10, 5],
      [30, 30],
    ]) {
      const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: 180, patienceSeconds: 1e-6, thresholdSeconds: 20 });
      expect(relativeError(r.probabilityOfAbandonment, erlangB(a, n))).toBeLessThan(1e-6);
      expect(relativeError(r.probabilityOfWait, erlangB(a, n))).toBeLessThan(1e-6);
    }
  });

  it('matches 80-digit reference values', () => {
    // Computed once with mpmath (mp.dps = 80) by a different method: the stationary distribution
    // of the birth-death chain truncated 120 / 90 states into the queue, and for each state the
    // exact hypoexponential wait V = Exp(n mu) + ... + Exp(n mu + j gamma) with density
    // sum_i w_i r_i e^{-r_i v}, w_i = prod_{k != i} r_k / (r_k - r_i) (harmless cancellation at 80
    // digits): answered within T = E[e^{-gamma V}; V <= T], wait of answered = E[V e^{-gamma V}],
    // abandoned within T = int_0^T gamma e^{-gamma s} P(V > s) ds.
    const references = [
      {
        input: { offeredLoadErlangs: 10, agents: 8, ahtSeconds: 180, patienceSeconds: 120, thresholdSeconds: 20 },
        expected: {
          probabilityOfWait: 0.72262646333878298,
          probabilityOfAbandonment: 0.25798238128775812,
          serviceLevelOfAll: 0.40321302738024722,
          serviceLevelOfAnswered: 0.54340088053436806,
          abandonedWithinThreshold: 0.10095597075596063,
          asaOfAnsweredSeconds: 29.267987164722324,
          averageWaitAllSeconds: 30.957885754530975,
        },
      },
      {
        input: { offeredLoadErlangs: 4, agents: 5, ahtSeconds: 300, patienceSeconds: 200, thresholdSeconds: 60 },
        expected: {
          probabilityOfWait: 0.34514428428454624,
          probabilityOfAbandonment: 0.1171642483744413,
          serviceLevelOfAll: 0.77888050856481777,
          serviceLevelOfAnswered: 0.8822484897453134,
          abandonedWithinThreshold: 0.070972129783625679,
          asaOfAnsweredSeconds: 18.300247187812504,
          averageWaitAllSeconds: 23.432849674888261,
        },
      },
    ];
    for (const { input, expected } of references) {
      const r = erlangA(input);
      for (const [key, value] of Object.entries(expected)) {
        expect(relativeError(r[key as keyof typeof expected] as number, value)).toBeLessThan(1e-13);
      }
    }
  });

  it('matches the birth-death chain of the queue (P(wait), abandonment, mean waits, occupancy)', () => {
    for (const [a, n, aht, patience] of [
      [10, 8, 180, 120],
      [10, 11, 180, 300],
      [4, 5, 300, 200],
      [30, 20, 240, 60],
      [2, 1, 300, 600],
      // Overloaded with a long queue: the queue sums start at a mode of 100 and 400 states.
      [100, 50, 300, 600],
      [300, 200, 300, 1200],
    ]) {
      const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: 20 });
      const chain = birthDeath(a, n, aht, patience, 2000);
      expect(relativeError(r.probabilityOfWait, chain.probabilityOfWait)).toBeLessThan(1e-11);
      expect(relativeError(r.probabilityOfAbandonment, chain.probabilityOfAbandonment)).toBeLessThan(1e-11);
      expect(relativeError(r.averageWaitAllSeconds, chain.averageWaitAllSeconds)).toBeLessThan(1e-11);
      expect(relativeError(r.asaOfAnsweredSeconds as number, chain.asaOfAnsweredSeconds)).toBeLessThan(1e-11);
      expect(relativeError(r.occupancy as number, chain.occupancy)).toBeLessThan(1e-11);
      expect(r.probabilityAnswered + r.probabilityOfAbandonment).toBeCloseTo(1, 14);
    }
  });

  it('matches the Garnett-Mandelbaum-Reiman formula P(Ab | W) = 1 / (rho A) + 1 - 1 / rho, A via the incomplete gamma function', () => {
    for (const [a, n, aht, patience] of [
      [10, 8, 180, 120],
      [10, 11, 180, 300],
      [48, 45, 240, 90],
    ]) {
      const x = (a * patience) / aht; // lambda / theta in GMR's notation (theta = 1 / patience)
      const y = (n * patience) / aht; // n mu / theta
      const rho = a / n;
      // A(y, x) = y e^x x^-y gamma(y, x), with gamma(y, x) = Gamma(y) P(y, x)
      const gmrA = Math.exp(Math.log(y) + x - y * Math.log(x) + logGamma(y) + Math.log(regularizedGammaP(y, x)));
      const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: 20 });
      expect(relativeError(r.probabilityOfAbandonment / r.probabilityOfWait, 1 / (rho * gmrA) + 1 - 1 / rho)).toBeLessThan(1e-9);
    }
  });

  it('matches an independent uniformization of the wait for service level and abandonment within T', () => {
    for (const [a, n, aht, patience, t] of [
      [10, 8, 180, 120, 20],
      [10, 11, 180, 300, 30],
      [4, 5, 300, 200, 60],
      [30, 20, 240, 60, 10],
      [100, 50, 300, 600, 300],
    ]) {
      const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t });
      const reference = waitByUniformization(a, n, aht, patience, t, 400);
      expect(relativeError(r.serviceLevelOfAll, reference.serviceLevelOfAll)).toBeLessThan(1e-9);
      expect(relativeError(r.abandonedWithinThreshold, reference.abandonedWithinThreshold)).toBeLessThan(1e-9);
    }
  });

  it('agrees with a Monte-Carlo simulation', () => {
    // Computed once, not in the test: discrete-event simulation of the M/M/n+M FCFS queue with
    // exponential draws by inversion from the mulberry32 generator, seed 20240601, 2e7 arrivals
    // after 1e5 warm-up arrivals; waits recorded per contact (answered: until answer; abandoned:
    // until abandonment). Every share differed from the formulas by less than 6e-4 and every mean
    // wait by less than 0.1 %, so the tolerances are about 4 standard errors.
    const simulated = [
      {
        input: { offeredLoadErlangs: 10, agents: 8, ahtSeconds: 180, patienceSeconds: 120, thresholdSeconds: 20 },
        probabilityOfWait: 0.72229,
        probabilityOfAbandonment: 0.25775,
        serviceLevelOfAll: 0.40374,
        serviceLevelOfAnswered: 0.54394,
        abandonedWithinThreshold: 0.10083,
        asaOfAnsweredSeconds: 29.239,
        averageWaitAllSeconds: 30.943,
      },
      {
        input: { offeredLoadErlangs: 10, agents: 11, ahtSeconds: 180, patienceSeconds: 300, thresholdSeconds: 30 },
        probabilityOfWait: 0.4597,
        probabilityOfAbandonment: 0.06988,
        serviceLevelOfAll: 0.70579,
        serviceLevelOfAnswered: 0.75882,
        abandonedWithinThreshold: 0.03522,
        asaOfAnsweredSeconds: 19.586,
        averageWaitAllSeconds: 20.965,
      },
    ];
    for (const { input, asaOfAnsweredSeconds, averageWaitAllSeconds, ...shares } of simulated) {
      const r = erlangA(input);
      for (const [key, value] of Object.entries(shares)) {
        expect(Math.abs((r[key as keyof typeof shares] as number) - value)).toBeLessThan(2e-3);
      }
      expect(relativeError(r.asaOfAnsweredSeconds as number, asaOfAnsweredSeconds)).toBeLessThan(5e-3);
      expect(relativeError(r.averageWaitAllSeconds, averageWaitAllSeconds)).toBeLessThan(5e-3);
    }
  });

  it('is stable with fewer agents than Erlangs, and contacts then abandon', () => {
    const r = erlangA({ ...base, offeredLoadErlangs: 10, agents: 8 });
    expectFiniteFigures(r);
    expect(r.probabilityOfAbandonment).toBeGreaterThan(0.2);
    // Agents cannot answer more than n / a of the arrivals.
    expect(r.probabilityAnswered).toBeLessThanOrEqual(8 / 10);
  });

  it('keeps the two readings apart and consistent', () => {
    const r = erlangA({ ...base, offeredLoadErlangs: 10, agents: 9 });
    expect(r.serviceLevelOfAnswered).toBeCloseTo(r.serviceLevelOfAll / r.probabilityAnswered, 14);
    expect(r.serviceLevelOfAnswered).toBeGreaterThan(r.serviceLevelOfAll);
    expect(r.averageWaitAllSeconds).toBeCloseTo(r.probabilityOfAbandonment * base.patienceSeconds, 10);
    // Mean wait of all = answered share x their mean wait + abandoned share x their mean time to abandon.
    expect(r.averageWaitAllSeconds).toBeGreaterThan(r.probabilityAnswered * (r.asaOfAnsweredSeconds as number));
  });

  it('has the right limits in T', () => {
    const input = { ...base, offeredLoadErlangs: 10, agents: 9 };
    const atZero = erlangA({ ...input, thresholdSeconds: 0 });
    expect(atZero.serviceLevelOfAll).toBeCloseTo(1 - atZero.probabilityOfWait, 14);
    expect(atZero.abandonedWithinThreshold).toBeCloseTo(0, 14);
    const long = erlangA({ ...input, thresholdSeconds: 1e5 });
    expect(long.serviceLevelOfAll).toBeCloseTo(long.probabilityAnswered, 12);
    expect(long.serviceLevelOfAnswered).toBeCloseTo(1, 12);
    expect(long.abandonedWithinThreshold).toBeCloseTo(long.probabilityOfAbandonment, 12);
  });

  it('is stable at 1,000 agents and beyond, in every regime', () => {
    const cases = [
      { offeredLoadErlangs: 950, agents: 1000, ahtSeconds: 300, patienceSeconds: 180, thresholdSeconds: 20 },
      { offeredLoadErlangs: 1100, agents: 1000, ahtSeconds: 300, patienceSeconds: 300, thresholdSeconds: 20 },
      { offeredLoadErlangs: 1000, agents: 1000, ahtSeconds: 300, patienceSeconds: 1e7, thresholdSeconds: 20 },
      { offeredLoadErlangs: 4900, agents: 5000, ahtSeconds: 300, patienceSeconds: 60, thresholdSeconds: 20 },
      { offeredLoadErlangs: 1, agents: 1000, ahtSeconds: 300, patienceSeconds: 60, thresholdSeconds: 20 },
    ];
    for (const input of cases) expectFiniteFigures(erlangA(input));
    const chain = birthDeath(950, 1000, 300, 180, 3000);
    expect(relativeError(erlangA(cases[0]).probabilityOfWait, chain.probabilityOfWait)).toBeLessThan(1e-10);
  });

  it('loses the excess load when overloaded with long patience (fluid limit 1 - n / a)', () => {
    // x = lambda / gamma is ~7e7 here: the queue sums run around their peak, far from j = 0.
    const r = erlangA({ offeredLoadErlangs: 2000, agents: 1000, ahtSeconds: 300, patienceSeconds: 1e7, thresholdSeconds: 20 });
    expectFiniteFigures(r);
    expect(r.probabilityOfAbandonment).toBeCloseTo(0.5, 3);
    expect(r.occupancy).toBeCloseTo(1, 3);
  });

  it('answers nobody without agents and waits for nobody without load', () => {
    const none = erlangA({ ...base, offeredLoadErlangs: 5, agents: 0 });
    expect(none).toMatchObject({ probabilityOfWait: 1, probabilityAnswered: 0, serviceLevelOfAll: 0 });
    expect(none.probabilityOfAbandonment).toBeCloseTo(1, 14);
    expect(none.serviceLevelOfAnswered).toBeNull();
    expect(none.asaOfAnsweredSeconds).toBeNull();
    expect(none.occupancy).toBeNull();
    const idle = erlangA({ ...base, offeredLoadErlangs: 0, agents: 2 });
    expect(idle).toMatchObject({ probabilityOfWait: 0, serviceLevelOfAll: 1, averageWaitAllSeconds: 0, occupancy: 0 });
  });

  it('improves with every added agent: service levels rise, abandonment and ASA fall', () => {
    for (const [a, aht, patience, t] of [
      [10, 180, 120, 20],
      [48, 240, 30, 20],
      [120, 300, 600, 30],
      [5, 60, 2, 10],
    ]) {
      const violations: string[] = [];
      let previous = erlangA({ offeredLoadErlangs: a, agents: 1, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t });
      for (let n = 2; n <= 1.5 * a + 10; n++) {
        const current = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t });
        if (current.serviceLevelOfAll < previous.serviceLevelOfAll - 1e-12) violations.push(`SL of all at n = ${n}`);
        if ((current.serviceLevelOfAnswered as number) < (previous.serviceLevelOfAnswered as number) - 1e-12) {
          violations.push(`SL of answered at n = ${n}`);
        }
        if (current.probabilityOfAbandonment > previous.probabilityOfAbandonment + 1e-12) violations.push(`abandonment at n = ${n}`);
        if ((current.asaOfAnsweredSeconds as number) > (previous.asaOfAnsweredSeconds as number) * (1 + 1e-12)) {
          violations.push(`ASA at n = ${n}`);
        }
        previous = current;
      }
      expect(violations).toEqual([]);
    }
  });

  it('gives the state distribution', () => {
    const input = { offeredLoadErlangs: 10, agents: 8, ahtSeconds: 180, patienceSeconds: 120 };
    const pi = erlangAStateProbabilities(input);
    expect(pi.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 14);
    const chain = birthDeath(10, 8, 180, 120, 2000);
    pi.forEach((p, k) => expect(Math.abs(p - chain.pi[k])).toBeLessThan(1e-15));
    expect(pi.slice(8).reduce((s, p) => s + p, 0)).toBeCloseTo(erlangA({ ...input, thresholdSeconds: 0 }).probabilityOfWait, 14);
  });

  it('gives exactly erlangA\'s figures through a model shared by staffings and thresholds', () => {
    const model = erlangAModel(48, 240, 90);
    for (const n of [0, 30, 48, 55, 120]) {
      const at = model.at(n);
      for (const t of [0, 20, 20, 3600]) {
        expect(at(t)).toEqual(erlangA({ offeredLoadErlangs: 48, agents: n, ahtSeconds: 240, patienceSeconds: 90, thresholdSeconds: t }));
      }
    }
    expect(erlangAModel(0, 240, 90).at(3)(20)).toEqual(erlangA({ offeredLoadErlangs: 0, agents: 3, ahtSeconds: 240, patienceSeconds: 90, thresholdSeconds: 20 }));
    expect(() => erlangAModel(48, 240, 0)).toThrow(RangeError);
    expect(() => model.at(-1)).toThrow(RangeError);
    expect(() => model.at(5)(Number.NaN)).toThrow(RangeError);
  });

  it('rejects invalid input', () => {
    expect(() => erlangA({ ...base, offeredLoadErlangs: 10, agents: 8, patienceSeconds: 0 })).toThrow(RangeError);
    expect(() => erlangA({ ...base, offeredLoadErlangs: 10, agents: -1 })).toThrow(RangeError);
    expect(() => erlangA({ ...base, offeredLoadErlangs: 10, agents: 8, thresholdSeconds: Number.POSITIVE_INFINITY })).toThrow(
      RangeError,
    );
  });
});

describe('agentsForServiceLevelErlangA', () => {
  function leastByScan(
    a: number,
    aht: number,
    patience: number,
    target: number,
    t: number,
    reading: 'OF_ALL' | 'OF_ANSWERED',
  ): number {
    for (let n = 0; ; n++) {
      const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t });
      const sl = reading === 'OF_ALL' ? r.serviceLevelOfAll : r.serviceLevelOfAnswered;
      if (sl !== null && sl >= target) return n;
    }
  }

  it('returns the least staffing under either reading, as an exhaustive scan does', () => {
    for (const [a, aht, patience, target, t] of [
      [10, 180, 120, 0.8, 20],
      [48, 240, 60, 0.8, 20],
      [48, 240, 5, 0.9, 10],
      [0.4, 300, 200, 0.8, 20],
      [300, 300, 180, 0.95, 15],
    ]) {
      for (const reading of ['OF_ALL', 'OF_ANSWERED'] as const) {
        const found = agentsForServiceLevelErlangA({ offeredLoadErlangs: a, ahtSeconds: aht }, patience, target, t, { reading });
        expect(found?.agents).toBe(leastByScan(a, aht, patience, target, t, reading));
      }
    }
  });

  it('needs no more agents for the answered reading than for the canonical one', () => {
    const workload = { callsPerInterval: 200, ahtSeconds: 240, intervalSeconds: 900 };
    const ofAll = agentsForServiceLevelErlangA(workload, 90, 0.8, 20, { reading: 'OF_ALL' });
    const ofAnswered = agentsForServiceLevelErlangA(workload, 90, 0.8, 20, { reading: 'OF_ANSWERED' });
    expect(ofAnswered?.agents).toBeLessThanOrEqual(ofAll?.agents as number);
    expect(ofAll?.serviceLevelOfAll).toBeGreaterThanOrEqual(0.8);
    expect(ofAnswered?.serviceLevelOfAnswered).toBeGreaterThanOrEqual(0.8);
  });

  it('needs fewer agents than Erlang C, since abandoning contacts shorten the queue', () => {
    const c = agentsForServiceLevel({ offeredLoadErlangs: 48, ahtSeconds: 240 }, 0.8, 20);
    const a = agentsForServiceLevelErlangA({ offeredLoadErlangs: 48, ahtSeconds: 240 }, 60, 0.8, 20, { reading: 'OF_ANSWERED' });
    expect(a?.agents).toBeLessThanOrEqual(c?.agents as number);
  });

  it('applies the extra limits', () => {
    const workload = { offeredLoadErlangs: 48, ahtSeconds: 240 };
    const plain = agentsForServiceLevelErlangA(workload, 30, 0.5, 20, { reading: 'OF_ANSWERED' });
    const limited = agentsForServiceLevelErlangA(workload, 30, 0.5, 20, {
      reading: 'OF_ANSWERED',
      maxAbandonment: 0.02,
      maxAsaOfAnsweredSeconds: 5,
      maxOccupancy: 0.9,
    });
    expect(limited?.agents).toBeGreaterThan(plain?.agents as number);
    expect(limited?.probabilityOfAbandonment).toBeLessThanOrEqual(0.02);
    expect(limited?.asaOfAnsweredSeconds).toBeLessThanOrEqual(5);
    expect(limited?.occupancy).toBeLessThanOrEqual(0.9);
    const oneFewer = erlangA({ ...workload, agents: (limited?.agents as number) - 1, patienceSeconds: 30, thresholdSeconds: 20 });
    expect(
      oneFewer.probabilityOfAbandonment > 0.02 ||
        (oneFewer.asaOfAnsweredSeconds as number) > 5 ||
        (oneFewer.occupancy as number) > 0.9 ||
        (oneFewer.serviceLevelOfAnswered as number) < 0.5,
    ).toBe(true);
  });

  it('gives up at maxAgents and handles no load', () => {
    expect(
      agentsForServiceLevelErlangA({ offeredLoadErlangs: 48, ahtSeconds: 240 }, 60, 0.8, 20, { reading: 'OF_ALL', maxAgents: 30 }),
    ).toBeNull();
    expect(
      agentsForServiceLevelErlangA({ offeredLoadErlangs: 0, ahtSeconds: 240 }, 60, 0.8, 20, { reading: 'OF_ALL' })?.agents,
    ).toBe(0);
  });

  it('finds the least staffing at the corners of the bounds, as the walk of single steps did', () => {
    // The maximum load with long patience and threshold: the answered reading is met far below the
    // load (a walk from n = a took over a thousand erlangA evaluations there). The expected agents
    // are what that walk returned; each is checked to meet the target with one agent fewer failing.
    const a = BOUNDS.offeredLoadErlangs.max;
    const cases: Array<[number, number, number, number, 'OF_ALL' | 'OF_ANSWERED', number]> = [
      // AHT, patience, T, target, reading, least agents
      [90, 3600, 3600, 0.8, 'OF_ANSWERED', 740],
      [90, 3600, 3600, 0.999999, 'OF_ANSWERED', 757],
      [14400, 3600, 3600, 0.8, 'OF_ANSWERED', 780],
      [90, 3600, 3600, 0.8, 'OF_ALL', 1600],
      [90, 1, 1, 0.8, 'OF_ALL', 1603],
      [90, 3600, 1, 0.999999, 'OF_ALL', 2196],
    ];
    for (const [aht, patience, t, target, reading, expected] of cases) {
      const found = agentsForServiceLevelErlangA({ offeredLoadErlangs: a, ahtSeconds: aht }, patience, target, t, { reading });
      expect(found?.agents).toBe(expected);
      const sl = (n: number) => {
        const r = erlangA({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t });
        return (reading === 'OF_ALL' ? r.serviceLevelOfAll : r.serviceLevelOfAnswered) as number;
      };
      expect(sl(expected)).toBeGreaterThanOrEqual(target);
      expect(sl(expected - 1)).toBeLessThan(target);
      expect(found).toEqual(erlangA({ offeredLoadErlangs: a, agents: expected, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: t }));
    }
  });
});
