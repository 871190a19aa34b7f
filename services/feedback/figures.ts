import { DataSource } from 'typeorm';
import { Problems } from '../platform/errors';
import { bucketExpression as bucketOf, windowBuckets } from '../platform/sql-buckets';
import { checkInstant, checkList, checkText } from '../platform/validate';
import { LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { CANONICAL_VARIANT, CATALOGUE, isMetricKey, METRIC_KEYS } from '../metrics/catalogue';
import { meanWithInterval, npsWithInterval, wilsonInterval } from '../metrics/confidence';
import { authorize } from './access';
import { FeedbackReadContext, nowEpoch } from './context';
import { CLOCK_SQL } from './stats';

/**
 * The figure of a feedback metric in each of a list of measurement windows, for SLA verdicts:
 * the performance subgraph computes a target's windows and asks here (`Contract.windowFigures`)
 * for the value of each, with its sample size and 95 % interval, then judges them like interval
 * metrics. One SQL statement for all the windows of a request.
 *
 * - Surveys (CSAT, NPS, CES, FCR): the responses of the contract (or of one queue) whose
 *   respondedAt falls in the window.
 * - Complaint clocks: the complaints received in the window whose clock is judged at the
 *   request's instant (stopped, or overdue while running), as in the complaint statistics.
 */
export interface FigureWindowArg {
  from: Date;
  to: Date;
}

export interface WindowFigureView {
  from: Date;
  to: Date;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  sampleSize: number;
  confidenceLow: number | null;
  confidenceHigh: number | null;
  approximate: boolean;
}

export interface WindowFiguresArgs {
  metric: string;
  variant?: string | null;
  queueId?: string | null;
  windows: FigureWindowArg[];
}

type SurveyMeasure = { source: 'survey'; type: 'CSAT' | 'NPS' | 'CES' | 'FCR'; figure: 'SHARE' | 'MEAN' | 'NPS'; high?: number; scale?: [number, number] };
type ClockMeasure = { source: 'complaints'; clock: keyof typeof CLOCK_SQL };
type Measure = SurveyMeasure | ClockMeasure;

/** What each (metric, variant) the feedback subgraph measures is computed from. */
const MEASURES: Record<string, Measure> = {
  'CSAT/CANONICAL': { source: 'survey', type: 'CSAT', figure: 'SHARE', high: 4 },
  'CSAT/MEAN_SCORE': { source: 'survey', type: 'CSAT', figure: 'MEAN', scale: [1, 5] },
  'NPS/CANONICAL': { source: 'survey', type: 'NPS', figure: 'NPS' },
  'CES/CANONICAL': { source: 'survey', type: 'CES', figure: 'MEAN', scale: [1, 7] },
  'FCR/CANONICAL': { source: 'survey', type: 'FCR', figure: 'SHARE', high: 1 },
  'COMPLAINTS_ACK_ON_TIME/CANONICAL': { source: 'complaints', clock: 'acknowledgement' },
  'COMPLAINTS_RESOLVED_ON_TIME/CANONICAL': { source: 'complaints', clock: 'resolution' },
};

const FEEDBACK_METRICS = METRIC_KEYS.filter((k) => CATALOGUE[k].measuredBy === 'feedback');

/** The measure of a definition, or the problems with it (fields metric and variant). */
function measureOf(problems: Problems, metric: string, variant: string | null | undefined): Measure | null {
  if (!isMetricKey(metric) || CATALOGUE[metric].measuredBy !== 'feedback') {
    problems.add('metric', `the feedback subgraph measures ${FEEDBACK_METRICS.join(', ')}; "${metric}" is not one of them`);
    return null;
  }
  const key = `${metric}/${variant ?? CANONICAL_VARIANT}`;
  const measure = MEASURES[key];
  if (!measure) {
    const known = CATALOGUE[metric].variants.map((v) => v.key);
    const measured = known.filter((v) => MEASURES[`${metric}/${v}`]);
    problems.add(
      'variant',
      known.includes(variant ?? CANONICAL_VARIANT)
        ? `${key} is not measured from survey responses or complaint clocks; the hub measures ${measured.map((v) => `${metric}/${v}`).join(', ')}`
        : `unknown variant "${variant}" of ${metric}; known variants: ${known.join(', ')}`,
    );
    return null;
  }
  return measure;
}

/** The windows in epoch seconds, each within the instant window, after its start, after the previous one. */
function checkWindows(problems: Problems, windows: FigureWindowArg[]): Array<{ start: number; end: number }> {
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

function round12(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

function surveyFigure(m: SurveyMeasure, row: Record<string, unknown> | undefined): Omit<WindowFigureView, 'from' | 'to'> {
  const n = Number(row?.n ?? 0);
  const total = Number(row?.total ?? 0);
  const empty = { value: null, numerator: null, denominator: null, sampleSize: 0, confidenceLow: null, confidenceHigh: null, approximate: false };
  if (n === 0) return empty;
  if (m.figure === 'SHARE') {
    const successes = Number(row?.high ?? 0);
    const ci = wilsonInterval(successes, n);
    return { value: successes / n, numerator: successes, denominator: n, sampleSize: n, confidenceLow: ci?.low ?? null, confidenceHigh: ci?.high ?? null, approximate: false };
  }
  if (m.figure === 'NPS') {
    const promoters = Number(row?.high ?? 0);
    const detractors = Number(row?.low ?? 0);
    const nps = npsWithInterval(promoters, detractors, n)!;
    // NPS = 100 × (promoters − detractors) / responses: the numerator is the net count.
    return { value: round12(nps.score), numerator: promoters - detractors, denominator: n, sampleSize: n, confidenceLow: nps.low, confidenceHigh: nps.high, approximate: false };
  }
  const mean = meanWithInterval(n, total, Number(row?.squares ?? 0), m.scale!)!;
  return { value: mean.mean, numerator: total, denominator: n, sampleSize: n, confidenceLow: mean.low, confidenceHigh: mean.high, approximate: false };
}

function clockFigure(row: Record<string, unknown> | undefined): Omit<WindowFigureView, 'from' | 'to'> {
  const judged = Number(row?.judged ?? 0);
  const onTime = Number(row?.on_time ?? 0);
  const ci = wilsonInterval(onTime, judged);
  return {
    value: judged > 0 ? onTime / judged : null,
    numerator: judged > 0 ? onTime : null,
    denominator: judged > 0 ? judged : null,
    sampleSize: judged,
    confidenceLow: ci?.low ?? null,
    confidenceHigh: ci?.high ?? null,
    approximate: false,
  };
}

/** The figures of validated windows: one GROUP BY statement over the bucket of each row. */
export async function computeWindowFigures(
  db: DataSource,
  scope: { contractId: string; queueId: string | null },
  measure: Measure,
  spans: Array<{ start: number; end: number }>,
  now: number,
): Promise<Array<Omit<WindowFigureView, 'from' | 'to'>>> {
  if (spans.length === 0) return [];
  const { boundaries, windowOfBucket, end } = windowBuckets(spans);
  const queue = scope.queueId === null ? '' : ' AND queue_id = ?';
  const scopeParams = scope.queueId === null ? [scope.contractId] : [scope.contractId, scope.queueId];
  let rows: Record<string, unknown>[];
  if (measure.source === 'survey') {
    rows = await db.query(
      `SELECT ${bucketOf(boundaries, 'responded_epoch')} AS bucket, COUNT(*) AS n, SUM(score) AS total, SUM(score * score) AS squares, ` +
        `SUM(CASE WHEN score >= ? THEN 1 ELSE 0 END) AS high, SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS low ` +
        `FROM survey_responses WHERE contract_id = ?${queue} AND type = ? AND responded_epoch >= ? AND responded_epoch < ? GROUP BY bucket`,
      [measure.high ?? (measure.type === 'NPS' ? 9 : 0), ...scopeParams, measure.type, boundaries[0], end],
    );
  } else {
    const clock = CLOCK_SQL[measure.clock];
    rows = await db.query(
      `SELECT ${bucketOf(boundaries, 'received_epoch')} AS bucket, SUM(CASE WHEN ${clock.judged} THEN 1 ELSE 0 END) AS judged, ` +
        `SUM(CASE WHEN ${clock.onTime} THEN 1 ELSE 0 END) AS on_time ` +
        `FROM complaints WHERE contract_id = ?${queue} AND received_epoch >= ? AND received_epoch < ? GROUP BY bucket`,
      [now, ...scopeParams, boundaries[0], end],
    );
  }
  const byWindow = new Map<number, Record<string, unknown>>();
  for (const row of rows) {
    const w = windowOfBucket[Number(row.bucket)];
    if (w !== undefined && w >= 0) byWindow.set(w, row);
  }
  return spans.map((_, i) => (measure.source === 'survey' ? surveyFigure(measure, byWindow.get(i)) : clockFigure(byWindow.get(i))));
}

/**
 * `Contract.windowFigures` for the contract's client and centre (the performance subgraph asks
 * with the caller's token): the figure of the metric in each window, with sample size and 95 %
 * interval. BAD_USER_INPUT names the field: a metric or variant feedback does not measure, a
 * queue of another contract, windows out of order, overlapping, or beyond the instant window.
 */
export async function windowFigures(ctx: FeedbackReadContext, contractId: string, args: WindowFiguresArgs): Promise<WindowFigureView[]> {
  const problems = new Problems();
  const measure = measureOf(problems, args.metric, args.variant);
  checkText(problems, 'queueId', args.queueId, TEXT_LIMITS.reference);
  checkList(problems, 'windows', args.windows, LIST_LIMITS.figureWindows, 'windows');
  problems.throwIfAny();
  const spans = checkWindows(problems, args.windows);
  problems.throwIfAny();
  const contract = await authorize(ctx, 'readContractFeedback', { contractId });
  const queueId = args.queueId ?? null;
  if (queueId !== null && !contract.queues.some((q) => q.id === queueId)) {
    problems.add('queueId', `queue ${queueId} is not a queue of contract ${contractId}`);
    problems.throwIfAny();
  }
  const figures = await computeWindowFigures(ctx.db, { contractId, queueId }, measure!, spans, nowEpoch(ctx));
  return figures.map((f, i) => ({ from: args.windows[i].from, to: args.windows[i].to, ...f }));
}
