import { badInput, Problems } from '../platform/errors';
import { checkInstant } from '../platform/validate';
import { windowBuckets } from '../platform/sql-buckets';
import { bucketStart, Granularity, localDateLabel, nextBucketStart } from '../metrics/calendar';
import { CATALOGUE, isMetricKey, valueDomain } from '../metrics/catalogue';
import { Queryable, sumByBucket } from './aggregate';
import type { TargetVersionFacts } from '../clients/contracts';
import { authorize } from './access';
import type { PerformanceContext } from './context';
import { emptySums, figure, Figure } from './series';

export interface ComplianceWindow {
  start: Date;
  end: Date;
  label: string;
  /** The definition in force at the window's start. */
  version: TargetVersionFacts;
  figure: Figure;
  /** Null when nothing was measured (no contacts, or the figure is undefined). */
  met: boolean | null;
  /** How far the value fell short of the goal, in percentage points for ratios, else in the metric's unit; 0 when met. */
  shortfall: number | null;
  /** Service credit this window earns, % of the monthly fee, before the monthly cap. */
  creditPercent: number;
}

export interface ComplianceResult {
  measurable: boolean;
  note: string | null;
  windows: ComplianceWindow[];
  windowsJudged: number;
  windowsMet: number;
  shareMet: number | null;
  /** Credits summed per calendar month (of the time zone), each month capped by the version's cap. */
  creditPercent: number;
  creditAmountMinor: number | null;
}

const MAX_WINDOWS = 20_000;

function versionAt(versions: TargetVersionFacts[], epoch: number): TargetVersionFacts | null {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    const from = Date.parse(v.effectiveFrom) / 1000;
    const to = v.effectiveTo ? Date.parse(v.effectiveTo) / 1000 : Infinity;
    if (epoch >= from && epoch < to) return v;
  }
  return null;
}

/**
 * The measurement windows over [from, to): each window has the granularity of the definition in
 * force at its start, so an amendment from DAY to WEEK windows changes the windows from there.
 * Periods when no definition was in force (before activation, after removal) have no windows.
 */
