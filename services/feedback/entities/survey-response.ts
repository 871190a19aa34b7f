import { Column, Entity, PrimaryColumn } from 'typeorm';

export const epochColumn = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) };

export const SURVEY_TYPES = ['CSAT', 'NPS', 'CES', 'FCR'] as const;
export type SurveyType = (typeof SURVEY_TYPES)[number];

/**
 * One survey response (ISO 18295-2 6.9). Keyed by contract and the source system's response id,
 * so re-sending a file replaces rather than doubles. FCR stores resolved as score 1 / 0, so SQL
 * adds every type up the same way. Times are epoch seconds (integer comparisons, no zone in SQL).
 */
@Entity('survey_responses')
export class SurveyResponseRow {
  @PrimaryColumn({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @PrimaryColumn({ name: 'response_id', type: 'varchar', length: 200 })
  responseId!: string;

  @Column({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @Column({ type: 'varchar', length: 8 })
  type!: SurveyType;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ name: 'responded_epoch', type: 'bigint', transformer: epochColumn })
  respondedEpoch!: number;

  @Column({ name: 'interaction_ref', type: 'varchar', length: 200, nullable: true })
  interactionRef!: string | null;

  @Column({ name: 'agent_ref', type: 'varchar', length: 200, nullable: true })
  agentRef!: string | null;

  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3 })
  uploadedAt!: Date;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy!: string;
}

export const SURVEY_COLUMNS = [
  'contract_id', 'response_id', 'queue_id', 'type', 'score', 'channel', 'responded_epoch', 'interaction_ref', 'agent_ref', 'uploaded_at', 'uploaded_by',
] as const;
