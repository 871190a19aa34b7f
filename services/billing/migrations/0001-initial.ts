import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { longTextType } from '../../platform/database';

const id = (name: string, isPrimary = false) => ({ name, type: 'varchar', length: '64', isPrimary });
const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

export class BillingInitial1795651200000 implements MigrationInterface {
  name = 'BillingInitial1795651200000';

  async up(qr: QueryRunner): Promise<void> {
    const long = longTextType(qr);
    const parties = [id('contract_id'), id('client_id'), id('centre_id'), { name: 'month', type: 'varchar', length: '7' }, { name: 'version', type: 'int' }, { name: 'status', type: 'varchar', length: '16' }];
    await qr.createTable(
      new Table({
        name: 'billing_statements',
        columns: [
          id('id', true),
          ...parties,
          { name: 'currency', type: 'varchar', length: '3' },
          at('issued_at'),
          { name: 'issued_by', type: 'varchar', length: '200' },
          { name: 'content', type: long },
        ],
        // A contract's versions of a month, newest first: the lookups of issue and submission.
        indices: [new TableIndex({ name: 'ux_statements_version', columnNames: ['contract_id', 'month', 'version'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'billing_invoices',
        columns: [
          id('id', true),
          ...parties,
          { name: 'reference', type: 'varchar', length: '200' },
          { name: 'currency', type: 'varchar', length: '3' },
          id('statement_id'),
          { name: 'lines', type: long },
          { name: 'reconciliation', type: long },
          at('submitted_at'),
          { name: 'submitted_by', type: 'varchar', length: '200' },
          at('reviewed_at', true),
          { name: 'reviewed_by', type: 'varchar', length: '200', isNullable: true },
          { name: 'dispute_reason', type: 'text', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ux_invoices_version', columnNames: ['contract_id', 'month', 'version'], isUnique: true })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('billing_invoices');
    await qr.dropTable('billing_statements');
  }
}
