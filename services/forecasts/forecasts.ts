import { badInput, notFound } from '../platform/errors';
import { authorizeQueue, ForecastsContext, visibleOrNotFound } from './access';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import type { ForecastsLoaders } from './loaders';
import { IntervalStaffing, PlannedOutcome, staffIntervals, targetResolver } from './staffing';
import { groupSubject, publishedBy, supersededBy, supersessionStatus, SupersessionStatus } from './versions';

/**
 * Reading forecasts: the versions of a queue, one version's intervals with their staffing, and
 * the forecast in force (each interval from the latest version covering it), optionally as it
 * stood at an earlier instant ("the forecast we were given on 1 March").
 */

/** A version as read at an instant: `versions` are the queue's versions published by then. */
export interface ForecastView {
  row: ForecastRow;
  versions: ForecastRow[];
  asOf: Date | null;
  /**
   * Set when this is a volume share group's forecast read for a member queue: the queue's share,
   * by which every volume is scaled (AHT unchanged). `row` and `versions` are then copies of the
   * group's versions carrying the member queue and its contract, so staffing uses its targets.
   */
  share?: number | null;
  groupId?: string | null;
}

export interface IntervalView {
  start: Date;
  end: Date;
  version: number;
  volume: number;
  ahtSeconds: number;
  plannedAgents: number | null;
  supersededByVersion: number | null;
  workloadErlangs: number;
  staffing: IntervalStaffing | null;
  staffingNote: string | null;
  planned: PlannedOutcome | null;
  atRisk: boolean | null;
  /** The queue's share when the interval comes from its volume share group's forecast; null for its own. */
  shareOfGroup: number | null;
}

export interface Range {
  from: number;
  to: number;
}

type Ctx = ForecastsContext & { loaders: ForecastsLoaders };

export function rangeArgs(from: Date | null | undefined, to: Date | null | undefined, fallback: Range): Range {
  const range = { from: from ? Math.floor(from.getTime() / 1000) : fallback.from, to: to ? Math.floor(to.getTime() / 1000) : fallback.to };
  if (!(range.to > range.from)) throw badInput({ field: 'to', message: 'must be after from' });
  return range;
}

/**
 * Versions of a queue whose horizon overlaps the range, newest first; `version` picks one. For a
 * member of a volume share group, the group's versions follow too, scaled by the queue's share
 * (two series, each numbered on its own; `version` filters both).
 */
export async function queueForecasts(ctx: Ctx, queueId: string, range: Range, version: number | null, asOf: Date | null): Promise<ForecastView[]> {
  const facts = await authorizeQueue(ctx, 'read', queueId);
  const keep = (v: ForecastRow) => (version === null || v.version === version) && v.fromEpoch < range.to && v.toEpoch > range.from;
  const [own, membership] = await Promise.all([ctx.loaders.versionsByQueue.load(queueId), ctx.contracts.volumeShare.load(queueId)]);
  const versions = publishedBy(own, asOf);
  const views: ForecastView[] = versions.filter(keep).map((row) => ({ row, versions, asOf, share: null, groupId: null }));
  if (membership) {
    // Copies carrying the member queue and its contract: staffing then uses the queue's targets.
    const group = publishedBy(await ctx.loaders.versionsByQueue.load(groupSubject(membership.groupId)), asOf).map((g) =>
      Object.assign(new ForecastRow(), g, { queueId, contractId: facts.contractId, centreId: facts.centreId }),
    );
    for (const row of group.filter(keep)) views.push({ row, versions: group, asOf, share: membership.share, groupId: membership.groupId });
  }
  return views.sort((a, b) => b.row.publishedAt.getTime() - a.row.publishedAt.getTime() || b.row.version - a.row.version);
}

/** A version's intervals as its reader sees them: a group's forecast scaled by the member's share (its planned agents are not the centre's, so left out). */
export async function loadRows(ctx: Ctx, view: ForecastView, from: number, to: number): Promise<ForecastIntervalRow[]> {
  const rows = await ctx.loaders.intervals.load({ forecastId: view.row.id, from, to });
  const share = view.share;
  if (share == null) return rows;
  return rows.map((r) => ({ ...r, volume: r.volume * share, plannedAgents: null }));
}

export async function forecastById(ctx: Ctx, id: string): Promise<ForecastView> {
  const row = await ctx.loaders.forecast.load(id);
  if (!row) throw notFound('Forecast', id);
  await visibleOrNotFound(() => authorizeQueue(ctx, 'read', row.queueId), 'Forecast', id);
  return { row, versions: await ctx.loaders.versionsByQueue.load(row.queueId), asOf: null };
}