export function windowsFor(versions: TargetVersionFacts[], fromEpoch: number, toEpoch: number, timeZone: string) {
  const windows: Array<{ start: number; end: number; version: TargetVersionFacts }> = [];
  const starts = versions.map((v) => Date.parse(v.effectiveFrom) / 1000).filter((s) => s > fromEpoch && s < toEpoch);
  let t = fromEpoch;
  while (t < toEpoch) {
    const version = versionAt(versions, t);
    if (!version) {
      // Jump to the next version that starts later, if any.
      const next = starts.find((s) => s > t);
      if (next === undefined) break;
      t = next;
      continue;
    }
    const granularity = version.window as Granularity;
    const start = bucketStart(t, granularity, timeZone);
    const end = Math.min(nextBucketStart(start, granularity, timeZone), toEpoch);
    // A window cut by an amendment keeps only the part after it, so windows never overlap.
    windows.push({ start: Math.max(start, t), end, version });
    if (windows.length > MAX_WINDOWS) throw badInput({ field: 'to', message: `more than ${MAX_WINDOWS} measurement windows; ask for a shorter range` });
    t = end;
  }
  return windows;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function judge(version: TargetVersionFacts, value: number | null): { met: boolean | null; shortfall: number | null; creditPercent: number } {
  if (value === null) return { met: null, shortfall: null, creditPercent: 0 };
  const met = version.comparator === 'AT_MOST' ? value <= version.goal : value >= version.goal;
  if (met) return { met, shortfall: 0, creditPercent: 0 };
  const gap = Math.abs(value - version.goal);
  const unit = isMetricKey(version.metric) ? valueDomain(version.metric, version.variant).unit : 'RATIO';
  // Rounded to a millionth so that 0.9 - 0.85 reads as 5 points, not 5.000000000000004.
  const shortfall = round6(unit === 'RATIO' ? gap * 100 : gap);
  const credit = version.creditPercentPerPoint && version.creditCapPercent ? round6(Math.min(version.creditCapPercent, shortfall * version.creditPercentPerPoint)) : 0;
  return { met, shortfall, creditPercent: credit };
}

/**
 * SLA compliance of one target over [from, to): per window, the measured value under the
 * definition then in force, met or missed, shortfall and service credit; plus the share of
 * windows met and the credit due, capped per month. One SQL statement for all windows.
 */
export async function computeCompliance(
  db: Queryable,
  args: {
    versions: TargetVersionFacts[];
    queueIds: string[];
    timeZone: string;
    from: Date;
    to: Date;
    monthlyFeeMinor: number | null;
  },
): Promise<ComplianceResult> {
  const problems = new Problems();
  checkInstant(problems, 'from', args.from);
  checkInstant(problems, 'to', args.to);
  problems.throwIfAny();
  if (!(args.from.getTime() < args.to.getTime())) throw badInput({ field: 'to', message: 'must be after from' });
  if (args.to.getTime() - args.from.getTime() > 731 * 86_400_000) throw badInput({ field: 'to', message: 'at most two years per request' });
  const metric = args.versions[args.versions.length - 1]?.metric;
  if (metric && isMetricKey(metric) && CATALOGUE[metric].measuredBy !== 'performance') {
    return {
      measurable: false,
      note: `${metric} is measured by the ${CATALOGUE[metric].measuredBy} subgraph; its compliance is not computed from interval actuals`,
      windows: [], windowsJudged: 0, windowsMet: 0, shareMet: null, creditPercent: 0, creditAmountMinor: null,
    };
  }
  const fromEpoch = Math.floor(args.from.getTime() / 1000);
  const toEpoch = Math.floor(args.to.getTime() / 1000);
  const spans = windowsFor(args.versions, fromEpoch, toEpoch, args.timeZone);
  // Windows are contiguous runs; where a gap separates two (no definition in force), the gap is
  // a bucket of its own whose sums are ignored.
  const { boundaries, windowOfBucket } = windowBuckets(spans);
  const rows = spans.length === 0 ? [] : await sumByBucket(db, args.queueIds, boundaries, { from: fromEpoch, to: spans[spans.length - 1].end });
  const sumsOfWindow = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (windowOfBucket[r.bucket] >= 0) sumsOfWindow.set(windowOfBucket[r.bucket], r);

  const windows: ComplianceWindow[] = spans.map((span, i) => {
    const row = sumsOfWindow.get(i);
    const v = span.version;
    const fig = row
      ? figure({ metric: v.metric, variant: v.variant, thresholdSeconds: v.thresholdSeconds, shortAbandonSeconds: v.shortAbandonSeconds }, row.sums, row.attribution, args.timeZone)
      : null;
    const value = fig?.value ?? null;
    return {
      start: new Date(span.start * 1000),
      end: new Date(span.end * 1000),
      label: localDateLabel(span.start, v.window as Granularity, args.timeZone),
      version: v,
      figure: fig ?? figure({ metric: v.metric, variant: v.variant, thresholdSeconds: v.thresholdSeconds, shortAbandonSeconds: v.shortAbandonSeconds }, emptySums(), 'QUEUE_ENTRY', args.timeZone),
      ...judge(v, value),
    };
  });

  const judged = windows.filter((w) => w.met !== null);
  const met = judged.filter((w) => w.met).length;
  const perMonth = new Map<string, { percent: number; cap: number }>();
  for (const w of windows) {
    if (w.creditPercent <= 0) continue;
    const month = localDateLabel(bucketStart(w.start.getTime() / 1000, 'MONTH', args.timeZone), 'MONTH', args.timeZone);
    const entry = perMonth.get(month) ?? { percent: 0, cap: w.version.creditCapPercent ?? 0 };
    entry.percent += w.creditPercent;
    entry.cap = Math.max(entry.cap, w.version.creditCapPercent ?? 0);
    perMonth.set(month, entry);
  }
  const creditPercent = round6([...perMonth.values()].reduce((sum, m) => sum + Math.min(m.percent, m.cap), 0));
  return {
    measurable: true,
    note: null,
    windows,
    windowsJudged: judged.length,
    windowsMet: met,
    shareMet: judged.length === 0 ? null : met / judged.length,
    creditPercent,
    creditAmountMinor: args.monthlyFeeMinor === null ? null : Math.round((args.monthlyFeeMinor * creditPercent) / 100),
  };
}

/**
 * `SlaTarget.compliance`: the target's definition history arrives with the reference (contracts
 * owns it); the contract's parties, queues and fee come from contracts as the caller sees them.
 */
export async function targetCompliance(
  ctx: PerformanceContext,
  target: { contractId: string; history: TargetVersionFacts[] },
  range: { from: Date; to: Date },
): Promise<ComplianceResult & { currency: string }> {
  const facts = await authorize(ctx, 'contract.read', target.contractId);
  const latest = target.history[target.history.length - 1];
  const queue = facts.queues.find((q) => q.id === latest?.queueId);
  const result = await computeCompliance(ctx.db, {
    versions: target.history,
    queueIds: queue ? [queue.id] : facts.queues.map((q) => q.id),
    timeZone: queue?.timeZone ?? facts.queues[0]?.timeZone ?? 'UTC',
    from: range.from,
    to: range.to,
    monthlyFeeMinor: facts.monthlyFeeMinor,
  });
  return { ...result, currency: facts.currency };
}
