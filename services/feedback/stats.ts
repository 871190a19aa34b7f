import { DataSource } from 'typeorm';
import { Problems } from '../platform/errors';
import { checkInstant } from '../platform/validate';
import { authorize } from './access';
import { FeedbackReadContext, nowEpoch } from './context';

export interface ComplaintStats {
  from: Date;
  to: Date;
  received: number;
  byCategory: Array<{ category: string; count: number }>;
  bySeverity: Array<{ severity: string; count: number }>;
  acknowledgement: { judged: number; onTime: number; share: number | null };
  resolution: { judged: number; onTime: number; share: number | null };
  resolveSecondsMedian: number | null;
  resolveSecondsP90: number | null;
  responded: number;
  reopened: number;
  reopenRate: number | null;
  satisfactionResponses: number;
  satisfactionMean: number | null;
}

export interface ComplaintStatsArgs {
  /** [from, to) in epoch seconds: the complaints received in it. */
  from: number;
  to: number;
  /** The instant clocks are judged at (epoch seconds). */
  now: number;
}

/**
 * When a complaint's clock counts, in SQL: judged once it stopped, or once its deadline passed
 * (at the instant bound to the one `?`) while it still runs; a paused resolution clock, one
 * within its deadline and one of a withdrawn complaint are not judged yet. Shared by the
 * statistics and the SLA window figures, so both judge a clock the same way.
 */
export const CLOCK_SQL = {
  acknowledgement: {
    onTime: 'ack_met = 1',
    judged: "ack_met IS NOT NULL OR (acknowledged_epoch IS NULL AND status <> 'WITHDRAWN' AND ack_due_epoch < ?)",
  },
  resolution: {
    onTime: 'resolve_met = 1',
    judged: "resolve_met IS NOT NULL OR (responded_epoch IS NULL AND status <> 'WITHDRAWN' AND paused_since_epoch IS NULL AND resolve_due_epoch < ?)",
  },
} as const;

/**
 * The arguments of complaintStatsOfContracts: both ends in the instant window and `to` after
 * `from`, else BAD_USER_INPUT naming the field.
 */
export function complaintStatsArgs(from: Date, to: Date, now: number): ComplaintStatsArgs {
  const problems = new Problems();
  checkInstant(problems, 'from', from);
  checkInstant(problems, 'to', to);
  problems.throwIfAny();
  const f = Math.floor(from.getTime() / 1000);
  const t = Math.floor(to.getTime() / 1000);
  if (!(t > f)) problems.add('to', 'must be after from');
  problems.throwIfAny();
  return { from: f, to: t, now };
}

/** A contract's complaint statistics over [from, to), judged at the request's instant, for its client and centre. */
export async function contractComplaintStats(ctx: FeedbackReadContext, contractId: string, from: Date, to: Date): Promise<ComplaintStats> {
  const args = complaintStatsArgs(from, to, nowEpoch(ctx));
  await authorize(ctx, 'readContractFeedback', { contractId });
  const stats = await ctx.loaders.complaintStats.load({ owner: contractId, args });
  return { ...stats!, from, to };
}

/**
 * Complaint statistics of contracts over the complaints received in [from, to), all added up in
 * SQL from the clock columns the transitions keep: three statements whatever the number of
 * contracts (GROUP BY and window partitions per contract), for the per-request loader; the
 * caller has authorised each contract. A clock is judged once it stopped, or once its deadline
 * passed while it still runs (an overdue open complaint counts as late); a clock still paused or
 * within its deadline is not judged yet, nor is one of a withdrawn complaint. The median and
 * 90th percentile are nearest-rank, picked in SQL with window functions.
 */
