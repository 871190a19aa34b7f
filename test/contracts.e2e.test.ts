import { GraphQLClient } from 'graphql-request';
import { manualClock } from '../services/platform/clock';
import { startTestHub, expectError, TestHub } from './support/hub';
import { activeContract as activeContractOf, NOW, registerParties, setUpContract } from './support/fixtures';

const CREATE = `mutation($input: CreateContractInput!) { createContract(input: $input) { id status revision client { id } centre { id } } }`;
const ADD_QUEUE = `mutation($c: ID!, $input: QueueInput!, $reason: String) { addQueue(contractId: $c, input: $input, reason: $reason) { id name channel timeZone openingHours { weekday opens closes } } }`;
const SET_TARGET = `mutation($c: ID!, $input: SlaTargetInput!, $reason: String, $rev: Int) { setSlaTarget(contractId: $c, input: $input, reason: $reason, expectedRevision: $rev) { id metric variant thresholdSeconds goal comparator window serviceCredit { percentPerPoint capPercent } queue { id } } }`;
const ACTIVATE = `mutation($id: ID!) { activateContract(id: $id) { id status revision activatedAt } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id title status revision startDate endDate monthlyFee { amountMinor currency }
  queues { id name } slaTargets { id metric goal }
  responsibilities { area party contactName } informationItems { what frequency } reportingObligations { report frequency dueDaysAfterPeriodEnd }
  complaintTerms { acknowledgeWithinHours resolveWithinDays calendar { timeZone holidays hours { weekday opens closes } } }
  serviceTerms { topic text } } }`;

const QUEUE = {
  name: 'Billing',
  channel: 'VOICE',
  direction: 'INBOUND',
  timeZone: 'Europe/Paris',
  openingHours: [
    { weekday: 'MONDAY', opens: '08:00', closes: '20:00' },
    { weekday: 'SATURDAY', opens: '09:00', closes: '13:00' },
  ],
};
const SL_TARGET = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY', serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } };

const clock = manualClock(NOW);
let t: TestHub;
let client: string, otherClient: string, centre: string, otherCentre: string, readOnly: string;

beforeAll(async () => {
  t = await startTestHub({ clock });
  ({ client, otherClient, centre, otherCentre, readOnly } = await registerParties(t, { names: { acme: 'Acme Utilities', callco: 'CallCo' } }));
});
afterAll(() => t?.stop());

const CONTRACT_TERMS = { title: 'Acme customer service', startDate: '2026-01-01', endDate: '2027-12-31', currency: 'EUR', monthlyFeeMinor: 12_345_600 };

/** A draft of acme served by callco, without queues or targets. */
async function newContract(): Promise<string> {
  return (await setUpContract(t, client, CONTRACT_TERMS)).id;
}

/** An active contract of acme with the Billing QUEUE and SL_TARGET on it. */
async function activeContract(): Promise<{ id: string; queueId: string; targetId: string }> {
  return activeContractOf(t, client, { ...CONTRACT_TERMS, queues: [QUEUE], targets: [{ ...SL_TARGET, queue: 0 }] });
}

describe('authentication', () => {
  it('refuses a request without a token', async () => {
    await expectError(t.client().request(`{ me { subject } }`), 'UNAUTHENTICATED');
  });
  it('refuses a token signed with another secret', async () => {
    const forged = t.token('acme').replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    await expectError(t.client(forged).request(`{ me { subject } }`), 'UNAUTHENTICATED');
  });
  it('tells the caller who it is', async () => {
    const res = await t.client(client).request<any>(`{ me { subject roles organisation { id name kind } } }`);
    expect(res.me).toEqual({ subject: 'user-of-acme', roles: ['read', 'write'], organisation: { id: 'acme', name: 'Acme Utilities', kind: 'CLIENT' } });
  });
});

