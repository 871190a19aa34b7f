import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GRANULARITIES } from '../../metrics/calendar';
import { CHANNELS } from '../../metrics/vocabulary';
import { ANSWER_SCALES } from '../../metrics/scorecard';
import { enumOf } from '../../platform/enums';
import { SESSION_STATUSES } from '../entities/calibration';

// The same enums (names and values) as the other subgraphs declare.
export const GranularityEnum = enumOf(GRANULARITIES);
export const ChannelEnum = enumOf(CHANNELS);
export const AnswerScaleEnum = enumOf(ANSWER_SCALES);
export const EvaluatorPartyEnum = enumOf(['CLIENT', 'CENTRE'] as const);
export const CalibrationStatusEnum = enumOf(SESSION_STATUSES);

registerEnumType(GranularityEnum, { name: 'Granularity', description: 'Buckets of a series; HOUR and longer follow the time zone' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(AnswerScaleEnum, { name: 'AnswerScale', description: 'YES_NO_NA: YES (100 points), NO (0), NA where allowed; ONE_TO_FIVE: 1 (0 points) to 5 (100), NA where allowed' });
registerEnumType(EvaluatorPartyEnum, { name: 'EvaluatorParty', description: "The contract party an evaluator scores for: the uploading organisation's side" });
registerEnumType(CalibrationStatusEnum, { name: 'CalibrationStatus' });

@Directive('@key(fields: "id")')
@ObjectType()
export class Queue {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID) id!: string;
}

// ---- scorecards -------------------------------------------------------------------------------

@ObjectType()
export class ScorecardCriterion {
  @Field(() => String, { description: 'The section the criterion belongs to' }) sectionKey!: string;
  @Field(() => String, { description: 'Stable across versions: answers and calibration refer to it' }) key!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: 'Relative weight within its section (positive)' }) weight!: number;
  @Field(() => AnswerScaleEnum) scale!: string;
  @Field(() => Boolean, { description: 'Answered NO, it fails the whole evaluation (score 0)' }) critical!: boolean;
  @Field(() => Boolean) allowNotApplicable!: boolean;
}

@ObjectType()
export class ScorecardSection {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: 'Relative weight of the section in the score (positive)' }) weight!: number;
}

@ObjectType({ description: 'One version of a scorecard, in force from effectiveFrom until the next version starts' })
export class ScorecardVersion {
  @Field(() => Int) version!: number;
  @Field(() => String) name!: string;
  @Field(() => Date) effectiveFrom!: Date;
  @Field(() => Date, { nullable: true, description: 'When the next version starts; null for the latest' }) effectiveTo!: Date | null;
  @Field(() => Float, { description: 'Pass mark, 0-100 %' }) passMark!: number;
  @Field(() => [ScorecardSection]) sections!: ScorecardSection[];
  @Field(() => [ScorecardCriterion], { description: 'Every criterion of every section, in order (one list, so a query stays cheap)' }) criteria!: ScorecardCriterion[];
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: 'A quality scorecard on a contract: defined by the client, read by both parties, versioned' })
export class Scorecard {
  @Field(() => ID) id!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => Date) createdAt!: Date;
}

@InputType()
export class ScorecardCriterionInput {
  @Field(() => String, { description: 'Letters, digits and . _ : -; unique in the scorecard' }) key!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: 'Positive' }) weight!: number;
  @Field(() => AnswerScaleEnum) scale!: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'YES_NO_NA only: NO fails the evaluation' }) critical?: boolean;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) allowNotApplicable?: boolean;
}

@InputType()
export class ScorecardSectionInput {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: 'Positive' }) weight!: number;
  @Field(() => [ScorecardCriterionInput]) criteria!: ScorecardCriterionInput[];
}

@InputType()
export class ScorecardInput {
  @Field(() => String) name!: string;
  @Field(() => Float, { description: '0-100 %: an evaluation passes at or above it, without a critical fail' }) passMark!: number;
  @Field(() => [ScorecardSectionInput]) sections!: ScorecardSectionInput[];
}

// ---- evaluations ------------------------------------------------------------------------------

