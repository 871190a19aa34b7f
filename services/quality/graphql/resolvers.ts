import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { Granularity } from '../../metrics/calendar';
import { BOUNDS, LIST_LIMITS } from '../../metrics/bounds';
import {
  closeCalibrationSession,
  contractEvaluatorDrift,
  contractSessions,
  openCalibrationSession,
  readCalibrationSession,
  recordCalibrationScores,
  sessionScores,
} from '../calibration';
import { qualityContext } from '../context';
import { CalibrationScoreRow, CalibrationSessionRow, SessionStatus } from '../entities/calibration';
import { EvaluationRow } from '../entities/evaluation';
import { ScorecardRow, ScorecardVersionRow } from '../entities/scorecard';
import { contractEvaluations, recordEvaluations } from '../evaluations';
import { contractAgentQuality, contractEvaluatorQuality, contractQuality, contractWindowFigures, queueAgentQuality, queueQuality } from '../figures';
import type { QualityLoaders } from '../loaders';
import { contractScorecards, defineScorecard, readScorecard, reviseScorecard, versionAt } from '../scorecards';
import type { EvaluatorParty } from '../../metrics/calibration';
import {
  AgentQuality,
  CalibrationScore,
  CalibrationScoreInput,
  CalibrationSession,
  CalibrationSessionInput,
  CalibrationStatusEnum,
  Contract,
  Evaluation,
  EvaluationInput,
  EvaluatorDrift,
  EvaluatorQuality,
  FigureWindowInput,
  GranularityEnum,
  QualitySeries,
  Queue,
  RecordCalibrationScoresResult,
  RecordEvaluationsResult,
  Scorecard,
  ScorecardInput,
  ScorecardVersion,
  WindowFigure,
} from './types';

type Context = SubgraphContext<QualityLoaders>;

const at = (epoch: number | null) => (epoch === null ? null : new Date(epoch * 1000));

type ScorecardParent = Scorecard & { row: ScorecardRow };

function toScorecard(row: ScorecardRow): ScorecardParent {
  return { row, id: row.id, contractId: row.contractId, createdAt: at(row.createdEpoch)! };
}

function toVersion(v: ScorecardVersionRow, next: ScorecardVersionRow | undefined): ScorecardVersion {
  return {
    version: v.version,
    name: v.name,
    effectiveFrom: at(v.effectiveFromEpoch)!,
    effectiveTo: next ? at(next.effectiveFromEpoch) : null,
    passMark: v.passMark,
    sections: v.sections.map((s) => ({ key: s.key, title: s.title, weight: s.weight })),
    criteria: v.sections.flatMap((s) => s.criteria.map((c) => ({ sectionKey: s.key, ...c }))),
    createdAt: at(v.createdEpoch)!,
  };
}

function toEvaluation(e: EvaluationRow): Evaluation {
  return {
    scorecardId: e.scorecardId,
    scorecardVersion: e.version,
    interactionRef: e.interactionRef,
    queueId: e.queueId,
    interactionAt: at(e.interactionEpoch)!,
    channel: e.channel,
    agentRef: e.agentRef,
    evaluatorRef: e.evaluatorRef,
    evaluatorParty: e.evaluatorParty,
    score: e.score,
    rawScore: e.rawScore,
    criticalFail: e.criticalFail === 1,
    passed: e.passed === 1,
    answers: e.answers,
    comment: e.comment,
    uploadedAt: at(e.uploadedEpoch)!,
  };
}

function toScore(s: CalibrationScoreRow): CalibrationScore {
  return { interactionRef: s.interactionRef, evaluatorRef: s.evaluatorRef, evaluatorParty: s.evaluatorParty, score: s.score, criticalFail: s.criticalFail === 1, answers: s.answers, comment: s.comment };
}

type SessionParent = CalibrationSession & { row: CalibrationSessionRow; viewerParty: EvaluatorParty };

function toSession(row: CalibrationSessionRow & { party: EvaluatorParty }): SessionParent {
  return {
    row,
    viewerParty: row.party,
    id: row.id,
    scorecardId: row.scorecardId,
    scorecardVersion: row.version,
    contractId: row.contractId,
    title: row.title,
    status: row.status,
    interactions: row.interactions.map((x) => ({ interactionRef: x.interactionRef, queueId: x.queueId, interactionAt: at(x.interactionEpoch)!, channel: x.channel, agentRef: x.agentRef })),
    openedAt: at(row.openedEpoch)!,
    closedAt: at(row.closedEpoch),
    results: row.results,
  };
}

const SERIES = { granularity: { defaultValue: 'DAY', description: 'HOUR, DAY, WEEK or MONTH in the time zone (INTERVAL is 15 minutes)' } };
const FIRST = { defaultValue: 100, description: `${BOUNDS.qualityPerPage.min}..${BOUNDS.qualityPerPage.max}` };

