import { Problems } from '../platform/errors';
import { checkNumber, checkText } from '../platform/validate';
import { Bound, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { bucketBoundaries, Granularity } from '../metrics/calendar';
import { MetricDefinition } from '../metrics/catalogue';
import { authorize } from './access';
import { Queryable, sumByAgent } from './aggregate';
import type { PerformanceContext } from './context';
import { checkSeriesRequest, pointsFrom, SeriesArgs, SeriesPoint, SeriesRequest } from './series';

/** The figures of an agent when the caller names none: handling, after-call work, hold, transfers. */
export const AGENT_DEFINITIONS: MetricDefinition[] = [{ metric: 'AHT' }, { metric: 'AFTER_CALL_WORK' }, { metric: 'HOLD_TIME' }, { metric: 'TRANSFER_RATE' }];

/** Agents one read returns at most (the bound is LIST_LIMITS.agentsPerRequest). */
const AGENTS: Bound = { min: 1, max: LIST_LIMITS.agentsPerRequest, integer: true, unit: 'agents' };

/** Agents per page when the caller names no size (the query cost counts the page size, this one by default). */
export const AGENT_PAGE_DEFAULT = 50;

export interface AgentPage {
  /** Agents to return, in reference order (1..LIST_LIMITS.agentsPerRequest). */
  first: number;
  /** Continue after this reference (the last one of the previous page). */
  after: string | null;
}

export interface AgentSeries {
  agentRef: string;
  points: SeriesPoint[];
}

export interface AgentSeriesArgs extends Omit<SeriesArgs, 'queueIds'>, AgentPage {}

/**
 * Per-agent series of some queues with the same arguments: one SQL statement for all of them
 * (sumByAgent), then the points of each agent from its sums, with the same formulas as the queue
 * figures. Agents without an interval in the range are absent.
 */
export async function agentSeries(db: Queryable, queueIds: readonly string[], args: AgentSeriesArgs): Promise<Map<string, AgentSeries[]>> {
  const fromEpoch = Math.floor(args.from.getTime() / 1000);
  const toEpoch = Math.floor(args.to.getTime() / 1000);
  const starts = bucketBoundaries(fromEpoch, toEpoch, args.granularity, args.timeZone);
  const rows = await sumByAgent(db, queueIds, starts, { from: fromEpoch, to: toEpoch }, { first: args.first, after: args.after });
  const result = new Map<string, AgentSeries[]>();
  for (const queueId of queueIds) {
    const byAgent = new Map<string, typeof rows>();
    for (const r of rows) {
      if (r.queueId !== queueId) continue;
      const list = byAgent.get(r.agentRef);
      if (list) list.push(r);
      else byAgent.set(r.agentRef, [r]);
    }
    const agents = [...byAgent.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    result.set(queueId, agents.map((agentRef) => ({ agentRef, points: pointsFrom(args, starts, fromEpoch, toEpoch, byAgent.get(agentRef)!) })));
  }
  return result;
}

export interface AgentPerformanceResult {
  timeZone: string;
  granularity: Granularity;
  agents: AgentSeries[];
}

/**
 * `Queue.agentPerformance`: AHT, after-call work, hold and transfers (or the figures asked for)
 * per agent of one queue, for the contract's client and centre. The references are the
 * pseudonyms the centre uploaded: the centre knows who is behind each, the client sees only the
 * pseudonym, and the hub stores nothing else about agents.
 */
export async function agentPerformance(ctx: PerformanceContext, queueId: string, request: SeriesRequest & Partial<AgentPage>): Promise<AgentPerformanceResult> {
  const facts = await authorize(ctx, 'queue.read', queueId);
  const problems = new Problems();
  const first = request.first ?? AGENT_PAGE_DEFAULT;
  checkNumber(problems, 'first', first, AGENTS);
  checkText(problems, 'after', request.after, TEXT_LIMITS.reference);
  problems.throwIfAny();
  const series = checkSeriesRequest({ ...request, definitions: request.definitions ?? AGENT_DEFINITIONS }, facts.timeZone);
  const agents = await ctx.loaders.agentSeries.load({ owner: queueId, args: { ...series, first, after: request.after ?? null } });
  return { timeZone: series.timeZone, granularity: series.granularity, agents };
}
