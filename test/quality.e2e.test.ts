import { bucketBoundaries } from '../services/metrics/calendar';
import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * The quality subgraph through the gateway (issue 11): scorecards, evaluations, quality figures,
 * window figures for SLA verdicts and calibration sessions, with tenancy (client, centre,
 * stranger) and bad input answered with coded errors that write nothing.
 */
const SINCE = '2026-01-01T00:00:00Z';
const START = '2026-06-15T10:00:00Z';
const clock = manualClock(START);

let t: TestHub;
let client: string, centre: string, stranger: string, strangerCentre: string;
let contractId: string, queueId: string, otherQueueId: string, strangerQueueId: string;
let scorecardId: string;

const SCORECARD = `id contractId versions { version name effectiveFrom effectiveTo passMark sections { key weight } criteria { sectionKey key weight scale critical allowNotApplicable } }`;
const DEFINE = `mutation($c: ID!, $input: ScorecardInput!, $f: DateTime) { defineScorecard(contractId: $c, input: $input, effectiveFrom: $f) { ${SCORECARD} } }`;
const REVISE = `mutation($id: ID!, $input: ScorecardInput!, $f: DateTime) { reviseScorecard(id: $id, input: $input, effectiveFrom: $f) { ${SCORECARD} } }`;
const RECORD = `mutation($s: ID!, $rows: [EvaluationInput!]!) { recordEvaluations(scorecardId: $s, evaluations: $rows) {
  scorecardId received inserted replaced evaluations { interactionRef evaluatorRef evaluatorParty scorecardVersion score rawScore criticalFail passed } } }`;
const OPEN = `mutation($s: ID!, $input: CalibrationSessionInput!) { openCalibrationSession(scorecardId: $s, input: $input) { id status scorecardVersion interactions { interactionRef } results { scores } } }`;
const SCORE = `mutation($id: ID!, $scores: [CalibrationScoreInput!]!) { recordCalibrationScores(sessionId: $id, scores: $scores) { sessionId received inserted replaced scores { evaluatorRef evaluatorParty score } } }`;
const CLOSE = `mutation($id: ID!) { closeCalibrationSession(id: $id) { id status closedAt results {
  interactions evaluators scores reliability { method basis coefficient low high units raters note }
  criteria { criterionKey units answers agreeing share }
  evaluatorResults { evaluatorRef party interactions meanScore fromConsensus { n mean low high } fromClientBaseline { n mean low high } }
  consensus { interactionRef evaluators consensusScore clientBaseline } } } }`;
const SESSION = `query($id: ID!) { calibrationSession(id: $id) { id status results { scores } scores { evaluatorRef evaluatorParty score } } }`;

const definition = (extra: Record<string, unknown> = {}) => ({
  name: 'Acme voice quality',
  passMark: 75,
  sections: [
    {
      key: 'opening',
      title: 'Opening',
      weight: 1,
      criteria: [
        { key: 'greet', title: 'Greets', weight: 1, scale: 'YES_NO_NA' },
        { key: 'identity', title: 'Verifies identity', weight: 1, scale: 'YES_NO_NA', critical: true, allowNotApplicable: true },
      ],
    },
    { key: 'resolution', title: 'Resolution', weight: 1, criteria: [{ key: 'resolve', title: 'Resolves', weight: 1, scale: 'ONE_TO_FIVE' }] },
  ],
  ...extra,
});

const answers = (greet: string, identity: string, resolve: string, more: Array<{ criterionKey: string; value: string }> = []) => [
  { criterionKey: 'greet', value: greet },
  { criterionKey: 'identity', value: identity },
  { criterionKey: 'resolve', value: resolve },
  ...more,
];

const evaluation = (ref: string, evaluatorRef: string, agentRef: string, a: ReturnType<typeof answers>, at = '2026-06-10T09:00:00Z', queue = () => queueId) => ({
  interactionRef: ref, queueId: queue(), interactionAt: at, channel: 'VOICE', agentRef, evaluatorRef, answers: a,
});

async function rowCount(table: string): Promise<number> {
  const [{ n }] = await t.hub.subgraphs.quality.db.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(n);
}

async function counts(): Promise<number[]> {
  return Promise.all(['quality_scorecards', 'quality_scorecard_versions', 'quality_evaluations', 'quality_calibration_sessions', 'quality_calibration_scores', 'quality_calibration_evaluators'].map(rowCount));
}

async function createContract(token: string, centreId: string, title: string): Promise<{ id: string; queueId: string }> {
  const c = t.client(token);
  const created = await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title, centreId, startDate: '2026-01-01', currency: 'EUR' }, f: SINCE,
  });
  const id = created.createContract.id;
  const q = await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Care", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: id, f: SINCE });
  return { id, queueId: q.addQueue.id };
}

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'umbrella', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  stranger = t.token('umbrella');
  strangerCentre = t.token('phoneco');
  ({ id: contractId, queueId } = await createContract(client, 'callco', 'Acme care'));
  ({ queueId: otherQueueId } = await createContract(client, 'callco', 'Acme sales'));
  ({ queueId: strangerQueueId } = await createContract(stranger, 'phoneco', 'Umbrella care'));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});
