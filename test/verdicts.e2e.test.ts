import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * Every SLA target gets a verdict (issue 11): targets on survey figures and complaint clocks are
 * judged per window through SlaTarget.compliance, measured by the feedback subgraph, across an
 * amendment and the change to summer time, with a minimum sample; monthly reports freeze them.
 */
const SINCE = '2026-01-01T00:00:00Z';
const START = '2026-06-15T10:00:00Z';
const clock = manualClock(START);
const PARIS_TERMS = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 10,
  calendar: { timeZone: 'Europe/Paris', hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })), holidays: [] },
};
const UPLOAD = `mutation($q: ID!, $rows: [SurveyResponseInput!]!) { recordSurveyResponses(queueId: $q, responses: $rows) { inserted } }`;
const RECORD = `mutation($c: ID!, $input: RecordComplaintInput!) { recordComplaint(contractId: $c, input: $input) { id } }`;
const MOVE = `mutation($id: ID!, $to: ComplaintStatus!) { transitionComplaint(id: $id, to: $to, note: "handled") { status } }`;
const SET_TARGET = `mutation($c: ID!, $f: DateTime, $reason: String, $input: SlaTargetInput!) { setSlaTarget(contractId: $c, effectiveFrom: $f, reason: $reason, input: $input) { id minimumSample } }`;
const WINDOWS = `label goal met shortfall creditPercent sampleSize minimumSample confidenceLow confidenceHigh notJudgedReason figure { value numerator denominator definition { label attribution timeZone } }`;
const COMPLIANCE = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id metric compliance(from: $from, to: $to) {
  measurable note windowsJudged windowsMet shareMet creditPercent creditAmountMinor windows { ${WINDOWS} } } } } }`;

let t: TestHub;
let client: string, centre: string, stranger: string;
let contractId: string, queueId: string, csatId: string, resolvedId: string;

const csat = (id: string, respondedAt: string, score: number) => ({ responseId: id, type: 'CSAT', score, channel: 'VOICE', respondedAt });

/** A complaint received at `received`, taken through to RESPONDED at `responded` by the centre. */
async function complaintAnswered(received: string, responded: string): Promise<void> {
  clock.set(received);
  const { recordComplaint } = await t.client(client).request<any>(RECORD, { c: contractId, input: { queueId, channel: 'VOICE', category: 'BILLING', severity: 'MEDIUM', description: 'Wrong bill', customerRef: 'cust-1' } });
  const later = new Date(Date.parse(received) + 3600_000).toISOString();
  for (const [to, at] of [['ACKNOWLEDGED', later], ['ASSESSED', later], ['INVESTIGATING', later], ['RESPONDED', responded]]) {
    clock.set(at);
    await t.client(centre).request(MOVE, { id: recordComplaint.id, to });
  }
  clock.set(START);
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  stranger = t.token('phoneco');
  const c = t.client(client);
  contractId = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: SINCE,
  })).createContract.id;
  queueId = (await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: SINCE })).addQueue.id;
  await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!, $f: DateTime) { setComplaintTerms(contractId: $c, terms: $terms, effectiveFrom: $f) { id } }`, { c: contractId, terms: PARIS_TERMS, f: SINCE });
  const credit = { percentPerPoint: 0.2, capPercent: 10 };
  const target = await c.request<any>(SET_TARGET, { c: contractId, f: SINCE, input: { metric: 'CSAT', goal: 0.75, window: 'DAY', minimumSample: 3, serviceCredit: credit } });
  csatId = target.setSlaTarget.id;
  expect(target.setSlaTarget.minimumSample).toBe(3);
  resolvedId = (await c.request<any>(SET_TARGET, { c: contractId, f: SINCE, input: { metric: 'COMPLAINTS_RESOLVED_ON_TIME', goal: 0.9, window: 'WEEK', serviceCredit: credit } })).setSlaTarget.id;
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
  // From local midnight of Sunday 29 March (the day summer time starts), 80 % on at least 4 responses.
  await c.request(SET_TARGET, { c: contractId, f: '2026-03-28T23:00:00Z', reason: 'service review', input: { id: csatId, metric: 'CSAT', goal: 0.8, window: 'DAY', minimumSample: 4, serviceCredit: credit } });

  await t.client(centre).request(UPLOAD, {
    q: queueId,
    rows: [
      // Friday 27 March: 3 of 4 satisfied, 75 %.
      ...[5, 4, 4, 2].map((s, i) => csat(`d27-${i}`, '2026-03-27T10:00:00Z', s)),
      // Saturday 28 March: 2 of 4, 50 % (and one at 23:30 UTC, 00:30 local on the 29th).
      ...[5, 4, 1, 1].map((s, i) => csat(`d28-${i}`, '2026-03-28T10:00:00Z', s)),
      csat('d29-0', '2026-03-28T23:30:00Z', 5),
      // Sunday 29 March (23 hours): 3 responses, under the new minimum of 4.
      ...[5, 5].map((s, i) => csat(`d29-${i + 1}`, '2026-03-29T12:00:00Z', s)),
      // 22:30 UTC on the 29th is 00:30 on Monday 30 March in summer time: 4 of 5, 80 %.
      csat('d30-0', '2026-03-29T22:30:00Z', 2),
      ...[5, 4, 4, 5].map((s, i) => csat(`d30-${i + 1}`, '2026-03-30T12:00:00Z', s)),
    ],
  });
  // Week of 23 March: one complaint answered in 2 days, one in 26 (late); week of 30 March: one on time.
  await complaintAnswered('2026-03-24T09:00:00Z', '2026-03-26T09:00:00Z');
  await complaintAnswered('2026-03-25T09:00:00Z', '2026-04-20T09:00:00Z');
  await complaintAnswered('2026-03-31T08:00:00Z', '2026-04-02T09:00:00Z');
});
afterAll(async () => {
  await t?.stop();
});

