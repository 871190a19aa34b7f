import { BOUNDS, LIST_LIMITS } from '../services/metrics/bounds';
import { expectError, startTestHub, TestHub } from './support/hub';
import { quarterHours } from './support/intervals';

/**
 * Issue 9 for the forecasts subgraph, through the gateway: every number, date, list and text a
 * forecast, a capacity plan or a volume driver takes is refused beyond its bound (metrics/bounds.ts),
 * naming the field and stating the bound, and nothing is written; reads refuse instants outside
 * the window and ranges too long; a stranger is answered NOT_FOUND whatever its token's roles.
 */
const SINCE = '2026-01-01T00:00:00Z';
const PUBLISH = `mutation($q: ID!, $input: ForecastInput!) { publishForecast(queueId: $q, input: $input) { id } }`;
const PUBLISH_GROUP = `mutation($g: ID!, $input: ForecastInput!) { publishGroupForecast(groupId: $g, input: $input) { id } }`;
const PLAN = `mutation($q: ID!, $weeks: [CapacityWeekInput!]!) { setCapacityPlan(queueId: $q, weeks: $weeks) { week } }`;
const DRIVER = `mutation($c: ID!, $input: VolumeDriverInput!) { publishVolumeDriver(contractId: $c, input: $input) { id } }`;

let t: TestHub;
let client: string, centre: string;
let contractId: string, queueId: string, otherContract: string, groupId: string;

const FROM = '2026-03-02T00:00:00Z';
const TO = '2026-03-03T00:00:00Z';
const START = quarterHours('2026-03-02T08:00:00Z', 2);
function forecast(interval: Record<string, unknown> = {}, more: Record<string, unknown> = {}) {
  return { from: FROM, to: TO, granularityMinutes: 15, intervals: START.map((start) => ({ start, volume: 40, ahtSeconds: 300, ...interval })), ...more };
}

async function counts() {
  const res = await t.client(client).request<any>(
    `query($q: ID!, $c: ID!) { queues(ids: [$q]) { forecasts(from: "2000-01-01T00:00:00Z", to: "2099-12-31T00:00:00Z") { id } }
      contract(id: $c) { volumeDrivers(from: "2000-01-01T00:00:00Z", to: "2099-12-31T00:00:00Z") { id }
        capacity(from: "2026-03-01T23:00:00Z", to: "2026-08-30T22:00:00Z") { committedHours scheduledHours } } }`,
    { q: queueId, c: contractId },
  );
  const plans = res.contract.capacity.filter((w: any) => w.committedHours !== null || w.scheduledHours !== null).length;
  return { forecasts: res.queues[0].forecasts.length, drivers: res.contract.volumeDrivers.length, plans };
}

/** Runs a request that must be refused as bad input; returns the problems (field → message). */
async function refused(token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, string>> {
  const error = await expectError(t.client(token).request(query, variables), 'BAD_USER_INPUT');
  const problems: Record<string, string> = {};
  for (const p of error.extensions?.problems ?? []) problems[p.field] = problems[p.field] ? `${problems[p.field]}; ${p.message}` : p.message;
  return problems;
}

beforeAll(async () => {
  t = await startTestHub();
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'umbrella', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  const c = t.client(client);
  const contract = async (centreId: string) => {
    const id = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
      input: { title: `Acme care by ${centreId}`, centreId, startDate: '2026-01-01', currency: 'EUR' }, f: SINCE,
    })).createContract.id;
    const queue = (await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: id, f: SINCE })).addQueue.id;
    await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: id, f: SINCE });
    await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id, f: SINCE });
    return { id, queue };
  };
  const a = await contract('callco');
  const b = await contract('phoneco');
  [contractId, queueId, otherContract] = [a.id, a.queue, b.id];
  groupId = (await c.request<any>(`mutation($input: VolumeShareGroupInput!) { setVolumeShareGroup(input: $input) { id } }`, {
    input: { name: 'Billing', members: [{ queueId: a.queue, share: 0.5 }, { queueId: b.queue, share: 0.5 }] },
  })).setVolumeShareGroup.id;
  await t.client(centre).request(PUBLISH, { q: queueId, input: forecast() });
});
afterAll(() => t?.stop());

