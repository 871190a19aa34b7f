import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvaluatorParty } from '../../metrics/calibration';
import { epochColumn, jsonColumn } from './scorecard';

/** One answer of an evaluation, as stored. */
export interface StoredAnswer {
  criterionKey: string;
  value: string;
  comment: string | null;
}

/**
 * One evaluation of one interaction by one evaluator, scored under the scorecard version in
 * force at the interaction's time. Keyed by scorecard, evaluator (party and reference) and
 * interaction, so re-sending it replaces. Agent and evaluator references are pseudonyms the
 * parties control; the uploading user's token subject is kept for audit and never served.
 */
@Entity('quality_evaluations')
export class EvaluationRow {
  @PrimaryColumn({ name: 'scorecard_id', type: 'varchar', length: 64 })
  scorecardId!: string;

  @PrimaryColumn({ name: 'evaluator_party', type: 'varchar', length: 8 })
  evaluatorParty!: EvaluatorParty;

  @PrimaryColumn({ name: 'evaluator_ref', type: 'varchar', length: 200 })
  evaluatorRef!: string;

  @PrimaryColumn({ name: 'interaction_ref', type: 'varchar', length: 200 })
  interactionRef!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'queue_id', type: 'varchar', length: 64 })
  queueId!: string;

  @Column({ name: 'interaction_epoch', type: 'bigint', transformer: epochColumn })
  interactionEpoch!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ name: 'agent_ref', type: 'varchar', length: 200 })
  agentRef!: string;

  @Column({ type: 'double' })
  score!: number;

  @Column({ name: 'raw_score', type: 'double' })
  rawScore!: number;

  @Column({ name: 'critical_fail', type: 'int' })
  criticalFail!: number;

  @Column({ type: 'int' })
  passed!: number;

  @Column({ type: 'text', transformer: jsonColumn })
  answers!: StoredAnswer[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'uploaded_epoch', type: 'bigint', transformer: epochColumn })
  uploadedEpoch!: number;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy!: string;
}

export const EVALUATION_COLUMNS = [
  'scorecard_id', 'evaluator_party', 'evaluator_ref', 'interaction_ref', 'contract_id', 'version', 'queue_id', 'interaction_epoch', 'channel', 'agent_ref',
  'score', 'raw_score', 'critical_fail', 'passed', 'answers', 'comment', 'uploaded_epoch', 'uploaded_by',
] as const;
