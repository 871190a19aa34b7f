import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import type { ContractFacts, QueueFacts, TargetFacts, VolumeShareFacts, VolumeShareGroupFacts } from '../clients/contracts';
import { Peer } from '../clients/graphql-http';
import { createPerformanceClient } from '../clients/performance';
import type { Role } from '../platform/auth';
import { openDatabase } from '../platform/database';
import * as access from './access';
import { forecastAccuracy } from './accuracy';
import { contractCapacity, groupCapacity, setCapacityPlan } from './capacity';
import type { ForecastsContext } from './context';
import { publishVolumeDriver } from './drivers';
import { forecastById, forecastInForce, forecastIntervals, loadRows, summarize } from './forecasts';
import { createLoaders } from './loaders';
import { forecastsSubgraph } from './module';
import { ContractsPeer, PerformancePeer } from './peers';
import { publishForecast } from './publish';

/**
 * The forecasts use cases with stub peers: contracts answers from memory (its parties only, a
 * group only its client), performance is the real client over a stubbed transport (fetch), so a
 * peer that is down, slow or answers partial `_entities` errors is what the client really sees.
 * Every test runs on a fixed "now"; nothing reads the clock or waits.
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const TARGETS: TargetFacts[] = [
  {
    id: 'sla-1', contractId: 'ct-1', history: [{
      effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: null, queueId: null, metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20,
      shortAbandonSeconds: null, repeatWindowDays: null, tolerance: null, goal: 0.8, comparator: 'AT_LEAST', window: 'DAY', creditPercentPerPoint: null, creditCapPercent: null,
    }],
  },
];
const QUEUES: QueueFacts[] = [
  { id: 'q-1', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'callco' },
  { id: 'q-2', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'callco' },
  { id: 'q-3', timeZone: 'Europe/Paris', contractId: 'ct-2', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'phoneco' },
];
const CONTRACTS: ContractFacts[] = [
  { id: 'ct-1', status: 'ACTIVE', clientId: 'acme', centreId: 'callco', monthlyFeeMinor: null, currency: 'EUR', queues: QUEUES.slice(0, 2).map(({ id, timeZone }) => ({ id, timeZone })), slaTargets: TARGETS, complaintTerms: null },
  { id: 'ct-2', status: 'ACTIVE', clientId: 'acme', centreId: 'phoneco', monthlyFeeMinor: null, currency: 'EUR', queues: [{ id: 'q-3', timeZone: 'Europe/Paris' }], slaTargets: [{ ...TARGETS[0], contractId: 'ct-2' }], complaintTerms: null },
];
const GROUP: VolumeShareGroupFacts = {
  id: 'g-1', name: 'Care', members: [
    { queueId: 'q-2', contractId: 'ct-1', centreId: 'callco', share: 0.6 },
    { queueId: 'q-3', contractId: 'ct-2', centreId: 'phoneco', share: 0.4 },
  ],
};

function stubContracts(org: string, lookups: string[] = []): ContractsPeer {
  const party = (f: { clientId: string; centreId: string }) => f.clientId === org || f.centreId === org;
  const lookup = <V>(name: string, find: (key: string) => V | null) => ({
    load: async (key: string) => {
      lookups.push(`${name}:${key}`);
      return find(key);
    },
  });
  return {
    queue: lookup('queue', (id) => QUEUES.find((q) => q.id === id && party(q)) ?? null),
    contract: lookup('contract', (id) => CONTRACTS.find((c) => c.id === id && party(c)) ?? null),
    volumeShare: lookup('volumeShare', (id): VolumeShareFacts | null => {
      const m = GROUP.members.find((x) => x.queueId === id);
      return m ? { groupId: GROUP.id, groupName: GROUP.name, share: m.share } : null;
    }),
    volumeShareGroup: lookup('volumeShareGroup', (id) => (id === GROUP.id && org === 'acme' ? GROUP : null)),
  };
}

const PERFORMANCE_PEER: Peer = { name: 'performance', url: 'http://performance.test/graphql', authorization: 'Bearer test', timeoutMs: 50 };
let db: DataSource;

function context(org: string, roles: Role[] = ['read', 'write'], peers: { contracts?: ContractsPeer; performance?: PerformancePeer } = {}): ForecastsContext {
  const loaders = createLoaders(db, { contracts: peers.contracts ?? stubContracts(org), performance: peers.performance ?? createPerformanceClient(PERFORMANCE_PEER) });
  return { viewer: { subject: `user-of-${org}`, organisationId: org, roles }, db, now: NOW, loaders };
}

/** Performance answering with `body` (or failing as `fail` says) to every request. */
function performanceAnswers(answer: (variables: { reps: Array<{ id: string }>; from: string; to: string }) => unknown) {
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
    const { variables } = JSON.parse(String(init?.body));
    return new Response(JSON.stringify(answer(variables)), { status: 200, headers: { 'content-type': 'application/json' } });
  });
}

