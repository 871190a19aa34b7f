import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';

const id = (name = 'id') => ({ name, type: 'varchar', length: '64' });
const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

/** Written with TypeORM's schema builder so the same migration runs on SQLite and MySQL. */
export class ContractsInitial1795392000000 implements MigrationInterface {
  name = 'ContractsInitial1795392000000';

  async up(qr: QueryRunner): Promise<void> {
    const long = longTextType(qr);
    await qr.createTable(
      new Table({
        name: 'organisations',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '16' },
          at('created_at'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contracts',
        columns: [
          { ...id(), isPrimary: true },
          id('client_id'),
          id('centre_id'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'reference', type: 'varchar', length: '64', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'start_date', type: 'varchar', length: '10' },
          { name: 'end_date', type: 'varchar', length: '10', isNullable: true },
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'monthly_fee_minor', type: 'bigint', isNullable: true },
          { name: 'revision', type: 'int' },
          { name: 'responsibilities', type: long },
          { name: 'information_items', type: long },
          { name: 'reporting_obligations', type: long },
          { name: 'complaint_terms', type: long, isNullable: true },
          { name: 'service_terms', type: long },
          at('activated_at', true),
          at('created_at'),
          at('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['client_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] },
          { columnNames: ['centre_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] },
        ],
        indices: [
          new TableIndex({ name: 'ix_contracts_client', columnNames: ['client_id', 'id'] }),
          new TableIndex({ name: 'ix_contracts_centre', columnNames: ['centre_id', 'id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'queues',
        columns: [
          { ...id(), isPrimary: true },
          id('contract_id'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'direction', type: 'varchar', length: '16' },
          { name: 'time_zone', type: 'varchar', length: '64' },
          { name: 'opening_hours', type: long },
          at('created_at'),
        ],
        foreignKeys: [{ columnNames: ['contract_id'], referencedTableName: 'contracts', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_queues_contract', columnNames: ['contract_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'sla_targets',
        columns: [
          { ...id(), isPrimary: true },
          id('contract_id'),
          { ...id('queue_id'), isNullable: true },
          { name: 'metric', type: 'varchar', length: '40' },
          { name: 'variant', type: 'varchar', length: '40' },
          { name: 'threshold_seconds', type: 'int', isNullable: true },
          { name: 'short_abandon_seconds', type: 'int', isNullable: true },
          { name: 'repeat_window_days', type: 'int', isNullable: true },
          { name: 'tolerance', type: 'double', isNullable: true },
          { name: 'goal', type: 'double' },
          { name: 'comparator', type: 'varchar', length: '16' },
          { name: 'measurement_window', type: 'varchar', length: '16' },
          { name: 'credit_percent_per_point', type: 'double', isNullable: true },
          { name: 'credit_cap_percent', type: 'double', isNullable: true },
          at('created_at'),
        ],
        foreignKeys: [
          { columnNames: ['contract_id'], referencedTableName: 'contracts', referencedColumnNames: ['id'] },
          { columnNames: ['queue_id'], referencedTableName: 'queues', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_sla_targets_contract', columnNames: ['contract_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contract_revisions',
        columns: [
          { ...id(), isPrimary: true },
          id('contract_id'),
          { name: 'revision', type: 'int' },
          at('at'),
          at('effective_from'),
          { name: 'actor_subject', type: 'varchar', length: '200' },
          id('actor_organisation_id'),
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'changes', type: long },
          { name: 'snapshot', type: long },
        ],
        foreignKeys: [{ columnNames: ['contract_id'], referencedTableName: 'contracts', referencedColumnNames: ['id'] }],
        indices: [
          // Two concurrent amendments cannot both claim the same revision number.
          new TableIndex({ name: 'ux_contract_revisions', columnNames: ['contract_id', 'revision'], isUnique: true }),
          new TableIndex({ name: 'ix_contract_revisions_effective', columnNames: ['contract_id', 'effective_from'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['contract_revisions', 'sla_targets', 'queues', 'contracts', 'organisations']) {
      await qr.dropTable(table);
    }
  }
}