describe('a client sets up and activates a contract', () => {
  it('creates a draft with a centre, adds queues, targets and clause-6 terms, then activates it', async () => {
    const c = t.client(client);
    const created = await c.request<any>(CREATE, {
      input: { title: 'Acme residential', reference: 'AC-1', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 9_007_199_254 },
    });
    expect(created.createContract).toMatchObject({ status: 'DRAFT', revision: 1, client: { id: 'acme' }, centre: { id: 'callco' } });
    const id = created.createContract.id;

    const queue = await c.request<any>(ADD_QUEUE, { c: id, input: QUEUE });
    expect(queue.addQueue).toMatchObject({ name: 'Billing', channel: 'VOICE', timeZone: 'Europe/Paris' });
    expect(queue.addQueue.openingHours).toHaveLength(2);
    await c.request(ADD_QUEUE, { c: id, input: { ...QUEUE, name: 'Support mail', channel: 'EMAIL', direction: 'INBOUND', openingHours: [] } });

    const target = await c.request<any>(SET_TARGET, { c: id, input: { ...SL_TARGET, queueId: queue.addQueue.id } });
    expect(target.setSlaTarget).toMatchObject({
      metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, goal: 0.8, comparator: 'AT_LEAST', window: 'DAY',
      serviceCredit: { percentPerPoint: 0.5, capPercent: 10 }, queue: { id: queue.addQueue.id },
    });
    const asa = await c.request<any>(SET_TARGET, { c: id, input: { metric: 'ASA', goal: 30, window: 'MONTH' } });
    expect(asa.setSlaTarget).toMatchObject({ comparator: 'AT_MOST', queue: null, thresholdSeconds: null });
    await c.request(SET_TARGET, { c: id, input: { metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5, goal: 0.05, window: 'WEEK' } });

    await c.request(`mutation($c: ID!, $items: [ResponsibilityInput!]!) { setResponsibilities(contractId: $c, items: $items) { id } }`, {
      c: id,
      items: [
        { area: 'Staffing', party: 'CENTRE', contactName: 'Ops lead', contactEmail: 'ops@callco.example' },
        { area: 'Product information', party: 'CLIENT', contactName: 'CS manager' },
      ],
    });
    await c.request(`mutation($c: ID!, $items: [InformationItemInput!]!) { setInformationItems(contractId: $c, items: $items) { id } }`, {
      c: id,
      items: [{ what: 'Campaign calendar', frequency: 'MONTHLY' }],
    });
    await c.request(`mutation($c: ID!, $items: [ReportingObligationInput!]!) { setReportingObligations(contractId: $c, items: $items) { id } }`, {
      c: id,
      items: [{ report: 'Monthly performance report', frequency: 'MONTHLY', dueDaysAfterPeriodEnd: 5 }],
    });
    await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!) { setComplaintTerms(contractId: $c, terms: $terms) { id } }`, {
      c: id,
      terms: { acknowledgeWithinHours: 8, resolveWithinDays: 10, calendar: { timeZone: 'Europe/Paris', hours: [{ weekday: 'MONDAY', opens: '09:00', closes: '17:00' }], holidays: ['2026-05-01'] } },
    });
    await c.request(`mutation($c: ID!, $items: [ServiceTermInput!]!) { setServiceTerms(contractId: $c, items: $items) { id } }`, {
      c: id,
      items: [{ topic: 'Term', text: '36 months' }],
    });

    const activated = await c.request<any>(ACTIVATE, { id });
    expect(activated.activateContract.status).toBe('ACTIVE');
    expect(activated.activateContract.activatedAt).toMatch(/Z$/);

    const read = await c.request<any>(CONTRACT, { id });
    expect(read.contract).toMatchObject({
      title: 'Acme residential',
      status: 'ACTIVE',
      startDate: '2026-01-01',
      endDate: null,
      monthlyFee: { amountMinor: 9_007_199_254, currency: 'EUR' },
      responsibilities: [
        { area: 'Staffing', party: 'CENTRE', contactName: 'Ops lead' },
        { area: 'Product information', party: 'CLIENT', contactName: 'CS manager' },
      ],
      informationItems: [{ what: 'Campaign calendar', frequency: 'MONTHLY' }],
      reportingObligations: [{ report: 'Monthly performance report', frequency: 'MONTHLY', dueDaysAfterPeriodEnd: 5 }],
      complaintTerms: { acknowledgeWithinHours: 8, resolveWithinDays: 10, calendar: { timeZone: 'Europe/Paris', holidays: ['2026-05-01'] } },
      serviceTerms: [{ topic: 'Term', text: '36 months' }],
    });
    expect(read.contract.queues).toHaveLength(2);
    expect(read.contract.slaTargets).toHaveLength(3);

    const list = await c.request<any>(`{ contracts { id } }`);
    expect(list.contracts.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('refuses to activate a contract without queues and targets', async () => {
    const id = await newContract();
    const error = await expectError(t.client(client).request(ACTIVATE, { id }), 'CONFLICT');
    expect(error.message).toMatch(/queue/);
  });

  it('refuses to activate twice', async () => {
    const { id } = await activeContract();
    await expectError(t.client(client).request(ACTIVATE, { id }), 'CONFLICT');
  });

  it('lists the metric catalogue', async () => {
    const res = await t.client(client).request<any>(`{ metricCatalogue { key unit parameters variants { key parameters } } }`);
    const sl = res.metricCatalogue.find((m: { key: string }) => m.key === 'SERVICE_LEVEL');
    expect(sl.parameters).toEqual(['thresholdSeconds']);
    expect(sl.variants.map((v: { key: string }) => v.key)).toContain('EXCLUDE_SHORT_ABANDONS');
  });
});

describe('amendments and history', () => {
  it('requires a reason to amend an active contract, keeps who/when/why, and reads past states', async () => {
    const { id, targetId, queueId } = await activeContract();
    const c = t.client(client);
    const before = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision updatedAt } }`, { id });

    const noReason = await expectError(c.request(SET_TARGET, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.85 } }), 'BAD_USER_INPUT');
    expect(noReason.extensions?.field).toBe('reason');

    clock.advance(1);
    const between = clock().toISOString();
    clock.advance(1);
    await c.request(SET_TARGET, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.85 }, reason: 'Service review Q2' });

    const res = await c.request<any>(
      `query($id: ID!, $then: DateTime!, $early: DateTime!) { contract(id: $id) {
         revision slaTargets { id goal }
         amendments { revision at actorSubject actorOrganisationId reason changes { path before after } }
         then: asOf(at: $then) { revision status effectiveFrom slaTargets { id goal } queues { id } }
         early: asOf(at: $early) { revision }
       } }`,
      { id, then: between, early: '2000-01-01T00:00:00Z' },
    );
    const contract = res.contract;
    expect(contract.revision).toBe(before.contract.revision + 1);
    expect(contract.slaTargets).toEqual([{ id: targetId, goal: 0.85 }]);
    const last = contract.amendments[contract.amendments.length - 1];
    expect(last).toMatchObject({ revision: contract.revision, actorSubject: 'user-of-acme', actorOrganisationId: 'acme', reason: 'Service review Q2' });
    expect(last.changes).toEqual([{ path: `slaTargets[${targetId}].goal`, before: '0.8', after: '0.85' }]);
    expect(contract.amendments.map((a: { revision: number }) => a.revision)).toEqual(contract.amendments.map((_: unknown, i: number) => i + 1));
    expect(contract.then).toMatchObject({ revision: before.contract.revision, status: 'ACTIVE', slaTargets: [{ id: targetId, goal: 0.8 }], queues: [{ id: queueId }] });
    expect(contract.early).toBeNull();
  });

  it('dates changes by their effective date: history of a target and the state in force at a date', async () => {
    const c = t.client(client);
    const created = await c.request<any>(
      `mutation($input: CreateContractInput!, $from: DateTime) { createContract(input: $input, effectiveFrom: $from) { id } }`,
      { input: { title: 'Recorded late', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' }, from: '2026-01-01T00:00:00Z' },
    );
    const id = created.createContract.id;
    const since = '2026-01-01T00:00:00Z';
    const q = await c.request<any>(`mutation($c: ID!, $input: QueueInput!, $f: DateTime) { addQueue(contractId: $c, input: $input, effectiveFrom: $f) { id } }`, { c: id, input: QUEUE, f: since });
    const queueId = q.addQueue.id;
    const target = await c.request<any>(SET_TARGET.replace('$rev: Int)', '$rev: Int, $f: DateTime)').replace('expectedRevision: $rev)', 'expectedRevision: $rev, effectiveFrom: $f)'), {
      c: id, input: { ...SL_TARGET, queueId }, f: since,
    });
    const targetId = target.setSlaTarget.id;
    await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id, f: since });
    const amend = `mutation($c: ID!, $input: SlaTargetInput!, $f: DateTime) { setSlaTarget(contractId: $c, input: $input, reason: "review", effectiveFrom: $f) { id } }`;
    // Read once before the change: the histories kept for this revision must not outlive it.
    const HISTORY = `query($id: ID!) { contract(id: $id) { slaTargets { history { effectiveFrom effectiveTo goal } } } }`;
    expect((await c.request<any>(HISTORY, { id })).contract.slaTargets[0].history).toEqual([{ effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: null, goal: 0.8 }]);
    const early = await expectError(c.request(amend, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.9 }, f: '2025-12-01T00:00:00Z' }), 'BAD_USER_INPUT');
    expect(early.extensions?.field).toBe('effectiveFrom');
    await c.request(amend, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.9 }, f: '2026-02-15T00:00:00Z' });

    const res = await c.request<any>(
      `query($id: ID!) { contract(id: $id) {
         slaTargets { contractId history { effectiveFrom effectiveTo goal metric thresholdSeconds queueId window } }
         jan: asOf(at: "2026-01-20T00:00:00Z") { slaTargets { goal } }
         mar: asOf(at: "2026-03-01T00:00:00Z") { slaTargets { goal } }
         amendments { effectiveFrom }
       } }`,
      { id },
    );
    expect(res.contract.slaTargets[0].contractId).toBe(id);
    expect(res.contract.slaTargets[0].history).toEqual([
      { effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: '2026-02-15T00:00:00.000Z', goal: 0.8, metric: 'SERVICE_LEVEL', thresholdSeconds: 20, queueId, window: 'DAY' },
      { effectiveFrom: '2026-02-15T00:00:00.000Z', effectiveTo: null, goal: 0.9, metric: 'SERVICE_LEVEL', thresholdSeconds: 20, queueId, window: 'DAY' },
    ]);
    expect(res.contract.jan.slaTargets).toEqual([{ goal: 0.8 }]);
    expect(res.contract.mar.slaTargets).toEqual([{ goal: 0.9 }]);
  });

  it('refuses a change against a stale revision with CONFLICT and writes nothing', async () => {
    const { id, targetId, queueId } = await activeContract();
    const c = t.client(client);
    const { contract } = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision } }`, { id });
    await expectError(
      c.request(SET_TARGET, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.9 }, reason: 'stale', rev: contract.revision - 1 }),
      'CONFLICT',
    );
    const after = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision slaTargets { goal } } }`, { id });
    expect(after.contract).toEqual({ revision: contract.revision, slaTargets: [{ goal: 0.8 }] });
    await c.request(SET_TARGET, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal: 0.9 }, reason: 'fresh', rev: contract.revision });
  });

  it('applies only one of two concurrent changes made against the same revision', async () => {
    const { id, targetId, queueId } = await activeContract();
    const c = t.client(client);
    const { contract } = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision } }`, { id });
    const change = (goal: number) =>
      c.request(SET_TARGET, { c: id, input: { ...SL_TARGET, id: targetId, queueId, goal }, reason: `to ${goal}`, rev: contract.revision }).then(
        () => 'applied',
        (error) => error.response?.errors?.[0]?.extensions?.code,
      );
    const outcomes = await Promise.all([change(0.82), change(0.83)]);
    expect(outcomes.sort()).toEqual(['CONFLICT', 'applied']);
    const after = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision amendments { revision } } }`, { id });
    expect(after.contract.revision).toBe(contract.revision + 1);
    expect(after.contract.amendments).toHaveLength(contract.revision + 1);
  });

  it('removes a target with the removal kept in history', async () => {
    const { id, targetId } = await activeContract();
    const c = t.client(client);
    await c.request(SET_TARGET, { c: id, input: { metric: 'AHT', goal: 300, window: 'MONTH' }, reason: 'add AHT' });
    const res = await c.request<any>(`mutation($id: ID!) { removeSlaTarget(id: $id, reason: "dropped") { slaTargets { metric } amendments { changes { path after } } } }`, { id: targetId });
    expect(res.removeSlaTarget.slaTargets).toEqual([{ metric: 'AHT' }]);
    const last = res.removeSlaTarget.amendments.at(-1);
    expect(last.changes).toEqual([{ path: `slaTargets[${targetId}]`, after: null }]);
  });
});

