import { ClientError } from 'graphql-request';
import { LIST_LIMITS, TEXT_LIMITS } from '../services/metrics/bounds';
import { manualClock } from '../services/platform/clock';
import { expectError, GraphQLErrorShape, startTestHub, TestHub } from './support/hub';

/**
 * Issue 9 for the feedback subgraph, through the gateway: no stranger learns that an id exists,
 * every instant and date lies in the instant window, free text carries no control or
 * bidirectional-override characters and is capped, lists are capped, every refusal names the field
 * and states the bound, writes nothing, and no stored value overflows its output type.
 */

const START = '2026-06-01T09:00:00Z';
const clock = manualClock(START);

const TERMS = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 10,
  calendar: {
    timeZone: 'Europe/Paris',
    hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
    holidays: [],
  },
};

const UPLOAD = `mutation($q: ID!, $rows: [SurveyResponseInput!]!) { recordSurveyResponses(queueId: $q, responses: $rows) { received inserted } }`;
const RECORD = `mutation($c: ID!, $input: RecordComplaintInput!) { recordComplaint(contractId: $c, input: $input) { id } }`;
const MOVE = `mutation($id: ID!, $to: ComplaintStatus!, $note: String!) { transitionComplaint(id: $id, to: $to, note: $note) { id status } }`;
const PAUSE = `mutation($id: ID!, $note: String!) { pauseComplaintClock(id: $id, reason: AWAITING_CUSTOMER, note: $note) { id } }`;
const RESUME = `mutation($id: ID!, $note: String!) { resumeComplaintClock(id: $id, note: $note) { id } }`;
const ADD_ACTION = `mutation($id: ID!, $input: CorrectiveActionInput!) { addCorrectiveAction(complaintId: $id, input: $input) { id } }`;
const COMPLETE = `mutation($id: ID!) { completeCorrectiveAction(id: $id) { id done } }`;
const COMPLAINT = `query($id: ID!) { complaint(id: $id) { id status version history { seq } correctiveActions { id done } } }`;
const COMPLAINTS = `query($c: ID!) { contract(id: $c) { complaints(first: 500) { id } } }`;

const NUL = '\u0000';
const BEL = '\u0007';
const RLO = '\u202E';

let t: TestHub;
let client: string, centre: string, stranger: string;
let contractId: string, queueId: string;

const complaintInput = (extra: Record<string, unknown> = {}) => ({
  channel: 'VOICE', category: 'BILLING', severity: 'MEDIUM', description: 'Charged twice', customerRef: 'cust-1', ...extra,
});
const action = (extra: Record<string, unknown> = {}) => ({ rootCause: 'Payment file sent twice', action: 'Idempotent transfer', owner: 'Billing IT', dueDate: '2026-07-01', ...extra });
const response = (extra: Record<string, unknown> = {}) => ({ responseId: 'r-1', type: 'CSAT', score: 4, channel: 'VOICE', respondedAt: '2026-05-04T10:00:00Z', ...extra });

async function complaintCount(): Promise<number> {
  return (await t.client(client).request<any>(COMPLAINTS, { c: contractId })).contract.complaints.length;
}

async function complaint(id: string): Promise<any> {
  return (await t.client(client).request<any>(COMPLAINT, { id })).complaint;
}

/** Survey responses stored for the queue in May 2026 (every valid row these tests send lies there). */
async function responsesInMay(): Promise<number> {
  const res = await t.client(client).request<any>(
    `query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "2026-05-01T00:00:00Z", to: "2026-06-01T00:00:00Z", granularity: MONTH) { points { responses } } } }`,
    { q: queueId },
  );
  return res.queues[0].satisfaction.points.reduce((n: number, p: any) => n + p.responses, 0);
}

async function recordComplaint(extra: Record<string, unknown> = {}): Promise<string> {
  return (await t.client(client).request<any>(RECORD, { c: contractId, input: complaintInput(extra) })).recordComplaint.id;
}

