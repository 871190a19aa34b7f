import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = (name = 'id') => ({ name, type: 'varchar', length: '64' });
const at = (name: string) => ({ name, type: 'datetime', precision: 3 });

export class ContractsVolumeShares1795500000000 implements MigrationInterface {
  name = 'ContractsVolumeShares1795500000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'volume_share_groups',
        columns: [
          { ...id(), isPrimary: true },
          id('client_id'),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'reason', type: 'varchar', length: '2000', isNullable: true },
          at('created_at'),
          at('updated_at'),
        ],
        foreignKeys: [{ columnNames: ['client_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] }],
        indices: [new TableIndex({ name: 'ix_volume_share_groups_client', columnNames: ['client_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'volume_share_members',
        columns: [
          // The queue is the primary key: a queue belongs to at most one group.
          { ...id('queue_id'), isPrimary: true },
          id('group_id'),
          { name: 'share', type: 'double' },
        ],
        foreignKeys: [
          { columnNames: ['queue_id'], referencedTableName: 'queues', referencedColumnNames: ['id'] },
          { columnNames: ['group_id'], referencedTableName: 'volume_share_groups', referencedColumnNames: ['id'] },
        ],
        indices: [new TableIndex({ name: 'ix_volume_share_members_group', columnNames: ['group_id'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('volume_share_members');
    await qr.dropTable('volume_share_groups');
  }
}
