import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';
import { isoAfter, NOW, registerParties, setUpContract } from './support/fixtures';
import { interval, quarterHours } from './support/intervals';

const SINCE = '2026-01-01T00:00:00Z';
const RECORD = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { queueId received inserted replaced from to } }`;
// 100 offered: 90 answered (85 within 20 s), 10 abandoned (2 within 5 s, 8 within 20 s).
const SPEC = { answeredWait: [50, 20, 10, 5, 5], abandonedWait: [2, 2, 2, 2, 2] };
const DAYS = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'];

let t: TestHub;
let client: string, centre: string, otherCentre: string, otherClient: string;
let contractId: string, queueId: string, slTargetId: string;

function rowsFor(days: string[], spec = SPEC) {
  // 09:00-10:00 in Paris (UTC+1 in February).
  return days.flatMap((d) => quarterHours(`${d}T08:00:00Z`, 4).map((start) => interval(start, spec)));
}

/** An active contract of acme: a service-level target (with service credits) and an ASA target on the first of its queues. */
async function contractWithQueues(queues = 1): Promise<{ contractId: string; queueIds: string[]; slTargetId: string }> {
  const made = await setUpContract(t, client, {
    monthlyFeeMinor: 1_000_000,
    effectiveFrom: SINCE,
    queues: Array.from({ length: queues }, (_, i) => `Queue ${i}`),
    targets: [
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, goal: 0.8, window: 'DAY', serviceCredit: { percentPerPoint: 0.5, capPercent: 10 }, queue: 0 },
      { metric: 'ASA', goal: 30, window: 'WEEK', queue: 0 },
    ],
    activate: true,
  });
  return { contractId: made.id, queueIds: made.queueIds, slTargetId: made.targetIds[0] };
}

beforeAll(async () => {
  t = await startTestHub({ clock: manualClock(NOW) });
  ({ client, otherClient, centre, otherCentre } = await registerParties(t));
  const setup = await contractWithQueues();
  contractId = setup.contractId;
  queueId = setup.queueIds[0];
  slTargetId = setup.slTargetId;
  // The service-level goal rises to 90 % from 4 February (local midnight in Paris).
  await t.client(client).request(
    `mutation($c: ID!, $id: ID!, $q: ID) { setSlaTarget(contractId: $c, reason: "review", effectiveFrom: "2026-02-03T23:00:00Z", input: { id: $id, queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.9, window: DAY, serviceCredit: { percentPerPoint: 0.5, capPercent: 10 } }) { id } }`,
    { c: contractId, id: slTargetId, q: queueId },
  );
});
afterAll(() => t?.stop());

describe('uploading interval actuals', () => {
  it('stores a batch, and replaces rather than doubles when it is sent again', async () => {
    const first = await t.client(centre).request<any>(RECORD, { q: queueId, rows: rowsFor(DAYS) });
    expect(first.recordIntervals).toMatchObject({ received: 16, inserted: 16, replaced: 0, from: '2026-02-02T08:00:00.000Z', to: '2026-02-05T08:45:00.000Z' });
    const again = await t.client(centre).request<any>(RECORD, { q: queueId, rows: rowsFor(DAYS) });
    expect(again.recordIntervals).toMatchObject({ received: 16, inserted: 0, replaced: 16 });
    const month = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: MONTH) { points { intervals sums { offered answered abandoned } } } } }`,
      { q: queueId },
    );
    expect(month.queues[0].performance.points[0]).toEqual({ intervals: 16, sums: { offered: 1600, answered: 1440, abandoned: 160 } });
  });

  it('rejects the whole batch naming the row and field, and writes nothing', async () => {
    const rows = rowsFor(['2026-02-09']);
    rows[2] = { ...rows[2], answeredWait: [...rows[2].answeredWait.slice(0, 12), 7] };
    const error = await expectError(t.client(centre).request(RECORD, { q: queueId, rows }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('intervals[2].answeredWait');
    const misaligned = rowsFor(['2026-02-09']).map((r, i) => (i === 1 ? { ...r, start: '2026-02-09T08:07:00Z' } : r));
    const e2 = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: misaligned }), 'BAD_USER_INPUT');
    expect(e2.extensions?.field).toBe('intervals[1].start');
    const future = [interval(isoAfter(NOW, 86_400), SPEC)]; // a day after the hub's now
    expect((await expectError(t.client(centre).request(RECORD, { q: queueId, rows: future }), 'BAD_USER_INPUT')).extensions?.field).toBe('intervals[0].start');
    const counts = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-02-09T00:00:00Z", to: "2026-02-10T00:00:00Z", granularity: DAY) { points { intervals } } } }`,
      { q: queueId },
    );
    expect(counts.queues[0].performance.points.map((p: any) => p.intervals)).toEqual([0, 0]);
  });

  it('takes the same upload in the compact batch form, with the same rules', async () => {
    const BATCH = `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received inserted replaced } }`;
    const rows = rowsFor(['2026-03-16']); // a month no other test reads
    const columns = Object.keys(rows[0]);
    const batch = { columns, rows: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
    const first = await t.client(centre).request<any>(BATCH, { q: queueId, b: batch });
    expect(first.recordIntervalBatch).toEqual({ received: 4, inserted: 4, replaced: 0 });
    const again = await t.client(centre).request<any>(BATCH, { q: queueId, b: batch });
    expect(again.recordIntervalBatch).toEqual({ received: 4, inserted: 0, replaced: 4 });
    const day = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-03-16T00:00:00Z", to: "2026-03-17T00:00:00Z", granularity: DAY, timeZone: "UTC") { points { sums { offered } } } } }`,
      { q: queueId },
    );
    expect(day.queues[0].performance.points[0].sums.offered).toBe(400);

    const broken = { ...batch, rows: batch.rows.map((r, i) => (i === 3 ? r.map((v, k) => (columns[k] === 'answered' ? -1 : v)) : r)) };
    expect((await expectError(t.client(centre).request(BATCH, { q: queueId, b: broken }), 'BAD_USER_INPUT')).extensions?.field).toBe('intervals[3].answered');
    const unknown = { columns: [...columns.slice(0, -1), 'mood'], rows: [] };
    expect((await expectError(t.client(centre).request(BATCH, { q: queueId, b: unknown }), 'BAD_USER_INPUT')).extensions?.field).toBe(`batch.columns[${columns.length - 1}]`);
    const badStart = { columns, rows: [columns.map((c, k) => (c === 'start' ? 'yesterday' : batch.rows[0][k]))] };
    expect((await expectError(t.client(centre).request(BATCH, { q: queueId, b: badStart }), 'BAD_USER_INPUT')).extensions?.field).toBe('intervals[0].start');
    await expectError(t.client(client).request(BATCH, { q: queueId, b: batch }), 'FORBIDDEN');
  });

  it('lets only the serving centre upload', async () => {
    const rows = rowsFor(['2026-02-10']);
    await expectError(t.client(client).request(RECORD, { q: queueId, rows }), 'FORBIDDEN');
    await expectError(t.client(otherCentre).request(RECORD, { q: queueId, rows }), 'NOT_FOUND');
    await expectError(t.client(t.token('callco', ['read'])).request(RECORD, { q: queueId, rows }), 'FORBIDDEN');
  });
});

