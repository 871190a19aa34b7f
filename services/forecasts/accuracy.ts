import { BOUNDS } from '../metrics/bounds';
import { localDateLabel } from '../metrics/calendar';
import { accuracy, Accuracy, AccuracyPair } from '../metrics/forecasting';
import { badInput } from '../platform/errors';
import { authorize } from './access';
import type { ForecastsContext } from './context';
import { loadRows, ForecastView, readRange } from './forecasts';

/** Longest span one accuracy request compares (each 28 days is one request to performance). */
export const MAX_ACCURACY_DAYS = BOUNDS.accuracyDays.max;

export interface DayAccuracy extends Accuracy {
  date: string;
}

export interface ForecastAccuracyView {
  from: Date;
  to: Date;
  timeZone: string;
  overall: Accuracy;
  days: DayAccuracy[];
  /** Forecast intervals in the range for which no actuals were reported (left out). */
  intervalsWithoutActuals: number;
}

/**
 * How a published version compared with what happened: forecast offered volume per interval of
 * the version against the offered contacts the centre uploaded to the performance subgraph,
 * summed onto the forecast's grid (a 60-minute forecast is compared with four quarter hours).
 * Only intervals that have ended and for which actuals were reported are compared; an interval
 * with actuals but none in the forecast compares a forecast of 0. Measures: services/metrics/forecasting.ts.
 */
export interface AccuracyArgs {
  from?: Date | null;
  to?: Date | null;
  tolerance: number;
}

export async function forecastAccuracy(ctx: ForecastsContext, view: ForecastView, args: AccuracyArgs): Promise<ForecastAccuracyView> {
  const f = view.row;
  const facts = await authorize(ctx, 'readQueue', { queue: f.queueId });
  const range = readRange(args.from, args.to, { from: f.fromEpoch, to: f.toEpoch });
  const tolerance = args.tolerance;
  if (!(tolerance > 0 && tolerance < 10)) throw badInput({ field: 'tolerance', message: 'must be more than 0 and less than 10 (0.1 means ±10 %)' });
  const g = f.granularitySeconds;
  const nowEpoch = Math.floor(ctx.now.getTime() / 1000);
  // Whole forecast intervals inside the range, the horizon, and the past.
  const from = f.fromEpoch + Math.ceil(Math.max(0, range.from - f.fromEpoch) / g) * g;
  const end = Math.min(range.to, f.toEpoch, nowEpoch);
  const to = f.fromEpoch + Math.floor((end - f.fromEpoch) / g) * g;
  const empty: ForecastAccuracyView = {
    from: new Date(from * 1000),
    to: new Date(Math.max(from, to) * 1000),
    timeZone: facts.timeZone,
    overall: accuracy([], tolerance),
    days: [],
    intervalsWithoutActuals: 0,
  };
  if (to <= from) return empty;
  if (to - from > MAX_ACCURACY_DAYS * 86_400) {
    throw badInput({ field: 'to', message: `accuracy compares at most ${MAX_ACCURACY_DAYS} days per request; narrow from and to` });
  }
  const [forecastRows, actuals] = await Promise.all([
    loadRows(ctx, view, from, to),
    ctx.loaders.performance.actuals.load({ queueId: f.queueId, from, to }),
  ]);
  const slots = new Map<number, { forecast: number; actual: number; reported: boolean }>();
  const slotOf = (epoch: number) => f.fromEpoch + Math.floor((epoch - f.fromEpoch) / g) * g;
  for (const r of forecastRows) slots.set(r.startEpoch, { forecast: r.volume, actual: 0, reported: false });
  for (const a of actuals) {
    if (a.startEpoch < from || a.startEpoch >= to) continue;
    const key = slotOf(a.startEpoch);
    const slot = slots.get(key) ?? { forecast: 0, actual: 0, reported: false };
    if (a.intervals > 0) {
      slot.actual += a.offered;
      slot.reported = true;
    }
    slots.set(key, slot);
  }
  const byDay = new Map<string, AccuracyPair[]>();
  const all: AccuracyPair[] = [];
  let withoutActuals = 0;
  for (const [start, slot] of [...slots.entries()].sort((a, b) => a[0] - b[0])) {
    if (!slot.reported) {
      if (forecastRows.length > 0 && slot.forecast > 0) withoutActuals += 1;
      continue;
    }
    const pair = { forecast: slot.forecast, actual: slot.actual };
    all.push(pair);
    const day = localDateLabel(start, 'DAY', facts.timeZone);
    const list = byDay.get(day);
    if (list) list.push(pair);
    else byDay.set(day, [pair]);
  }
  return {
    ...empty,
    overall: accuracy(all, tolerance),
    days: [...byDay.entries()].map(([date, pairs]) => ({ date, ...accuracy(pairs, tolerance) })),
    intervalsWithoutActuals: withoutActuals,
  };
}
