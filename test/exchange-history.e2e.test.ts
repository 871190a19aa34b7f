import { manualClock } from '../services/platform/clock';
import { jobRunner } from '../services/exchange/runner';
import { countingFileReads } from './support/file-reads';
import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * File exchange, issue 12 continued, through the gateway: a complaint register migrated with its
 * history (received, acknowledged, responded, closed) gives the clocks and verdicts computed by
 * hand from the contract's terms in force at receipt; a file with bad rows is refused whole with
 * every bad row reported and nothing written; the same file twice does not double; a stranger
 * cannot import into another's contract. Quality evaluations imported from a long CSV score as
 * the same evaluations recorded through GraphQL; bad answers are refused by line and column.
 */
const NOW = '2026-06-15T10:00:00Z';
const SINCE = '2026-01-01T00:00:00Z';
const clock = manualClock(NOW);
const PARIS_TERMS = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 10,
  calendar: { timeZone: 'Europe/Paris', hours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })), holidays: [] },
};

const JOB = `id kind status phase rowsRead rowsChecked rowsWritten rowsRefused rowsSkipped problems { line column reason } notes failure`;
const START = `mutation($input: StartImportInput!) { startImport(input: $input) { ${JOB} } }`;
const READ = `query($id: ID!) { importJob(id: $id) { ${JOB} } }`;
const COMPLAINTS = `query($c: ID!) { contract(id: $c) { complaints(first: 500) { id status category receivedAt acknowledgedAt respondedAt closedAt clocks { kind dueAt stoppedAt met overdue } history { from to at } } } }`;

let t: TestHub;
let client: string, centre: string, otherCentre: string;
let contractId: string;
let queueId: string;

async function importFile(token: string, input: Record<string, unknown>): Promise<any> {
  const started = await t.client(token).request<any>(START, { input });
  await jobRunner(t.hub.subgraphs.exchange.db).settled(started.startImport.id);
  return (await t.client(token).request<any>(READ, { id: started.startImport.id })).importJob;
}

async function complaints(): Promise<any[]> {
  return (await t.client(client).request<any>(COMPLAINTS, { c: contractId })).contract.complaints;
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
  otherCentre = t.token('phoneco');
  const c = t.client(client);
  contractId = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 },
    f: SINCE,
  })).createContract.id;
  queueId = (await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: SINCE })).addQueue.id;
  await c.request(`mutation($c: ID!, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`, { c: contractId, f: SINCE });
  await c.request(`mutation($c: ID!, $terms: ComplaintTermsInput!, $f: DateTime) { setComplaintTerms(contractId: $c, terms: $terms, effectiveFrom: $f) { id } }`, { c: contractId, terms: PARIS_TERMS, f: SINCE });
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
}, 60_000);
afterAll(() => t?.stop());

