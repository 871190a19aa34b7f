import { DataSource } from 'typeorm';
import { manualClock } from '../services/platform/clock';
import { dateParameter, valuesPlaceholders } from '../services/platform/database';
import { INTERVAL_COLUMNS, SUM_COLUMNS, ANSWERED_BUCKET_COLUMNS, ABANDONED_BUCKET_COLUMNS } from '../services/performance/entities/interval-actual';
import { expectError, startTestHub, TestHub } from './support/hub';
import { interval, quarterHours } from './support/intervals';

/**
 * Issue 9 for the performance subgraph: no party's input can poison another's reads, and a
 * failure is reported truly. Absurd numbers and impossible instants are refused naming the field
 * and the bound; overlapping intervals are refused within an upload and against what is stored;
 * sums are typed so no stored value overflows them; a report whose publication fails leaves
 * nothing behind. The hub runs on a fixed clock.
 */
const NOW = '2026-06-01T00:00:00Z';
const SINCE = '2026-01-01T00:00:00Z';
const RECORD = `mutation($q: ID!, $rows: [IntervalInput!]!) { recordIntervals(queueId: $q, intervals: $rows) { received inserted replaced } }`;
const BATCH = `mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received inserted replaced } }`;
const SPEC = { answeredWait: [50, 20, 10, 5, 5], abandonedWait: [2, 2, 2, 2, 2] };

let t: TestHub;
let client: string, centre: string;
let contractId: string, queueId: string, targetId: string;
let perfDb: DataSource;

async function setUpContract(queues: number): Promise<{ contractId: string; queueIds: string[]; targetId: string }> {
  const c = t.client(client);
  const created = await c.request<any>(
    `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`,
    { input: { title: 'Safety', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: SINCE },
  );
  const id = created.createContract.id;
  const queueIds: string[] = [];
  for (let i = 0; i < queues; i++) {
    const q = await c.request<any>(`mutation($c: ID!, $f: DateTime, $name: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $name, channel: VOICE, timeZone: "UTC" }) { id } }`, {
      c: id, f: SINCE, name: `Queue ${i}`,
    });
    queueIds.push(q.addQueue.id);
  }
  const sl = await c.request<any>(
    `mutation($c: ID!, $q: ID, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`,
    { c: id, q: queueIds[0], f: SINCE },
  );
  await c.request(`mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { id } }`, { id, f: SINCE });
  return { contractId: id, queueIds, targetId: sl.setSlaTarget.id };
}

function batchOf(rows: Array<Record<string, unknown>>) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}

async function storedRows(queue: string): Promise<number> {
  const [{ n }] = await perfDb.query('SELECT COUNT(*) AS n FROM interval_actuals WHERE queue_id = ?', [queue]);
  return Number(n);
}

/** Rows as they could have been stored before the bounds were enforced, written with the driver alone. */
async function insertRaw(queue: string, rows: Array<{ start: string; lengthSeconds?: number; values: Record<string, number> }>): Promise<void> {
  const uploadedAt = dateParameter(perfDb, new Date(NOW));
  const values = rows.map((r) => {
    const byColumn: Record<string, unknown> = { queue_id: queue, start_epoch: Date.parse(r.start) / 1000, length_seconds: r.lengthSeconds ?? 900, attribution: 'QUEUE_ENTRY', uploaded_at: uploadedAt, uploaded_by: 'legacy' };
    for (const c of SUM_COLUMNS) byColumn[c.column] = r.values[c.column] ?? (c.optional ? null : 0);
    for (const c of [...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS]) byColumn[c] = r.values[c] ?? 0;
    return INTERVAL_COLUMNS.map((c) => byColumn[c] ?? null);
  });
  // SQLite binds at most 32,766 parameters a statement.
  const rowsPerStatement = Math.floor(32_766 / INTERVAL_COLUMNS.length);
  for (let i = 0; i < values.length; i += rowsPerStatement) {
    const chunk = values.slice(i, i + rowsPerStatement);
    await perfDb.query(`INSERT INTO interval_actuals (${INTERVAL_COLUMNS.join(', ')}) VALUES ${valuesPlaceholders(chunk.length, INTERVAL_COLUMNS.length)}`, chunk.flat());
  }
}

