import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { registerParties, setUpContract } from './support/fixtures';

const SINCE = '2026-01-01T00:00:00Z';
const H = 3600;
const PARIS_TERMS = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 10,
  calendar: {
    timeZone: 'Europe/Paris',
    hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
    holidays: ['2026-12-25'],
  },
};

const UPLOAD = `mutation($q: ID!, $rows: [SurveyResponseInput!]!) { recordSurveyResponses(queueId: $q, responses: $rows) { queueId received inserted replaced } }`;
const RECORD = `mutation($c: ID!, $input: RecordComplaintInput!) { recordComplaint(contractId: $c, input: $input) { id status version receivedAt } }`;
const MOVE = `mutation($id: ID!, $to: ComplaintStatus!, $note: String!, $s: Int, $v: Int) { transitionComplaint(id: $id, to: $to, note: $note, customerSatisfaction: $s, expectedVersion: $v) { id status version } }`;
const PAUSE = `mutation($id: ID!, $reason: ClockPauseReason!) { pauseComplaintClock(id: $id, reason: $reason, note: "asked the customer for a meter photo") { status } }`;
const RESUME = `mutation($id: ID!) { resumeComplaintClock(id: $id, note: "photo received") { status } }`;
const CLOCKS = `kind dueAt stoppedAt running paused met overdue pausedBusinessSeconds businessSecondsRemaining businessSecondsOverdue`;
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { id status version description customerRef reopenCount customerSatisfaction
  terms { acknowledgeWithinHours resolveWithinDays timeZone }
  clocks { ${CLOCKS} } pauses { reason start end }
  history { seq kind from to at actorSubject actorOrganisationId note } correctiveActions { id rootCause done } } }`;

let t: TestHub;
let client: string, centre: string, otherClient: string, otherCentre: string;
let contractId: string, queueId: string, bareContractId: string;

// The hub runs on this clock; a test that sets no instant runs at START.
const START = '2026-12-15T12:00:00Z';
const clock = manualClock(START);

function at(iso: string): void {
  clock.set(iso);
}

const complaintInput = (extra: Record<string, unknown> = {}) => ({
  channel: 'VOICE', category: 'BILLING', severity: 'MEDIUM', description: 'Charged twice for October', customerRef: 'cust-8841', ...extra,
});

/** A draft contract of acme served by callco with a Billing queue, and the Paris complaint terms if asked. */
async function createContract(withTerms: boolean): Promise<{ id: string; queueId: string }> {
  const made = await setUpContract(t, client, { effectiveFrom: SINCE, queues: ['Billing'], complaintTerms: withTerms ? PARIS_TERMS : undefined });
  return { id: made.id, queueId: made.queueIds[0] };
}

async function complaint(id: string, token = client): Promise<any> {
  return (await t.client(token).request<any>(COMPLAINT, { id })).complaint;
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  ({ client, centre, otherClient, otherCentre } = await registerParties(t));
  ({ id: contractId, queueId } = await createContract(true));
  ({ id: bareContractId } = await createContract(false));
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => {
  clock.set(START);
});

describe('survey responses', () => {
  // 2 February 2026 in Paris: CSAT 5, 4, 4, 2; NPS 10, 9, 7, 3, 0; CES 2, 4; FCR yes, no, yes.
  const day1 = [
    ...[5, 4, 4, 2].map((score, i) => ({ responseId: `csat-${i}`, type: 'CSAT', score })),
    ...[10, 9, 7, 3, 0].map((score, i) => ({ responseId: `nps-${i}`, type: 'NPS', score })),
    ...[2, 4].map((score, i) => ({ responseId: `ces-${i}`, type: 'CES', score })),
    ...[true, false, true].map((resolved, i) => ({ responseId: `fcr-${i}`, type: 'FCR', resolved })),
  ].map((r, i) => ({ ...r, channel: 'VOICE', respondedAt: `2026-02-02T${String(8 + (i % 8)).padStart(2, '0')}:00:00Z`, interactionRef: `int-${i}`, agentRef: 'agent-7' }));
  const day2 = [{ responseId: 'csat-day2', type: 'CSAT', score: 1, channel: 'EMAIL', respondedAt: '2026-02-03T10:00:00Z' }];
  const SERIES = `query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "2026-02-02T00:00:00+01:00", to: "2026-02-04T00:00:00+01:00", granularity: DAY) {
    timeZone points { label responses csat { responses successes share low high meanScore } nps { responses promoters passives detractors score low high }
    ces { responses meanScore } fcr { responses successes share low high } } } } }`;

  it('uploads a batch, and re-sending it replaces rather than doubles', async () => {
    const first = await t.client(centre).request<any>(UPLOAD, { q: queueId, rows: [...day1, ...day2] });
    expect(first.recordSurveyResponses).toEqual({ queueId, received: 15, inserted: 15, replaced: 0 });
    // The client uploads too (its own survey platform); the same ids replace.
    const again = await t.client(client).request<any>(UPLOAD, { q: queueId, rows: day1 });
    expect(again.recordSurveyResponses).toEqual({ queueId, received: 14, inserted: 0, replaced: 14 });
  });

  it('gives CSAT, NPS, CES and FCR per local day with 95 % intervals', async () => {
    const res = await t.client(client).request<any>(SERIES, { q: queueId });
    const series = res.queues[0].satisfaction;
    expect(series.timeZone).toBe('Europe/Paris');
    expect(series.points.map((p: any) => [p.label, p.responses])).toEqual([['2026-02-02', 14], ['2026-02-03', 1]]);
    const [d1, d2] = series.points;
    expect(d1.csat).toMatchObject({ responses: 4, successes: 3, share: 0.75, meanScore: 3.75 });
    // Wilson 3 of 4: (0.75 + 0.4802) / 1.9604 ± 1.96·√(0.046875 + 0.060025) / 1.9604.
    expect(d1.csat.low).toBeCloseTo(0.3006, 3);
    expect(d1.csat.high).toBeCloseTo(0.9544, 3);
    expect(d1.nps).toMatchObject({ responses: 5, promoters: 2, passives: 1, detractors: 2, score: 0 });
    // Variance (0.4 + 0.4 − 0) / 5: ±1.96·0.4 = ±78.4 points.
    expect(d1.nps.low).toBeCloseTo(-78.4, 1);
    expect(d1.nps.high).toBeCloseTo(78.4, 1);
    expect(d1.ces).toEqual({ responses: 2, meanScore: 3 });
    expect(d1.fcr).toMatchObject({ responses: 3, successes: 2 });
    expect(d1.fcr.share).toBeCloseTo(2 / 3, 10);
    expect(d2.csat).toMatchObject({ responses: 1, successes: 0, share: 0, low: 0 });
    expect(d2.nps).toMatchObject({ responses: 0, score: null, low: null });
    const contract = await t.client(centre).request<any>(
      `query($c: ID!) { contract(id: $c) { satisfaction(from: "2026-02-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00", granularity: MONTH) { points { label responses csat { responses successes } } } } }`,
      { c: contractId },
    );
    expect(contract.contract.satisfaction.points).toEqual([{ label: '2026-02', responses: 15, csat: { responses: 5, successes: 3 } }]);
  });

  it("reads the satisfaction of a contract's queues in one SQL statement", async () => {
    const c = t.client(client);
    for (const name of ['Sales', 'Moves']) {
      await c.request(`mutation($c: ID!, $f: DateTime, $n: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $n, channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: bareContractId, f: SINCE, n: name });
    }
    t.queries.feedback.reset();
    const res = await c.request<any>(
      `query($c: ID!) { contract(id: $c) { queues { id satisfaction(from: "2026-02-01T00:00:00Z", to: "2026-02-08T00:00:00Z", granularity: WEEK) { points { responses } } } } }`,
      { c: bareContractId },
    );
    expect(res.contract.queues).toHaveLength(3);
    expect(t.queries.feedback.count).toBe(1);
  });

  it('reads the satisfaction of several contracts in one SQL statement', async () => {
    t.queries.feedback.reset();
    const res = await t.client(client).request<any>(
      `{ contracts(first: 500) { id satisfaction(from: "2026-02-01T00:00:00+01:00", to: "2026-03-01T00:00:00+01:00", granularity: MONTH) { points { responses } } } }`,
    );
    expect(res.contracts.length).toBeGreaterThanOrEqual(2);
    expect(res.contracts.find((c: any) => c.id === contractId).satisfaction.points).toEqual([{ responses: 15 }]);
    expect(res.contracts.find((c: any) => c.id === bareContractId).satisfaction.points).toEqual([{ responses: 0 }]);
    expect(t.queries.feedback.count).toBe(1);
  });

  it('refuses bad responses naming the row and field, and writes nothing', async () => {
    const bad = [
      { responseId: 'x-1', type: 'CSAT', score: 6, channel: 'VOICE', respondedAt: '2026-02-05T10:00:00Z' },
      { responseId: 'x-2', type: 'SMILEY', score: 3, channel: 'VOICE', respondedAt: '2026-02-05T10:00:00Z' },
      { responseId: 'x-3', type: 'FCR', channel: 'VOICE', respondedAt: '2026-02-05T10:00:00Z' },
      { responseId: 'x-4', type: 'NPS', score: 11, channel: 'VOICE', respondedAt: '2026-02-05T10:00:00Z' },
    ];
    const error = await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows: bad }), 'BAD_USER_INPUT');
    expect(error.extensions?.problems?.map((p) => p.field)).toEqual(['responses[0].score', 'responses[1].type', 'responses[2].resolved', 'responses[3].score']);
    expect(error.message).toContain('a CSAT score is a whole number from 1 to 5 (got 6)');
    expect(error.message).toContain('unknown survey type "SMILEY"');
    const dup = [day2[0], day2[0]];
    expect((await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows: dup }), 'BAD_USER_INPUT')).extensions?.field).toBe('responses[1].responseId');
    const future = [{ ...day2[0], responseId: 'z-1', respondedAt: new Date(clock().getTime() + 3600_000).toISOString() }];
    expect((await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows: future }), 'BAD_USER_INPUT')).extensions?.field).toBe('responses[0].respondedAt');
    const backwards = await expectError(
      t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "2026-02-06T00:00:00Z", to: "2026-02-05T00:00:00Z") { points { responses } } } }`, { q: queueId }),
      'BAD_USER_INPUT',
    );
    expect(backwards.extensions?.field).toBe('to');
    const res = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "2026-02-05T00:00:00Z", to: "2026-02-06T00:00:00Z", granularity: DAY) { points { responses } } } }`,
      { q: queueId },
    );
    expect(res.queues[0].satisfaction.points.map((p: any) => p.responses)).toEqual([0, 0]);
  });

  it('keeps strangers and read-only tokens out', async () => {
    const rows = [{ ...day2[0], responseId: 'y-1' }];
    await expectError(t.client(otherCentre).request(UPLOAD, { q: queueId, rows }), 'NOT_FOUND');
    await expectError(t.client(t.token('callco', ['read'])).request(UPLOAD, { q: queueId, rows }), 'FORBIDDEN');
    const res = await t.client(otherClient).request<any>(
      `query($c: ID!) { contract(id: $c) { id } }`, { c: contractId },
    ).catch((e) => e.response);
    expect(res.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('complaints', () => {
  let cid: string;

  it('records a complaint and runs its clocks across a weekend and the autumn DST change', async () => {
    // Friday 23 October 2026, 16:00 in Paris (CEST, UTC+2).
    at('2026-10-23T14:00:00Z');
    const recorded = await t.client(client).request<any>(RECORD, { c: contractId, input: complaintInput({ queueId }) });
    cid = recorded.recordComplaint.id;
    expect(recorded.recordComplaint).toMatchObject({ status: 'RECEIVED', version: 1, receivedAt: '2026-10-23T14:00:00.000Z' });
    let c = await complaint(cid);
    // 8 business hours: 2 on Friday, then Monday 26 (CET, UTC+1) 09:00 + 6 h = 15:00 = 14:00Z.
    expect(c.clocks[0]).toMatchObject({ kind: 'ACKNOWLEDGEMENT', dueAt: '2026-10-26T14:00:00.000Z', running: true, met: null, overdue: false, businessSecondsRemaining: 8 * H });
    // Close of the 10th business day after the day of receipt: Friday 6 November 18:00 CET.
    expect(c.clocks[1]).toMatchObject({ kind: 'RESOLUTION', dueAt: '2026-11-06T17:00:00.000Z', running: true, paused: false });
    expect(c.terms).toEqual({ acknowledgeWithinHours: 8, resolveWithinDays: 10, timeZone: 'Europe/Paris' });

    // Monday 12:00 CET: acknowledged within the 8 business hours.
    at('2026-10-26T11:00:00Z');
    await t.client(centre).request(MOVE, { id: cid, to: 'ACKNOWLEDGED', note: 'Called the customer back' });
    await t.client(centre).request(MOVE, { id: cid, to: 'ASSESSED', note: 'Billing error, medium' });
    await t.client(centre).request(MOVE, { id: cid, to: 'INVESTIGATING', note: 'Checking the payment files' });
    c = await complaint(cid);
    expect(c.clocks[0]).toMatchObject({ met: true, running: false, stoppedAt: '2026-10-26T11:00:00.000Z', overdue: false, businessSecondsOverdue: 0 });

    // Waiting on the customer from Tuesday 10:00 to Thursday 10:00 (CET): 8 + 9 + 1 = 18 business hours.
    at('2026-10-27T09:00:00Z');
    await t.client(centre).request(PAUSE, { id: cid, reason: 'AWAITING_CUSTOMER' });
    await expectError(t.client(centre).request(PAUSE, { id: cid, reason: 'AWAITING_THIRD_PARTY' }), 'CONFLICT');
    at('2026-10-28T09:00:00Z');
    c = await complaint(cid);
    // Tuesday 10:00-18:00 and Wednesday 09:00-10:00 so far.
    expect(c.clocks[1]).toMatchObject({ paused: true, pausedBusinessSeconds: 9 * H });
    at('2026-10-29T09:00:00Z');
    await t.client(client).request(RESUME, { id: cid });
    c = await complaint(cid);
    // The deadline moves by the 18 paused business hours: Monday 9 and Tuesday 10 November, close 18:00 CET.
    expect(c.clocks[1]).toMatchObject({ dueAt: '2026-11-10T17:00:00.000Z', paused: false, pausedBusinessSeconds: 18 * H });
    expect(c.pauses).toEqual([{ reason: 'AWAITING_CUSTOMER', start: '2026-10-27T09:00:00.000Z', end: '2026-10-29T09:00:00.000Z' }]);
  });

  it('keeps a complaint on the terms it was received under when the contract terms change', async () => {
    at('2026-10-30T09:00:00Z');
    await t.client(client).request(
      `mutation($c: ID!, $terms: ComplaintTermsInput!) { setComplaintTerms(contractId: $c, terms: $terms) { id } }`,
      { c: contractId, terms: { ...PARIS_TERMS, acknowledgeWithinHours: 4, resolveWithinDays: 2 } },
    );
    const c = await complaint(cid);
    expect(c.terms.resolveWithinDays).toBe(10);
    expect(c.clocks[1]).toMatchObject({ dueAt: '2026-11-10T17:00:00.000Z', pausedBusinessSeconds: 18 * H });
    const fresh = await t.client(centre).request<any>(RECORD, { c: contractId, input: complaintInput({ customerRef: 'cust-9001' }) });
    const f = await complaint(fresh.recordComplaint.id);
    expect(f.terms).toMatchObject({ acknowledgeWithinHours: 4, resolveWithinDays: 2 });
    // Friday 30 October 10:00 CET + 4 business hours = 14:00 CET.
    expect(f.clocks[0].dueAt).toBe('2026-10-30T13:00:00.000Z');
  });

  it('answers, closes with the customer satisfaction, and keeps the whole history', async () => {
    at('2026-11-09T10:00:00Z');
    const ADD_ACTION = `mutation($id: ID!, $input: CorrectiveActionInput!) { addCorrectiveAction(complaintId: $id, input: $input) { id done } }`;
    const action = { rootCause: 'Payment file sent twice', action: 'Make the transfer idempotent', owner: 'Billing IT', dueDate: '2026-12-01' };
    const badDate = await expectError(t.client(client).request(ADD_ACTION, { id: cid, input: { ...action, dueDate: '01/12/2026' } }), 'BAD_USER_INPUT');
    expect(badDate.extensions?.field).toBe('input.dueDate');
    const added = await t.client(client).request<any>(ADD_ACTION, { id: cid, input: action });
    const COMPLETE = `mutation($id: ID!) { completeCorrectiveAction(id: $id) { id done } }`;
    expect((await t.client(centre).request<any>(COMPLETE, { id: added.addCorrectiveAction.id })).completeCorrectiveAction.done).toBe(true);
    await expectError(t.client(client).request(COMPLETE, { id: added.addCorrectiveAction.id }), 'CONFLICT');
    await t.client(centre).request(MOVE, { id: cid, to: 'RESPONDED', note: 'Refund issued' });
    at('2026-11-10T10:00:00Z');
    const outOfScale = await expectError(t.client(client).request(MOVE, { id: cid, to: 'CLOSED', note: 'Customer confirmed', s: 6 }), 'BAD_USER_INPUT');
    expect(outOfScale.extensions?.field).toBe('customerSatisfaction');
    await t.client(client).request(MOVE, { id: cid, to: 'CLOSED', note: 'Customer confirmed', s: 5 });
    const stats = await t.client(centre).request<any>(
      `query($c: ID!) { contract(id: $c) { complaintStats(from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z") { satisfactionResponses satisfactionMean } } }`,
      { c: contractId },
    );
    expect(stats.contract.complaintStats).toEqual({ satisfactionResponses: 1, satisfactionMean: 5 });
    const c = await complaint(cid);
    expect(c).toMatchObject({ status: 'CLOSED', customerSatisfaction: 5, description: 'Charged twice for October', customerRef: 'cust-8841' });
    expect(c.clocks[1]).toMatchObject({ met: true, running: false, stoppedAt: '2026-11-09T10:00:00.000Z', overdue: false });
    expect(c.history.map((e: any) => [e.kind, e.from, e.to, e.actorOrganisationId])).toEqual([
      ['TRANSITION', null, 'RECEIVED', 'acme'],
      ['TRANSITION', 'RECEIVED', 'ACKNOWLEDGED', 'callco'],
      ['TRANSITION', 'ACKNOWLEDGED', 'ASSESSED', 'callco'],
      ['TRANSITION', 'ASSESSED', 'INVESTIGATING', 'callco'],
      ['PAUSE', 'INVESTIGATING', 'INVESTIGATING', 'callco'],
      ['RESUME', 'INVESTIGATING', 'INVESTIGATING', 'acme'],
      ['TRANSITION', 'INVESTIGATING', 'RESPONDED', 'callco'],
      ['TRANSITION', 'RESPONDED', 'CLOSED', 'acme'],
    ]);
    expect(c.history[7]).toMatchObject({ at: '2026-11-10T10:00:00.000Z', actorSubject: 'user-of-acme', note: 'Customer confirmed' });
    expect(c.correctiveActions).toHaveLength(1);
    // Changing the terms again does not rewrite a closed complaint's clocks.
    await t.client(client).request(
      `mutation($c: ID!, $terms: ComplaintTermsInput!) { setComplaintTerms(contractId: $c, terms: $terms) { id } }`,
      { c: contractId, terms: { ...PARIS_TERMS, acknowledgeWithinHours: 1, resolveWithinDays: 1 } },
    );
    expect((await complaint(cid)).clocks).toEqual(c.clocks);
  });

  it('shows an overdue acknowledgement with the business time overdue', async () => {
    at('2026-10-23T14:00:00Z');
    // Recorded under the terms in force now (changed above); use a fresh contract with the Paris terms.
    const { id } = await createContract(true);
    const r = await t.client(client).request<any>(RECORD, { c: id, input: complaintInput() });
    // Tuesday 27 October 10:00 CET, never acknowledged: due Monday 15:00 CET, 3 + 1 business hours late.
    at('2026-10-27T09:00:00Z');
    const c = await complaint(r.recordComplaint.id);
    expect(c.clocks[0]).toMatchObject({ running: true, met: null, overdue: true, businessSecondsRemaining: 0, businessSecondsOverdue: 4 * H });
    expect(c.clocks[1]).toMatchObject({ running: true, overdue: false });
  });

  it('refuses illegal transitions with CONFLICT and the wrong party with FORBIDDEN, writing nothing', async () => {
    const r = await t.client(client).request<any>(RECORD, { c: contractId, input: complaintInput({ customerRef: 'cust-77' }) });
    const id = r.recordComplaint.id;
    const e = await expectError(t.client(centre).request(MOVE, { id, to: 'RESPONDED', note: 'too fast' }), 'CONFLICT');
    expect(e.message).toBe('a RECEIVED complaint cannot move to RESPONDED; it can move to ACKNOWLEDGED, WITHDRAWN');
    await expectError(t.client(client).request(MOVE, { id, to: 'ACKNOWLEDGED', note: 'client cannot' }), 'FORBIDDEN');
    await expectError(t.client(centre).request(MOVE, { id, to: 'ACKNOWLEDGED', note: '' }), 'BAD_USER_INPUT');
    await expectError(t.client(centre).request(MOVE, { id, to: 'ACKNOWLEDGED', note: 'x', s: 4 }), 'BAD_USER_INPUT');
    await expectError(t.client(centre).request(MOVE, { id, to: 'ACKNOWLEDGED', note: 'stale', v: 7 }), 'CONFLICT');
    await expectError(t.client(centre).request(PAUSE, { id, reason: 'AWAITING_CUSTOMER' }), 'CONFLICT');
    await expectError(t.client(t.token('callco', ['read'])).request(MOVE, { id, to: 'ACKNOWLEDGED', note: 'read only' }), 'FORBIDDEN');
    const c = await complaint(id);
    expect(c).toMatchObject({ status: 'RECEIVED', version: 1 });
    expect(c.history).toHaveLength(1);
    await t.client(client).request(MOVE, { id, to: 'WITHDRAWN', note: 'Customer withdrew', v: 1 });
    await expectError(t.client(client).request(MOVE, { id, to: 'REOPENED', note: 'no' }), 'CONFLICT');
  });

  it('refuses bad complaints and contracts without complaint terms, writing nothing', async () => {
    const before = (await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { complaints { id } } }`, { c: contractId })).contract.complaints.length;
    const e = await expectError(t.client(client).request(RECORD, { c: bareContractId, input: complaintInput() }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('contractId');
    expect(e.message).toContain('has no complaint-handling terms');
    const bad = await expectError(
      t.client(client).request(RECORD, { c: contractId, input: complaintInput({ customerRef: 'jane.doe@example.com', description: ' ', queueId: 'q-elsewhere' }) }),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions?.problems?.map((p) => p.field)).toEqual(['input.queueId', 'input.description', 'input.customerRef']);
    await expectError(t.client(client).request(RECORD, { c: contractId, input: complaintInput({ customerRef: '+33 6 12 34 56 78' }) }), 'BAD_USER_INPUT');
    const after = (await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { complaints { id } } }`, { c: contractId })).contract.complaints.length;
    expect(after).toBe(before);
  });

  it('shows complaints to the contract parties only', async () => {
    await expectError(t.client(otherClient).request(COMPLAINT, { id: cid }), 'NOT_FOUND');
    await expectError(t.client(otherCentre).request(COMPLAINT, { id: cid }), 'NOT_FOUND');
    await expectError(t.client(otherClient).request(RECORD, { c: contractId, input: complaintInput() }), 'NOT_FOUND');
    await expectError(t.client(otherCentre).request(MOVE, { id: cid, to: 'REOPENED', note: 'x' }), 'NOT_FOUND');
    await expectError(t.client(t.token('acme', ['read'])).request(RECORD, { c: contractId, input: complaintInput() }), 'FORBIDDEN');
    // Both parties read the description and the notes.
    expect((await complaint(cid, centre)).description).toBe('Charged twice for October');
    expect((await complaint(cid, client)).history[1].note).toBe('Called the customer back');
  });
});

describe('complaint statistics and listing', () => {
  let statsContract: string;

  beforeAll(async () => {
    ({ id: statsContract } = await createContract(true));
    const c = t.client(client);
    const k = t.client(centre);
    const record = async (when: string, input: Record<string, unknown>) => {
      at(when);
      return (await c.request<any>(RECORD, { c: statsContract, input: complaintInput(input) })).recordComplaint.id as string;
    };
    const move = async (when: string, id: string, steps: string[], token = k) => {
      at(when);
      for (const to of steps) await token.request(MOVE, { id, to, note: `to ${to}` });
    };
    // Monday 2 November 2026, Paris (CET). Ack within 8 business hours, resolve within 10 business days.
    const a = await record('2026-11-02T08:00:00Z', { category: 'BILLING', severity: 'LOW' });
    await move('2026-11-02T09:00:00Z', a, ['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING']);
    await move('2026-11-03T08:00:00Z', a, ['RESPONDED']); // 1 day: on time
    const b = await record('2026-11-02T08:00:00Z', { category: 'BILLING', severity: 'HIGH' });
    await move('2026-11-04T08:00:00Z', b, ['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING']); // ack late
    await move('2026-11-05T08:00:00Z', b, ['RESPONDED']); // 3 days
    await move('2026-11-06T08:00:00Z', b, ['REOPENED'], c);
    const d = await record('2026-11-02T08:00:00Z', { category: 'SERVICE', severity: 'LOW' });
    await move('2026-11-02T10:00:00Z', d, ['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING']);
    await move('2026-11-30T08:00:00Z', d, ['RESPONDED']); // 28 days: late (due 16 November)
    const e = await record('2026-11-03T08:00:00Z', { category: 'SERVICE', severity: 'MEDIUM' });
    await move('2026-11-03T09:00:00Z', e, ['WITHDRAWN']);
    await record('2026-12-01T08:00:00Z', { category: 'BILLING', severity: 'LOW' }); // outside the range
    // Seen on 1 December: b is reopened and its resolution clock runs, past its deadline (17 November, one day stood answered).
    at('2026-12-01T09:00:00Z');
  });

  it('adds up counts, clocks met, time to resolve and reopen rate in SQL', async () => {
    const res = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { complaintStats(from: "2026-11-01T00:00:00+01:00", to: "2026-12-01T00:00:00+01:00") {
        received byCategory { category count } bySeverity { severity count } acknowledgement { judged onTime share } resolution { judged onTime share }
        resolveSecondsMedian resolveSecondsP90 responded reopened reopenRate } } }`,
      { c: statsContract },
    );
    const s = res.contract.complaintStats;
    expect(s.received).toBe(4);
    expect(s.byCategory).toEqual([{ category: 'BILLING', count: 2 }, { category: 'SERVICE', count: 2 }]);
    expect(s.bySeverity).toEqual([{ severity: 'HIGH', count: 1 }, { severity: 'LOW', count: 2 }, { severity: 'MEDIUM', count: 1 }]);
    // Acknowledged: a and d on time, b late; e withdrawn before acknowledging is not judged.
    expect(s.acknowledgement).toEqual({ judged: 3, onTime: 2, share: 2 / 3 });
    // a on time, d late, b reopened and still running past its deadline (late); e withdrawn is not judged.
    expect(s.resolution).toEqual({ judged: 3, onTime: 1, share: 1 / 3 });
    // Resolved: a in 1 day, d in 28 days (b's answer was reopened): nearest-rank median 1 day, p90 28 days.
    expect(s.resolveSecondsMedian).toBe(86_400);
    expect(s.resolveSecondsP90).toBe(28 * 86_400);
    expect(s).toMatchObject({ responded: 3, reopened: 1, reopenRate: 1 / 3 });
  });

  it('lists a contract complaints with history, pauses, clocks and actions in a bounded number of queries', async () => {
    const LIST = `query($c: ID!) { contract(id: $c) { complaints { id status clocks { kind dueAt met } history { seq to note } pauses { reason } correctiveActions { id } } } }`;
    t.queries.feedback.reset();
    const res = await t.client(centre).request<any>(LIST, { c: statsContract });
    expect(res.contract.complaints).toHaveLength(5);
    const few = t.queries.feedback.count;
    expect(few).toBeLessThanOrEqual(5);
    const newest = await t.client(centre).request<any>(`query($c: ID!) { contract(id: $c) { complaints(first: 2) { id } } }`, { c: statsContract });
    expect(newest.contract.complaints).toEqual(res.contract.complaints.slice(0, 2).map((c: any) => ({ id: c.id })));
    const filtered = await t.client(centre).request<any>(`query($c: ID!) { contract(id: $c) { complaints(status: [REOPENED]) { id reopenCount pauses { reason } } } }`, { c: statsContract });
    expect(filtered.contract.complaints).toHaveLength(1);
    expect(filtered.contract.complaints[0]).toMatchObject({ reopenCount: 1, pauses: [{ reason: 'ANSWERED' }] });
  });

  it('reads the statistics and complaints of several contracts in a fixed number of statements', async () => {
    t.queries.feedback.reset();
    const res = await t.client(client).request<any>(
      `{ contracts(first: 500) { id complaints(first: 1) { id } complaintStats(from: "2026-11-01T00:00:00+01:00", to: "2026-12-01T00:00:00+01:00") { received } } }`,
    );
    expect(res.contracts.length).toBeGreaterThanOrEqual(3);
    const stats = res.contracts.find((c: any) => c.id === statsContract);
    expect(stats.complaintStats.received).toBe(4);
    expect(stats.complaints).toHaveLength(1);
    expect(res.contracts.find((c: any) => c.id === bareContractId)).toMatchObject({ complaints: [], complaintStats: { received: 0 } });
    // One statement for the complaints, three for the statistics (counts, totals, percentiles).
    expect(t.queries.feedback.count).toBe(4);
  });

  it('gives a stranger nothing', async () => {
    const res = await t.client(otherCentre).request<any>(`query($c: ID!) { contract(id: $c) { id complaints { description } complaintStats(from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z") { received } } }`, { c: statsContract }).catch((e) => e.response);
    expect(res.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(JSON.stringify(res)).not.toContain('Charged twice');
    await expectError(t.client(otherClient).request(`query { complaint(id: "nope") { id } }`), 'NOT_FOUND');
  });
});
