import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * Volume share groups (issue 4, capacity commitments): the client groups queues of its contracts
 * served by different centres, sets each one's share, and each centre sees only its own share.
 */
const SINCE = '2026-01-01T00:00:00Z';
const SET = `mutation($input: VolumeShareGroupInput!, $reason: String) { setVolumeShareGroup(input: $input, reason: $reason) { id name members { queue { id name } centre { id name } share } } }`;
let t: TestHub;
let client: string, callco: string, phoneco: string, otherClient: string;
let queueA: string, queueB: string, queueA2: string, foreignQueue: string, groupId: string;

async function contractWith(token: string, centreId: string, queues: string[], activate = true): Promise<{ id: string; queues: string[] }> {
  const c = t.client(token);
  const id = (
    await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
      input: { title: `care by ${centreId}`, centreId, startDate: '2026-01-01', currency: 'EUR' },
      f: SINCE,
    })
  ).createContract.id;
  const ids: string[] = [];
  for (const name of queues) {
    ids.push(
      (await c.request<any>(`mutation($c: ID!, $f: DateTime, $name: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $name, channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: id, f: SINCE, name })).addQueue.id,
    );
  }
  await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: id, f: SINCE });
  if (activate) await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id, f: SINCE });
  return { id, queues: ids };
}

beforeAll(async () => {
  t = await startTestHub();
  await t.organisations([
    { id: 'acme', kind: 'CLIENT', name: 'Acme' },
    { id: 'umbrella', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE', name: 'Call Co' },
    { id: 'phoneco', kind: 'CENTRE', name: 'Phone Co' },
    { id: 'dialco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  otherClient = t.token('umbrella');
  callco = t.token('callco');
  phoneco = t.token('phoneco');
  const a = await contractWith(client, 'callco', ['Billing (Call Co)', 'Sales (Call Co)']);
  const b = await contractWith(client, 'phoneco', ['Billing (Phone Co)']);
  const u = await contractWith(otherClient, 'callco', ['Umbrella billing']);
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
