import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class ForecastsInitial1795478400000 implements MigrationInterface {
  name = 'ForecastsInitial1795478400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'forecasts',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'queue_id', type: 'varchar', length: '64' },
          { name: 'contract_id', type: 'varchar', length: '64' },
          { name: 'client_id', type: 'varchar', length: '64' },
          { name: 'centre_id', type: 'varchar', length: '64' },
          { name: 'version', type: 'int' },
          { name: 'from_epoch', type: 'bigint' },
          { name: 'to_epoch', type: 'bigint' },
          { name: 'granularity_seconds', type: 'int' },
          { name: 'shrinkage', type: 'double', isNullable: true },
          { name: 'patience_seconds', type: 'double', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'interval_count', type: 'int' },
          { name: 'published_at', type: 'datetime', precision: 3 },
          { name: 'published_by', type: 'varchar', length: '200' },
        ],
        // Also the index of "every version of a queue": two concurrent publications cannot take the same number.
        indices: [new TableIndex({ name: 'ux_forecasts_queue_version', columnNames: ['queue_id', 'version'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'forecast_intervals',
        columns: [
          // The primary key (forecast, start) is the index every interval read uses.
          { name: 'forecast_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'start_epoch', type: 'bigint', isPrimary: true },
          { name: 'volume', type: 'double' },
          { name: 'aht_seconds', type: 'double' },
          { name: 'planned_agents', type: 'int', isNullable: true },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('forecast_intervals');
    await qr.dropTable('forecasts');
  }
}