/** The first error of a request that must fail, whatever its code. */
async function failure(request: Promise<unknown>): Promise<GraphQLErrorShape> {
  try {
    const data = await request;
    throw new Error(`expected an error, got ${JSON.stringify(data)}`);
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return error.response.errors![0] as GraphQLErrorShape;
  }
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'umbrella', kind: 'CLIENT' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  stranger = t.token('umbrella');
  const c = t.client(client);
  const created = await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR' }, f: '2026-01-01T00:00:00Z',
  });
  contractId = created.createContract.id;
  const q = await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, {
    c: contractId, f: '2026-01-01T00:00:00Z',
  });
  queueId = q.addQueue.id;
  await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!, $f: DateTime) { setComplaintTerms(contractId: $c, terms: $terms, effectiveFrom: $f) { id } }`, {
    c: contractId, terms: TERMS, f: '2026-01-01T00:00:00Z',
  });
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => {
  clock.set(START);
});

describe('a stranger learns nothing from an id', () => {
  it('gets the same answer for a real id as for a made-up one on every feedback operation, and changes nothing', async () => {
    const cid = await recordComplaint({ customerRef: 'cust-stranger' });
    await t.client(centre).request(MOVE, { id: cid, to: 'ACKNOWLEDGED', note: 'called back' });
    const actionId = (await t.client(client).request<any>(ADD_ACTION, { id: cid, input: action() })).addCorrectiveAction.id;
    const before = await complaint(cid);

    const operations: Array<[string, string, (id: string) => Record<string, unknown>, string]> = [
      ['complaint', COMPLAINT, (id) => ({ id }), cid],
      ['transitionComplaint', MOVE, (id) => ({ id, to: 'WITHDRAWN', note: 'x' }), cid],
      ['pauseComplaintClock', PAUSE, (id) => ({ id, note: 'x' }), cid],
      ['resumeComplaintClock', RESUME, (id) => ({ id, note: 'x' }), cid],
      ['addCorrectiveAction', ADD_ACTION, (id) => ({ id, input: action() }), cid],
      ['completeCorrectiveAction', COMPLETE, (id) => ({ id }), actionId],
      ['recordComplaint', RECORD, (id) => ({ c: id, input: complaintInput() }), contractId],
      ['recordSurveyResponses', UPLOAD, (id) => ({ q: id, rows: [response()] }), queueId],
    ];
    const answer = (e: GraphQLErrorShape, id: string) => ({ code: e.extensions?.code, message: e.message.split(id).join('<id>') });
    for (const [name, query, variables, realId] of operations) {
      const madeUpId = `${realId.slice(0, 4)}made-up-${name}`;
      const real = answer(await failure(t.client(stranger).request(query, variables(realId))), realId);
      const madeUp = answer(await failure(t.client(stranger).request(query, variables(madeUpId))), madeUpId);
      expect({ name, ...real }).toEqual({ name, ...madeUp });
      expect(real.code).toBe('NOT_FOUND');
    }
    expect(await complaint(cid)).toEqual(before);
    expect(before.correctiveActions).toEqual([{ id: actionId, done: false }]);
  });
});

describe('instants and dates lie in the window 2000–2100', () => {
  it('refuses a corrective action due in 1900 or 2100, naming the field and the window, and stores nothing', async () => {
    const cid = await recordComplaint({ customerRef: 'cust-due' });
    for (const dueDate of ['1900-01-01', '2100-01-01', '1999-12-31']) {
      const e = await expectError(t.client(client).request(ADD_ACTION, { id: cid, input: action({ dueDate }) }), 'BAD_USER_INPUT');
      expect(e.extensions?.field).toBe('input.dueDate');
      expect(e.message).toContain('2000 to 2099');
    }
    expect((await complaint(cid)).correctiveActions).toEqual([]);
    await t.client(client).request(ADD_ACTION, { id: cid, input: action({ dueDate: '2099-12-31' }) });
    expect((await complaint(cid)).correctiveActions).toHaveLength(1);
  });

  it('refuses survey responses answered before 2000, and the whole upload with them', async () => {
    const before = await responsesInMay();
    for (const respondedAt of ['1999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '1000-06-01T00:00:00+02:00']) {
      const rows = [response({ responseId: 'ok-1' }), response({ responseId: 'old-1', respondedAt })];
      const e = await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows }), 'BAD_USER_INPUT');
      expect(e.extensions?.problems?.map((p) => p.field)).toEqual(['responses[1].respondedAt']);
      expect(e.message).toContain('2000-01-01T00:00:00Z');
    }
    expect(await responsesInMay()).toBe(before);
  });

  it('refuses satisfaction series and complaint statistics over ranges outside the window', async () => {
    const series = await expectError(
      t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { satisfaction(from: "1000-01-01T00:00:00Z", to: "1000-01-02T00:00:00Z") { points { responses } } } }`, { q: queueId }),
      'BAD_USER_INPUT',
    );
    // The DateTime scalar refuses the first instant outside the window before the series is asked for.
    expect(series.extensions?.field).toBe('from');
    const stats = await expectError(
      t.client(client).request(`query($c: ID!) { contract(id: $c) { complaintStats(from: "1999-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { received } } }`, { c: contractId }),
      'BAD_USER_INPUT',
    );
    expect(stats.extensions?.field).toBe('from');
    expect(stats.message).toContain('2000-01-01T00:00:00Z');
  });
});