const points = (reps: Array<{ id: string }>, offered: number) => ({
  data: { _entities: reps.map(() => ({ performance: { points: [{ start: '2026-05-04T07:00:00.000Z', intervals: 1, sums: { offered, staffedSeconds: 36_000 } }] } })) },
});

async function codeOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    return error instanceof GraphQLError ? String(error.extensions.code) : `uncoded: ${(error as Error).message}`;
  }
}

const day = (date: string, volumes: number[], extra: Record<string, unknown> = {}) =>
  volumes.map((volume, i) => ({ start: new Date(Date.parse(`${date}T07:00:00Z`) + i * 900_000), volume, ahtSeconds: 300, ...extra }));

let forecastId: string;

beforeAll(async () => {
  db = await openDatabase({ url: 'sqlite::memory:', entities: forecastsSubgraph.entities, migrations: forecastsSubgraph.migrations });
  const published = await publishForecast(context('callco'), 'q-1', {
    from: new Date('2026-05-04T00:00:00Z'), to: new Date('2026-05-11T00:00:00Z'), granularityMinutes: 15, shrinkage: 0.3, intervals: day('2026-05-04', [80, 100, 120, 90]),
  });
  forecastId = published.row.id;
});
afterAll(() => db?.destroy());
afterEach(() => jest.restoreAllMocks());

describe('the request clock', () => {
  it('stamps a publication with the context now, never the process clock', async () => {
    const view = await forecastById(context('acme'), forecastId);
    expect(view.row.publishedAt.toISOString()).toBe(NOW.toISOString());
    const ctx = { ...context('callco'), now: new Date('2026-06-02T10:00:00Z') };
    const plan = await setCapacityPlan(ctx, 'q-1', [{ week: '2026-W19', committedHours: 100 }]);
    expect(plan[0].updatedAt.toISOString()).toBe('2026-06-02T10:00:00.000Z');
    const driver = await publishVolumeDriver({ ...context('acme'), now: new Date('2026-06-03T00:00:00Z') }, 'ct-1', {
      kind: 'CAMPAIGN', name: 'Mailing', from: new Date('2026-06-08T00:00:00Z'), to: new Date('2026-06-09T00:00:00Z'), uplifts: [{ queueId: 'q-1', uplift: 0.2 }],
    });
    expect(driver.publishedAt.toISOString()).toBe('2026-06-03T00:00:00.000Z');
  });

  it('compares only the intervals that ended before the context now', async () => {
    performanceAnswers(({ reps }) => points(reps, 100));
    const view = await forecastById(context('acme'), forecastId);
    // At 07:30 UTC on 4 May only the first two quarter hours have ended.
    const early = await forecastAccuracy({ ...context('acme'), now: new Date('2026-05-04T07:30:00Z') }, view, { tolerance: 0.1 });
    expect(early.to.toISOString()).toBe('2026-05-04T07:30:00.000Z');
    const later = await forecastAccuracy(context('acme'), view, { tolerance: 0.1 });
    expect(later.to.toISOString()).toBe('2026-05-11T00:00:00.000Z');
    expect(later.overall.intervals).toBe(1);
  });
});

