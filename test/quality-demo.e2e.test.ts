import { manualClock } from '../services/platform/clock';
import { startTestHub, TestHub } from './support/hub';

/**
 * The quality demo data end to end (issue 11): a scorecard on the Northwind–Contoso contract
 * with two versions, a few hundred evaluations over the demo weeks from both parties, and two
 * closed calibration sessions in which the centre evaluator cx-qa-2 is visibly lenient.
 */
const NOW = '2026-06-15T10:00:00Z';
const clock = manualClock(NOW);
let t: TestHub;
const FROM = '2026-04-01T00:00:00Z';

beforeAll(async () => {
  t = await startTestHub({ seed: true, clock });
}, 120_000);
afterAll(() => t?.stop());

describe('demo quality data', () => {
  it('has a versioned scorecard on ct-northwind-contoso that both parties read', async () => {
    for (const org of ['northwind', 'contoso']) {
      const res = await t.client(t.token(org, ['read'])).request<any>(`{ contract(id: "ct-northwind-contoso") { scorecards { id versions { version passMark criteria { key critical } } } } }`);
      const [scorecard] = res.contract.scorecards;
      expect(scorecard.versions.map((v: any) => [v.version, v.passMark])).toEqual([[1, 80], [2, 82]]);
      expect(scorecard.versions[1].criteria.map((c: any) => c.key)).toContain('empathy');
    }
    const stranger = await t.client(t.token('globex')).request<any>(`{ contract(id: "ct-northwind-contoso") { id } }`).catch((e) => e.response);
    expect(stranger.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('has a few hundred evaluations over the demo weeks from both parties, under both versions', async () => {
    const res = await t.client(t.token('northwind')).request<any>(`query($from: DateTime!, $to: DateTime!) { contract(id: "ct-northwind-contoso") {
      qualityByEvaluator(from: $from, to: $to) { evaluatorRef party evaluations meanScore { value } }
      quality(from: $from, to: $to, granularity: WEEK) { points { evaluations meanScore { value } sharePassing { share } criticalFailRate { share } } }
      evaluations(from: $from, to: $to, first: 500) { scorecardVersion } } }`, { from: FROM, to: NOW });
    const c = res.contract;
    const total = c.qualityByEvaluator.reduce((n: number, e: any) => n + e.evaluations, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(total).toBeLessThanOrEqual(500);
    const byParty = (p: string) => c.qualityByEvaluator.filter((e: any) => e.party === p).reduce((n: number, e: any) => n + e.evaluations, 0);
    expect(byParty('CLIENT')).toBeGreaterThan(30);
    expect(byParty('CENTRE')).toBeGreaterThan(byParty('CLIENT'));
    expect(new Set(c.evaluations.map((e: any) => e.scorecardVersion))).toEqual(new Set([1, 2]));
    expect(c.quality.points.filter((p: any) => p.evaluations > 0).length).toBeGreaterThanOrEqual(8);
    // The lenient centre evaluator also scores higher in its routine evaluations.
    const mean = (ref: string) => c.qualityByEvaluator.find((e: any) => e.evaluatorRef === ref).meanScore.value;
    expect(mean('cx-qa-2')).toBeGreaterThan(mean('cx-qa-1'));
    expect(mean('cx-qa-2')).toBeGreaterThan(mean('nw-qa-1'));
  });

  it('has two closed calibration sessions in which cx-qa-2 is visibly lenient', async () => {
    const res = await t.client(t.token('contoso')).request<any>(`query($from: DateTime!, $to: DateTime!) { contract(id: "ct-northwind-contoso") {
      calibrationSessions { id status results { evaluators reliability { method coefficient } evaluatorResults { evaluatorRef party fromConsensus { mean low high } fromClientBaseline { mean low } } } }
      evaluatorDrift(from: $from, to: $to) { evaluatorRef party sessions { fromConsensus } meanFromConsensus } } }`, { from: FROM, to: NOW });
    const sessions = res.contract.calibrationSessions;
    expect(sessions.map((s: any) => s.status)).toEqual(['CLOSED', 'CLOSED']);
    for (const s of sessions) {
      expect(s.results.evaluators).toBe(5);
      expect(s.results.reliability.map((r: any) => r.method)).toEqual(['ICC(2,1)', "Krippendorff's alpha (interval)", "Krippendorff's alpha (nominal)"]);
      const lenient = s.results.evaluatorResults.find((e: any) => e.evaluatorRef === 'cx-qa-2');
      // Clearly above both the consensus and the client's baseline, and the most lenient of all.
      expect(lenient.fromConsensus.mean).toBeGreaterThan(5);
      expect(lenient.fromClientBaseline.mean).toBeGreaterThan(8);
      expect(lenient.fromConsensus.low).toBeGreaterThan(0);
      for (const other of s.results.evaluatorResults) if (other !== lenient) expect(other.fromConsensus.mean).toBeLessThan(lenient.fromConsensus.mean);
    }
    const drift = res.contract.evaluatorDrift.find((d: any) => d.evaluatorRef === 'cx-qa-2');
    expect(drift.sessions).toHaveLength(2);
    expect(drift.meanFromConsensus).toBeGreaterThan(5);
  });
});
