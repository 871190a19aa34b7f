import { manualClock } from '../services/platform/clock';
import { startTestHub, TestHub } from './support/hub';

/**
 * Two behaviours the README examples showed wrong (issue 13): replacing an SLA target without
 * mentioning its service credit kept silently dropping the credit, and `asOf` reported the
 * instant an amendment was recorded as the instant it took effect.
 */
const NOW = '2026-06-15T10:00:00Z';
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ clock: manualClock(NOW) });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
  ]);
});
afterAll(async () => {
  await t?.stop();
});

async function activeContract(): Promise<{ contractId: string; targetId: string; queueId: string }> {
  const client = t.client(t.token('acme'));
  const { createContract } = await client.request<{ createContract: { id: string } }>(
    `mutation { createContract(input: { title: "Care", centreId: "callco", startDate: "2026-01-01", endDate: "2027-12-31", currency: "EUR", monthlyFeeMinor: 100000 }, effectiveFrom: "2026-01-01T00:00:00Z") { id } }`,
  );
  const contractId = createContract.id;
  const setup = await client.request<{ addQueue: { id: string } }>(
    `mutation($c: ID!) { addQueue(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { name: "Line", channel: VOICE, direction: INBOUND, timeZone: "Europe/Paris", openingHours: [{ weekday: MONDAY, opens: "08:00", closes: "20:00" }] }) { id } }`,
    { c: contractId },
  );
  const target = await client.request<{ setSlaTarget: { id: string } }>(
    `mutation($c: ID!, $q: ID!) { setSlaTarget(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY, serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } }) { id } }`,
    { c: contractId, q: setup.addQueue.id },
  );
  await client.request(`mutation($c: ID!) { activateContract(id: $c, effectiveFrom: "2026-01-01T00:00:00Z") { status } }`, { c: contractId });
  return { contractId, targetId: target.setSlaTarget.id, queueId: setup.addQueue.id };
}

describe('replacing an SLA target', () => {
  it('keeps its service credit when the replacement leaves serviceCredit out', async () => {
    const { contractId, targetId, queueId } = await activeContract();
    const client = t.client(t.token('acme'));
    const answer = await client.request<{ setSlaTarget: { goal: number; serviceCredit: unknown } }>(
      `mutation($c: ID!, $id: ID!, $q: ID!) { setSlaTarget(contractId: $c, reason: "Peak relief", input: { id: $id, queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 30, goal: 0.7, window: DAY }) { goal serviceCredit { percentPerPoint capPercent } } }`,
      { c: contractId, id: targetId, q: queueId },
    );
    expect(answer.setSlaTarget).toEqual({ goal: 0.7, serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } });
  });

  it('removes the service credit when the replacement says serviceCredit: null', async () => {
    const { contractId, targetId, queueId } = await activeContract();
    const client = t.client(t.token('acme'));
    const answer = await client.request<{ setSlaTarget: { serviceCredit: unknown } }>(
      `mutation($c: ID!, $id: ID!, $q: ID!) { setSlaTarget(contractId: $c, reason: "No credits", input: { id: $id, queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY, serviceCredit: null }) { serviceCredit { percentPerPoint } } }`,
      { c: contractId, id: targetId, q: queueId },
    );
    expect(answer.setSlaTarget.serviceCredit).toBeNull();
  });
});

describe('the contract at a past instant', () => {
  it('says from when the state applied, not when it was recorded', async () => {
    const { contractId, targetId, queueId } = await activeContract();
    const client = t.client(t.token('acme'));
    await client.request(
      `mutation($c: ID!, $id: ID!, $q: ID!) { setSlaTarget(contractId: $c, reason: "From May", effectiveFrom: "2026-05-01T00:00:00Z", input: { id: $id, queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.85, window: DAY }) { id } }`,
      { c: contractId, id: targetId, q: queueId },
    );
    const { contract } = await client.request<{ contract: { amendments: Array<{ at: string; effectiveFrom: string }>; may: { effectiveFrom: string; slaTargets: Array<{ goal: number }> }; april: { effectiveFrom: string; slaTargets: Array<{ goal: number }> } } }>(
      `query($c: ID!) { contract(id: $c) { amendments { at effectiveFrom }
          may: asOf(at: "2026-05-20T00:00:00Z") { effectiveFrom slaTargets { goal } }
          april: asOf(at: "2026-04-20T00:00:00Z") { effectiveFrom slaTargets { goal } } } }`,
      { c: contractId },
    );
    expect(contract.amendments.at(-1)).toEqual({ at: '2026-06-15T10:00:00.000Z', effectiveFrom: '2026-05-01T00:00:00.000Z' });
    expect(contract.may).toEqual({ effectiveFrom: '2026-05-01T00:00:00.000Z', slaTargets: [{ goal: 0.85 }] });
    expect(contract.april).toEqual({ effectiveFrom: '2026-01-01T00:00:00.000Z', slaTargets: [{ goal: 0.8 }] });
  });
});