describe('a performance peer that fails', () => {
  const cases: Array<[string, string, () => void]> = [
    ['down', 'UPSTREAM_UNAVAILABLE', () => jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'))],
    // What the client's AbortSignal.timeout raises when the peer is slower than its timeout.
    ['slow', 'UPSTREAM_TIMEOUT', () => jest.spyOn(globalThis, 'fetch').mockRejectedValue(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))],
    ['answering HTML', 'UPSTREAM_UNAVAILABLE', () => jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('<html>502</html>', { status: 502 }))],
    [
      'answering an internal error for the queue entity',
      'UPSTREAM_UNAVAILABLE',
      () => performanceAnswers(() => ({ data: { _entities: [null] }, errors: [{ message: 'internal error; it has been logged', path: ['_entities', 0, 'performance'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })),
    ],
    [
      'answering an error of the whole request',
      'UPSTREAM_UNAVAILABLE',
      () => performanceAnswers(() => ({ errors: [{ message: 'Cannot query field "performance"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })),
    ],
    [
      'refusing the queue (a code meant for the caller)',
      'NOT_FOUND',
      () => performanceAnswers(() => ({ data: { _entities: [null] }, errors: [{ message: 'Queue q-1 was not found', path: ['_entities', 0, 'performance'], extensions: { code: 'NOT_FOUND' } }] })),
    ],
  ];

  it.each(cases)('%s: accuracy answers %s', async (_name, code, arrange) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = await forecastById(context('acme'), forecastId);
    arrange();
    expect(await codeOf(forecastAccuracy(context('acme'), view, { tolerance: 0.1 }))).toBe(code);
  });

  it.each(cases)('%s: capacity answers %s', async (_name, code, arrange) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    arrange();
    expect(await codeOf(contractCapacity(context('acme'), 'ct-1', new Date('2026-05-03T22:00:00Z'), new Date('2026-05-10T22:00:00Z')))).toBe(code);
  });

  it('fails a capacity request with a coded error when one queue of a batch errs and the other answers', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const fetch = performanceAnswers(({ reps }) => ({
      data: { _entities: reps.map((r) => (r.id === 'q-2' ? null : points([r], 1).data._entities[0])) },
      errors: [{ message: 'boom', path: ['_entities', reps.findIndex((r) => r.id === 'q-2'), 'performance'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    }));
    expect(await codeOf(contractCapacity(context('acme'), 'ct-1', new Date('2026-05-03T22:00:00Z'), new Date('2026-05-10T22:00:00Z')))).toBe('UPSTREAM_UNAVAILABLE');
    // Both queues went in one request.
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads forecasts, which need no actuals, while performance is down', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    const intervals = await forecastInForce(context('acme'), 'q-1', { from: new Date('2026-05-04T00:00:00Z'), to: new Date('2026-05-05T00:00:00Z') });
    expect(intervals.map((i) => i.volume)).toEqual([80, 100, 120, 90]);
  });
});

describe('a contracts peer that fails', () => {
  it.each([
    ['down', 'UPSTREAM_UNAVAILABLE', new GraphQLError('the contracts service is unavailable', { extensions: { code: 'UPSTREAM_UNAVAILABLE' } })],
    ['slow', 'UPSTREAM_TIMEOUT', new GraphQLError('the contracts service did not answer', { extensions: { code: 'UPSTREAM_TIMEOUT' } })],
    ['faulty', 'UPSTREAM_UNAVAILABLE', new Error('contracts subgraph answered: internal error')],
  ])('%s: the use case answers %s before writing anything', async (_name, code, error) => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = { load: () => Promise.reject(error) };
    const contracts: ContractsPeer = { queue: failing, contract: failing, volumeShare: failing, volumeShareGroup: failing };
    const [{ n: before }] = await db.query('SELECT COUNT(*) AS n FROM forecasts');
    const run = publishForecast(context('callco', ['write'], { contracts }), 'q-1', {
      from: new Date('2026-05-11T00:00:00Z'), to: new Date('2026-05-12T00:00:00Z'), granularityMinutes: 15, intervals: day('2026-05-11', [10]),
    });
    expect(await codeOf(run)).toBe(code);
    expect(await codeOf(forecastById(context('acme', ['read'], { contracts }), forecastId))).toBe(code);
    const [{ n: after }] = await db.query('SELECT COUNT(*) AS n FROM forecasts');
    expect(Number(after)).toBe(Number(before));
  });
});

describe('group capacity', () => {
  it('authorises once, for the group, and reads its member contracts as data', async () => {
    performanceAnswers(({ reps }) => points(reps, 0));
    const spy = jest.spyOn(access, 'authorize');
    const lookups: string[] = [];
    const weeks = await groupCapacity(context('acme', ['read'], { contracts: stubContracts('acme', lookups) }), 'g-1', new Date('2026-05-03T22:00:00Z'), new Date('2026-05-10T22:00:00Z'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0].slice(1)).toEqual(['readGroup', { group: 'g-1' }]);
    expect(weeks.map((w) => [w.queueId, w.centreId, w.shareOfGroup])).toEqual([['q-2', 'callco', 0.6], ['q-3', 'phoneco', 0.4]]);
    expect(lookups.filter((l) => l.startsWith('queue:'))).toEqual([]);
  });

  it('answers a member centre and a stranger NOT_FOUND, as for a group that does not exist', async () => {
    for (const org of ['callco', 'phoneco', 'umbrella']) {
      for (const id of ['g-1', 'g-nope']) {
        expect(await codeOf(groupCapacity(context(org), id, new Date('2026-05-03T22:00:00Z'), new Date('2026-05-10T22:00:00Z')))).toBe('NOT_FOUND');
      }
    }
  });
});

describe('values stored before the bounds existed', () => {
  it('reads a forecast with 2147483647 planned agents and a volume of 1e308 at once, without running the models on them', async () => {
    await db.query(
      `INSERT INTO forecasts (id, queue_id, contract_id, client_id, centre_id, version, from_epoch, to_epoch, granularity_seconds, shrinkage, patience_seconds, note, interval_count, published_at, published_by)
       VALUES ('fc-legacy', 'q-1', 'ct-1', 'acme', 'callco', 99, ?, ?, 900, NULL, 180, NULL, 4, ?, 'legacy')`,
      [Date.parse('2027-01-04T00:00:00Z') / 1000, Date.parse('2027-01-05T00:00:00Z') / 1000, '2026-05-01 00:00:00.000'],
    );
    const start = Date.parse('2027-01-04T08:00:00Z') / 1000;
    await db.query(
      'INSERT INTO forecast_intervals (forecast_id, start_epoch, volume, aht_seconds, planned_agents) VALUES (?, ?, 100, 300, 2147483647), (?, ?, 1e308, 300, NULL), (?, ?, 100, 1e308, 10), (?, ?, 20000, 14400, 10)',
      ['fc-legacy', start, 'fc-legacy', start + 900, 'fc-legacy', start + 1800, 'fc-legacy', start + 2700],
    );
    const ctx = context('acme');
    const view = await forecastById(ctx, 'fc-legacy');
    const intervals = await forecastIntervals(ctx, view);
    // The requirement is computed; the plan of 2147483647 agents (an Erlang A sum over as many states) is not.
    expect(intervals[0].staffing?.requiredAgents).toBeGreaterThan(0);
    expect(intervals[0].planned).toBeNull();
    expect(intervals.slice(1).map((i) => [i.staffing, i.planned])).toEqual([[null, null], [null, null], [null, null]]);
    expect(intervals[1].staffingNote).toMatch(/beyond their bounds/);
    expect(intervals[2].staffingNote).toMatch(/beyond their bounds/);
    expect(intervals[3].staffingNote).toMatch(/offered load of 320000 Erlangs lies beyond 2000 Erlangs/);
    // Every Float output stays finite (GraphQL cannot serialize Infinity): 1e308 × 300 s overflows.
    expect(intervals.every((i) => Number.isFinite(i.workloadErlangs))).toBe(true);
    expect(Number.isFinite(summarize([...intervals, ...intervals], 900).volume)).toBe(true);
  });
});

describe('staffing a long forecast', () => {
  it('gives the process to other requests between chunks of intervals', async () => {
    const from = Date.parse('2026-07-06T00:00:00Z');
    const intervals = Array.from({ length: 200 }, (_, i) => ({ start: new Date(from + i * 900_000), volume: 50 + i * 0.25, ahtSeconds: 300 }));
    const published = await publishForecast(context('callco'), 'q-1', { from: new Date(from), to: new Date(from + 200 * 900_000), granularityMinutes: 15, patienceSeconds: 120, intervals });
    const ctx = context('acme');
    const view = await forecastById(ctx, published.row.id);
    // Rows and targets already loaded: what is left is staffing alone, CPU work.
    await loadRows(ctx, view, view.row.fromEpoch, view.row.toEpoch);
    await ctx.loaders.contracts.contract.load('ct-1');
    const order: string[] = [];
    const read = forecastIntervals(ctx, view).then((rows) => order.push(`read of ${rows.length}`));
    const other = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('another request'))));
    await Promise.all([read, other]);
    expect(order).toEqual(['another request', 'read of 200']);
  });
});