describe('reading performance', () => {
  const SERIES = `query($q: ID!, $m: [MetricDefinitionInput!]) { queues(ids: [$q]) { performance(from: "2026-02-02T00:00:00+01:00", to: "2026-02-06T00:00:00+01:00", granularity: DAY, metrics: $m) {
    timeZone points { label start intervals figures { value approximate numerator denominator definition { label variant attribution timeZone } } } } } }`;

  it('computes every variant on the same data, each labelled with its definition', async () => {
    const metrics = [
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 },
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, variant: 'OF_ANSWERED' },
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: 5 },
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 20, variant: 'ABANDONS_WITHIN_T_COUNT_AS_MET' },
      { metric: 'SERVICE_LEVEL', thresholdSeconds: 25 },
      { metric: 'ABANDONMENT_RATE' },
    ];
    const res = await t.client(client).request<any>(SERIES, { q: queueId, m: metrics });
    const series = res.queues[0].performance;
    expect(series.timeZone).toBe('Europe/Paris');
    expect(series.points.map((p: any) => p.label)).toEqual(DAYS);
    expect(series.points[0].start).toBe('2026-02-01T23:00:00.000Z');
    const values = series.points[0].figures.map((f: any) => [f.definition.label, Number(f.value.toFixed(6)), f.approximate]);
    expect(values).toEqual([
      ['SERVICE_LEVEL 20s', 0.85, false], // 340 / 400
      ['SERVICE_LEVEL 20s OF_ANSWERED', 0.944444, false], // 340 / 360
      ['SERVICE_LEVEL 20s EXCLUDE_SHORT_ABANDONS S=5s', 0.867347, false], // 340 / (400 - 8)
      ['SERVICE_LEVEL 20s ABANDONS_WITHIN_T_COUNT_AS_MET', 0.93, false], // (340 + 32) / 400
      ['SERVICE_LEVEL 25s', 0.875, true], // 25 s is inside the 20-30 s bucket: 340 + 20 * 0.5 = 350 / 400
      ['ABANDONMENT_RATE', 0.1, false],
    ]);
    expect(series.points[0].figures[0]).toMatchObject({ numerator: 340, denominator: 400, definition: { variant: 'CANONICAL', attribution: 'QUEUE_ENTRY', timeZone: 'Europe/Paris' } });
  });

  it('answers null, not 0, for a bucket without contacts', async () => {
    const res = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-02-07T00:00:00Z", to: "2026-02-08T00:00:00Z", granularity: HOUR) { points { intervals figures { value } } } } }`,
      { q: queueId },
    );
    const points = res.queues[0].performance.points;
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p: any) => p.intervals === 0 && p.figures.every((f: any) => f.value === null))).toBe(true);
  });

  it('refuses bad definitions and ranges', async () => {
    const e1 = await expectError(t.client(client).request(SERIES, { q: queueId, m: [{ metric: 'SERVICE_LEVEL' }] }), 'BAD_USER_INPUT');
    expect(e1.extensions?.field).toBe('metrics[0].thresholdSeconds');
    const e2 = await expectError(t.client(client).request(SERIES, { q: queueId, m: [{ metric: 'CSAT' }] }), 'BAD_USER_INPUT');
    expect(e2.message).toMatch(/feedback/);
    const e3 = await expectError(
      t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { timeZone } } }`, { q: queueId }),
      'BAD_USER_INPUT',
    );
    expect(e3.extensions?.field).toBe('to');
  });

  it('answers the rest of a query when a performance field is refused', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client}` },
      body: JSON.stringify({
        query: `query($c: ID!) { contract(id: $c) { id title performance(from: "2026-03-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { timeZone } } }`,
        variables: { c: contractId },
      }),
    });
    const body = (await res.json()) as { data: { contract: unknown }; errors: Array<{ extensions: { code: string } }> };
    expect(body.data.contract).toEqual({ id: contractId, title: 'Acme care', performance: null });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('adds up all queues of a contract', async () => {
    const res = await t.client(centre).request<any>(
      `query($c: ID!) { contract(id: $c) { performance(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: WEEK) { points { label sums { offered } } } } }`,
      { c: contractId },
    );
    const weeks = res.contract.performance.points.filter((p: any) => p.sums.offered > 0);
    expect(weeks).toEqual([{ label: '2026-W06', sums: { offered: 1600 } }]);
  });

  it('shows strangers nothing', async () => {
    for (const stranger of [otherClient, otherCentre]) {
      const res = await t.client(stranger).request<any>(`query($q: ID!) { queues(ids: [$q]) { id } }`, { q: queueId });
      expect(res.queues).toEqual([null]);
      await expectError(
        t.client(stranger).request(`query($c: ID!) { contract(id: $c) { performance(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z") { timeZone } } }`, { c: contractId }),
        'NOT_FOUND',
      );
    }
  });
});

