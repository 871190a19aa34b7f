import { MigrationInterface, QueryRunner } from 'typeorm';
import { longTextType } from '../../platform/database';

/**
 * Price terms on the contract (issue 14): JSON, null until the client sets them. A plain ADD
 * COLUMN on both dialects: the SQLite query runner's addColumn would rebuild the table, which
 * queues and SLA targets refer to.
 */
export class ContractsPriceTerms1795700000000 implements MigrationInterface {
  name = 'ContractsPriceTerms1795700000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE contracts ADD COLUMN price_terms ${longTextType(qr)} NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE contracts DROP COLUMN price_terms');
  }
}