@InputType()
export class AnswerInput {
  @Field(() => String) criterionKey!: string;
  @Field(() => String, { description: 'YES, NO or NA (YES_NO_NA); 1-5 or NA (ONE_TO_FIVE); NA only where the criterion allows it' }) value!: string;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType({ description: "One evaluation of one interaction; its party is the uploader's side of the contract" })
export class EvaluationInput {
  @Field(() => String, { description: 'The interaction (a key in the centre platform)' }) interactionRef!: string;
  @Field(() => ID, { description: "A queue of the scorecard's contract" }) queueId!: string;
  @Field(() => Date, { description: 'When the interaction took place: it picks the scorecard version' }) interactionAt!: Date;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String, { description: 'The agent: a pseudonymous key, never a name' }) agentRef!: string;
  @Field(() => String, { description: 'The evaluator: a pseudonymous key; with the party and interaction it identifies the evaluation (re-sending replaces)' }) evaluatorRef!: string;
  @Field(() => [AnswerInput], { description: 'One answer per criterion of the version in force' }) answers!: AnswerInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType()
export class Answer {
  @Field(() => String) criterionKey!: string;
  @Field(() => String) value!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType({ description: 'An evaluation scored under the scorecard version in force at the interaction' })
export class Evaluation {
  @Field(() => ID) scorecardId!: string;
  @Field(() => Int) scorecardVersion!: number;
  @Field(() => String) interactionRef!: string;
  @Field(() => ID) queueId!: string;
  @Field(() => Date) interactionAt!: Date;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String, { description: 'Pseudonymous agent key as uploaded' }) agentRef!: string;
  @Field(() => String, { description: 'Pseudonymous evaluator key as uploaded' }) evaluatorRef!: string;
  @Field(() => EvaluatorPartyEnum) evaluatorParty!: string;
  @Field(() => Float, { description: '0-100; 0 on a critical fail' }) score!: number;
  @Field(() => Float, { description: 'The weighted score before a critical fail' }) rawScore!: number;
  @Field(() => Boolean) criticalFail!: boolean;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => [Answer]) answers!: Answer[];
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) uploadedAt!: Date;
}

@ObjectType()
export class RecordEvaluationsResult {
  @Field(() => ID) scorecardId!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int) inserted!: number;
  @Field(() => Int, { description: 'Evaluations that replaced stored ones (same evaluator and interaction)' }) replaced!: number;
  @Field(() => [Evaluation]) evaluations!: Evaluation[];
}

// ---- quality figures --------------------------------------------------------------------------

@ObjectType({ description: 'A mean score 0-100 with its 95 % t interval' })
export class QualityMean {
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
}

@ObjectType({ description: 'A share (0..1) of evaluations with its 95 % Wilson interval' })
export class QualityShare {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) share!: number | null;
  @Field(() => Float, { nullable: true }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
}

@ObjectType({ description: 'QUALITY_SCORE: MEAN_SCORE (canonical), SHARE_PASSING and CRITICAL_FAIL_RATE' })
export class QualityFigure {
  @Field(() => Int) evaluations!: number;
  @Field(() => QualityMean, { description: 'MEAN_SCORE: mean evaluation score, 0-100' }) meanScore!: QualityMean;
  @Field(() => QualityShare, { description: "SHARE_PASSING: at or above the version's pass mark without a critical fail" }) sharePassing!: QualityShare;
  @Field(() => QualityShare, { description: 'CRITICAL_FAIL_RATE' }) criticalFailRate!: QualityShare;
}

@ObjectType()
export class QualityPoint extends QualityFigure {
  @Field(() => String) label!: string;
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
}

@ObjectType()
export class QualitySeries {
  @Field(() => String, { description: 'QUALITY_SCORE' }) metric!: string;
  @Field(() => String) timeZone!: string;
  @Field(() => GranularityEnum) granularity!: string;
  @Field(() => [QualityPoint]) points!: QualityPoint[];
}

@ObjectType({ description: 'Quality of one agent (pseudonymous key as the centre uploads it)' })
export class AgentQuality extends QualityFigure {
  @Field(() => String) agentRef!: string;
}

