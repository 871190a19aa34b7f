import { agentsForServiceLevel, erlangC } from '../services/metrics/erlang-c';
import { agentsForServiceLevelErlangA } from '../services/metrics/erlang-a';
import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { NOW, registerParties, SERVICE_LEVEL_TARGET, setUpContract } from './support/fixtures';
import { interval, quarterHours } from './support/intervals';

const SINCE = '2026-01-01T00:00:00Z';
const PUBLISH = `mutation($q: ID!, $input: ForecastInput!) { publishForecast(queueId: $q, input: $input) { id version from to granularityMinutes intervalCount status publishedAt } }`;
const INTERVALS = `query($id: ID!, $risk: Boolean) { forecast(id: $id) { version status supersededByVersions summary { intervals volume requiredProductiveHours scheduledFteHours intervalsAtRisk intervalsWithPlan intervalsWithoutStaffing }
  intervals(onlyAtRisk: $risk) { start end version volume ahtSeconds plannedAgents supersededByVersion workloadErlangs staffingNote atRisk
    staffing { model requiredAgents scheduledFte requiredProductiveHours target { targetId goal thresholdSeconds variant reading approximate }
      erlangC { agents serviceLevel occupancy asaSeconds } erlangA { agents serviceLevelOfAll probabilityOfAbandonment occupancy asaOfAnsweredSeconds } }
    planned { agents expectedServiceLevel occupancy atRisk } } } }`;

const clock = manualClock(NOW);
let t: TestHub;
let client: string, centre: string, otherCentre: string, otherClient: string;
let contractId: string, queueId: string, otherQueueId: string, targetId: string, contractTargetId: string;

/** Four quarter hours from 09:00 Paris (08:00 UTC in February) on each day. */
function rows(days: string[], volumes: number[], extra: Record<string, unknown> = {}) {
  return days.flatMap((d) => quarterHours(`${d}T08:00:00Z`, volumes.length).map((start, i) => ({ start, volume: volumes[i], ahtSeconds: 300, ...extra })));
}

function input(from: string, to: string, intervals: unknown[], more: Record<string, unknown> = {}) {
  return { from, to, granularityMinutes: 15, shrinkage: 0.25, intervals, ...more };
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  ({ client, otherClient, centre, otherCentre } = await registerParties(t));
  const made = await setUpContract(t, client, {
    monthlyFeeMinor: 1_000_000,
    effectiveFrom: SINCE,
    queues: ['Billing', 'Sales'],
    targets: [
      { ...SERVICE_LEVEL_TARGET, queue: 0 },
      // A contract-wide target: the queues without their own target are staffed for it.
      { metric: 'SERVICE_LEVEL', variant: 'OF_ANSWERED', thresholdSeconds: 30, goal: 0.7, window: 'DAY' },
    ],
    activate: true,
  });
  contractId = made.id;
  [queueId, otherQueueId] = made.queueIds;
  [targetId, contractTargetId] = made.targetIds;
});
afterAll(() => t?.stop());

