import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The least sample an SLA window needs to be judged (schema builder only: SQLite and MySQL alike). */
export class ContractsMinimumSample1795600000000 implements MigrationInterface {
  name = 'ContractsMinimumSample1795600000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('sla_targets', new TableColumn({ name: 'minimum_sample', type: 'int', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('sla_targets', 'minimum_sample');
  }
}
