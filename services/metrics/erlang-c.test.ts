import { agentsForServiceLevel, erlangB, erlangC, erlangCProbabilityOfWait } from './erlang-c';

// ---------------------------------------------------------------------------------------------
// Independent reference computations. They use the textbook definitions directly (sums of
// a^k / k! in log space) and share no code with the module under test.
// ---------------------------------------------------------------------------------------------

function logSumExp(values: number[]): number {
  const high = Math.max(...values);
  return high + Math.log(values.reduce((sum, v) => sum + Math.exp(v - high), 0));
}

/** ln(a^k / k!) for k = 0..n. */
function logPoissonTerms(a: number, n: number): number[] {
  const terms = [0];
  for (let k = 1; k <= n; k++) terms.push(terms[k - 1] + Math.log(a) - Math.log(k));
  return terms;
}

/** Erlang B straight from its definition (a^n / n!) / sum_{k<=n} a^k / k!. */
function erlangBByDefinition(a: number, n: number): number {
  const terms = logPoissonTerms(a, n);
  return Math.exp(terms[n] - logSumExp(terms));
}

/** Erlang C from the factorial form: (a^n/n! * n/(n-a)) / (sum_{k<n} a^k/k! + a^n/n! * n/(n-a)). */
function erlangCByDefinition(a: number, n: number): number {
  const terms = logPoissonTerms(a, n);
  const top = terms[n] + Math.log(n / (n - a));
  return Math.exp(top - logSumExp([...terms.slice(0, n), top]));
}

function expectProbability(value: number | null): void {
  expect(value).not.toBeNull();
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

// ---------------------------------------------------------------------------------------------

describe('Erlang B', () => {
  it('matches the known values', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 15);
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 15);
    expect(erlangB(10, 10)).toBeCloseTo(0.2146, 4);
    expect(relativeError(erlangB(10, 10), 0.21458234310734734)).toBeLessThan(1e-14); // mpmath, 80 digits
  });
  it('agrees with the factorial definition', () => {
    for (const a of [0.1, 1, 2.5, 10, 37.3]) {
      for (const n of [1, 2, 5, 10, 25, 60]) {
        expect(relativeError(erlangB(a, n), erlangBByDefinition(a, n))).toBeLessThan(1e-12);
      }
    }
  });
  it('handles the edges', () => {
    expect(erlangB(5, 0)).toBe(1);
    expect(erlangB(0, 3)).toBe(0);
    // 1 / 1000! underflows to 0, which is the correctly rounded value, not NaN.
    expect(erlangB(1, 1000)).toBe(0);
  });
  it('is stable at 1,000 servers and beyond', () => {
    // mpmath, 60 digits, from the definition (the log-space sum above loses ~n eps at this size).
    for (const [a, n, expected] of [
      [950, 1000, 0.0036492936889424098551],
      [1000, 1000, 0.024811917646160407861],
      [4900, 5000, 0.0022157679024972432134],
    ]) {
      const b = erlangB(a, n);
      expectProbability(b);
      expect(relativeError(b, expected)).toBeLessThan(1e-14);
      expect(relativeError(b, erlangBByDefinition(a, n))).toBeLessThan(1e-9);
    }
  });
  it('rejects invalid input', () => {
    expect(() => erlangB(-1, 2)).toThrow(RangeError);
    expect(() => erlangB(1, 2.5)).toThrow(RangeError);
    expect(() => erlangB(Number.NaN, 2)).toThrow(RangeError);
  });
});

