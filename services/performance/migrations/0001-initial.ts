import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';
import { ABANDONED_BUCKET_COLUMNS, ANSWERED_BUCKET_COLUMNS, SUM_COLUMNS } from '../entities/interval-actual';

const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

export class PerformanceInitial1795392000000 implements MigrationInterface {
  name = 'PerformanceInitial1795392000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'interval_actuals',
        columns: [
          // The primary key (queue, start) is also the index every aggregation uses.
          { name: 'queue_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'start_epoch', type: 'bigint', isPrimary: true },
          { name: 'length_seconds', type: 'int' },
          ...SUM_COLUMNS.map((c) => ({ name: c.column, type: c.type, isNullable: c.optional })),
          ...[...ANSWERED_BUCKET_COLUMNS, ...ABANDONED_BUCKET_COLUMNS].map((name) => ({ name, type: 'int' })),
          { name: 'attribution', type: 'varchar', length: '16' },
          at('uploaded_at'),
          { name: 'uploaded_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'performance_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'contract_id', type: 'varchar', length: '64' },
          { name: 'client_id', type: 'varchar', length: '64' },
          { name: 'centre_id', type: 'varchar', length: '64' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'version', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'commentary', type: 'text', isNullable: true },
          at('published_at'),
          { name: 'published_by', type: 'varchar', length: '200' },
          at('reviewed_at', true),
          { name: 'reviewed_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'dispute_reason', type: 'text', isNullable: true },
          { name: 'content', type: longTextType(qr) },
        ],
        indices: [new TableIndex({ name: 'ux_reports_version', columnNames: ['contract_id', 'month', 'version'], isUnique: true })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('performance_reports');
    await qr.dropTable('interval_actuals');
  }
}
