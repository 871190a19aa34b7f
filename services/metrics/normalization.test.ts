import { MetricDefinition, describeDefinition } from './catalogue';
import {
  DemandProfile,
  expectedCounts,
  normalizeCommitment,
  normalizeCost,
  ratioParts,
  scoreBids,
  staffForGoal,
} from './normalization';
import { erlangA } from './queueing';

const SL20: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 };
const SL30: MetricDefinition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 30 };
const ABANDON: MetricDefinition = { metric: 'ABANDONMENT_RATE' };
const ASA: MetricDefinition = { metric: 'ASA' };
const CANONICAL = [SL20, SL30, ABANDON, ASA];

/** A representative week of 15-minute intervals: closed at night, two daily peaks, quieter weekends. */
function weekProfile(): DemandProfile {
  const intervals = [];
  for (let day = 0; day < 7; day++) {
    const dayFactor = day >= 5 ? 0.45 : 1 - 0.05 * day;
    for (let q = 0; q < 96; q++) {
      const hour = q / 4;
      const open = hour >= 7 && hour < 22;
      const curve = Math.exp(-((hour - 10.5) ** 2) / 6) + 0.8 * Math.exp(-((hour - 15) ** 2) / 8) + 0.15;
      intervals.push({ offered: open ? Math.round(110 * dayFactor * curve) : 0, ahtSeconds: 220 + 40 * Math.sin(q / 7) });
    }
  }
  return { intervalSeconds: 900, intervals, patienceSeconds: 90 };
}

/** A short profile for the variant tests: a quiet, a busy and an empty interval. */
const SMALL: DemandProfile = {
  intervalSeconds: 900,
  patienceSeconds: 60,
  intervals: [
    { offered: 100, ahtSeconds: 180 },
    { offered: 35, ahtSeconds: 240 },
    { offered: 0, ahtSeconds: 0 },
    { offered: 260, ahtSeconds: 300 },
  ],
};

const valueOf = (result: ReturnType<typeof normalizeCommitment>, def: MetricDefinition): number => {
  const found = result.canonical.find((c) => c.label === describeDefinition(def));
  if (!found || found.value === null) throw new Error(`no value for ${describeDefinition(def)}`);
  return found.value;
};

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

describe('ratioParts', () => {
  it('applies the catalogue formulas and refuses metrics a queueing model cannot predict', () => {
    const c = expectedCounts({ offered: 100, ahtSeconds: 180 }, 21, 900, 60, [10, 20]);
    const A = c.answeredWithin[20];
    const B = c.abandonedWithin[20];
    const B10 = c.abandonedWithin[10];
    const parts = (def: MetricDefinition) => {
      const p = ratioParts(def, c);
      if (!p.convertible) throw new Error(p.reason);
      return [p.numerator, p.denominator];
    };
    expect(parts(SL20)).toEqual([A, 100]);
    expect(parts({ ...SL20, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 })).toEqual([A, 100 - B10]);
    expect(parts({ ...SL20, variant: 'OF_ANSWERED' })).toEqual([A, c.answered]);
    expect(parts({ ...SL20, variant: 'ABANDONS_WITHIN_T_COUNT_AS_MET' })).toEqual([A + B, 100]);
    expect(parts({ ...SL20, variant: 'ABANDONS_WITHIN_T_EXCLUDED' })).toEqual([A, 100 - B]);
    expect(parts(ABANDON)).toEqual([c.abandoned, 100]);
    expect(parts({ ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 })).toEqual([c.abandoned - B10, 100 - B10]);
    expect(parts(ASA)).toEqual([c.answeredWaitSeconds, c.answered]);
    expect(parts({ ...ASA, variant: 'AVERAGE_WAIT_ALL' })).toEqual([c.answeredWaitSeconds + c.abandonedWaitSeconds, 100]);

    const aht = ratioParts({ metric: 'AHT' }, c);
    expect(aht.convertible).toBe(false);
    expect(!aht.convertible && aht.reason).toMatch(/cannot be converted/);
    const invalid = ratioParts({ metric: 'SERVICE_LEVEL' }, c);
    expect(!invalid.convertible && invalid.reason).toMatch(/thresholdSeconds is required/);
  });
});

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
});