describe('free text', () => {
  const bad = { NUL, BEL, RLO };

  it.each(Object.entries(bad))('refuses %s in every text of a complaint, naming the field, and stores nothing', async (_name, char) => {
    const before = await complaintCount();
    const e = await expectError(
      t.client(client).request(RECORD, { c: contractId, input: complaintInput({ description: `Charged${char} twice`, category: `BILL${char}ING` }) }),
      'BAD_USER_INPUT',
    );
    expect(e.extensions?.problems?.map((p) => p.field)).toEqual(['input.category', 'input.description']);
    expect(e.message).toMatch(/control or bidirectional-override characters \(found U\+/);
    expect(await complaintCount()).toBe(before);
  });

  it.each(Object.entries(bad))('refuses %s in notes and corrective actions, and leaves the complaint as it was', async (_name, char) => {
    const cid = await recordComplaint({ customerRef: `cust-notes-${_name}` });
    await t.client(centre).request(MOVE, { id: cid, to: 'ACKNOWLEDGED', note: 'called back' });
    const before = await complaint(cid);
    const fields = async (request: Promise<unknown>) => (await expectError(request, 'BAD_USER_INPUT')).extensions?.problems?.map((p) => p.field);
    expect(await fields(t.client(centre).request(MOVE, { id: cid, to: 'ASSESSED', note: `assessed${char}` }))).toEqual(['note']);
    expect(await fields(t.client(centre).request(PAUSE, { id: cid, note: `${char}waiting` }))).toEqual(['note']);
    expect(await fields(t.client(centre).request(RESUME, { id: cid, note: `back${char}` }))).toEqual(['note']);
    expect(await fields(t.client(client).request(ADD_ACTION, { id: cid, input: action({ rootCause: `a${char}`, action: `b${char}`, owner: `c${char}` }) }))).toEqual([
      'input.rootCause',
      'input.action',
      'input.owner',
    ]);
    expect(await complaint(cid)).toEqual(before);
  });

  it.each(Object.entries(bad))('refuses %s in survey references, and the whole upload with them', async (_name, char) => {
    const before = await responsesInMay();
    const rows = [response({ responseId: `ok-${_name}` }), response({ responseId: `r${char}`, interactionRef: `i${char}`, agentRef: `a${char}` })];
    const e = await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows }), 'BAD_USER_INPUT');
    expect(e.extensions?.problems?.map((p) => p.field)).toEqual(['responses[1].responseId', 'responses[1].interactionRef', 'responses[1].agentRef']);
    expect(await responsesInMay()).toBe(before);
  });

  it('keeps newlines and tabs, and caps lengths with the bound in the message', async () => {
    const cid = await recordComplaint({ customerRef: 'cust-lines', description: 'First line\nSecond line\twith a tab' });
    await t.client(centre).request(MOVE, { id: cid, to: 'ACKNOWLEDGED', note: 'Called back.\n\tLeft a message.' });
    const before = await complaintCount();
    const long = 'x'.repeat(TEXT_LIMITS.note + 1);
    const e = await expectError(t.client(client).request(RECORD, { c: contractId, input: complaintInput({ description: long }) }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('input.description');
    expect(e.message).toContain(`at most ${TEXT_LIMITS.note} characters (got ${TEXT_LIMITS.note + 1})`);
    const ref = await expectError(
      t.client(client).request(RECORD, { c: contractId, input: complaintInput({ customerRef: 'k'.repeat(TEXT_LIMITS.reference + 1) }) }),
      'BAD_USER_INPUT',
    );
    expect(ref.message).toContain(`at most ${TEXT_LIMITS.reference} characters`);
    expect(await complaintCount()).toBe(before);
  });
});

describe('lists', () => {
  it('refuses more survey responses than one upload may carry, stating the limit, and stores none', async () => {
    const before = await responsesInMay();
    const rows = Array.from({ length: LIST_LIMITS.responsesPerUpload + 1 }, (_, i) => response({ responseId: `bulk-${i}` }));
    const e = await expectError(t.client(centre).request(UPLOAD, { q: queueId, rows }), 'BAD_USER_INPUT');
    expect(e.extensions?.field).toBe('responses');
    expect(e.message).toContain(`at most ${LIST_LIMITS.responsesPerUpload} responses per call (got ${LIST_LIMITS.responsesPerUpload + 1})`);
    expect(await responsesInMay()).toBe(before);
  });
});

describe('outputs fit their types', () => {
  it('answers a time to resolve of almost a century (past 2^31 seconds) rather than an internal error', async () => {
    clock.set('2001-01-02T09:00:00Z');
    const cid = await recordComplaint({ customerRef: 'cust-century', category: 'CENTURY' });
    clock.set('2099-01-02T09:00:00Z');
    for (const to of ['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'RESPONDED']) await t.client(centre).request(MOVE, { id: cid, to, note: `to ${to}` });
    const seconds = (Date.parse('2099-01-02T09:00:00Z') - Date.parse('2001-01-02T09:00:00Z')) / 1000;
    expect(seconds).toBeGreaterThan(2 ** 31);
    const res = await t.client(client).request<any>(
      `query($c: ID!, $id: ID!) { contract(id: $c) { complaintStats(from: "2001-01-01T00:00:00Z", to: "2001-02-01T00:00:00Z") { received resolveSecondsMedian resolveSecondsP90 } }
         complaint(id: $id) { clocks { kind met businessSecondsOverdue businessSecondsRemaining pausedBusinessSeconds } } }`,
      { c: contractId, id: cid },
    );
    expect(res.contract.complaintStats).toEqual({ received: 1, resolveSecondsMedian: seconds, resolveSecondsP90: seconds });
    expect(res.complaint.clocks.map((c: any) => [c.kind, c.met])).toEqual([['ACKNOWLEDGEMENT', false], ['RESOLUTION', false]]);
  });
});
