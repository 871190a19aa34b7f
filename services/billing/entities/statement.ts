import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StatementStatus = 'ISSUED' | 'SUPERSEDED';

/**
 * A monthly statement as issued (issue 14): the billable quantities of a contract's month priced
 * under its terms, frozen. A later version supersedes it only while no invoice checked against
 * it awaits review or was approved; after that, a change to the actuals shows as `changed` on the
 * statement, which is never rewritten.
 */
@Entity('billing_statements')
export class StatementRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  /** YYYY-MM, in the time zone of the contract's first queue. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: StatementStatus;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'issued_at', type: 'datetime', precision: 3 })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'varchar', length: 200 })
  issuedBy!: string;

  /** The statement's lines, totals and notes (statements.ts StatementContent). */
  @Column({ type: 'simple-json' })
  content!: object;
}