@ObjectType({ description: 'Quality of the evaluations one evaluator gave' })
export class EvaluatorQuality extends QualityFigure {
  @Field(() => String) evaluatorRef!: string;
  @Field(() => EvaluatorPartyEnum) party!: string;
}

/**
 * The subgraph-to-subgraph figures API for SLA verdicts (`Contract.windowFigures`). Feedback and
 * quality both resolve it, each for its own metrics, so the gateway must never route a client's
 * query to it: it is @inaccessible (absent from the public API) and @shareable (both define it).
 * The performance subgraph asks each owner directly.
 */
@Directive('@inaccessible')
@InputType({ description: 'One measurement window [from, to)' })
export class FigureWindowInput {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: "A metric's figure in one measurement window, with its sample size and 95 % interval" })
export class WindowFigure {
  @Field(() => Date) from!: string;
  @Field(() => Date) to!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) numerator!: number | null;
  @Field(() => Float, { nullable: true }) denominator!: number | null;
  @Field(() => Int) sampleSize!: number;
  @Field(() => Float, { nullable: true }) confidenceLow!: number | null;
  @Field(() => Float, { nullable: true }) confidenceHigh!: number | null;
  @Field(() => Boolean) approximate!: boolean;
}

// ---- calibration ------------------------------------------------------------------------------

@InputType()
export class CalibrationInteractionInput {
  @Field(() => String) interactionRef!: string;
  @Field(() => ID) queueId!: string;
  @Field(() => Date) interactionAt!: Date;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String, { nullable: true }) agentRef?: string | null;
}

@InputType()
export class CalibrationSessionInput {
  @Field(() => String) title!: string;
  @Field(() => [CalibrationInteractionInput]) interactions!: CalibrationInteractionInput[];
}

@InputType()
export class CalibrationScoreInput {
  @Field(() => String, { description: 'An interaction of the session' }) interactionRef!: string;
  @Field(() => String, { description: 'Pseudonymous evaluator key; the party is your side of the contract' }) evaluatorRef!: string;
  @Field(() => [AnswerInput]) answers!: AnswerInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType()
export class CalibrationInteraction {
  @Field(() => String) interactionRef!: string;
  @Field(() => ID) queueId!: string;
  @Field(() => Date) interactionAt!: Date;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String, { nullable: true }) agentRef!: string | null;
}

@ObjectType()
export class CalibrationScore {
  @Field(() => String) interactionRef!: string;
  @Field(() => String) evaluatorRef!: string;
  @Field(() => EvaluatorPartyEnum) evaluatorParty!: string;
  @Field(() => Float) score!: number;
  @Field(() => Boolean) criticalFail!: boolean;
  @Field(() => [Answer]) answers!: Answer[];
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType()
export class RecordCalibrationScoresResult {
  @Field(() => ID) sessionId!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int) inserted!: number;
  @Field(() => Int) replaced!: number;
  @Field(() => [CalibrationScore]) scores!: CalibrationScore[];
}

@ObjectType({ description: 'An inter-rater reliability coefficient with how it was computed' })
export class ReliabilityFigure {
  @Field(() => String, { description: "ICC(2,1), Krippendorff's alpha (interval) or Krippendorff's alpha (nominal)" }) method!: string;
  @Field(() => String, { description: 'What it was computed on, and the reference' }) basis!: string;
  @Field(() => Float, { nullable: true }) coefficient!: number | null;
  @Field(() => Float, { nullable: true, description: '95 % interval (ICC only)' }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
  @Field(() => Int) units!: number;
  @Field(() => Int) raters!: number;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: "Share of answers equal to the interaction's most frequent answer (the consensus)" })
export class CriterionAgreement {
  @Field(() => String) criterionKey!: string;
  @Field(() => Int, { description: 'Interactions with at least two answers' }) units!: number;
  @Field(() => Int) answers!: number;
  @Field(() => Int) agreeing!: number;
  @Field(() => Float, { nullable: true }) share!: number | null;
}

