import { badInput, Problems } from '../platform/errors';
import { checkInstant } from '../platform/validate';
import { windowBuckets } from '../platform/sql-buckets';
import { bucketStart, Granularity, localDateLabel, nextBucketStart } from '../metrics/calendar';
import { GraphQLError } from 'graphql';
import { LIST_LIMITS } from '../metrics/bounds';
import { CANONICAL_VARIANT, CATALOGUE, isMetricKey, valueDomain } from '../metrics/catalogue';
import { MetricValue, RawSums, sumsRead, SumsField, waitBucketsRead, WaitBucketsRead, WaitHistogram } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { Queryable, SumsRead, visitBucketSums } from './aggregate';
import type { ContractFacts, TargetVersionFacts } from '../clients/contracts';
import type { FiguresRequest } from '../clients/figures';
import type { WindowFigure } from '../clients/window-figures';
import { authorize } from './access';
import type { PerformanceContext } from './context';
import { emptySums, Figure, FigureMaker, figureMaker, label } from './series';

export interface ComplianceWindow {
  start: Date;
  end: Date;
  label: string;
  /** The definition in force at the window's start. */
  version: TargetVersionFacts;
  figure: Figure;
  /** Offered contacts of an interval metric; responses, judged complaint clocks or evaluations of the others. */
  sampleSize: number;
  /** The 95 % interval the owning subgraph gives (survey and quality figures); null otherwise. */
  confidenceLow: number | null;
  confidenceHigh: number | null;
  /** Null when not judged: nothing measured, a sample below the target's minimum, or a figure that cannot be measured. */
  met: boolean | null;
  /** Why the window was not judged; null when it was. */
  notJudgedReason: string | null;
  /** How far the value fell short of the goal, in percentage points for ratios, else in the metric's unit; 0 when met. */
  shortfall: number | null;
  /** Service credit this window earns, % of the monthly fee, before the monthly cap. */
  creditPercent: number;
}

export interface ComplianceResult {
  measurable: boolean;
  note: string | null;
  /** Shaped on first read (a getter): spreading the result shapes them all. */
  windows: ComplianceWindow[];
  windowsJudged: number;
  windowsMet: number;
  shareMet: number | null;
  /** Credits summed per calendar month (of the time zone), each month capped by the version's cap. */
  creditPercent: number;
  creditAmountMinor: number | null;
}

const MAX_WINDOWS = LIST_LIMITS.figureWindows;

/** The versions with their spans in epoch seconds, parsed once. */
type VersionSpan = { from: number; to: number; version: TargetVersionFacts };

function versionSpans(versions: TargetVersionFacts[]): VersionSpan[] {
  return versions.map((v) => ({ from: Date.parse(v.effectiveFrom) / 1000, to: v.effectiveTo ? Date.parse(v.effectiveTo) / 1000 : Infinity, version: v }));
}

function versionAt(spans: VersionSpan[], epoch: number): TargetVersionFacts | null {
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    if (epoch >= s.from && epoch < s.to) return s.version;
  }
  return null;
}

/**
 * The measurement windows over [from, to): each window has the granularity of the definition in
 * force at its start, so an amendment from DAY to WEEK windows changes the windows from there.
 * Periods when no definition was in force (before activation, after removal) have no windows.
 */
export function windowsFor(versions: TargetVersionFacts[], fromEpoch: number, toEpoch: number, timeZone: string) {
  const windows: Array<{ start: number; end: number; version: TargetVersionFacts; atMidnight: boolean }> = [];
  const parsed = versionSpans(versions);
  const starts = parsed.map((v) => v.from).filter((s) => s > fromEpoch && s < toEpoch);
  let t = fromEpoch;
  const boundaryOf: { at: number; granularity: Granularity | null } = { at: NaN, granularity: null };
  while (t < toEpoch) {
    const version = versionAt(parsed, t);
    if (!version) {
      // Jump to the next version that starts later, if any.
      const next = starts.find((s) => s > t);
      if (next === undefined) break;
      t = next;
      continue;
    }
    const granularity = version.window as Granularity;
    // Where the window before ended at its bucket's end, the next bucket of its granularity starts there.
    const start = t === boundaryOf.at && granularity === boundaryOf.granularity ? t : bucketStart(t, granularity, timeZone);
    const next = nextBucketStart(start, granularity, timeZone);
    boundaryOf.at = next;
    boundaryOf.granularity = granularity;
    const end = Math.min(next, toEpoch);
    // A window cut by an amendment keeps only the part after it, so windows never overlap. A
    // window of days, weeks or months not cut starts at a local midnight (and ends at the next
    // window's start, or at the range's end).
    windows.push({ start: Math.max(start, t), end, version, atMidnight: start >= t && CALENDAR_WINDOWS.has(granularity) });
    if (windows.length > MAX_WINDOWS) throw badInput({ field: 'to', message: `more than ${MAX_WINDOWS} measurement windows; ask for a shorter range` });
    t = end;
  }
  return windows;
}

