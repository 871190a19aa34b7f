/**
 * The SQL that maps start_epoch to a bucket index: the index i of the last boundary <= the row's
 * start (rows before boundaries[0] must be filtered out by the caller; rows at or after the last
 * boundary are in the last bucket). The boundaries are integers computed here, never user text,
 * so they are written into the statement.
 *
 * Evenly spaced boundaries (intervals, hours, local days in a zone without DST) use arithmetic
 * (and one branch for the last bucket, which may be longer: the boundaries do not say its end).
 * Boundaries that are evenly spaced but for a few shifts (local days or weeks across a DST
 * change: one 23- or 25-hour day) also use arithmetic, on the start moved by a per-row shift
 * that changes only at those few points: a CASE of one branch per DST change rather than one
 * per bucket, so a month with a DST change costs what a month without one does. Anything
 * else (local months, windows with gaps) uses a CASE over the boundaries.
 */
export function bucketExpression(boundaries: readonly number[], column = 'start_epoch'): string {
  if (boundaries.length === 1) return '0';
  const b = boundaries.map((x) => Math.trunc(x));
  const first = b[0];
  const last = b.length - 1;
  const step = commonestSpacing(b);
  const changes = step > 0 ? shiftChanges(b, step) : null;
  // The last bucket runs to the caller's end, which may lie more than a step after its start
  // (a 31-day month after a 28-day one, a 25-hour day): past its start, it is the last bucket.
  const arithmetic = (x: string) => `CASE WHEN ${column} >= ${b[last]} THEN ${last} ELSE (${x} - (${x} % ${step})) / ${step} END`;
  if (changes && changes.length === 0) return arithmetic(`(${column} - ${first})`);
  if (changes && changes.length * SHIFTS_PER_BUCKET <= b.length) {
    const shift = `CASE ${changes.map((c, i) => `WHEN ${column} < ${c.at} THEN ${i === 0 ? 0 : changes[i - 1].shift}`).join(' ')} ELSE ${changes[changes.length - 1].shift} END`;
    return arithmetic(`(${column} + ${shift} - ${first})`);
  }
  const branches = b.slice(1).map((boundary, i) => `WHEN ${column} < ${boundary} THEN ${i}`);
  return `CASE ${branches.join(' ')} ELSE ${last} END`;
}

/** The shift form pays while at most one bucket in this many starts a shift (days: two DST changes a year). */
const SHIFTS_PER_BUCKET = 4;

/** The spacing most consecutive boundaries have (the first one's on a tie). */
function commonestSpacing(b: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = b[1] - b[0];
  for (let i = 1; i < b.length; i++) {
    const d = b[i] - b[i - 1];
    const n = (counts.get(d) ?? 0) + 1;
    counts.set(d, n);
    if (n > (counts.get(best) ?? 0)) best = d;
  }
  return best;
}

/**
 * Where the per-row shift changes, and its value from there on. With boundaries
 * b_i = b_0 + i·step − s_i, a row t of bucket i satisfies i·step <= t + s − b_0 < (i+1)·step for
 * s = s_i when bucket i is no longer than step, and for s = s_(i+1) from `len − step` seconds
 * into a longer bucket (a bucket longer by d starts the next shift d seconds in, so both parts
 * stay in bucket i). Null when a bucket is empty or more than twice the step (no shift fits).
 */
function shiftChanges(b: readonly number[], step: number): Array<{ at: number; shift: number }> | null {
  const changes: Array<{ at: number; shift: number }> = [];
  let shift = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const len = b[i + 1] - b[i];
    if (len === step) continue;
    if (len <= 0 || len > 2 * step) return null;
    shift += step - len;
    changes.push({ at: len < step ? b[i + 1] : b[i] + (len - step), shift });
  }
  return changes;
}

/**
 * The bucket boundaries of measurement windows that are ascending and do not overlap but may
 * leave gaps: each window is a bucket, and each gap a bucket of its own whose rows are ignored.
 * `windowOfBucket[b]` is the window of bucket b, or -1 for a gap; rows from `boundaries[0]` up
 * to `end` belong to some bucket.
 */
export function windowBuckets(windows: ReadonlyArray<{ start: number; end: number }>): { boundaries: number[]; windowOfBucket: number[]; end: number } {
  const boundaries: number[] = [];
  const windowOfBucket: number[] = [];
  windows.forEach((w, i) => {
    if (i > 0 && windows[i - 1].end !== w.start) {
      boundaries.push(windows[i - 1].end);
      windowOfBucket.push(-1);
    }
    boundaries.push(w.start);
    windowOfBucket.push(i);
  });
  return { boundaries, windowOfBucket, end: windows.length === 0 ? 0 : windows[windows.length - 1].end };
}
