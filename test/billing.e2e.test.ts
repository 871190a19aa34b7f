import { manualClock } from '../services/platform/clock';
import { weekDemand } from './support/demand';
import { expectError, startTestHub, TestHub } from './support/hub';
import { interval } from './support/intervals';

/**
 * Money through the gateway (issue 14): price terms on a contract (checked whole, versioned with
 * its amendments), the award that carries a bid's price into the contract, the monthly statement
 * priced under the terms in force in each half of a month, the invoice the centre submits,
 * reconciled line by line, disputed, submitted again and approved; tenancy and bad input answer
 * coded errors and write nothing. The whole hub runs on a manual clock.
 *
 * May 2026 in UTC (the queue's zone): 31 days, 2,678,400 s; the price changes on the 16th at
 * 00:00, 1,296,000 s in. The centre reports two intervals: 5 May 10:00, 600 calls answered within
 * 5 s (service level 100 %), and 20 May 10:00, 550 answered of 600 offered, 420 within 20 s
 * (70 %, 10 points under the 80 % goal: 0.5 % a point = a 5 % credit). Each interval carries 10
 * staffed hours. The forecast in force expects 500 calls in each of the two intervals.
 */
const clock = manualClock('2026-06-15T10:00:00Z');
let t: TestHub;
let client: string, centre: string, stranger: string, strangerCentre: string, readOnlyClient: string;
let contractId: string, queueId: string, targetId: string;

const SINCE = '2026-01-01T00:00:00Z';
const PRICE_CHANGE = '2026-05-16T00:00:00Z';

const terms = (o: { contact: number; band: number; above: number; platform: number; creditCap: number }) => ({
  components: [
    {
      code: 'CONTACTS',
      kind: 'PER_HANDLED_CONTACT',
      rateMinor: o.contact,
      bands: [
        { fromPercent: 90, toPercent: 110, rateMinor: o.band },
        { fromPercent: 110, rateMinor: o.above },
      ],
    },
    { code: 'PLATFORM', kind: 'FIXED_MONTHLY', rateMinor: o.platform },
    { code: 'HOURS', kind: 'PER_PRODUCTIVE_HOUR', rateMinor: 2800 },
  ],
  creditCapPercent: o.creditCap,
});
const MAY_FIRST_HALF = terms({ contact: 350, band: 300, above: 400, platform: 1_000_000, creditCap: 5 });
const MAY_SECOND_HALF = terms({ contact: 380, band: 330, above: 420, platform: 1_200_000, creditCap: 4 });

const SET_TERMS = `mutation($c: ID!, $terms: PriceTermsInput!, $reason: String, $f: DateTime) {
  setPriceTerms(contractId: $c, terms: $terms, reason: $reason, effectiveFrom: $f) { id revision priceTerms { currency components { code kind rateMinor bands { fromPercent toPercent rateMinor } } creditCapPercent } }
}`;
const STATEMENT_FIELDS = `id month version status currency from to totalMinor chargesMinor creditsMinor bonusesMinor notes rounding
  lines { code kind slaTargetId from to quantity unit rateMinor amountMinor definition termsRevision }`;
const LIVE = `query($c: ID!, $m: String!) { billingStatement(contractId: $c, month: $m) { ${STATEMENT_FIELDS} } }`;
const ISSUE = `mutation($c: ID!, $m: String!) { issueBillingStatement(contractId: $c, month: $m) { ${STATEMENT_FIELDS} } }`;
const INVOICE_FIELDS = `id month version status reference currency disputeReason reviewedBy
  statement { id version }
  reconciliation { matches statementTotalMinor invoicedTotalMinor differenceMinor lines { code causes differenceMinor explanation statement { quantity rateMinor amountMinor } invoiced { quantity rateMinor amountMinor } } }`;
const SUBMIT = `mutation($c: ID!, $m: String!, $invoice: InvoiceInput!) { submitInvoice(contractId: $c, month: $m, invoice: $invoice) { ${INVOICE_FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approveInvoice(id: $id) { ${INVOICE_FIELDS} } }`;
const DISPUTE = `mutation($id: ID!, $reason: String!) { disputeInvoice(id: $id, reason: $reason) { ${INVOICE_FIELDS} } }`;