/** Windows whose buckets start at local midnights. */
const CALENDAR_WINDOWS: ReadonlySet<Granularity> = new Set(['DAY', 'WEEK', 'MONTH']);

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Whether a value meets the version's goal. */
function meets(version: TargetVersionFacts, value: number): boolean {
  return version.comparator === 'AT_MOST' ? value <= version.goal : value >= version.goal;
}

export function judge(version: TargetVersionFacts, value: number | null): { met: boolean | null; shortfall: number | null; creditPercent: number } {
  if (value === null) return { met: null, shortfall: null, creditPercent: 0 };
  const met = meets(version, value);
  if (met) return { met, shortfall: 0, creditPercent: 0 };
  const gap = Math.abs(value - version.goal);
  const unit = isMetricKey(version.metric) ? valueDomain(version.metric, version.variant).unit : 'RATIO';
  // Rounded to a millionth so that 0.9 - 0.85 reads as 5 points, not 5.000000000000004.
  const shortfall = round6(unit === 'RATIO' ? gap * 100 : gap);
  const credit = version.creditPercentPerPoint && version.creditCapPercent ? round6(Math.min(version.creditCapPercent, shortfall * version.creditPercentPerPoint)) : 0;
  return { met, shortfall, creditPercent: credit };
}

/** What measures the windows of a metric another subgraph owns (the figures client, or a stub in tests). */
export interface FigureSource {
  load(request: FiguresRequest): Promise<WindowFigure[]>;
}

/**
 * The subgraphs that own the data of non-interval metrics, as this request reaches them; null
 * where the subgraph is not configured (its targets are reported as not measurable, never as
 * an error).
 */
export interface FigureOwners {
  feedback: FigureSource | null;
  quality: FigureSource | null;
}

export const NO_OWNERS: FigureOwners = { feedback: null, quality: null };

type Owner = 'performance' | 'feedback' | 'quality' | 'forecasts';

function ownerOf(metric: string): Owner {
  return isMetricKey(metric) ? CATALOGUE[metric].measuredBy : 'performance';
}

/** What a window's sample counts, and which instant puts a record in a window, per owner. */
const SAMPLE: Record<Owner, { noun: (metric: string) => string; attribution: (metric: string) => string }> = {
  performance: { noun: () => 'offered contacts', attribution: () => 'QUEUE_ENTRY' },
  feedback: {
    noun: (m) => (m.startsWith('COMPLAINTS_') ? 'complaints with a judged clock' : 'survey responses'),
    attribution: (m) => (m.startsWith('COMPLAINTS_') ? 'COMPLAINT_RECEIVED' : 'RESPONDED_AT'),
  },
  quality: { noun: () => 'evaluations', attribution: () => 'INTERACTION_TIME' },
  forecasts: { noun: () => 'intervals', attribution: () => 'INTERVAL_START' },
};

/** Why windows of this owner cannot be measured here, or null when they can. */
function unavailable(owner: Owner, metric: string, owners: FigureOwners): string | null {
  if (owner === 'performance') return null;
  if (owner === 'forecasts') return `${metric} is measured by the forecasts subgraph; SLA verdicts on it are not computed yet`;
  if (!owners[owner]) return `${metric} is measured by the ${owner} subgraph, which this hub does not reach (${owner.toUpperCase()}_URL is not set); its windows are not judged`;
  return null;
}

export interface ComplianceArgs {
  contractId: string;
  versions: TargetVersionFacts[];
  queueIds: string[];
  timeZone: string;
  from: Date;
  to: Date;
  monthlyFeeMinor: number | null;
}

interface Measured {
  /** The figure as answered; for a window measured here, made only when the windows are shaped. */
  readonly figure: Figure;
  /** The figure's value: what the window is judged on. */
  value: number | null;
  sampleSize: number;
  confidenceLow: number | null;
  confidenceHigh: number | null;
  /** Set when the window cannot be judged whatever its value. */
  reason?: string;
}

