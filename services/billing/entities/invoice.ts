import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InvoiceStatus = 'SUBMITTED' | 'APPROVED' | 'DISPUTED' | 'SUPERSEDED';

/**
 * An invoice a centre submitted for a month, reconciled line by line against the statement it
 * was checked against (frozen with it). The same history as monthly performance reports: the
 * client approves (final) or disputes it; a disputed invoice can be superseded by a new one.
 */
@Entity('billing_invoices')
export class InvoiceRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: InvoiceStatus;

  /** The centre's own invoice number. */
  @Column({ type: 'varchar', length: 200 })
  reference!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'statement_id', type: 'varchar', length: 64 })
  statementId!: string;

  /** The lines as submitted (metrics/pricing.ts InvoiceLineValue[]). */
  @Column({ type: 'simple-json' })
  lines!: object;

  /** The line-by-line check against the statement (metrics/pricing.ts Reconciliation). */
  @Column({ type: 'simple-json' })
  reconciliation!: object;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt!: Date;

  @Column({ name: 'submitted_by', type: 'varchar', length: 200 })
  submittedBy!: string;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 200, nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'dispute_reason', type: 'text', nullable: true })
  disputeReason!: string | null;
}