describe('normalizeCommitment', () => {
  it('round-trips a commitment stated in a canonical definition (SL, abandonment, ASA)', () => {
    for (const profile of [SMALL, weekProfile()]) {
      for (const [def, goal] of [
        [SL20, 0.8],
        [SL30, 0.9],
        [ABANDON, 0.04],
        [ASA, 25],
      ] as Array<[MetricDefinition, number]>) {
        const r = normalizeCommitment(profile, { definition: def, goal }, CANONICAL);
        expect(r.convertible).toBe(true);
        expect(Math.abs(valueOf(r, def) - goal)).toBeLessThan(1e-9);
        expect(Math.abs((r.ownValue as number) - goal)).toBeLessThan(1e-9);
      }
    }
  });

  it('matches a single interval computed by hand from erlangA (100 per 900 s, AHT 180 s, patience 60 s)', () => {
    const profile: DemandProfile = { intervalSeconds: 900, patienceSeconds: 60, intervals: [{ offered: 100, ahtSeconds: 180 }] };
    const r = normalizeCommitment(profile, { definition: SL20, goal: 0.8 }, [SL20, ABANDON, ASA, { ...ASA, variant: 'AVERAGE_WAIT_ALL' }]);
    const at = (n: number, t = 20) =>
      erlangA({ offeredLoadErlangs: 20, agents: n, ahtSeconds: 180, patienceSeconds: 60, thresholdSeconds: t });
    let n = 0;
    while (at(n).serviceLevelOfAll < 0.8) n++;
    const lo = at(n - 1);
    const hi = at(n);
    const f = (0.8 - lo.serviceLevelOfAll) / (hi.serviceLevelOfAll - lo.serviceLevelOfAll);
    const x = n - 1 + f;
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(30);
    expect(r.agentsPerInterval[0]).toBeCloseTo(x, 10);
    expect(r.staffedHours).toBeCloseTo(x / 4, 10);
    const mix = (u: number, v: number) => (1 - f) * u + f * v;
    expect(valueOf(r, SL20)).toBeCloseTo(0.8, 12);
    expect(valueOf(r, ABANDON)).toBeCloseTo(mix(lo.probabilityOfAbandonment, hi.probabilityOfAbandonment), 10);
    const answered = mix(lo.probabilityAnswered, hi.probabilityAnswered);
    const answeredWait = mix(
      lo.probabilityAnswered * (lo.asaOfAnsweredSeconds as number),
      hi.probabilityAnswered * (hi.asaOfAnsweredSeconds as number),
    );
    expect(valueOf(r, ASA)).toBeCloseTo(answeredWait / answered, 8);
    expect(valueOf(r, { ...ASA, variant: 'AVERAGE_WAIT_ALL' })).toBeCloseTo(mix(lo.averageWaitAllSeconds, hi.averageWaitAllSeconds), 8);
    expect(r.totals?.answered).toBeCloseTo(100 * answered, 8);
  });

  it('converts lenient service-level variants to a lower canonical figure', () => {
    const profile = weekProfile();
    const cases: MetricDefinition[] = [
      { ...SL30, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 },
      { ...SL30, variant: 'OF_ANSWERED' },
      { ...SL30, variant: 'ABANDONS_WITHIN_T_COUNT_AS_MET' },
      { ...SL30, variant: 'ABANDONS_WITHIN_T_EXCLUDED' },
    ];
    const canonicalHours = normalizeCommitment(profile, { definition: SL30, goal: 0.85 }, CANONICAL).staffedHours as number;
    for (const def of cases) {
      const r = normalizeCommitment(profile, { definition: def, goal: 0.85 }, CANONICAL);
      expect(r.convertible).toBe(true);
      expect(Math.abs((r.ownValue as number) - 0.85)).toBeLessThan(1e-9);
      expect(valueOf(r, SL30)).toBeLessThan(0.85);
      expect(r.staffedHours as number).toBeLessThan(canonicalHours);
    }
  });

  it('converts abandonment excluding short abandons to a higher canonical rate', () => {
    const def: MetricDefinition = { ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10 };
    const r = normalizeCommitment(SMALL, { definition: def, goal: 0.05 }, CANONICAL);
    expect(Math.abs((r.ownValue as number) - 0.05)).toBeLessThan(1e-9);
    expect(valueOf(r, ABANDON)).toBeGreaterThan(0.05);
  });

  it('reports commitments and canonical figures that cannot be converted', () => {
    const r = normalizeCommitment(SMALL, { definition: { metric: 'CSAT' }, goal: 0.8 }, [SL20]);
    expect(r.convertible).toBe(false);
    expect(r.reason).toMatch(/cannot be converted/);
    expect(r.canonical[0].value).toBeNull();
    const bad = normalizeCommitment(SMALL, { definition: SL20, goal: 80 }, [SL20]);
    expect(bad.convertible).toBe(false);
    expect(bad.reason).toMatch(/goal must be from 0 to 1/);
    const mixed = normalizeCommitment(SMALL, { definition: SL20, goal: 0.8 }, [SL20, { metric: 'AHT' }]);
    expect(mixed.convertible).toBe(true);
    expect(mixed.canonical[1]).toMatchObject({ value: null, reason: expect.stringMatching(/cannot be converted/) });
  });

  it('normalizes a week of 672 intervals (timed by npm run bench:staffing, not here)', () => {
    const profile = weekProfile();
    expect(profile.intervals).toHaveLength(672);
    const r = normalizeCommitment(
      profile,
      { definition: { ...SL20, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5 }, goal: 0.8 },
      [SL20, SL30, ABANDON, ASA, { ...ASA, variant: 'AVERAGE_WAIT_ALL' }],
    );
    expect(r.convertible).toBe(true);
    expect(r.agentsPerInterval).toHaveLength(672);
  });
});