/** A window measured from this subgraph's sums: its value, and its figure made on demand. */
class MeasuredHere implements Measured {
  readonly value: number | null;
  readonly confidenceLow = null;
  readonly confidenceHigh = null;
  constructor(
    private readonly measuredValue: MetricValue,
    private readonly attribution: string,
    private readonly maker: FigureMaker,
    readonly sampleSize: number,
  ) {
    this.value = measuredValue.value;
  }

  get figure(): Figure {
    return this.maker.figure(this.measuredValue, this.attribution);
  }
}

/** A window another subgraph measured (or could not). */
function measuredElsewhere(figure: Figure, sampleSize: number, confidenceLow: number | null, confidenceHigh: number | null, reason?: string): Measured {
  return { figure, value: figure.value, sampleSize, confidenceLow, confidenceHigh, reason };
}

/**
 * What was measured of each window. The value and sample a window is judged on are kept in
 * arrays; the rest (its figure, confidence, why it cannot be judged) only where it is needed: for
 * windows measured elsewhere, and for all when the windows are shaped. A summary of a year of DAY
 * windows of 100 targets then keeps no object per window.
 */
class Measurements {
  private readonly values: Float64Array;
  private readonly valued: Uint8Array;
  private readonly samples: Float64Array;
  private readonly details: Array<Measured | undefined>;

  constructor(length: number) {
    this.values = new Float64Array(length);
    this.valued = new Uint8Array(length);
    this.samples = new Float64Array(length);
    this.details = new Array(length);
  }

  /** The window's value and sample, with its details when `detail` is given. */
  set(i: number, value: number | null, sampleSize: number, detail?: Measured): void {
    this.valued[i] = value === null ? 0 : 1;
    this.values[i] = value ?? 0;
    this.samples[i] = sampleSize;
    if (detail) this.details[i] = detail;
  }

  value(i: number): number | null {
    return this.valued[i] ? this.values[i] : null;
  }

  sampleSize(i: number): number {
    return this.samples[i];
  }

  /** The details of a window set with them. */
  detail(i: number): Measured | undefined {
    return this.details[i];
  }
}

function definitionOf(v: TargetVersionFacts) {
  return { metric: v.metric, variant: v.variant, thresholdSeconds: v.thresholdSeconds, shortAbandonSeconds: v.shortAbandonSeconds };
}

/** A figure another subgraph measured, labelled like every figure the hub returns. */
function externalFigure(v: TargetVersionFacts, owner: Owner, f: WindowFigure | null, timeZone: string): Figure {
  const definition = {
    metric: v.metric,
    variant: v.variant ?? CANONICAL_VARIANT,
    thresholdSeconds: null,
    shortAbandonSeconds: null,
    label: label({ metric: v.metric, variant: v.variant }),
    attribution: SAMPLE[owner].attribution(v.metric),
    timeZone,
  };
  return { definition, value: f?.value ?? null, approximate: f?.approximate ?? false, numerator: f?.numerator ?? undefined, denominator: f?.denominator ?? undefined };
}

/**
 * What the definitions of these windows read of the sums (the offered count, their sample, is
 * always read): their fields, and of a wait histogram the leading buckets up to the largest
 * threshold counted in it. Undefined for everything.
 */
function sumsReadBy(windows: ReadonlyArray<{ version: TargetVersionFacts }>): SumsRead | undefined {
  const fields = new Set<SumsField>();
  const leading: WaitBucketsRead = {};
  const whole = new Set<WaitHistogram>();
  let last: TargetVersionFacts | null = null;
  for (const w of windows) {
    if (w.version === last) continue;
    last = w.version;
    const definition = definitionOf(w.version);
    const read = sumsRead(definition);
    if (!read) return undefined;
    const buckets = waitBucketsRead(definition, STANDARD_WAIT_BOUNDS);
    for (const f of read) {
      fields.add(f);
      if (f !== 'answeredWait' && f !== 'abandonedWait') continue;
      const n = buckets[f];
      if (n === undefined) whole.add(f);
      else leading[f] = Math.max(leading[f] ?? 0, n);
    }
  }
  for (const h of whole) delete leading[h];
  return { fields: [...fields], waitBuckets: leading };
}

