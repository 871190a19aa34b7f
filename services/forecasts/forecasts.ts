import { badInput, Problems } from '../platform/errors';
import { checkInstant } from '../platform/validate';
import { authorize } from './access';
import type { ForecastsContext } from './context';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { MAX_HORIZON_DAYS } from './publish';
import { finiteOrLargest, IntervalStaffing, PlannedOutcome, StaffingResult, staffIntervals, targetResolver } from './staffing';
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

/** A queue as a forecast is read for it: its contract and centre give the SLA targets to staff for. */
export interface QueueSubject {
  id: string;
  contractId: string;
  centreId: string;
}

/** Longest range one forecastInForce, volumeDrivers or accuracy request may ask about, as a forecast horizon. */
export const MAX_RANGE_DAYS = MAX_HORIZON_DAYS;

/**
 * A range of a read: both ends in the instant window, `to` after `from`, and, when `maxDays` is
 * given, at most that long. Missing ends take the fallback (a version's horizon).
 */
export function readRange(from: Date | null | undefined, to: Date | null | undefined, fallback: Range, maxDays?: number): Range {
  const problems = new Problems();
  checkInstant(problems, 'from', from);
  checkInstant(problems, 'to', to);
  problems.throwIfAny();
  const range = { from: from ? Math.floor(from.getTime() / 1000) : fallback.from, to: to ? Math.floor(to.getTime() / 1000) : fallback.to };
  if (!(range.to > range.from)) throw badInput({ field: 'to', message: 'must be after from' });
  if (maxDays !== undefined && range.to - range.from > maxDays * 86_400) {
    throw badInput({ field: 'to', message: `at most ${maxDays} days after from per request; ask for a shorter range` });
  }
  return range;
}

function asOfInstant(asOf: Date | null | undefined): Date | null {
  const problems = new Problems();
  checkInstant(problems, 'asOf', asOf);
  problems.throwIfAny();
  return asOf ?? null;
}

export interface VersionsArgs {
  from: Date;
  to: Date;
  version?: number | null;
  asOf?: Date | null;
}

/**
 * Versions of a queue whose horizon overlaps the range, newest first; `version` picks one. For a
 * member of a volume share group, the group's versions follow too, scaled by the queue's share
 * (two series, each numbered on its own; `version` filters both).
 */
export async function queueForecasts(ctx: ForecastsContext, queueId: string, args: VersionsArgs): Promise<ForecastView[]> {
  const facts = await authorize(ctx, 'readQueue', { queue: queueId });
  return versionsOf(ctx, facts, readRange(args.from, args.to, { from: 0, to: 0 }), args.version ?? null, asOfInstant(args.asOf));
}

/** The versions of a queue the caller was authorised to read. */
async function versionsOf(ctx: ForecastsContext, queue: QueueSubject, range: Range, version: number | null, asOf: Date | null): Promise<ForecastView[]> {
  const queueId = queue.id;
  const keep = (v: ForecastRow) => (version === null || v.version === version) && v.fromEpoch < range.to && v.toEpoch > range.from;
  const [own, membership] = await Promise.all([ctx.loaders.versionsByQueue.load(queueId), ctx.loaders.contracts.volumeShare.load(queueId)]);
  const versions = publishedBy(own, asOf);
  const views: ForecastView[] = versions.filter(keep).map((row) => ({ row, versions, asOf, share: null, groupId: null }));
  if (membership) {
    // Copies carrying the member queue and its contract: staffing then uses the queue's targets.
    const group = publishedBy(await ctx.loaders.versionsByQueue.load(groupSubject(membership.groupId)), asOf).map((g) =>
      Object.assign(new ForecastRow(), g, { queueId, contractId: queue.contractId, centreId: queue.centreId }),
    );
    for (const row of group.filter(keep)) views.push({ row, versions: group, asOf, share: membership.share, groupId: membership.groupId });
  }
  return views.sort((a, b) => b.row.publishedAt.getTime() - a.row.publishedAt.getTime() || b.row.version - a.row.version);
}

/** A version's intervals as its reader sees them: a group's forecast scaled by the member's share (its planned agents are not the centre's, so left out). */
export async function loadRows(ctx: ForecastsContext, view: ForecastView, from: number, to: number): Promise<ForecastIntervalRow[]> {
  const rows = await ctx.loaders.intervals.load({ forecastId: view.row.id, from, to });
  const share = view.share;
  if (share == null) return rows;
  return rows.map((r) => ({ ...r, volume: r.volume * share, plannedAgents: null }));
}

export async function forecastById(ctx: ForecastsContext, id: string): Promise<ForecastView> {
  const { row } = await authorize(ctx, 'readForecast', { forecast: id });
  return { row, versions: await ctx.loaders.versionsByQueue.load(row.queueId), asOf: null };
}