async function compliance(token: string, from: string, to: string) {
  const res = await t.client(token).request<any>(COMPLIANCE, { c: contractId, from, to });
  return Object.fromEntries(res.contract.slaTargets.map((s: any) => [s.id, s.compliance]));
}

describe('a survey target', () => {
  it('is judged per local day under the definition then in force, across the change to summer time, with the minimum sample', async () => {
    const result = (await compliance(client, '2026-03-26T23:00:00Z', '2026-03-31T22:00:00Z'))[csatId];
    expect(result.windows.map((w: any) => [w.label, w.goal, w.met, w.shortfall, w.creditPercent, w.sampleSize, w.minimumSample, w.notJudgedReason])).toEqual([
      ['2026-03-27', 0.75, true, 0, 0, 4, 3, null],
      ['2026-03-28', 0.75, false, 25, 5, 4, 3, null], // 50 % against 75 %: 25 points × 0.2 %
      ['2026-03-29', 0.8, null, null, 0, 3, 4, '3 survey responses in the window, fewer than the minimum sample of 4'],
      ['2026-03-30', 0.8, true, 0, 0, 5, 4, null],
      ['2026-03-31', 0.8, null, null, 0, 0, 4, 'no survey responses in the window'],
    ]);
    const friday = result.windows[0];
    // Wilson 95 % interval of 3 of 4.
    expect(friday.confidenceLow).toBeCloseTo(0.3006, 3);
    expect(friday.confidenceHigh).toBeCloseTo(0.9544, 3);
    expect(friday.figure).toEqual({ value: 0.75, numerator: 3, denominator: 4, definition: { label: 'CSAT', attribution: 'RESPONDED_AT', timeZone: 'Europe/Paris' } });
    expect(result).toMatchObject({ measurable: true, note: null, windowsJudged: 3, windowsMet: 2, creditPercent: 5, creditAmountMinor: 50_000 });
  });

  it('gives the same summary without the windows, and the windows when a fragment asks for them', async () => {
    const range = { c: contractId, from: '2026-03-26T23:00:00Z', to: '2026-03-31T22:00:00Z' };
    const summary = await t.client(client).request<any>(
      `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) { windowsJudged windowsMet creditPercent } } } }`,
      range,
    );
    const viaFragment = await t.client(client).request<any>(
      `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id compliance(from: $from, to: $to) { windowsJudged windowsMet creditPercent ...W } } } }
       fragment W on SlaCompliance { windows { label met } }`,
      range,
    );
    const target = (res: any) => res.contract.slaTargets.find((s: any) => s.id === csatId).compliance;
    expect(target(summary)).toEqual({ windowsJudged: 3, windowsMet: 2, creditPercent: 5 });
    expect(target(viaFragment)).toMatchObject({ windowsJudged: 3, windowsMet: 2, creditPercent: 5 });
    expect(target(viaFragment).windows.map((w: any) => [w.label, w.met])).toEqual([
      ['2026-03-27', true], ['2026-03-28', false], ['2026-03-29', null], ['2026-03-30', true], ['2026-03-31', null],
    ]);
  });

  it('reads the same for the centre, and is nobody else’s to read', async () => {
    const forClient = await compliance(client, '2026-03-26T23:00:00Z', '2026-03-31T22:00:00Z');
    const forCentre = await compliance(centre, '2026-03-26T23:00:00Z', '2026-03-31T22:00:00Z');
    expect(forCentre).toEqual(forClient);
    await expectError(t.client(stranger).request(COMPLIANCE, { c: contractId, from: '2026-03-26T23:00:00Z', to: '2026-03-31T22:00:00Z' }), 'NOT_FOUND');
  });
});

