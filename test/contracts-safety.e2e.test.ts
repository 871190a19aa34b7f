import { manualClock } from '../services/platform/clock';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../services/metrics/bounds';
import { expectError, startTestHub, TestHub } from './support/hub';
import { weekDemand } from './support/demand';

/**
 * Issue 9 for the contracts subgraph, through the gateway on a fixed clock: every number, date,
 * list and text a contracts mutation takes is bounded (the bound in the message, the field
 * named), a refused mutation writes nothing, a stranger gets the same answer for a real id as
 * for a made-up one, and tenders close on the request's clock.
 */
const NOW = '2026-06-01T08:00:00Z';
const clock = manualClock(NOW);

const CREATE = `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`;
const ADD_QUEUE = `mutation($c: ID!, $input: QueueInput!, $reason: String) { addQueue(contractId: $c, input: $input, reason: $reason) { id } }`;
const SET_TARGET = `mutation($c: ID!, $input: SlaTargetInput!, $reason: String) { setSlaTarget(contractId: $c, input: $input, reason: $reason) { id } }`;
const CREATE_TENDER = `mutation($input: TenderInput!) { createTender(input: $input) { id closed closesAt } }`;
const BID = `mutation($t: ID!, $input: BidInput!) { submitBid(tenderId: $t, input: $input) { id submittedAt } }`;
const AWARD = `mutation($b: ID!) { awardBid(bidId: $b) { id startDate queues { name } } }`;

const QUEUE = { name: 'Billing', channel: 'VOICE', timeZone: 'Europe/Paris', openingHours: [{ weekday: 'MONDAY', opens: '08:00', closes: '20:00' }] };
const SL_TARGET = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY' };
const NUL = '\u0000';
const BEL = '\u0007';
const RLO = '\u202E';

let t: TestHub;
let client: string, procure: string, centre: string, stranger: string, strangerCentre: string, admin: string;

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'umbrella', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  procure = t.token('acme', ['read', 'procure']);
  centre = t.token('callco');
  stranger = t.token('umbrella', ['read', 'write', 'procure']);
  strangerCentre = t.token('phoneco');
  admin = t.token('hub-operator', ['admin']);
});
afterAll(() => t?.stop());

async function activeContract(): Promise<{ id: string; queueId: string; targetId: string }> {
  const c = t.client(client);
  const id = (await c.request<any>(CREATE, { input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' } })).createContract.id;
  const queueId = (await c.request<any>(ADD_QUEUE, { c: id, input: QUEUE })).addQueue.id;
  const targetId = (await c.request<any>(SET_TARGET, { c: id, input: { ...SL_TARGET, queueId } })).setSlaTarget.id;
  await c.request(`mutation($id: ID!) { activateContract(id: $id) { id } }`, { id });
  return { id, queueId, targetId };
}

async function revisionOf(id: string): Promise<number> {
  return (await t.client(client).request<any>(`query($id: ID!) { contract(id: $id) { revision } }`, { id })).contract.revision;
}

async function contractTitles(): Promise<string[]> {
  return (await t.client(client).request<any>(`{ contracts(first: 500) { title } }`)).contracts.map((c: { title: string }) => c.title);
}

function tenderInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Customer service 2027',
    closesAt: '2026-06-01T09:00:00Z',
    currency: 'EUR',
    patienceSeconds: 90,
    agentHourCostMinor: 3000,
    priceWeight: 0.5,
    queues: [{ name: 'Main line', channel: 'VOICE', timeZone: 'Europe/Paris', openingHours: [{ weekday: 'MONDAY', opens: '08:00', closes: '20:00' }] }],
    demand: weekDemand(),
    requirements: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY', weight: 0.5 }],
    invitedCentreIds: ['callco'],
    ...overrides,
  };
}

const BID_INPUT = {
  pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3500, currency: 'EUR' },
  commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, value: 0.8 }],
};

async function tenderCount(): Promise<number> {
  return (await t.client(procure).request<any>(`{ tenders { id } }`)).tenders.length;
}

