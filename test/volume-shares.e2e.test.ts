import { agentsForServiceLevel } from '../services/metrics/erlang-c';
import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { NOW, registerParties, SERVICE_LEVEL_TARGET, setUpContract } from './support/fixtures';
import { quarterHours } from './support/intervals';

/**
 * Volume share groups (issue 4, capacity commitments): the client groups queues of its contracts
 * served by different centres, sets each one's share, publishes the group's total forecast, and
 * each centre sees, staffs and commits for its share only.
 */
const SINCE = '2026-01-01T00:00:00Z';
const SET = `mutation($input: VolumeShareGroupInput!, $reason: String) { setVolumeShareGroup(input: $input, reason: $reason) { id name members { queue { id name } centre { id name } share } } }`;
const PUBLISH_GROUP = `mutation($g: ID!, $input: ForecastInput!) { publishGroupForecast(groupId: $g, input: $input) { id version groupId shareOfGroup intervalCount } }`;
const READ = `query($q: ID!) { queues(ids: [$q]) { id volumeShare { groupId groupName share }
  forecasts(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { id version groupId shareOfGroup status summary { volume requiredProductiveHours }
    intervals { start volume ahtSeconds shareOfGroup staffingNote staffing { requiredAgents requiredProductiveHours } } }
  forecastInForce(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { start volume version shareOfGroup staffing { requiredAgents requiredProductiveHours } } } }`;
const CAPACITY = `query($c: ID!) { contract(id: $c) { capacity(from: "2026-02-02T00:00:00+01:00", to: "2026-02-09T00:00:00+01:00") {
  queueId centreId week requiredHours committedHours commitmentGapHours } } }`;

const clock = manualClock(NOW);
let t: TestHub;
let client: string, callco: string, phoneco: string, otherClient: string, stranger: string;
let contractA: string, contractB: string, queueA: string, queueB: string, queueA2: string, foreignQueue: string, groupId: string;

/** Four quarter hours from 09:00 Paris on 3 February. */
const DAY = quarterHours('2026-02-03T08:00:00Z', 4);
function forecast(volumes: number[]) {
  return { from: '2026-02-03T00:00:00Z', to: '2026-02-04T00:00:00Z', granularityMinutes: 15, shrinkage: 0.25, intervals: DAY.map((start, i) => ({ start, volume: volumes[i], ahtSeconds: 300 })) };
}

/** An active contract of `token`'s organisation served by `centreId`, with a contract-wide service-level target. */
async function contractWith(token: string, centreId: string, queues: string[]): Promise<{ id: string; queues: string[] }> {
  const made = await setUpContract(t, token, { title: `care by ${centreId}`, centreId, effectiveFrom: SINCE, queues, targets: [SERVICE_LEVEL_TARGET], activate: true });
  return { id: made.id, queues: made.queueIds };
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  ({ client, otherClient, centre: callco, otherCentre: phoneco } = await registerParties(t, {
    names: { acme: 'Acme', callco: 'Call Co', phoneco: 'Phone Co' },
    more: [{ id: 'dialco', kind: 'CENTRE' }],
  }));
  stranger = t.token('dialco');
  const a = await contractWith(client, 'callco', ['Billing (Call Co)', 'Sales (Call Co)']);
  const b = await contractWith(client, 'phoneco', ['Billing (Phone Co)']);
  const u = await contractWith(otherClient, 'callco', ['Umbrella billing']);
  [contractA, contractB] = [a.id, b.id];
  [queueA, queueA2, queueB, foreignQueue] = [a.queues[0], a.queues[1], b.queues[0], u.queues[0]];
});
afterAll(() => t?.stop());

