import { DataSource } from 'typeorm';
import { upsertSql } from '../platform/database';
import { bucketExpression, windowBuckets } from '../platform/sql-buckets';
import { EVALUATION_COLUMNS, EvaluationRow } from './entities/evaluation';

/**
 * The SQL of evaluations: the idempotent upload, the lists, and every quality figure added up in
 * SQL (count, sum and sum of squares of scores, passes, critical fails), one statement per
 * batch whatever the number of queues, contracts, agents or evaluators asked.
 */

const ROWS_PER_STATEMENT = 200;

type Key = Pick<EvaluationRow, 'scorecardId' | 'evaluatorParty' | 'evaluatorRef' | 'interactionRef'>;

/** Writes evaluations (replacing those with the same key) in one transaction; answers how many replaced stored ones. */
export async function upsertEvaluations(db: DataSource, rows: EvaluationRow[]): Promise<number> {
  let replaced = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const [row] = await tx.query(
        `SELECT COUNT(*) AS n FROM quality_evaluations WHERE ${chunk.map(() => '(scorecard_id = ? AND evaluator_party = ? AND evaluator_ref = ? AND interaction_ref = ?)').join(' OR ')}`,
        chunk.flatMap((r: Key) => [r.scorecardId, r.evaluatorParty, r.evaluatorRef, r.interactionRef]),
      );
      replaced += Number(row.n);
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      const values = chunk.flatMap((r) => [
        r.scorecardId, r.evaluatorParty, r.evaluatorRef, r.interactionRef, r.contractId, r.version, r.queueId, r.interactionEpoch, r.channel, r.agentRef,
        r.score, r.rawScore, r.criticalFail, r.passed, JSON.stringify(r.answers), r.comment, r.uploadedEpoch, r.uploadedBy,
      ]);
      await tx.query(upsertSql(db, 'quality_evaluations', EVALUATION_COLUMNS, ['scorecard_id', 'evaluator_party', 'evaluator_ref', 'interaction_ref'], chunk.length), values);
    }
  });
  return replaced;
}

export interface EvaluationListArgs {
  from: number;
  to: number;
  queueId: string | null;
  agentRef: string | null;
  first: number;
}

/** The newest evaluations of a contract in [from, to) (interaction time), optionally of one queue or agent. */
export function evaluationsOfContract(db: DataSource, contractId: string, args: EvaluationListArgs): Promise<EvaluationRow[]> {
  const qb = db
    .getRepository(EvaluationRow)
    .createQueryBuilder('e')
    .where('e.contractId = :contractId AND e.interactionEpoch >= :from AND e.interactionEpoch < :to', { contractId, from: args.from, to: args.to });
  if (args.queueId) qb.andWhere('e.queueId = :queueId', { queueId: args.queueId });
  if (args.agentRef) qb.andWhere('e.agentRef = :agentRef', { agentRef: args.agentRef });
  return qb.orderBy('e.interactionEpoch', 'DESC').addOrderBy('e.interactionRef', 'ASC').addOrderBy('e.evaluatorParty', 'ASC').addOrderBy('e.evaluatorRef', 'ASC').take(args.first).getMany();
}

/** Sums of a set of evaluations, as the figures need them. */
export interface QualitySums {
  n: number;
  sum: number;
  sumOfSquares: number;
  passed: number;
  criticalFails: number;
}

const SUMS = 'COUNT(*) AS n, SUM(score) AS s, SUM(score * score) AS ss, SUM(passed) AS p, SUM(critical_fail) AS cf';

export function sumsOf(row: Record<string, unknown> | undefined): QualitySums {
  const n = (k: string) => Number(row?.[k] ?? 0);
  return { n: n('n'), sum: n('s'), sumOfSquares: n('ss'), passed: n('p'), criticalFails: n('cf') };
}

export type Scope = { column: 'queue_id' | 'contract_id'; keys: readonly string[] };

const inList = (keys: readonly string[]) => keys.map(() => '?').join(', ');

/** Sums per owner (queue or contract) and bucket, the buckets given by their start instants. */
export async function sumsPerBucket(db: DataSource, scope: Scope, boundaries: readonly number[], from: number, to: number): Promise<Map<string, QualitySums>> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${bucketExpression(boundaries, 'interaction_epoch')} AS bucket, ${scope.column} AS owner, ${SUMS} FROM quality_evaluations ` +
      `WHERE ${scope.column} IN (${inList(scope.keys)}) AND interaction_epoch >= ? AND interaction_epoch < ? GROUP BY bucket, ${scope.column}`,
    [...scope.keys, from, to],
  );
  return new Map(rows.map((r) => [`${String(r.owner)}|${Number(r.bucket)}`, sumsOf(r)]));
}

/** Sums per owner and agent over [from, to): one statement for any number of agents. */
export async function sumsPerAgent(db: DataSource, scope: Scope, from: number, to: number): Promise<Array<{ owner: string; agentRef: string; sums: QualitySums }>> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${scope.column} AS owner, agent_ref, ${SUMS} FROM quality_evaluations WHERE ${scope.column} IN (${inList(scope.keys)}) AND interaction_epoch >= ? AND interaction_epoch < ? ` +
      `GROUP BY ${scope.column}, agent_ref ORDER BY ${scope.column}, agent_ref`,
    [...scope.keys, from, to],
  );
  return rows.map((r) => ({ owner: String(r.owner), agentRef: String(r.agent_ref), sums: sumsOf(r) }));
}

/** Sums per contract and evaluator over [from, to): one statement for any number of evaluators. */
export async function sumsPerEvaluator(db: DataSource, contractIds: readonly string[], from: number, to: number): Promise<Array<{ owner: string; party: string; evaluatorRef: string; sums: QualitySums }>> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT contract_id AS owner, evaluator_party, evaluator_ref, ${SUMS} FROM quality_evaluations WHERE contract_id IN (${inList(contractIds)}) AND interaction_epoch >= ? AND interaction_epoch < ? ` +
      `GROUP BY contract_id, evaluator_party, evaluator_ref ORDER BY contract_id, evaluator_party, evaluator_ref`,
    [...contractIds, from, to],
  );
  return rows.map((r) => ({ owner: String(r.owner), party: String(r.evaluator_party), evaluatorRef: String(r.evaluator_ref), sums: sumsOf(r) }));
}

/**
 * Sums per window of one contract (optionally one queue): the windows ascend and do not overlap,
 * so each is a bucket (gaps are buckets whose rows are ignored) and one statement answers all of
 * them.
 */
export async function sumsPerWindow(db: DataSource, contractId: string, queueId: string | null, windows: ReadonlyArray<{ start: number; end: number }>): Promise<QualitySums[]> {
  if (windows.length === 0) return [];
  const { boundaries, windowOfBucket, end } = windowBuckets(windows);
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${bucketExpression(boundaries, 'interaction_epoch')} AS bucket, ${SUMS} FROM quality_evaluations ` +
      `WHERE contract_id = ? ${queueId ? 'AND queue_id = ?' : ''} AND interaction_epoch >= ? AND interaction_epoch < ? GROUP BY bucket`,
    [contractId, ...(queueId ? [queueId] : []), boundaries[0], end],
  );
  const byWindow = new Map<number, QualitySums>();
  for (const row of rows) {
    const w = windowOfBucket[Number(row.bucket)];
    if (w !== undefined && w >= 0) byWindow.set(w, sumsOf(row));
  }
  return windows.map((_, i) => byWindow.get(i) ?? sumsOf(undefined));
}