describe('normalizeCost', () => {
  const profile: DemandProfile = { intervalSeconds: 900, patienceSeconds: 60, intervals: [{ offered: 100, ahtSeconds: 180 }, { offered: 0, ahtSeconds: 0 }] };
  const plan = normalizeCommitment(profile, { definition: SL20, goal: 0.8 }, [SL20]);
  const answered = plan.totals?.answered as number;
  const required = plan.staffedHours as number;

  it('prices per handled contact and per handled minute at the expected answered contacts', () => {
    const perContact = normalizeCost({ model: 'PER_HANDLED_CONTACT', priceMinor: 400, currency: 'EUR' }, plan, profile, 3000);
    expect(perContact.handledContacts).toBeCloseTo(answered, 9);
    expect(perContact.weeklyCostMinor).toBe(Math.round(400 * answered));
    expect(perContact.monthlyCostMinor).toBe(Math.round((400 * answered * 52) / 12));
    expect(perContact.costPerHandledContactMinor).toBeCloseTo(400, 9);
    expect(perContact.payableHours).toBeCloseTo((400 * answered) / 3000, 9);
    expect(perContact.requiredHours).toBeCloseTo(required, 12);
    expect(perContact.feasible).toBe((400 * answered) / 3000 >= required);

    const perMinute = normalizeCost({ model: 'PER_MINUTE', priceMinor: 90, currency: 'EUR' }, plan, profile, 3000);
    expect(perMinute.handledMinutes).toBeCloseTo((answered * 180) / 60, 9);
    expect(perMinute.costPerHandledContactMinor).toBeCloseTo(90 * 3, 9);
    expect(perMinute.weeklyCostMinor).toBe(Math.round(90 * answered * 3));
  });

  it('bills the required hours per productive hour and flags a price below the agent-hour cost', () => {
    const cheap = normalizeCost({ model: 'PER_PRODUCTIVE_HOUR', priceMinor: 2400, currency: 'EUR' }, plan, profile, 3000);
    expect(cheap.billedHours).toBeCloseTo(required, 12);
    expect(cheap.weeklyCostMinor).toBe(Math.round(2400 * required));
    expect(cheap.costPerHandledContactMinor).toBeCloseTo((2400 * required) / answered, 9);
    expect(cheap.payableHours).toBeCloseTo(0.8 * required, 9);
    expect(cheap.feasible).toBe(false);
    expect(cheap.shortfallHours).toBeCloseTo(0.2 * required, 9);
    const fair = normalizeCost({ model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3200, currency: 'EUR' }, plan, profile, 3000);
    expect(fair.feasible).toBe(true);
    expect(fair.shortfallHours).toBe(0);
  });

  it('bills proposed hours and flags a proposal below the required hours', () => {
    const proposed = required - 1;
    const c = normalizeCost(
      { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 5000, currency: 'EUR', proposedHoursPerWeek: proposed },
      plan, profile, 3000,
    );
    expect(c.billedHours).toBe(proposed);
    expect(c.weeklyCostMinor).toBe(Math.round(5000 * proposed));
    expect(c.payableHours).toBeGreaterThan(required);
    expect(c.feasible).toBe(false);
    expect(c.shortfallHours).toBeCloseTo(1, 9);
    expect(c.reasons.join(' ')).toMatch(/proposed/);
  });
});