beforeAll(async () => {
  t = await startTestHub({ clock: manualClock(NOW) });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  const setup = await setUpContract(1);
  contractId = setup.contractId;
  queueId = setup.queueIds[0];
  targetId = setup.targetId;
  perfDb = t.hub.subgraphs.performance.db;
});
afterAll(() => t?.stop());

describe('interval uploads within the domain bounds', () => {
  const START = '2026-05-11T08:00:00Z';

  it.each([
    ['offered', 1e300, /between 0 and 20000 contacts/],
    ['offered', 9007199254740994, /between 0 and 20000 contacts/],
    ['answered', 20_001, /between 0 and 20000 contacts \(got 20001\)/],
    ['flowedOut', 1e300, /between 0 and 20000 contacts/],
    ['talkSeconds', 1e308, /between 0 and 288000000 seconds/],
    ['wrapSeconds', 'NaN', /finite number/],
    ['staffedSeconds', 'Infinity', /finite number/],
  ] as Array<[string, unknown, RegExp]>)('the batch form refuses %s = %p naming the field and the bound, and writes nothing', async (field, value, message) => {
    const row: Record<string, unknown> = { ...interval(START, SPEC), [field]: value };
    const error = await expectError(t.client(centre).request(BATCH, { q: queueId, b: batchOf([interval('2026-05-11T07:45:00Z', SPEC), row]) }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe(`intervals[1].${field}`);
    expect(error.message).toMatch(message);
    expect(await storedRows(queueId)).toBe(0);
  });

  it('refuses a wait-bucket count past the bound, naming the bucket', async () => {
    const row = { ...interval(START, SPEC), answeredWait: [1e300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] };
    const error = await expectError(t.client(centre).request(BATCH, { q: queueId, b: batchOf([row]) }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('intervals[0].answeredWait[0]');
  });

  it('the typed form refuses a Float total past the bound', async () => {
    const error = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [{ ...interval(START, SPEC), holdSeconds: 1e308 }] }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('intervals[0].holdSeconds');
    expect(error.message).toMatch(/288000000 seconds/);
    expect(await storedRows(queueId)).toBe(0);
  });

  it('refuses interval starts outside the window 2000-2100, in both forms', async () => {
    const ancient = interval('0001-01-01T00:00:00Z', SPEC);
    const typed = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [ancient] }), 'BAD_USER_INPUT');
    expect(typed.extensions?.field).toBe('intervals[0].start');
    expect(typed.message).toMatch(/2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z/);
    const batch = await expectError(t.client(centre).request(BATCH, { q: queueId, b: batchOf([interval('1999-12-31T23:45:00Z', SPEC)]) }), 'BAD_USER_INPUT');
    expect(batch.extensions?.field).toBe('intervals[0].start');
    expect(await storedRows(queueId)).toBe(0);
  });

  it('refuses more rows than one upload may carry', async () => {
    const row = batchOf([interval(START, SPEC)]);
    const error = await expectError(t.client(centre).request(BATCH, { q: queueId, b: { columns: row.columns, rows: new Array(10_001).fill(row.rows[0]) } }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('batch.rows');
    expect(error.message).toMatch(/at most 10000/);
  });
});

describe('overlapping intervals', () => {
  const DAY = '2026-05-04';
  const at = (time: string, lengthSeconds = 900) => interval(`${DAY}T${time}:00Z`, { ...SPEC, lengthSeconds });

  it('refuses two intervals of one upload that overlap: 1800 s at 04:00 and 900 s at 04:15', async () => {
    const error = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [at('04:00', 1800), at('04:15')] }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('intervals[1].start');
    expect(error.message).toMatch(/overlaps intervals\[0\] \(2026-05-04T04:00:00Z, 1800 s\)/);
    const batch = await expectError(t.client(centre).request(BATCH, { q: queueId, b: batchOf([at('04:15'), at('04:00', 1800)]) }), 'BAD_USER_INPUT');
    expect(batch.extensions?.field).toBe('intervals[1].start');
    expect(await storedRows(queueId)).toBe(0);
  });

  it('refuses an interval that overlaps a stored one unless it has the same start and length, which replaces it', async () => {
    expect((await t.client(centre).request<any>(RECORD, { q: queueId, rows: [at('04:00', 1800)] })).recordIntervals).toEqual({ received: 1, inserted: 1, replaced: 0 });
    const inside = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [at('04:15')] }), 'BAD_USER_INPUT');
    expect(inside.extensions?.field).toBe('intervals[0].start');
    expect(inside.message).toMatch(/overlaps the stored interval 2026-05-04T04:00:00Z \(1800 s\)/);
    const sameStartShorter = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [at('03:45'), at('04:00')] }), 'BAD_USER_INPUT');
    expect(sameStartShorter.extensions?.field).toBe('intervals[1].start');
    expect((await t.client(centre).request<any>(RECORD, { q: queueId, rows: [at('04:00', 1800)] })).recordIntervals).toEqual({ received: 1, inserted: 0, replaced: 1 });
    // Touching is not overlapping.
    expect((await t.client(centre).request<any>(RECORD, { q: queueId, rows: [at('03:45'), at('04:30')] })).recordIntervals).toEqual({ received: 2, inserted: 2, replaced: 0 });

    // A longer upload over a stored interval that starts after it, and a shorter one inside a stored hour.
    await t.client(centre).request(RECORD, { q: queueId, rows: [at('06:15'), at('07:00', 3600)] });
    const covering = await expectError(t.client(centre).request(RECORD, { q: queueId, rows: [at('06:00', 3600)] }), 'BAD_USER_INPUT');
    expect(covering.message).toMatch(/stored interval 2026-05-04T06:15:00Z/);
    const insideHour = await expectError(t.client(centre).request(BATCH, { q: queueId, b: batchOf([at('07:45')]) }), 'BAD_USER_INPUT');
    expect(insideHour.message).toMatch(/stored interval 2026-05-04T07:00:00Z \(3600 s\)/);

    // Nothing counted twice: 5 intervals of 100 contacts.
    const day = await t.client(client).request<any>(
      `query($q: ID!) { queues(ids: [$q]) { performance(from: "2026-05-04T00:00:00Z", to: "2026-05-05T00:00:00Z", granularity: DAY) { points { intervals sums { offered } } } } }`,
      { q: queueId },
    );
    expect(day.queues[0].performance.points).toEqual([{ intervals: 5, sums: { offered: 500 } }]);
  });

  it('checks overlaps with one range read whatever the number of rows', async () => {
    const statementsFor = async (rows: unknown[]) => {
      t.queries.performance.reset();
      await t.client(centre).request(RECORD, { q: queueId, rows });
      return t.queries.performance.count;
    };
    const few = await statementsFor(quarterHours('2026-05-18T00:00:00Z', 4).map((s) => interval(s, SPEC)));
    const many = await statementsFor(quarterHours('2026-05-19T00:00:00Z', 600).map((s) => interval(s, SPEC)));
    expect(many).toBe(few);
  });
});

