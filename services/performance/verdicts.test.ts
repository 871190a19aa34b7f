import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { MEASURING_AT_ONCE } from './loaders';
import { GraphQLError } from 'graphql';
import type { ContractFacts, TargetVersionFacts } from '../clients/contracts';
import type { FiguresRequest } from '../clients/figures';
import type { WindowFigure } from '../clients/window-figures';
import { FigureOwners, FigureSource, targetCompliance } from './compliance';
import type { PerformanceContext } from './context';

/**
 * Verdicts on targets whose data another subgraph owns (surveys, complaints, quality): the
 * windows are cut here like interval metrics (amendments, DST), the owner is asked for the figure
 * of each, and the windows are judged by the same code, minimum sample included. The owners are
 * stubs; no SQL runs, since no window is an interval metric's.
 */
const CONTRACT: ContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: 'client', centreId: 'centre', monthlyFeeMinor: 1_000_000, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [], complaintTerms: null,
};

function version(overrides: Partial<TargetVersionFacts>): TargetVersionFacts {
  return {
    effectiveFrom: '2026-03-01T00:00:00Z', effectiveTo: null, queueId: null, metric: 'CSAT', variant: 'CANONICAL', thresholdSeconds: null, shortAbandonSeconds: null,
    repeatWindowDays: null, tolerance: null, goal: 0.8, comparator: 'AT_LEAST', window: 'DAY', creditPercentPerPoint: 0.5, creditCapPercent: 10, minimumSample: null, ...overrides,
  };
}

/** A subgraph that owns figures: answers each window from `table` (by window start), and records what it was asked. */
function owner(table: Record<string, Partial<WindowFigure>>) {
  const asked: FiguresRequest[] = [];
  const source: FigureSource = {
    async load(request) {
      asked.push(request);
      return request.windows.map((w) => ({
        from: w.from, to: w.to, value: null, numerator: null, denominator: null, sampleSize: 0, confidenceLow: null, confidenceHigh: null, approximate: false, ...table[w.from],
      }));
    },
  };
  return { asked, source };
}

const noSql = { query: async () => { throw new Error('no SQL expected: every window is measured by another subgraph'); } };

function context(figures: FigureOwners, viewer = 'client'): PerformanceContext {
  return {
    viewer: { subject: `user-of-${viewer}`, organisationId: viewer, roles: ['read'] },
    db: noSql as never,
    now: new Date('2026-06-15T10:00:00Z'),
    contracts: { contract: { load: async (id: string) => (id === CONTRACT.id ? CONTRACT : null) }, queue: { load: async () => null }, tender: { load: async () => null } },
    loaders: { measuring: pLimit(MEASURING_AT_ONCE) } as never,
    figures,
  };
}

const row = (w: { label: string; met: boolean | null; shortfall: number | null; creditPercent: number; sampleSize: number; notJudgedReason: string | null }) =>
  [w.label, w.met, w.shortfall, w.creditPercent, w.sampleSize, w.notJudgedReason];

