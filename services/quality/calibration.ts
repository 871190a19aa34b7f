import { badInput, conflict, notFound, Problems } from '../platform/errors';
import { checkInstant, checkList, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { calibrationResults, EvaluatorParty, linearTrend } from '../metrics/calibration';
import { criterionKeys } from '../metrics/scorecard';
import { CHANNELS } from '../metrics/vocabulary';
import { authorize } from './access';
import { AnswerInput, checkAnswers, checkInteractionAt, checkReference, CountedProblems } from './answers';
import { closeSession, findSession, insertSession, SessionListArgs, upsertScores } from './calibration-storage';
import { eventEpoch, QualityContext, QualityReadContext } from './context';
import { CalibrationEvaluatorRow, CalibrationScoreRow, CalibrationSessionRow, SessionInteraction, SessionStatus } from './entities/calibration';
import { findScorecard, newId, versionsOfScorecards } from './scorecards-storage';
import { requireVersions, versionAt } from './scorecards';

/**
 * Calibration sessions: evaluators of both parties score the same interactions independently
 * under one scorecard version (the one in force when the session opened); when the session
 * closes, its statistics are computed once (metrics/calibration.ts) and kept. While it is open,
 * each party sees only its own side's scores, so nobody scores with the other side's answers in
 * view. Scores sent after the close are refused with CONFLICT and write nothing.
 */

const MAX_PROBLEMS = 50;
/** A session holds at most this many scores (evaluators × interactions). */
const MAX_SCORES_PER_SESSION = LIST_LIMITS.calibrationScoresPerCall;

export interface SessionInteractionInput {
  interactionRef: string;
  queueId: string;
  interactionAt: Date;
  channel: string;
  agentRef?: string | null;
}

export interface OpenSessionInput {
  title: string;
  interactions: SessionInteractionInput[];
}

/** Either party (write role) opens a session on interactions of the scorecard's contract. */
export async function openCalibrationSession(ctx: QualityContext, scorecardId: string, input: OpenSessionInput): Promise<CalibrationSessionRow & { party: EvaluatorParty }> {
  const scorecard = await authorize(ctx, 'openCalibrationSession', { scorecardId, scorecard: await findScorecard(ctx.db, scorecardId) });
  const now = eventEpoch(ctx);
  const problems = new CountedProblems();
  if (!input.title?.trim()) problems.add('input.title', 'must not be empty');
  else checkText(problems, 'input.title', input.title, TEXT_LIMITS.name);
  const interactions = input.interactions ?? [];
  if (interactions.length === 0) problems.add('input.interactions', 'a session is about at least one interaction');
  checkList(problems, 'input.interactions', interactions, LIST_LIMITS.calibrationInteractions, 'interactions');
  problems.throwIfAny();
  const [versions, contract] = await Promise.all([versionsOfScorecards(ctx.db, [scorecardId]), ctx.contracts.contract.load(scorecard.contractId)]);
  requireVersions(scorecardId, versions);
  if (!contract) throw notFound('Scorecard', scorecardId);
  const version = versionAt(versions, now);
  if (!version) throw badInput({ field: 'scorecardId', message: `no version of scorecard ${scorecardId} is in force yet (the first starts ${new Date(versions[0].effectiveFromEpoch * 1000).toISOString()})` });
  const queues = new Set(contract.queues.map((q) => q.id));
  const seen = new Map<string, number>();
  const stored: SessionInteraction[] = interactions.map((x, i) => {
    const at = `input.interactions[${i}]`;
    checkReference(problems, `${at}.interactionRef`, x.interactionRef);
    const previous = seen.get(x.interactionRef);
    if (previous !== undefined) problems.add(`${at}.interactionRef`, `the same interaction as input.interactions[${previous}]`);
    seen.set(x.interactionRef, i);
    if (!queues.has(x.queueId)) problems.add(`${at}.queueId`, `queue "${String(x.queueId).slice(0, 64)}" is not a queue of contract ${scorecard.contractId}`);
    if (!(CHANNELS as readonly string[]).includes(x.channel)) problems.add(`${at}.channel`, `unknown channel "${x.channel}"`);
    if (x.agentRef !== null && x.agentRef !== undefined) checkReference(problems, `${at}.agentRef`, x.agentRef);
    const epoch = checkInteractionAt(problems, `${at}.interactionAt`, x.interactionAt, now);
    return { interactionRef: x.interactionRef, queueId: x.queueId, interactionEpoch: epoch, channel: x.channel, agentRef: x.agentRef ?? null };
  });
  problems.throwIfAny();
  const row = Object.assign(new CalibrationSessionRow(), {
    id: newId('cal'),
    scorecardId,
    contractId: scorecard.contractId,
    clientId: scorecard.clientId,
    centreId: scorecard.centreId,
    version: version.version,
    title: input.title.trim(),
    status: 'OPEN' as const,
    scoresRevision: 0,
    interactions: stored,
    openedEpoch: now,
    openedByOrg: ctx.viewer.organisationId,
    closedEpoch: null,
    results: null,
  });
  await insertSession(ctx.db, row);
  return { ...row, party: scorecard.party };
}

export interface CalibrationScoreInput {
  interactionRef: string;
  evaluatorRef: string;
  answers: AnswerInput[];
  comment?: string | null;
}

export interface ScoresResult {
  sessionId: string;
  received: number;
  inserted: number;
  replaced: number;
  scores: CalibrationScoreRow[];
}

async function sessionVersion(ctx: QualityContext, session: CalibrationSessionRow) {
  const versions = await versionsOfScorecards(ctx.db, [session.scorecardId]);
  const version = versions.find((v) => v.version === session.version);
  if (!version) throw notFound('Calibration session', session.id);
  return version;
}

/**
 * Evaluators of the caller's party score interactions of an open session (all or nothing); the
 * same evaluator and interaction sent again replaces its score while the session is open. After
 * the close: CONFLICT, nothing written.
 */
export async function recordCalibrationScores(ctx: QualityContext, sessionId: string, inputs: CalibrationScoreInput[]): Promise<ScoresResult> {
  const session = await authorize(ctx, 'scoreCalibrationSession', { sessionId, session: await findSession(ctx.db, sessionId) });
  if (session.status !== 'OPEN') throw conflict(`calibration session ${sessionId} is closed; its scores are final and nothing was written`);
  const size = new Problems();
  checkList(size, 'scores', inputs, LIST_LIMITS.calibrationScoresPerCall, 'scores');
  size.throwIfAny();
  const now = eventEpoch(ctx);
  const version = await sessionVersion(ctx, session);
  const definition = { passMark: version.passMark, sections: version.sections };
  const interactions = new Set(session.interactions.map((x) => x.interactionRef));
  const problems = new CountedProblems();
  const seen = new Map<string, number>();
  const rows: CalibrationScoreRow[] = [];
  for (let i = 0; i < inputs.length && problems.count < MAX_PROBLEMS; i++) {
    const s = inputs[i];
    const at = `scores[${i}]`;
    checkReference(problems, `${at}.evaluatorRef`, s.evaluatorRef);
    if (!interactions.has(s.interactionRef)) problems.add(`${at}.interactionRef`, `"${String(s.interactionRef).slice(0, 60)}" is not an interaction of this session`);
    const key = `${s.evaluatorRef}\u0000${s.interactionRef}`;
    const previous = seen.get(key);
    if (previous !== undefined) problems.add(`${at}.interactionRef`, `scores[${previous}] has the same evaluator and interaction; send each once`);
    seen.set(key, i);
    checkText(problems, `${at}.comment`, s.comment, TEXT_LIMITS.description);
    const scored = checkAnswers(problems, at, s.answers, definition);
    if (!scored || !problems.empty) continue;
    rows.push(
      Object.assign(new CalibrationScoreRow(), {
        sessionId,
        evaluatorParty: session.party,
        evaluatorRef: s.evaluatorRef,
        interactionRef: s.interactionRef,
        score: scored.score.score!,
        criticalFail: scored.score.criticalFail ? 1 : 0,
        answers: scored.stored,
        comment: s.comment?.trim() || null,
        uploadedEpoch: now,
        uploadedBy: ctx.viewer.subject,
      }),
    );
  }
  problems.throwIfAny();
  const replaced = rows.length ? await upsertScores(ctx.db, sessionId, rows, MAX_SCORES_PER_SESSION) : 0;
  return { sessionId, received: inputs.length, inserted: rows.length - replaced, replaced, scores: rows };
}

/** Either party closes an open session; its results are computed now and never change. CONFLICT when already closed. */
export async function closeCalibrationSession(ctx: QualityContext, sessionId: string): Promise<CalibrationSessionRow & { party: EvaluatorParty }> {
  const session = await authorize(ctx, 'closeCalibrationSession', { sessionId, session: await findSession(ctx.db, sessionId) });
  if (session.status !== 'OPEN') throw conflict(`calibration session ${sessionId} is already closed`);
  const now = eventEpoch(ctx);
  const version = await sessionVersion(ctx, session);
  const keys = criterionKeys({ passMark: version.passMark, sections: version.sections });
  const { party, ...row } = session;
  const closed = await closeSession(ctx.db, Object.assign(new CalibrationSessionRow(), row), now, (scores) =>
    calibrationResults(
      keys,
      scores.map((s) => ({
        interactionRef: s.interactionRef,
        evaluatorRef: s.evaluatorRef,
        party: s.evaluatorParty,
        score: s.score,
        answers: Object.fromEntries(s.answers.map((a) => [a.criterionKey, a.value])),
      })),
    ),
  );
  return { ...closed, party };
}

/** A session the caller may see, with the caller's side. */
export async function readCalibrationSession(ctx: QualityReadContext, id: string): Promise<CalibrationSessionRow & { party: EvaluatorParty }> {
  return authorize(ctx, 'readCalibrationSession', { sessionId: id, session: await ctx.loaders.session.load(id) });
}

/** The scores of a session as `viewerParty` may see them: all once closed, only its own side's while open. */
export async function sessionScores(ctx: QualityReadContext, session: CalibrationSessionRow, viewerParty: EvaluatorParty): Promise<CalibrationScoreRow[]> {
  const scores = await ctx.loaders.scoresBySession.load(session.id);
  return session.status === 'CLOSED' ? scores : scores.filter((s) => s.evaluatorParty === viewerParty);
}

/** A contract's sessions, newest first. */
export async function contractSessions(ctx: QualityReadContext, contractId: string, status: SessionStatus | null, first: number): Promise<Array<CalibrationSessionRow & { party: EvaluatorParty }>> {
  const problems = new Problems();
  checkNumber(problems, 'first', first, BOUNDS.qualityPerPage);
  problems.throwIfAny();
  const contract = await authorize(ctx, 'readContractQuality', { contractId });
  const args: SessionListArgs = { status, first };
  const rows = await ctx.loaders.sessionsByContract.load({ owner: contractId, args });
  return rows.slice(0, first).map((r) => ({ ...r, party: contract.party }));
}

export interface DriftPoint {
  sessionId: string;
  closedAt: Date;
  interactions: number;
  meanScore: number;
  fromConsensus: number | null;
  fromConsensusLow: number | null;
  fromConsensusHigh: number | null;
  fromClientBaseline: number | null;
  fromClientBaselineLow: number | null;
  fromClientBaselineHigh: number | null;
}

export interface EvaluatorDrift {
  evaluatorRef: string;
  party: EvaluatorParty;
  sessions: DriftPoint[];
  /** Least-squares change of the deviation from the consensus per session (points per session). */
  trendPerSession: number | null;
  meanFromConsensus: number | null;
}

/** Groups evaluator rows (ordered by evaluator, then closing) into drift series. */
export function driftOf(rows: readonly CalibrationEvaluatorRow[]): EvaluatorDrift[] {
  const groups = new Map<string, CalibrationEvaluatorRow[]>();
  for (const r of rows) {
    const key = `${r.evaluatorParty}\u0000${r.evaluatorRef}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((list) => {
    const deviations = list.map((r) => r.fromConsensus).filter((v): v is number => v !== null);
    return {
      evaluatorRef: list[0].evaluatorRef,
      party: list[0].evaluatorParty,
      sessions: list.map((r) => ({
        sessionId: r.sessionId,
        closedAt: new Date(r.closedEpoch * 1000),
        interactions: r.interactions,
        meanScore: r.meanScore,
        fromConsensus: r.fromConsensus,
        fromConsensusLow: r.fromConsensusLow,
        fromConsensusHigh: r.fromConsensusHigh,
        fromClientBaseline: r.fromBaseline,
        fromClientBaselineLow: r.fromBaselineLow,
        fromClientBaselineHigh: r.fromBaselineHigh,
      })),
      trendPerSession: linearTrend(deviations),
      meanFromConsensus: deviations.length ? deviations.reduce((a, b) => a + b, 0) / deviations.length : null,
    };
  });
}

/** Each evaluator's deviation across the contract's sessions closed in [from, to): one statement whatever the number of evaluators. */
export async function contractEvaluatorDrift(ctx: QualityReadContext, contractId: string, from: Date, to: Date): Promise<EvaluatorDrift[]> {
  const problems = new Problems();
  checkInstant(problems, 'from', from);
  checkInstant(problems, 'to', to);
  problems.throwIfAny();
  if (!(to.getTime() > from.getTime())) throw badInput({ field: 'to', message: 'must be after from' });
  await authorize(ctx, 'readContractQuality', { contractId });
  return driftOf(await ctx.loaders.evaluatorDrift.load({ owner: contractId, args: { from: Math.floor(from.getTime() / 1000), to: Math.floor(to.getTime() / 1000) } }));
}