/**
 * The figure of every window: interval metrics from this subgraph's actuals (one SQL statement
 * for all windows), the others from the subgraph that owns their data, one request per
 * definition in force (batched with the request's other targets by the figures client).
 * Returns what was measured of each window (its figure kept only with `keepFigures`, or when
 * measured elsewhere), and the reason no window could be measured, if none could.
 */
async function measureWindows(
  db: Queryable,
  args: ComplianceArgs,
  spans: Array<{ start: number; end: number; version: TargetVersionFacts; atMidnight: boolean }>,
  owners: FigureOwners,
  /** Whether the windows measured here keep their figures (for shaping the windows). */
  keepFigures: boolean,
): Promise<{ measured: Measurements; refused: string | null }> {
  const measured = new Measurements(spans.length);
  const done = new Uint8Array(spans.length);
  // The windows measured here, by index into spans (no copy of each window).
  const intervalIndex: number[] = [];
  for (let i = 0; i < spans.length; i++) if (ownerOf(spans[i].version.metric) === 'performance') intervalIndex.push(i);
  if (intervalIndex.length > 0) {
    const interval = intervalIndex.length === spans.length ? spans : intervalIndex.map((i) => spans[i]);
    const { boundaries, windowOfBucket } = windowBuckets(interval);
    const from = Math.floor(args.from.getTime() / 1000);
    // One figure maker per definition in force (checked and labelled once), not per window.
    const makers = new Map<TargetVersionFacts, FigureMaker>();
    const measure = (k: number, sums: RawSums, attribution: string) => {
      const version = interval[k].version;
      let maker = makers.get(version);
      if (!maker) makers.set(version, (maker = figureMaker(definitionOf(version), args.timeZone)));
      const value = maker.measure(sums);
      const i = intervalIndex[k];
      measured.set(i, value.value, sums.offered, keepFigures ? new MeasuredHere(value, attribution, maker, sums.offered) : undefined);
      done[i] = 1;
    };
    // Each bucket's sums are turned into the window's value as they are read (and not kept).
    await visitBucketSums(
      db,
      args.queueIds,
      boundaries,
      { from, to: interval[interval.length - 1].end },
      {
        timeZone: args.timeZone,
        // Windows not cut start at local midnights: only the range's ends are checked (not a year of days one by one).
        boundariesAtMidnight: interval.every((w) => w.atMidnight),
        read: sumsReadBy(interval),
      },
      (row) => {
        const k = windowOfBucket[row.bucket];
        if (k >= 0) measure(k, row.sums, row.attribution);
      },
    );
    let empty: RawSums | null = null;
    for (let k = 0; k < interval.length; k++) if (!done[intervalIndex[k]]) measure(k, (empty ??= emptySums()), 'QUEUE_ENTRY');
  }
  // The other windows, grouped by owner and definition: one figures request per group.
  const groups = new Map<string, Array<(typeof spans)[number] & { i: number }>>();
  spans.forEach((w, i) => {
    const owner = ownerOf(w.version.metric);
    if (owner === 'performance') return;
    const key = JSON.stringify([owner, w.version.metric, w.version.variant, w.version.queueId]);
    const group = groups.get(key);
    if (group) group.push({ ...w, i });
    else groups.set(key, [{ ...w, i }]);
  });
  const refusals: string[] = [];
  const elsewhere = (i: number, m: Measured) => measured.set(i, m.value, m.sampleSize, m);
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const v = group[0].version;
      const owner = ownerOf(v.metric);
      const blank = (reason: string) => {
        for (const w of group) elsewhere(w.i, measuredElsewhere(externalFigure(w.version, owner, null, args.timeZone), 0, null, null, reason));
      };
      const missing = unavailable(owner, v.metric, owners);
      if (missing) {
        blank(missing);
        refusals.push(missing);
        return;
      }
      let figures: WindowFigure[];
      try {
        figures = await owners[owner as 'feedback' | 'quality']!.load({
          contractId: args.contractId,
          metric: v.metric,
          variant: v.variant ?? null,
          queueId: v.queueId ?? null,
          windows: group.map((w) => ({ from: new Date(w.start * 1000).toISOString(), to: new Date(w.end * 1000).toISOString() })),
        });
      } catch (error) {
        // A definition the owner cannot measure (a variant it has no data for) is not judged; any
        // other failure (timeout, unavailable) fails the field with its code.
        if ((error as GraphQLError).extensions?.code !== 'BAD_USER_INPUT') throw error;
        const reason = `the ${owner} subgraph cannot measure ${label({ metric: v.metric, variant: v.variant })}: ${(error as Error).message}`;
        blank(reason);
        refusals.push(reason);
        return;
      }
      group.forEach((w, k) => {
        const f = figures[k];
        elsewhere(w.i, measuredElsewhere(externalFigure(w.version, owner, f, args.timeZone), f.sampleSize, f.confidenceLow, f.confidenceHigh));
      });
    }),
  );
  let allRefused = spans.length > 0 && refusals.length > 0;
  for (let i = 0; allRefused && i < spans.length; i++) allRefused = measured.detail(i)?.reason !== undefined;
  return { measured, refused: allRefused ? refusals[0] : null };
}

