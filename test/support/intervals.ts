/**
 * Builds consistent interval records for tests: the wait totals are computed from the buckets
 * (each contact at the middle of its bucket, 900 s in the open one), so validation passes
 * unless a test breaks a field on purpose.
 */
const BOUNDS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
const MIDDLES = BOUNDS.map((b, i) => (b + (i === 0 ? 0 : BOUNDS[i - 1])) / 2).concat(900);

export interface IntervalSpec {
  answeredWait: number[];
  abandonedWait: number[];
  ahtSeconds?: number;
  lengthSeconds?: number;
}

function pad(counts: number[]): number[] {
  return [...counts, ...new Array(13 - counts.length).fill(0)];
}

export function interval(start: string, spec: IntervalSpec) {
  const answeredWait = pad(spec.answeredWait);
  const abandonedWait = pad(spec.abandonedWait);
  const answered = answeredWait.reduce((a, b) => a + b, 0);
  const abandoned = abandonedWait.reduce((a, b) => a + b, 0);
  const aht = spec.ahtSeconds ?? 300;
  const length = spec.lengthSeconds ?? 900;
  return {
    start,
    lengthSeconds: length,
    offered: answered + abandoned,
    answered,
    abandoned,
    answeredWaitSeconds: answeredWait.reduce((sum, n, i) => sum + n * MIDDLES[i], 0),
    abandonedWaitSeconds: abandonedWait.reduce((sum, n, i) => sum + n * MIDDLES[i], 0),
    talkSeconds: answered * aht * 0.8,
    holdSeconds: answered * aht * 0.05,
    wrapSeconds: answered * aht * 0.15,
    staffedSeconds: 40 * length,
    availableSeconds: Math.max(0, 40 * length - answered * aht),
    answeredWait,
    abandonedWait,
  };
}

/** Quarter-hour starts from an ISO instant. */
export function quarterHours(firstIso: string, count: number): string[] {
  const first = Date.parse(firstIso);
  return Array.from({ length: count }, (_, i) => new Date(first + i * 900_000).toISOString());
}
