import { STANDARD_WAIT_BOUNDS } from './wait-buckets';

/**
 * Rebuilding the hub's wait histogram (STANDARD_WAIT_BOUNDS) from what an ACD export gives:
 * cumulative counts "answered within t seconds" at a few thresholds, the total, and the summed
 * wait. The counts at thresholds that are standard bounds are kept exactly, so every figure at
 * those thresholds is the source's own. Between two known thresholds the source does not say how
 * contacts split over the standard buckets; they are placed as low as the summed wait allows
 * (every contact in the first bucket of its span, moved up only as far as the total wait
 * requires), so the histogram stays consistent with the wait total the hub checks. Figures at
 * thresholds inside such a span are therefore not the source's: `exactBounds` says which are.
 */
export interface WaitEvidence {
  /** Contacts in all (answered or abandoned). */
  total: number;
  /** Their summed wait in seconds. */
  waitSeconds: number;
  /** Known cumulative counts: contacts that waited at most `seconds`. */
  within: Array<{ seconds: number; count: number }>;
}

export interface ApportionedHistogram {
  /** Counts per standard bucket. */
  counts: number[];
  /** The finite standard bounds at which the cumulative count is the source's own. */
  exactBounds: number[];
}

export type ApportionResult = { ok: true; histogram: ApportionedHistogram } | { ok: false; problem: string };

/**
 * The histogram for `evidence`, or why none exists: cumulative counts that decrease or exceed the
 * total, or a summed wait the known counts cannot produce.
 */
export function apportionWaits(evidence: WaitEvidence, bounds: readonly number[] = STANDARD_WAIT_BOUNDS): ApportionResult {
  const full = fullHistogram(evidence, bounds);
  if (full) return full;
  const { total, waitSeconds } = evidence;
  const known = new Map<number, number>();
  // The known points in the order first given (as the map holds them), and whether that order is
  // already by threshold (the usual case: no sorting then).
  const seconds: number[] = [];
  const cumulative: number[] = [];
  let ascending = true;
  for (const w of evidence.within) {
    if (w.count > total) return { ok: false, problem: `${w.count} within ${w.seconds} s is more than the ${total} in all` };
    const previous = known.get(w.seconds);
    if (previous !== undefined && previous !== w.count) return { ok: false, problem: `two different counts within ${w.seconds} s` };
    if (previous === undefined) {
      if (seconds.length > 0 && !(seconds[seconds.length - 1] < w.seconds)) ascending = false;
      seconds.push(w.seconds);
      cumulative.push(w.count);
    }
    known.set(w.seconds, w.count);
  }
  const sorted: Array<[number, number]> = ascending ? seconds.map((t, i) => [t, cumulative[i]]) : [...known.entries()].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i][1] < sorted[i - 1][1]) {
      return { ok: false, problem: `${sorted[i][1]} within ${sorted[i][0]} s is fewer than the ${sorted[i - 1][1]} within ${sorted[i - 1][0]} s` };
    }
  }
  // Spans between consecutive known points that are standard bounds (0 and the open end included).
  const exactBounds: number[] = [];
  const points = [{ bucket: -1, count: 0 }];
  for (const b of bounds) {
    if (!Number.isFinite(b) || !known.has(b)) continue;
    exactBounds.push(b);
    points.push({ bucket: bounds.indexOf(b), count: known.get(b)! });
  }
  points.push({ bucket: bounds.length - 1, count: total });
  const counts: number[] = new Array(bounds.length).fill(0);
  const spans: Array<{ first: number; last: number; count: number }> = [];
  for (let i = 1; i < points.length; i++) {
    const first = points[i - 1].bucket + 1;
    const last = points[i].bucket;
    const count = points[i].count - points[i - 1].count;
    if (count < 0) return { ok: false, problem: `${points[i - 1].count} within a threshold is more than the ${points[i].count} of the next` };
    if (first > last) continue; // two points on the same bucket (the last bound known and the total)
    spans.push({ first, last, count });
    counts[first] += count;
  }
  const lower = (i: number) => (i === 0 ? 0 : bounds[i - 1]);
  let min = 0;
  let max = 0;
  const range = () => {
    min = 0;
    max = 0;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i];
      if (c === 0) continue;
      min += c * lower(i);
      max += c * bounds[i];
    }
  };
  const tolerance = toleranceOf(waitSeconds);
  range();
  if (waitSeconds < min - tolerance) {
    return { ok: false, problem: `a summed wait of ${waitSeconds} s is less than the thresholds allow (at least ${min} s)` };
  }
  // Move contacts up, highest span first, only as far as the summed wait needs; moving a contact
  // from the first bucket of its span to bucket j raises the least possible wait by the step of
  // the lower edges and the greatest by the step of the upper ones.
  for (let s = spans.length - 1; s >= 0 && max < waitSeconds - tolerance; s--) {
    const span = spans[s];
    for (let j = span.last; j > span.first && max < waitSeconds - tolerance; j--) {
      const available = counts[span.first] - 0;
      if (available <= 0) break;
      const raiseMax = bounds[j] - bounds[span.first];
      const raiseMin = lower(j) - lower(span.first);
      const room = raiseMin > 0 ? Math.floor((waitSeconds + tolerance - min) / raiseMin) : Infinity;
      const needed = raiseMax === Infinity ? 1 : Math.ceil((waitSeconds - max) / raiseMax);
      const moved = Math.min(available, room, needed);
      if (moved <= 0) continue;
      counts[span.first] -= moved;
      counts[j] += moved;
      range();
    }
  }
  if (max < waitSeconds - tolerance) {
    return { ok: false, problem: `a summed wait of ${waitSeconds} s is more than the thresholds allow (at most ${max} s)` };
  }
  return { ok: true, histogram: { counts, exactBounds } };
}

/** How far a summed wait may stray from what the counts allow (rounding in the source's sums). */
const toleranceOf = (waitSeconds: number) => 1e-6 + waitSeconds * 1e-9;

/**
 * The common case of a file in the hub's own buckets: a cumulative count at every finite bound,
 * in order, consistent with the total and the summed wait. Each bucket's count is then the
 * source's own and nothing is apportioned; the answer is the one the general path gives, without
 * its work. Null for anything else (the general path decides, and words any problem).
 */
function fullHistogram(evidence: WaitEvidence, bounds: readonly number[]): ApportionResult | null {
  const { total, waitSeconds, within } = evidence;
  const finite = bounds.length - 1;
  if (Number.isFinite(bounds[finite]) || within.length !== finite) return null;
  for (let i = 0; i < finite; i++) if (within[i].seconds !== bounds[i]) return null;
  const counts = new Array<number>(bounds.length);
  let previous = 0;
  let min = 0;
  let max = 0;
  for (let i = 0; i < bounds.length; i++) {
    const cumulative = i < finite ? within[i].count : total;
    const count = cumulative - previous;
    if (!(count >= 0)) return null;
    counts[i] = count;
    previous = cumulative;
    if (count > 0) {
      min += count * (i === 0 ? 0 : bounds[i - 1]);
      max += count * bounds[i];
    }
  }
  const tolerance = toleranceOf(waitSeconds);
  if (waitSeconds < min - tolerance || max < waitSeconds - tolerance) return null;
  return { ok: true, histogram: { counts, exactBounds: bounds.slice(0, finite) } };
}
