import { notFound, Problems } from '../platform/errors';
import { checkList, checkNumber, checkText, checkInstant } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { CHANNELS } from '../metrics/vocabulary';
import { authorize } from './access';
import { AnswerInput, checkAnswers, checkInteractionAt, checkReference, CountedProblems } from './answers';
import { eventEpoch, QualityContext, QualityReadContext } from './context';
import { EvaluationRow } from './entities/evaluation';
import { EvaluationListArgs, evaluationsOfContract, upsertEvaluations } from './evaluations-storage';
import { findScorecard, versionsOfScorecards } from './scorecards-storage';
import { requireVersions, versionAt } from './scorecards';

/** A file full of mistakes answers with the first ones, not thousands. */
const MAX_PROBLEMS = 50;

export interface EvaluationInput {
  interactionRef: string;
  queueId: string;
  interactionAt: Date;
  channel: string;
  agentRef: string;
  evaluatorRef: string;
  answers: AnswerInput[];
  comment?: string | null;
}

export interface EvaluationsResult {
  scorecardId: string;
  received: number;
  inserted: number;
  replaced: number;
  evaluations: EvaluationRow[];
}

/**
 * The client or the centre uploads evaluations of interactions under a scorecard. The party is
 * the caller's side of the contract; each evaluation is scored under the version in force at
 * the interaction's time. The batch is checked as a whole (each interaction's queue must belong
 * to the contract, asked of the contracts subgraph once for the batch) and written in one
 * transaction; the same evaluator and interaction sent again replaces the stored evaluation.
 */
export async function recordEvaluations(ctx: QualityContext, scorecardId: string, inputs: EvaluationInput[]): Promise<EvaluationsResult> {
  const scorecard = await authorize(ctx, 'recordEvaluations', { scorecardId, scorecard: await findScorecard(ctx.db, scorecardId) });
  const size = new Problems();
  checkList(size, 'evaluations', inputs, LIST_LIMITS.evaluationsPerUpload, 'evaluations');
  size.throwIfAny();
  const now = eventEpoch(ctx);
  const [versions, contract] = await Promise.all([versionsOfScorecards(ctx.db, [scorecardId]), ctx.contracts.contract.load(scorecard.contractId)]);
  requireVersions(scorecardId, versions);
  if (!contract) throw notFound('Scorecard', scorecardId);
  const queues = new Set(contract.queues.map((q) => q.id));
  const problems = new CountedProblems();
  const rows: EvaluationRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < inputs.length && problems.count < MAX_PROBLEMS; i++) {
    const e = inputs[i];
    const at = `evaluations[${i}]`;
    checkReference(problems, `${at}.interactionRef`, e.interactionRef);
    checkReference(problems, `${at}.agentRef`, e.agentRef);
    checkReference(problems, `${at}.evaluatorRef`, e.evaluatorRef);
    const key = `${e.evaluatorRef}\u0000${e.interactionRef}`;
    const previous = seen.get(key);
    if (previous !== undefined) problems.add(`${at}.interactionRef`, `evaluations[${previous}] has the same evaluator and interaction; send each once`);
    seen.set(key, i);
    if (!queues.has(e.queueId)) problems.add(`${at}.queueId`, `queue "${String(e.queueId).slice(0, 64)}" is not a queue of contract ${scorecard.contractId}`);
    if (!(CHANNELS as readonly string[]).includes(e.channel)) problems.add(`${at}.channel`, `unknown channel "${e.channel}"`);
    checkText(problems, `${at}.comment`, e.comment, TEXT_LIMITS.description);
    const epoch = checkInteractionAt(problems, `${at}.interactionAt`, e.interactionAt, now);
    const version = Number.isFinite(epoch) ? versionAt(versions, epoch) : null;
    if (Number.isFinite(epoch) && !version) {
      problems.add(`${at}.interactionAt`, `is before the scorecard's first version came into force (${new Date(versions[0].effectiveFromEpoch * 1000).toISOString()})`);
    }
    if (!version) continue;
    const scored = checkAnswers(problems, at, e.answers, { passMark: version.passMark, sections: version.sections });
    if (!scored || !problems.empty) continue;
    rows.push(
      Object.assign(new EvaluationRow(), {
        scorecardId,
        evaluatorParty: scorecard.party,
        evaluatorRef: e.evaluatorRef,
        interactionRef: e.interactionRef,
        contractId: scorecard.contractId,
        version: version.version,
        queueId: e.queueId,
        interactionEpoch: epoch,
        channel: e.channel,
        agentRef: e.agentRef,
        score: scored.score.score!,
        rawScore: scored.score.rawScore!,
        criticalFail: scored.score.criticalFail ? 1 : 0,
        passed: scored.score.passed ? 1 : 0,
        answers: scored.stored,
        comment: e.comment?.trim() || null,
        uploadedEpoch: now,
        uploadedBy: ctx.viewer.subject,
      }),
    );
  }
  problems.throwIfAny();
  const replaced = rows.length ? await upsertEvaluations(ctx.db, rows) : 0;
  return { scorecardId, received: inputs.length, inserted: rows.length - replaced, replaced, evaluations: rows };
}

export interface EvaluationListInput {
  from: Date;
  to: Date;
  queueId?: string | null;
  agentRef?: string | null;
  first: number;
}

/** A contract's evaluations of interactions in [from, to), newest first, for its parties. */
export async function contractEvaluations(ctx: QualityReadContext, contractId: string, input: EvaluationListInput): Promise<EvaluationRow[]> {
  const problems = new Problems();
  checkInstant(problems, 'from', input.from);
  checkInstant(problems, 'to', input.to);
  checkNumber(problems, 'first', input.first, BOUNDS.qualityPerPage);
  checkText(problems, 'agentRef', input.agentRef, TEXT_LIMITS.reference);
  checkText(problems, 'queueId', input.queueId, TEXT_LIMITS.reference);
  problems.throwIfAny();
  const args: EvaluationListArgs = {
    from: Math.floor(input.from.getTime() / 1000),
    to: Math.floor(input.to.getTime() / 1000),
    queueId: input.queueId ?? null,
    agentRef: input.agentRef ?? null,
    first: input.first,
  };
  if (!(args.to > args.from)) problems.add('to', 'must be after from');
  problems.throwIfAny();
  await authorize(ctx, 'readContractQuality', { contractId });
  return evaluationsOfContract(ctx.db, contractId, args);
}
