import { randomBytes } from 'node:crypto';
import { DataSource, Logger } from 'typeorm';
import { bucketBoundaries } from '../metrics/calendar';
import { dropMysqlDatabase, openDatabase } from '../platform/database';
import { sumByAgent, sumByBucket } from './aggregate';
import { IntervalUpload, storedSpans, writeIntervals } from './intervals';
import { performanceSubgraph } from './module';
import { PerformanceInitial1795392000000 } from './migrations/0001-initial';
import { PerformanceAgentsLongestWait1795600000000 } from './migrations/0002-agents-longest-wait';
import { quarterHours, record } from './test-intervals';

/**
 * Every statement the performance subgraph runs against its big tables (interval_actuals,
 * agent_interval_actuals, interval_daily_sums), as MariaDB plans them: each reads its table
 * through the primary key (queue, start / day), a range or lookup, never a scan of the table, so
 * a read costs what its range holds however long the history. Needs a MySQL server: skipped
 * unless DATABASE_URL is mysql:// (SQLite has no comparable plan output to hold the hub to).
 */
class Captured implements Logger {
  statements: Array<{ sql: string; parameters: unknown[] }> = [];
  logQuery(sql: string, parameters?: unknown[]): void {
    this.statements.push({ sql, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const base = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
const onMysql = base ? describe : describe.skip;
const BIG_TABLES = ['interval_actuals', 'agent_interval_actuals', 'interval_daily_sums'];
const PARIS = 'Europe/Paris';
const epoch = (iso: string) => Date.parse(iso) / 1000;

function rows(firstIso: string, count: number, agentRef?: string): IntervalUpload[] {
  return quarterHours(firstIso, count).map((start) => record(start, 7, 1, agentRef ? { agentRef } : {}));
}


onMysql('indexes on MySQL/MariaDB (skipped unless DATABASE_URL is mysql://: EXPLAIN is MySQL\'s)', () => {
  let db: DataSource;
  let url: string;
  const captured = new Captured();

  beforeAll(async () => {
    const u = new URL(base!);
    u.pathname = `/tidx${randomBytes(4).toString('hex')}`;
    url = u.toString();
    // Rows stored before the daily sums existed, so the migration's backfill runs on MariaDB too.
    const old = await openDatabase({ url, entities: [], migrations: [PerformanceInitial1795392000000, PerformanceAgentsLongestWait1795600000000] });
    await old.query(
      `INSERT INTO interval_actuals (queue_id, start_epoch, length_seconds, offered, answered, abandoned, answered_wait_seconds, abandoned_wait_seconds, talk_seconds, hold_seconds, wrap_seconds, ` +
        `${['5', '10', '15', '20', '30', '45', '60', '90', '120', '180', '300', '600', 'inf'].flatMap((k) => [`aw_${k}`, `bw_${k}`]).join(', ')}, attribution, uploaded_at, uploaded_by) ` +
        `VALUES ('legacy', ${epoch('2026-01-05T10:00:00Z')}, 900, 3, 3, 0, 6, 0, 600, 0, 60, ${new Array(26).fill(0).map((_, i) => (i === 0 ? 3 : 0)).join(', ')}, 'QUEUE_ENTRY', NOW(3), 'legacy')`,
    );
    await old.destroy();
    db = await openDatabase({ url, entities: performanceSubgraph.entities, migrations: performanceSubgraph.migrations, logger: captured });
    const [legacy] = await db.query(`SELECT time_zone, offered, intervals FROM interval_daily_sums WHERE queue_id = 'legacy'`);
    expect(legacy).toMatchObject({ time_zone: 'UTC', offered: 3, intervals: 1 });
    // Enough rows that the planner has a real choice: 40 queues, a fortnight each, and agents on one.
    for (let q = 0; q < 40; q++) await writeIntervals(db, `q-${q}`, rows('2026-03-01T00:00:00Z', 14 * 96), 'QUEUE_ENTRY', 'centre', new Date('2026-06-01T00:00:00Z'), PARIS);
    for (let a = 0; a < 20; a++) await writeIntervals(db, 'q-0', rows('2026-03-02T00:00:00Z', 96, `agent-${a}`), 'QUEUE_ENTRY', 'centre', new Date('2026-06-01T00:00:00Z'), PARIS);
    for (const table of BIG_TABLES) await db.query(`ANALYZE TABLE ${table}`);
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
    if (url) await dropMysqlDatabase(url);
  });

  async function plans(run: () => Promise<unknown>): Promise<Array<{ sql: string; table: string; type: string; key: string | null }>> {
    captured.statements = [];
    await run();
    const out: Array<{ sql: string; table: string; type: string; key: string | null }> = [];
    for (const { sql, parameters } of captured.statements) {
      if (!/^\s*SELECT/i.test(sql) || !BIG_TABLES.some((t) => sql.includes(t))) continue;
      const explained: Array<{ table: string; type: string; key: string | null }> = await db.query(`EXPLAIN ${sql}`, parameters);
      for (const row of explained) if (BIG_TABLES.includes(row.table) || BIG_TABLES.some((t) => row.table === t)) out.push({ sql: sql.slice(0, 80), table: row.table, type: row.type, key: row.key });
    }
    return out;
  }

  const byIndex = (plan: Array<{ type: string; key: string | null }>) => {
    if (process.env.SHOW_PLANS) console.log(plan);
    expect(plan.length).toBeGreaterThan(0);
    for (const step of plan) expect({ ...step, usesIndex: step.key !== null && step.type !== 'ALL' && step.type !== 'index' }).toMatchObject({ usesIndex: true, key: 'PRIMARY' });
  };

  it('an upload checks overlaps and refreshes its days through the primary keys', async () => {
    byIndex(await plans(() => writeIntervals(db, 'q-3', rows('2026-03-05T00:00:00Z', 96), 'QUEUE_ENTRY', 'centre', new Date('2026-06-01T00:00:00Z'), PARIS)));
  });

  it('the check of spans against the stored ones (checkIntervalSpans) reads through the primary keys', async () => {
    const range: [number, number] = [epoch('2026-03-02T00:00:00Z') - 3_600, epoch('2026-03-03T00:00:00Z')];
    const plan = await plans(() => storedSpans(db, 'q-0', range, true, ['agent-1', 'agent-2'], false));
    expect(plan.map((p) => p.table).sort()).toEqual(['agent_interval_actuals', 'interval_actuals']);
    byIndex(plan);
  });

  it('DAY figures of whole days read the daily sums by primary key', async () => {
    const range = { from: epoch('2026-02-28T23:00:00Z'), to: epoch('2026-03-14T23:00:00Z') };
    const boundaries = bucketBoundaries(range.from, range.to, 'DAY', PARIS);
    const plan = await plans(() => sumByBucket(db, ['q-1', 'q-2', 'q-3'], boundaries, range, { timeZone: PARIS, perQueue: true }));
    expect(plan.map((p) => p.table)).toEqual(['interval_daily_sums']);
    byIndex(plan);
  });

  it('interval and hour figures read the intervals by primary key', async () => {
    const range = { from: epoch('2026-03-03T00:00:00Z'), to: epoch('2026-03-04T00:00:00Z') };
    const plan = await plans(() => sumByBucket(db, ['q-1', 'q-2'], bucketBoundaries(range.from, range.to, 'HOUR', PARIS), range, { timeZone: PARIS }));
    expect(plan.map((p) => p.table)).toEqual(['interval_actuals']);
    byIndex(plan);
  });

  it('agent figures read the agents\' intervals by primary key', async () => {
    const range = { from: epoch('2026-03-02T00:00:00Z'), to: epoch('2026-03-03T00:00:00Z') };
    const plan = await plans(() => sumByAgent(db, ['q-0'], bucketBoundaries(range.from, range.to, 'DAY', 'UTC'), range, { first: 10, after: null }));
    expect(plan.every((p) => p.table === 'agent_interval_actuals' || !BIG_TABLES.includes(p.table))).toBe(true);
    byIndex(plan.filter((p) => p.table === 'agent_interval_actuals'));
  });
});
