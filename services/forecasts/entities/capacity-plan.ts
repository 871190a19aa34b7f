import { Column, Entity, PrimaryColumn } from 'typeorm';

const epoch = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * What the centre serving a queue commits and schedules for one local ISO week (ISO 18295-1 7.3):
 * productive hours committed against the requirement the hub derives from the forecast, and the
 * hours actually scheduled. Keyed by queue and week start, so re-sending a week replaces it.
 */
@Entity('capacity_plans')
export class CapacityPlanRow {
  @PrimaryColumn({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  /** Local Monday midnight of the week, epoch seconds. */
  @PrimaryColumn({ name: 'week_start_epoch', type: 'bigint', transformer: epoch })
  weekStartEpoch!: number;

  /** ISO week in the queue's time zone, e.g. 2026-W06. */
  @Column({ type: 'varchar', length: 8 })
  week!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ name: 'committed_hours', type: 'double', nullable: true })
  committedHours!: number | null;

  @Column({ name: 'scheduled_hours', type: 'double', nullable: true })
  scheduledHours!: number | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;
}

export const CAPACITY_COLUMNS = ['queue_id', 'week_start_epoch', 'week', 'contract_id', 'centre_id', 'committed_hours', 'scheduled_hours', 'updated_at', 'updated_by'] as const;