describe('a stranger gets the same answer for a real id as for a made-up one', () => {
  let real: { id: string; queueId: string; targetId: string };
  beforeAll(async () => {
    real = await activeContract();
  });

  it('updateQueue names the queue asked for, never its contract', async () => {
    const doc = `mutation($id: ID!, $input: QueueInput!) { updateQueue(id: $id, input: $input, reason: "r") { id } }`;
    for (const token of [stranger, strangerCentre]) {
      const realError = await expectError(t.client(token).request(doc, { id: real.queueId, input: QUEUE }), 'NOT_FOUND');
      const madeUp = await expectError(t.client(token).request(doc, { id: 'q-made-up', input: QUEUE }), 'NOT_FOUND');
      expect(realError.message).toBe(`Queue ${real.queueId} was not found (or is not visible to your organisation)`);
      expect(madeUp.message).toBe('Queue q-made-up was not found (or is not visible to your organisation)');
    }
  });

  it('removeSlaTarget names the SLA target asked for, never its contract', async () => {
    const doc = `mutation($id: ID!) { removeSlaTarget(id: $id, reason: "r") { id } }`;
    for (const token of [stranger, strangerCentre]) {
      const realError = await expectError(t.client(token).request(doc, { id: real.targetId }), 'NOT_FOUND');
      const madeUp = await expectError(t.client(token).request(doc, { id: 'sla-made-up' }), 'NOT_FOUND');
      expect(realError.message).toBe(`SlaTarget ${real.targetId} was not found (or is not visible to your organisation)`);
      expect(madeUp.message).toBe('SlaTarget sla-made-up was not found (or is not visible to your organisation)');
    }
    expect(await revisionOf(real.id)).toBe(4);
  });

  it('on every operation of the subgraph that names a thing', async () => {
    const tenderId = (await t.client(procure).request<any>(CREATE_TENDER, { input: tenderInput({ closesAt: '2026-12-01T00:00:00Z' }) })).createTender.id;
    const bidId = (await t.client(centre).request<any>(BID, { t: tenderId, input: BID_INPUT })).submitBid.id;
    const operations: Array<[string, string, Record<string, unknown>]> = [
      ['contract', `query($id: ID!) { contract(id: $id) { id } }`, {}],
      ['updateContract', `mutation($id: ID!) { updateContract(id: $id, input: { title: "x" }, reason: "r") { id } }`, {}],
      ['addQueue', `mutation($id: ID!, $q: QueueInput!) { addQueue(contractId: $id, input: $q, reason: "r") { id } }`, { q: QUEUE }],
      ['updateQueue', `mutation($id: ID!, $q: QueueInput!) { updateQueue(id: $id, input: $q, reason: "r") { id } }`, { q: QUEUE }],
      ['setSlaTarget', `mutation($id: ID!, $s: SlaTargetInput!) { setSlaTarget(contractId: $id, input: $s, reason: "r") { id } }`, { s: SL_TARGET }],
      ['removeSlaTarget', `mutation($id: ID!) { removeSlaTarget(id: $id, reason: "r") { id } }`, {}],
      ['setServiceTerms', `mutation($id: ID!) { setServiceTerms(contractId: $id, items: [], reason: "r") { id } }`, {}],
      ['activateContract', `mutation($id: ID!) { activateContract(id: $id) { id } }`, {}],
      ['tender', `query($id: ID!) { tender(id: $id) { id } }`, {}],
      ['submitBid', `mutation($id: ID!, $b: BidInput!) { submitBid(tenderId: $id, input: $b) { id } }`, { b: BID_INPUT }],
      ['awardBid', `mutation($id: ID!) { awardBid(bidId: $id) { id } }`, {}],
    ];
    const realId: Record<string, string> = {
      contract: real.id, updateContract: real.id, addQueue: real.id, updateQueue: real.queueId, setSlaTarget: real.id, removeSlaTarget: real.targetId,
      setServiceTerms: real.id, activateContract: real.id, tender: tenderId, submitBid: tenderId, awardBid: bidId,
    };
    for (const [name, doc, variables] of operations) {
      for (const token of [stranger, strangerCentre]) {
        const answer = async (id: string) => {
          const error = await expectError(t.client(token).request(doc, { ...variables, id }), 'NOT_FOUND');
          return error.message.replace(id, '<id>');
        };
        expect({ name, answer: await answer(realId[name]) }).toEqual({ name, answer: await answer(`made-up-${name}`) });
      }
    }
  });
});