describe('a forecast beyond the bounds is refused whole, naming the field and the bound, and writes nothing', () => {
  it.each([
    ['2147483647 planned agents (every read took 10-20 s)', { plannedAgents: 2_147_483_647 }, {}, 'intervals[0].plannedAgents', `between 0 and ${BOUNDS.agents.max} agents`],
    ['a volume of 1e308', { volume: 1e308 }, {}, 'intervals[0].volume', `between 0 and ${BOUNDS.forecastVolume.max} contacts`],
    ['an AHT of 1e308', { ahtSeconds: 1e308 }, {}, 'intervals[0].ahtSeconds', `between 1 and ${BOUNDS.handlingSeconds.max} seconds`],
    ['a patience of 1e308', {}, { patienceSeconds: 1e308 }, 'patienceSeconds', `between 1 and ${BOUNDS.patienceSeconds.max} seconds`],
    ['an offered load beyond the staffing models', { volume: 20_000, ahtSeconds: 14_400 }, {}, 'intervals[0].volume', `at most ${BOUNDS.offeredLoadErlangs.max} Erlangs per interval`],
    ['a horizon in year 0001', {}, { from: '0001-01-01T00:00:00Z', to: '0001-01-02T00:00:00Z', intervals: [] }, 'input.from', 'must lie between 2000-01-01T00:00:00Z'],
    ['a horizon ending in 9999', {}, { to: '9999-01-01T00:00:00Z' }, 'input.to', 'must lie between 2000-01-01T00:00:00Z'],
    ['a note with a right-to-left override', {}, { note: 'plan \u202Eevil' }, 'note', 'bidirectional-override'],
    ['a note with NUL', {}, { note: 'plan\u0000' }, 'note', 'U+0000'],
  ] as Array<[string, Record<string, unknown>, Record<string, unknown>, string, string]>)('%s', async (_name, interval, more, field, bound) => {
    const before = await counts();
    const problems = await refused(centre, PUBLISH, { q: queueId, input: forecast(interval, more) });
    expect(problems[field]).toContain(bound);
    expect(await counts()).toEqual(before);
  });

  it('refuses the same on the group total forecast', async () => {
    const problems = await refused(client, PUBLISH_GROUP, { g: groupId, input: forecast({ plannedAgents: 2_147_483_647, volume: 1e308 }) });
    expect(Object.keys(problems)).toEqual(['intervals[0].volume', 'intervals[0].plannedAgents', 'intervals[1].volume', 'intervals[1].plannedAgents']);
  });

  it('takes the values at the bounds', async () => {
    const res = await t.client(centre).request<any>(PUBLISH, {
      q: queueId,
      input: forecast({ volume: 1000, ahtSeconds: 1800, plannedAgents: BOUNDS.agents.max }, { from: '2026-03-09T00:00:00Z', to: '2026-03-10T00:00:00Z', patienceSeconds: BOUNDS.patienceSeconds.max, intervals: [
        { start: '2026-03-09T08:00:00Z', volume: 1000, ahtSeconds: 1800, plannedAgents: BOUNDS.agents.max },
      ] }),
    });
    const read = await t.client(client).request<any>(`query($id: ID!) { forecast(id: $id) { intervals { workloadErlangs plannedAgents staffing { requiredAgents } planned { agents } } } }`, { id: res.publishForecast.id });
    expect(read.forecast.intervals).toEqual([{ workloadErlangs: BOUNDS.offeredLoadErlangs.max, plannedAgents: BOUNDS.agents.max, staffing: { requiredAgents: expect.any(Number) }, planned: { agents: BOUNDS.agents.max } }]);
  });
});

describe('capacity plans and volume drivers beyond the bounds', () => {
  it.each([
    ['capacity week 9999-W01', [{ week: '9999-W01', committedHours: 10 }], 'weeks[0].week', 'years 2000 to 2099'],
    ['committed hours of 1e308', [{ week: '2026-W10', committedHours: 1e308 }], 'weeks[0].committedHours', `between 0 and ${BOUNDS.hoursPerWeek.max} hours`],
    ['scheduled hours below 0', [{ week: '2026-W10', scheduledHours: -1 }], 'weeks[0].scheduledHours', `between 0 and ${BOUNDS.hoursPerWeek.max} hours`],
    ['more weeks than a plan holds', Array.from({ length: LIST_LIMITS.capacityWeeks + 1 }, () => ({ week: '2026-W10', committedHours: 1 })), 'weeks', `at most ${LIST_LIMITS.capacityWeeks} weeks`],
  ])('%s', async (_name, weeks, field, bound) => {
    const before = await counts();
    const problems = await refused(centre, PLAN, { q: queueId, weeks });
    expect(problems[field]).toContain(bound);
    expect(await counts()).toEqual(before);
  });

  const campaign = { kind: 'CAMPAIGN', name: 'Spring mailing', from: '2026-03-09T00:00:00Z', to: '2026-03-14T00:00:00Z' };
  it.each([
    ['an uplift of 1e308', { uplift: 1e308 }, 'uplifts[0].uplift', `between 0 and ${BOUNDS.upliftFactor.max} times`],
    ['an end in 9999', { to: '9999-01-01T00:00:00Z' }, 'input.to', 'must lie between 2000-01-01T00:00:00Z'],
    ['a start in 1900', { from: '1900-01-01T00:00:00Z' }, 'input.from', 'must lie between 2000-01-01T00:00:00Z'],
    ['a name with BEL', { name: 'Mailing\u0007' }, 'name', 'U+0007'],
    ['a description of 100,000 characters', { description: 'x'.repeat(100_000) }, 'description', 'at most 5000 characters'],
  ] as Array<[string, Record<string, unknown>, string, string]>)('a driver with %s', async (_name, change, field, bound) => {
    const before = await counts();
    const { uplift, ...rest } = change;
    const input = { ...campaign, uplifts: [{ queueId, uplift: uplift ?? 0.2 }], ...rest };
    const problems = await refused(client, DRIVER, { c: contractId, input });
    expect(problems[field]).toContain(bound);
    expect(await counts()).toEqual(before);
  });
});

