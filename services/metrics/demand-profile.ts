/**
 * The demand a tender states for its bids: a representative week of intervals, each with its
 * offered contacts and mean handling time, and the patience assumption that Erlang A needs
 * (shared/METRICS.md, "Normalizing figures that come without raw data"). Pure, no I/O.
 */

/** One interval of a representative week: offered contacts in the interval and their mean handling time. */
export interface DemandInterval {
  offered: number;
  ahtSeconds: number;
}

/** The tender's demand profile: a representative week of intervals and the patience assumption. */
export interface DemandProfile {
  intervalSeconds: number;
  intervals: DemandInterval[];
  /** Mean of the exponential patience of a waiting contact (Erlang A). */
  patienceSeconds: number;
}

/** The profile parameters a single interval needs besides its own demand. */
export interface ProfileParams {
  intervalSeconds: number;
  patienceSeconds: number;
}

export function requireDemand(interval: DemandInterval): void {
  if (!(interval.offered >= 0) || !Number.isFinite(interval.offered)) {
    throw new RangeError(`offered must be a finite number >= 0, got ${interval.offered}`);
  }
  if (interval.offered > 0 && (!(interval.ahtSeconds > 0) || !Number.isFinite(interval.ahtSeconds))) {
    throw new RangeError(`ahtSeconds must be a finite number > 0 where contacts are offered, got ${interval.ahtSeconds}`);
  }
}

export function requireProfile(profile: DemandProfile): void {
  if (!(profile.intervalSeconds > 0) || !Number.isFinite(profile.intervalSeconds)) {
    throw new RangeError(`intervalSeconds must be a positive number, got ${profile.intervalSeconds}`);
  }
  if (!(profile.patienceSeconds > 0) || !Number.isFinite(profile.patienceSeconds)) {
    throw new RangeError(`patienceSeconds must be a positive number, got ${profile.patienceSeconds}`);
  }
  profile.intervals.forEach(requireDemand);
}