@Resolver(() => Scorecard)
export class ScorecardResolver {
  @FieldResolver(() => Contract) contract(@Root() s: ScorecardParent): Contract {
    return { id: s.contractId };
  }

  @FieldResolver(() => [ScorecardVersion], { description: 'Every version, oldest first' })
  async versions(@Root() s: ScorecardParent, @Ctx() ctx: Context): Promise<ScorecardVersion[]> {
    const versions = await ctx.loaders.versionsByScorecard.load(s.id);
    return versions.map((v, i) => toVersion(v, versions[i + 1]));
  }

  @FieldResolver(() => ScorecardVersion, { nullable: true, description: 'The version in force at `at` (now when left out); null before the first' })
  async version(@Root() s: ScorecardParent, @Ctx() ctx: Context, @Arg('at', () => Date, { nullable: true }) when?: Date | null): Promise<ScorecardVersion | null> {
    const versions = await ctx.loaders.versionsByScorecard.load(s.id);
    const instant = Math.floor((when ?? ctx.now).getTime() / 1000);
    const v = Number.isFinite(instant) ? versionAt(versions, instant) : null;
    return v ? toVersion(v, versions.find((x) => x.version === v.version + 1)) : null;
  }
}

@Resolver(() => CalibrationSession)
export class CalibrationSessionResolver {
  @FieldResolver(() => [CalibrationScore], { description: "Every score once closed; while open, only your side's scores (evaluators score independently)" })
  async scores(@Root() s: SessionParent, @Ctx() ctx: Context): Promise<CalibrationScore[]> {
    return (await sessionScores(qualityContext(ctx), s.row, s.viewerParty)).map(toScore);
  }
}

@Resolver(() => Queue)
export class QueueQualityResolver {
  @FieldResolver(() => QualitySeries, { nullable: true, description: "QUALITY_SCORE of this queue per bucket of the queue's time zone" })
  quality(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => GranularityEnum, SERIES.granularity) granularity: Granularity,
  ) {
    return queueQuality(qualityContext(ctx), queue.id, { from, to, granularity });
  }

  @FieldResolver(() => [AgentQuality], { nullable: true, description: 'QUALITY_SCORE per agent (pseudonymous key) over [from, to), by agent key' })
  qualityByAgent(@Root() queue: Queue, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Arg('first', () => Int, FIRST) first: number) {
    return queueAgentQuality(qualityContext(ctx), queue.id, from, to, first);
  }
}

@Resolver(() => Contract)
export class ContractQualityResolver {
  @FieldResolver(() => [Scorecard], { nullable: true, description: 'Quality scorecards of this contract' })
  async scorecards(@Root() contract: Contract, @Ctx() ctx: Context) {
    return (await contractScorecards(qualityContext(ctx), contract.id)).map(toScorecard);
  }

  @FieldResolver(() => QualitySeries, { nullable: true, description: "QUALITY_SCORE of all the contract's evaluations, in its first queue's time zone" })
  quality(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('granularity', () => GranularityEnum, SERIES.granularity) granularity: Granularity,
  ) {
    return contractQuality(qualityContext(ctx), contract.id, { from, to, granularity });
  }

  @FieldResolver(() => [AgentQuality], { nullable: true, description: 'QUALITY_SCORE per agent over all queues, [from, to)' })
  qualityByAgent(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Arg('first', () => Int, FIRST) first: number) {
    return contractAgentQuality(qualityContext(ctx), contract.id, from, to, first);
  }

  @FieldResolver(() => [EvaluatorQuality], { nullable: true, description: 'QUALITY_SCORE of the evaluations each evaluator gave, [from, to)' })
  qualityByEvaluator(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Arg('first', () => Int, FIRST) first: number) {
    return contractEvaluatorQuality(qualityContext(ctx), contract.id, from, to, first);
  }

  @FieldResolver(() => [Evaluation], { nullable: true, description: 'Evaluations of interactions in [from, to), newest first' })
  async evaluations(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('queueId', () => ID, { nullable: true }) queueId?: string | null,
    @Arg('agentRef', () => String, { nullable: true }) agentRef?: string | null,
    @Arg('first', () => Int, FIRST) first = 100,
  ) {
    return (await contractEvaluations(qualityContext(ctx), contract.id, { from, to, queueId, agentRef, first })).map(toEvaluation);
  }

  @FieldResolver(() => [CalibrationSession], { nullable: true, description: 'Calibration sessions, newest first' })
  async calibrationSessions(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('status', () => CalibrationStatusEnum, { nullable: true }) status?: SessionStatus | null,
    @Arg('first', () => Int, FIRST) first = 100,
  ) {
    return (await contractSessions(qualityContext(ctx), contract.id, status ?? null, first)).map(toSession);
  }

