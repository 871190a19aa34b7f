import { DataSource, In } from 'typeorm';
import { upsertSql } from '../platform/database';
import { conflict } from '../platform/errors';
import type { CalibrationResults } from '../metrics/calibration';
import { CALIBRATION_SCORE_COLUMNS, CalibrationEvaluatorRow, CalibrationScoreRow, CalibrationSessionRow, SessionStatus } from './entities/calibration';

/**
 * The SQL of calibration sessions. Scoring and closing serialise on the session row: each moves
 * it with a conditional UPDATE (`status = 'OPEN'`), so a score batch that arrives after the close
 * (or races it) finds no open session, answers CONFLICT, and its transaction writes nothing.
 */

const ROWS_PER_STATEMENT = 200;

export function findSession(db: DataSource, id: string): Promise<CalibrationSessionRow | null> {
  return db.getRepository(CalibrationSessionRow).findOneBy({ id });
}

export function findSessions(db: DataSource, ids: readonly string[]): Promise<CalibrationSessionRow[]> {
  return db.getRepository(CalibrationSessionRow).findBy({ id: In([...ids]) });
}

export interface SessionListArgs {
  status: SessionStatus | null;
  first: number;
}

/** The newest sessions of contracts (one statement for all of them), `first` per contract taken by the caller. */
export function sessionsOfContracts(db: DataSource, contractIds: readonly string[], args: SessionListArgs): Promise<CalibrationSessionRow[]> {
  const where = contractIds.map((contractId) => (args.status ? { contractId, status: args.status } : { contractId }));
  return db.getRepository(CalibrationSessionRow).find({ where, order: { openedEpoch: 'DESC', id: 'ASC' } });
}

export function scoresOfSessions(db: DataSource, sessionIds: readonly string[]): Promise<CalibrationScoreRow[]> {
  return db.getRepository(CalibrationScoreRow).find({ where: { sessionId: In([...sessionIds]) }, order: { interactionRef: 'ASC', evaluatorParty: 'ASC', evaluatorRef: 'ASC' } });
}

export async function insertSession(db: DataSource, row: CalibrationSessionRow): Promise<void> {
  await db.getRepository(CalibrationSessionRow).insert(row);
}

/**
 * Stores a batch of scores while the session is open, in one transaction; answers how many
 * replaced stored ones. `maxScores` caps the session's scores after the batch.
 */
export async function upsertScores(db: DataSource, sessionId: string, rows: CalibrationScoreRow[], maxScores: number): Promise<number> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .createQueryBuilder()
      .update(CalibrationSessionRow)
      .set({ scoresRevision: () => 'scores_revision + 1' })
      .where('id = :id AND status = :open', { id: sessionId, open: 'OPEN' })
      .execute();
    if (!moved.affected) throw conflict(`calibration session ${sessionId} is closed; its scores are final and nothing was written`);
    let replaced = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const [row] = await tx.query(
        `SELECT COUNT(*) AS n FROM quality_calibration_scores WHERE session_id = ? AND (${chunk.map(() => '(evaluator_party = ? AND evaluator_ref = ? AND interaction_ref = ?)').join(' OR ')})`,
        [sessionId, ...chunk.flatMap((r) => [r.evaluatorParty, r.evaluatorRef, r.interactionRef])],
      );
      replaced += Number(row.n);
    }
    const [count] = await tx.query('SELECT COUNT(*) AS n FROM quality_calibration_scores WHERE session_id = ?', [sessionId]);
    if (Number(count.n) + rows.length - replaced > maxScores) {
      throw conflict(`calibration session ${sessionId} would hold more than ${maxScores} scores; nothing was written`);
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const values = chunk.flatMap((r) => [r.sessionId, r.evaluatorParty, r.evaluatorRef, r.interactionRef, r.score, r.criticalFail, JSON.stringify(r.answers), r.comment, r.uploadedEpoch, r.uploadedBy]);
      await tx.query(upsertSql(db, 'quality_calibration_scores', CALIBRATION_SCORE_COLUMNS, ['session_id', 'evaluator_party', 'evaluator_ref', 'interaction_ref'], chunk.length), values);
    }
    return replaced;
  });
}

/**
 * Closes an open session: moves it to CLOSED first (CONFLICT when it was not open), then reads
 * its scores (no batch can add one any more), computes the results with `compute` and stores
 * them with one row per evaluator for drift, all in one transaction.
 */
export async function closeSession(
  db: DataSource,
  session: CalibrationSessionRow,
  closedEpoch: number,
  compute: (scores: CalibrationScoreRow[]) => CalibrationResults,
): Promise<CalibrationSessionRow> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .createQueryBuilder()
      .update(CalibrationSessionRow)
      .set({ status: 'CLOSED', closedEpoch })
      .where('id = :id AND status = :open', { id: session.id, open: 'OPEN' })
      .execute();
    if (!moved.affected) throw conflict(`calibration session ${session.id} is already closed`);
    const scores = await tx.getRepository(CalibrationScoreRow).find({ where: { sessionId: session.id }, order: { interactionRef: 'ASC', evaluatorParty: 'ASC', evaluatorRef: 'ASC' } });
    const results = compute(scores);
    await tx.getRepository(CalibrationSessionRow).update({ id: session.id }, { results });
    const evaluatorRows = results.evaluatorResults.map((e) =>
      Object.assign(new CalibrationEvaluatorRow(), {
        sessionId: session.id,
        evaluatorParty: e.party,
        evaluatorRef: e.evaluatorRef,
        contractId: session.contractId,
        scorecardId: session.scorecardId,
        closedEpoch,
        interactions: e.interactions,
        meanScore: e.meanScore,
        fromConsensus: e.fromConsensus?.mean ?? null,
        fromConsensusLow: e.fromConsensus?.low ?? null,
        fromConsensusHigh: e.fromConsensus?.high ?? null,
        fromBaseline: e.fromClientBaseline?.mean ?? null,
        fromBaselineLow: e.fromClientBaseline?.low ?? null,
        fromBaselineHigh: e.fromClientBaseline?.high ?? null,
      }),
    );
    for (let i = 0; i < evaluatorRows.length; i += ROWS_PER_STATEMENT) await tx.getRepository(CalibrationEvaluatorRow).insert(evaluatorRows.slice(i, i + ROWS_PER_STATEMENT));
    return Object.assign(new CalibrationSessionRow(), { ...session, status: 'CLOSED' as const, closedEpoch, results });
  });
}

/** Every evaluator's results in the sessions of contracts closed in [from, to): one statement for any number of evaluators. */
export function evaluatorResultsOfContracts(db: DataSource, contractIds: readonly string[], from: number, to: number): Promise<CalibrationEvaluatorRow[]> {
  return db
    .getRepository(CalibrationEvaluatorRow)
    .createQueryBuilder('r')
    .where('r.contractId IN (:...ids) AND r.closedEpoch >= :from AND r.closedEpoch < :to', { ids: [...contractIds], from, to })
    .orderBy('r.contractId', 'ASC')
    .addOrderBy('r.evaluatorParty', 'ASC')
    .addOrderBy('r.evaluatorRef', 'ASC')
    .addOrderBy('r.closedEpoch', 'ASC')
    .addOrderBy('r.sessionId', 'ASC')
    .getMany();
}