describe('bad input is refused with BAD_USER_INPUT naming the field, and writes nothing', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown metric key', { metric: 'SPEED_OF_LIGHT', goal: 0.8, window: 'DAY' }, 'metric'],
    ['an unknown variant', { metric: 'ASA', variant: 'MEDIAN', goal: 20, window: 'DAY' }, 'variant'],
    ['a goal outside 0..1', { ...SL_TARGET, goal: 80 }, 'goal'],
    ['a negative goal', { ...SL_TARGET, goal: -0.1 }, 'goal'],
    ['a threshold on a metric without one', { metric: 'AHT', thresholdSeconds: 20, goal: 300, window: 'MONTH' }, 'thresholdSeconds'],
    ['a service level without its threshold', { metric: 'SERVICE_LEVEL', goal: 0.8, window: 'DAY' }, 'thresholdSeconds'],
    ['a short-abandon variant without S', { metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS', thresholdSeconds: 20, goal: 0.8, window: 'DAY' }, 'shortAbandonSeconds'],
    ['a service credit above 100 %', { ...SL_TARGET, serviceCredit: { percentPerPoint: 1, capPercent: 150 } }, 'serviceCredit.capPercent'],
    ['a queue of another contract', { ...SL_TARGET, queueId: 'no-such-queue' }, 'queueId'],
  ];
  it.each(cases)('SLA target with %s', async (_name, input, field) => {
    const id = await newContract();
    const c = t.client(client);
    const error = await expectError(c.request(SET_TARGET, { c: id, input }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain(field);
    const after = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision slaTargets { id } amendments { revision } } }`, { id });
    expect(after.contract).toEqual({ revision: 1, slaTargets: [], amendments: [{ revision: 1 }] });
  });

  it('a contract whose end is before its start', async () => {
    const error = await expectError(
      t.client(client).request(CREATE, { input: { title: 'Backwards', centreId: 'callco', startDate: '2026-06-01', endDate: '2026-05-31', currency: 'EUR' } }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe('endDate');
    const list = await t.client(client).request<any>(`{ contracts(first: 500) { title } }`);
    expect(list.contracts.map((x: { title: string }) => x.title)).not.toContain('Backwards');
  });

  it('a contract with an impossible date, a bad currency and an unknown centre, all reported', async () => {
    const error = await expectError(
      t.client(client).request(CREATE, { input: { title: 'Bad', centreId: 'nobody', startDate: '2026-02-30', currency: 'euro' } }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.problems?.map((p) => p.field).sort()).toEqual(['centreId', 'currency', 'startDate']);
  });

  it('a queue with an unknown time zone or inverted opening hours', async () => {
    const id = await newContract();
    const c = t.client(client);
    const tz = await expectError(c.request(ADD_QUEUE, { c: id, input: { ...QUEUE, timeZone: 'Mars/Olympus_Mons' } }), 'BAD_USER_INPUT');
    expect(tz.extensions?.field).toBe('timeZone');
    const hours = await expectError(
      c.request(ADD_QUEUE, { c: id, input: { ...QUEUE, openingHours: [{ weekday: 'MONDAY', opens: '18:00', closes: '08:00' }] } }),
      'BAD_USER_INPUT',
    );
    expect(hours.extensions?.field).toBe('openingHours[0].closes');
    const after = await c.request<any>(`query($id: ID!) { contract(id: $id) { revision queues { id } } }`, { id });
    expect(after.contract).toEqual({ revision: 1, queues: [] });
  });

  it('complaint terms with an unknown calendar time zone', async () => {
    const id = await newContract();
    const error = await expectError(
      t.client(client).request(`mutation($c: ID!, $terms: ComplaintTermsInput!) { setComplaintTerms(contractId: $c, terms: $terms) { id } }`, {
        c: id,
        terms: { acknowledgeWithinHours: 0, resolveWithinDays: 10, calendar: { timeZone: 'Nowhere/City', hours: [{ weekday: 'MONDAY', opens: '09:00', closes: '17:00' }] } },
      }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.problems?.map((p) => p.field)).toEqual(['complaintTerms.acknowledgeWithinHours', 'complaintTerms.calendar.timeZone']);
  });
});

describe('tenancy', () => {
  let id: string;
  let queueId: string;
  let targetId: string;
  beforeAll(async () => {
    ({ id, queueId, targetId } = await activeContract());
  });

  it('lets the centre read the contracts it serves, and nothing else', async () => {
    const res = await t.client(centre).request<any>(`{ contracts(first: 500) { id client { id } centre { id } } }`);
    expect(res.contracts.length).toBeGreaterThan(0);
    expect(res.contracts.every((x: any) => x.centre.id === 'callco')).toBe(true);
    const one = await t.client(centre).request<any>(CONTRACT, { id });
    expect(one.contract.id).toBe(id);
  });

  it('shows a stranger no contract, and answers NOT_FOUND for a direct read', async () => {
    for (const stranger of [otherClient, otherCentre]) {
      const res = await t.client(stranger).request<any>(`{ contracts(first: 500) { id } }`);
      expect(res.contracts.map((x: { id: string }) => x.id)).not.toContain(id);
      await expectError(t.client(stranger).request(CONTRACT, { id }), 'NOT_FOUND');
    }
  });

  const mutations: Array<[string, string, (ids: { id: string; queueId: string; targetId: string }) => Record<string, unknown>]> = [
    ['updateContract', `mutation($id: ID!) { updateContract(id: $id, input: { title: "x" }, reason: "r") { id } }`, (x) => ({ id: x.id })],
    ['addQueue', `mutation($c: ID!, $input: QueueInput!) { addQueue(contractId: $c, input: $input, reason: "r") { id } }`, (x) => ({ c: x.id, input: QUEUE })],
    ['updateQueue', `mutation($id: ID!, $input: QueueInput!) { updateQueue(id: $id, input: $input, reason: "r") { id } }`, (x) => ({ id: x.queueId, input: QUEUE })],
    ['setSlaTarget', `mutation($c: ID!, $input: SlaTargetInput!) { setSlaTarget(contractId: $c, input: $input, reason: "r") { id } }`, (x) => ({ c: x.id, input: SL_TARGET })],
    ['removeSlaTarget', `mutation($id: ID!) { removeSlaTarget(id: $id, reason: "r") { id } }`, (x) => ({ id: x.targetId })],
    ['setResponsibilities', `mutation($c: ID!) { setResponsibilities(contractId: $c, items: [], reason: "r") { id } }`, (x) => ({ c: x.id })],
    ['setInformationItems', `mutation($c: ID!) { setInformationItems(contractId: $c, items: [], reason: "r") { id } }`, (x) => ({ c: x.id })],
    ['setReportingObligations', `mutation($c: ID!) { setReportingObligations(contractId: $c, items: [], reason: "r") { id } }`, (x) => ({ c: x.id })],
    ['setServiceTerms', `mutation($c: ID!) { setServiceTerms(contractId: $c, items: [], reason: "r") { id } }`, (x) => ({ c: x.id })],
    [
      'setComplaintTerms',
      `mutation($c: ID!) { setComplaintTerms(contractId: $c, reason: "r", terms: { acknowledgeWithinHours: 8, resolveWithinDays: 5, calendar: { timeZone: "UTC", hours: [{ weekday: MONDAY, opens: "09:00", closes: "17:00" }] } }) { id } }`,
      (x) => ({ c: x.id }),
    ],
    ['activateContract', `mutation($id: ID!) { activateContract(id: $id) { id } }`, (x) => ({ id: x.id })],
  ];

  it.each(mutations)('%s: a foreign client or centre gets NOT_FOUND, the serving centre FORBIDDEN, a read-only token FORBIDDEN', async (_name, doc, vars) => {
    const variables = vars({ id, queueId, targetId });
    const { contract: before } = await t.client(client).request<any>(`query($id: ID!) { contract(id: $id) { revision } }`, { id });
    await expectError(t.client(otherClient).request(doc, variables), 'NOT_FOUND');
    await expectError(t.client(otherCentre).request(doc, variables), 'NOT_FOUND');
    await expectError(t.client(centre).request(doc, variables), 'FORBIDDEN');
    await expectError(t.client(readOnly).request(doc, variables), 'FORBIDDEN');
    const { contract: after } = await t.client(client).request<any>(`query($id: ID!) { contract(id: $id) { revision } }`, { id });
    expect(after.revision).toBe(before.revision);
  });

  it('lets only client organisations create contracts, and only with the write role', async () => {
    const input = { title: 'x', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' };
    await expectError(t.client(centre).request(CREATE, { input }), 'FORBIDDEN');
    await expectError(t.client(readOnly).request(CREATE, { input }), 'FORBIDDEN');
    await expectError(t.client(t.token('unregistered-org')).request(CREATE, { input }), 'FORBIDDEN');
  });

  it('lets only the hub operator register organisations', async () => {
    await expectError(
      t.client(client).request(`mutation { registerOrganisation(input: { name: "Evil", kind: CENTRE }) { id } }`),
      'FORBIDDEN',
    );
  });

  it('filters federation entity references by tenant', async () => {
    const subgraphUrl = t.hub.subgraphs.contracts.server.url;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Contract { id title } ... on Queue { id name } ... on SlaTarget { id goal } } }`;
    const representations = [
      { __typename: 'Contract', id },
      { __typename: 'Queue', id: queueId },
      { __typename: 'SlaTarget', id: targetId },
    ];
    const direct = (token: string) => new GraphQLClient(subgraphUrl, { headers: { authorization: `Bearer ${token}` } });
    const own = await direct(client).request<any>(query, { r: representations });
    expect(own._entities.map((e: { id: string } | null) => e?.id)).toEqual([id, queueId, targetId]);
    const foreign = await direct(otherClient).request<any>(query, { r: representations });
    expect(foreign._entities).toEqual([null, null, null]);
  });
});