describe('scoreBids', () => {
  it('scores three bids by hand: best = 100 points, others proportional, infeasible last', () => {
    const weights = {
      price: 50,
      metrics: {
        'SERVICE_LEVEL T=20s': { weight: 30, better: 'HIGHER' as const },
        ABANDONMENT_RATE: { weight: 20, better: 'LOWER' as const },
      },
    };
    const scored = scoreBids(
      [
        { id: 'A', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.8, ABANDONMENT_RATE: 0.04 }, costPerHandledContactMinor: 400, feasible: true },
        { id: 'B', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.6, ABANDONMENT_RATE: 0.05 }, costPerHandledContactMinor: 320, feasible: true },
        // Cheapest and best, but its price cannot pay for its promise: it neither sets the bar nor ranks first.
        { id: 'C', canonicalValues: { 'SERVICE_LEVEL T=20s': 0.9, ABANDONMENT_RATE: 0.02 }, costPerHandledContactMinor: 200, feasible: false },
      ],
      weights,
    );
    const byId = Object.fromEntries(scored.map((s) => [s.id, s]));
    // A: price 100*320/400 = 80, SL 100, abandonment 100 -> (50*80 + 30*100 + 20*100) / 100 = 90
    expect(byId.A.terms.map((t) => t.points)).toEqual([80, 100, 100]);
    expect(byId.A.score).toBeCloseTo(90, 12);
    // B: price 100, SL 100*0.6/0.8 = 75, abandonment 100*0.04/0.05 = 80 -> (5000 + 2250 + 1600) / 100 = 88.5
    expect(byId.B.terms[1].points).toBeCloseTo(75, 12);
    expect(byId.B.terms[2].points).toBeCloseTo(80, 12);
    expect(byId.B.score).toBeCloseTo(88.5, 12);
    // C: capped at 100 on every term -> 100, yet ranked after the feasible bids.
    expect(byId.C.score).toBeCloseTo(100, 12);
    expect(byId.A.rank).toBe(1);
    expect(byId.B.rank).toBe(2);
    expect(byId.C.rank).toBe(3);
    expect(byId.A.terms[0]).toEqual({ name: 'price', weight: 50, value: 400, points: 80, contribution: 40 });
  });

  it('shares a rank between equal scores and gives a missing value 0 points', () => {
    const scored = scoreBids(
      [
        { id: 'X', canonicalValues: { ASA: 20 }, costPerHandledContactMinor: 100, feasible: true },
        { id: 'Y', canonicalValues: { ASA: 20 }, costPerHandledContactMinor: 100, feasible: true },
        { id: 'Z', canonicalValues: {}, costPerHandledContactMinor: 100, feasible: true },
      ],
      { price: 1, metrics: { ASA: { weight: 1, better: 'LOWER' } } },
    );
    expect(scored.map((s) => s.rank)).toEqual([1, 1, 3]);
    expect(scored[2].terms[1]).toMatchObject({ value: null, points: 0 });
    expect(scored[2].score).toBeCloseTo(50, 12);
  });
});
