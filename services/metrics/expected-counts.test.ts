import { expectedCounts } from './expected-counts';
import { erlangA } from './erlang-a';

describe('expectedCounts', () => {
  it('turns Erlang A probabilities into counts that add up', () => {
    const interval = { offered: 100, ahtSeconds: 180 };
    const c = expectedCounts(interval, 21, 900, 60, [10, 20, 20, 30]);
    expect(Object.keys(c.answeredWithin).map(Number).sort((p, q) => p - q)).toEqual([10, 20, 30]);
    expect(c.answered + c.abandoned).toBeCloseTo(100, 9);
    expect(c.answeredWithin[10]).toBeLessThan(c.answeredWithin[20]);
    expect(c.answeredWithin[30]).toBeLessThan(c.answered);
    expect(c.abandonedWithin[30]).toBeLessThan(c.abandoned);
    const r = erlangA({ offeredLoadErlangs: 20, agents: 21, ahtSeconds: 180, patienceSeconds: 60, thresholdSeconds: 20 });
    expect(c.answeredWithin[20]).toBeCloseTo(100 * r.serviceLevelOfAll, 12);
    expect(c.abandonedWithin[20]).toBeCloseTo(100 * r.abandonedWithinThreshold, 12);
    expect(c.answeredWaitSeconds).toBeCloseTo(100 * r.probabilityAnswered * (r.asaOfAnsweredSeconds as number), 9);
    // Little's law: total wait of all arrivals = offered x P(abandon) x patience.
    expect(c.answeredWaitSeconds + c.abandonedWaitSeconds).toBeCloseTo(100 * r.probabilityOfAbandonment * 60, 9);
    expect(c.handleSeconds).toBeCloseTo(c.answered * 180, 9);
  });

  it('gives all zeros for a zero-volume interval', () => {
    const c = expectedCounts({ offered: 0, ahtSeconds: 0 }, 0, 900, 60, [20]);
    expect(c).toEqual({
      offered: 0, answered: 0, abandoned: 0, answeredWithin: { 20: 0 }, abandonedWithin: { 20: 0 },
      answeredWaitSeconds: 0, abandonedWaitSeconds: 0, handleSeconds: 0,
    });
  });

  it('with no agents every contact abandons after waiting the patience on average', () => {
    const c = expectedCounts({ offered: 50, ahtSeconds: 200 }, 0, 900, 60, [20]);
    expect(c.answered).toBe(0);
    expect(c.abandoned).toBeCloseTo(50, 12);
    expect(c.abandonedWaitSeconds).toBeCloseTo(50 * 60, 9);
    expect(c.abandonedWithin[20]).toBeCloseTo(50 * (1 - Math.exp(-20 / 60)), 9);
  });
});
