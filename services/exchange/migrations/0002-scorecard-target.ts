import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Import jobs of quality evaluations go into a scorecard: its id is the job's target. */
export class ExchangeScorecardTarget1797000000000 implements MigrationInterface {
  name = 'ExchangeScorecardTarget1797000000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('import_jobs', new TableColumn({ name: 'scorecard_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('import_jobs', 'scorecard_id');
  }
}
