import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * A QUALITY_SCORE target gets a verdict (issue 11): SlaTarget.compliance asks the quality
 * subgraph for each window's figure (Contract.windowFigures, with the caller's token) and judges
 * it like any other window, across an amendment and the change to summer time, with a minimum
 * sample of evaluations.
 */
const SINCE = '2026-01-01T00:00:00Z';
const START = '2026-06-15T10:00:00Z';
const clock = manualClock(START);
const SET_TARGET = `mutation($c: ID!, $f: DateTime, $reason: String, $input: SlaTargetInput!) { setSlaTarget(contractId: $c, effectiveFrom: $f, reason: $reason, input: $input) { id } }`;
const COMPLIANCE = `query($c: ID!, $from: DateTime!, $to: DateTime!) { contract(id: $c) { slaTargets { id metric compliance(from: $from, to: $to) {
  measurable note windowsJudged windowsMet creditPercent windows { label goal met shortfall creditPercent sampleSize minimumSample confidenceLow confidenceHigh notJudgedReason
  figure { value numerator denominator definition { label attribution timeZone } } } } } } }`;

let t: TestHub;
let client: string, centre: string;
let contractId: string, queueId: string, targetId: string;

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
    { id: 'phoneco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  const c = t.client(client);
  contractId = (await c.request<any>(`mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: SINCE,
  })).createContract.id;
  queueId = (await c.request<any>(`mutation($c: ID!, $f: DateTime) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`, { c: contractId, f: SINCE })).addQueue.id;
  const credit = { percentPerPoint: 0.2, capPercent: 10 };
  targetId = (await c.request<any>(SET_TARGET, { c: contractId, f: SINCE, input: { metric: 'QUALITY_SCORE', goal: 0.7, window: 'DAY', minimumSample: 2, serviceCredit: credit } })).setSlaTarget.id;
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id: contractId, f: SINCE });
  // From local midnight of Sunday 29 March (the day summer time starts): 80 % on at least 3 evaluations.
  await c.request(SET_TARGET, { c: contractId, f: '2026-03-28T23:00:00Z', reason: 'quality review', input: { id: targetId, metric: 'QUALITY_SCORE', goal: 0.8, window: 'DAY', minimumSample: 3, serviceCredit: credit } });

  // One criterion on a 1-5 scale: 3 scores 50 %, 4 scores 75 %, 5 scores 100 %.
  const scorecard = await c.request<any>(`mutation($c: ID!, $input: ScorecardInput!, $f: DateTime) { defineScorecard(contractId: $c, input: $input, effectiveFrom: $f) { id } }`, {
    c: contractId, f: SINCE,
    input: { name: 'Resolution', passMark: 75, sections: [{ key: 'main', title: 'Main', weight: 1, criteria: [{ key: 'resolve', title: 'Resolves', weight: 1, scale: 'ONE_TO_FIVE' }] }] },
  });
  const evaluation = (ref: string, at: string, value: string) => ({
    interactionRef: ref, queueId, interactionAt: at, channel: 'VOICE', agentRef: 'agent-1', evaluatorRef: 'qa-1', answers: [{ criterionKey: 'resolve', value }],
  });
  await t.client(centre).request(`mutation($s: ID!, $rows: [EvaluationInput!]!) { recordEvaluations(scorecardId: $s, evaluations: $rows) { inserted } }`, {
    s: scorecard.defineScorecard.id,
    rows: [
      // Friday 27 March: 75 % and 75 %.
      evaluation('d27-0', '2026-03-27T10:00:00Z', '4'),
      evaluation('d27-1', '2026-03-27T11:00:00Z', '4'),
      // Saturday 28 March: 50 % twice (and one at 23:30 UTC, 00:30 local on the 29th).
      evaluation('d28-0', '2026-03-28T10:00:00Z', '3'),
      evaluation('d28-1', '2026-03-28T11:00:00Z', '3'),
      evaluation('d29-0', '2026-03-28T23:30:00Z', '5'),
      // Sunday 29 March (23 hours): 2 evaluations, under the new minimum of 3.
      evaluation('d29-1', '2026-03-29T12:00:00Z', '5'),
      // 22:30 UTC on the 29th is 00:30 on Monday 30 March in summer time: (50 + 3 × 100) / 4 = 87.5 %.
      evaluation('d30-0', '2026-03-29T22:30:00Z', '3'),
      evaluation('d30-1', '2026-03-30T09:00:00Z', '5'),
      evaluation('d30-2', '2026-03-30T10:00:00Z', '5'),
      evaluation('d30-3', '2026-03-30T11:00:00Z', '5'),
    ],
  });
});
afterAll(async () => {
  await t?.stop();
});

async function compliance(token: string) {
  const res = await t.client(token).request<any>(COMPLIANCE, { c: contractId, from: '2026-03-26T23:00:00Z', to: '2026-03-31T22:00:00Z' });
  return res.contract.slaTargets.find((s: any) => s.id === targetId).compliance;
}

describe('a QUALITY_SCORE target', () => {
  it('is judged per local day from the quality subgraph, across the amendment and the change to summer time, with the minimum sample', async () => {
    const result = await compliance(client);
    expect(result.windows.map((w: any) => [w.label, w.goal, w.met, w.shortfall, w.creditPercent, w.sampleSize, w.minimumSample])).toEqual([
      ['2026-03-27', 0.7, true, 0, 0, 2, 2],
      ['2026-03-28', 0.7, false, 20, 4, 2, 2], // 50 % against 70 %: 20 points × 0.2 %
      ['2026-03-29', 0.8, null, null, 0, 2, 3],
      ['2026-03-30', 0.8, true, 0, 0, 4, 3],
      ['2026-03-31', 0.8, null, null, 0, 0, 3],
    ]);
    expect(result.windows[2].notJudgedReason).toMatch(/2 evaluations .*minimum sample of 3/);
    expect(result.windows[4].notJudgedReason).toMatch(/no evaluations/);
    const monday = result.windows[3];
    expect(monday.figure).toMatchObject({ value: 0.875, numerator: 3.5, denominator: 4, definition: { attribution: 'INTERACTION_TIME', timeZone: 'Europe/Paris' } });
    // t interval of 50, 100, 100, 100 (sd 25, t(0.975, 3) = 3.1824): 87.5 ± 39.8, clamped at 100 %.
    expect(monday.confidenceLow).toBeCloseTo(0.875 - (3.18245 * 25) / 2 / 100, 3);
    expect(monday.confidenceHigh).toBe(1);
    expect(result).toMatchObject({ measurable: true, windowsJudged: 3, windowsMet: 2, creditPercent: 4 });
  });

  it('reads the same for the centre, and is nobody else’s to read', async () => {
    expect(await compliance(centre)).toEqual(await compliance(client));
    await expectError(t.client(t.token('phoneco')).request(COMPLIANCE, { c: contractId, from: '2026-03-26T23:00:00Z', to: '2026-03-31T22:00:00Z' }), 'NOT_FOUND');
  });
});