export async function complaintStatsOfContracts(db: DataSource, contractIds: readonly string[], args: ComplaintStatsArgs): Promise<Map<string, ComplaintStats>> {
  const ids = [...new Set(contractIds)];
  const result = new Map<string, ComplaintStats>();
  if (ids.length === 0) return result;
  const where = `contract_id IN (${ids.map(() => '?').join(', ')}) AND received_epoch >= ? AND received_epoch < ?`;
  const params = [...ids, args.from, args.to];
  const groups: Array<{ contract_id: string; category: string; severity: string; n: unknown }> = await db.query(
    `SELECT contract_id, category, severity, COUNT(*) AS n FROM complaints WHERE ${where} GROUP BY contract_id, category, severity`,
    params,
  );
  const totalRows: Array<Record<string, unknown>> = await db.query(
    `SELECT contract_id, COUNT(*) AS received,
       SUM(CASE WHEN ${CLOCK_SQL.acknowledgement.onTime} THEN 1 ELSE 0 END) AS ack_on_time,
       SUM(CASE WHEN ${CLOCK_SQL.acknowledgement.judged} THEN 1 ELSE 0 END) AS ack_judged,
       SUM(CASE WHEN ${CLOCK_SQL.resolution.onTime} THEN 1 ELSE 0 END) AS resolve_on_time,
       SUM(CASE WHEN ${CLOCK_SQL.resolution.judged} THEN 1 ELSE 0 END) AS resolve_judged,
       SUM(CASE WHEN responded_count > 0 THEN 1 ELSE 0 END) AS responded,
       SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END) AS reopened,
       COUNT(customer_satisfaction) AS satisfaction_n,
       AVG(customer_satisfaction) AS satisfaction_mean
     FROM complaints WHERE ${where} GROUP BY contract_id`,
    [args.now, args.now, ...params],
  );
  // Nearest rank: the smallest value whose rank r satisfies r >= q·n, in integer arithmetic so
  // both dialects agree (q = 1/2 and 9/10).
  const ranked: Array<{ contract_id: string; resolve_seconds: unknown; rn: unknown; cnt: unknown }> = await db.query(
    `SELECT contract_id, resolve_seconds, rn, cnt FROM (
       SELECT contract_id, resolve_seconds, ROW_NUMBER() OVER (PARTITION BY contract_id ORDER BY resolve_seconds) AS rn, COUNT(*) OVER (PARTITION BY contract_id) AS cnt
       FROM complaints WHERE ${where} AND resolve_seconds IS NOT NULL) ranked
     WHERE (2 * rn >= cnt AND 2 * (rn - 1) < cnt) OR (10 * rn >= 9 * cnt AND 10 * (rn - 1) < 9 * cnt)`,
    params,
  );
  const n = (v: unknown) => Number(v ?? 0);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  for (const contractId of ids) {
    const totals = totalRows.find((r) => String(r.contract_id) === contractId) ?? {};
    const mine = ranked.filter((r) => String(r.contract_id) === contractId);
    const pick = (num: number, den: number) => {
      const row = mine.find((r) => den * Number(r.rn) >= num * Number(r.cnt) && den * (Number(r.rn) - 1) < num * Number(r.cnt));
      return row ? Number(row.resolve_seconds) : null;
    };
    const byCategory = new Map<string, number>();
    const bySeverity = new Map<string, number>();
    for (const g of groups) {
      if (String(g.contract_id) !== contractId) continue;
      byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + n(g.n));
      bySeverity.set(g.severity, (bySeverity.get(g.severity) ?? 0) + n(g.n));
    }
    result.set(contractId, {
      from: new Date(args.from * 1000),
      to: new Date(args.to * 1000),
      received: n(totals.received),
      byCategory: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      bySeverity: [...bySeverity].map(([severity, count]) => ({ severity, count })).sort((a, b) => a.severity.localeCompare(b.severity)),
      acknowledgement: { judged: n(totals.ack_judged), onTime: n(totals.ack_on_time), share: ratio(n(totals.ack_on_time), n(totals.ack_judged)) },
      resolution: { judged: n(totals.resolve_judged), onTime: n(totals.resolve_on_time), share: ratio(n(totals.resolve_on_time), n(totals.resolve_judged)) },
      resolveSecondsMedian: pick(1, 2),
      resolveSecondsP90: pick(9, 10),
      responded: n(totals.responded),
      reopened: n(totals.reopened),
      reopenRate: ratio(n(totals.reopened), n(totals.responded)),
      satisfactionResponses: n(totals.satisfaction_n),
      satisfactionMean: totals.satisfaction_mean === null || totals.satisfaction_mean === undefined ? null : Number(totals.satisfaction_mean),
    });
  }
  return result;
}
