import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';

const id = (name = 'id') => ({ name, type: 'varchar', length: '64' });
const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

export class ContractsTenders1795400000000 implements MigrationInterface {
  name = 'ContractsTenders1795400000000';

  async up(qr: QueryRunner): Promise<void> {
    const long = longTextType(qr);
    await qr.createTable(
      new Table({
        name: 'tenders',
        columns: [
          { ...id(), isPrimary: true },
          id('owner_id'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          at('closes_at'),
          { name: 'currency', type: 'varchar', length: '3' },
          { name: 'patience_seconds', type: 'int' },
          { name: 'agent_hour_cost_minor', type: 'int' },
          { name: 'price_weight', type: 'double' },
          { name: 'queues', type: long },
          { name: 'demand', type: long },
          { name: 'requirements', type: long },
          { ...id('awarded_bid_id'), isNullable: true },
          { ...id('contract_id'), isNullable: true },
          at('created_at'),
        ],
        foreignKeys: [{ columnNames: ['owner_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_tenders_owner', columnNames: ['owner_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'tender_invitations',
        columns: [
          { ...id('tender_id'), isPrimary: true },
          { ...id('centre_id'), isPrimary: true },
        ],
        foreignKeys: [
          { columnNames: ['tender_id'], referencedTableName: 'tenders', referencedColumnNames: ['id'] },
          { columnNames: ['centre_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_invitations_centre', columnNames: ['centre_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'bids',
        columns: [
          { ...id(), isPrimary: true },
          id('tender_id'),
          id('centre_id'),
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'pricing', type: long },
          { name: 'commitments', type: long },
          { name: 'proposed_hours_per_week', type: 'double', isNullable: true },
          { name: 'past_performance', type: long },
          { name: 'past_actuals', type: long },
          at('submitted_at'),
        ],
        foreignKeys: [
          { columnNames: ['tender_id'], referencedTableName: 'tenders', referencedColumnNames: ['id'] },
          { columnNames: ['centre_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] },
        ],
        // One bid per centre and tender: submitting again before the close replaces it.
        indices: [new TableIndex({ name: 'ux_bids_tender_centre', columnNames: ['tender_id', 'centre_id'], isUnique: true })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['bids', 'tender_invitations', 'tenders']) await qr.dropTable(table);
  }
}
