import { manualClock } from '../services/platform/clock';
import { startTestHub, TestHub } from './support/hub';

/**
 * The demo data of issue 11: on Northwind-Contoso, SLA targets on CSAT (weekly) and on complaints
 * resolved on time (monthly) are judged from the feedback subgraph's seeded surveys and
 * complaints, and a window misses each.
 */
const NOW = '2026-06-15T10:00:00Z';
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ seed: true, clock: manualClock(NOW) });
}, 120_000);
afterAll(() => t?.stop());

it('judges the demo CSAT and complaint-resolution targets, one CSAT week and a complaint month missed', async () => {
  const res = await t.client(t.token('northwind')).request<any>(
    `query($from: DateTime!, $to: DateTime!) { contract(id: "ct-northwind-contoso") { slaTargets { id metric window minimumSample compliance(from: $from, to: $to) {
      measurable note windowsJudged windowsMet creditPercent windows { label met shortfall creditPercent sampleSize notJudgedReason figure { value } } } } } }`,
    { from: '2026-04-01T00:00:00Z', to: NOW },
  );
  const byId = Object.fromEntries(res.contract.slaTargets.map((s: any) => [s.id, s]));
  const csat = byId['sla-nw-csat'];
  expect(csat).toMatchObject({ metric: 'CSAT', window: 'WEEK', minimumSample: 20 });
  const judged = csat.compliance.windows.filter((w: any) => w.met !== null);
  expect(judged.length).toBeGreaterThanOrEqual(6);
  const missed = judged.filter((w: any) => !w.met);
  expect(missed).toHaveLength(1);
  expect(missed[0].creditPercent).toBeGreaterThan(0);
  expect(csat.compliance.windows.some((w: any) => /^no survey responses|fewer than the minimum sample/.test(w.notJudgedReason ?? ''))).toBe(true);

  const resolved = byId['sla-nw-complaints-resolved'].compliance;
  expect(resolved.measurable).toBe(true);
  expect(resolved.windows.filter((w: any) => w.met === false).length).toBeGreaterThanOrEqual(1);
  expect(resolved.creditPercent).toBeGreaterThan(0);
  const ack = byId['sla-nw-complaints-ack'].compliance;
  expect(ack.measurable).toBe(true);
  expect(ack.windowsJudged).toBeGreaterThan(0);
});