/** Rows of each billing table, and the contract's revision: what "wrote nothing" is checked against. */
async function written(): Promise<{ statements: number; invoices: number; revision: number }> {
  const db = t.hub.subgraphs.billing.db;
  const [{ n: statements }] = await db.query('SELECT COUNT(*) AS n FROM billing_statements');
  const [{ n: invoices }] = await db.query('SELECT COUNT(*) AS n FROM billing_invoices');
  const res = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { revision } }`, { c: contractId });
  return { statements: Number(statements), invoices: Number(invoices), revision: res.contract.revision };
}

/** A refusal with its code (and field), and nothing written. */
async function refused(request: () => Promise<unknown>, code: string, field?: string) {
  const before = await written();
  const error = await expectError(request(), code);
  if (field) expect({ field: error.extensions?.field }).toEqual({ field });
  expect(await written()).toEqual(before);
  return error;
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'umbrella', kind: 'CLIENT' },
    { id: 'rival-centre', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  readOnlyClient = t.token('acme', ['read']);
  centre = t.token('callco');
  stranger = t.token('umbrella');
  strangerCentre = t.token('rival-centre');
  const c = t.client(client);
  contractId = (
    await c.request<any>(`mutation($f: DateTime) { createContract(effectiveFrom: $f, input: { title: "Acme care", centreId: "callco", startDate: "2026-01-01", currency: "EUR" }) { id } }`, { f: SINCE })
  ).createContract.id;
  queueId = (
    await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Main", channel: VOICE, timeZone: "UTC", openingHours: [] }) { id } }`, { c: contractId, f: SINCE })
  ).addQueue.id;
  targetId = (
    await c.request<any>(
      `mutation($c: ID!, $q: ID, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY, serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } }) { id } }`,
      { c: contractId, q: queueId, f: SINCE },
    )
  ).setSlaTarget.id;
}, 120_000);
afterAll(() => t?.stop());

