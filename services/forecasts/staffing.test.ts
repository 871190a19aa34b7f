import type { TargetFacts, TargetVersionFacts } from '../clients/contracts';
import { agentsForServiceLevel } from '../metrics/erlang-c';
import { agentsForServiceLevelErlangA, erlangA } from '../metrics/erlang-a';
import { staffIntervals, targetResolver } from './staffing';
import { validateForecast } from './publish';
import { supersededBy, supersessionStatus } from './versions';
import type { ForecastRow } from './entities/forecast';

function version(over: Partial<TargetVersionFacts>): TargetVersionFacts {
  return {
    effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: null, queueId: 'q1', metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20,
    shortAbandonSeconds: null, repeatWindowDays: null, tolerance: null, goal: 0.8, comparator: 'AT_LEAST', window: 'DAY', creditPercentPerPoint: null, creditCapPercent: null,
    ...over,
  };
}
const at = (iso: string) => Date.parse(iso) / 1000;

describe('the target a queue is staffed for', () => {
  const targets: TargetFacts[] = [
    { id: 'own', contractId: 'c', history: [version({ effectiveTo: '2026-02-01T00:00:00.000Z' }), version({ effectiveFrom: '2026-02-01T00:00:00.000Z', goal: 0.9 })] },
    { id: 'wide', contractId: 'c', history: [version({ queueId: null, goal: 0.7, thresholdSeconds: 30, variant: 'OF_ANSWERED', effectiveFrom: '2025-12-01T00:00:00.000Z' })] },
    { id: 'asa', contractId: 'c', history: [version({ metric: 'ASA', goal: 30, comparator: 'AT_MOST', thresholdSeconds: null })] },
    { id: 'other', contractId: 'c', history: [version({ queueId: 'q2', goal: 0.95 })] },
  ];
  it('takes the queue target in force, then the contract-wide one, never another queue or metric', () => {
    const resolve = targetResolver('q1', targets);
    expect(resolve(at('2026-01-15T00:00:00Z'))).toMatchObject({ targetId: 'own', goal: 0.8, reading: 'OF_ALL', approximate: false });
    expect(resolve(at('2026-02-15T00:00:00Z'))).toMatchObject({ targetId: 'own', goal: 0.9 });
    expect(resolve(at('2025-12-15T00:00:00Z'))).toMatchObject({ targetId: 'wide', goal: 0.7, thresholdSeconds: 30, reading: 'OF_ANSWERED' });
    expect(resolve(at('2025-11-15T00:00:00Z'))).toBeNull();
    expect(targetResolver('q3', targets)(at('2026-01-15T00:00:00Z'))).toMatchObject({ targetId: 'wide' });
  });
  it('marks variants without an exact queueing counterpart as approximate', () => {
    const resolve = targetResolver('q1', [{ id: 'x', contractId: 'c', history: [version({ variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5 })] }]);
    expect(resolve(at('2026-01-15T00:00:00Z'))).toMatchObject({ reading: 'OF_ALL', approximate: true });
  });
});

describe('staffing intervals', () => {
  const target = { targetId: 't', goal: 0.8, thresholdSeconds: 20, variant: 'CANONICAL', reading: 'OF_ALL' as const, approximate: false };
  it('staffs each interval by Erlang C, and by Erlang A with a patience, with FTE after shrinkage', () => {
    const [busy, closed] = staffIntervals(
      [{ startEpoch: 0, volume: 100, ahtSeconds: 300, plannedAgents: 35 }, { startEpoch: 900, volume: 0, ahtSeconds: 300, plannedAgents: 0 }],
      { granularitySeconds: 900, shrinkage: 0.2, patienceSeconds: 120, targetAt: () => target },
    );
    const c = agentsForServiceLevel({ offeredLoadErlangs: 100 / 3, ahtSeconds: 300 }, 0.8, 20)!;
    const a = agentsForServiceLevelErlangA({ offeredLoadErlangs: 100 / 3, ahtSeconds: 300 }, 120, 0.8, 20, { reading: 'OF_ALL' })!;
    expect(busy.staffing).toMatchObject({ model: 'ERLANG_A', requiredAgents: a.agents, erlangC: { agents: c.agents }, erlangA: { agents: a.agents } });
    expect(busy.staffing!.scheduledFte).toBeCloseTo(a.agents / 0.8, 12);
    expect(busy.staffing!.requiredProductiveHours).toBeCloseTo(a.agents / 4, 12);
    const planned = erlangA({ offeredLoadErlangs: 100 / 3, agents: 35, ahtSeconds: 300, patienceSeconds: 120, thresholdSeconds: 20 });
    expect(busy.planned).toMatchObject({ agents: 35, atRisk: planned.serviceLevelOfAll < 0.8 });
    expect(busy.planned!.expectedServiceLevel).toBeCloseTo(planned.serviceLevelOfAll, 12);
    expect(closed.staffing).toMatchObject({ requiredAgents: 0, scheduledFte: 0 });
    expect(closed.planned).toMatchObject({ atRisk: false });
  });
  it('leaves staffing null with a reason when no target is in force', () => {
    const [r] = staffIntervals([{ startEpoch: 0, volume: 10, ahtSeconds: 300, plannedAgents: 2 }], { granularitySeconds: 900, shrinkage: null, patienceSeconds: null, targetAt: () => null });
    expect(r).toMatchObject({ staffing: null, planned: null });
    expect(r.note).toMatch(/no SERVICE_LEVEL target/);
  });
});

