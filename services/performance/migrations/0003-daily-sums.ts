import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { DAILY_BUCKET_COLUMNS, DAILY_COLUMNS, DAILY_REPORTED_COLUMNS, DAILY_VALUE_COLUMNS } from '../entities/interval-daily-sums';
import { DAY_FROM_RAW_SQL } from '../daily-sums';

/**
 * Daily sums of interval actuals (services/performance/daily-sums.ts). The primary key (queue,
 * day start) is the index every read of them uses: the queues asked for, a range of days. The
 * days of the intervals already stored are summed here in UTC, the only zone this subgraph knows
 * without asking contracts; a queue's next upload rebuilds its days in the queue's own zone, and
 * until then reads in another zone add up the intervals, as before.
 */
export class PerformanceDailySums1795800000000 implements MigrationInterface {
  name = 'PerformanceDailySums1795800000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'interval_daily_sums',
        columns: [
          { name: 'queue_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'day_start', type: 'bigint', isPrimary: true },
          { name: 'day_end', type: 'bigint' },
          { name: 'time_zone', type: 'varchar', length: '64' },
          { name: 'intervals', type: 'int' },
          { name: 'length_seconds', type: 'bigint' },
          { name: 'attr_min', type: 'varchar', length: '16' },
          { name: 'attr_max', type: 'varchar', length: '16' },
          ...DAILY_VALUE_COLUMNS.map((c) => ({ name: c.column, type: c.dailyType, isNullable: true })),
          ...DAILY_REPORTED_COLUMNS.map((name) => ({ name, type: 'int' })),
          ...DAILY_BUCKET_COLUMNS.map((name) => ({ name, type: 'bigint' })),
        ],
      }),
    );
    const day = 'start_epoch - (start_epoch % 86400)';
    const inner = DAILY_COLUMNS.filter((c) => !['queue_id', 'day_start', 'day_end', 'time_zone'].includes(c));
    await qr.query(
      `INSERT INTO interval_daily_sums (${DAILY_COLUMNS.join(', ')}) ` +
        `SELECT queue_id, day_start, day_start + 86400, 'UTC', ${inner.join(', ')} FROM ` +
        `(SELECT queue_id, ${day} AS day_start, ${DAY_FROM_RAW_SQL} FROM interval_actuals GROUP BY queue_id, day_start) days`,
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('interval_daily_sums');
  }
}
