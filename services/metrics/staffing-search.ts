/**
 * The least whole staffing at which a requirement is met, for requirements that never get worse
 * as agents are added (every queueing figure the hub staffs for; erlang-a.ts says how that was
 * checked for Erlang A). Pure, no I/O.
 *
 * One evaluation of a queueing model costs up to tens of microseconds at the largest loads the
 * bounds allow, and a week of intervals asks for hundreds of searches, so the search evaluates as
 * few staffings as it can. From a start near the answer it brackets the answer with steps that
 * double from `firstStep` (about the square root of the load: the scale on which staffing answers
 * vary), then narrows the bracket by interpolating the margin linearly (regula falsi), bisecting
 * whenever an interpolation did not halve the bracket. That takes a handful of evaluations where
 * a walk of single steps took hundreds, and never more than about twice as many as bisection.
 */

export interface StaffingSearch {
  /** Least and greatest staffing to consider. */
  lowest: number;
  highest: number;
  /** Where to start: an estimate of the answer (clamped into [lowest, highest]). */
  start: number;
  /** The first step away from the start; doubled on every further step. */
  firstStep: number;
  /**
   * How far the requirement is met at n agents: >= 0 exactly when it is met, never falling as n
   * grows. -Infinity (or NaN) for "not met, and no measure of by how much".
   */
  margin: (n: number) => number;
}

/**
 * Whether a line through the two margins says where the answer lies: both known, and within a
 * factor of a hundred of each other. A margin that changes by orders of magnitude across the
 * bracket (an abandonment rate falling from 0.7 to 1e-6) is far from a line there, and
 * interpolating it would creep along one end.
 */
function comparable(failing: number, meeting: number): boolean {
  return Number.isFinite(failing) && Number.isFinite(meeting) && -failing <= 100 * meeting && meeting <= -100 * failing;
}

/** The least n in [lowest, highest] whose margin is >= 0, or null when none is. */
export function leastMeeting({ lowest, highest, start, firstStep, margin }: StaffingSearch): number | null {
  if (lowest > highest) return null;
  // lo fails and hi meets; lowest - 1 and highest + 1 stand for "fails" and "not known to meet".
  let lo = lowest - 1;
  let hi = highest + 1;
  let marginLo = Number.NaN;
  let marginHi = Number.NaN;
  const meets = (n: number): boolean => {
    const m = margin(n);
    if (m >= 0) {
      hi = n;
      marginHi = m;
      return true;
    }
    lo = n;
    marginLo = m;
    return false;
  };

  let step = Math.max(1, Math.floor(firstStep));
  if (meets(Math.min(highest, Math.max(lowest, Math.round(start))))) {
    while (hi > lowest && meets(Math.max(lowest, hi - step))) step *= 2;
  } else {
    while (lo < highest && !meets(Math.min(highest, lo + step))) step *= 2;
    if (hi > highest) return null;
  }

  let bisect = false;
  while (hi - lo > 1) {
    const width = hi - lo;
    let n = lo + Math.floor(width / 2);
    if (!bisect && comparable(marginLo, marginHi)) {
      // Where the line through the two margins crosses 0; the answer is the first whole n at or after it.
      const crossing = lo + (-marginLo / (marginHi - marginLo)) * width;
      n = Math.min(hi - 1, Math.max(lo + 1, Math.ceil(crossing)));
    }
    meets(n);
    bisect = hi - lo > width / 2;
  }
  return hi;
}
