import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { weekDemand } from './support/demand';
import { isoAfter, NOW } from './support/fixtures';

const CREATE = `mutation($input: TenderInput!) { createTender(input: $input) { id status closed requirements { metric variant thresholdSeconds goal comparator weight } } }`;
const BID = `mutation($t: ID!, $input: BidInput!) { submitBid(tenderId: $t, input: $input) { id status pricing { model priceMinor currency } commitments { metric variant value } } }`;

// Every test starts at NOW; a test that needs a tender closed moves the clock past its close.
const clock = manualClock(NOW);
/** A closing date a month after NOW: the tender stays open through the test. */
const OPEN_UNTIL = isoAfter(NOW, 30 * 86_400);
/** A closing date an hour after NOW, and an instant after it. */
const CLOSES_AT = isoAfter(NOW, 3600);
const AFTER_CLOSE = isoAfter(CLOSES_AT, 60);

let t: TestHub;
let procure: string, otherClient: string, centreA: string, centreB: string, stranger: string;

function tenderInput(closesAt: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Customer service 2027',
    closesAt,
    currency: 'EUR',
    patienceSeconds: 90,
    agentHourCostMinor: 3000,
    priceWeight: 0.5,
    queues: [{ name: 'Main line', channel: 'VOICE', timeZone: 'Europe/Paris', openingHours: [{ weekday: 'MONDAY', opens: '08:00', closes: '20:00' }] }],
    demand: weekDemand(),
    requirements: [
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY', weight: 0.3 },
      { metric: 'ABANDONMENT_RATE', goal: 0.05, window: 'WEEK', weight: 0.2 },
    ],
    invitedCentreIds: ['centre-a', 'centre-b'],
    ...overrides,
  };
}

const BID_A = {
  pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3500, currency: 'EUR' },
  commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 30, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 10, value: 0.85 }],
  pastPerformance: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 30, variant: 'OF_ANSWERED', value: 0.9, period: '2026-Q3' }],
};
// Raw sums of a past quarter: 100 offered, 85 answered within 20 s, 10 abandoned.
const PAST_ACTUALS = {
  period: '2026-Q3', offered: 100, answered: 90, abandoned: 10, answeredWaitSeconds: 612.5, abandonedWaitSeconds: 130,
  talkSeconds: 21600, holdSeconds: 1350, wrapSeconds: 4050,
  answeredWait: [50, 20, 10, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0], abandonedWait: [2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0],
};

const BID_B = {
  pricing: { model: 'PER_HANDLED_CONTACT', priceMinor: 450, currency: 'EUR' },
  commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, value: 0.8 }],
  pastActuals: [PAST_ACTUALS],
};

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'buyer', kind: 'CLIENT' },
    { id: 'other-client', kind: 'CLIENT' },
    { id: 'centre-a', kind: 'CENTRE' },
    { id: 'centre-b', kind: 'CENTRE' },
    { id: 'centre-c', kind: 'CENTRE' },
  ]);
  procure = t.token('buyer', ['read', 'procure']);
  otherClient = t.token('other-client', ['read', 'procure']);
  centreA = t.token('centre-a');
  centreB = t.token('centre-b');
  stranger = t.token('centre-c');
});
afterAll(() => t?.stop());
afterEach(() => clock.set(NOW));

async function closedTenderWithBids(): Promise<{ tenderId: string; bidA: string; bidB: string }> {
  // Closes in an hour: bids go in, then the close passes.
  const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(CLOSES_AT) });
  const tenderId = created.createTender.id;
  const a = await t.client(centreA).request<any>(BID, { t: tenderId, input: BID_A });
  const b = await t.client(centreB).request<any>(BID, { t: tenderId, input: BID_B });
  clock.set(AFTER_CLOSE);
  return { tenderId, bidA: a.submitBid.id, bidB: b.submitBid.id };
}