afterEach(() => {
  clock.set(START);
});

describe('scorecards', () => {
  it('the client defines a versioned scorecard that both parties read', async () => {
    const res = await t.client(client).request<any>(DEFINE, { c: contractId, input: definition(), f: SINCE });
    scorecardId = res.defineScorecard.id;
    expect(res.defineScorecard.versions).toEqual([
      {
        version: 1, name: 'Acme voice quality', effectiveFrom: '2026-01-01T00:00:00.000Z', effectiveTo: null, passMark: 75,
        sections: [{ key: 'opening', weight: 1 }, { key: 'resolution', weight: 1 }],
        criteria: [
          { sectionKey: 'opening', key: 'greet', weight: 1, scale: 'YES_NO_NA', critical: false, allowNotApplicable: false },
          { sectionKey: 'opening', key: 'identity', weight: 1, scale: 'YES_NO_NA', critical: true, allowNotApplicable: true },
          { sectionKey: 'resolution', key: 'resolve', weight: 1, scale: 'ONE_TO_FIVE', critical: false, allowNotApplicable: false },
        ],
      },
    ]);
    for (const token of [client, centre, t.token('callco', ['read'])]) {
      const read = await t.client(token).request<any>(`query($id: ID!) { scorecard(id: $id) { id contractId version { version } } }`, { id: scorecardId });
      expect(read.scorecard).toEqual({ id: scorecardId, contractId, version: { version: 1 } });
    }
    const listed = await t.client(centre).request<any>(`query($c: ID!) { contract(id: $c) { scorecards { id } } }`, { c: contractId });
    expect(listed.contract.scorecards).toEqual([{ id: scorecardId }]);
  });

  it('keeps the centre, read-only tokens and strangers from defining, and strangers from reading, alike for real and made-up ids', async () => {
    const before = await counts();
    await expectError(t.client(centre).request(DEFINE, { c: contractId, input: definition() }), 'FORBIDDEN');
    await expectError(t.client(t.token('acme', ['read'])).request(DEFINE, { c: contractId, input: definition() }), 'FORBIDDEN');
    const real = await expectError(t.client(stranger).request(DEFINE, { c: contractId, input: definition() }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(stranger).request(DEFINE, { c: 'ct-made-up', input: definition() }), 'NOT_FOUND');
    expect(real.message.replace(contractId, 'ID')).toBe(madeUp.message.replace('ct-made-up', 'ID'));
    const SCORECARD_QUERY = `query($id: ID!) { scorecard(id: $id) { id } }`;
    const realRead = await expectError(t.client(strangerCentre).request(SCORECARD_QUERY, { id: scorecardId }), 'NOT_FOUND');
    const madeUpRead = await expectError(t.client(strangerCentre).request(SCORECARD_QUERY, { id: 'sc-made-up' }), 'NOT_FOUND');
    expect(realRead.message.replace(scorecardId, 'ID')).toBe(madeUpRead.message.replace('sc-made-up', 'ID'));
    await expectError(t.client(centre).request(REVISE, { id: scorecardId, input: definition() }), 'FORBIDDEN');
    await expectError(t.client(stranger).request(REVISE, { id: scorecardId, input: definition() }), 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('refuses a weight that is not positive, a critical 1-5 criterion, duplicate keys and a pass mark past 100, naming the fields, and writes nothing', async () => {
    const before = await counts();
    const bad = definition({ passMark: 120 });
    bad.sections[0].criteria[1] = { ...bad.sections[0].criteria[1], weight: 0 };
    bad.sections[1].criteria[0] = { ...bad.sections[1].criteria[0], critical: true } as any;
    bad.sections[1] = { ...bad.sections[1], key: 'opening', weight: -2 };
    const all = await expectError(t.client(client).request(DEFINE, { c: contractId, input: bad }), 'BAD_USER_INPUT');
    expect(all.extensions?.problems?.map((p) => p.field)).toEqual([
      'input.passMark',
      'input.sections[0].criteria[1].weight',
      'input.sections[1].key',
      'input.sections[1].weight',
      'input.sections[1].criteria[0].critical',
    ]);
    expect(all.message).toContain('must be positive');
    await expectError(t.client(client).request(REVISE, { id: scorecardId, input: bad }), 'BAD_USER_INPUT');
    expect((await expectError(t.client(client).request(DEFINE, { c: contractId, input: definition({ sections: [] }) }), 'BAD_USER_INPUT')).extensions?.field).toBe('input.sections');
    expect(await counts()).toEqual(before);
  });
});

describe('evaluations', () => {
  it('scores uploads from both parties under the version in force, the party taken from the caller', async () => {
    // Score = mean of opening (greet, identity) and resolution (1-5 → 0..100).
    const centreRows = [evaluation('int-1', 'qa-1', 'agent-1', answers('YES', 'YES', '5')), evaluation('int-2', 'qa-1', 'agent-1', answers('NO', 'YES', '3'))];
    const res = await t.client(centre).request<any>(RECORD, { s: scorecardId, rows: centreRows });
    expect(res.recordEvaluations).toEqual({
      scorecardId, received: 2, inserted: 2, replaced: 0,
      evaluations: [
        { interactionRef: 'int-1', evaluatorRef: 'qa-1', evaluatorParty: 'CENTRE', scorecardVersion: 1, score: 100, rawScore: 100, criticalFail: false, passed: true },
        { interactionRef: 'int-2', evaluatorRef: 'qa-1', evaluatorParty: 'CENTRE', scorecardVersion: 1, score: 50, rawScore: 50, criticalFail: false, passed: false },
      ],
    });
    const clientRows = [evaluation('int-3', 'nw-1', 'agent-2', answers('YES', 'NO', '5')), evaluation('int-4', 'nw-1', 'agent-2', answers('YES', 'NA', '4'))];
    const byClient = await t.client(client).request<any>(RECORD, { s: scorecardId, rows: clientRows });
    // A critical NO scores 0 and keeps the raw score (opening 50, resolution 100: 75); N/A leaves identity out.
    expect(byClient.recordEvaluations.evaluations.map((e: any) => [e.evaluatorParty, e.score, e.rawScore, e.criticalFail, e.passed])).toEqual([
      ['CLIENT', 0, 75, true, false],
      ['CLIENT', 87.5, 87.5, false, true],
    ]);
    // Re-sending replaces (the same evaluator and interaction), never doubles.
    const again = await t.client(centre).request<any>(RECORD, { s: scorecardId, rows: centreRows });
    expect(again.recordEvaluations).toMatchObject({ received: 2, inserted: 0, replaced: 2 });
    expect(await rowCount('quality_evaluations')).toBe(4);
  });

  it('refuses answers outside their scale, N/A where not allowed, a queue outside the contract and a missing criterion, and writes nothing', async () => {
    const before = await counts();
    const rows = [
      evaluation('int-9', 'qa-1', 'agent-1', answers('YES', 'YES', '5')),
      evaluation('int-10', 'qa-1', 'agent-1', answers('MAYBE', 'YES', '6')),
      evaluation('int-11', 'qa-1', 'agent-1', answers('NA', 'YES', '5')),
      evaluation('int-12', 'qa-1', 'agent-1', answers('YES', 'YES', '5'), '2026-06-10T09:00:00Z', () => otherQueueId),
      evaluation('int-13', 'qa-1', 'agent-1', answers('YES', 'YES', '5'), '2026-06-10T09:00:00Z', () => strangerQueueId),
      evaluation('int-14', 'qa-1', 'agent-1', answers('YES', 'YES', '5').slice(0, 2)),
      evaluation('int-15', 'qa-1', 'agent-1', answers('YES', 'YES', '5'), '2026-06-16T09:00:00Z'),
      evaluation('int-16', 'jane.doe@acme.example', 'agent-1', answers('YES', 'YES', '5')),
    ];
    const error = await expectError(t.client(centre).request(RECORD, { s: scorecardId, rows }), 'BAD_USER_INPUT');
    expect(error.extensions?.problems?.map((p) => p.field)).toEqual([
      'evaluations[1].answers[0].value',
      'evaluations[1].answers[2].value',
      'evaluations[2].answers[0].value',
      'evaluations[3].queueId',
      'evaluations[4].queueId',
      'evaluations[5].answers',
      'evaluations[6].interactionAt',
      'evaluations[7].evaluatorRef',
    ]);
    expect(error.message).toContain('evaluations[1].answers[2].value: "6" is outside the ONE_TO_FIVE scale; answer 1, 2, 3, 4, 5');
    expect(error.message).toContain('evaluations[2].answers[0].value: N/A is not allowed for this criterion');
    expect(error.message).toContain(`is not a queue of contract ${contractId}`);
    expect(await counts()).toEqual(before);
  });

  it('keeps strangers and read-only tokens from uploading', async () => {
    const rows = [evaluation('int-20', 'qa-1', 'agent-1', answers('YES', 'YES', '5'))];
    const before = await counts();
    const real = await expectError(t.client(strangerCentre).request(RECORD, { s: scorecardId, rows }), 'NOT_FOUND');
    const madeUp = await expectError(t.client(strangerCentre).request(RECORD, { s: 'sc-made-up', rows }), 'NOT_FOUND');
    expect(real.message.replace(scorecardId, 'ID')).toBe(madeUp.message.replace('sc-made-up', 'ID'));
    await expectError(t.client(t.token('callco', ['read'])).request(RECORD, { s: scorecardId, rows }), 'FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('lists evaluations for both parties, pseudonymous references only', async () => {
    const res = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { evaluations(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z", agentRef: "agent-2") { interactionRef agentRef evaluatorRef evaluatorParty score answers { criterionKey value } } } }`,
      { c: contractId },
    );
    expect(res.contract.evaluations.map((e: any) => e.interactionRef).sort()).toEqual(['int-3', 'int-4']);
    expect(res.contract.evaluations[0].answers.map((a: any) => a.criterionKey)).toEqual(['greet', 'identity', 'resolve']);
    await expectError(t.client(stranger).request(`query($c: ID!) { contract(id: $c) { evaluations(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { score } } }`, { c: contractId }), 'NOT_FOUND');
  });
});

describe('quality figures', () => {
  // Scores of 10 June (Paris): 100, 50 (agent-1, centre qa-1), 0 (critical), 87.5 (agent-2, client nw-1).
  const FIGURE = 'evaluations meanScore { value low high } sharePassing { count share low high } criticalFailRate { count share }';

  it('gives QUALITY_SCORE per local day of a queue and of the contract', async () => {
    const res = await t.client(centre).request<any>(
      `query($q: ID!, $c: ID!) {
        queues(ids: [$q]) { quality(from: "2026-06-09T22:00:00Z", to: "2026-06-11T22:00:00Z", granularity: DAY) { metric timeZone points { label ${FIGURE} } } }
        contract(id: $c) { quality(from: "2026-06-01T00:00:00+02:00", to: "2026-07-01T00:00:00+02:00", granularity: MONTH) { points { label evaluations meanScore { value } } } } }`,
      { q: queueId, c: contractId },
    );
    const series = res.queues[0].quality;
    expect([series.metric, series.timeZone]).toEqual(['QUALITY_SCORE', 'Europe/Paris']);
    const [day, empty] = series.points;
    expect(day.label).toBe('2026-06-10');
    expect(day.evaluations).toBe(4);
    expect(day.meanScore.value).toBeCloseTo(59.375, 10);
    // sd of 100, 50, 0, 87.5 = 44.7…, t(0.975, 3) = 3.1824: 59.4 ± 71.1, clamped to the 0-100 scale.
    expect([day.meanScore.low, day.meanScore.high]).toEqual([0, 100]);
    expect(day.sharePassing).toMatchObject({ count: 2, share: 0.5 });
    expect(day.criticalFailRate).toEqual({ count: 1, share: 0.25 });
    expect(empty).toMatchObject({ label: '2026-06-11', evaluations: 0, meanScore: { value: null, low: null, high: null }, sharePassing: { count: 0, share: null } });
    expect(res.contract.quality.points).toEqual([{ label: '2026-06', evaluations: 4, meanScore: { value: 59.375 } }]);
  });

  it('gives the figures per agent and per evaluator', async () => {
    const res = await t.client(client).request<any>(
      `query($q: ID!, $c: ID!) {
        queues(ids: [$q]) { qualityByAgent(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { agentRef evaluations meanScore { value } sharePassing { share } criticalFailRate { share } } }
        contract(id: $c) { qualityByEvaluator(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { evaluatorRef party evaluations meanScore { value } } } }`,
      { q: queueId, c: contractId },
    );
    expect(res.queues[0].qualityByAgent).toEqual([
      { agentRef: 'agent-1', evaluations: 2, meanScore: { value: 75 }, sharePassing: { share: 0.5 }, criticalFailRate: { share: 0 } },
      { agentRef: 'agent-2', evaluations: 2, meanScore: { value: 43.75 }, sharePassing: { share: 0.5 }, criticalFailRate: { share: 0.5 } },
    ]);
    expect(res.contract.qualityByEvaluator).toEqual([
      { evaluatorRef: 'qa-1', party: 'CENTRE', evaluations: 2, meanScore: { value: 75 } },
      { evaluatorRef: 'nw-1', party: 'CLIENT', evaluations: 2, meanScore: { value: 43.75 } },
    ]);
  });

  it('answers window figures for SLA verdicts, one per window in order, to the parties asking the subgraph directly', async () => {
    // The performance subgraph asks quality itself, with the caller's token; the gateway hides the field.
    const WINDOWS = `query($r: [_Any!]!, $v: String, $w: [FigureWindowInput!]!, $q: ID, $m: String!) { _entities(representations: $r) { ... on Contract {
      windowFigures(metric: $m, variant: $v, queueId: $q, windows: $w) { from to value numerator denominator sampleSize confidenceLow confidenceHigh approximate } } } }`;
    const ask = async (token: string, vars: Record<string, unknown>) => {
      const response = await fetch(t.hub.subgraphs.quality.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: WINDOWS, variables: { r: [{ __typename: 'Contract', id: contractId }], m: 'QUALITY_SCORE', w: windows, ...vars } }),
      });
      return (await response.json()) as { data?: { _entities: Array<{ windowFigures: any[] } | null> } | null; errors?: Array<{ extensions?: { code?: string; field?: string } }> };
    };
    const figures = async (token: string, vars: Record<string, unknown> = {}) => {
      const answer = await ask(token, vars);
      expect(answer.errors).toBeUndefined();
      return answer.data!._entities[0]!.windowFigures;
    };
    const windows = [{ from: '2026-06-09T00:00:00Z', to: '2026-06-10T00:00:00Z' }, { from: '2026-06-10T00:00:00Z', to: '2026-06-11T00:00:00Z' }];
    const mean = await figures(client);
    expect(mean[0]).toEqual({
      from: '2026-06-09T00:00:00.000Z', to: '2026-06-10T00:00:00.000Z', value: null, numerator: null, denominator: null, sampleSize: 0, confidenceLow: null, confidenceHigh: null, approximate: false,
    });
    // The catalogue's unit: a ratio, 0.59375 for a mean score of 59.375 %.
    expect(mean[1]).toMatchObject({ value: 0.59375, numerator: 2.375, denominator: 4, sampleSize: 4, confidenceLow: 0, confidenceHigh: 1, approximate: false });
    expect((await figures(centre, { v: 'CANONICAL', q: queueId }))[1].value).toBe(0.59375);
    expect((await figures(centre, { v: 'MEAN_SCORE' }))[1].value).toBe(0.59375);
    const passing = (await figures(centre, { v: 'SHARE_PASSING' }))[1];
    expect(passing).toMatchObject({ value: 0.5, numerator: 2, denominator: 4, sampleSize: 4 });
    expect(passing.confidenceLow).toBeCloseTo(0.15, 2);
    expect((await figures(centre, { v: 'CRITICAL_FAIL_RATE' }))[1]).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    // A gap between windows is left out; windows of any count up to the bound are answered in one statement.
    const gap = await figures(client, { w: [windows[0], { from: '2026-06-10T09:30:00Z', to: '2026-06-11T00:00:00Z' }] });
    expect(gap.map((f: any) => f.sampleSize)).toEqual([0, 0]);

    // Two years of Paris days (uneven across DST changes): one statement, the day with evaluations found.
    const starts = bucketBoundaries(Date.UTC(2025, 5, 1) / 1000, Date.UTC(2027, 5, 2) / 1000, 'DAY', 'Europe/Paris');
    const days = starts.slice(0, 731).map((start, i) => ({ from: new Date(start * 1000).toISOString(), to: new Date(starts[i + 1] * 1000).toISOString() }));
    t.queries.quality.reset();
    const daily = await figures(client, { w: days });
    expect(t.queries.quality.count).toBe(1);
    expect(daily).toHaveLength(731);
    expect(daily.filter((f: any) => f.sampleSize > 0).map((f: any) => [f.from, f.sampleSize])).toEqual([['2026-06-09T22:00:00.000Z', 4]]);

    const field = async (vars: Record<string, unknown>, token = client) => {
      const answer = await ask(token, vars);
      expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return answer.errors?.[0].extensions?.field;
    };
    expect(await field({ v: 'MEDIAN' })).toBe('variant');
    expect(await field({ m: 'CSAT' })).toBe('metric');
    expect(await field({ w: [windows[1], windows[0]] })).toBe('windows[1].from');
    expect(await field({ w: [windows[1], { from: '2026-06-10T12:00:00Z', to: '2026-06-13T00:00:00Z' }] })).toBe('windows[1].from');
    expect(await field({ w: [{ from: '2026-06-12T00:00:00Z', to: '2026-06-11T00:00:00Z' }] })).toBe('windows[0].to');
    expect(await field({ q: otherQueueId })).toBe('queueId');
    const tooMany = Array.from({ length: 20_001 }, (_, i) => ({ from: new Date(Date.UTC(2026, 0, 1) + i * 900_000).toISOString(), to: new Date(Date.UTC(2026, 0, 1) + (i + 1) * 900_000).toISOString() }));
    expect(await field({ w: tooMany })).toBe('windows');
    const stranger = await ask(strangerCentre, {});
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Not part of the public API: the gateway refuses the field.
    await expectError(t.client(client).request(`query($c: ID!) { contract(id: $c) { windowFigures(metric: "QUALITY_SCORE", windows: []) { value } } }`, { c: contractId }), 'GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps strangers out of every figure', async () => {
    // The contracts subgraph does not show a stranger the queue, so its figures are never reached.
    const hidden = await t.client(stranger).request<any>(`query($q: ID!) { queues(ids: [$q]) { quality(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { metric } } }`, { q: queueId });
    expect(hidden.queues).toEqual([null]);
    await expectError(t.client(strangerCentre).request(`query($c: ID!) { contract(id: $c) { qualityByAgent(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z") { agentRef } } }`, { c: contractId }), 'NOT_FOUND');
  });
});

describe('scorecard versions', () => {
  const V2 = () => {
    const d = definition({ passMark: 80 });
    d.sections[1].criteria.push({ key: 'empathy', title: 'Shows empathy', weight: 1, scale: 'ONE_TO_FIVE' });
    return d;
  };

  it('refuses a revision dated before now: evaluations already scored keep their version', async () => {
    const error = await expectError(t.client(client).request(REVISE, { id: scorecardId, input: V2(), f: '2026-06-01T00:00:00Z' }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('effectiveFrom');
  });

  it('scores each evaluation under the version in force at its interaction, and old scores never change', async () => {
    const revised = await t.client(client).request<any>(REVISE, { id: scorecardId, input: V2() });
    expect(revised.reviseScorecard.versions.map((v: any) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([
      [1, '2026-01-01T00:00:00.000Z', START.replace('Z', '.000Z')],
      [2, START.replace('Z', '.000Z'), null],
    ]);
    clock.set('2026-06-20T10:00:00Z');
    const rows = [
      evaluation('int-30', 'qa-2', 'agent-1', answers('YES', 'YES', '5', [{ criterionKey: 'empathy', value: '1' }]), '2026-06-18T09:00:00Z'),
      evaluation('int-31', 'qa-2', 'agent-1', answers('YES', 'YES', '4'), '2026-06-12T09:00:00Z'),
    ];
    const res = await t.client(centre).request<any>(RECORD, { s: scorecardId, rows });
    // Version 2: resolution = mean(resolve 100, empathy 0) = 50; score (100 + 50) / 2 = 75 < 80.
    expect(res.recordEvaluations.evaluations.map((e: any) => [e.scorecardVersion, e.score, e.passed])).toEqual([[2, 75, false], [1, 87.5, true]]);
    // Version 2 needs empathy: the same answers on an interaction after the revision are refused.
    const missing = await expectError(t.client(centre).request(RECORD, { s: scorecardId, rows: [{ ...rows[1], interactionAt: '2026-06-19T09:00:00Z' }] }), 'BAD_USER_INPUT');
    expect(missing.message).toContain('missing empathy');
    const old = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { evaluations(from: "2026-06-10T00:00:00Z", to: "2026-06-11T00:00:00Z") { interactionRef scorecardVersion score } } }`, { c: contractId },
    );
    expect(old.contract.evaluations.find((e: any) => e.interactionRef === 'int-1')).toEqual({ interactionRef: 'int-1', scorecardVersion: 1, score: 100 });
    const at = await t.client(centre).request<any>(`query($id: ID!) { scorecard(id: $id) { version(at: "2026-06-12T00:00:00Z") { version passMark } current: version { version passMark } } }`, { id: scorecardId });
    expect(at.scorecard).toEqual({ version: { version: 1, passMark: 75 }, current: { version: 2, passMark: 80 } });
  });
});

describe('calibration sessions', () => {
  let sessionId: string;
  const interactions = [
    { interactionRef: 'cal-1', queueId: '', interactionAt: '2026-06-12T09:00:00Z', channel: 'VOICE', agentRef: 'agent-1' },
    { interactionRef: 'cal-2', queueId: '', interactionAt: '2026-06-12T10:00:00Z', channel: 'VOICE', agentRef: 'agent-2' },
  ];
  const v2 = (greet: string, identity: string, resolve: string, empathy: string) => answers(greet, identity, resolve, [{ criterionKey: 'empathy', value: empathy }]);

  it('opens a session on interactions of the contract, refusing one of another contract', async () => {
    clock.set('2026-06-21T10:00:00Z');
    const input = { title: 'June calibration', interactions: interactions.map((x) => ({ ...x, queueId })) };
    const bad = { ...input, interactions: [input.interactions[0], { ...input.interactions[1], queueId: strangerQueueId }] };
    const before = await counts();
    expect((await expectError(t.client(centre).request(OPEN, { s: scorecardId, input: bad }), 'BAD_USER_INPUT')).extensions?.field).toBe('input.interactions[1].queueId');
    await expectError(t.client(stranger).request(OPEN, { s: scorecardId, input }), 'NOT_FOUND');
    await expectError(t.client(t.token('callco', ['read'])).request(OPEN, { s: scorecardId, input }), 'FORBIDDEN');
    expect(await counts()).toEqual(before);
    const res = await t.client(centre).request<any>(OPEN, { s: scorecardId, input });
    sessionId = res.openCalibrationSession.id;
    expect(res.openCalibrationSession).toEqual({ id: sessionId, status: 'OPEN', scorecardVersion: 2, interactions: [{ interactionRef: 'cal-1' }, { interactionRef: 'cal-2' }], results: null });
  });

  it('takes scores of both parties independently: while open each side sees only its own', async () => {
    clock.set('2026-06-21T11:00:00Z');
    // Centre: qa-1 (in line) and qa-2 (lenient); client: nw-1 and nw-2 (the baseline).
    const centreScores = [
      { interactionRef: 'cal-1', evaluatorRef: 'qa-1', answers: v2('YES', 'YES', '3', '3') },
      { interactionRef: 'cal-2', evaluatorRef: 'qa-1', answers: v2('NO', 'YES', '3', '3') },
      { interactionRef: 'cal-1', evaluatorRef: 'qa-2', answers: v2('YES', 'YES', '5', '5') },
      { interactionRef: 'cal-2', evaluatorRef: 'qa-2', answers: v2('YES', 'YES', '5', '5') },
    ];
    const clientScores = [
      { interactionRef: 'cal-1', evaluatorRef: 'nw-1', answers: v2('YES', 'YES', '3', '2') },
      { interactionRef: 'cal-2', evaluatorRef: 'nw-1', answers: v2('NO', 'YES', '2', '3') },
      { interactionRef: 'cal-1', evaluatorRef: 'nw-2', answers: v2('YES', 'YES', '3', '3') },
      { interactionRef: 'cal-2', evaluatorRef: 'nw-2', answers: v2('NO', 'YES', '3', '3') },
    ];
    const byCentre = await t.client(centre).request<any>(SCORE, { id: sessionId, scores: centreScores });
    expect(byCentre.recordCalibrationScores).toMatchObject({ received: 4, inserted: 4, replaced: 0 });
    expect(byCentre.recordCalibrationScores.scores.map((s: any) => [s.evaluatorRef, s.evaluatorParty, s.score])).toEqual([
      ['qa-1', 'CENTRE', 75], ['qa-1', 'CENTRE', 50], ['qa-2', 'CENTRE', 100], ['qa-2', 'CENTRE', 100],
    ]);
    await t.client(client).request(SCORE, { id: sessionId, scores: clientScores });
    const again = await t.client(client).request<any>(SCORE, { id: sessionId, scores: clientScores.slice(0, 1) });
    expect(again.recordCalibrationScores).toMatchObject({ inserted: 0, replaced: 1 });
    const seenByCentre = await t.client(centre).request<any>(SESSION, { id: sessionId });
    expect(seenByCentre.calibrationSession.scores.map((s: any) => s.evaluatorParty)).toEqual(['CENTRE', 'CENTRE', 'CENTRE', 'CENTRE']);
    expect(seenByCentre.calibrationSession.results).toBeNull();
    const seenByClient = await t.client(client).request<any>(SESSION, { id: sessionId });
    expect(new Set(seenByClient.calibrationSession.scores.map((s: any) => s.evaluatorParty))).toEqual(new Set(['CLIENT']));
    const bad = await expectError(t.client(centre).request(SCORE, { id: sessionId, scores: [{ interactionRef: 'cal-9', evaluatorRef: 'qa-1', answers: v2('YES', 'YES', '7', '3') }] }), 'BAD_USER_INPUT');
    expect(bad.extensions?.problems?.map((p) => p.field)).toEqual(['scores[0].interactionRef', 'scores[0].answers[2].value']);
  });

  it('closes with agreement, deviations with intervals and named reliability figures; the lenient evaluator shows', async () => {
    clock.set('2026-06-22T10:00:00Z');
    const res = await t.client(client).request<any>(CLOSE, { id: sessionId });
    const closed = res.closeCalibrationSession;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: '2026-06-22T10:00:00.000Z' });
    const r = closed.results;
    expect([r.interactions, r.evaluators, r.scores]).toEqual([2, 4, 8]);
    // Scores (opening and resolution sections, equal weights):
    //   cal-1: qa-1 75, qa-2 100, nw-1 68.75 (resolution (50 + 25) / 2), nw-2 75 → consensus 79.6875, client baseline 71.875;
    //   cal-2: qa-1 50, qa-2 100, nw-1 43.75, nw-2 50 → consensus 60.9375, client baseline 46.875.
    expect(r.consensus).toEqual([
      { interactionRef: 'cal-1', evaluators: 4, consensusScore: 79.6875, clientBaseline: 71.875 },
      { interactionRef: 'cal-2', evaluators: 4, consensusScore: 60.9375, clientBaseline: 46.875 },
    ]);
    const qa2 = r.evaluatorResults.find((e: any) => e.evaluatorRef === 'qa-2');
    // From the consensus: +20.3125 and +39.0625; from the client baseline: +28.125 and +53.125.
    expect(qa2.fromConsensus.mean).toBeCloseTo(29.6875, 10);
    expect(qa2.fromClientBaseline.mean).toBeCloseTo(40.625, 10);
    // t(0.975, 1) = 12.7062 times the standard error 9.375.
    expect(qa2.fromConsensus.low).toBeCloseTo(29.6875 - 12.7062 * 9.375, 2);
    const greet = r.criteria.find((c: any) => c.criterionKey === 'greet');
    expect(greet).toEqual({ criterionKey: 'greet', units: 2, answers: 8, agreeing: 7, share: 0.875 });
    expect(r.reliability.map((x: any) => x.method)).toEqual(['ICC(2,1)', "Krippendorff's alpha (interval)", "Krippendorff's alpha (nominal)"]);
    expect(r.reliability[0]).toMatchObject({ units: 2, raters: 4, note: null });
    expect(typeof r.reliability[0].coefficient).toBe('number');
    // Every score is visible to both once closed.
    const seen = await t.client(centre).request<any>(SESSION, { id: sessionId });
    expect(seen.calibrationSession.scores).toHaveLength(8);
  });

  it('refuses scores after the close with CONFLICT and writes nothing; closing twice is a CONFLICT too', async () => {
    const before = await counts();
    const late = await expectError(t.client(centre).request(SCORE, { id: sessionId, scores: [{ interactionRef: 'cal-1', evaluatorRef: 'qa-3', answers: v2('YES', 'YES', '5', '5') }] }), 'CONFLICT');
    expect(late.message).toContain('closed');
    await expectError(t.client(centre).request(CLOSE, { id: sessionId }), 'CONFLICT');
    expect(await counts()).toEqual(before);
    await expectError(t.client(stranger).request(SESSION, { id: sessionId }), 'NOT_FOUND');
    await expectError(t.client(stranger).request(SESSION, { id: 'cal-made-up' }), 'NOT_FOUND');
    await expectError(t.client(strangerCentre).request(CLOSE, { id: sessionId }), 'NOT_FOUND');
  });

  it("follows each evaluator's drift across sessions", async () => {
    clock.set('2026-06-25T10:00:00Z');
    const input = { title: 'Late June', interactions: interactions.map((x) => ({ ...x, queueId, interactionRef: `${x.interactionRef}-b` })) };
    const second = (await t.client(client).request<any>(OPEN, { s: scorecardId, input })).openCalibrationSession.id;
    const scores = (ref: string, a: ReturnType<typeof v2>) => input.interactions.map((x) => ({ interactionRef: x.interactionRef, evaluatorRef: ref, answers: a }));
    await t.client(centre).request(SCORE, { id: second, scores: [...scores('qa-1', v2('YES', 'YES', '3', '3')), ...scores('qa-2', v2('YES', 'YES', '4', '4'))] });
    await t.client(client).request(SCORE, { id: second, scores: scores('nw-1', v2('YES', 'YES', '3', '3')) });
    await t.client(centre).request(CLOSE, { id: second });
    const res = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { evaluatorDrift(from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { evaluatorRef party trendPerSession meanFromConsensus sessions { sessionId fromConsensus fromClientBaseline } }
        calibrationSessions(status: CLOSED) { id status } } }`,
      { c: contractId },
    );
    const qa2 = res.contract.evaluatorDrift.find((d: any) => d.evaluatorRef === 'qa-2');
    expect(qa2.party).toBe('CENTRE');
    expect(qa2.sessions.map((s: any) => s.sessionId)).toEqual([sessionId, second]);
    // Second session: qa-1 75, qa-2 87.5, nw-1 75 on both: consensus 79.1667, qa-2 +8.3333.
    expect(qa2.sessions[1].fromConsensus).toBeCloseTo(8.3333, 3);
    expect(qa2.trendPerSession).toBeCloseTo(8.3333 - 29.6875, 3);
    expect(res.contract.calibrationSessions.map((s: any) => s.id)).toEqual([second, sessionId]);
  });
});

describe('reads per agent and per evaluator cost one statement whatever the number of agents', () => {
  it('does not grow with agents or evaluators', async () => {
    const { id: bulkContract, queueId: bulkQueue } = await createContract(client, 'callco', 'Acme bulk');
    const sc = (await t.client(client).request<any>(DEFINE, { c: bulkContract, input: definition(), f: SINCE })).defineScorecard.id;
    const upload = (agents: number, prefix: string) =>
      t.client(centre).request(RECORD, {
        s: sc,
        rows: Array.from({ length: agents }, (_, i) => evaluation(`${prefix}-${i}`, `qa-${prefix}-${i}`, `agent-${prefix}-${i}`, answers('YES', 'YES', String(1 + (i % 5))), '2026-06-10T09:00:00Z', () => bulkQueue)),
      });
    const READ = `query($c: ID!, $q: ID!) {
      contract(id: $c) { qualityByAgent(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z", first: 500) { agentRef evaluations }
        qualityByEvaluator(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z", first: 500) { evaluatorRef }
        evaluatorDrift(from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { evaluatorRef } }
      queues(ids: [$q]) { qualityByAgent(from: "2026-06-01T00:00:00Z", to: "2026-06-15T00:00:00Z", first: 500) { agentRef } } }`;
    await upload(3, 'a');
    t.queries.quality.reset();
    const few = await t.client(client).request<any>(READ, { c: bulkContract, q: bulkQueue });
    const fewStatements = t.queries.quality.count;
    expect(few.contract.qualityByAgent).toHaveLength(3);
    await upload(60, 'b');
    t.queries.quality.reset();
    const many = await t.client(client).request<any>(READ, { c: bulkContract, q: bulkQueue });
    expect(many.contract.qualityByAgent).toHaveLength(63);
    expect(many.contract.qualityByEvaluator).toHaveLength(63);
    expect(many.queues[0].qualityByAgent).toHaveLength(63);
    expect(t.queries.quality.count).toBe(fewStatements);
    // One statement each: agents of the contract, evaluators, drift, agents of the queue.
    expect(fewStatements).toBe(4);
  });
});
