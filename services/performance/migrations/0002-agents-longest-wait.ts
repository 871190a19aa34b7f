import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, MAX_COLUMNS, SUM_COLUMNS } from '../entities/interval-actual';

const at = (name: string) => ({ name, type: 'datetime', precision: 3 });

/**
 * The longest wait of an interval (a column of its own: the histogram gives only its bucket),
 * and per-agent interval actuals in a table beside the queue's. Schema builder only, so the same
 * migration runs on SQLite and MySQL.
 */
export class PerformanceAgentsLongestWait1795600000000 implements MigrationInterface {
  name = 'PerformanceAgentsLongestWait1795600000000';

  async up(qr: QueryRunner): Promise<void> {
    for (const c of MAX_COLUMNS) {
      await qr.addColumn('interval_actuals', new TableColumn({ name: c.column, type: c.type, isNullable: c.optional }));
    }
    await qr.createTable(
      new Table({
        name: 'agent_interval_actuals',
        columns: [
          // Queue, start, agent: the per-agent reads ask for one queue's range, every agent.
          { name: 'queue_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'start_epoch', type: 'bigint', isPrimary: true },
          { name: 'agent_ref', type: 'varchar', length: '200', isPrimary: true },
          { name: 'length_seconds', type: 'int' },
          ...[...SUM_COLUMNS, ...MAX_COLUMNS].map((c) => ({ name: c.column, type: c.type, isNullable: c.optional })),
          ...[...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((name) => ({ name, type: 'int' })),
          { name: 'attribution', type: 'varchar', length: '16' },
          at('uploaded_at'),
          { name: 'uploaded_by', type: 'varchar', length: '200' },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('agent_interval_actuals');
    for (const c of MAX_COLUMNS) await qr.dropColumn('interval_actuals', c.column);
  }
}
