/**
 * The wait-time buckets the hub stores (upper bounds in seconds; the last is open). Uploads use
 * exactly these, so histograms of any two intervals add up bucket by bucket in SQL; a threshold
 * between two bounds is interpolated and the figure marked approximate.
 */
export const STANDARD_WAIT_BOUNDS: readonly number[] = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, Infinity];

/** Column-name suffixes of the stored buckets: 5, 10, …, 600, inf. */
export const WAIT_BUCKET_KEYS: readonly string[] = STANDARD_WAIT_BOUNDS.map((b) => (b === Infinity ? 'inf' : String(b)));