describe('reads', () => {
  it.each([
    ['forecastInForce over more than 366 days', `queues(ids: [$q]) { forecastInForce(from: "2026-01-01T00:00:00Z", to: "2027-01-03T00:00:00Z") { start } }`, 'to', 'at most 366 days'],
    ['forecastInForce from 1900', `queues(ids: [$q]) { forecastInForce(from: "1900-01-01T00:00:00Z", to: "1900-01-02T00:00:00Z") { start } }`, 'from', 'must lie between'],
    ['forecasts as of 1900', `queues(ids: [$q]) { forecasts(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", asOf: "1900-01-01T00:00:00Z") { id } }`, 'asOf', 'must lie between'],
    ['volume drivers until 9999', `contract(id: $c) { volumeDrivers(from: "2026-01-01T00:00:00Z", to: "9999-01-01T00:00:00Z") { id } }`, 'to', 'must lie between'],
    ['capacity from 1900', `contract(id: $c) { capacity(from: "1900-01-01T00:00:00Z", to: "1900-01-08T00:00:00Z") { week } }`, 'from', 'must lie between'],
  ])('%s is refused on %s', async (_name, selection, field, message) => {
    const query = selection.includes('$q') ? `query($q: ID!) { ${selection} }` : `query($c: ID!) { ${selection} }`;
    const error = await expectError(t.client(client).request(query, (selection.includes('$q') ? { q: queueId } : { c: contractId }) as Record<string, string>), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain(message);
  });

});

describe('strangers', () => {
  it('get NOT_FOUND on a group total forecast whatever the roles of their token, the same for a real group as for a made-up one', async () => {
    for (const [org, roles] of [['umbrella', ['procure']], ['umbrella', ['write']], ['phoneco', ['write']], ['callco', ['read']]] as const) {
      const token = t.token(org, [...roles]);
      const real = await expectError(t.client(token).request(PUBLISH_GROUP, { g: groupId, input: forecast() }), 'NOT_FOUND');
      const madeUp = await expectError(t.client(token).request(PUBLISH_GROUP, { g: 'vsg-made-up', input: forecast() }), 'NOT_FOUND');
      expect(real.message.replace(groupId, '<id>')).toBe(madeUp.message.replace('vsg-made-up', '<id>'));
    }
  });

  it('get NOT_FOUND alike for a real forecast, driver, queue and contract and for made-up ones', async () => {
    const forecastIdOf = (await t.client(client).request<any>(`query($q: ID!) { queues(ids: [$q]) { forecasts(from: "2026-03-01T00:00:00Z", to: "2026-03-04T00:00:00Z") { id } } }`, { q: queueId })).queues[0].forecasts[0].id;
    const driverId = (await t.client(client).request<any>(DRIVER, { c: contractId, input: { kind: 'OTHER', name: 'Fair', from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z', uplifts: [{ queueId, uplift: 0.1 }] } })).publishVolumeDriver.id;
    const pairs: Array<[string, string, string, Record<string, unknown>]> = [
      [`query($id: ID!) { forecast(id: $id) { id } }`, 'id', forecastIdOf, {}],
      [`mutation($id: ID!) { removeVolumeDriver(id: $id) }`, 'id', driverId, {}],
      [PLAN, 'q', queueId, { weeks: [{ week: '2026-W10', committedHours: 1 }] }],
      [PUBLISH, 'q', queueId, { input: forecast() }],
      [DRIVER, 'c', otherContract, { input: { kind: 'OTHER', name: 'x', from: '2026-04-01T00:00:00Z', to: '2026-04-02T00:00:00Z', uplifts: [{ queueId, uplift: 0.1 }] } }],
    ];
    const answer = (token: string, query: string, variables: Record<string, unknown>) =>
      t.client(token).request(query, variables).then(
        () => ({ code: 'ok', message: '' }),
        (e) => ({ code: e.response?.errors?.[0]?.extensions?.code as string, message: e.response?.errors?.[0]?.message as string }),
      );
    // A token without the read role is refused by contracts before any id is looked at, which reads as not found too.
    for (const [stranger, code] of [[t.token('umbrella', ['write']), 'NOT_FOUND'], [t.token('umbrella', ['procure']), 'NOT_FOUND']]) {
      for (const [query, key, id, rest] of pairs) {
        const real = await answer(stranger, query, { [key]: id, ...rest });
        const madeUp = await answer(stranger, query, { [key]: 'made-up-id', ...rest });
        expect(real.code).toBe(code);
        expect({ ...real, message: real.message.replace(id, '<id>') }).toEqual({ ...madeUp, message: madeUp.message.replace('made-up-id', '<id>') });
      }
    }
  });
});