describe('ranges and months within the window', () => {
  it('refuses a series, a compliance or a baseline over instants outside 2000-2100', async () => {
    const series = await expectError(
      t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { performance(from: "0001-01-01T00:00:00Z", to: "0001-01-02T00:00:00Z") { timeZone } } }`, { q: queueId }),
      'BAD_USER_INPUT',
    );
    expect(series.extensions?.field).toBe('from');
    const contract = await expectError(
      t.client(client).request(`query($c: ID!) { contract(id: $c) { performance(from: "2099-12-31T00:00:00Z", to: "2100-01-02T00:00:00Z") { timeZone } } }`, { c: contractId }),
      'BAD_USER_INPUT',
    );
    expect(contract.extensions?.field).toBe('to');
    const compliance = await expectError(
      t.client(client).request(`query($c: ID!) { contract(id: $c) { slaTargets { id compliance(from: "1999-12-01T00:00:00Z", to: "2000-01-02T00:00:00Z") { windowsJudged } } } }`, { c: contractId }),
      'BAD_USER_INPUT',
    );
    expect(compliance.extensions?.field).toBe('from');
    expect(targetId).toBeTruthy();
    const baseline = await expectError(
      t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { baselineForecast(from: "0001-01-01T00:00:00Z", to: "0001-01-08T00:00:00Z") { method } } }`, { q: queueId }),
      'BAD_USER_INPUT',
    );
    expect(baseline.extensions?.field).toBe('from');
  });

  it('refuses a report month outside the window, and publishes nothing', async () => {
    const PUBLISH = `mutation($c: ID!, $m: String!) { publishPerformanceReport(contractId: $c, month: $m) { id } }`;
    for (const month of ['0001-01', '1999-12', '9999-01']) {
      const error = await expectError(t.client(centre).request(PUBLISH, { c: contractId, m: month }), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('month');
    }
    const [{ n }] = await perfDb.query('SELECT COUNT(*) AS n FROM performance_reports WHERE contract_id = ?', [contractId]);
    expect(Number(n)).toBe(0);
  });
});