describe('complaints imported with their history', () => {
  const HEADER = 'complaintRef,queue,channel,category,severity,description,customerRef,receivedAt,acknowledgedAt,resolvedAt,closedAt,status';
  const REGISTER = [
    HEADER,
    // Mon 1 June 16:00 Paris; acknowledged Tue 14:00 Paris; responded 10 June; closed 11 June.
    `H-1,,VOICE,BILLING,HIGH,Charged twice,cust-1,2026-06-01T14:00:00Z,2026-06-02T12:00:00Z,2026-06-10T10:00:00Z,2026-06-11T09:00:00Z,`,
    // Tue 5 May 11:00 Paris; acknowledged two days later; responded 22 May: both clocks missed.
    'H-2,,EMAIL,DELIVERY,LOW,Parcel late,cust-2,2026-05-05T09:00:00Z,2026-05-07T10:00:00Z,2026-05-22T08:00:00Z,,RESOLVED',
    // Fri 12 June 10:00 Paris, acknowledged an hour later, still being investigated.
    'H-3,,CHAT,STAFF,MEDIUM,Rude agent,cust-3,2026-06-12T08:00:00Z,2026-06-12T09:00:00Z,,,INVESTIGATING',
  ].join('\n');

  it('gives the clocks and verdicts computed by hand from the terms in force at receipt', async () => {
    const job = await importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: REGISTER });
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsRead: 3, rowsChecked: 3, rowsWritten: 3, rowsRefused: 0, problems: [] });
    const byCategory = Object.fromEntries((await complaints()).map((c: any) => [c.category, c]));
    const clock = (c: any, kind: string) => c.clocks.find((k: any) => k.kind === kind);

    // H-1. Acknowledgement: 8 business hours from Mon 16:00 = 2 h Monday + 6 h Tuesday → Tue 15:00 Paris (13:00Z); met at 12:00Z.
    // Resolution: the close of the 10th business day after Mon 1 June = Mon 15 June 18:00 Paris (16:00Z); met on 10 June.
    const h1 = byCategory.BILLING;
    expect(h1).toMatchObject({ status: 'CLOSED', receivedAt: '2026-06-01T14:00:00.000Z', acknowledgedAt: '2026-06-02T12:00:00.000Z', respondedAt: '2026-06-10T10:00:00.000Z', closedAt: '2026-06-11T09:00:00.000Z' });
    expect(clock(h1, 'ACKNOWLEDGEMENT')).toEqual({ kind: 'ACKNOWLEDGEMENT', dueAt: '2026-06-02T13:00:00.000Z', stoppedAt: '2026-06-02T12:00:00.000Z', met: true, overdue: false });
    expect(clock(h1, 'RESOLUTION')).toEqual({ kind: 'RESOLUTION', dueAt: '2026-06-15T16:00:00.000Z', stoppedAt: '2026-06-10T10:00:00.000Z', met: true, overdue: false });
    expect(h1.history.map((e: any) => [e.from, e.to, e.at])).toEqual([
      [null, 'RECEIVED', '2026-06-01T14:00:00.000Z'],
      ['RECEIVED', 'ACKNOWLEDGED', '2026-06-02T12:00:00.000Z'],
      ['ACKNOWLEDGED', 'RESPONDED', '2026-06-10T10:00:00.000Z'],
      ['RESPONDED', 'CLOSED', '2026-06-11T09:00:00.000Z'],
    ]);

    // H-2. Acknowledgement due Tue 11:00 + 8 h = 7 h Tuesday + 1 h Wednesday → Wed 6 May 10:00 Paris (08:00Z): missed.
    // Resolution due: 10th business day after Tue 5 May = Tue 19 May 18:00 Paris (16:00Z): missed (22 May).
    const h2 = byCategory.DELIVERY;
    expect(h2.status).toBe('RESPONDED');
    expect(clock(h2, 'ACKNOWLEDGEMENT')).toEqual({ kind: 'ACKNOWLEDGEMENT', dueAt: '2026-05-06T08:00:00.000Z', stoppedAt: '2026-05-07T10:00:00.000Z', met: false, overdue: true });
    expect(clock(h2, 'RESOLUTION')).toEqual({ kind: 'RESOLUTION', dueAt: '2026-05-19T16:00:00.000Z', stoppedAt: '2026-05-22T08:00:00.000Z', met: false, overdue: true });

    // H-3. Acknowledged within the 8 hours; resolution running, due Fri 26 June 18:00 Paris (16:00Z).
    const h3 = byCategory.STAFF;
    expect(h3.status).toBe('INVESTIGATING');
    expect(clock(h3, 'ACKNOWLEDGEMENT')).toMatchObject({ met: true, stoppedAt: '2026-06-12T09:00:00.000Z' });
    expect(clock(h3, 'RESOLUTION')).toEqual({ kind: 'RESOLUTION', dueAt: '2026-06-26T16:00:00.000Z', stoppedAt: null, met: null, overdue: false });

    // Statistics run on the stored verdicts: acknowledged on time 2 of 3; of the two responded, one met its resolution clock (H-3's still runs, not yet due).
    const stats = await t.client(centre).request<any>(`query($c: ID!) { contract(id: $c) { complaintStats(from: "2026-05-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { received acknowledgement { judged onTime } resolution { judged onTime } } } }`, { c: contractId });
    expect(stats.contract.complaintStats).toEqual({ received: 3, acknowledgement: { judged: 3, onTime: 2 }, resolution: { judged: 2, onTime: 1 } });
  });

  it('the same file twice does not double', async () => {
    const before = (await complaints()).length;
    const again = await importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: REGISTER });
    expect(again).toMatchObject({ status: 'SUCCEEDED', rowsWritten: 0, rowsSkipped: 3 });
    expect(await complaints()).toHaveLength(before);
  });

  it('a file with bad rows is refused whole, every bad row reported by line and column, nothing written', async () => {
    const before = (await complaints()).length;
    const csv = [
      HEADER,
      'B-1,,VOICE,BILLING,HIGH,ok,cust-9,2026-06-01T14:00:00Z,2026-06-02T12:00:00Z,,,', // good
      'B-2,,VOICE,BILLING,HIGH,ack first,cust-9,2026-06-03T14:00:00Z,2026-06-02T12:00:00Z,,,', // acknowledged before received
      'B-3,,VOICE,BILLING,HIGH,future,cust-9,2026-06-01T14:00:00Z,2026-06-02T12:00:00Z,2026-06-03T12:00:00Z,2026-07-01T00:00:00Z,', // closed in the future
      'B-4,,VOICE,BILLING,HIGH,no close,cust-9,2026-06-01T14:00:00Z,2026-06-02T12:00:00Z,2026-06-03T12:00:00Z,,CLOSED', // CLOSED without a closing time
      'B-5,,VOICE,BILLING,HIGH,odd status,cust-9,2026-06-01T14:00:00Z,,,,PENDING', // not a status
      'B-6,,VOICE,BILLING,HIGH,before terms,cust-9,2025-12-01T10:00:00Z,,,,', // no complaint terms then
      'B-7,,VOICE,BILLING,HIGH,no receipt,cust-9,,,,,', // received time empty
    ].join('\n');
    const job = await importFile(client, { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: csv });
    expect(job).toMatchObject({ status: 'REFUSED', rowsRead: 7, rowsChecked: 1, rowsRefused: 6, rowsWritten: 0 });
    expect(job.problems.map((p: any) => `${p.line}:${p.column}`)).toEqual(
      expect.arrayContaining(['3:acknowledgedAt', '4:closedAt', '5:closedAt', '6:status', '7:receivedAt', '8:receivedAt']),
    );
    expect(job.problems.find((p: any) => p.line === 7).reason).toMatch(/no complaint-handling terms at 2025-12-01/);
    expect(await complaints()).toHaveLength(before);
  });

  it('feedback itself refuses a bad history whole (BAD_USER_INPUT naming the field) and writes nothing', async () => {
    const before = (await complaints()).length;
    const base = { channel: 'VOICE', category: 'X', severity: 'LOW', description: 'd', customerRef: 'c-1' };
    const err = await expectError(
      t.client(centre).request(`mutation($c: ID!, $list: [HistoricComplaintInput!]!) { recordComplaintHistory(contractId: $c, complaints: $list) { id } }`, {
        c: contractId,
        list: [{ ...base, receivedAt: '2026-06-01T10:00:00Z' }, { ...base, receivedAt: '2026-06-01T10:00:00Z', status: 'RESPONDED', acknowledgedAt: '2026-06-01T11:00:00Z' }],
      }),
      'BAD_USER_INPUT',
    );
    expect(JSON.stringify(err.extensions)).toContain('complaints[1].respondedAt');
    expect(await complaints()).toHaveLength(before);
  });

  it('a stranger cannot import into, nor record history on, another’s contract: NOT_FOUND as for a made-up one', async () => {
    const input = { kind: 'COMPLAINTS', profile: 'hub-complaints', contractId, content: REGISTER };
    const real = await expectError(t.client(otherCentre).request(START, { input }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(otherCentre).request(START, { input: { ...input, contractId: 'ct-made-up' } }), 'NOT_FOUND');
    expect(real.message.replace(contractId, 'X')).toBe(madeUp.message.replace('ct-made-up', 'X'));
    const direct = `mutation($c: ID!) { recordComplaintHistory(contractId: $c, complaints: [{ channel: VOICE, category: "X", severity: LOW, description: "d", customerRef: "c-1", receivedAt: "2026-06-01T10:00:00Z" }]) { id } }`;
    const realDirect = await expectError(t.client(otherCentre).request(direct, { c: contractId }), 'NOT_FOUND');
    const madeUpDirect = await expectError(t.client(otherCentre).request(direct, { c: 'ct-made-up' }), 'NOT_FOUND');
    expect(realDirect.message.replace(contractId, 'X')).toBe(madeUpDirect.message.replace('ct-made-up', 'X'));
  });
});