describe('tenders', () => {
  it('lets procurement issue a tender in canonical definitions, seen by invited centres only', async () => {
    const res = await t.client(procure).request<any>(CREATE, { input: tenderInput(OPEN_UNTIL) });
    expect(res.createTender).toMatchObject({ status: 'OPEN', closed: false });
    expect(res.createTender.requirements[1]).toMatchObject({ metric: 'ABANDONMENT_RATE', variant: 'CANONICAL', comparator: 'AT_MOST' });
    const id = res.createTender.id;
    for (const token of [centreA, centreB]) {
      const seen = await t.client(token).request<any>(`{ tenders { id title } }`);
      expect(seen.tenders.map((x: { id: string }) => x.id)).toContain(id);
    }
    for (const token of [stranger, otherClient]) {
      const seen = await t.client(token).request<any>(`{ tenders { id } }`);
      expect(seen.tenders.map((x: { id: string }) => x.id)).not.toContain(id);
      await expectError(t.client(token).request(`query($id: ID!) { tender(id: $id) { id } }`, { id }), 'NOT_FOUND');
    }
  });

  it('refuses bad tenders with the field named, and a tender from a token without the procure role', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ requirements: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 1.5, window: 'DAY', weight: 1 }] }, 'requirements[0].goal'],
      [{ requirements: [{ metric: 'SERVICE_LEVEL', variant: 'OF_ANSWERED', thresholdSeconds: 20, goal: 0.8, window: 'DAY', weight: 1 }] }, 'requirements[0].variant'],
      [{ requirements: [{ metric: 'SPEED', goal: 0.8, window: 'DAY', weight: 1 }] }, 'requirements[0].metric'],
      [{ closesAt: '2020-01-01T00:00:00Z' }, 'closesAt'],
      [{ demand: { intervalSeconds: 900, intervals: [{ offered: 1, ahtSeconds: 300 }] } }, 'demand.intervals'],
      [{ invitedCentreIds: ['other-client'] }, 'invitedCentreIds'],
    ];
    for (const [overrides, field] of cases) {
      const error = await expectError(t.client(procure).request(CREATE, { input: tenderInput(OPEN_UNTIL, overrides) }), 'BAD_USER_INPUT');
      expect({ field: error.extensions?.field }).toEqual({ field });
    }
    await expectError(t.client(t.token('buyer', ['read', 'write'])).request(CREATE, { input: tenderInput(OPEN_UNTIL) }), 'FORBIDDEN');
    await expectError(t.client(t.token('centre-a', ['read', 'procure'])).request(CREATE, { input: tenderInput(OPEN_UNTIL) }), 'FORBIDDEN');
  });
});

describe('bids', () => {
  it('takes bids in the bidders own definitions, replaces on resubmission, and hides them from each other', async () => {
    const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(OPEN_UNTIL) });
    const tenderId = created.createTender.id;
    const first = await t.client(centreA).request<any>(BID, { t: tenderId, input: BID_A });
    const again = await t.client(centreA).request<any>(BID, { t: tenderId, input: { ...BID_A, pricing: { ...BID_A.pricing, priceMinor: 3400 } } });
    expect(again.submitBid.id).toBe(first.submitBid.id);
    expect(again.submitBid.pricing.priceMinor).toBe(3400);
    await t.client(centreB).request(BID, { t: tenderId, input: BID_B });
    const seenByA = await t.client(centreA).request<any>(`query($id: ID!) { tender(id: $id) { bids { centre { id } } } }`, { id: tenderId });
    expect(seenByA.tender.bids).toEqual([{ centre: { id: 'centre-a' } }]);
    const seenByOwner = await t.client(procure).request<any>(`query($id: ID!) { tender(id: $id) { bids { id } } }`, { id: tenderId });
    expect(seenByOwner.tender.bids).toEqual([]); // not before the close
  });

  it('refuses bad bids: unknown definitions, goals outside 0..1, a currency mismatch, strangers', async () => {
    const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(OPEN_UNTIL) });
    const tenderId = created.createTender.id;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...BID_B, commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, variant: 'GENEROUS', value: 0.8 }] }, 'commitments[0].variant'],
      [{ ...BID_B, commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, value: 85 }] }, 'commitments[0].value'],
      [{ ...BID_B, pricing: { model: 'PER_HANDLED_CONTACT', priceMinor: 450, currency: 'USD' } }, 'pricing.currency'],
      [{ ...BID_B, pastActuals: [{ ...PAST_ACTUALS, answeredWait: [51, 20, 10, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0] }] }, 'pastActuals[0].answeredWait'],
    ];
    for (const [input, field] of cases) {
      const error = await expectError(t.client(centreB).request(BID, { t: tenderId, input }), 'BAD_USER_INPUT');
      expect({ field: error.extensions?.field }).toEqual({ field });
    }
    await expectError(t.client(stranger).request(BID, { t: tenderId, input: BID_B }), 'NOT_FOUND');
    await expectError(t.client(procure).request(BID, { t: tenderId, input: BID_B }), 'FORBIDDEN');
    const bids = await t.client(centreB).request<any>(`query($id: ID!) { tender(id: $id) { bids { id } } }`, { id: tenderId });
    expect(bids.tender.bids).toEqual([]);
  });

  it('freezes bids at the close, then shows all of them to the owner', async () => {
    const { tenderId } = await closedTenderWithBids();
    await expectError(t.client(centreA).request(BID, { t: tenderId, input: BID_A }), 'CONFLICT');
    const owner = await t.client(procure).request<any>(`query($id: ID!) { tender(id: $id) { closed bids { centre { id } } } }`, { id: tenderId });
    expect(owner.tender.closed).toBe(true);
    expect(owner.tender.bids.map((b: any) => b.centre.id).sort()).toEqual(['centre-a', 'centre-b']);
    const a = await t.client(centreA).request<any>(`query($id: ID!) { tender(id: $id) { bids { centre { id } } } }`, { id: tenderId });
    expect(a.tender.bids).toEqual([{ centre: { id: 'centre-a' } }]);
  });
});

