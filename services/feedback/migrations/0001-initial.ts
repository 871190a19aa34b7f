import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const epoch = (name: string, isNullable = false) => ({ name, type: 'bigint', isNullable });
const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '64', isPrimary });

export class FeedbackInitial1795478400000 implements MigrationInterface {
  name = 'FeedbackInitial1795478400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'survey_responses',
        columns: [
          id('contract_id', true),
          { name: 'response_id', type: 'varchar', length: '128', isPrimary: true },
          id('queue_id'),
          { name: 'type', type: 'varchar', length: '8' },
          { name: 'score', type: 'int' },
          { name: 'channel', type: 'varchar', length: '16' },
          epoch('responded_epoch'),
          { name: 'interaction_ref', type: 'varchar', length: '128', isNullable: true },
          { name: 'agent_ref', type: 'varchar', length: '128', isNullable: true },
          { name: 'uploaded_at', type: 'datetime', precision: 3 },
          { name: 'uploaded_by', type: 'varchar', length: '200' },
        ],
        // The two satisfaction aggregations: per queue and per contract over a time range.
        indices: [
          new TableIndex({ name: 'ix_survey_queue_time', columnNames: ['queue_id', 'responded_epoch'] }),
          new TableIndex({ name: 'ix_survey_contract_time', columnNames: ['contract_id', 'responded_epoch'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'complaints',
        columns: [
          id('id', true),
          id('contract_id'),
          id('client_id'),
          id('centre_id'),
          { name: 'queue_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'category', type: 'varchar', length: '64' },
          { name: 'severity', type: 'varchar', length: '16' },
          { name: 'description', type: 'text' },
          { name: 'customer_ref', type: 'varchar', length: '128' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'version', type: 'int' },
          { name: 'terms', type: 'text' },
          epoch('received_epoch'),
          epoch('ack_due_epoch'),
          epoch('acknowledged_epoch', true),
          { name: 'ack_met', type: 'int', isNullable: true },
          epoch('resolve_due_epoch'),
          epoch('paused_since_epoch', true),
          epoch('responded_epoch', true),
          { name: 'resolve_met', type: 'int', isNullable: true },
          epoch('resolve_seconds', true),
          { name: 'responded_count', type: 'int' },
          { name: 'reopen_count', type: 'int' },
          epoch('closed_epoch', true),
          { name: 'customer_satisfaction', type: 'int', isNullable: true },
          { name: 'recorded_by', type: 'varchar', length: '200' },
          id('recorded_by_org'),
        ],
        indices: [new TableIndex({ name: 'ix_complaints_contract_time', columnNames: ['contract_id', 'received_epoch'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'complaint_events',
        columns: [
          id('id', true),
          id('complaint_id'),
          { name: 'seq', type: 'int' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          epoch('at_epoch'),
          { name: 'actor_subject', type: 'varchar', length: '200' },
          id('actor_org'),
          { name: 'note', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ux_complaint_events_seq', columnNames: ['complaint_id', 'seq'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'complaint_pauses',
        columns: [id('id', true), id('complaint_id'), { name: 'reason', type: 'varchar', length: '24' }, epoch('start_epoch'), epoch('end_epoch', true)],
        indices: [new TableIndex({ name: 'ix_complaint_pauses', columnNames: ['complaint_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'corrective_actions',
        columns: [
          id('id', true),
          id('complaint_id'),
          { name: 'root_cause', type: 'text' },
          { name: 'action', type: 'text' },
          { name: 'owner', type: 'varchar', length: '200' },
          { name: 'due_date', type: 'varchar', length: '10' },
          epoch('done_epoch', true),
          epoch('created_epoch'),
          { name: 'created_by', type: 'varchar', length: '200' },
        ],
        indices: [new TableIndex({ name: 'ix_corrective_actions', columnNames: ['complaint_id'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ['corrective_actions', 'complaint_pauses', 'complaint_events', 'complaints', 'survey_responses']) await qr.dropTable(table);
  }
}
