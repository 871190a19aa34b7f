import Database from 'better-sqlite3';
import { bucketBoundaries, Granularity } from '../metrics/calendar';
import { bucketExpression, windowBuckets } from './sql-buckets';

/** The bucket of each start by binary search over the boundaries: what the SQL must agree with. */
function reference(boundaries: number[], start: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boundaries[mid] <= start) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const db = new Database(':memory:');
afterAll(() => db.close());

function bucketsInSql(expression: string, starts: number[]): number[] {
  db.exec('DROP TABLE IF EXISTS rows_; CREATE TABLE rows_ (start_epoch INTEGER)');
  const insert = db.prepare('INSERT INTO rows_ VALUES (?)');
  db.transaction(() => starts.forEach((s) => insert.run(s)))();
  return (db.prepare(`SELECT ${expression} AS bucket FROM rows_ ORDER BY rowid`).all() as Array<{ bucket: number }>).map((r) => Number(r.bucket));
}

const epoch = (iso: string) => Date.parse(iso) / 1000;
/** Distinct conditions of a bucket expression (the shift's CASE is written twice). */
const branches = (sql: string) => new Set(sql.match(/WHEN [^T]+/g) ?? []).size;

describe('bucketExpression', () => {
  // Zones with DST changes of an hour (Paris, Santiago: at local midnight), half an hour (Lord Howe), none (Kolkata), and far east (Chatham).
  const zones = ['Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  const ranges: Array<[string, string]> = [
    ['2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'],
    ['2026-09-15T00:00:00Z', '2026-11-15T00:00:00Z'],
    ['2025-12-20T00:00:00Z', '2027-01-10T00:00:00Z'],
  ];
  const granularities: Granularity[] = ['HOUR', 'DAY', 'WEEK', 'MONTH'];

  it.each(zones)('puts every quarter hour in its bucket (%s, every granularity, ranges of 1, 2 and 13 months)', (zone) => {
    for (const [from, to] of ranges) {
      for (const granularity of granularities) {
        if (granularity === 'HOUR' && to > '2026-12') continue;
        const boundaries = bucketBoundaries(epoch(from), epoch(to), granularity, zone);
        const starts: number[] = [];
        for (let t = boundaries[0]; t < epoch(to); t += 900) starts.push(t);
        const expected = starts.map((s) => reference(boundaries, s));
        expect({ zone, from, granularity, buckets: bucketsInSql(bucketExpression(boundaries), starts) }).toEqual({ zone, from, granularity, buckets: expected });
      }
    }
  });

  it('a month with a DST change costs a CASE of one branch per change, not one per day', () => {
    const days = bucketBoundaries(epoch('2026-03-01T00:00:00+01:00'), epoch('2026-04-01T00:00:00+02:00'), 'DAY', 'Europe/Paris');
    expect(days).toHaveLength(31);
    // One condition for the DST change, one for the last bucket.
    expect(branches(bucketExpression(days))).toBe(2);
    const autumn = bucketBoundaries(epoch('2026-09-01T00:00:00Z'), epoch('2027-03-01T00:00:00Z'), 'DAY', 'Europe/Paris');
    expect(autumn.length).toBeGreaterThan(180);
    expect(branches(bucketExpression(autumn))).toBe(2);
    const weeks = bucketBoundaries(epoch('2026-01-01T00:00:00Z'), epoch('2027-01-01T00:00:00Z'), 'WEEK', 'Europe/Paris');
    expect(branches(bucketExpression(weeks))).toBe(3);
    // Without DST, arithmetic and the last bucket's condition.
    expect(branches(bucketExpression(bucketBoundaries(epoch('2026-03-01T00:00:00Z'), epoch('2026-04-01T00:00:00Z'), 'DAY', 'UTC')))).toBe(1);
  });

  it('a last bucket longer than the others keeps all its rows (February then March; the old arithmetic put 29-31 March in a third bucket)', () => {
    const months = bucketBoundaries(epoch('2026-02-01T00:00:00Z'), epoch('2026-04-01T00:00:00Z'), 'MONTH', 'UTC');
    expect(months).toHaveLength(2);
    const starts = [epoch('2026-02-01T00:00:00Z'), epoch('2026-03-01T00:00:00Z'), epoch('2026-03-31T23:45:00Z')];
    expect(bucketsInSql(bucketExpression(months), starts)).toEqual([0, 1, 1]);
  });

  it('windows with gaps and uneven lengths: a CASE over the boundaries, still exact', () => {
    const spans = [
      { start: 1000, end: 4600 },
      { start: 8200, end: 90_000 },
      { start: 90_000, end: 90_900 },
    ];
    const { boundaries } = windowBuckets(spans);
    const starts = [1000, 4599, 4600, 8199, 8200, 89_999, 90_000, 90_899];
    expect(bucketsInSql(bucketExpression(boundaries), starts)).toEqual(starts.map((s) => reference(boundaries, s)));
  });
});