/** What a window's sample counts (named only in the reason a window is not judged). */
function sampleNoun(v: TargetVersionFacts): string {
  return SAMPLE[ownerOf(v.metric)].noun(v.metric);
}

type Verdict = Pick<ComplianceWindow, 'met' | 'shortfall' | 'creditPercent' | 'notJudgedReason'>;

function unjudged(reason: string): Verdict {
  return { met: null, shortfall: null, creditPercent: 0, notJudgedReason: reason };
}

/** The verdict of one window: not judged (with the reason) below the minimum sample or without a value. */
function verdict(v: TargetVersionFacts, value: number | null, sampleSize: number, reason: string | undefined): Verdict {
  if (reason) return unjudged(reason);
  if (sampleSize === 0 && value === null) return unjudged(`no ${sampleNoun(v)} in the window`);
  if (v.minimumSample != null && sampleSize < v.minimumSample) {
    return unjudged(`${sampleSize} ${sampleNoun(v)} in the window, fewer than the minimum sample of ${v.minimumSample}`);
  }
  if (value === null) return unjudged('the figure is undefined for this window (a field it needs was not reported)');
  // Most windows of a long range are met: they share one verdict, and judge (which makes one) is not asked.
  if (meets(v, value)) return MET;
  const { met, shortfall, creditPercent } = judge(v, value);
  return { met, shortfall, creditPercent, notJudgedReason: null };
}

const MET: Verdict = Object.freeze({ met: true, shortfall: 0, creditPercent: 0, notJudgedReason: null });

/**
 * SLA compliance of one target over [from, to): per window, the measured value under the
 * definition then in force (from the interval actuals, or from the subgraph that owns the
 * metric's data), met or missed, shortfall and service credit, or why it was not judged; plus
 * the share of windows met and the credit due, capped per month. The windows are shaped on
 * first read of `windows`: a summary of a year of DAY windows judges every window but builds
 * none of them (so spread the result only where the windows are wanted).
 */
