import { judge, windowsFor } from './compliance';
import type { TargetVersionFacts } from '../clients/contracts';

function version(overrides: Partial<TargetVersionFacts>): TargetVersionFacts {
  return {
    effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, queueId: 'q', metric: 'SERVICE_LEVEL', variant: 'CANONICAL',
    thresholdSeconds: 20, shortAbandonSeconds: null, repeatWindowDays: null, tolerance: null, goal: 0.8, comparator: 'AT_LEAST',
    window: 'DAY', creditPercentPerPoint: 0.5, creditCapPercent: 10, ...overrides,
  };
}
const epoch = (iso: string) => Date.parse(iso) / 1000;
const iso = (s: number) => new Date(s * 1000).toISOString();

describe('judge', () => {
  it('meets, misses with shortfall in points and capped credit', () => {
    expect(judge(version({}), 0.85)).toEqual({ met: true, shortfall: 0, creditPercent: 0 });
    expect(judge(version({ goal: 0.9 }), 0.85)).toEqual({ met: false, shortfall: 5, creditPercent: 2.5 });
    // 40 points short × 0.5 % = 20 %, capped at 10 %.
    expect(judge(version({ goal: 0.9 }), 0.5)).toEqual({ met: false, shortfall: 40, creditPercent: 10 });
  });
  it('reads AT_MOST targets and durations in their own unit', () => {
    const asa = version({ metric: 'ASA', thresholdSeconds: null, goal: 30, comparator: 'AT_MOST', creditPercentPerPoint: 0.1 });
    expect(judge(asa, 25)).toEqual({ met: true, shortfall: 0, creditPercent: 0 });
    expect(judge(asa, 42)).toEqual({ met: false, shortfall: 12, creditPercent: 1.2 });
  });
  it('does not judge an undefined value and earns no credit without a credit rule', () => {
    expect(judge(version({}), null)).toEqual({ met: null, shortfall: null, creditPercent: 0 });
    expect(judge(version({ creditPercentPerPoint: null, creditCapPercent: null, goal: 0.9 }), 0.8)).toEqual({ met: false, shortfall: 10, creditPercent: 0 });
  });
});

describe('windowsFor', () => {
  it('cuts local days, switching definition at an amendment and granularity with it', () => {
    const versions = [
      version({ effectiveTo: '2026-03-28T23:00:00Z' }),
      version({ effectiveFrom: '2026-03-28T23:00:00Z', window: 'WEEK', goal: 0.9 }),
    ];
    // 27 and 28 March (Paris, UTC+1) by day, then the week of Monday 30 March; 29 March is the
    // rest of the week that started on the 23rd, judged under the new weekly definition.
    const windows = windowsFor(versions, epoch('2026-03-26T23:00:00Z'), epoch('2026-04-05T22:00:00Z'), 'Europe/Paris');
    expect(windows.map((w) => [iso(w.start), iso(w.end), w.version.window])).toEqual([
      ['2026-03-26T23:00:00.000Z', '2026-03-27T23:00:00.000Z', 'DAY'],
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', 'DAY'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 'WEEK'],
      ['2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z', 'WEEK'],
    ]);
  });
  it('has no windows where no definition was in force', () => {
    const versions = [version({ effectiveFrom: '2026-01-10T00:00:00Z', effectiveTo: '2026-01-12T00:00:00Z' }), version({ effectiveFrom: '2026-01-20T00:00:00Z' })];
    const windows = windowsFor(versions, epoch('2026-01-09T00:00:00Z'), epoch('2026-01-22T00:00:00Z'), 'UTC');
    expect(windows.map((w) => iso(w.start).slice(0, 10))).toEqual(['2026-01-10', '2026-01-11', '2026-01-20', '2026-01-21']);
  });
});
