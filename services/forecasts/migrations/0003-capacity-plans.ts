import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class ForecastsCapacityPlans1795651200000 implements MigrationInterface {
  name = 'ForecastsCapacityPlans1795651200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'capacity_plans',
        columns: [
          // The primary key (queue, week) is also the index of a contract's range read.
          { name: 'queue_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'week_start_epoch', type: 'bigint', isPrimary: true },
          { name: 'week', type: 'varchar', length: '8' },
          { name: 'contract_id', type: 'varchar', length: '64' },
          { name: 'centre_id', type: 'varchar', length: '64' },
          { name: 'committed_hours', type: 'double', isNullable: true },
          { name: 'scheduled_hours', type: 'double', isNullable: true },
          { name: 'updated_at', type: 'datetime', precision: 3 },
          { name: 'updated_by', type: 'varchar', length: '200' },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('capacity_plans');
  }
}
