import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReportStatus = 'PUBLISHED' | 'APPROVED' | 'DISPUTED' | 'SUPERSEDED';

/**
 * A monthly performance report (ISO 18295-2 6.8): a frozen snapshot of the month's KPIs and SLA
 * compliance as the centre published them. Versions: a disputed report can be superseded by a
 * new publication; an approved one is final.
 */
@Entity('performance_reports')
export class PerformanceReportRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  /** YYYY-MM */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ReportStatus;

  @Column({ type: 'text', nullable: true })
  commentary!: string | null;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 200 })
  publishedBy!: string;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 3, nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 200, nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'dispute_reason', type: 'text', nullable: true })
  disputeReason!: string | null;

  /** The frozen figures (see reports.ts ReportContent). */
  @Column({ type: 'simple-json' })
  content!: object;
}
