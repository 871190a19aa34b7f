import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OpeningHoursValue } from '../terms';

export type TenderStatus = 'OPEN' | 'AWARDED';

export interface TenderQueueValue {
  name: string;
  channel: string;
  timeZone: string;
  openingHours: OpeningHoursValue[];
}

/** A representative week of demand: contacts offered and AHT per interval. */
export interface DemandProfileValue {
  intervalSeconds: number;
  intervals: Array<{ offered: number; ahtSeconds: number }>;
}

/** A required metric in the hub's canonical definition, with its goal and evaluation weight. */
export interface RequirementValue {
  metric: string;
  variant: string;
  thresholdSeconds: number | null;
  goal: number;
  comparator: 'AT_LEAST' | 'AT_MOST';
  window: 'INTERVAL' | 'DAY' | 'WEEK' | 'MONTH';
  weight: number;
}

@Entity('tenders')
export class TenderRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TenderStatus;

  @Column({ name: 'closes_at', type: 'datetime', precision: 3 })
  closesAt!: Date;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** Mean caller patience assumed for abandonment (Erlang A). */
  @Column({ name: 'patience_seconds', type: 'int' })
  patienceSeconds!: number;

  /** What an agent hour costs a centre, in the buyer's estimate: prices below it cannot pay for the staffing. */
  @Column({ name: 'agent_hour_cost_minor', type: 'int' })
  agentHourCostMinor!: number;

  @Column({ name: 'price_weight', type: 'double' })
  priceWeight!: number;

  @Column({ type: 'simple-json' })
  queues!: TenderQueueValue[];

  @Column({ type: 'simple-json' })
  demand!: DemandProfileValue;

  @Column({ type: 'simple-json' })
  requirements!: RequirementValue[];

  @Column({ name: 'awarded_bid_id', type: 'varchar', length: 64, nullable: true })
  awardedBidId!: string | null;

  @Column({ name: 'contract_id', type: 'varchar', length: 64, nullable: true })
  contractId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

@Entity('tender_invitations')
export class TenderInvitationRow {
  @PrimaryColumn({ name: 'tender_id', type: 'varchar', length: 64 })
  tenderId!: string;

  @PrimaryColumn({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;
}
