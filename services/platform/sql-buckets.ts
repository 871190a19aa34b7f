/**
 * The SQL that maps start_epoch to a bucket index. Evenly spaced boundaries (intervals, most
 * hours) use arithmetic; local days, weeks and months, whose lengths vary with DST and the
 * calendar, use a CASE over the boundaries. The boundaries are integers computed here, never
 * user text, so they are written into the statement.
 */
export function bucketExpression(boundaries: readonly number[], column = 'start_epoch'): string {
  if (boundaries.length === 1) return '0';
  const first = Math.trunc(boundaries[0]);
  const step = Math.trunc(boundaries[1]) - first;
  const even = boundaries.every((b, i) => Math.trunc(b) === first + i * step);
  if (even) return `((${column} - ${first}) - ((${column} - ${first}) % ${step})) / ${step}`;
  const branches = boundaries.slice(1).map((b, i) => `WHEN ${column} < ${Math.trunc(b)} THEN ${i}`);
  return `CASE ${branches.join(' ')} ELSE ${boundaries.length - 1} END`;
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
