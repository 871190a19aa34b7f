import { badInput, Problems } from '../platform/errors';
import { validateRange } from '../platform/ranges';
import { checkInstant, checkList, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { bucketBoundaries, Granularity, localDateLabel, nextBucketStart } from '../metrics/calendar';
import { meanIntervalFromSums } from '../metrics/calibration';
import { wilsonInterval } from '../metrics/confidence';
import type { WindowFigure } from '../clients/window-figures';
import { authorize } from './access';
import { QualityReadContext } from './context';
import { QualitySums, Scope, sumsPerAgent, sumsPerBucket, sumsPerEvaluator, sumsPerWindow } from './evaluations-storage';
import type { DataSource } from 'typeorm';

/**
 * QUALITY_SCORE (shared/METRICS.md, wave 2): the mean evaluation score (0–100 %) under the
 * scorecard version in force at each interaction, with the variants SHARE_PASSING (at or above
 * the version's pass mark, without a critical fail) and CRITICAL_FAIL_RATE, per queue, contract,
 * agent and evaluator, and per window for SLA verdicts. Everything is added up in SQL
 * (evaluations-storage.ts); this file turns sums into figures with their intervals.
 */

export const QUALITY_METRIC = 'QUALITY_SCORE';
/** The variants windowFigures takes; CANONICAL (the catalogue's name of the canonical variant) is MEAN_SCORE. */
export const QUALITY_VARIANTS = ['MEAN_SCORE', 'SHARE_PASSING', 'CRITICAL_FAIL_RATE'] as const;
export type QualityVariant = (typeof QUALITY_VARIANTS)[number];

export interface MeanFigure {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface ShareOfEvaluations {
  count: number;
  share: number | null;
  low: number | null;
  high: number | null;
}

export interface QualityFigure {
  evaluations: number;
  /** Mean score 0–100 with its 95 % t interval (clamped to 0–100). */
  meanScore: MeanFigure;
  sharePassing: ShareOfEvaluations;
  criticalFailRate: ShareOfEvaluations;
}

const clamp = (v: number | null) => (v === null ? null : Math.min(100, Math.max(0, v)));

function share(count: number, n: number): ShareOfEvaluations {
  const interval = wilsonInterval(count, n);
  return { count, share: n ? count / n : null, low: interval?.low ?? null, high: interval?.high ?? null };
}

export function figureOf(s: QualitySums): QualityFigure {
  const mean = meanIntervalFromSums(s.n, s.sum, s.sumOfSquares);
  return {
    evaluations: s.n,
    meanScore: { value: mean.mean, low: clamp(mean.low), high: clamp(mean.high) },
    sharePassing: share(s.passed, s.n),
    criticalFailRate: share(s.criticalFails, s.n),
  };
}

// ---------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------

export interface QualityPoint extends QualityFigure {
  label: string;
  start: Date;
  end: Date;
}

export interface SeriesArgs {
  timeZone: string;
  from: Date;
  to: Date;
  granularity: Granularity;
}

/** Quality per local bucket of each owner (queues or contracts): one SQL statement for all of them. */
export async function qualitySeries(db: DataSource, column: Scope['column'], keys: readonly string[], args: SeriesArgs): Promise<Map<string, QualityPoint[]>> {
  let boundaries: number[];
  try {
    validateRange(args.from, args.to, args.granularity);
    boundaries = bucketBoundaries(Math.floor(args.from.getTime() / 1000), Math.floor(args.to.getTime() / 1000), args.granularity, args.timeZone);
  } catch (error) {
    if (error instanceof RangeError) throw badInput({ field: 'granularity', message: error.message });
    throw error;
  }
  const result = new Map<string, QualityPoint[]>();
  const owners = [...new Set(keys)];
  if (owners.length === 0) return result;
  const from = Math.floor(args.from.getTime() / 1000);
  const to = Math.floor(args.to.getTime() / 1000);
  const sums = await sumsPerBucket(db, { column, keys: owners }, boundaries, Math.max(from, boundaries[0]), to);
  for (const owner of owners) {
    result.set(
      owner,
      boundaries.map((start, i) => {
        const end = boundaries[i + 1] ?? nextBucketStart(start, args.granularity, args.timeZone);
        return { label: localDateLabel(start, args.granularity, args.timeZone), start: new Date(start * 1000), end: new Date(end * 1000), ...figureOf(sums.get(`${owner}|${i}`) ?? zero()) };
      }),
    );
  }
  return result;
}

const zero = (): QualitySums => ({ n: 0, sum: 0, sumOfSquares: 0, passed: 0, criticalFails: 0 });

export interface QualityRange {
  from: Date;
  to: Date;
  granularity: Granularity;
}

export interface QualitySeriesView {
  metric: string;
  timeZone: string;
  granularity: Granularity;
  points: QualityPoint[];
}

function checkRange(range: { from: Date; to: Date }): void {
  const problems = new Problems();
  checkInstant(problems, 'from', range.from);
  checkInstant(problems, 'to', range.to);
  problems.throwIfAny();
  if (!(range.to.getTime() > range.from.getTime())) throw badInput({ field: 'to', message: 'must be after from' });
}

/** A queue's quality per bucket of its time zone, for its contract's parties. */
export async function queueQuality(ctx: QualityReadContext, queueId: string, range: QualityRange): Promise<QualitySeriesView> {
  checkRange(range);
  validateRange(range.from, range.to, range.granularity);
  const queue = await authorize(ctx, 'readQueueQuality', { queueId });
  const args = { ...range, timeZone: queue.timeZone };
  return { metric: QUALITY_METRIC, timeZone: queue.timeZone, granularity: range.granularity, points: await ctx.loaders.queueQuality.load({ owner: queueId, args }) };
}

/** All of a contract's evaluations together, in its first queue's time zone. */
export async function contractQuality(ctx: QualityReadContext, contractId: string, range: QualityRange): Promise<QualitySeriesView> {
  checkRange(range);
  validateRange(range.from, range.to, range.granularity);
  const contract = await authorize(ctx, 'readContractQuality', { contractId });
  const timeZone = contract.queues[0]?.timeZone ?? 'UTC';
  const args = { ...range, timeZone };
  return { metric: QUALITY_METRIC, timeZone, granularity: range.granularity, points: await ctx.loaders.contractQuality.load({ owner: contractId, args }) };
}

// ---------------------------------------------------------------------------------------------
// Per agent and per evaluator
// ---------------------------------------------------------------------------------------------

export interface AgentQuality extends QualityFigure {
  agentRef: string;
}

export interface EvaluatorQuality extends QualityFigure {
  evaluatorRef: string;
  party: string;
}

export interface PerRowArgs {
  from: number;
  to: number;
}

/** Per agent of each owner: one SQL statement for every owner and agent of the batch. */
export async function agentQualityOf(db: DataSource, column: Scope['column'], keys: readonly string[], args: PerRowArgs): Promise<Map<string, AgentQuality[]>> {
  const result = new Map<string, AgentQuality[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return result;
  for (const r of await sumsPerAgent(db, { column, keys: [...new Set(keys)] }, args.from, args.to)) result.get(r.owner)?.push({ agentRef: r.agentRef, ...figureOf(r.sums) });
  return result;
}

/** Per evaluator of each contract: one SQL statement for every contract and evaluator of the batch. */
export async function evaluatorQualityOf(db: DataSource, contractIds: readonly string[], args: PerRowArgs): Promise<Map<string, EvaluatorQuality[]>> {
  const result = new Map<string, EvaluatorQuality[]>(contractIds.map((k) => [k, []]));
  if (contractIds.length === 0) return result;
  for (const r of await sumsPerEvaluator(db, [...new Set(contractIds)], args.from, args.to)) result.get(r.owner)?.push({ evaluatorRef: r.evaluatorRef, party: r.party, ...figureOf(r.sums) });
  return result;
}

function perRowArgs(from: Date, to: Date, first: number): PerRowArgs {
  checkRange({ from, to });
  const problems = new Problems();
  checkNumber(problems, 'first', first, BOUNDS.qualityPerPage);
  problems.throwIfAny();
  return { from: Math.floor(from.getTime() / 1000), to: Math.floor(to.getTime() / 1000) };
}

/**
 * Quality per agent of a queue over [from, to), ordered by agent reference, the first `first`.
 * Agent references are the pseudonyms the centre uploads: both parties see the same keys, and no
 * name is ever stored.
 */
export async function queueAgentQuality(ctx: QualityReadContext, queueId: string, from: Date, to: Date, first: number): Promise<AgentQuality[]> {
  const args = perRowArgs(from, to, first);
  await authorize(ctx, 'readQueueQuality', { queueId });
  return (await ctx.loaders.queueAgentQuality.load({ owner: queueId, args })).slice(0, first);
}

/** Quality per agent over all of a contract's queues. */
export async function contractAgentQuality(ctx: QualityReadContext, contractId: string, from: Date, to: Date, first: number): Promise<AgentQuality[]> {
  const args = perRowArgs(from, to, first);
  await authorize(ctx, 'readContractQuality', { contractId });
  return (await ctx.loaders.contractAgentQuality.load({ owner: contractId, args })).slice(0, first);
}

/** Quality of the evaluations each evaluator (party and pseudonymous reference) gave over [from, to). */
export async function contractEvaluatorQuality(ctx: QualityReadContext, contractId: string, from: Date, to: Date, first: number): Promise<EvaluatorQuality[]> {
  const args = perRowArgs(from, to, first);
  await authorize(ctx, 'readContractQuality', { contractId });
  return (await ctx.loaders.evaluatorQuality.load({ owner: contractId, args })).slice(0, first);
}

// ---------------------------------------------------------------------------------------------
// Window figures (SLA verdicts)
// ---------------------------------------------------------------------------------------------

export interface WindowInput {
  from: Date;
  to: Date;
}

/** The variant asked, in this subgraph's words: null and CANONICAL are MEAN_SCORE. */
function variantOf(problems: Problems, variant: string | null | undefined): QualityVariant {
  if (variant === null || variant === undefined || variant === 'CANONICAL') return 'MEAN_SCORE';
  if ((QUALITY_VARIANTS as readonly string[]).includes(variant)) return variant as QualityVariant;
  problems.add('variant', `QUALITY_SCORE has the variants ${QUALITY_VARIANTS.join(', ')} (CANONICAL is MEAN_SCORE); got "${variant.slice(0, 40)}"`);
  return 'MEAN_SCORE';
}

/**
 * The figure of one window under the variant, in the catalogue's unit for QUALITY_SCORE (a ratio:
 * MEAN_SCORE 0.91 for a mean score of 91 %; the shares 0..1), with its 95 % interval.
 */
export function windowFigureOf(w: { start: number; end: number }, s: QualitySums, variant: QualityVariant): WindowFigure {
  const base = { from: new Date(w.start * 1000).toISOString(), to: new Date(w.end * 1000).toISOString(), sampleSize: s.n, approximate: false };
  if (s.n === 0) return { ...base, value: null, numerator: null, denominator: null, confidenceLow: null, confidenceHigh: null };
  if (variant === 'MEAN_SCORE') {
    const m = figureOf(s).meanScore;
    const ratio = (v: number | null) => (v === null ? null : v / 100);
    return { ...base, value: ratio(m.value), numerator: s.sum / 100, denominator: s.n, confidenceLow: ratio(m.low), confidenceHigh: ratio(m.high) };
  }
  const count = variant === 'SHARE_PASSING' ? s.passed : s.criticalFails;
  const sh = share(count, s.n);
  return { ...base, value: sh.share, numerator: count, denominator: s.n, confidenceLow: sh.low, confidenceHigh: sh.high };
}

/** Windows in order and not overlapping, each inside the instant window (as the feedback subgraph checks them). */
function checkWindows(problems: Problems, windows: WindowInput[]): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  windows.forEach((w, i) => {
    const before = problems.empty;
    checkInstant(problems, `windows[${i}].from`, w.from);
    checkInstant(problems, `windows[${i}].to`, w.to);
    if (before && !problems.empty) return;
    const start = Math.floor(w.from.getTime() / 1000);
    const end = Math.floor(w.to.getTime() / 1000);
    if (!(end > start)) problems.add(`windows[${i}].to`, 'must be after from');
    else if (spans.length > 0 && start < spans[spans.length - 1].end) problems.add(`windows[${i}].from`, 'windows must be in order and must not overlap');
    spans.push({ start, end });
  });
  return spans;
}

/**
 * `Contract.windowFigures` for QUALITY_SCORE, asked by the performance subgraph for SLA verdicts
 * with the caller's token (so only the contract's parties get an answer): the figure of each
 * window in order, with its sample size and 95 % interval; value null for a window without
 * evaluations. Windows ascend and do not overlap, at most LIST_LIMITS.figureWindows; one SQL
 * statement for all of them.
 */
export async function contractWindowFigures(
  ctx: QualityReadContext,
  contractId: string,
  input: { metric: string; variant?: string | null; queueId?: string | null; windows: WindowInput[] },
): Promise<WindowFigure[]> {
  const problems = new Problems();
  if (input.metric !== QUALITY_METRIC) problems.add('metric', `the quality subgraph measures ${QUALITY_METRIC} only; got "${String(input.metric).slice(0, 40)}"`);
  const variant = variantOf(problems, input.variant);
  checkText(problems, 'queueId', input.queueId, TEXT_LIMITS.reference);
  checkList(problems, 'windows', input.windows, LIST_LIMITS.figureWindows, 'windows');
  problems.throwIfAny();
  const spans = checkWindows(problems, input.windows);
  problems.throwIfAny();
  const contract = await authorize(ctx, 'readContractQuality', { contractId });
  if (input.queueId && !contract.queues.some((q) => q.id === input.queueId)) throw badInput({ field: 'queueId', message: `queue ${input.queueId} is not a queue of contract ${contractId}` });
  const sums = await sumsPerWindow(ctx.db, contractId, input.queueId ?? null, spans);
  return spans.map((w, i) => windowFigureOf(w, sums[i], variant));
}