export function status(view: ForecastView): { status: SupersessionStatus; byVersions: number[] } {
  return supersessionStatus(view.row, view.versions);
}

/**
 * Intervals staffed between two turns of the event loop. At the bounds an interval costs up to
 * ~1.5 ms (2,000 Erlangs, a patience of an hour over a 90 s AHT, 5,000 planned agents), so a
 * chunk holds the process for at most ~50 ms whatever a forecast holds.
 */
const STAFFING_CHUNK = 32;

async function intervalViews(ctx: ForecastsContext, view: ForecastView, rows: ForecastIntervalRow[]): Promise<IntervalView[]> {
  const f = view.row;
  const contract = await ctx.loaders.contracts.contract.load(f.contractId);
  const targetAt = targetResolver(f.queueId, contract?.slaTargets ?? []);
  const options = { granularitySeconds: f.granularitySeconds, shrinkage: f.shrinkage, patienceSeconds: f.patienceSeconds, targetAt, cache: ctx.loaders.staffing };
  const staffed: StaffingResult[] = [];
  for (let i = 0; i < rows.length; i += STAFFING_CHUNK) {
    // Staffing is CPU work: other requests get the process between chunks.
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    staffed.push(...staffIntervals(rows.slice(i, i + STAFFING_CHUNK), options));
  }
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

/** One version's intervals in [range) ∩ horizon with staffing, computed once per request. */
function staffedRange(ctx: ForecastsContext, view: ForecastView, range: Range): Promise<IntervalView[]> {
  const from = Math.max(range.from, view.row.fromEpoch);
  const to = Math.min(range.to, view.row.toEpoch);
  if (to <= from) return Promise.resolve([]);
  const key = [view.row.id, view.row.queueId, view.share ?? '', view.asOf?.getTime() ?? '', from, to].join('|');
  let staffed = ctx.loaders.staffedIntervals.get(key);
  if (!staffed) {
    staffed = loadRows(ctx, view, from, to).then((rows) => intervalViews(ctx, view, rows));
    ctx.loaders.staffedIntervals.set(key, staffed);
  }
  return staffed;
}

/** One version's intervals in the range (the whole horizon by default), with staffing; the version was read through an authorised use case. */
export function forecastIntervals(ctx: ForecastsContext, view: ForecastView, args: { from?: Date | null; to?: Date | null } = {}): Promise<IntervalView[]> {
  return staffedRange(ctx, view, readRange(args.from, args.to, { from: view.row.fromEpoch, to: view.row.toEpoch }));
}

export interface InForceArgs {
  from: Date;
  to: Date;
  asOf?: Date | null;
}

/**
 * The forecast in force for each interval of the range: from the latest version (published by
 * asOf) whose horizon covers it. For a member of a volume share group the queue's own versions
 * and the group's (scaled) versions compete the same way, by publication time: an interval is in
 * force unless a version of either series published later covers its start.
 */
export async function forecastInForce(ctx: ForecastsContext, queueId: string, args: InForceArgs): Promise<IntervalView[]> {
  const facts = await authorize(ctx, 'readQueue', { queue: queueId });
  return inForce(ctx, facts, readRange(args.from, args.to, { from: 0, to: 0 }, MAX_RANGE_DAYS), asOfInstant(args.asOf));
}

/** The forecast in force of a queue the caller was authorised to read; only the intervals in force are staffed. */
export async function inForce(ctx: ForecastsContext, queue: QueueSubject, range: Range, asOf: Date | null): Promise<IntervalView[]> {
  const views = await versionsOf(ctx, queue, range, null, asOf);
  const laterOther = (view: ForecastView, startEpoch: number) =>
    views.some(
      (o) =>
        (o.share == null) !== (view.share == null) &&
        o.row.publishedAt.getTime() > view.row.publishedAt.getTime() &&
        o.row.fromEpoch <= startEpoch &&
        startEpoch < o.row.toEpoch,
    );
  const perVersion = await Promise.all(
    views.map(async (view) => {
      const from = Math.max(range.from, view.row.fromEpoch);
      const to = Math.min(range.to, view.row.toEpoch);
      if (to <= from) return [];
      const rows = await loadRows(ctx, view, from, to);
      const inForceRows = rows.filter((r) => supersededBy(view.row, view.versions, r.startEpoch) === null && !laterOther(view, r.startEpoch));
      return intervalViews(ctx, view, inForceRows);
    }),
  );
  return perVersion.flat().sort((a, b) => a.start.getTime() - b.start.getTime());
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
    volume: finiteOrLargest(volume),
    requiredProductiveHours: staffed > 0 ? required : null,
    scheduledFteHours: staffed > 0 ? scheduled : null,
    intervalsWithoutStaffing: without,
    intervalsWithPlan: withPlan,
    intervalsAtRisk: atRisk,
  };
}