export function status(view: ForecastView): { status: SupersessionStatus; byVersions: number[] } {
  return supersessionStatus(view.row, view.versions);
}

async function targetFor(ctx: Ctx, forecast: ForecastRow) {
  const contract = await ctx.contracts.contract.load(forecast.contractId);
  return targetResolver(forecast.queueId, contract?.slaTargets ?? []);
}

async function intervalViews(ctx: Ctx, view: ForecastView, rows: ForecastIntervalRow[]): Promise<IntervalView[]> {
  const f = view.row;
  const targetAt = await targetFor(ctx, f);
  const staffed = staffIntervals(rows, { granularitySeconds: f.granularitySeconds, shrinkage: f.shrinkage, patienceSeconds: f.patienceSeconds, targetAt });
  return rows.map((r, i) => {
    const s = staffed[i];
    return {
      start: new Date(r.startEpoch * 1000),
      end: new Date((r.startEpoch + f.granularitySeconds) * 1000),
      version: f.version,
      volume: r.volume,
      ahtSeconds: r.ahtSeconds,
      plannedAgents: r.plannedAgents,
      supersededByVersion: supersededBy(f, view.versions, r.startEpoch),
      workloadErlangs: s.workloadErlangs,
      staffing: s.staffing,
      staffingNote: s.note,
      planned: s.planned,
      atRisk: s.planned ? s.planned.atRisk : null,
      shareOfGroup: view.share ?? null,
    };
  });
}

/** One version's intervals in the range (the whole horizon by default), with staffing. */
export async function forecastIntervals(ctx: Ctx, view: ForecastView, range: Range): Promise<IntervalView[]> {
  const from = Math.max(range.from, view.row.fromEpoch);
  const to = Math.min(range.to, view.row.toEpoch);
  if (to <= from) return [];
  return intervalViews(ctx, view, await loadRows(ctx, view, from, to));
}

/**
 * The forecast in force for each interval of the range: from the latest version (published by
 * asOf) whose horizon covers it. For a member of a volume share group the queue's own versions
 * and the group's (scaled) versions compete the same way, by publication time: an interval is in
 * force unless a version of either series published later covers its start.
 */
export async function forecastInForce(ctx: Ctx, queueId: string, range: Range, asOf: Date | null): Promise<IntervalView[]> {
  const views = await queueForecasts(ctx, queueId, range, null, asOf);
  const perVersion = await Promise.all(views.map(async (v) => ({ view: v, intervals: await forecastIntervals(ctx, v, range) })));
  const laterOther = (view: ForecastView, startEpoch: number) =>
    views.some(
      (o) =>
        (o.share == null) !== (view.share == null) &&
        o.row.publishedAt.getTime() > view.row.publishedAt.getTime() &&
        o.row.fromEpoch <= startEpoch &&
        startEpoch < o.row.toEpoch,
    );
  return perVersion
    .flatMap(({ view, intervals }) => intervals.filter((i) => i.supersededByVersion === null && !laterOther(view, i.start.getTime() / 1000)))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface ForecastSummary {
  intervals: number;
  volume: number;
  requiredProductiveHours: number | null;
  scheduledFteHours: number | null;
  intervalsWithoutStaffing: number;
  intervalsWithPlan: number;
  intervalsAtRisk: number;
}

export function summarize(intervals: IntervalView[], granularitySeconds: number): ForecastSummary {
  let volume = 0;
  let required = 0;
  let scheduled = 0;
  let without = 0;
  let withPlan = 0;
  let atRisk = 0;
  for (const i of intervals) {
    volume += i.volume;
    if (i.staffing) {
      required += i.staffing.requiredProductiveHours;
      scheduled += (i.staffing.scheduledFte * granularitySeconds) / 3600;
    } else without += 1;
    if (i.planned) withPlan += 1;
    if (i.atRisk) atRisk += 1;
  }
  const staffed = intervals.length - without;
  return {
    intervals: intervals.length,
    volume,
    requiredProductiveHours: staffed > 0 ? required : null,
    scheduledFteHours: staffed > 0 ? scheduled : null,
    intervalsWithoutStaffing: without,
    intervalsWithPlan: withPlan,
    intervalsAtRisk: atRisk,
  };
}