describe('award', () => {
  it('creates a draft contract with the tender queues and canonical targets, once', async () => {
    const { tenderId, bidA, bidB } = await closedTenderWithBids();
    await expectError(t.client(centreA).request(`mutation($b: ID!) { awardBid(bidId: $b) { id } }`, { b: bidA }), 'FORBIDDEN');
    const res = await t.client(procure).request<any>(
      `mutation($b: ID!) { awardBid(bidId: $b) { id status client { id } centre { id } queues { name timeZone } slaTargets { metric variant thresholdSeconds goal window } } }`,
      { b: bidA },
    );
    expect(res.awardBid).toMatchObject({ status: 'DRAFT', client: { id: 'buyer' }, centre: { id: 'centre-a' }, queues: [{ name: 'Main line', timeZone: 'Europe/Paris' }] });
    // Both targets are created in one request, at one instant: their order is not part of the answer.
    expect([...res.awardBid.slaTargets].sort((a: any, b: any) => a.metric.localeCompare(b.metric))).toEqual([
      { metric: 'ABANDONMENT_RATE', variant: 'CANONICAL', thresholdSeconds: null, goal: 0.05, window: 'WEEK' },
      { metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, goal: 0.8, window: 'DAY' },
    ]);
    await expectError(t.client(procure).request(`mutation($b: ID!) { awardBid(bidId: $b) { id } }`, { b: bidB }), 'CONFLICT');
    const tender = await t.client(procure).request<any>(`query($id: ID!) { tender(id: $id) { status contract { id } bids { status centre { id } } } }`, { id: tenderId });
    expect(tender.tender.status).toBe('AWARDED');
    expect(tender.tender.contract.id).toBe(res.awardBid.id);
    expect(Object.fromEntries(tender.tender.bids.map((b: any) => [b.centre.id, b.status]))).toEqual({ 'centre-a': 'AWARDED', 'centre-b': 'NOT_AWARDED' });
    // The winning centre sees its new draft contract.
    const centreView = await t.client(centreA).request<any>(`query($id: ID!) { contract(id: $id) { status } }`, { id: res.awardBid.id });
    expect(centreView.contract.status).toBe('DRAFT');
  });

  it('refuses to award before the close', async () => {
    const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(OPEN_UNTIL) });
    const bid = await t.client(centreA).request<any>(BID, { t: created.createTender.id, input: BID_A });
    // Before the close the owner cannot even see the bid.
    await expectError(t.client(procure).request(`mutation($b: ID!) { awardBid(bidId: $b) { id } }`, { b: bid.submitBid.id }), 'NOT_FOUND');
  });
});