describe('Erlang C', () => {
  // The classic worked example (as in Call Centre Helper's "Erlang C formula - made simple"): 100
  // calls in 30 minutes, AHT 180 s, so a = 10 Erlangs, target 80 % answered within 20 s. The
  // published P(wait) at 11 agents is 0.6821; every figure is also checked against the factorial
  // form computed here and against 80-digit values from mpmath (mp.dps = 80, sums of a^k / k!).
  const example = { offeredLoadErlangs: 10, ahtSeconds: 180, thresholdSeconds: 20 };

  it('reproduces the worked example at 11 agents', () => {
    const result = erlangC({ ...example, agents: 11 });
    if (!result.stable) throw new Error('expected a stable queue');
    expect(result.probabilityOfWait).toBeCloseTo(0.6821, 4);
    expect(relativeError(result.probabilityOfWait, 0.68211820468933237)).toBeLessThan(1e-14); // mpmath
    expect(result.serviceLevel).toBeCloseTo(0.3896, 4);
    expect(result.asaSeconds).toBeCloseTo(122.8, 1);
    expect(result.meanWaitOfDelayedSeconds).toBeCloseTo(180, 10);
    expect(result.occupancy).toBeCloseTo(10 / 11, 15);
    const direct = erlangCByDefinition(10, 11);
    expect(relativeError(result.probabilityOfWait, direct)).toBeLessThan(1e-13);
    // Delayed waits are exponential with rate (n - a) / AHT.
    expect(result.serviceLevel).toBeCloseTo(1 - direct * Math.exp(-(11 - 10) * (20 / 180)), 13);
    expect(result.asaSeconds).toBeCloseTo((direct * 180) / (11 - 10), 10);
  });

  it('meets 80/20 at 14 agents in the worked example', () => {
    const result = erlangC({ ...example, agents: 14 });
    if (!result.stable) throw new Error('expected a stable queue');
    expect(relativeError(result.probabilityOfWait, 0.17413193359504984)).toBeLessThan(1e-14); // mpmath
    expect(result.serviceLevel).toBeCloseTo(1 - 0.17413193359504984 * Math.exp(-4 * (20 / 180)), 14);
    expect(result.serviceLevel).toBeCloseTo(0.888, 3);
    expect(result.asaSeconds).toBeCloseTo(7.8, 1);
  });

  it('agrees with the factorial definition', () => {
    for (const a of [0.2, 1, 4.5, 10, 22]) {
      for (const n of [Math.floor(a) + 1, Math.floor(a) + 2, Math.floor(a) + 5, 30]) {
        const p = erlangCProbabilityOfWait(a, n);
        expect(p).not.toBeNull();
        expect(relativeError(p as number, erlangCByDefinition(a, n))).toBeLessThan(1e-12);
      }
    }
  });

  it('says the queue is unstable for n <= a, with null figures and no NaN or Infinity', () => {
    for (const [a, n] of [
      [10, 10],
      [10, 9],
      [10, 0],
      [0, 0],
    ]) {
      const result = erlangC({ offeredLoadErlangs: a, agents: n, ahtSeconds: 180, thresholdSeconds: 20 });
      expect(result).toEqual({
        offeredLoadErlangs: a,
        agents: n,
        ahtSeconds: 180,
        thresholdSeconds: 20,
        stable: false,
        probabilityOfWait: null,
        serviceLevel: null,
        asaSeconds: null,
        meanWaitOfDelayedSeconds: null,
        occupancy: null,
      });
      expect(erlangCProbabilityOfWait(a, n)).toBeNull();
    }
  });

  it('is stable at n = 1,000, a = 950 and beyond', () => {
    // mpmath, 60 digits, from the factorial form.
    for (const [a, n, expected] of [
      [950, 1000, 0.068253415377141423573],
      [999.5, 1000, 0.98048429618881579026],
      [4900, 5000, 0.099937877234487662349],
    ]) {
      const result = erlangC({ offeredLoadErlangs: a, agents: n, ahtSeconds: 300, thresholdSeconds: 20 });
      if (!result.stable) throw new Error('expected a stable queue');
      expectProbability(result.probabilityOfWait);
      expectProbability(result.serviceLevel);
      expect(Number.isFinite(result.asaSeconds)).toBe(true);
      expect(relativeError(result.probabilityOfWait, expected)).toBeLessThan(1e-14);
    }
  });

  it('has no queue without load', () => {
    const result = erlangC({ offeredLoadErlangs: 0, agents: 3, ahtSeconds: 300, thresholdSeconds: 20 });
    expect(result).toMatchObject({ stable: true, probabilityOfWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 });
  });

  it('service level rises and ASA falls with every added agent', () => {
    for (const a of [3.7, 48, 480]) {
      let previous = erlangC({ offeredLoadErlangs: a, agents: Math.floor(a) + 1, ahtSeconds: 240, thresholdSeconds: 20 });
      for (let n = Math.floor(a) + 2; n < a + 40; n++) {
        const current = erlangC({ offeredLoadErlangs: a, agents: n, ahtSeconds: 240, thresholdSeconds: 20 });
        if (!current.stable || !previous.stable) throw new Error('expected a stable queue');
        // Non-strict: far above a the service level rounds to exactly 1.
        expect(current.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel);
        expect(current.asaSeconds).toBeLessThanOrEqual(previous.asaSeconds);
        if (previous.serviceLevel < 1 - 1e-12) expect(current.serviceLevel).toBeGreaterThan(previous.serviceLevel);
        previous = current;
      }
    }
  });
});

