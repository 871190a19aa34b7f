import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class ForecastsVolumeDrivers1795564800000 implements MigrationInterface {
  name = 'ForecastsVolumeDrivers1795564800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'volume_drivers',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'contract_id', type: 'varchar', length: '64' },
          { name: 'client_id', type: 'varchar', length: '64' },
          { name: 'centre_id', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'from_epoch', type: 'bigint' },
          { name: 'to_epoch', type: 'bigint' },
          { name: 'uplifts', type: 'text' },
          { name: 'published_at', type: 'datetime', precision: 3 },
          { name: 'published_by', type: 'varchar', length: '200' },
        ],
        indices: [new TableIndex({ name: 'ix_volume_drivers_contract', columnNames: ['contract_id', 'from_epoch'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('volume_drivers');
  }
}
