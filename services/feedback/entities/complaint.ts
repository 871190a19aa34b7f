import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BusinessCalendar } from '../../metrics/business-hours';
import { epochColumn } from './survey-response';

export const COMPLAINT_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'RESPONDED', 'CLOSED', 'ESCALATED', 'REOPENED', 'WITHDRAWN'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The contract's complaint-handling terms as they stood when the complaint was received. */
export interface TermsSnapshot {
  acknowledgeWithinHours: number;
  resolveWithinDays: number;
  calendar: BusinessCalendar;
}

/**
 * A complaint (ISO 10002) against a contract. The clock columns (due instants, met flags, time
 * to resolve) are kept up to date by every transition so statistics run in SQL; the terms are a
 * snapshot taken at receipt, so later changes to the contract never rewrite a complaint's clocks.
 * Instants are epoch seconds.
 */
@Entity('complaints')
export class ComplaintRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ name: 'queue_id', type: 'varchar', length: 64, nullable: true })
  queueId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 200 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  severity!: Severity;

  @Column({ type: 'text' })
  description!: string;

  /** A pseudonymous reference to the customer (the source system's customer key), never a name or contact detail. */
  @Column({ name: 'customer_ref', type: 'varchar', length: 200 })
  customerRef!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'simple-json' })
  terms!: TermsSnapshot;

  @Column({ name: 'received_epoch', type: 'bigint', transformer: epochColumn })
  receivedEpoch!: number;

  @Column({ name: 'ack_due_epoch', type: 'bigint', transformer: epochColumn })
  ackDueEpoch!: number;

  @Column({ name: 'acknowledged_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  acknowledgedEpoch!: number | null;

  /** 1 met, 0 missed, null while the clock runs or when it never had to stop (withdrawn first). */
  @Column({ name: 'ack_met', type: 'int', nullable: true })
  ackMet!: number | null;

  /** The resolution deadline counting every finished pause; an open pause moves it further. */
  @Column({ name: 'resolve_due_epoch', type: 'bigint', transformer: epochColumn })
  resolveDueEpoch!: number;

  @Column({ name: 'paused_since_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  pausedSinceEpoch!: number | null;

  @Column({ name: 'responded_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  respondedEpoch!: number | null;

  @Column({ name: 'resolve_met', type: 'int', nullable: true })
  resolveMet!: number | null;

  /** Elapsed seconds from receipt to the (latest) response. */
  @Column({ name: 'resolve_seconds', type: 'bigint', nullable: true, transformer: epochColumn })
  resolveSeconds!: number | null;

  @Column({ name: 'responded_count', type: 'int' })
  respondedCount!: number;

  @Column({ name: 'reopen_count', type: 'int' })
  reopenCount!: number;

  @Column({ name: 'closed_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  closedEpoch!: number | null;

  /** The customer's satisfaction with the handling, 1-5, recorded at closure. */
  @Column({ name: 'customer_satisfaction', type: 'int', nullable: true })
  customerSatisfaction!: number | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 200 })
  recordedBy!: string;

  @Column({ name: 'recorded_by_org', type: 'varchar', length: 64 })
  recordedByOrg!: string;
}

/** Who moved a complaint, when, from what to what, and why (every transition and clock pause). */
@Entity('complaint_events')
export class ComplaintEventRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 64 })
  complaintId!: string;

  @Column({ type: 'int' })
  seq!: number;

  /** TRANSITION, PAUSE or RESUME. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: ComplaintStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: ComplaintStatus;

  @Column({ name: 'at_epoch', type: 'bigint', transformer: epochColumn })
  atEpoch!: number;

  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject!: string;

  @Column({ name: 'actor_org', type: 'varchar', length: 64 })
  actorOrg!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

export const PAUSE_REASONS = ['AWAITING_CUSTOMER', 'AWAITING_THIRD_PARTY', 'ANSWERED'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * A span in which the resolution clock did not run: waiting on the customer or a third party,
 * or (ANSWERED, automatic) the time a reopened complaint stood answered. Stored as instants, so
 * a pause survives any change of the contract's terms.
 */
@Entity('complaint_pauses')
export class ComplaintPauseRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 64 })
  complaintId!: string;

  @Column({ type: 'varchar', length: 24 })
  reason!: PauseReason;

  @Column({ name: 'start_epoch', type: 'bigint', transformer: epochColumn })
  startEpoch!: number;

  @Column({ name: 'end_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  endEpoch!: number | null;
}

/** A corrective action taken on a complaint's root cause (ISO 10002 8.4 / 8.8). */
@Entity('corrective_actions')
export class CorrectiveActionRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 64 })
  complaintId!: string;

  @Column({ name: 'root_cause', type: 'text' })
  rootCause!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'varchar', length: 200 })
  owner!: string;

  /** Local date YYYY-MM-DD. */
  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate!: string;

  @Column({ name: 'done_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  doneEpoch!: number | null;

  @Column({ name: 'created_epoch', type: 'bigint', transformer: epochColumn })
  createdEpoch!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;
}