describe('text: control and bidi-override characters are refused, newline and tab kept', () => {
  it.each([
    ['NUL', NUL],
    ['BEL', BEL],
    ['RLO', RLO],
  ])('%s in a contract title, a queue name, a reason, a clause and an organisation name', async (_name, bad) => {
    const c = t.client(client);
    const title = await expectError(c.request(CREATE, { input: { title: `Acme${bad}care`, centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' } }), 'BAD_USER_INPUT');
    expect(title.extensions?.field).toBe('title');
    expect(title.message).toMatch(/control or bidirectional-override/);
    expect(await contractTitles()).not.toContain(`Acme${bad}care`);

    const { id } = await activeContract();
    const before = await revisionOf(id);
    const queue = await expectError(c.request(ADD_QUEUE, { c: id, input: { ...QUEUE, name: `Bil${bad}ling` }, reason: 'r' }), 'BAD_USER_INPUT');
    expect(queue.extensions?.field).toBe('name');
    const reason = await expectError(c.request(ADD_QUEUE, { c: id, input: QUEUE, reason: `because${bad}` }), 'BAD_USER_INPUT');
    expect(reason.extensions?.field).toBe('reason');
    const clause = await expectError(
      c.request(`mutation($c: ID!, $items: [ServiceTermInput!]!) { setServiceTerms(contractId: $c, items: $items, reason: "r") { id } }`, { c: id, items: [{ topic: 'Term', text: `36${bad} months` }] }),
      'BAD_USER_INPUT',
    );
    expect(clause.extensions?.field).toBe('serviceTerms[0].text');
    const contact = await expectError(
      c.request(`mutation($c: ID!, $items: [ResponsibilityInput!]!) { setResponsibilities(contractId: $c, items: $items, reason: "r") { id } }`, {
        c: id,
        items: [{ area: 'Staffing', party: 'CENTRE', contactName: `Ops${bad}`, contactEmail: `ops${bad}@callco.example` }],
      }),
      'BAD_USER_INPUT',
    );
    expect(contact.extensions?.problems?.map((p) => p.field)).toEqual(['responsibilities[0].contactName', 'responsibilities[0].contactEmail']);
    expect(await revisionOf(id)).toBe(before);

    const org = await expectError(t.client(admin).request(`mutation($n: String!) { registerOrganisation(input: { name: $n, kind: CENTRE }) { id } }`, { n: `Evil${bad}Co` }), 'BAD_USER_INPUT');
    expect(org.extensions?.field).toBe('name');
  });

  it('in a tender title and description, nothing stored', async () => {
    const before = await tenderCount();
    const error = await expectError(t.client(procure).request(CREATE_TENDER, { input: tenderInput({ title: `Tender${RLO}`, description: `a${NUL}b` }) }), 'BAD_USER_INPUT');
    expect(error.extensions?.problems?.map((p) => p.field)).toEqual(['title', 'description']);
    expect(await tenderCount()).toBe(before);
  });

  it('keeps newlines and tabs, and refuses text past its length', async () => {
    const { id } = await activeContract();
    const c = t.client(client);
    const terms = `mutation($c: ID!, $items: [ServiceTermInput!]!) { setServiceTerms(contractId: $c, items: $items, reason: "r") { serviceTerms { text } } }`;
    const ok = await c.request<any>(terms, { c: id, items: [{ topic: 'Term', text: 'Line one\n\tLine two' }] });
    expect(ok.setServiceTerms.serviceTerms).toEqual([{ text: 'Line one\n\tLine two' }]);
    const long = await expectError(c.request(terms, { c: id, items: [{ topic: 'Term', text: 'x'.repeat(TEXT_LIMITS.note + 1) }] }), 'BAD_USER_INPUT');
    expect(long.message).toContain(`at most ${TEXT_LIMITS.note} characters`);
  });
});

describe('lists and numbers are bounded, and a refusal writes nothing', () => {
  const COMPLAINT_TERMS = `mutation($c: ID!, $holidays: [String!]!) { setComplaintTerms(contractId: $c, reason: "r", terms: { acknowledgeWithinHours: 8, resolveWithinDays: 5, calendar: { timeZone: "Europe/Paris", hours: [{ weekday: MONDAY, opens: "09:00", closes: "17:00" }], holidays: $holidays } }) { id } }`;

  it(`refuses 100,000 holidays (at most ${LIST_LIMITS.holidays}) and a holiday in 9999`, async () => {
    const { id } = await activeContract();
    const before = await revisionOf(id);
    const many = await expectError(t.client(client).request(COMPLAINT_TERMS, { c: id, holidays: Array.from({ length: 100_000 }, () => '2026-12-25') }), 'BAD_USER_INPUT');
    expect(many.extensions?.field).toBe('complaintTerms.calendar.holidays');
    expect(many.message).toContain(`at most ${LIST_LIMITS.holidays} holidays`);
    const far = await expectError(t.client(client).request(COMPLAINT_TERMS, { c: id, holidays: ['9999-12-25'] }), 'BAD_USER_INPUT');
    expect(far.extensions?.field).toBe('complaintTerms.calendar.holidays[0]');
    expect(await revisionOf(id)).toBe(before);
    await t.client(client).request(COMPLAINT_TERMS, { c: id, holidays: Array.from({ length: LIST_LIMITS.holidays }, (_, i) => `2027-${String(1 + (i % 12)).padStart(2, '0')}-01`) });
  });

  it(`refuses a terms list longer than ${LIST_LIMITS.termsItems} items`, async () => {
    const { id } = await activeContract();
    const items = Array.from({ length: LIST_LIMITS.termsItems + 1 }, (_, i) => ({ what: `item ${i}`, frequency: 'MONTHLY' }));
    const error = await expectError(
      t.client(client).request(`mutation($c: ID!, $items: [InformationItemInput!]!) { setInformationItems(contractId: $c, items: $items, reason: "r") { id } }`, { c: id, items }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe('informationItems');
  });

  it('refuses dates outside the years the hub stores and a fee past its bound', async () => {
    const cases: Array<[Record<string, unknown>, string | undefined, string]> = [
      [{ startDate: '0001-01-01' }, undefined, 'startDate'],
      [{ endDate: '9999-12-31' }, undefined, 'endDate'],
      [{ monthlyFeeMinor: 9_007_199_254_740_991 }, undefined, 'monthlyFeeMinor'],
      [{}, '1900-01-01T00:00:00Z', 'effectiveFrom'],
    ];
    for (const [overrides, effectiveFrom, field] of cases) {
      const title = `bounded ${field}`;
      const error = await expectError(
        t.client(client).request(CREATE, { input: { title, centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', ...overrides }, f: effectiveFrom }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions?.field).toBe(field);
      expect(await contractTitles()).not.toContain(title);
    }
  });

  it('refuses a goal in seconds past its bound, stating it', async () => {
    const { id } = await activeContract();
    const error = await expectError(t.client(client).request(SET_TARGET, { c: id, input: { metric: 'ASA', goal: 1e308, window: 'MONTH' }, reason: 'r' }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('goal');
    expect(error.message).toContain(`${BOUNDS.goalSeconds.max} seconds`);
  });

  it(`answers queues(ids:) once per distinct id, in the order first asked, at most ${LIST_LIMITS.idsPerLookup}`, async () => {
    const a = await activeContract();
    const b = await activeContract();
    const ids = [...Array.from({ length: 250 }, () => a.queueId), b.queueId, 'q-made-up', a.queueId, ...Array.from({ length: 247 }, () => b.queueId)];
    const res = await t.client(centre).request<any>(`query($ids: [ID!]!) { queues(ids: $ids) { id } }`, { ids });
    expect(res.queues).toEqual([{ id: a.queueId }, { id: b.queueId }, null]);
    const tooMany = await expectError(
      t.client(centre).request(`query($ids: [ID!]!) { queues(ids: $ids) { id } }`, { ids: Array.from({ length: LIST_LIMITS.idsPerLookup + 1 }, (_, i) => `q-${i}`) }),
      'BAD_USER_INPUT',
    );
    expect(tooMany.extensions?.field).toBe('ids');
  });
});

describe('tenders: demand bounded, dates on the request clock, bids and awards write all or nothing', () => {
  function withInterval(offered: number, ahtSeconds = 300) {
    const demand = weekDemand();
    demand.intervals[40] = { offered, ahtSeconds };
    return { demand };
  }

  it.each([
    ['offered: 1000000 per interval', withInterval(1_000_000), 'demand.intervals[40].offered', `${BOUNDS.forecastVolume.max} contacts`],
    ['offered: 1e308', withInterval(1e308), 'demand.intervals[40].offered', `${BOUNDS.forecastVolume.max} contacts`],
    ['an offered load past the Erlang bound', withInterval(20_000, 7_000), 'demand.intervals[40].offered', `${BOUNDS.offeredLoadErlangs.max} Erlangs`],
    ['closing in 9999', { closesAt: '9999-01-01T00:00:00Z' }, 'input.closesAt', '2100-01-01'],
    ['closing before now', { closesAt: '2026-06-01T07:59:59Z' }, 'closesAt', NOW.slice(0, 19)],
    ['an agent hour cost past a unit price', { agentHourCostMinor: 2_147_483_648 }, 'agentHourCostMinor', `${BOUNDS.unitPriceMinor.max}`],
    ['a price weight past its bound', { priceWeight: 1e6 }, 'priceWeight', `${BOUNDS.weight.max}`],
    ['a patience past its bound', { patienceSeconds: 3601 }, 'patienceSeconds', `${BOUNDS.patienceSeconds.max}`],
  ])('refuses %s, naming %s, and stores nothing', async (_name, overrides, field, bound) => {
    const before = await tenderCount();
    const error = await expectError(t.client(procure).request(CREATE_TENDER, { input: tenderInput(overrides) }), 'BAD_USER_INPUT');
    expect(error.extensions?.problems?.map((p) => p.field)).toEqual([field]);
    expect(error.message).toContain(bound);
    expect(await tenderCount()).toBe(before);
  });

  it('refuses absurd bid figures and stores no bid', async () => {
    const tenderId = (await t.client(procure).request<any>(CREATE_TENDER, { input: tenderInput() })).createTender.id;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ commitments: [{ metric: 'ASA', value: 1e308 }] }, 'commitments[0].value'],
      [{ proposedHoursPerWeek: 999_999 }, 'proposedHoursPerWeek'],
      [{ pricing: { ...BID_INPUT.pricing, priceMinor: 9_007_199_254_740_991 } }, 'pricing.priceMinor'],
      [{ pastPerformance: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, value: 0.8, period: `2026${BEL}` }] }, 'pastPerformance[0].period'],
    ];
    for (const [overrides, field] of cases) {
      const error = await expectError(t.client(centre).request(BID, { t: tenderId, input: { ...BID_INPUT, ...overrides } }), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
    }
    const bids = await t.client(centre).request<any>(`query($id: ID!) { tender(id: $id) { bids { id } } }`, { id: tenderId });
    expect(bids.tender.bids).toEqual([]);
  });

  it('closes on the request clock: bids frozen at the close, the award dated by the clock', async () => {
    const created = await t.client(procure).request<any>(CREATE_TENDER, { input: tenderInput({ closesAt: '2026-06-01T09:00:00Z' }) });
    expect(created.createTender).toMatchObject({ closed: false, closesAt: '2026-06-01T09:00:00.000Z' });
    const tenderId = created.createTender.id;
    const bid = await t.client(centre).request<any>(BID, { t: tenderId, input: BID_INPUT });
    expect(bid.submitBid.submittedAt).toBe('2026-06-01T08:00:00.000Z');
    clock.set('2026-06-03T10:00:00Z');
    try {
      await expectError(t.client(centre).request(BID, { t: tenderId, input: BID_INPUT }), 'CONFLICT');
      const owner = await t.client(procure).request<any>(`query($id: ID!) { tender(id: $id) { closed bids { id } } }`, { id: tenderId });
      expect(owner.tender).toEqual({ closed: true, bids: [{ id: bid.submitBid.id }] });
      const award = await t.client(procure).request<any>(AWARD, { b: bid.submitBid.id });
      expect(award.awardBid).toMatchObject({ startDate: '2026-06-03', queues: [{ name: 'Main line' }] });
    } finally {
      clock.set(NOW);
    }
  });

  it('checks everything an award will write before writing: a tender that no longer makes a valid contract is refused whole', async () => {
    const created = await t.client(procure).request<any>(CREATE_TENDER, { input: tenderInput({ closesAt: '2026-06-01T09:00:00Z' }) });
    const tenderId = created.createTender.id;
    const bid = await t.client(centre).request<any>(BID, { t: tenderId, input: BID_INPUT });
    // A tender stored before its queue names were checked.
    await t.hub.subgraphs.contracts.db.query(`UPDATE tenders SET queues = ? WHERE id = ?`, [JSON.stringify([{ ...QUEUE, name: `Main${NUL}line` }]), tenderId]);
    const contractsBefore = await contractTitles();
    clock.set('2026-06-03T10:00:00Z');
    try {
      const error = await expectError(t.client(procure).request(AWARD, { b: bid.submitBid.id }), 'CONFLICT');
      expect(error.message).toContain('queues[0].name');
      const tender = await t.client(procure).request<any>(`query($id: ID!) { tender(id: $id) { status contract { id } bids { status } } }`, { id: tenderId });
      expect(tender.tender).toEqual({ status: 'OPEN', contract: null, bids: [{ status: 'SUBMITTED' }] });
      expect(await contractTitles()).toEqual(contractsBefore);
    } finally {
      clock.set(NOW);
    }
  });
});
