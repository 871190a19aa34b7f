import { DataSource } from 'typeorm';
import { accuracy, Accuracy, doubleSeasonalSmoothing, seasonalNaive } from '../metrics/forecasting';
import { badInput, Problems } from '../platform/errors';
import { checkInstant } from '../platform/validate';
import { computeMetric } from '../metrics/kpi';
import { emptySums } from './series';
import { authorize } from './access';
import type { PerformanceContext } from './context';

/**
 * Baseline forecasts from a queue's own history (the performance subgraph owns it): offered
 * contacts per 15-minute interval, by seasonal naive (the same interval one week earlier) or by
 * double seasonal exponential smoothing (daily and weekly seasonality), both pure functions in
 * services/metrics/forecasting.ts. Weeks are 672 UTC quarter hours, so across a DST change the
 * pattern is one hour off for the intervals of that week; intervals without an upload count as 0
 * (closed). When the forecast range has actuals already, the baseline is compared with them.
 */
export type BaselineMethod = 'SEASONAL_NAIVE' | 'DOUBLE_SEASONAL_SMOOTHING';

const L = 900;
const WEEK_STEPS = 672;
const MAX_HORIZON_DAYS = 35;

export interface BaselineResult {
  method: BaselineMethod;
  historyFrom: Date;
  historyTo: Date;
  granularityMinutes: number;
  /** Mean handling time over the history: (talk + hold + wrap) / answered; null without answered contacts. */
  ahtSeconds: number | null;
  points: Array<{ start: Date; volume: number }>;
  /** Against the actuals already uploaded for the range; null when none. */
  accuracy: Accuracy | null;
}

interface IntervalRow {
  offered: number;
  handleSeconds: number;
  answered: number;
}

/** The history and the forecast range in one read: offered per interval, and what AHT needs. */
async function intervalsOf(db: DataSource, queueId: string, from: number, to: number): Promise<Map<number, IntervalRow>> {
  const rows: Array<Record<string, unknown>> = await db.query(
    'SELECT start_epoch, offered, answered, talk_seconds + hold_seconds + wrap_seconds AS handle FROM interval_actuals WHERE queue_id = ? AND start_epoch >= ? AND start_epoch < ?',
    [queueId, from, to],
  );
  return new Map(rows.map((r) => [Number(r.start_epoch), { offered: Number(r.offered), answered: Number(r.answered), handleSeconds: Number(r.handle) }]));
}

export async function baselineForecast(
  db: DataSource,
  queueId: string,
  args: { from: Date; to: Date; method: BaselineMethod; historyWeeks: number },
): Promise<BaselineResult> {
  const problems = new Problems();
  checkInstant(problems, 'from', args.from);
  checkInstant(problems, 'to', args.to);
  problems.throwIfAny();
  const from = args.from.getTime() / 1000;
  const to = args.to.getTime() / 1000;
  if (from % L !== 0) throw badInput({ field: 'from', message: 'must be on a quarter hour (UTC)' });
  if (!(to > from)) throw badInput({ field: 'to', message: 'must be after from' });
  if (to - from > MAX_HORIZON_DAYS * 86_400) throw badInput({ field: 'to', message: `a baseline covers at most ${MAX_HORIZON_DAYS} days` });
  if (!Number.isInteger(args.historyWeeks) || args.historyWeeks < 2 || args.historyWeeks > 26) {
    throw badInput({ field: 'historyWeeks', message: 'from 2 to 26 weeks' });
  }
  const historyFrom = from - args.historyWeeks * WEEK_STEPS * L;
  const horizon = Math.ceil((to - from) / L);
  const rows = await intervalsOf(db, queueId, historyFrom, from + horizon * L);
  const series = Array.from({ length: args.historyWeeks * WEEK_STEPS }, (_, i) => rows.get(historyFrom + i * L)?.offered ?? 0);
  const forecast =
    args.method === 'SEASONAL_NAIVE'
      ? seasonalNaive(series, WEEK_STEPS, horizon)
      : doubleSeasonalSmoothing(series, horizon, { daySeason: 96, weekSeason: WEEK_STEPS }).forecast;
  // AHT over the history by the catalogue's own formula (handle time split into talk here).
  const history = { ...emptySums(), answered: 0, talkSeconds: 0 };
  for (const [start, row] of rows) {
    if (start >= from) continue;
    history.answered += row.answered;
    history.talkSeconds += row.handleSeconds;
  }
  const points = forecast.map((volume, i) => ({ start: new Date((from + i * L) * 1000), volume }));
  const pairs = points.flatMap((p, i) => {
    const a = rows.get(from + i * L);
    return a ? [{ forecast: p.volume, actual: a.offered }] : [];
  });
  return {
    method: args.method,
    historyFrom: new Date(historyFrom * 1000),
    historyTo: new Date(from * 1000),
    granularityMinutes: 15,
    ahtSeconds: computeMetric({ metric: 'AHT' }, history).value,
    points,
    accuracy: pairs.length > 0 ? accuracy(pairs) : null,
  };
}

/** `Queue.baselineForecast`, for the contract's client and centre. */
export async function queueBaseline(
  ctx: PerformanceContext,
  queueId: string,
  args: { from: Date; to: Date; method: BaselineMethod; historyWeeks: number },
): Promise<BaselineResult> {
  await authorize(ctx, 'queue.read', queueId);
  return baselineForecast(ctx.db, queueId, args);
}