describe('publishing forecasts', () => {
  let v1: any, v2: any;

  it('publishes a version with Erlang C and Erlang A staffing per interval from the queue service-level target', async () => {
    const res = await t.client(centre).request<any>(PUBLISH, {
      q: queueId,
      input: input('2026-02-02T00:00:00Z', '2026-02-04T00:00:00Z', rows(['2026-02-02', '2026-02-03'], [80, 100, 120, 0]), { patienceSeconds: 180, note: 'February plan' }),
    });
    v1 = res.publishForecast;
    expect(v1).toMatchObject({ version: 1, granularityMinutes: 15, intervalCount: 8, status: 'CURRENT', from: '2026-02-02T00:00:00.000Z', to: '2026-02-04T00:00:00.000Z' });
    const read = await t.client(client).request<any>(INTERVALS, { id: v1.id });
    const first = read.forecast.intervals[1]; // 100 contacts of 300 s in 15 minutes: 33.3 Erlangs
    const c = agentsForServiceLevel({ callsPerInterval: 100, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!;
    const a = agentsForServiceLevelErlangA({ callsPerInterval: 100, ahtSeconds: 300, intervalSeconds: 900 }, 180, 0.8, 20, { reading: 'OF_ALL' })!;
    expect(first.workloadErlangs).toBeCloseTo(33.333, 3);
    expect(first.staffing).toMatchObject({
      model: 'ERLANG_A',
      requiredAgents: a.agents,
      target: { targetId, goal: 0.8, thresholdSeconds: 20, variant: 'CANONICAL', reading: 'OF_ALL', approximate: false },
      erlangC: { agents: c.agents },
      erlangA: { agents: a.agents },
    });
    expect(c.agents).toBe(39);
    expect(a.agents).toBeLessThanOrEqual(c.agents); // abandonment relieves the queue
    expect(first.staffing.erlangC.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(first.staffing.erlangC.occupancy).toBeCloseTo(33.333 / 39, 4);
    expect(first.staffing.scheduledFte).toBeCloseTo(a.agents / 0.75, 6);
    expect(first.staffing.requiredProductiveHours).toBeCloseTo(a.agents / 4, 6);
    // A closed interval needs nobody.
    expect(read.forecast.intervals[3].staffing).toMatchObject({ requiredAgents: 0, scheduledFte: 0 });
    expect(read.forecast.summary).toMatchObject({ intervals: 8, volume: 600, intervalsAtRisk: 0, intervalsWithPlan: 0, intervalsWithoutStaffing: 0 });
  });

  it('supersedes an older version only where the new horizon overlaps, and keeps every version readable', async () => {
    clock.advance(60); // published a minute after version 1
    v2 = (await t.client(centre).request<any>(PUBLISH, { q: queueId, input: input('2026-02-03T00:00:00Z', '2026-02-05T00:00:00Z', rows(['2026-02-03', '2026-02-04'], [90, 110, 130, 10])) })).publishForecast;
    expect(v2.version).toBe(2);
    const old = await t.client(client).request<any>(INTERVALS, { id: v1.id });
    expect(old.forecast.status).toBe('PARTLY_SUPERSEDED');
    expect(old.forecast.supersededByVersions).toEqual([2]);
    // Version 1 still reads as published; its 3 February intervals say which version replaced them.
    expect(old.forecast.intervals.map((i: any) => [i.start.slice(0, 10), i.volume, i.supersededByVersion])).toEqual([
      ['2026-02-02', 80, null], ['2026-02-02', 100, null], ['2026-02-02', 120, null], ['2026-02-02', 0, null],
      ['2026-02-03', 80, 2], ['2026-02-03', 100, 2], ['2026-02-03', 120, 2], ['2026-02-03', 0, 2],
    ]);
    const list = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { version status }
        one: forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", version: 1) { version note } } }`,
      { q: queueId },
    );
    expect(list.queues[0].forecasts).toEqual([{ version: 2, status: 'CURRENT' }, { version: 1, status: 'PARTLY_SUPERSEDED' }]);
    expect(list.queues[0].one).toEqual([{ version: 1, note: 'February plan' }]);
  });

  it('shows the forecast in force per interval, now and as it stood before the revision', async () => {
    const IN_FORCE = `query($q: ID!, $asOf: DateTime) { queues(ids: [$q]) { forecastInForce(from: "2026-02-02T00:00:00Z", to: "2026-02-05T00:00:00Z", asOf: $asOf) { start version volume } } }`;
    const now = await t.client(client).request<any>(IN_FORCE, { q: queueId });
    const byDay = (list: any[]) => list.reduce((m: Record<string, string>, i: any) => ({ ...m, [i.start.slice(0, 10)]: `v${i.version}` }), {});
    expect(byDay(now.queues[0].forecastInForce)).toEqual({ '2026-02-02': 'v1', '2026-02-03': 'v2', '2026-02-04': 'v2' });
    expect(now.queues[0].forecastInForce).toHaveLength(12);
    const before = await t.client(client).request<any>(IN_FORCE, { q: queueId, asOf: v1.publishedAt });
    expect(byDay(before.queues[0].forecastInForce)).toEqual({ '2026-02-02': 'v1', '2026-02-03': 'v1' });
    const asOfList = await t.client(client).request<any>(`query($q: ID!, $asOf: DateTime) { queues(ids: [$q]) { forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", asOf: $asOf) { version status } } }`, {
      q: queueId, asOf: v1.publishedAt,
    });
    expect(asOfList.queues[0].forecasts).toEqual([{ version: 1, status: 'CURRENT' }]);
  });

  it('flags the intervals whose planned agents are expected to miss the target', async () => {
    const planned = [40, 36, 50, 0]; // 100 contacts need 39 agents for 80 % in 20 s: 36 fall short
    const intervals = rows(['2026-02-09'], [80, 100, 120, 0]).map((r, i) => ({ ...r, plannedAgents: planned[i] }));
    const published = await t.client(centre).request<any>(PUBLISH, { q: queueId, input: input('2026-02-09T00:00:00Z', '2026-02-10T00:00:00Z', intervals) });
    const res = await t.client(client).request<any>(INTERVALS, { id: published.publishForecast.id });
    const list = res.forecast.intervals;
    expect(list.map((i: any) => i.atRisk)).toEqual([false, true, false, false]);
    const expected = erlangC({ offeredLoadErlangs: 100 / 3, agents: 36, ahtSeconds: 300, thresholdSeconds: 20 });
    expect(list[1].planned.expectedServiceLevel).toBeCloseTo(expected.serviceLevel!, 9);
    expect(list[1].planned.expectedServiceLevel).toBeLessThan(0.8);
    expect(list[1].staffing.model).toBe('ERLANG_C');
    expect(res.forecast.summary).toMatchObject({ intervalsAtRisk: 1, intervalsWithPlan: 4 });
    const risky = await t.client(centre).request<any>(INTERVALS, { id: published.publishForecast.id, risk: true });
    expect(risky.forecast.intervals.map((i: any) => i.start)).toEqual(['2026-02-09T08:15:00.000Z']);
  });

  it('staffs a queue without its own target for the contract-wide one, and says why when no target is in force', async () => {
    const published = await t.client(centre).request<any>(PUBLISH, {
      q: otherQueueId,
      input: { from: '2025-12-31T23:00:00Z', to: '2026-01-01T01:00:00Z', granularityMinutes: 60, patienceSeconds: 120, intervals: [
        { start: '2025-12-31T23:00:00Z', volume: 50, ahtSeconds: 240 },
        { start: '2026-01-01T00:00:00Z', volume: 50, ahtSeconds: 240 },
      ] },
    });
    const res = await t.client(centre).request<any>(INTERVALS, { id: published.publishForecast.id });
    const [before, after] = res.forecast.intervals;
    expect(before.staffing).toBeNull();
    expect(before.staffingNote).toMatch(/no SERVICE_LEVEL target/);
    expect(after.staffing.target).toMatchObject({ targetId: contractTargetId, goal: 0.7, thresholdSeconds: 30, reading: 'OF_ANSWERED' });
    const a = agentsForServiceLevelErlangA({ callsPerInterval: 50, ahtSeconds: 240, intervalSeconds: 3600 }, 120, 0.7, 30, { reading: 'OF_ANSWERED' })!;
    expect(after.staffing.requiredAgents).toBe(a.agents);
    expect(res.forecast.summary.intervalsWithoutStaffing).toBe(1);
  });
});

describe('bad input', () => {
  const count = async () =>
    (await t.client(centre).request<any>(`query($q: ID!) { queues(ids: [$q]) { forecasts(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { id } } }`, { q: queueId })).queues[0].forecasts.length;

  it('rejects the whole forecast naming the interval, and writes nothing', async () => {
    const before = await count();
    const from = '2026-03-02T00:00:00Z';
    const to = '2026-03-03T00:00:00Z';
    const good = rows(['2026-03-02'], [10, 20, 30, 40]);
    const cases: Array<[unknown[], Record<string, unknown>, string, RegExp]> = [
      [good.map((r, i) => (i === 2 ? { ...r, volume: -5 } : r)), {}, 'intervals[2].volume', /2026-03-02T08:30:00.000Z.*volume of -5/],
      [good.map((r, i) => (i === 1 ? { ...r, ahtSeconds: 0 } : r)), {}, 'intervals[1].ahtSeconds', /AHT must be between 1 and 14400 seconds \(got 0\)/],
      [good.map((r, i) => (i === 3 ? { ...r, start: '2026-03-02T08:50:00Z' } : r)), {}, 'intervals[3].start', /not on the 15-minute grid/],
      [good.map((r, i) => (i === 0 ? { ...r, start: '2026-03-03T08:00:00Z' } : r)), {}, 'intervals[0].start', /outside the horizon/],
      [good.map((r, i) => (i === 1 ? { ...r, start: good[0].start } : r)), {}, 'intervals[1].start', /same start as intervals\[0\]/],
      [good.map((r, i) => (i === 0 ? { ...r, plannedAgents: -1 } : r)), {}, 'intervals[0].plannedAgents', /planned agents must be between 0 and 5000 agents \(got -1\)/],
      [good, { granularityMinutes: 20 }, 'granularityMinutes', /15, 30 or 60/],
      [good, { shrinkage: 1 }, 'shrinkage', /less than 1/],
      [good, { to: '2027-03-05T00:00:00Z' }, 'to', /at most 366 days/],
      [good, { from: '2026-03-02T00:10:00Z' }, 'from', /quarter hour/],
    ];
    for (const [intervals, more, field, message] of cases) {
      const error = await expectError(t.client(centre).request(PUBLISH, { q: queueId, input: input(from, to, intervals, more) }), 'BAD_USER_INPUT');
      expect({ field: error.extensions?.field, ok: message.test(error.message) }).toEqual({ field, ok: true });
    }
    expect(await count()).toBe(before);
  });

  it('takes a year of hourly intervals (13 weeks of 15-minute ones) in one call, and no more', async () => {
    const from = Date.parse('2027-01-04T00:00:00Z');
    const intervals = Array.from({ length: 364 * 24 }, (_, i) => ({ start: new Date(from + i * 3_600_000).toISOString(), volume: (i % 24) * 2, ahtSeconds: 280 }));
    const year = { ...input('2027-01-04T00:00:00Z', '2028-01-03T00:00:00Z', intervals), granularityMinutes: 60 };
    const res = await t.client(centre).request<any>(PUBLISH, { q: otherQueueId, input: year });
    expect(res.publishForecast.intervalCount).toBe(8_736);
    const summary = await t.client(client).request<any>(`query($id: ID!) { forecast(id: $id) { summary { intervals volume intervalsWithoutStaffing } } }`, { id: res.publishForecast.id });
    expect(summary.forecast.summary).toEqual({ intervals: 8_736, volume: 364 * 552, intervalsWithoutStaffing: 0 });
    const more = { ...year, to: '2028-01-04T00:00:00Z', intervals: [...intervals, { start: '2028-01-03T00:00:00Z', volume: 1, ahtSeconds: 280 }] };
    const e = await expectError(t.client(centre).request(PUBLISH, { q: otherQueueId, input: more }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('intervals');
    expect(e.message).toMatch(/at most 8736 forecast intervals/);
  });
});

describe('tenancy', () => {
  it('lets only the serving centre publish, the parties read, and strangers see nothing', async () => {
    const body = { q: queueId, input: input('2026-04-06T00:00:00Z', '2026-04-07T00:00:00Z', rows(['2026-04-06'], [10])) };
    await expectError(t.client(client).request(PUBLISH, body), 'FORBIDDEN');
    await expectError(t.client(t.token('callco', ['read'])).request(PUBLISH, body), 'FORBIDDEN');
    await expectError(t.client(otherCentre).request(PUBLISH, body), 'NOT_FOUND');
    await expectError(t.client(otherClient).request(PUBLISH, body), 'NOT_FOUND');
    const any = await t.client(centre).request<any>(`query($q: ID!) { queues(ids: [$q]) { forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { id } } }`, { q: queueId });
    const id = any.queues[0].forecasts[0].id;
    for (const stranger of [otherClient, otherCentre]) {
      const res = await t.client(stranger).request<any>(`query($q: ID!) { queues(ids: [$q]) { id forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { id } } }`, { q: queueId });
      expect(res.queues).toEqual([null]);
      await expectError(t.client(stranger).request(`query($id: ID!) { forecast(id: $id) { id intervals { volume } } }`, { id }), 'NOT_FOUND');
    }
    const read = await t.client(client).request<any>(`query($id: ID!) { forecast(id: $id) { id } }`, { id });
    expect(read.forecast.id).toBe(id);
  });
});

describe('accuracy', () => {
  it('compares any version with the actuals reported to performance: WAPE, MAPE, bias, within ±10 %, per day', async () => {
    // Actuals of 2 February: 100 offered in each of the four quarter hours from 09:00 Paris.
    const actuals = quarterHours('2026-02-02T08:00:00Z', 4).map((start) => interval(start, { answeredWait: [60, 20, 10], abandonedWait: [5, 5] }));
    await t.client(centre).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received } }`, { q: queueId, rows: actuals });
    const res = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { forecasts(from: "2026-02-02T00:00:00Z", to: "2026-02-03T00:00:00Z", version: 1) { version
        accuracy { timeZone intervalsWithoutActuals overall { intervals forecastTotal actualTotal wape mape mapeIntervals bias withinShare withinTolerance }
          days { date intervals wape bias } } } } }`,
      { q: queueId },
    );
    const acc = res.queues[0].forecasts[0].accuracy;
    // Forecast 80, 100, 120, 0 against 100 each: |errors| 20 + 0 + 20 + 100 = 140 over 400.
    expect(acc.overall).toMatchObject({ intervals: 4, forecastTotal: 300, actualTotal: 400, mapeIntervals: 4, withinShare: 0.25, withinTolerance: 0.1 });
    expect(acc.overall.wape).toBeCloseTo(0.35, 9);
    expect(acc.overall.mape).toBeCloseTo(0.35, 9);
    expect(acc.overall.bias).toBeCloseTo(-0.25, 9);
    expect(acc.days).toEqual([{ date: '2026-02-02', intervals: 4, wape: expect.closeTo(0.35, 9), bias: expect.closeTo(-0.25, 9) }]);
    // The 3 February intervals have no actuals: left out, not compared with zero.
    expect(acc.intervalsWithoutActuals).toBe(3);
    expect(acc.timeZone).toBe('Europe/Paris');
  });

  it('compares at most 92 days per request (BAD_USER_INPUT on to)', async () => {
    const long = await t.client(centre).request<any>(PUBLISH, {
      q: otherQueueId,
      input: input('2025-06-02T00:00:00Z', '2025-10-06T00:00:00Z', [{ start: '2025-06-02T08:00:00Z', volume: 10, ahtSeconds: 240 }]),
    });
    const ACCURACY = `query($id: ID!, $to: DateTime) { forecast(id: $id) { accuracy(to: $to) { overall { intervals } } } }`;
    const id = long.publishForecast.id;
    // 92 days exactly: compared (nothing was reported then).
    const ok = await t.client(client).request<any>(ACCURACY, { id, to: '2025-09-02T00:00:00Z' });
    expect(ok.forecast.accuracy.overall.intervals).toBe(0);
    // The whole 126-day horizon: refused, naming to.
    const e = await expectError(t.client(client).request(ACCURACY, { id }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('to');
  });

  it('serves a baseline forecast from the history performance owns (Queue.baselineForecast)', async () => {
    const BASELINE = `query($q: ID!, $from: DateTime!, $m: BaselineMethod) { queues(ids: [$q]) { baselineForecast(from: $from, to: "2026-02-09T09:00:00Z", method: $m, historyWeeks: 2) {
      method historyFrom points { start volume } accuracy { intervals } } } }`;
    const res = await t.client(client).request<any>(BASELINE, { q: queueId, from: '2026-02-09T08:00:00Z', m: 'SEASONAL_NAIVE' });
    const b = res.queues[0].baselineForecast;
    // The same quarter hours one week earlier: the four uploaded intervals of 2 February.
    expect(b.points.map((p: any) => p.volume)).toEqual([100, 100, 100, 100]);
    expect(b).toMatchObject({ method: 'SEASONAL_NAIVE', historyFrom: '2026-01-26T08:00:00.000Z', accuracy: null });
    const smooth = await t.client(centre).request<any>(BASELINE, { q: queueId, from: '2026-02-09T08:00:00Z', m: 'DOUBLE_SEASONAL_SMOOTHING' });
    expect(smooth.queues[0].baselineForecast.points).toHaveLength(4);
    const e = await expectError(t.client(client).request(BASELINE, { q: queueId, from: '2026-02-09T08:05:00Z' }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('from');
    const stranger = await t.client(otherClient).request<any>(`query($q: ID!) { queues(ids: [$q]) { baselineForecast(from: "2026-02-09T08:00:00Z", to: "2026-02-09T09:00:00Z") { method } } }`, { q: queueId });
    expect(stranger.queues).toEqual([null]);
  });
});

describe('volume drivers', () => {
  const DRIVER = `mutation($c: ID!, $input: VolumeDriverInput!) { publishVolumeDriver(contractId: $c, input: $input) { id kind name from to uplifts { queueId uplift } publishedBy } }`;
  const campaign = () => ({ kind: 'CAMPAIGN', name: 'Spring mailing', from: '2026-03-09T00:00:00Z', to: '2026-03-14T00:00:00Z', uplifts: [{ queueId, uplift: 0.25 }] });

  it('lets the client publish an event with its uplift per queue, and the centre see it', async () => {
    const res = await t.client(client).request<any>(DRIVER, { c: contractId, input: campaign() });
    expect(res.publishVolumeDriver).toMatchObject({ kind: 'CAMPAIGN', name: 'Spring mailing', uplifts: [{ queueId, uplift: 0.25 }], publishedBy: 'user-of-acme' });
    await t.client(client).request(DRIVER, { c: contractId, input: { kind: 'OUTAGE', name: 'Sales system down', from: '2026-03-10T08:00:00Z', to: '2026-03-10T12:00:00Z', uplifts: [{ queueId: otherQueueId, uplift: 0.5 }] } });
    const seen = await t.client(centre).request<any>(
      `query($c: ID!, $q: ID!) { contract(id: $c) { volumeDrivers(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { name kind } }
        queues(ids: [$q]) { volumeDrivers(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { name uplifts { uplift } } } }`,
      { c: contractId, q: queueId },
    );
    expect(seen.contract.volumeDrivers).toEqual([{ name: 'Spring mailing', kind: 'CAMPAIGN' }, { name: 'Sales system down', kind: 'OUTAGE' }]);
    expect(seen.queues[0].volumeDrivers).toEqual([{ name: 'Spring mailing', uplifts: [{ uplift: 0.25 }] }]);
    const none = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { volumeDrivers(from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { id } } }`, { c: contractId });
    expect(none.contract.volumeDrivers).toEqual([]);
  });

  it('refuses bad drivers, the centre and strangers', async () => {
    const e1 = await expectError(t.client(client).request(DRIVER, { c: contractId, input: { ...campaign(), uplifts: [{ queueId: 'q-elsewhere', uplift: 0.1 }] } }), 'BAD_USER_INPUT');
    expect(e1.extensions?.field).toBe('uplifts[0].queueId');
    const e2 = await expectError(t.client(client).request(DRIVER, { c: contractId, input: { ...campaign(), uplifts: [{ queueId, uplift: -1.5 }] } }), 'BAD_USER_INPUT');
    expect(e2.extensions?.field).toBe('uplifts[0].uplift');
    const e3 = await expectError(t.client(client).request(DRIVER, { c: contractId, input: { ...campaign(), to: '2026-03-01T00:00:00Z' } }), 'BAD_USER_INPUT');
    expect(e3.extensions?.field).toBe('to');
    await expectError(t.client(centre).request(DRIVER, { c: contractId, input: campaign() }), 'FORBIDDEN');
    await expectError(t.client(otherClient).request(DRIVER, { c: contractId, input: campaign() }), 'NOT_FOUND');
    await expectError(
      t.client(otherCentre).request(`query($c: ID!) { contract(id: $c) { volumeDrivers(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z") { id } } }`, { c: contractId }),
      'NOT_FOUND',
    );
  });

  it('lets the client withdraw a driver', async () => {
    const res = await t.client(client).request<any>(DRIVER, { c: contractId, input: { ...campaign(), name: 'Cancelled', from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z' } });
    const id = res.publishVolumeDriver.id;
    await expectError(t.client(centre).request(`mutation($id: ID!) { removeVolumeDriver(id: $id) }`, { id }), 'FORBIDDEN');
    await expectError(t.client(otherClient).request(`mutation($id: ID!) { removeVolumeDriver(id: $id) }`, { id }), 'NOT_FOUND');
    expect((await t.client(client).request<any>(`mutation($id: ID!) { removeVolumeDriver(id: $id) }`, { id })).removeVolumeDriver).toBe(true);
    const left = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { volumeDrivers(from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { id } } }`, { c: contractId });
    expect(left.contract.volumeDrivers).toEqual([]);
  });
});

describe('capacity', () => {
  const CAPACITY = `query($c: ID!) { contract(id: $c) { capacity(from: "2026-02-02T00:00:00+01:00", to: "2026-02-16T00:00:00+01:00") {
    queueId centreId week start requiredHours committedHours scheduledHours actualHours commitmentGapHours scheduleGapHours actualGapHours } } }`;
  const PLAN = `mutation($q: ID!, $weeks: [CapacityWeekInput!]!) { setCapacityPlan(queueId: $q, weeks: $weeks) { queueId week committedHours scheduledHours } }`;

  it('shows required, committed, scheduled and actual hours per queue and week, with the gaps', async () => {
    await t.client(centre).request(PLAN, { q: queueId, weeks: [{ week: '2026-W06', committedHours: 100, scheduledHours: 80 }] });
    // Sent again: replaces the week.
    await t.client(centre).request(PLAN, { q: queueId, weeks: [{ week: '2026-W06', committedHours: 120, scheduledHours: 90 }, { week: '2026-W07', committedHours: 10 }] });
    const inForce = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { forecastInForce(from: "2026-02-01T23:00:00Z", to: "2026-02-08T23:00:00Z") { staffing { requiredProductiveHours } } } }`,
      { q: queueId },
    );
    const required = inForce.queues[0].forecastInForce.reduce((s: number, i: any) => s + i.staffing.requiredProductiveHours, 0);
    const res = await t.client(client).request<any>(CAPACITY, { c: contractId });
    const weeks = res.contract.capacity;
    expect(weeks.map((w: any) => [w.queueId === queueId ? 'billing' : 'sales', w.week])).toEqual([
      ...(queueId < otherQueueId ? [['billing', '2026-W06'], ['billing', '2026-W07'], ['sales', '2026-W06'], ['sales', '2026-W07']] : [['sales', '2026-W06'], ['sales', '2026-W07'], ['billing', '2026-W06'], ['billing', '2026-W07']]),
    ]);
    const w06 = weeks.find((w: any) => w.queueId === queueId && w.week === '2026-W06');
    expect(w06).toMatchObject({ centreId: 'callco', start: '2026-02-01T23:00:00.000Z', committedHours: 120, scheduledHours: 90, actualHours: 40 }); // 4 uploaded intervals × 40 agents × 15 min
    expect(w06.requiredHours).toBeCloseTo(required, 9);
    expect(w06.commitmentGapHours).toBeCloseTo(120 - required, 9);
    expect(w06.scheduleGapHours).toBeCloseTo(90 - required, 9);
    expect(w06.actualGapHours).toBeCloseTo(40 - required, 9);
    const w07 = weeks.find((w: any) => w.queueId === queueId && w.week === '2026-W07');
    expect(w07).toMatchObject({ committedHours: 10, scheduledHours: null, actualHours: null, actualGapHours: null });
    expect(w07.requiredHours).toBeGreaterThan(0);
    const sales = weeks.find((w: any) => w.queueId === otherQueueId && w.week === '2026-W06');
    expect(sales).toMatchObject({ requiredHours: null, committedHours: null, commitmentGapHours: null });
  });

  it('lets only the serving centre commit, checks the weeks, and shows strangers nothing', async () => {
    await expectError(t.client(client).request(PLAN, { q: queueId, weeks: [{ week: '2026-W06', committedHours: 1 }] }), 'FORBIDDEN');
    await expectError(t.client(otherCentre).request(PLAN, { q: queueId, weeks: [{ week: '2026-W06', committedHours: 1 }] }), 'NOT_FOUND');
    const e = await expectError(t.client(centre).request(PLAN, { q: queueId, weeks: [{ week: '2026-W60', committedHours: 1 }, { week: '2026-W08', committedHours: -3 }] }), 'BAD_USER_INPUT');
    expect(e.extensions?.problems?.map((p) => p.field)).toEqual(['weeks[0].week', 'weeks[1].committedHours']);
    await expectError(t.client(otherClient).request(CAPACITY, { c: contractId }), 'NOT_FOUND');
    const e2 = await expectError(
      t.client(client).request(`query($c: ID!) { contract(id: $c) { capacity(from: "2026-01-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { week } } }`, { c: contractId }),
      'BAD_USER_INPUT',
    );
    expect(e2.extensions?.field).toBe('to');
  });
});

describe('query cost does not grow with the number of queues', () => {
  async function contractWith(queues: number): Promise<string> {
    const made = await setUpContract(t, client, {
      title: `Load ${queues}`,
      effectiveFrom: SINCE,
      queues: Array.from({ length: queues }, (_, i) => `Q${i}`),
      targets: [SERVICE_LEVEL_TARGET],
    });
    for (const [i, q] of made.queueIds.entries()) {
      // Different horizons per queue: each version's intervals are read over its own range.
      const day = `2026-05-${String(4 + i).padStart(2, '0')}`;
      await t.client(centre).request(PUBLISH, { q, input: input(`${day}T00:00:00Z`, `${day}T12:00:00Z`, rows([day], [10, 20])) });
      await t.client(centre).request(PUBLISH, { q, input: input(`${day}T08:15:00Z`, `${day}T12:00:00Z`, rows([day], [10, 20]).slice(1)) });
    }
    return made.id;
  }

  const QUERY = `query($c: ID!) { contract(id: $c) { queues { id forecasts(from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { version status
    intervals { volume supersededByVersion staffing { requiredAgents } } summary { volume } } } } }`;

  it('reads forecasts of 8 queues with as many forecasts SQL statements as 2', async () => {
    const small = await contractWith(2);
    const large = await contractWith(8);
    const sqlFor = async (id: string) => {
      t.queries.forecasts.reset();
      const res = await t.client(client).request<any>(QUERY, { c: id });
      expect(res.contract.queues.every((q: any) => q.forecasts.length === 2 && q.forecasts[1].status === 'PARTLY_SUPERSEDED')).toBe(true);
      return t.queries.forecasts.count;
    };
    const two = await sqlFor(small);
    const eight = await sqlFor(large);
    expect(eight).toBe(two);
    expect(eight).toBeLessThanOrEqual(3);
  });
});

describe('staffing a week', () => {
  it('staffs 672 quarter hours by Erlang C and A with plans and returns them through the gateway (timed by npm run bench:staffing)', async () => {
    const from = Date.parse('2026-06-01T00:00:00Z');
    const intervals = Array.from({ length: 672 }, (_, i) => {
      const volume = Math.round(150 * Math.max(0.05, Math.sin(((i % 96) / 96) * Math.PI)) * 10) / 10 + (i % 7);
      return { start: new Date(from + i * 900_000).toISOString(), volume, ahtSeconds: 290 + (i % 11), plannedAgents: Math.round((volume * 300) / 900) + 2 };
    });
    const published = await t.client(centre).request<any>(PUBLISH, { q: otherQueueId, input: input('2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z', intervals, { patienceSeconds: 240 }) });
    const read = `query($id: ID!) { forecast(id: $id) { intervals { staffing { requiredAgents erlangC { agents } erlangA { agents } } planned { expectedServiceLevel atRisk } } } }`;
    const res = await t.client(client).request<any>(read, { id: published.publishForecast.id });
    expect(res.forecast.intervals).toHaveLength(672);
    expect(res.forecast.intervals.every((i: any) => i.staffing.erlangA.agents <= i.staffing.erlangC.agents)).toBe(true);
  });
});