describe('a complaint target', () => {
  it('judges the complaints received in each local week by their resolution clock', async () => {
    const result = (await compliance(client, '2026-03-22T23:00:00Z', '2026-04-05T22:00:00Z'))[resolvedId];
    expect(result.windows.map((w: any) => [w.label, w.met, w.shortfall, w.creditPercent, w.sampleSize, w.figure.numerator, w.figure.denominator])).toEqual([
      ['2026-W13', false, 40, 8, 2, 1, 2], // 1 of 2 on time against 90 %
      ['2026-W14', true, 0, 0, 1, 1, 1],
    ]);
    expect(result.windows[0].figure.definition.attribution).toBe('COMPLAINT_RECEIVED');
    expect(result.windows[0].confidenceLow).toBeGreaterThan(0);
    expect(result).toMatchObject({ measurable: true, windowsJudged: 2, windowsMet: 1, creditPercent: 8 });
  });
});

describe('monthly reports', () => {
  it('freeze the verdicts of survey and complaint targets with the rest', async () => {
    const published = await t.client(centre).request<any>(
      `mutation($c: ID!) { publishPerformanceReport(contractId: $c, month: "2026-03") { compliance { targetId measurable note windowsJudged windowsMet creditPercent } } }`,
      { c: contractId },
    );
    const byTarget = Object.fromEntries(published.publishPerformanceReport.compliance.map((c: any) => [c.targetId, c]));
    // March: the 27th (met), 28th (missed) and 30th (met) are judged; credit 5 %.
    expect(byTarget[csatId]).toEqual({ targetId: csatId, measurable: true, note: null, windowsJudged: 3, windowsMet: 2, creditPercent: 5 });
    // The weeks starting in March: W10-W14 (W14 is cut at the month end), two with complaints.
    expect(byTarget[resolvedId]).toMatchObject({ measurable: true, windowsJudged: 2, windowsMet: 1, creditPercent: 8 });
  });
});

describe('the minimum sample', () => {
  it('is refused when not a positive whole number, and nothing is written', async () => {
    const read = async () => (await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { revision slaTargets { id minimumSample } } }`, { c: contractId })).contract;
    const before = await read();
    for (const minimumSample of [0, -3, 1_000_001]) {
      const input = { id: csatId, metric: 'CSAT', goal: 0.8, window: 'DAY', minimumSample };
      const error = await expectError(t.client(client).request(SET_TARGET, { c: contractId, reason: 'review', input }), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('minimumSample');
    }
    expect(await read()).toEqual(before);
  });
});

describe('the figures API', () => {
  it('is not part of the public API: only the performance subgraph asks it, directly', async () => {
    await expectError(
      t.client(client).request(`query($c: ID!) { contract(id: $c) { windowFigures(metric: "CSAT", windows: [{ from: "2026-03-27T00:00:00Z", to: "2026-03-28T00:00:00Z" }]) { value } } }`, { c: contractId }),
      'GRAPHQL_VALIDATION_FAILED',
    );
  });

  it('answers the feedback subgraph’s own callers, refusing bad windows with the field named', async () => {
    const feedback = t.hub.subgraphs.feedback.server.url;
    const ask = async (token: string, windows: unknown, metric = 'CSAT', variant: string | null = null) => {
      const res = await fetch(feedback, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query($r: [_Any!]!, $w: [FigureWindowInput!]!, $m: String!, $v: String) { _entities(representations: $r) { ... on Contract { windowFigures(metric: $m, variant: $v, windows: $w) { from to value sampleSize confidenceLow confidenceHigh } } } }`,
          variables: { r: [{ __typename: 'Contract', id: contractId }], w: windows, m: metric, v: variant },
        }),
      });
      return (await res.json()) as { data?: any; errors?: Array<{ extensions: { code: string; field?: string } }> };
    };
    const ok = await ask(client, [{ from: '2026-03-26T23:00:00Z', to: '2026-03-27T23:00:00Z' }], 'CSAT', 'MEAN_SCORE');
    // Mean of 5, 4, 4, 2 with its 95 % interval (services/metrics/confidence.test.ts).
    expect(ok.data._entities[0].windowFigures[0]).toMatchObject({ value: 3.75, sampleSize: 4 });
    expect(ok.data._entities[0].windowFigures[0].confidenceLow).toBeCloseTo(2.5169, 3);
    const overlapping = await ask(client, [{ from: '2026-03-27T00:00:00Z', to: '2026-03-28T00:00:00Z' }, { from: '2026-03-27T12:00:00Z', to: '2026-03-29T00:00:00Z' }]);
    expect(overlapping.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'windows[1].from' });
    const agentFlag = await ask(client, [{ from: '2026-03-27T00:00:00Z', to: '2026-03-28T00:00:00Z' }], 'FCR', 'AGENT_FLAG');
    expect(agentFlag.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variant' });
    const notFeedback = await ask(client, [{ from: '2026-03-27T00:00:00Z', to: '2026-03-28T00:00:00Z' }], 'ASA');
    expect(notFeedback.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'metric' });
    const strangers = await ask(stranger, [{ from: '2026-03-27T00:00:00Z', to: '2026-03-28T00:00:00Z' }]);
    expect(strangers.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
