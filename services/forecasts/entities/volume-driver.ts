import { Column, Entity, PrimaryColumn } from 'typeorm';

const epoch = { to: (v: number) => v, from: (v: string | number) => Number(v) };

export const DRIVER_KINDS = ['CAMPAIGN', 'BILLING_RUN', 'OUTAGE', 'PRODUCT_LAUNCH', 'OTHER'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

/** Expected uplift of one queue's volume while a driver runs: 0.25 is 25 % more contacts. */
export interface QueueUplift {
  queueId: string;
  uplift: number;
}

/**
 * A volume driver the client publishes for a contract (ISO 18295-2 6.5 and 6.7: information the
 * centre needs to plan): an event with its dates and the uplift it is expected to cause per queue.
 */
@Entity('volume_drivers')
export class VolumeDriverRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DriverKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'from_epoch', type: 'bigint', transformer: epoch })
  fromEpoch!: number;

  @Column({ name: 'to_epoch', type: 'bigint', transformer: epoch })
  toEpoch!: number;

  /** JSON list of QueueUplift: a handful per driver, always read whole. */
  @Column({ type: 'text', transformer: { to: (v: QueueUplift[]) => JSON.stringify(v), from: (v: string) => JSON.parse(v) as QueueUplift[] } })
  uplifts!: QueueUplift[];

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 200 })
  publishedBy!: string;
}