describe('setting a volume share group', () => {
  it('refuses centres, shares that do not add up to 1, other clients\' queues and two queues of one centre', async () => {
    const members = (shareA: number, shareB: number, b = queueB) => ({ name: 'Billing', members: [{ queueId: queueA, share: shareA }, { queueId: b, share: shareB }] });
    await expectError(t.client(callco).request(SET, { input: members(0.6, 0.4) }), 'FORBIDDEN');
    await expectError(t.client(t.token('acme', ['read'])).request(SET, { input: members(0.6, 0.4) }), 'FORBIDDEN');
    const sum = await expectError(t.client(client).request(SET, { input: members(0.5, 0.4) }), 'BAD_USER_INPUT');
    expect(sum.extensions?.problems).toEqual([{ field: 'members', message: expect.stringContaining('add up to 0.9') }]);
    const range = await expectError(t.client(client).request(SET, { input: members(1, 0) }), 'BAD_USER_INPUT');
    expect(range.extensions?.problems?.map((p) => p.field)).toEqual(['members[1].share']);
    const foreign = await expectError(t.client(client).request(SET, { input: members(0.6, 0.4, foreignQueue) }), 'BAD_USER_INPUT');
    expect(foreign.extensions?.problems?.map((p) => p.field)).toEqual(['members[1].queueId']);
    const sameCentre = await expectError(t.client(client).request(SET, { input: members(0.6, 0.4, queueA2) }), 'BAD_USER_INPUT');
    expect(sameCentre.extensions?.problems).toEqual([{ field: 'members[1].queueId', message: expect.stringContaining('different centre') }]);
    const one = await expectError(t.client(client).request(SET, { input: { name: 'Billing', members: [{ queueId: queueA, share: 1 }] } }), 'BAD_USER_INPUT');
    expect(one.extensions?.problems?.map((p) => p.field)).toEqual(['members']);
    await expectError(t.client(client).request(SET, { input: { id: 'vsg-nope', ...members(0.6, 0.4) } }), 'NOT_FOUND');
  });

  it('creates the group and shows it whole to the client only', async () => {
    const res = await t.client(client).request<any>(SET, { input: { name: 'Billing', members: [{ queueId: queueA, share: 0.6 }, { queueId: queueB, share: 0.4 }] }, reason: 'two centres' });
    groupId = res.setVolumeShareGroup.id;
    expect(res.setVolumeShareGroup.members).toEqual([
      { queue: { id: queueA, name: 'Billing (Call Co)' }, centre: { id: 'callco', name: 'Call Co' }, share: 0.6 },
      { queue: { id: queueB, name: 'Billing (Phone Co)' }, centre: { id: 'phoneco', name: 'Phone Co' }, share: 0.4 },
    ]);
    const list = await t.client(client).request<any>(`{ volumeShareGroups { id name members { queue { id } share } } }`);
    expect(list.volumeShareGroups).toEqual([{ id: groupId, name: 'Billing', members: [{ queue: { id: queueA }, share: 0.6 }, { queue: { id: queueB }, share: 0.4 }] }]);
    // A queue is in at most one group.
    const again = await expectError(t.client(client).request(SET, { input: { name: 'Again', members: [{ queueId: queueA2, share: 0.5 }, { queueId: queueB, share: 0.5 }] } }), 'BAD_USER_INPUT');
    expect(again.extensions?.problems).toEqual([{ field: 'members[1].queueId', message: expect.stringContaining(groupId) }]);
  });

  it('shows each centre only its own queue\'s share, never the other members', async () => {
    const share = `query($q: ID!) { queues(ids: [$q]) { id volumeShare { groupId groupName share } } }`;
    expect((await t.client(callco).request<any>(share, { q: queueA })).queues).toEqual([{ id: queueA, volumeShare: { groupId, groupName: 'Billing', share: 0.6 } }]);
    expect((await t.client(phoneco).request<any>(share, { q: queueB })).queues).toEqual([{ id: queueB, volumeShare: { groupId, groupName: 'Billing', share: 0.4 } }]);
    expect((await t.client(callco).request<any>(share, { q: queueB })).queues).toEqual([null]);
    expect((await t.client(callco).request<any>(`{ volumeShareGroups { id } }`)).volumeShareGroups).toEqual([]);
    await expectError(t.client(callco).request(`query($id: ID!) { volumeShareGroup(id: $id) { id members { share } } }`, { id: groupId }), 'NOT_FOUND');
    expect((await t.client(client).request<any>(share, { q: queueA2 })).queues[0].volumeShare).toBeNull();
  });
});

