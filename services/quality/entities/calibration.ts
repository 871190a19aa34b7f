import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalibrationResults, EvaluatorParty } from '../../metrics/calibration';
import type { StoredAnswer } from './evaluation';
import { epochColumn, jsonColumn } from './scorecard';

export const SESSION_STATUSES = ['OPEN', 'CLOSED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** An interaction a calibration session is about. */
export interface SessionInteraction {
  interactionRef: string;
  queueId: string;
  interactionEpoch: number;
  channel: string;
  agentRef: string | null;
}

/**
 * A calibration session: evaluators of both parties score the same interactions under one
 * scorecard version (the one in force when it opened). Its results are computed once, at close,
 * and stored: they never change afterwards.
 */
@Entity('quality_calibration_sessions')
export class CalibrationSessionRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'scorecard_id', type: 'varchar', length: 64 })
  scorecardId!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'client_id', type: 'varchar', length: 64 })
  clientId!: string;

  @Column({ name: 'centre_id', type: 'varchar', length: 64 })
  centreId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 8 })
  status!: SessionStatus;

  /** Moves with every batch of scores: the conditional UPDATE that moves it refuses scores once the session is closed. */
  @Column({ name: 'scores_revision', type: 'int' })
  scoresRevision!: number;

  @Column({ type: 'text', transformer: jsonColumn })
  interactions!: SessionInteraction[];

  @Column({ name: 'opened_epoch', type: 'bigint', transformer: epochColumn })
  openedEpoch!: number;

  @Column({ name: 'opened_by_org', type: 'varchar', length: 64 })
  openedByOrg!: string;

  @Column({ name: 'closed_epoch', type: 'bigint', nullable: true, transformer: epochColumn })
  closedEpoch!: number | null;

  @Column({ type: 'text', nullable: true, transformer: jsonColumn })
  results!: CalibrationResults | null;
}

/** One evaluator's score of one interaction in a session; re-sending replaces it while the session is open. */
@Entity('quality_calibration_scores')
export class CalibrationScoreRow {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 64 })
  sessionId!: string;

  @PrimaryColumn({ name: 'evaluator_party', type: 'varchar', length: 8 })
  evaluatorParty!: EvaluatorParty;

  @PrimaryColumn({ name: 'evaluator_ref', type: 'varchar', length: 200 })
  evaluatorRef!: string;

  @PrimaryColumn({ name: 'interaction_ref', type: 'varchar', length: 200 })
  interactionRef!: string;

  @Column({ type: 'double' })
  score!: number;

  @Column({ name: 'critical_fail', type: 'int' })
  criticalFail!: number;

  @Column({ type: 'text', transformer: jsonColumn })
  answers!: StoredAnswer[];

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'uploaded_epoch', type: 'bigint', transformer: epochColumn })
  uploadedEpoch!: number;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 200 })
  uploadedBy!: string;
}

export const CALIBRATION_SCORE_COLUMNS = ['session_id', 'evaluator_party', 'evaluator_ref', 'interaction_ref', 'score', 'critical_fail', 'answers', 'comment', 'uploaded_epoch', 'uploaded_by'] as const;

/**
 * An evaluator's results in a closed session, one row each, so an evaluator's drift across
 * sessions is one statement whatever the number of evaluators.
 */
@Entity('quality_calibration_evaluators')
export class CalibrationEvaluatorRow {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 64 })
  sessionId!: string;

  @PrimaryColumn({ name: 'evaluator_party', type: 'varchar', length: 8 })
  evaluatorParty!: EvaluatorParty;

  @PrimaryColumn({ name: 'evaluator_ref', type: 'varchar', length: 200 })
  evaluatorRef!: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 64 })
  contractId!: string;

  @Column({ name: 'scorecard_id', type: 'varchar', length: 64 })
  scorecardId!: string;

  @Column({ name: 'closed_epoch', type: 'bigint', transformer: epochColumn })
  closedEpoch!: number;

  @Column({ type: 'int' })
  interactions!: number;

  @Column({ name: 'mean_score', type: 'double' })
  meanScore!: number;

  @Column({ name: 'from_consensus', type: 'double', nullable: true })
  fromConsensus!: number | null;

  @Column({ name: 'from_consensus_low', type: 'double', nullable: true })
  fromConsensusLow!: number | null;

  @Column({ name: 'from_consensus_high', type: 'double', nullable: true })
  fromConsensusHigh!: number | null;

  @Column({ name: 'from_baseline', type: 'double', nullable: true })
  fromBaseline!: number | null;

  @Column({ name: 'from_baseline_low', type: 'double', nullable: true })
  fromBaselineLow!: number | null;

  @Column({ name: 'from_baseline_high', type: 'double', nullable: true })
  fromBaselineHigh!: number | null;
}