describe('forecast validation and supersession', () => {
  const base = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-02T02:00:00Z'), granularityMinutes: 30 };
  it('checks the grid of the stated granularity', () => {
    const ok = validateForecast({ ...base, intervals: [{ start: new Date('2026-03-02T01:30:00Z'), volume: 1, ahtSeconds: 1 }] });
    expect(ok).toEqual([]);
    const off = validateForecast({ ...base, intervals: [{ start: new Date('2026-03-02T01:15:00Z'), volume: 1, ahtSeconds: 1 }] });
    expect(off[0].field).toBe('intervals[0].start');
    expect(validateForecast({ ...base, to: new Date('2026-03-02T01:45:00Z'), intervals: [] })[0].field).toBe('to');
  });
  it('supersedes by horizon, newest first, and knows a version covered in full', () => {
    const v = (version: number, from: number, to: number) => ({ version, fromEpoch: from, toEpoch: to }) as ForecastRow;
    const versions = [v(1, 0, 100), v(2, 50, 150), v(3, 0, 60)];
    expect(supersededBy(versions[0], versions, 10)).toBe(3);
    expect(supersededBy(versions[0], versions, 70)).toBe(2);
    expect(supersededBy(versions[1], versions, 70)).toBeNull();
    expect(supersessionStatus(versions[0], versions)).toEqual({ status: 'SUPERSEDED', byVersions: [2, 3] });
    expect(supersessionStatus(versions[1], versions)).toEqual({ status: 'PARTLY_SUPERSEDED', byVersions: [3] });
    expect(supersessionStatus(versions[2], versions).status).toBe('CURRENT');
  });
});

describe('Erlang A staffing by bisection', () => {
  const target = (goal: number, thresholdSeconds: number, reading: 'OF_ALL' | 'OF_ANSWERED') => ({ targetId: 't', goal, thresholdSeconds, variant: 'CANONICAL', reading, approximate: false });
  it('finds the agents agentsForServiceLevelErlangA finds, loads up to the bound included', () => {
    const cases: Array<[number, number, number, number, number, 'OF_ALL' | 'OF_ANSWERED']> = [];
    for (const [volume, aht] of [[100, 300], [20_000, 90], [5_000, 360], [10, 1], [0.3, 600]]) {
      for (const patience of [1, 60, 3_600]) for (const goal of [0.5, 0.99]) for (const T of [1, 3_600]) for (const reading of ['OF_ALL', 'OF_ANSWERED'] as const) cases.push([volume, aht, patience, goal, T, reading]);
    }
    for (const [volume, aht, patience, goal, T, reading] of cases) {
      const [r] = staffIntervals([{ startEpoch: 0, volume, ahtSeconds: aht, plannedAgents: null }], { granularitySeconds: 900, shrinkage: null, patienceSeconds: patience, targetAt: () => target(goal, T, reading) });
      const walk = agentsForServiceLevelErlangA({ callsPerInterval: volume, ahtSeconds: aht, intervalSeconds: 900 }, patience, goal, T, { reading, minAgents: 1 });
      expect({ volume, aht, patience, goal, T, reading, agents: r.staffing?.erlangA?.agents ?? null }).toEqual({ volume, aht, patience, goal, T, reading, agents: walk?.agents ?? null });
    }
  });

  it('staffs a goal of 1 or more, or a load beyond the bound, with a reason instead of an error', () => {
    const [one] = staffIntervals([{ startEpoch: 0, volume: 10, ahtSeconds: 300, plannedAgents: 3 }], { granularitySeconds: 900, shrinkage: null, patienceSeconds: null, targetAt: () => target(1, 20, 'OF_ALL') });
    expect(one).toMatchObject({ staffing: null, planned: null });
    expect(one.note).toMatch(/goal of 1/);
    const [heavy] = staffIntervals([{ startEpoch: 0, volume: 20_000, ahtSeconds: 14_400, plannedAgents: null }], { granularitySeconds: 900, shrinkage: null, patienceSeconds: 60, targetAt: () => target(0.8, 20, 'OF_ALL') });
    expect(heavy.note).toMatch(/beyond 2000 Erlangs/);
  });
});