describe('agentsForServiceLevel (Erlang C)', () => {
  it('finds 14 agents for 80/20 in the worked example, from the load or from the volume', () => {
    const fromLoad = agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 0.8, 20);
    const fromVolume = agentsForServiceLevel({ callsPerInterval: 100, ahtSeconds: 180, intervalSeconds: 1800 }, 0.8, 20);
    expect(fromLoad?.agents).toBe(14);
    expect(fromVolume).toEqual(fromLoad);
    expect(fromLoad).toEqual(erlangC({ offeredLoadErlangs: 10, agents: 14, ahtSeconds: 180, thresholdSeconds: 20 }));
  });

  it('returns the least staffing, as an exhaustive scan does', () => {
    const cases: Array<[number, number, number, number, { maxAsaSeconds?: number; maxOccupancy?: number }]> = [
      [0.3, 300, 0.8, 20, {}],
      [48, 240, 0.8, 20, {}],
      [48, 240, 0.9, 10, { maxAsaSeconds: 5 }],
      [48, 240, 0.5, 60, { maxOccupancy: 0.85 }],
      [480, 300, 0.95, 15, {}],
      [950, 300, 0.8, 20, { maxOccupancy: 0.9 }],
    ];
    for (const [a, aht, target, t, options] of cases) {
      let expected = 0;
      for (let n = 0; ; n++) {
        const r = erlangC({ offeredLoadErlangs: a, agents: n, ahtSeconds: aht, thresholdSeconds: t });
        if (
          r.stable &&
          r.serviceLevel >= target &&
          (options.maxAsaSeconds === undefined || r.asaSeconds <= options.maxAsaSeconds) &&
          (options.maxOccupancy === undefined || r.occupancy <= options.maxOccupancy)
        ) {
          expected = n;
          break;
        }
      }
      expect(agentsForServiceLevel({ offeredLoadErlangs: a, ahtSeconds: aht }, target, t, options)?.agents).toBe(expected);
    }
  });

  it('respects minAgents and gives up at maxAgents', () => {
    expect(agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 0.8, 20, { minAgents: 20 })?.agents).toBe(20);
    expect(agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 0.8, 20, { maxAgents: 13 })).toBeNull();
    // An ASA of zero is never reached by a queue with random arrivals.
    expect(agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 0.8, 20, { maxAsaSeconds: 0 })).toBeNull();
  });

  it('needs one agent when nothing arrives', () => {
    expect(agentsForServiceLevel({ offeredLoadErlangs: 0, ahtSeconds: 180 }, 0.8, 20)?.agents).toBe(1);
  });

  it('refuses targets that cannot be met or make no sense', () => {
    expect(() => agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 1, 20)).toThrow(RangeError);
    expect(() => agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 180 }, 0.8, -1)).toThrow(RangeError);
    expect(() => agentsForServiceLevel({ offeredLoadErlangs: 10, ahtSeconds: 0 }, 0.8, 20)).toThrow(RangeError);
  });
});
