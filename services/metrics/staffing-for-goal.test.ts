import { BOUNDS } from './bounds';
import { MetricDefinition } from './catalogue';
import { ratioParts } from './convertible-definitions';
import { erlangA } from './erlang-a';
import { expectedCounts } from './expected-counts';
import { staffForGoal } from './staffing-for-goal';

const SL20: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 };
const SL30: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 30 };
const ABANDON: MetricDefinition = { metric: 'ABANDONMENT_RATE' };
const ASA: MetricDefinition = { metric: 'ASA' };

describe('staffForGoal', () => {
  const params = { intervalSeconds: 900, patienceSeconds: 60 };
  const interval = { offered: 100, ahtSeconds: 180 };

  it('finds the least fractional staffing that meets the goal exactly', () => {
    const s = staffForGoal(interval, SL20, 0.8, 'AT_LEAST', params);
    const sl = (n: number) =>
      erlangA({ offeredLoadErlangs: 20, agents: n, ahtSeconds: 180, patienceSeconds: 60, thresholdSeconds: 20 }).serviceLevelOfAll;
    let n = 0;
    while (sl(n) < 0.8) n++;
    expect(s.base).toBe(n - 1);
    // Canonical SL has the constant denominator O, so the mix is linear in f.
    expect(s.fraction).toBeCloseTo((0.8 - sl(n - 1)) / (sl(n) - sl(n - 1)), 12);
    expect(s.value).toBeCloseTo(0.8, 12);
    expect(s.unconstrained).toBe(false);
  });

  it('finds the same least whole staffing as a linear scan from 0 agents (grid of variants and loads)', () => {
    const defs: Array<[MetricDefinition, number]> = [
      [SL20, 0.8],
      [{ ...SL30, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 }, 0.85],
      [{ ...SL20, variant: 'OF_ANSWERED' }, 0.9],
      [{ ...SL20, variant: 'ABANDONS_WITHIN_T_COUNT_AS_MET' }, 0.7],
      [{ ...SL20, variant: 'ABANDONS_WITHIN_T_EXCLUDED' }, 0.75],
      [ABANDON, 0.03],
      [{ ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5 }, 0.1],
      [ASA, 10],
      [{ ...ASA, variant: 'AVERAGE_WAIT_ALL' }, 20],
    ];
    for (const offered of [3, 40, 100, 400]) {
      const demand = { offered, ahtSeconds: 200 };
      for (const [def, goal] of defs) {
        const s = staffForGoal(demand, def, goal, def.metric === 'SERVICE_LEVEL' ? 'AT_LEAST' : 'AT_MOST', params);
        const value = (n: number) => {
          const p = ratioParts(def, expectedCounts(demand, n, 900, 60, [10, 20, 30, 5]));
          if (!p.convertible) throw new Error(p.reason);
          return p.denominator > 0 ? p.numerator / p.denominator : null;
        };
        const meets = (v: number | null) => v !== null && (def.metric === 'SERVICE_LEVEL' ? v >= goal : v <= goal);
        let n = 0;
        while (!meets(value(n))) n++;
        expect(s.base).toBe(Math.max(0, n - 1));
        if (!s.unconstrained) expect(s.value).toBeCloseTo(goal, 9);
      }
    }
  });

  it('staffs AT_MOST goals of abandonment and ASA and gives 0 for no demand', () => {
    const ab = staffForGoal(interval, ABANDON, 0.05, 'AT_MOST', params);
    expect(ab.value).toBeCloseTo(0.05, 12);
    const asa = staffForGoal(interval, ASA, 15, 'AT_MOST', params);
    expect(asa.value).toBeCloseTo(15, 9);
    expect(staffForGoal({ offered: 0, ahtSeconds: 0 }, SL20, 0.8, 'AT_LEAST', params).agents).toBe(0);
  });

  it('treats a goal 1 agent already beats, for a figure undefined at 0 agents, as no constraint', () => {
    const quiet = { offered: 2, ahtSeconds: 180 };
    const s = staffForGoal(quiet, ASA, 120, 'AT_MOST', params);
    expect(s.agents).toBe(0);
    expect(s.unconstrained).toBe(true);
  });

  it('refuses a comparator against the metric direction and reports unreachable goals', () => {
    expect(() => staffForGoal(interval, SL20, 0.8, 'AT_MOST', params)).toThrow(/AT_LEAST/);
    const never = staffForGoal(interval, ABANDON, 0, 'AT_MOST', params);
    expect(never.agents).toBeNull();
    expect(never.reason).toMatch(/not met with up to 110 agents/);
  });

  it('finds the least staffing at the maximum load, wherever the search starts', () => {
    // BOUNDS at their ends: the maximum load from the most contacts an interval takes, the longest
    // patience and thresholds; promises met far below the load, near it, and far above it.
    const load = BOUNDS.offeredLoadErlangs.max;
    const demand = { offered: BOUNDS.contactsPerInterval.max, ahtSeconds: (load * 900) / BOUNDS.contactsPerInterval.max };
    const long = { intervalSeconds: 900, patienceSeconds: BOUNDS.patienceSeconds.max };
    const T = BOUNDS.thresholdSeconds.max;
    const promises: Array<[MetricDefinition, number]> = [
      [{ ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: T }, 1e-6],
      [{ metric: 'SERVICE_LEVEL', thresholdSeconds: T, variant: 'ABANDONS_WITHIN_T_EXCLUDED' }, 0.95],
      [{ metric: 'SERVICE_LEVEL', thresholdSeconds: BOUNDS.thresholdSeconds.min }, 0.999999],
      [ABANDON, 0],
    ];
    for (const [def, goal] of promises) {
      const comparator = def.metric === 'SERVICE_LEVEL' ? 'AT_LEAST' : 'AT_MOST';
      const s = staffForGoal(demand, def, goal, comparator, long);
      const value = (n: number) => {
        const p = ratioParts(def, expectedCounts(demand, n, 900, long.patienceSeconds, [T, BOUNDS.thresholdSeconds.min]));
        if (!p.convertible) throw new Error(p.reason);
        return p.numerator / p.denominator;
      };
      const meets = (v: number) => (comparator === 'AT_LEAST' ? v >= goal : v <= goal);
      // The least whole staffing that meets the goal; the mix solved for the goal lies just below it.
      const n = (s.base as number) + 1;
      expect(meets(value(n))).toBe(true);
      expect(meets(value(n - 1))).toBe(false);
      for (const estimate of [0, 1, n, BOUNDS.agents.max, 1e9]) expect(staffForGoal(demand, def, goal, comparator, long, estimate)).toEqual(s);
    }
  });
});