describe('price terms on the contract', () => {
  it('are set by the client, checked whole, and in force once the contract is active', async () => {
    const res = await t.client(client).request<any>(SET_TERMS, { c: contractId, terms: MAY_FIRST_HALF, f: SINCE });
    expect(res.setPriceTerms.priceTerms).toMatchObject({
      currency: 'EUR',
      creditCapPercent: 5,
      components: [
        { code: 'CONTACTS', kind: 'PER_HANDLED_CONTACT', rateMinor: 350, bands: [{ fromPercent: 90, toPercent: 110, rateMinor: 300 }, { fromPercent: 110, toPercent: null, rateMinor: 400 }] },
        { code: 'PLATFORM', kind: 'FIXED_MONTHLY', rateMinor: 1_000_000, bands: [] },
        { code: 'HOURS', kind: 'PER_PRODUCTIVE_HOUR', rateMinor: 2800, bands: [] },
      ],
    });
    await t.client(client).request(`mutation($c: ID!, $f: DateTime) { activateContract(id: $c, effectiveFrom: $f) { status } }`, { c: contractId, f: SINCE });
  });

  it('refuses overlapping bands, a negative rate, a queue of another contract and FTE prices without FTE hours, writing nothing', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [
        { components: [{ kind: 'PER_HANDLED_CONTACT', rateMinor: 350, bands: [{ fromPercent: 90, toPercent: 110, rateMinor: 300 }, { fromPercent: 100, toPercent: 130, rateMinor: 280 }] }] },
        'terms.components[0].bands[1].fromPercent',
        /overlaps bands\[0\]/,
      ],
      [{ components: [{ kind: 'PER_HANDLED_CONTACT', rateMinor: -1 }] }, 'terms.components[0].rateMinor', /between 0 and/],
      [{ components: [{ kind: 'PER_HANDLED_CONTACT', rateMinor: 300, bands: [{ fromPercent: 90, rateMinor: -5 }] }] }, 'terms.components[0].bands[0].rateMinor', /between 0 and/],
      [{ components: [{ kind: 'PER_HANDLED_CONTACT', rateMinor: 300, queueId: 'q-of-someone-else' }] }, 'terms.components[0].queueId', /not a queue of this contract/],
      [{ components: [{ kind: 'PER_FTE', rateMinor: 500_000 }] }, 'terms.fteHoursPerMonth', /FTE-month/],
      [{ components: [] }, 'terms.components', /at least one/],
    ];
    for (const [bad, field, message] of cases) {
      const error = await refused(() => t.client(client).request(SET_TERMS, { c: contractId, terms: bad, reason: 'try', f: PRICE_CHANGE }), 'BAD_USER_INPUT', field);
      expect(error.message).toMatch(message);
    }
    const res = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { priceTermsHistory { revision } priceTerms { components { rateMinor } } } }`, { c: contractId });
    expect(res.contract.priceTerms.components[0].rateMinor).toBe(350);
    expect(res.contract.priceTermsHistory).toHaveLength(1);
  });

  it('are the client’s to change: the centre is FORBIDDEN, a stranger NOT_FOUND as for a made-up id', async () => {
    await refused(() => t.client(centre).request(SET_TERMS, { c: contractId, terms: MAY_SECOND_HALF, reason: 'x' }), 'FORBIDDEN');
    await refused(() => t.client(readOnlyClient).request(SET_TERMS, { c: contractId, terms: MAY_SECOND_HALF, reason: 'x' }), 'FORBIDDEN');
    const real = await refused(() => t.client(stranger).request(SET_TERMS, { c: contractId, terms: MAY_SECOND_HALF, reason: 'x' }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(stranger).request(SET_TERMS, { c: 'ct-made-up', terms: MAY_SECOND_HALF, reason: 'x' }), 'NOT_FOUND');
    expect(real.message.replace(contractId, '<id>')).toBe(madeUp.message.replace('ct-made-up', '<id>'));
  });

  it('change mid-month as an amendment with a reason, and every version stays readable with its dates', async () => {
    await refused(() => t.client(client).request(SET_TERMS, { c: contractId, terms: MAY_SECOND_HALF, f: PRICE_CHANGE }), 'BAD_USER_INPUT', 'reason');
    await t.client(client).request(SET_TERMS, { c: contractId, terms: MAY_SECOND_HALF, reason: 'Yearly price review', f: PRICE_CHANGE });
    const res = await t.client(centre).request<any>(
      `query($c: ID!) { contract(id: $c) {
        priceTermsHistory { effectiveFrom effectiveTo revision terms { components { code rateMinor } } }
        before: asOf(at: "2026-05-10T00:00:00Z") { priceTerms { components { code rateMinor } } }
        after: asOf(at: "2026-05-20T00:00:00Z") { priceTerms { components { code rateMinor } } }
        amendments { reason changes { path } }
      } }`,
      { c: contractId },
    );
    const history = res.contract.priceTermsHistory;
    expect(history.map((v: any) => [v.effectiveFrom, v.effectiveTo, v.terms.components[0].rateMinor])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 350],
      ['2026-05-16T00:00:00.000Z', null, 380],
    ]);
    expect(res.contract.before.priceTerms.components[0].rateMinor).toBe(350);
    expect(res.contract.after.priceTerms.components[0].rateMinor).toBe(380);
    expect(res.contract.amendments.at(-1)).toEqual({ reason: 'Yearly price review', changes: [{ path: 'priceTerms' }] });
  });
});

describe('award to contract', () => {
  it("carries the winning bid's price model and price into the draft contract's terms", async () => {
    const procure = t.token('acme', ['read', 'procure']);
    const closesAt = new Date(clock().getTime() + 3_600_000).toISOString();
    const tender = await t.client(procure).request<any>(`mutation($input: TenderInput!) { createTender(input: $input) { id } }`, {
      input: {
        title: 'Overflow line',
        closesAt,
        currency: 'EUR',
        patienceSeconds: 90,
        agentHourCostMinor: 3000,
        priceWeight: 0.5,
        queues: [{ name: 'Overflow', channel: 'VOICE', timeZone: 'Europe/Paris', openingHours: [] }],
        demand: weekDemand(),
        requirements: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY', weight: 0.5 }],
        invitedCentreIds: ['callco'],
      },
    });
    const bid = await t.client(centre).request<any>(`mutation($t: ID!, $input: BidInput!) { submitBid(tenderId: $t, input: $input) { id } }`, {
      t: tender.createTender.id,
      input: { pricing: { model: 'PER_MINUTE', priceMinor: 55, currency: 'EUR' }, commitments: [{ metric: 'SERVICE_LEVEL', thresholdSeconds: 20, value: 0.8 }] },
    });
    clock.advance(2 * 3600);
    try {
      const award = await t.client(procure).request<any>(`mutation($b: ID!) { awardBid(bidId: $b) { id status priceTerms { currency components { code kind rateMinor queueId bands { fromPercent } } } } }`, { b: bid.submitBid.id });
      expect(award.awardBid).toMatchObject({
        status: 'DRAFT',
        priceTerms: { currency: 'EUR', components: [{ code: 'PER_HANDLED_MINUTE', kind: 'PER_HANDLED_MINUTE', rateMinor: 55, queueId: null, bands: [] }] },
      });
      const amendments = await t.client(centre).request<any>(`query($c: ID!) { contract(id: $c) { amendments { reason } } }`, { c: award.awardBid.id });
      expect(amendments.contract.amendments.at(-1).reason).toMatch(/the price of bid/);
    } finally {
      clock.set('2026-06-15T10:00:00Z');
    }
  });
});

describe('the monthly statement', () => {
  beforeAll(async () => {
    const record = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { inserted } }`;
    await t.client(centre).request(record, {
      q: queueId,
      rows: [
        interval('2026-05-05T10:00:00Z', { answeredWait: [600], abandonedWait: [] }),
        interval('2026-05-20T10:00:00Z', { answeredWait: [300, 60, 40, 20, 50, 40, 40], abandonedWait: [0, 0, 0, 0, 10, 10, 10, 10, 10] }),
      ],
    });
    await t.client(centre).request(`mutation($q: ID!, $input: ForecastInput!) { publishForecast(queueId: $q, input: $input) { id } }`, {
      q: queueId,
      input: {
        from: '2026-05-01T00:00:00Z',
        to: '2026-06-01T00:00:00Z',
        granularityMinutes: 15,
        intervals: [
          { start: '2026-05-05T10:00:00Z', volume: 500, ahtSeconds: 300 },
          { start: '2026-05-20T10:00:00Z', volume: 500, ahtSeconds: 300 },
        ],
      },
    });
  });

  it('prices each half of May under its own terms, bands against the forecast, credits within the caps (hand-computed)', async () => {
    const res = await t.client(client).request<any>(LIVE, { c: contractId, m: '2026-05' });
    const s = res.billingStatement;
    expect(s).toMatchObject({ id: null, version: null, status: 'LIVE', currency: 'EUR', from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
    const first = '2026-05-01T00:00:00.000Z';
    const second = '2026-05-16T00:00:00.000Z';
    expect(s.lines.map((l: any) => [l.code, l.kind, l.from, l.quantity, l.unit, l.rateMinor, l.amountMinor])).toEqual([
      // 1–16 May: 600 calls against a forecast of 500: 450 below 90 % at 3.50, 100 from 90 to 110 % at 3.00, 50 above at 4.00.
      ['CONTACTS', 'CHARGE', first, 450, 'CONTACT', 350, 157_500],
      ['CONTACTS@90-110%', 'CHARGE', first, 100, 'CONTACT', 300, 30_000],
      ['CONTACTS@110%+', 'CHARGE', first, 50, 'CONTACT', 400, 20_000],
      // 15 of 31 days = 0.4839 month of 10,000.00.
      ['PLATFORM', 'CHARGE', first, 0.4839, 'MONTH', 1_000_000, 483_900],
      ['HOURS', 'CHARGE', first, 10, 'HOUR', 2800, 28_000],
      // 16–31 May: 550 calls against 500: 450 at 3.80, 100 at 3.30, none above 110 %.
      ['CONTACTS', 'CHARGE', second, 450, 'CONTACT', 380, 171_000],
      ['CONTACTS@90-110%', 'CHARGE', second, 100, 'CONTACT', 330, 33_000],
      ['PLATFORM', 'CHARGE', second, 0.5161, 'MONTH', 1_200_000, 619_320],
      ['HOURS', 'CHARGE', second, 10, 'HOUR', 2800, 28_000],
      // 20 May missed by 10 points: 5 % of 15,707.20, within the target's 10 % cap; the overall cap of 4 % (628.29) gives 157.07 back.
      [`CREDIT.${targetId}`, 'SERVICE_CREDIT', first, 5, 'PERCENT', 1_570_720, -78_536],
      ['CREDIT-CAP', 'CREDIT_CAP', first, 1, 'LUMP_SUM', 15_707, 15_707],
    ]);
    expect(s).toMatchObject({ chargesMinor: 1_570_720, creditsMinor: -62_829, bonusesMinor: 0, totalMinor: 1_507_891 });
    expect(s.lines[0].definition).toMatch(/answered by an agent/);
    expect(s.lines[1].definition).toMatch(/from 90 % to 110 % of the 500 contacts forecast in force/);
    expect(s.lines[4].definition).toMatch(/staffedSeconds/);
    expect(s.lines.map((l: any) => l.termsRevision).slice(0, 9)).toEqual([...Array(5).fill(s.lines[0].termsRevision), ...Array(4).fill(s.lines[5].termsRevision)]);
    expect(s.lines[5].termsRevision).toBeGreaterThan(s.lines[0].termsRevision);
    expect(s.rounding).toMatch(/half away from zero/);
    // The centre reads the same statement.
    expect((await t.client(centre).request<any>(LIVE, { c: contractId, m: '2026-05' })).billingStatement.totalMinor).toBe(1_507_891);
  });

  it('answers strangers NOT_FOUND alike for a real contract and a made-up one, and refuses bad months', async () => {
    const real = await expectError(t.client(stranger).request(LIVE, { c: contractId, m: '2026-05' }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(stranger).request(LIVE, { c: 'ct-made-up', m: '2026-05' }), 'NOT_FOUND');
    expect(real.message.replace(contractId, '<id>')).toBe(madeUp.message.replace('ct-made-up', '<id>'));
    await expectError(t.client(strangerCentre).request(LIVE, { c: contractId, m: '2026-05' }), 'NOT_FOUND');
    for (const [month, message] of [['2026-13', /YYYY-MM/], ['1999-12', /years 2000/], ['2026-07', /has not begun/]] as const) {
      const error = await expectError(t.client(client).request(LIVE, { c: contractId, m: month }), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('month');
      expect(error.message).toMatch(message);
    }
  });

  it('is issued, frozen, once the month has ended; issuing again while the figures stand returns the same version', async () => {
    await refused(() => t.client(client).request(ISSUE, { c: contractId, m: '2026-06' }), 'BAD_USER_INPUT', 'month');
    await refused(() => t.client(stranger).request(ISSUE, { c: contractId, m: '2026-05' }), 'NOT_FOUND');
    await refused(() => t.client(readOnlyClient).request(ISSUE, { c: contractId, m: '2026-05' }), 'FORBIDDEN');
    const issued = (await t.client(centre).request<any>(ISSUE, { c: contractId, m: '2026-05' })).issueBillingStatement;
    expect(issued).toMatchObject({ version: 1, status: 'ISSUED', totalMinor: 1_507_891 });
    const again = (await t.client(client).request<any>(ISSUE, { c: contractId, m: '2026-05' })).issueBillingStatement;
    expect(again.id).toBe(issued.id);
    const read = await t.client(client).request<any>(`query($id: ID!) { issuedBillingStatement(id: $id) { id status changed differences { code } } }`, { id: issued.id });
    expect(read.issuedBillingStatement).toEqual({ id: issued.id, status: 'ISSUED', changed: false, differences: [] });
    const real = await expectError(t.client(stranger).request(`query($id: ID!) { issuedBillingStatement(id: $id) { id } }`, { id: issued.id }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(stranger).request(`query($id: ID!) { issuedBillingStatement(id: $id) { id } }`, { id: 'st-made-up' }), 'NOT_FOUND');
    expect(real.message.replace(issued.id, '<id>')).toBe(madeUp.message.replace('st-made-up', '<id>'));
  });
});

describe('the invoice check', () => {
  const first = (over: Partial<Record<string, number>> = {}) => [
    { code: 'CONTACTS', quantity: 450, rateMinor: 350, amountMinor: 157_500 },
    { code: 'CONTACTS@90-110%', quantity: 100, rateMinor: 300, amountMinor: 30_000 },
    { code: 'CONTACTS@110%+', quantity: 50, rateMinor: 400, amountMinor: 20_000 },
    { code: 'PLATFORM', quantity: 0.4839, rateMinor: 1_000_000, amountMinor: 483_900 },
    { code: 'HOURS', quantity: 10, rateMinor: 2800, amountMinor: 28_000 },
    { code: 'CONTACTS', quantity: over.contacts ?? 450, rateMinor: 380, amountMinor: (over.contacts ?? 450) * 380 },
    { code: 'CONTACTS@90-110%', quantity: 100, rateMinor: 330, amountMinor: 33_000 },
    { code: 'PLATFORM', quantity: 0.5161, rateMinor: 1_200_000, amountMinor: 619_320, description: 'Platform fee, 16-31 May' },
    { code: 'HOURS', quantity: 10, rateMinor: 2800, amountMinor: 28_000 },
  ];
  const credits = () => [
    { code: `CREDIT.${targetId}`, quantity: 5, rateMinor: 1_570_720, amountMinor: -78_536 },
    { code: 'CREDIT-CAP', quantity: 1, rateMinor: 15_707, amountMinor: 15_707 },
  ];
  let invoiceId: string;

  it('refuses an invoice in another currency, from the client or a stranger, and bad lines, writing nothing', async () => {
    const invoice = { reference: 'CC-2026-05', currency: 'EUR', lines: [...first(), ...credits()] };
    const gbp = await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-05', invoice: { ...invoice, currency: 'GBP' } }), 'BAD_USER_INPUT', 'invoice.currency');
    expect(gbp.message).toMatch(/priced in EUR; an invoice in GBP cannot be checked/);
    await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-05', invoice: { ...invoice, lines: [{ code: 'CONTACTS', quantity: -3, rateMinor: 350, amountMinor: 0 }] } }), 'BAD_USER_INPUT', 'invoice.lines[0].quantity');
    await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-05', invoice: { ...invoice, lines: [] } }), 'BAD_USER_INPUT', 'invoice.lines');
    await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-06', invoice }), 'BAD_USER_INPUT', 'month');
    await refused(() => t.client(client).request(SUBMIT, { c: contractId, m: '2026-05', invoice }), 'FORBIDDEN');
    const real = await refused(() => t.client(strangerCentre).request(SUBMIT, { c: contractId, m: '2026-05', invoice }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(strangerCentre).request(SUBMIT, { c: 'ct-made-up', m: '2026-05', invoice }), 'NOT_FOUND');
    expect(real.message.replace(contractId, '<id>')).toBe(madeUp.message.replace('ct-made-up', '<id>'));
  });

  it('reconciles line by line: an over-billed quantity, the missing credits and a line not in the terms, each with its cause', async () => {
    const lines = [...first({ contacts: 470 }), { code: 'SET-UP', description: 'Onboarding', quantity: 1, rateMinor: 50_000, amountMinor: 50_000 }];
    const res = await t.client(centre).request<any>(SUBMIT, { c: contractId, m: '2026-05', invoice: { reference: 'CC-2026-05', currency: 'EUR', lines } });
    const inv = res.submitInvoice;
    invoiceId = inv.id;
    expect(inv).toMatchObject({ version: 1, status: 'SUBMITTED', statement: { version: 1 } });
    const flagged = inv.reconciliation.lines.filter((l: any) => l.causes.length > 0).map((l: any) => [l.code, l.causes, l.differenceMinor]);
    expect(flagged).toEqual([
      ['CONTACTS', ['QUANTITY'], 7_600],
      ['SET-UP', ['NOT_IN_TERMS'], 50_000],
      [`CREDIT.${targetId}`, ['CREDIT_MISSING'], 78_536],
      ['CREDIT-CAP', ['CREDIT_MISSING'], -15_707],
    ]);
    const overBilled = inv.reconciliation.lines.find((l: any) => l.causes.includes('QUANTITY'));
    expect(overBilled).toMatchObject({ statement: { quantity: 450, rateMinor: 380 }, invoiced: { quantity: 470, rateMinor: 380 } });
    expect(overBilled.explanation).toMatch(/470 contacts invoiced, 450 in the statement/);
    expect(inv.reconciliation).toMatchObject({ matches: false, statementTotalMinor: 1_507_891, invoicedTotalMinor: 1_628_320, differenceMinor: 120_429 });
  });

  it('takes no second invoice while one awaits review', async () => {
    await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-05', invoice: { reference: 'CC-2026-05b', currency: 'EUR', lines: first() } }), 'CONFLICT');
  });

  it('is disputed by the client only, with a reason; the centre then submits a corrected version', async () => {
    await refused(() => t.client(centre).request(DISPUTE, { id: invoiceId, reason: 'no' }), 'FORBIDDEN');
    const real = await expectError(t.client(stranger).request(DISPUTE, { id: invoiceId, reason: 'no' }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(stranger).request(DISPUTE, { id: 'inv-made-up', reason: 'no' }), 'NOT_FOUND');
    expect(real.message.replace(invoiceId, '<id>')).toBe(madeUp.message.replace('inv-made-up', '<id>'));
    await refused(() => t.client(client).request(DISPUTE, { id: invoiceId, reason: '  ' }), 'BAD_USER_INPUT', 'reason');
    const disputed = (await t.client(client).request<any>(DISPUTE, { id: invoiceId, reason: 'Over-billed calls, credits missing, set-up not in the terms' })).disputeInvoice;
    expect(disputed).toMatchObject({ status: 'DISPUTED', disputeReason: 'Over-billed calls, credits missing, set-up not in the terms', reviewedBy: 'user-of-acme' });
    await refused(() => t.client(client).request(APPROVE, { id: invoiceId }), 'CONFLICT');

    const corrected = (await t.client(centre).request<any>(SUBMIT, { c: contractId, m: '2026-05', invoice: { reference: 'CC-2026-05-R1', currency: 'EUR', lines: [...first(), ...credits()] } })).submitInvoice;
    expect(corrected).toMatchObject({ version: 2, status: 'SUBMITTED', statement: { version: 1 }, reconciliation: { matches: true, differenceMinor: 0, invoicedTotalMinor: 1_507_891 } });
    expect(corrected.reconciliation.lines.every((l: any) => l.causes.length === 0)).toBe(true);
    const history = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { invoices { version status reference } billingStatements { version status } } }`, { c: contractId });
    expect(history.contract.invoices).toEqual([
      { version: 2, status: 'SUBMITTED', reference: 'CC-2026-05-R1' },
      { version: 1, status: 'SUPERSEDED', reference: 'CC-2026-05' },
    ]);
    expect(history.contract.billingStatements).toEqual([{ version: 1, status: 'ISSUED' }]);
    invoiceId = corrected.id;
  });

  it('is approved by the client and final; a later change to the actuals marks the statement changed and rewrites nothing', async () => {
    await refused(() => t.client(centre).request(APPROVE, { id: invoiceId }), 'FORBIDDEN');
    const approved = (await t.client(client).request<any>(APPROVE, { id: invoiceId })).approveInvoice;
    expect(approved).toMatchObject({ status: 'APPROVED', reviewedBy: 'user-of-acme' });
    await refused(() => t.client(client).request(APPROVE, { id: invoiceId }), 'CONFLICT');
    await refused(() => t.client(centre).request(SUBMIT, { c: contractId, m: '2026-05', invoice: { reference: 'late', currency: 'EUR', lines: first() } }), 'CONFLICT');

    // The centre re-uploads 20 May with 20 more calls answered within 5 s.
    await t.client(centre).request(`mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { replaced } }`, {
      q: queueId,
      rows: [interval('2026-05-20T10:00:00Z', { answeredWait: [320, 60, 40, 20, 50, 40, 40], abandonedWait: [0, 0, 0, 0, 10, 10, 10, 10, 10] })],
    });
    await refused(() => t.client(client).request(ISSUE, { c: contractId, m: '2026-05' }), 'CONFLICT');
    const res = await t.client(client).request<any>(
      `query($id: ID!) { invoice(id: $id) { status statement { version totalMinor changed differences { code from field issued current } } } }`,
      { id: invoiceId },
    );
    const statement = res.invoice.statement;
    expect(res.invoice.status).toBe('APPROVED');
    expect(statement).toMatchObject({ version: 1, totalMinor: 1_507_891, changed: true });
    expect(statement.differences).toEqual(
      expect.arrayContaining([
        { code: 'CONTACTS@110%+', from: '2026-05-16T00:00:00.000Z', field: 'line', issued: null, current: 8_400 },
      ]),
    );
    const live = (await t.client(client).request<any>(LIVE, { c: contractId, m: '2026-05' })).billingStatement;
    expect(live.totalMinor).not.toBe(1_507_891);
  });

  it('answers strangers NOT_FOUND alike for a real invoice and a made-up one', async () => {
    const real = await expectError(t.client(strangerCentre).request(`query($id: ID!) { invoice(id: $id) { id } }`, { id: invoiceId }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(strangerCentre).request(`query($id: ID!) { invoice(id: $id) { id } }`, { id: 'inv-made-up' }), 'NOT_FOUND');
    expect(real.message.replace(invoiceId, '<id>')).toBe(madeUp.message.replace('inv-made-up', '<id>'));
  });
});