describe('survey targets', () => {
  // Paris local days from 27 to 30 March 2026; summer time starts on the 29th (a 23-hour day).
  // The amendment effective at local midnight of the 29th raises the goal from 80 % to 85 % and
  // the minimum sample from 10 to 20 responses.
  const history = [
    version({ effectiveTo: '2026-03-28T23:00:00Z', minimumSample: 10 }),
    version({ effectiveFrom: '2026-03-28T23:00:00Z', goal: 0.85, minimumSample: 20 }),
  ];
  const feedback = owner({
    '2026-03-26T23:00:00.000Z': { value: 0.9, sampleSize: 30, numerator: 27, denominator: 30, confidenceLow: 0.74, confidenceHigh: 0.97 },
    '2026-03-27T23:00:00.000Z': { value: 0.7, sampleSize: 25, numerator: 17.5, denominator: 25 },
    '2026-03-28T23:00:00.000Z': { value: 0.8, sampleSize: 15 },
    '2026-03-29T22:00:00.000Z': { value: 0.82, sampleSize: 40 },
  });

  it('asks feedback once for the windows of the definition, cut by local day across the DST change and the amendment', async () => {
    await targetCompliance(context({ feedback: feedback.source, quality: null }), { contractId: 'ct-1', history }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-30T22:00:00Z') });
    expect(feedback.asked).toEqual([
      {
        contractId: 'ct-1', metric: 'CSAT', variant: 'CANONICAL', queueId: null,
        windows: [
          { from: '2026-03-26T23:00:00.000Z', to: '2026-03-27T23:00:00.000Z' },
          { from: '2026-03-27T23:00:00.000Z', to: '2026-03-28T23:00:00.000Z' },
          { from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' }, // 23 hours
          { from: '2026-03-29T22:00:00.000Z', to: '2026-03-30T22:00:00.000Z' },
        ],
      },
    ]);
  });

  it('of many targets in one request are asked for together (they do not wait their turn as targets measured here do)', async () => {
    const batches: number[] = [];
    // Batched per tick, as the figures client batches its calls to the owning subgraph.
    const batched = new DataLoader<FiguresRequest, WindowFigure[], string>(
      async (requests) => {
        batches.push(requests.length);
        return Promise.all(requests.map((r) => feedback.source.load(r)));
      },
      { cacheKeyFn: (r) => JSON.stringify(r) },
    );
    const ctx = context({ feedback: { load: (r) => batched.load(r) }, quality: null });
    const targets = Array.from({ length: 3 * MEASURING_AT_ONCE }, (_, i) => history.map((v) => ({ ...v, queueId: `q-${i}` })));
    const results = await Promise.all(
      targets.map((h) => targetCompliance(ctx, { contractId: 'ct-1', history: h }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-30T22:00:00Z') })),
    );
    expect(batches).toEqual([3 * MEASURING_AT_ONCE]);
    expect(results.map((r) => r.windowsJudged)).toEqual(targets.map(() => 3));
  });

  it('judges each window under the definition then in force, with shortfall, credit and the minimum sample', async () => {
    const result = await targetCompliance(context({ feedback: feedback.source, quality: null }), { contractId: 'ct-1', history }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-30T22:00:00Z') });
    expect(result.windows.map(row)).toEqual([
      ['2026-03-27', true, 0, 0, 30, null],
      ['2026-03-28', false, 10, 5, 25, null], // 70 % against 80 %: 10 points × 0.5 %
      ['2026-03-29', null, null, 0, 15, '15 survey responses in the window, fewer than the minimum sample of 20'],
      ['2026-03-30', false, 3, 1.5, 40, null], // 82 % against 85 %
    ]);
    expect(result.windows[0]).toMatchObject({ confidenceLow: 0.74, confidenceHigh: 0.97, figure: { value: 0.9, numerator: 27, denominator: 30, definition: { label: 'CSAT', attribution: 'RESPONDED_AT', timeZone: 'Europe/Paris' } } });
    expect(result).toMatchObject({ measurable: true, windowsJudged: 3, windowsMet: 1, creditPercent: 6.5, creditAmountMinor: 65_000, currency: 'EUR' });
  });

  it('keeps no windows for a caller that does not read them, and judges them the same', async () => {
    const range = { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-30T22:00:00Z') };
    const ctx = context({ feedback: feedback.source, quality: null });
    const kept = await targetCompliance(ctx, { contractId: 'ct-1', history }, range);
    const summary = await targetCompliance(ctx, { contractId: 'ct-1', history }, range, false);
    expect(summary.windows).toEqual([]);
    const totals = (r: typeof kept) => [r.windowsJudged, r.windowsMet, r.shareMet, r.creditPercent, r.creditAmountMinor];
    expect(totals(summary)).toEqual(totals(kept));
    expect(kept.windows).toHaveLength(4);
  });

  it('asks once per definition when an amendment changes the variant, and measures a mean score in its own unit', async () => {
    const changed = [version({ effectiveTo: '2026-03-28T23:00:00Z' }), version({ effectiveFrom: '2026-03-28T23:00:00Z', variant: 'MEAN_SCORE', goal: 4.2, creditPercentPerPoint: 2 })];
    const stub = owner({ '2026-03-27T23:00:00.000Z': { value: 0.85, sampleSize: 12 }, '2026-03-28T23:00:00.000Z': { value: 3.9, sampleSize: 12 } });
    const result = await targetCompliance(context({ feedback: stub.source, quality: null }), { contractId: 'ct-1', history: changed }, { from: new Date('2026-03-27T23:00:00Z'), to: new Date('2026-03-29T22:00:00Z') });
    expect(stub.asked.map((a) => [a.variant, a.windows.map((w) => w.from)])).toEqual([
      ['CANONICAL', ['2026-03-27T23:00:00.000Z']],
      ['MEAN_SCORE', ['2026-03-28T23:00:00.000Z']],
    ]);
    // 3.9 against 4.2 on the 1..5 scale: 0.3 short (not 30 points), × 2 % = 0.6 %.
    expect(result.windows.map(row)).toEqual([
      ['2026-03-28', true, 0, 0, 12, null],
      ['2026-03-29', false, 0.3, 0.6, 12, null],
    ]);
  });

  it('says why a definition its owner cannot measure is not judged, and fails on any other peer error', async () => {
    const refusing: FigureSource = { load: async () => { throw new GraphQLError('variant: FCR/AGENT_FLAG is not measured from survey responses', { extensions: { code: 'BAD_USER_INPUT' } }); } };
    const fcr = [version({ metric: 'FCR', variant: 'AGENT_FLAG' })];
    const result = await targetCompliance(context({ feedback: refusing, quality: null }), { contractId: 'ct-1', history: fcr }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-28T23:00:00Z') });
    expect(result).toMatchObject({ measurable: false, windows: [], windowsJudged: 0, creditPercent: 0 });
    expect(result.note).toMatch(/^the feedback subgraph cannot measure FCR AGENT_FLAG: variant: FCR\/AGENT_FLAG is not measured/);
    const down: FigureSource = { load: async () => { throw new GraphQLError('the feedback service is unavailable', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } }); } };
    await expect(targetCompliance(context({ feedback: down, quality: null }), { contractId: 'ct-1', history }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-28T23:00:00Z') })).rejects.toThrow(/unavailable/);
  });

  it('is NOT_FOUND for a stranger before any owner is asked', async () => {
    const stub = owner({});
    await expect(targetCompliance(context({ feedback: stub.source, quality: null }, 'stranger'), { contractId: 'ct-1', history }, { from: new Date('2026-03-26T23:00:00Z'), to: new Date('2026-03-28T23:00:00Z') })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(stub.asked).toEqual([]);
  });
});

describe('complaint targets', () => {
  it('judges complaints resolved on time per local week across the DST change, a week without judged clocks unjudged', async () => {
    const history = [version({ metric: 'COMPLAINTS_RESOLVED_ON_TIME', window: 'WEEK', goal: 0.9, queueId: 'q-1', minimumSample: 1 })];
    const feedback = owner({ '2026-03-22T23:00:00.000Z': { value: 0.8, numerator: 4, denominator: 5, sampleSize: 5, confidenceLow: 0.376, confidenceHigh: 0.964 } });
    const result = await targetCompliance(context({ feedback: feedback.source, quality: null }), { contractId: 'ct-1', history }, { from: new Date('2026-03-22T23:00:00Z'), to: new Date('2026-04-05T22:00:00Z') });
    expect(feedback.asked[0]).toMatchObject({ metric: 'COMPLAINTS_RESOLVED_ON_TIME', queueId: 'q-1' });
    // The week of Monday 23 March has 167 hours: it ends at local midnight of the 30th, 22:00 UTC.
    expect(feedback.asked[0].windows).toEqual([
      { from: '2026-03-22T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' },
      { from: '2026-03-29T22:00:00.000Z', to: '2026-04-05T22:00:00.000Z' },
    ]);
    expect(result.windows.map(row)).toEqual([
      ['2026-W13', false, 10, 5, 5, null],
      ['2026-W14', null, null, 0, 0, 'no complaints with a judged clock in the window'],
    ]);
    expect(result.windows[0].figure.definition.attribution).toBe('COMPLAINT_RECEIVED');
  });
});

describe('quality targets', () => {
  const history = [
    version({ metric: 'QUALITY_SCORE', window: 'MONTH', goal: 0.85, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: '2026-03-31T22:00:00Z' }),
    version({ metric: 'QUALITY_SCORE', variant: 'CRITICAL_FAIL_RATE', comparator: 'AT_MOST', window: 'MONTH', goal: 0.02, effectiveFrom: '2026-03-31T22:00:00Z', minimumSample: 50 }),
  ];
  const range = { from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-05-31T22:00:00Z') };

  it('asks the quality subgraph when it is reached, and judges its figures like any other', async () => {
    const quality = owner({
      '2026-02-28T23:00:00.000Z': { value: 0.83, sampleSize: 120 },
      '2026-03-31T22:00:00.000Z': { value: 0.05, sampleSize: 80 },
      '2026-04-30T22:00:00.000Z': { value: 0.01, sampleSize: 30 },
    });
    const result = await targetCompliance(context({ feedback: null, quality: quality.source }), { contractId: 'ct-1', history }, range);
    expect(quality.asked.map((a) => [a.variant, a.windows])).toEqual([
      ['CANONICAL', [{ from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' }]],
      ['CRITICAL_FAIL_RATE', [{ from: '2026-03-31T22:00:00.000Z', to: '2026-04-30T22:00:00.000Z' }, { from: '2026-04-30T22:00:00.000Z', to: '2026-05-31T22:00:00.000Z' }]],
    ]);
    expect(result.windows.map(row)).toEqual([
      ['2026-03', false, 2, 1, 120, null],
      ['2026-04', false, 3, 1.5, 80, null], // 5 % critical fails against at most 2 %
      ['2026-05', null, null, 0, 30, '30 evaluations in the window, fewer than the minimum sample of 50'],
    ]);
    expect(result.windows[0].figure.definition).toMatchObject({ label: 'QUALITY_SCORE', attribution: 'INTERACTION_TIME' });
  });

  it('is not measurable, with a note, while the quality subgraph is not reached', async () => {
    const result = await targetCompliance(context({ feedback: null, quality: null }), { contractId: 'ct-1', history }, range);
    expect(result).toMatchObject({ measurable: false, windows: [], windowsJudged: 0, creditPercent: 0, creditAmountMinor: null });
    expect(result.note).toBe('QUALITY_SCORE is measured by the quality subgraph, which this hub does not reach (QUALITY_URL is not set); its windows are not judged');
  });
});
