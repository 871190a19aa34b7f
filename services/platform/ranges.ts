import { Granularity } from '../metrics/calendar';
import { badInput } from './errors';

/** Longest range per granularity: keeps one request's work bounded. */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { INTERVAL: 31, HOUR: 93, DAY: 731, WEEK: 1830, MONTH: 1830 };

export function validateRange(from: Date, to: Date, granularity: Granularity): void {
  if (!(from.getTime() < to.getTime())) throw badInput({ field: 'to', message: 'must be after from' });
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > MAX_RANGE_DAYS[granularity]) {
    throw badInput({ field: 'to', message: `a ${granularity} series covers at most ${MAX_RANGE_DAYS[granularity]} days; ask for a coarser granularity or a shorter range` });
  }
}
