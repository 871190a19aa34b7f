import { BOUNDS } from './bounds';
import { MetricDefinition, describeDefinition } from './catalogue';
import { DemandProfile } from './demand-profile';
import { erlangA } from './erlang-a';
import { normalizeCommitment } from './normalization';
import { staffForGoal } from './staffing-for-goal';

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

  it('gives every interval of a profile at the maximum load the staffing staffForGoal gives it alone', () => {
    // Intervals near BOUNDS.offeredLoadErlangs.max with AHTs over the whole range, in mixed order:
    // the search of each starts from the most similar interval done before (and equal demands are
    // staffed once), which must change no answer.
    const load = BOUNDS.offeredLoadErlangs.max;
    const intervals = Array.from({ length: 24 }, (_, i) => {
      const aht = 90 * 160 ** (((i * 7) % 24) / 23);
      return { offered: ((load - 5 * (i % 12)) * 900) / aht, ahtSeconds: aht };
    });
    const profile: DemandProfile = { intervalSeconds: 900, patienceSeconds: BOUNDS.patienceSeconds.max, intervals };
    const params = { intervalSeconds: 900, patienceSeconds: BOUNDS.patienceSeconds.max };
    for (const [def, goal] of [
      [{ metric: 'SERVICE_LEVEL', thresholdSeconds: BOUNDS.thresholdSeconds.max, variant: 'ABANDONS_WITHIN_T_EXCLUDED' }, 0.95],
      [{ ...ABANDON, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: BOUNDS.thresholdSeconds.max }, 1e-6],
      [SL20, 0.8],
    ] as Array<[MetricDefinition, number]>) {
      const r = normalizeCommitment(profile, { definition: def, goal }, CANONICAL);
      const alone = intervals.map((interval) => staffForGoal(interval, def, goal, def.metric === 'SERVICE_LEVEL' ? 'AT_LEAST' : 'AT_MOST', params).agents);
      expect(r.agentsPerInterval).toEqual(alone);
      expect(Math.abs((r.ownValue as number) - goal)).toBeLessThan(1e-9);
    }
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
