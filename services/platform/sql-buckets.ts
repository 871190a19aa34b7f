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
