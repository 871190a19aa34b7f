import type { IntervalUpload } from './intervals';

/** Interval records for the storage tests (daily sums, indexes). */

/** A valid interval record with whole-second durations (sums of them are exact in any order). */
export function record(start: string, answered: number, abandoned: number, extra: Record<string, unknown> = {}): IntervalUpload {
  const counts = (n: number) => [n, ...new Array(12).fill(0)];
  return {
    start: new Date(start),
    lengthSeconds: 900,
    offered: answered + abandoned,
    answered,
    abandoned,
    answeredWaitSeconds: 2 * answered,
    abandonedWaitSeconds: 3 * abandoned,
    talkSeconds: 200 * answered,
    holdSeconds: 10 * answered,
    wrapSeconds: 30 * answered,
    staffedSeconds: 3600,
    availableSeconds: 600,
    answeredWait: counts(answered),
    abandonedWait: counts(abandoned),
    ...extra,
  } as unknown as IntervalUpload;
}

/** Quarter-hour starts from an ISO instant. */
export function quarterHours(firstIso: string, count: number): string[] {
  const first = Date.parse(firstIso);
  return Array.from({ length: count }, (_, i) => new Date(first + i * 900_000).toISOString());
}