describe('quality evaluations imported from a long CSV', () => {
  let scorecardId: string;
  const HEADER = 'interactionRef,queue,interactionAt,channel,agentRef,evaluatorRef,evaluatorParty,criterion,answer,answerComment,comment';
  const rows = (evaluator: string, interaction: string, at: string, greet: string, identity: string, resolve: string) => [
    `${interaction},${queueId},${at},VOICE,agent-7,${evaluator},CENTRE,greet,${greet},,`,
    `${interaction},${queueId},${at},VOICE,agent-7,${evaluator},CENTRE,identity,${identity},,`,
    `${interaction},${queueId},${at},VOICE,agent-7,${evaluator},CENTRE,resolve,${resolve},slow,Good call overall`,
  ];
  const CASES: Array<[string, string, string, string, string]> = [
    ['call-1', '2026-06-03T08:00:00Z', 'YES', 'YES', '5'],
    ['call-2', '2026-06-03T09:00:00Z', 'NO', 'NA', '3'],
    ['call-3', '2026-06-04T09:00:00Z', 'YES', 'NO', '4'],
  ];

  beforeAll(async () => {
    const res = await t.client(client).request<any>(`mutation($c: ID!, $input: ScorecardInput!, $f: DateTime) { defineScorecard(contractId: $c, input: $input, effectiveFrom: $f) { id } }`, {
      c: contractId,
      f: SINCE,
      input: {
        name: 'Acme voice quality',
        passMark: 75,
        sections: [
          { key: 'opening', title: 'Opening', weight: 1, criteria: [{ key: 'greet', title: 'Greets', weight: 1, scale: 'YES_NO_NA' }, { key: 'identity', title: 'Verifies identity', weight: 1, scale: 'YES_NO_NA', critical: true, allowNotApplicable: true }] },
          { key: 'resolution', title: 'Resolution', weight: 1, criteria: [{ key: 'resolve', title: 'Resolves', weight: 1, scale: 'ONE_TO_FIVE' }] },
        ],
      },
    });
    scorecardId = res.defineScorecard.id;
  });

  const scores = async (evaluatorRef: string) => {
    const res = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { evaluations(from: "2026-06-01T00:00:00Z", to: "2026-06-10T00:00:00Z", first: 500) { interactionRef evaluatorRef evaluatorParty scorecardVersion score rawScore criticalFail passed answers { criterionKey value comment } comment } } }`, { c: contractId });
    return res.contract.evaluations
      .filter((e: any) => e.evaluatorRef === evaluatorRef)
      .map(({ evaluatorRef: _e, ...rest }: any) => rest)
      .sort((a: any, b: any) => a.interactionRef.localeCompare(b.interactionRef));
  };

  it('score exactly as the same evaluations recorded through GraphQL; re-sending replaces', async () => {
    await t.client(centre).request(`mutation($s: ID!, $rows: [EvaluationInput!]!) { recordEvaluations(scorecardId: $s, evaluations: $rows) { received } }`, {
      s: scorecardId,
      rows: CASES.map(([interactionRef, interactionAt, greet, identity, resolve]) => ({
        interactionRef,
        queueId,
        interactionAt,
        channel: 'VOICE',
        agentRef: 'agent-7',
        evaluatorRef: 'qa-direct',
        comment: 'Good call overall',
        answers: [
          { criterionKey: 'greet', value: greet },
          { criterionKey: 'identity', value: identity },
          { criterionKey: 'resolve', value: resolve, comment: 'slow' },
        ],
      })),
    });
    const csv = [HEADER, ...CASES.flatMap(([i, at, g, id, r]) => rows('qa-file', i, at, g, id, r))].join('\n');
    // The file is read once: the write pass sends the evaluations the check pass staged.
    const { result: job, reads } = await countingFileReads(() => importFile(centre, { kind: 'EVALUATIONS', profile: 'hub-quality-evaluations', scorecardId, content: csv }));
    expect(reads).toBe(1);
    expect(job).toMatchObject({ status: 'SUCCEEDED', rowsRead: 9, rowsChecked: 9, rowsWritten: 9, rowsRefused: 0 });
    expect(job.notes.join(' ')).toMatch(/3 evaluations recorded/);
    const direct = await scores('qa-direct');
    expect(direct).toHaveLength(3);
    expect(await scores('qa-file')).toEqual(direct);
    // By hand: call-1 all full marks → 100; call-3 NO on the critical identity check → 0.
    expect(direct.map((e: any) => e.score)).toEqual([100, expect.any(Number), 0]);

    const again = await importFile(centre, { kind: 'EVALUATIONS', profile: 'hub-quality-evaluations', scorecardId, content: csv });
    expect(again.notes.join(' ')).toMatch(/3 replaced/);
    expect(await scores('qa-file')).toEqual(direct);
  });

  it('bad criterion answers are refused by line and column, nothing written', async () => {
    const lines = [HEADER, ...rows('qa-bad', 'call-9', '2026-06-05T08:00:00Z', 'MAYBE', 'YES', '6'), ...rows('qa-bad', 'call-10', '2026-06-05T09:00:00Z', 'YES', 'YES', '4')];
    lines[4] = lines[4].replace(',greet,', ',smile,'); // an unknown criterion (line 5), so greet is missing
    lines[5] = lines[5].replace(',CENTRE,', ',CLIENT,'); // the importer is the centre (line 6)
    const job = await importFile(centre, { kind: 'EVALUATIONS', profile: 'hub-quality-evaluations', scorecardId, content: lines.join('\n') });
    expect(job).toMatchObject({ status: 'REFUSED', rowsWritten: 0 });
    expect(job.problems.map((p: any) => `${p.line}:${p.column}`)).toEqual(expect.arrayContaining(['2:answer', '4:answer', '5:criterion', '6:evaluatorParty']));
    expect(await scores('qa-bad')).toEqual([]);
  });

  it('a stranger cannot import into another’s scorecard: NOT_FOUND as for a made-up one', async () => {
    const input = { kind: 'EVALUATIONS', profile: 'hub-quality-evaluations', scorecardId, content: HEADER };
    const real = await expectError(t.client(otherCentre).request(START, { input }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(otherCentre).request(START, { input: { ...input, scorecardId: 'sc-made-up' } }), 'NOT_FOUND');
    expect(real.message.replace(scorecardId, 'X')).toBe(madeUp.message.replace('sc-made-up', 'X'));
  });
});