describe('comparison on normalized metrics and cost', () => {
  const COMPARE = `query($id: ID!) { tender(id: $id) { comparison { canonicalDefinitions bids {
    centreId binding feasible score rank canonical { label value }
    cost { costPerHandledContactMinor monthlyCostMinor payableHours requiredHours feasible reasons }
    commitments { stated statedValue convertible staffedHours }
    terms { name weight value points contribution } pastPerformance { stated value recomputed note }
    pastActuals { period offered canonical { label value approximate } } } } } }`;

  it('converts every commitment to the canonical definitions, costs it, flags a price that cannot pay, and ranks', async () => {
    const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(CLOSES_AT, { invitedCentreIds: ['centre-a', 'centre-b', 'centre-c'] }) });
    const tenderId = created.createTender.id;
    await t.client(centreA).request(BID, { t: tenderId, input: BID_A });
    await t.client(centreB).request(BID, { t: tenderId, input: BID_B });
    // Centre C promises the most on paper, at a price that cannot pay for the agents it needs.
    await t.client(stranger).request(BID, {
      t: tenderId,
      input: { pricing: { model: 'PER_HANDLED_CONTACT', priceMinor: 50, currency: 'EUR' }, commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, variant: 'OF_ANSWERED', value: 0.9 }] },
    });
    await expectError(t.client(procure).request(COMPARE, { id: tenderId }), 'CONFLICT');
    clock.set(AFTER_CLOSE);

    await expectError(t.client(centreA).request(COMPARE, { id: tenderId }), 'FORBIDDEN');
    const res = await t.client(procure).request<any>(COMPARE, { id: tenderId });
    const cmp = res.tender.comparison;
    expect(cmp.canonicalDefinitions).toEqual(['SERVICE_LEVEL T=20s', 'ABANDONMENT_RATE']);
    const bid = (id: string) => cmp.bids.find((b: any) => b.centreId === id);
    const sl = (b: any) => b.canonical.find((c: any) => c.label === 'SERVICE_LEVEL T=20s').value;

    // A commitment already in the canonical definition comes back unchanged (round trip).
    expect(sl(bid('centre-b'))).toBeCloseTo(0.8, 9);
    // "85 % in 30 s excluding abandons under 10 s" is worth less than 85 % canonically, and
    // "90 % of answered" less than 90 %.
    expect(sl(bid('centre-a'))).toBeLessThan(0.85);
    expect(sl(bid('centre-c'))).toBeLessThan(0.9);
    expect(bid('centre-a').commitments[0]).toMatchObject({ stated: 'SERVICE_LEVEL T=30s EXCLUDE_SHORT_ABANDONS S=10s', statedValue: 0.85, convertible: true });

    // Centre C's price pays for fewer agent hours than its promise needs.
    expect(bid('centre-c').feasible).toBe(false);
    expect(bid('centre-c').cost.payableHours).toBeLessThan(bid('centre-c').cost.requiredHours);
    expect(bid('centre-c').cost.reasons[0]).toMatch(/pays for/);
    expect(bid('centre-c').rank).toBe(3);
    expect(cmp.bids.map((b: any) => b.rank)).toEqual([1, 2, 3]);
    for (const b of cmp.bids) {
      expect(b.terms.map((term: any) => term.name)).toEqual(expect.arrayContaining(['SERVICE_LEVEL T=20s', 'ABANDONMENT_RATE']));
      const total = b.terms.reduce((sum: number, term: any) => sum + term.contribution, 0);
      expect(total).toBeCloseTo(b.score, 6);
    }
    expect(bid('centre-a').pastPerformance[0]).toMatchObject({ stated: 'SERVICE_LEVEL T=30s OF_ANSWERED', value: 0.9, recomputed: null });
    // Raw past actuals are recomputed under the canonical definitions: 85 / 100 and 10 / 100.
    expect(bid('centre-b').pastActuals).toEqual([
      { period: '2026-Q3', offered: 100, canonical: [
        { label: 'SERVICE_LEVEL T=20s', value: 0.85, approximate: false },
        { label: 'ABANDONMENT_RATE', value: 0.1, approximate: false },
      ] },
    ]);
  });

  it('shows a centre the normalization of its own bid, and nobody else the bids of others', async () => {
    const created = await t.client(procure).request<any>(CREATE, { input: tenderInput(OPEN_UNTIL) });
    const tenderId = created.createTender.id;
    await t.client(centreA).request(BID, { t: tenderId, input: BID_A });
    await t.client(centreB).request(BID, { t: tenderId, input: BID_B });
    const own = await t.client(centreA).request<any>(`query($id: ID!) { tender(id: $id) { bids { centre { id } normalized { binding feasible canonical { label value } } } } }`, { id: tenderId });
    expect(own.tender.bids).toHaveLength(1);
    expect(own.tender.bids[0].normalized.binding).toBe('SERVICE_LEVEL T=30s EXCLUDE_SHORT_ABANDONS S=10s');
    expect(own.tender.bids[0].normalized.canonical[0].value).toBeLessThan(0.85);
  });
});
