import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('sla_targets')
export class SlaTargetRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  /** Null: the target applies to all the contract's queues together. */
  @Column({ name: 'queue_id', type: 'varchar', length: 64, nullable: true })
  queueId!: string | null;

  @Column({ type: 'varchar', length: 40 })
  metric!: string;

  @Column({ type: 'varchar', length: 40 })
  variant!: string;

  @Column({ name: 'threshold_seconds', type: 'int', nullable: true })
  thresholdSeconds!: number | null;

  @Column({ name: 'short_abandon_seconds', type: 'int', nullable: true })
  shortAbandonSeconds!: number | null;

  @Column({ name: 'repeat_window_days', type: 'int', nullable: true })
  repeatWindowDays!: number | null;

  @Column({ type: 'double', nullable: true })
  tolerance!: number | null;

  @Column({ type: 'double' })
  goal!: number;

  @Column({ type: 'varchar', length: 16 })
  comparator!: string;

  /** `window` is a reserved word in MySQL 8, hence the longer column name. */
  @Column({ name: 'measurement_window', type: 'varchar', length: 16 })
  window!: string;

  @Column({ name: 'credit_percent_per_point', type: 'double', nullable: true })
  creditPercentPerPoint!: number | null;

  @Column({ name: 'credit_cap_percent', type: 'double', nullable: true })
  creditCapPercent!: number | null;

  /**
   * The least responses, evaluations or contacts a window needs to be judged; null: any sample.
   * Optional in the type because snapshots taken before it existed lack it (read as null).
   */
  @Column({ name: 'minimum_sample', type: 'int', nullable: true })
  minimumSample?: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