describe('group forecasts', () => {
  const TOTAL = [80, 100, 120, 0];

  it('lets only the client publish, validated like a queue forecast', async () => {
    await expectError(t.client(callco).request(PUBLISH_GROUP, { g: groupId, input: forecast(TOTAL) }), 'NOT_FOUND');
    await expectError(t.client(otherClient).request(PUBLISH_GROUP, { g: groupId, input: forecast(TOTAL) }), 'NOT_FOUND');
    const bad = await expectError(t.client(client).request(PUBLISH_GROUP, { g: groupId, input: { ...forecast([80, -1, 120, 0]), granularityMinutes: 15 } }), 'BAD_USER_INPUT');
    expect(bad.extensions?.problems?.map((p) => p.field)).toEqual(['intervals[1].volume']);
    const published = await t.client(client).request<any>(PUBLISH_GROUP, { g: groupId, input: forecast(TOTAL) });
    expect(published.publishGroupForecast).toMatchObject({ version: 1, groupId, shareOfGroup: null, intervalCount: 4 });
    // The published total is not readable by its id, not even by a member centre: members read it through their queue.
    await expectError(t.client(callco).request(`query($id: ID!) { forecast(id: $id) { id } }`, { id: published.publishGroupForecast.id }), 'NOT_FOUND');
  });

  it('shows each member queue its share of the total, staffed for the scaled volume', async () => {
    for (const [token, q, share] of [[callco, queueA, 0.6], [phoneco, queueB, 0.4]] as const) {
      const res = await t.client(token).request<any>(READ, { q });
      const [queue] = res.queues;
      expect(queue.forecasts).toHaveLength(1);
      expect(queue.forecasts[0]).toMatchObject({ version: 1, groupId, shareOfGroup: share, status: 'CURRENT' });
      expect(queue.forecasts[0].summary.volume).toBeCloseTo(300 * share, 9);
      const intervals = queue.forecasts[0].intervals;
      expect(intervals.map((i: any) => i.volume)).toEqual(TOTAL.map((v) => v * share));
      expect(intervals.every((i: any) => i.ahtSeconds === 300 && i.shareOfGroup === share)).toBe(true);
      const expected = agentsForServiceLevel({ callsPerInterval: 100 * share, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!;
      expect(intervals[1].staffing.requiredAgents).toBe(expected.agents);
      expect(queue.forecastInForce.map((i: any) => i.volume)).toEqual(TOTAL.map((v) => v * share));
    }
    // Two centres together staff at least what one centre would need for the total.
    const whole = agentsForServiceLevel({ callsPerInterval: 100, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!.agents;
    const a = agentsForServiceLevel({ callsPerInterval: 60, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!.agents;
    const b = agentsForServiceLevel({ callsPerInterval: 40, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!.agents;
    expect(a + b).toBeGreaterThanOrEqual(whole);
  });

  it('uses the scaled requirement in each centre\'s contract capacity', async () => {
    await t.client(callco).request(`mutation($q: ID!) { setCapacityPlan(queueId: $q, weeks: [{ week: "2026-W06", committedHours: 30 }]) { week } }`, { q: queueA });
    for (const [token, contract, q, share] of [[callco, contractA, queueA, 0.6], [client, contractB, queueB, 0.4]] as const) {
      const inForce = (await t.client(token).request<any>(READ, { q })).queues[0].forecastInForce;
      const required = inForce.reduce((s: number, i: any) => s + i.staffing.requiredProductiveHours, 0);
      const expected = [80, 100, 120, 0].reduce((s, v) => s + (v === 0 ? 0 : agentsForServiceLevel({ callsPerInterval: v * share, ahtSeconds: 300, intervalSeconds: 900 }, 0.8, 20)!.agents / 4), 0);
      expect(required).toBeCloseTo(expected, 9);
      const weeks = (await t.client(token).request<any>(CAPACITY, { c: contract })).contract.capacity.filter((w: any) => w.queueId === q);
      expect(weeks).toHaveLength(1);
      expect(weeks[0].week).toBe('2026-W06');
      expect(weeks[0].requiredHours).toBeCloseTo(expected, 9);
      if (q === queueA) {
        expect(weeks[0]).toMatchObject({ centreId: 'callco', committedHours: 30 });
        expect(weeks[0].commitmentGapHours).toBeCloseTo(30 - expected, 9);
      } else expect(weeks[0]).toMatchObject({ centreId: 'phoneco', committedHours: null });
    }
    // The client sees the centres side by side, per week, each under its share's requirement.
    const group = await t.client(client).request<any>(`query($id: ID!) { volumeShareGroup(id: $id) {
      capacity(from: "2026-02-02T00:00:00+01:00", to: "2026-02-09T00:00:00+01:00") { queueId centreId week shareOfGroup requiredHours committedHours } } }`, { id: groupId });
    expect(group.volumeShareGroup.capacity.map((w: any) => [w.week, w.centreId, w.queueId, w.shareOfGroup, w.committedHours])).toEqual([
      ['2026-W06', 'callco', queueA, 0.6, 30],
      ['2026-W06', 'phoneco', queueB, 0.4, null],
    ]);
    const ownWeek = (await t.client(callco).request<any>(CAPACITY, { c: contractA })).contract.capacity.find((w: any) => w.queueId === queueA);
    expect(group.volumeShareGroup.capacity[0].requiredHours).toBeCloseTo(ownWeek.requiredHours, 9);
  });

  it('prefers the queue\'s own forecast where it was published after the group\'s, and back', async () => {
    clock.advance(60); // a minute after the group's version 1
    await t.client(callco).request(`mutation($q: ID!, $input: ForecastInput!) { publishForecast(queueId: $q, input: $input) { id } }`, {
      q: queueA,
      input: { ...forecast([0, 0, 0, 0]), intervals: [{ start: DAY[0], volume: 7, ahtSeconds: 300 }, { start: DAY[1], volume: 9, ahtSeconds: 300 }] },
    });
    let inForce = (await t.client(callco).request<any>(READ, { q: queueA })).queues[0].forecastInForce;
    expect(inForce.map((i: any) => [i.volume, i.shareOfGroup])).toEqual([[7, null], [9, null]]);
    clock.advance(60); // a minute after the queue's own
    await t.client(client).request(PUBLISH_GROUP, { g: groupId, input: forecast([10, 10, 10, 10]) });
    inForce = (await t.client(callco).request<any>(READ, { q: queueA })).queues[0].forecastInForce;
    expect(inForce.map((i: any) => [i.volume, i.version, i.shareOfGroup])).toEqual([[6, 2, 0.6], [6, 2, 0.6], [6, 2, 0.6], [6, 2, 0.6]]);
    // Queue.forecasts lists both series, newest published first: the group's 2, the queue's own 1, the group's 1.
    const listed = (await t.client(callco).request<any>(READ, { q: queueA })).queues[0].forecasts;
    expect(listed.map((f: any) => [f.version, f.groupId, f.shareOfGroup])).toEqual([[2, groupId, 0.6], [1, null, null], [1, groupId, 0.6]]);
  });

  it('follows a change of the shares at once, and shows strangers nothing', async () => {
    await t.client(client).request(SET, { input: { id: groupId, name: 'Billing line', members: [{ queueId: queueB, share: 0.75 }, { queueId: queueA, share: 0.25 }] } });
    const a = (await t.client(callco).request<any>(READ, { q: queueA })).queues[0];
    expect(a.volumeShare).toEqual({ groupId, groupName: 'Billing line', share: 0.25 });
    expect(a.forecastInForce.map((i: any) => i.volume)).toEqual([2.5, 2.5, 2.5, 2.5]);
    const GROUP_CAPACITY = `query($id: ID!) { volumeShareGroup(id: $id) { capacity(from: "2026-02-02T00:00:00Z", to: "2026-02-09T00:00:00Z") { week } } }`;
    await expectError(t.client(callco).request(GROUP_CAPACITY, { id: groupId }), 'NOT_FOUND'); // a member centre neither
    for (const token of [stranger, otherClient]) {
      expect((await t.client(token).request<any>(READ, { q: queueA })).queues).toEqual([null]);
      await expectError(t.client(token).request(CAPACITY, { c: contractA }), 'NOT_FOUND');
      await expectError(t.client(token).request(PUBLISH_GROUP, { g: groupId, input: forecast([1, 1, 1, 1]) }), 'NOT_FOUND');
      expect((await t.client(token).request<any>(`{ volumeShareGroups { id } }`)).volumeShareGroups).toEqual([]);
      await expectError(t.client(token).request(GROUP_CAPACITY, { id: groupId }), 'NOT_FOUND');
    }
  });
});