@ObjectType({ description: 'A mean deviation in score points with its 95 % t interval over the interactions' })
export class ScoreDeviation {
  @Field(() => Int) n!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { nullable: true }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
}

@ObjectType({ description: 'How an evaluator scored: positive deviations are lenient, negative harsh' })
export class EvaluatorCalibration {
  @Field(() => String) evaluatorRef!: string;
  @Field(() => EvaluatorPartyEnum) party!: string;
  @Field(() => Int) interactions!: number;
  @Field(() => Float) meanScore!: number;
  @Field(() => ScoreDeviation, { nullable: true, description: 'Own score minus the consensus (mean of every evaluator)' }) fromConsensus!: ScoreDeviation | null;
  @Field(() => ScoreDeviation, { nullable: true, description: "Own score minus the client's baseline (mean of the other client evaluators)" }) fromClientBaseline!: ScoreDeviation | null;
}

@ObjectType()
export class InteractionConsensus {
  @Field(() => String) interactionRef!: string;
  @Field(() => Int) evaluators!: number;
  @Field(() => Float) consensusScore!: number;
  @Field(() => Float, { nullable: true }) clientBaseline!: number | null;
}

@ObjectType({ description: 'Computed when the session closed; never changes' })
export class CalibrationResults {
  @Field(() => Int) interactions!: number;
  @Field(() => Int) evaluators!: number;
  @Field(() => Int) scores!: number;
  @Field(() => ScoreDeviation, {
    nullable: true,
    description: "How far apart the parties score: per interaction both scored, the centre evaluators' mean minus the client evaluators' mean, averaged with its 95 % t interval (positive: the centre is more lenient); null unless both parties scored an interaction",
  })
  centreMinusClient!: ScoreDeviation | null;
  @Field(() => [ReliabilityFigure]) reliability!: ReliabilityFigure[];
  @Field(() => [CriterionAgreement]) criteria!: CriterionAgreement[];
  @Field(() => [EvaluatorCalibration]) evaluatorResults!: EvaluatorCalibration[];
  @Field(() => [InteractionConsensus]) consensus!: InteractionConsensus[];
}

@ObjectType({ description: 'Evaluators of both parties score the same interactions independently; statistics once closed' })
export class CalibrationSession {
  @Field(() => ID) id!: string;
  @Field(() => ID) scorecardId!: string;
  @Field(() => Int, { description: 'The scorecard version in force when the session opened' }) scorecardVersion!: number;
  @Field(() => ID) contractId!: string;
  @Field(() => String) title!: string;
  @Field(() => CalibrationStatusEnum) status!: string;
  @Field(() => [CalibrationInteraction]) interactions!: CalibrationInteraction[];
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => CalibrationResults, { nullable: true, description: 'Null while open' }) results!: CalibrationResults | null;
}

@ObjectType()
export class DriftPoint {
  @Field(() => ID) sessionId!: string;
  @Field(() => Date) closedAt!: Date;
  @Field(() => Int) interactions!: number;
  @Field(() => Float) meanScore!: number;
  @Field(() => Float, { nullable: true }) fromConsensus!: number | null;
  @Field(() => Float, { nullable: true }) fromConsensusLow!: number | null;
  @Field(() => Float, { nullable: true }) fromConsensusHigh!: number | null;
  @Field(() => Float, { nullable: true }) fromClientBaseline!: number | null;
  @Field(() => Float, { nullable: true }) fromClientBaselineLow!: number | null;
  @Field(() => Float, { nullable: true }) fromClientBaselineHigh!: number | null;
}

@ObjectType({ description: "An evaluator's deviation from the consensus across closed calibration sessions" })
export class EvaluatorDrift {
  @Field(() => String) evaluatorRef!: string;
  @Field(() => EvaluatorPartyEnum) party!: string;
  @Field(() => [DriftPoint]) sessions!: DriftPoint[];
  @Field(() => Float, { nullable: true, description: 'Least-squares change of the deviation from the consensus per session, in points' }) trendPerSession!: number | null;
  @Field(() => Float, { nullable: true }) meanFromConsensus!: number | null;
}