describe('sums beyond 32 bits', () => {
  it("answers a month of 37 queues at the bound of every interval: 2,202,240,000 contacts, more than an Int holds", async () => {
    const big = await setUpContract(37);
    const starts = quarterHours('2026-03-01T00:00:00Z', 31 * 96);
    for (const q of big.queueIds) {
      await insertRaw(q, starts.map((start) => ({ start, values: { offered: 20_000, answered: 20_000, aw_5: 20_000 } })));
    }
    const res = await t.client(client).request<any>(
      `query($c: ID!) { contract(id: $c) { performance(from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z", granularity: MONTH) { points { intervals sums { offered answered answeredWait { count } } } } } }`,
      { c: big.contractId },
    );
    const [point] = res.contract.performance.points;
    expect(point.intervals).toBe(37 * 2976);
    expect(point.sums.offered).toBe(37 * 2976 * 20_000);
    expect(point.sums.offered).toBeGreaterThan(2 ** 31);
    expect(point.sums.answeredWait[0].count).toBe(37 * 2976 * 20_000);
  });
});

describe('a mutation that answers with an error has written nothing', () => {
  const PUBLISH = `mutation($c: ID!, $m: String!) { publishPerformanceReport(contractId: $c, month: $m) { id status version dataChanged queues { figures { value } } } }`;

  it('publishPerformanceReport over actuals stored before the bounds answers CONFLICT and stores no report; once re-uploaded it publishes', async () => {
    const legacy = '2026-03-10T10:00:00Z';
    await insertRaw(queueId, [{ start: legacy, values: { offered: 1, answered: 1, aw_5: 1, talk_seconds: 1e308, hold_seconds: 1e308 } }]);
    const error = await expectError(t.client(centre).request(PUBLISH, { c: contractId, m: '2026-03' }), 'CONFLICT');
    expect(error.message).toMatch(/re-upload/);
    const reports = async () => Number((await perfDb.query('SELECT COUNT(*) AS n FROM performance_reports WHERE contract_id = ?', [contractId]))[0].n);
    expect(await reports()).toBe(0);

    const fixed = await t.client(centre).request<any>(RECORD, { q: queueId, rows: [interval(legacy, SPEC)] });
    expect(fixed.recordIntervals).toEqual({ received: 1, inserted: 0, replaced: 1 });
    const published = await t.client(centre).request<any>(PUBLISH, { c: contractId, m: '2026-03' });
    expect(published.publishPerformanceReport).toMatchObject({ status: 'PUBLISHED', version: 1, dataChanged: false });
    expect(await reports()).toBe(1);
  });
});

describe('duplicate queue ids', () => {
  it('are answered and computed once: one queue and one SQL statement for the same queue asked twenty times', async () => {
    t.queries.performance.reset();
    const res = await t.client(client).request<any>(
      `query($ids: [ID!]!) { queues(ids: $ids) { performance(from: "2026-05-04T00:00:00Z", to: "2026-05-07T00:00:00Z", granularity: DAY) { points { sums { offered } } } } }`,
      { ids: new Array(20).fill(queueId) },
    );
    expect(res.queues).toHaveLength(1);
    expect(res.queues[0].performance.points[0].sums.offered).toBe(500);
    expect(t.queries.performance.count).toBe(1);
  });
});