  @FieldResolver(() => [EvaluatorDrift], { nullable: true, description: "Each evaluator's deviation from the consensus across the sessions closed in [from, to)" })
  evaluatorDrift(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date) {
    return contractEvaluatorDrift(qualityContext(ctx), contract.id, from, to);
  }

  @Directive('@shareable')
  @Directive('@inaccessible')
  @FieldResolver(() => [WindowFigure], {
    description: `For SLA verdicts (asked by the performance subgraph): QUALITY_SCORE per window as a ratio (CANONICAL/MEAN_SCORE 0.91 for 91 %, SHARE_PASSING, CRITICAL_FAIL_RATE), in order; at most ${LIST_LIMITS.figureWindows.toLocaleString('en')} ascending windows that do not overlap`,
  })
  windowFigures(
    @Root() contract: Contract,
    @Ctx() ctx: Context,
    @Arg('metric', () => String) metric: string,
    @Arg('windows', () => [FigureWindowInput]) windows: FigureWindowInput[],
    @Arg('variant', () => String, { nullable: true }) variant?: string | null,
    @Arg('queueId', () => ID, { nullable: true }) queueId?: string | null,
  ) {
    return contractWindowFigures(qualityContext(ctx), contract.id, { metric, variant, queueId, windows });
  }
}

@Resolver()
export class QualityOperations {
  @Query(() => Scorecard, { description: 'One scorecard; NOT_FOUND unless you are a party of its contract' })
  async scorecard(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return toScorecard(await readScorecard(qualityContext(ctx), id));
  }

  @Query(() => CalibrationSession, { description: 'One calibration session; NOT_FOUND unless you are a party of its contract' })
  async calibrationSession(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return toSession(await readCalibrationSession(qualityContext(ctx), id));
  }

  @Mutation(() => Scorecard, { description: "The contract's client defines a quality scorecard (version 1, in force from effectiveFrom, now by default)" })
  async defineScorecard(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('input', () => ScorecardInput) input: ScorecardInput,
    @Arg('effectiveFrom', () => Date, { nullable: true }) effectiveFrom?: Date | null,
  ) {
    return toScorecard(await defineScorecard(qualityContext(ctx), contractId, input, effectiveFrom));
  }

  @Mutation(() => Scorecard, { description: 'The client adds a version in force from effectiveFrom (now or later, after the previous version); stored scores never change' })
  async reviseScorecard(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ScorecardInput) input: ScorecardInput,
    @Arg('effectiveFrom', () => Date, { nullable: true }) effectiveFrom?: Date | null,
  ) {
    return toScorecard(await reviseScorecard(qualityContext(ctx), id, input, effectiveFrom));
  }

  @Mutation(() => RecordEvaluationsResult, {
    description: `The client or the centre uploads evaluations: up to ${LIST_LIMITS.evaluationsPerUpload.toLocaleString('en')} per call, all or nothing; the same evaluator and interaction sent again replaces`,
  })
  async recordEvaluations(@Ctx() ctx: Context, @Arg('scorecardId', () => ID) scorecardId: string, @Arg('evaluations', () => [EvaluationInput]) evaluations: EvaluationInput[]) {
    const result = await recordEvaluations(qualityContext(ctx), scorecardId, evaluations);
    return { ...result, evaluations: result.evaluations.map(toEvaluation) };
  }

  @Mutation(() => CalibrationSession, { description: "Either party opens a calibration session on interactions of the scorecard's contract" })
  async openCalibrationSession(@Ctx() ctx: Context, @Arg('scorecardId', () => ID) scorecardId: string, @Arg('input', () => CalibrationSessionInput) input: CalibrationSessionInput) {
    return toSession(await openCalibrationSession(qualityContext(ctx), scorecardId, input));
  }

  @Mutation(() => RecordCalibrationScoresResult, { description: 'Evaluators of your side score interactions of an open session; CONFLICT once it is closed' })
  async recordCalibrationScores(@Ctx() ctx: Context, @Arg('sessionId', () => ID) sessionId: string, @Arg('scores', () => [CalibrationScoreInput]) scores: CalibrationScoreInput[]) {
    const result = await recordCalibrationScores(qualityContext(ctx), sessionId, scores);
    return { ...result, scores: result.scores.map(toScore) };
  }

  @Mutation(() => CalibrationSession, { description: 'Closes a session and computes its statistics; CONFLICT when already closed' })
  async closeCalibrationSession(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return toSession(await closeCalibrationSession(qualityContext(ctx), id));
  }
}

/** References are plain keys: every field that reads data authorises itself. */
export const referenceResolvers = {
  Queue: (ref: { id: string }) => ({ id: ref.id }),
  Contract: (ref: { id: string }) => ({ id: ref.id }),
};
