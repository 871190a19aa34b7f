import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BidStatus = 'SUBMITTED' | 'AWARDED' | 'NOT_AWARDED';

export interface PricingValue {
  model: 'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_MINUTE';
  priceMinor: number;
  currency: string;
}

/** A figure in the bidder's own definition: a commitment (goal) or a past result (value). */
export interface StatedFigureValue {
  metric: string;
  variant: string;
  thresholdSeconds: number | null;
  shortAbandonSeconds: number | null;
  /** The committed goal, or the achieved value for past performance. */
  value: number;
  /** For past performance: the period it covers, free text such as "2026-Q2". */
  period?: string | null;
}

/** Raw fields summed over a past period: any definition can be recomputed from them. */
export interface PastActualsValue {
  period: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  availableSeconds: number | null;
  /** Counts per standard wait bucket (13). */
  answeredWait: number[];
  abandonedWait: number[];
}

@Entity('bids')
export class BidRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'tender_id', type: 'varchar', length: 64 })
  tenderId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: BidStatus;

  @Column({ type: 'simple-json' })
  pricing!: PricingValue;

  @Column({ type: 'simple-json' })
  commitments!: StatedFigureValue[];

  @Column({ name: 'proposed_hours_per_week', type: 'double', nullable: true })
  proposedHoursPerWeek!: number | null;

  @Column({ name: 'past_performance', type: 'simple-json' })
  pastPerformance!: StatedFigureValue[];

  @Column({ name: 'past_actuals', type: 'simple-json' })
  pastActuals!: PastActualsValue[];

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt!: Date;
}