describe('SLA compliance', () => {
  it('judges each day under the target in force that day, with shortfall and capped service credit', async () => {
    const res = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { slaTargets { id metric compliance(from: "2026-02-01T23:00:00Z", to: "2026-02-06T23:00:00Z") {
        measurable windowsJudged windowsMet shareMet creditPercent creditAmountMinor currency
        windows { label goal met shortfall creditPercent figure { value } } } } } }`,
      { c: contractId },
    );
    const sl = res.contract.slaTargets.find((s: any) => s.id === slTargetId).compliance;
    expect(sl.windows.map((w: any) => [w.label, w.goal, w.met, w.shortfall === null ? null : Number(w.shortfall.toFixed(6)), Number(w.creditPercent.toFixed(6))])).toEqual([
      ['2026-02-02', 0.8, true, 0, 0],
      ['2026-02-03', 0.8, true, 0, 0],
      ['2026-02-04', 0.9, false, 5, 2.5], // 85 % against 90 %: 5 points × 0.5 % per point
      ['2026-02-05', 0.9, false, 5, 2.5],
      ['2026-02-06', 0.9, null, null, 0], // no contacts: not judged
    ]);
    expect(sl).toMatchObject({ measurable: true, windowsJudged: 4, windowsMet: 2, shareMet: 0.5, creditPercent: 5, creditAmountMinor: 50_000, currency: 'EUR' });
    const asa = res.contract.slaTargets.find((s: any) => s.metric === 'ASA').compliance;
    expect(asa.windows.filter((w: any) => w.met !== null).map((w: any) => [w.label, w.met])).toEqual([['2026-W06', true]]);
  });
});

describe('monthly reports', () => {
  const PUBLISH = `mutation($c: ID!, $m: String!) { publishPerformanceReport(contractId: $c, month: $m, commentary: "All good") { id status version month } }`;
  const REPORT = `query($id: ID!) { performanceReport(id: $id) { status version dataChanged dataDifferences { queueId field published current }
     queues { queueId intervals figures { value definition { label } } } compliance { targetId windowsJudged windowsMet creditPercent } } }`;

  it('publishes a frozen snapshot, lets the client approve it, then keeps it final', async () => {
    await expectError(t.client(client).request(PUBLISH, { c: contractId, m: '2026-02' }), 'FORBIDDEN');
    await expectError(t.client(centre).request(PUBLISH, { c: contractId, m: '2099-01' }), 'BAD_USER_INPUT');
    const published = await t.client(centre).request<any>(PUBLISH, { c: contractId, m: '2026-02' });
    expect(published.publishPerformanceReport).toMatchObject({ status: 'PUBLISHED', version: 1, month: '2026-02' });
    const id = published.publishPerformanceReport.id;
    await expectError(t.client(centre).request(PUBLISH, { c: contractId, m: '2026-02' }), 'CONFLICT');

    const report = await t.client(client).request<any>(REPORT, { id });
    expect(report.performanceReport.dataChanged).toBe(false);
    expect(report.performanceReport.queues[0].intervals).toBe(16);
    const sl = report.performanceReport.compliance.find((c: any) => c.targetId === slTargetId);
    expect(sl).toEqual({ targetId: slTargetId, windowsJudged: 4, windowsMet: 2, creditPercent: 5 });

    await expectError(t.client(centre).request(`mutation($id: ID!) { approvePerformanceReport(id: $id) { id } }`, { id }), 'FORBIDDEN');
    await expectError(t.client(otherClient).request(`mutation($id: ID!) { approvePerformanceReport(id: $id) { id } }`, { id }), 'NOT_FOUND');
    const approved = await t.client(client).request<any>(`mutation($id: ID!) { approvePerformanceReport(id: $id) { status reviewedBy } }`, { id });
    expect(approved.approvePerformanceReport).toEqual({ status: 'APPROVED', reviewedBy: 'user-of-acme' });
    await expectError(t.client(client).request(`mutation($id: ID!) { disputePerformanceReport(id: $id, reason: "late") { id } }`, { id }), 'CONFLICT');
    await expectError(t.client(centre).request(PUBLISH, { c: contractId, m: '2026-02' }), 'CONFLICT');
    await expectError(t.client(otherCentre).request(REPORT, { id }), 'NOT_FOUND');

    // Actuals of February change after publication: the report says so, and by how much.
    const changed = rowsFor(['2026-02-02']).map((r, i) => (i === 0 ? interval(r.start, { answeredWait: [60, 20, 10, 5, 5], abandonedWait: [2, 2, 2, 2, 2] }) : r));
    await t.client(centre).request(RECORD, { q: queueId, rows: changed });
    const after = await t.client(client).request<any>(REPORT, { id });
    expect(after.performanceReport.status).toBe('APPROVED');
    expect(after.performanceReport.dataChanged).toBe(true);
    expect(after.performanceReport.dataDifferences).toEqual(
      expect.arrayContaining([
        { queueId, field: 'offered', published: 1600, current: 1610 },
        { queueId, field: 'answered', published: 1440, current: 1450 },
      ]),
    );
    // The frozen figures did not move.
    expect(after.performanceReport.compliance).toEqual(report.performanceReport.compliance);
  });

  it('lets the client dispute with a reason, and the centre publish a new version', async () => {
    const first = await t.client(centre).request<any>(PUBLISH, { c: contractId, m: '2026-01' });
    const id = first.publishPerformanceReport.id;
    const noReason = await expectError(t.client(client).request(`mutation($id: ID!) { disputePerformanceReport(id: $id, reason: " ") { id } }`, { id }), 'BAD_USER_INPUT');
    expect(noReason.extensions?.field).toBe('reason');
    const disputed = await t.client(client).request<any>(`mutation($id: ID!) { disputePerformanceReport(id: $id, reason: "January figures are missing") { status disputeReason } }`, { id });
    expect(disputed.disputePerformanceReport).toEqual({ status: 'DISPUTED', disputeReason: 'January figures are missing' });
    const second = await t.client(centre).request<any>(PUBLISH, { c: contractId, m: '2026-01' });
    expect(second.publishPerformanceReport).toMatchObject({ status: 'PUBLISHED', version: 2 });
    const list = await t.client(client).request<any>(`query($c: ID!) { contract(id: $c) { performanceReports { month version status } } }`, { c: contractId });
    expect(list.contract.performanceReports).toEqual([
      { month: '2026-02', version: 1, status: 'APPROVED' },
      { month: '2026-01', version: 2, status: 'PUBLISHED' },
      { month: '2026-01', version: 1, status: 'SUPERSEDED' },
    ]);
  });
});

describe('query cost does not grow with the number of queues', () => {
  const QUERY = `query($c: ID!) { contract(id: $c) { queues { id performance(from: "2026-02-01T00:00:00Z", to: "2026-03-01T00:00:00Z", granularity: DAY) { points { figures { value } } } } } }`;

  async function sqlFor(id: string): Promise<{ performance: number; contracts: number }> {
    t.queries.performance.reset();
    t.queries.contracts.reset();
    const res = await t.client(client).request<any>(QUERY, { c: id });
    // February in UTC touches 29 local days in Paris: the first and last partly.
    expect(res.contract.queues.every((q: any) => q.performance.points.length === 29)).toBe(true);
    return { performance: t.queries.performance.count, contracts: t.queries.contracts.count };
  }

  it('reads 50 queues with as many SQL statements as 2', async () => {
    const small = await contractWithQueues(2);
    const large = await contractWithQueues(50);
    const two = await sqlFor(small.contractId);
    const fifty = await sqlFor(large.contractId);
    expect(fifty).toEqual(two);
    expect(fifty.performance).toBe(1);
  });
});