describe('limits', () => {
  it('refuses a query deeper than the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `contract { queues { ${selection} } }`;
    const error = await expectError(t.client(client).request(`{ contracts { queues { ${selection} } } }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/query depth \d+ exceeds the limit of 12/);
  });

  it('refuses a query costlier than the limit', async () => {
    const error = await expectError(
      t.client(client).request(`{ contracts(first: 500) { id queues { id contract { queues { id contract { slaTargets { id } } } } } } }`),
      'QUERY_TOO_COSTLY',
    );
    expect(error.message).toMatch(/query cost \d+ exceeds the limit of 200000/);
  });
});

describe('query cost does not grow with the list', () => {
  const LIST = `{ contracts(first: 500) { id title client { id name } centre { id name } queues { id name } slaTargets { id metric goal queue { id } } } }`;

  async function countFor(token: string): Promise<{ queries: number; contracts: number }> {
    const counter = t.queries.contracts;
    counter.reset();
    const res = await t.client(token).request<any>(LIST);
    return { queries: counter.count, contracts: res.contracts.length };
  }

  it('costs the same number of SQL queries for 100 contracts as for 2', async () => {
    await t.organisations([{ id: 'bulk-client', kind: 'CLIENT' }]);
    const bulk = t.token('bulk-client');
    const c = t.client(bulk);
    for (let i = 0; i < 100; i++) {
      const { createContract } = await c.request<any>(CREATE, {
        input: { title: `bulk ${i}`, centreId: i % 2 ? 'callco' : 'phoneco', startDate: '2026-01-01', currency: 'EUR' },
      });
      const { addQueue } = await c.request<any>(ADD_QUEUE, { c: createContract.id, input: QUEUE });
      await c.request(SET_TARGET, { c: createContract.id, input: { ...SL_TARGET, queueId: addQueue.id } });
      if (i === 1) {
        const two = await countFor(bulk);
        expect(two.contracts).toBe(2);
        (global as any).twoQueries = two.queries;
      }
    }
    const hundred = await countFor(bulk);
    expect(hundred.contracts).toBe(100);
    expect(hundred.queries).toBe((global as any).twoQueries);
    expect(hundred.queries).toBeLessThanOrEqual(6);
  });
});
