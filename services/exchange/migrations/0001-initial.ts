import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';

const id = (name: string, isPrimary = false, isNullable = false) => ({ name, type: 'varchar', length: '64', isPrimary, isNullable });
const count = (name: string) => ({ name, type: 'int', default: 0 });
const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

export class ExchangeInitial1796000000000 implements MigrationInterface {
  name = 'ExchangeInitial1796000000000';

  async up(qr: QueryRunner): Promise<void> {
    const long = longTextType(qr);
    const blob = qr.connection.options.type === 'mysql' ? 'longblob' : 'blob';
    await qr.createTable(
      new Table({
        name: 'import_jobs',
        columns: [
          id('id', true),
          id('organisation_id'),
          { name: 'created_by', type: 'varchar', length: '200' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'profile_name', type: 'varchar', length: '200' },
          { name: 'profile', type: long },
          id('queue_id', false, true),
          id('contract_id', false, true),
          id('forecast_id', false, true),
          { name: 'queue_map', type: long, isNullable: true },
          { name: 'skip_unmapped', type: 'int', default: 0 },
          { name: 'time_zone', type: 'varchar', length: '64', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'phase', type: 'varchar', length: '16', isNullable: true },
          count('chunks'),
          { name: 'bytes_received', type: 'bigint', default: 0 },
          { name: 'content_sha256', type: 'varchar', length: '64', isNullable: true },
          id('same_file_as', false, true),
          count('rows_read'),
          count('rows_checked'),
          count('rows_written'),
          count('rows_refused'),
          count('rows_skipped'),
          { name: 'problems', type: long },
          { name: 'coverage', type: long, isNullable: true },
          { name: 'notes', type: long },
          { name: 'failure', type: 'text', isNullable: true },
          at('created_at'),
          at('started_at', true),
          at('finished_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_import_jobs_org_created', columnNames: ['organisation_id', 'created_at'] }),
          new TableIndex({ name: 'ix_import_jobs_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ix_import_jobs_hash', columnNames: ['kind', 'content_sha256'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'import_chunks',
        columns: [id('job_id', true), { name: 'seq', type: 'int', isPrimary: true }, { name: 'data', type: blob }],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'mapping_profiles',
        columns: [
          id('organisation_id', true),
          { name: 'name', type: 'varchar', length: '200', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'definition', type: long },
          at('updated_at'),
          { name: 'updated_by', type: 'varchar', length: '200' },
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'imported_keys',
        columns: [
          id('target', true),
          { name: 'kind', type: 'varchar', length: '24', isPrimary: true },
          { name: 'source_key', type: 'varchar', length: '200', isPrimary: true },
          id('created_id'),
          id('job_id'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['imported_keys', 'mapping_profiles', 'import_chunks', 'import_jobs']) await qr.dropTable(t);
  }
}