export async function computeCompliance(
  db: Queryable,
  args: ComplianceArgs,
  owners: FigureOwners = NO_OWNERS,
  /** False when the caller will not read the windows: they are then not kept (`windows` is empty). */
  keepWindows = true,
): Promise<ComplianceResult> {
  const problems = new Problems();
  checkInstant(problems, 'from', args.from);
  checkInstant(problems, 'to', args.to);
  problems.throwIfAny();
  if (!(args.from.getTime() < args.to.getTime())) throw badInput({ field: 'to', message: 'must be after from' });
  if (args.to.getTime() - args.from.getTime() > 731 * 86_400_000) throw badInput({ field: 'to', message: 'at most two years per request' });
  const notMeasurable = (note: string): ComplianceResult => ({
    measurable: false, note, windows: [], windowsJudged: 0, windowsMet: 0, shareMet: null, creditPercent: 0, creditAmountMinor: null,
  });
  const latest = args.versions[args.versions.length - 1];
  const missing = latest ? unavailable(ownerOf(latest.metric), latest.metric, owners) : null;
  if (missing) return notMeasurable(missing);
  const fromEpoch = Math.floor(args.from.getTime() / 1000);
  const toEpoch = Math.floor(args.to.getTime() / 1000);
  const spans = windowsFor(args.versions, fromEpoch, toEpoch, args.timeZone);
  const { measured, refused } = await measureWindows(db, args, spans, owners, keepWindows);
  if (refused) return notMeasurable(refused);

  const verdicts: Verdict[] = new Array(spans.length);
  let judged = 0;
  let met = 0;
  const perMonth = new Map<string, { percent: number; cap: number }>();
  // The calendar month of the window before is kept: a year of DAY windows finds 12 months, not 365.
  let month: { from: number; to: number; label: string } | null = null;
  for (let i = 0; i < spans.length; i++) {
    const { start, version } = spans[i];
    const outcome = (verdicts[i] = verdict(version, measured.value(i), measured.sampleSize(i), measured.detail(i)?.reason));
    if (outcome.met !== null) {
      judged += 1;
      if (outcome.met) met += 1;
    }
    if (outcome.creditPercent <= 0) continue;
    if (!month || start < month.from || start >= month.to) {
      const from = bucketStart(start, 'MONTH', args.timeZone);
      month = { from, to: nextBucketStart(from, 'MONTH', args.timeZone), label: localDateLabel(from, 'MONTH', args.timeZone) };
    }
    const entry = perMonth.get(month.label) ?? { percent: 0, cap: version.creditCapPercent ?? 0 };
    entry.percent += outcome.creditPercent;
    entry.cap = Math.max(entry.cap, version.creditCapPercent ?? 0);
    perMonth.set(month.label, entry);
  }
  const creditPercent = round6([...perMonth.values()].reduce((sum, m) => sum + Math.min(m.percent, m.cap), 0));

  let windows: ComplianceWindow[] | undefined;
  const shapeWindows = (): ComplianceWindow[] =>
    spans.map((span, i) => {
      const m = measured.detail(i)!;
      const v = verdicts[i];
      return {
        start: new Date(span.start * 1000),
        end: new Date(span.end * 1000),
        label: localDateLabel(span.start, span.version.window as Granularity, args.timeZone),
        version: span.version,
        figure: m.figure,
        sampleSize: m.sampleSize,
        confidenceLow: m.confidenceLow,
        confidenceHigh: m.confidenceHigh,
        met: v.met,
        shortfall: v.shortfall,
        creditPercent: v.creditPercent,
        notJudgedReason: v.notJudgedReason,
      };
    });
  return {
    measurable: true,
    note: null,
    // Kept, the windows hold every window's figure until the answer is sent: a year of DAY
    // windows of 100 targets outlives the young heap and costs the collector more than the
    // measuring itself.
    get windows() {
      return keepWindows ? (windows ??= shapeWindows()) : [];
    },
    windowsJudged: judged,
    windowsMet: met,
    shareMet: judged === 0 ? null : met / judged,
    creditPercent,
    creditAmountMinor: args.monthlyFeeMinor === null ? null : Math.round((args.monthlyFeeMinor * creditPercent) / 100),
  };
}

/** The compliance arguments of a target of a contract: its queue's zone, or the contract's first queue's. */
export function complianceArgs(facts: ContractFacts, history: TargetVersionFacts[], range: { from: Date; to: Date }): ComplianceArgs {
  const latest = history[history.length - 1];
  const queue = facts.queues.find((q) => q.id === latest?.queueId);
  return {
    contractId: facts.id,
    versions: history,
    queueIds: queue ? [queue.id] : facts.queues.map((q) => q.id),
    timeZone: queue?.timeZone ?? facts.queues[0]?.timeZone ?? 'UTC',
    from: range.from,
    to: range.to,
    monthlyFeeMinor: facts.monthlyFeeMinor,
  };
}

/**
 * `SlaTarget.compliance`: the target's definition history arrives with the reference (contracts
 * owns it); the contract's parties, queues and fee come from contracts as the caller sees them;
 * survey, complaint and quality figures come from the subgraph that owns them, asked with the
 * caller's token.
 */
export async function targetCompliance(
  ctx: PerformanceContext,
  target: { contractId: string; history: TargetVersionFacts[] },
  range: { from: Date; to: Date },
  /** False when the caller does not ask for the windows (a summary). */
  keepWindows = true,
): Promise<ComplianceResult & { currency: string }> {
  const facts = await authorize(ctx, 'contract.read', target.contractId);
  const measure = () => computeCompliance(ctx.db, complianceArgs(facts, target.history, range), ctx.figures ?? NO_OWNERS, keepWindows);
  // A target measured from this subgraph's sums waits its turn (loaders.measuring); the others
  // are measured by the subgraph that owns their data, in one call batched across the targets.
  const result = await (target.history.some((v) => ownerOf(v.metric) === 'performance') ? ctx.loaders.measuring(measure) : measure());
  // Not spread: that would shape every window (see computeCompliance).
  return Object.assign(result, { currency: facts.currency });
}
