import { DataSource, Logger } from 'typeorm';
import { bucketBoundaries, Granularity } from '../metrics/calendar';
import { computeMetric, sumsRead, waitBucketsRead } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { openDatabase } from '../platform/database';
import { sumByBucket, visitBucketSums } from './aggregate';
import { writeIntervals, IntervalUpload } from './intervals';
import { performanceSubgraph } from './module';
import { quarterHours, record } from './test-intervals';

/**
 * The daily sums answer exactly what the intervals answer: every DAY, WEEK and MONTH bucket of
 * whole local days, read from interval_daily_sums, equals the same bucket added up from
 * interval_actuals, across a DST change, with optional fields reported by only some intervals,
 * after intervals are replaced, and after the queue's zone changes.
 */
class Statements implements Logger {
  sql: string[] = [];
  logQuery(query: string): void {
    this.sql.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const statements = new Statements();
let db: DataSource;
const PARIS = 'Europe/Paris';
const epoch = (iso: string) => Date.parse(iso) / 1000;

beforeAll(async () => {
  db = await openDatabase({ url: 'sqlite::memory:', entities: performanceSubgraph.entities, migrations: performanceSubgraph.migrations, logger: statements });
});
afterAll(() => db?.destroy());

/** Records of varying size, some with the optional fields, some without staffed time. */
function records(firstIso: string, count: number, seed: number): IntervalUpload[] {
  return quarterHours(firstIso, count).map((start, i) => {
    const k = (i * 7 + seed) % 11;
    const extra: Record<string, unknown> = i % 5 === 0 ? { transferred: k, longestWaitSeconds: 4 } : {};
    if (i % 97 === 3) extra.staffedSeconds = undefined;
    return record(start, k + 4, k % 3, extra);
  });
}


async function upload(queueId: string, rows: IntervalUpload[], timeZone: string): Promise<void> {
  await writeIntervals(db, queueId, rows, 'QUEUE_ENTRY', 'centre-user', new Date('2026-12-01T00:00:00Z'), timeZone);
}

/** The buckets of a range read both ways; `fromDays` tells whether the daily sums answered. */
async function bothWays(queueIds: string[], fromIso: string, toIso: string, granularity: Granularity, timeZone: string) {
  const range = { from: epoch(fromIso), to: epoch(toIso) };
  const boundaries = bucketBoundaries(range.from, range.to, granularity, timeZone);
  statements.sql = [];
  const days = await sumByBucket(db, queueIds, boundaries, range, { timeZone, perQueue: true });
  const fromDays = statements.sql.some((s) => s.includes('FROM interval_daily_sums')) && !statements.sql.some((s) => s.includes('FROM interval_actuals'));
  const raw = await sumByBucket(db, queueIds, boundaries, range, { perQueue: true });
  const order = (rows: typeof raw) => [...rows].sort((a, b) => a.bucket - b.bucket || a.queueId!.localeCompare(b.queueId!));
  return { days: order(days), raw: order(raw), fromDays };
}

describe('daily sums', () => {
  beforeAll(async () => {
    // March 2026 in Paris: the clocks go forward on the 29th.
    await upload('q-1', records('2026-02-28T23:00:00Z', 31 * 96 - 4, 1), PARIS);
    await upload('q-2', records('2026-03-10T00:00:00Z', 500, 2), PARIS);
  });

  it.each([
    ['DAY', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
    ['WEEK', '2026-03-01T23:00:00Z', '2026-03-29T22:00:00Z'],
    ['MONTH', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
  ] as const)('%s buckets of whole Paris days are read from the daily sums and equal the intervals', async (granularity, from, to) => {
    const { days, raw, fromDays } = await bothWays(['q-1', 'q-2'], from, to, granularity, PARIS);
    expect(fromDays).toBe(true);
    expect(raw.length).toBeGreaterThan(0);
    expect(days).toEqual(raw);
  });

  it('a range that does not start at a local midnight, and HOUR buckets, add up the intervals', async () => {
    expect((await bothWays(['q-1'], '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z', 'DAY', PARIS)).fromDays).toBe(false);
    expect((await bothWays(['q-1'], '2026-03-01T23:00:00Z', '2026-03-03T23:00:00Z', 'HOUR', PARIS)).fromDays).toBe(false);
  });

  it('a replaced interval replaces its share of the day', async () => {
    const again = quarterHours('2026-03-29T00:00:00Z', 12).map((start, i) => record(start, 20 + i, 6));
    await upload('q-1', again, PARIS);
    const { days, raw, fromDays } = await bothWays(['q-1'], '2026-03-28T23:00:00Z', '2026-03-30T22:00:00Z', 'DAY', PARIS);
    expect(fromDays).toBe(true);
    expect(days).toEqual(raw);
    const [{ offered }] = await db.query(`SELECT offered FROM interval_daily_sums WHERE queue_id = 'q-1' AND day_start = ?`, [epoch('2026-03-28T23:00:00Z')]);
    const [{ total }] = await db.query(`SELECT SUM(offered) AS total FROM interval_actuals WHERE queue_id = 'q-1' AND start_epoch >= ? AND start_epoch < ?`, [
      epoch('2026-03-28T23:00:00Z'),
      epoch('2026-03-29T22:00:00Z'),
    ]);
    expect(Number(offered)).toBe(Number(total));
  });

  it('a read of what a figure reads (some fields, the leading wait buckets) gives the figure of the whole read', async () => {
    const range = { from: epoch('2026-02-28T23:00:00Z'), to: epoch('2026-03-31T22:00:00Z') };
    const boundaries = bucketBoundaries(range.from, range.to, 'DAY', PARIS);
    const definition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 25 };
    const read = { fields: sumsRead(definition)!, waitBuckets: waitBucketsRead(definition, STANDARD_WAIT_BOUNDS) };
    expect(read.waitBuckets).toEqual({ answeredWait: 5 });
    statements.sql = [];
    const some = await sumByBucket(db, ['q-1'], boundaries, range, { timeZone: PARIS, read });
    expect(statements.sql.join()).not.toMatch(/aw_45|bw_|talk_seconds/);
    const whole = await sumByBucket(db, ['q-1'], boundaries, range, { timeZone: PARIS });
    expect(some.length).toBe(31);
    expect(some.map((b) => [b.bucket, b.intervals, b.attribution, b.sums.offered])).toEqual(whole.map((b) => [b.bucket, b.intervals, b.attribution, b.sums.offered]));
    expect(some.map((b) => b.sums.answeredWait.slice(5).every((c) => c === 0))).not.toContain(false);
    expect(some.map((b) => computeMetric(definition, b.sums))).toEqual(whole.map((b) => computeMetric(definition, b.sums)));
  });

  it('on SQLite the days are read as one JSON text and give the values the rows give, fractional sums and nulls included', async () => {
    // Durations with fractions that need all 17 digits, an optional field reported some days only.
    const odd = quarterHours('2026-05-31T22:00:00Z', 96 * 5).map((start, i) =>
      record(start, 7 + (i % 5), i % 3, {
        talkSeconds: (7 + (i % 5)) * 200 + 1 / 3 + i * 0.1,
        holdSeconds: Math.PI * i,
        ...(i < 96 * 2 ? { transferred: i % 4 } : {}),
        ...(i % 96 === 5 ? { longestWaitSeconds: 61 } : {}),
      }),
    );
    await upload('q-json', odd, PARIS);
    const range = { from: epoch('2026-05-31T22:00:00Z'), to: epoch('2026-06-05T22:00:00Z') };
    const boundaries = bucketBoundaries(range.from, range.to, 'DAY', PARIS);
    // A queryable that is not a data source reads rows, as on MySQL.
    const rowsOnly = { query: (sql: string, params?: unknown[]) => db.query(sql, params) };
    for (const options of [{ timeZone: PARIS }, { timeZone: PARIS, perQueue: true }, { timeZone: PARIS, read: { fields: sumsRead({ metric: 'AHT' })! } }]) {
      statements.sql = [];
      const json = await sumByBucket(db, ['q-json'], boundaries, range, options);
      expect(statements.sql.join()).toContain('json_group_array');
      statements.sql = [];
      const rows = await sumByBucket(rowsOnly, ['q-json'], boundaries, range, options);
      expect(statements.sql.join()).not.toContain('json_group_array');
      expect(json.length).toBe(5);
      expect(json).toEqual(rows);
    }
    const [day] = await sumByBucket(db, ['q-json'], boundaries, range, { timeZone: PARIS });
    expect(day.sums.transferred).toBe(odd.slice(0, 96).reduce((n, r) => n + Number((r as { transferred?: number }).transferred), 0));
    const [, , third] = await sumByBucket(db, ['q-json'], boundaries, range, { timeZone: PARIS });
    expect(third.sums.transferred).toBeNull();
    expect(third.sums.talkSeconds % 1).not.toBe(0);
  });

  it('visiting the buckets one at a time gives what sumByBucket gives, refilling one object per bucket; nothing is visited before a day summed in another zone sends the read to the intervals', async () => {
    const range = { from: epoch('2026-05-31T22:00:00Z'), to: epoch('2026-06-05T22:00:00Z') };
    const boundaries = bucketBoundaries(range.from, range.to, 'DAY', PARIS);
    const definition = { metric: 'SERVICE_LEVEL', thresholdSeconds: 20 };
    const read = { fields: sumsRead(definition)!, waitBuckets: waitBucketsRead(definition, STANDARD_WAIT_BOUNDS) };
    for (const options of [{ timeZone: PARIS, read }, { timeZone: PARIS }]) {
      const listed = await sumByBucket(db, ['q-json'], boundaries, range, options);
      const seen: unknown[] = [];
      const objects = new Set<object>();
      await visitBucketSums(db, ['q-json'], boundaries, range, options, (row) => {
        objects.add(row);
        if (options.read) objects.add(row.sums);
        seen.push(structuredClone(row));
      });
      expect(seen).toEqual(listed);
      expect(listed.length).toBe(5);
      // With what the figures read, one BucketSums and one sums object serve the five days.
      if (options.read) expect(objects.size).toBe(2);
    }
    // A queue whose days are stored in New York time: read in Paris time they are added up from the intervals.
    await upload('q-visit-ny', records('2026-03-20T00:00:00Z', 4, 5), 'America/New_York');
    const paris = { from: epoch('2026-03-19T23:00:00Z'), to: epoch('2026-03-24T23:00:00Z') };
    const parisDays = bucketBoundaries(paris.from, paris.to, 'DAY', PARIS);
    const visited: unknown[] = [];
    statements.sql = [];
    await visitBucketSums(db, ['q-visit-ny'], parisDays, paris, { timeZone: PARIS, read }, (row) => visited.push(structuredClone(row)));
    expect(statements.sql.some((sql) => sql.includes('FROM interval_actuals'))).toBe(true);
    expect(visited.length).toBeGreaterThan(0);
    expect(visited).toEqual(await sumByBucket(db, ['q-visit-ny'], parisDays, paris, { timeZone: PARIS, read }));
  });

  it('when the queue changes zone its days are rebuilt in the new one; reads in the old zone add up the intervals', async () => {
    await upload('q-2', records('2026-03-20T00:00:00Z', 8, 3), 'America/New_York');
    const zones = await db.query(`SELECT DISTINCT time_zone FROM interval_daily_sums WHERE queue_id = 'q-2'`);
    expect(zones).toEqual([{ time_zone: 'America/New_York' }]);
    const paris = await bothWays(['q-1', 'q-2'], '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z', 'DAY', PARIS);
    expect(paris.fromDays).toBe(false);
    expect(paris.days).toEqual(paris.raw);
    const york = await bothWays(['q-2'], '2026-03-01T05:00:00Z', '2026-04-01T04:00:00Z', 'DAY', 'America/New_York');
    expect(york.fromDays).toBe(true);
    expect(york.days).toEqual(york.raw);
  });
});
