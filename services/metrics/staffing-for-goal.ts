/**
 * The least staffing of one interval that meets a promise exactly under the promise's own
 * definition (shared/METRICS.md, "Normalizing figures that come without raw data"). Pure
 * functions, no I/O.
 *
 * Fractional staffing (see expected-counts.ts): every supported figure is a ratio num / den of
 * counts, so along the mix of n and n + 1 agents it is (a + b f) / (c + d f): monotone in f, and
 * the f that meets a goal g exactly is f = (g c - a) / (b - g d). With every interval meeting the
 * goal exactly (num_i = g den_i), the bidder's own aggregate is g exactly, so a commitment already
 * stated in the canonical definition converts to itself (the round-trip property the tests check).
 */
import { CATALOGUE, MetricDefinition, describeDefinition, isMetricKey, validateGoal } from './catalogue';
import { RatioParts, checkConvertible, ratioParts, thresholdsOf } from './convertible-definitions';
import { DemandInterval, ProfileParams, requireDemand } from './demand-profile';
import { ExpectedCounts, expectedCountsOf } from './expected-counts';
import { leastMeeting } from './staffing-search';
import type { Comparator } from './vocabulary';

export interface StaffingForGoal {
  /** Least fractional staffing x = n + f meeting the goal exactly; null if none up to `maxAgents`. */
  agents: number | null;
  /** Whole agents of the mix (n) and the share f of the interval staffed with n + 1. */
  base: number | null;
  fraction: number | null;
  /** Value under the definition at x: the goal, or null when x = 0 measures nothing (see unconstrained). */
  value: number | null;
  /**
   * True when the promise does not constrain this interval: a figure undefined at 0 agents (ASA of
   * answered, SL of answered) is constant along the mix from 0 to 1 agent, so when 1 agent already
   * meets the goal the least staffing is the infimum 0, where nothing is answered and the interval
   * adds 0 / 0 to the aggregate. Also true for a goal met with no agents at all (a mean wait goal at
   * or above the patience).
   */
  unconstrained: boolean;
  maxAgents: number;
  reason?: string;
}

/** The default comparator of a metric: AT_LEAST where higher is better. */
export function defaultComparator(definition: MetricDefinition): Comparator {
  return isMetricKey(definition.metric) && CATALOGUE[definition.metric].better === 'LOWER' ? 'AT_MOST' : 'AT_LEAST';
}

/** Expected counts at whole staffings, each computed once. */
function memoCounts(interval: DemandInterval, params: ProfileParams, thresholds: number[]): (n: number) => ExpectedCounts {
  const countsOf = expectedCountsOf(interval, params.intervalSeconds, params.patienceSeconds);
  const cache = new Map<number, ExpectedCounts>();
  return (n) => {
    let c = cache.get(n);
    if (!c) {
      c = countsOf(n, thresholds);
      cache.set(n, c);
    }
    return c;
  };
}

/**
 * Least fractional staffing x >= 0 of one interval whose value under `definition` meets `goal`
 * exactly (AT_LEAST for service level, AT_MOST for abandonment rate and ASA).
 *
 * Method: the least whole n that meets the goal (staffing-search.ts, from n = load up to maxAgents =
 * ceil(3 load) + 50), then f on [n - 1, n] in closed form. The search finds the least n because
 * every figure is monotone in n (erlang-a.ts documents the numerical check of that for Erlang A).
 * Below n - 1 no mix meets the goal: a mix of two failing whole staffings fails, since the mixed
 * ratio is monotone in f.
 *
 * `estimate`, if given, is a guess at the least whole staffing that meets the goal (a similar
 * interval's); it only changes where the search starts, never the answer.
 *
 * The comparator must be the metric's own direction: the least staffing keeping service level
 * AT_MOST a goal is always 0 and means nothing, so it is refused with a RangeError.
 */
export function staffForGoal(
  interval: DemandInterval,
  definition: MetricDefinition,
  goal: number,
  comparator: Comparator,
  params: ProfileParams,
  estimate?: number,
): StaffingForGoal {
  const problem = checkConvertible(definition);
  if (problem) throw new RangeError(problem.reason);
  const goalErrors = validateGoal(definition, goal);
  if (goalErrors.length > 0) throw new RangeError(goalErrors.map((e) => e.message).join('; '));
  if (comparator !== defaultComparator(definition)) {
    throw new RangeError(
      `${describeDefinition(definition)} is staffed for ${defaultComparator(definition)} a goal; ${comparator} has no least staffing`,
    );
  }
  requireDemand(interval);
  if (interval.offered === 0) {
    return { agents: 0, base: 0, fraction: 0, value: null, unconstrained: true, maxAgents: 0 };
  }
  const load = (interval.offered * interval.ahtSeconds) / params.intervalSeconds;
  const maxAgents = Math.ceil(3 * load) + 50;
  const countsAt = memoCounts(interval, params, thresholdsOf(definition));
  const parts = (n: number): RatioParts => ratioParts(definition, countsAt(n)) as RatioParts;
  // How far n agents beat the goal: the figure's distance from it in the metric's direction.
  const margin = (n: number): number => {
    const p = parts(n);
    if (!(p.denominator > 0)) return Number.NEGATIVE_INFINITY;
    const v = p.numerator / p.denominator;
    return comparator === 'AT_LEAST' ? v - goal : goal - v;
  };
  // From an estimate the answer is near: single steps first. Otherwise answers lie a few sqrt(load) from the load.
  const n =
    estimate === undefined
      ? leastMeeting({ lowest: 0, highest: maxAgents, start: load, firstStep: Math.sqrt(load), margin })
      : leastMeeting({ lowest: 0, highest: maxAgents, start: estimate, firstStep: 1, margin });
  if (n === null) {
    return {
      agents: null,
      base: null,
      fraction: null,
      value: null,
      unconstrained: false,
      maxAgents,
      reason: `${describeDefinition(definition)} ${comparator} ${goal} is not met with up to ${maxAgents} agents`,
    };
  }
  if (n === 0) {
    // Met with no agents (a mean wait goal at or above the patience, or a goal of 0 for service level).
    const p = parts(0);
    return {
      agents: 0,
      base: 0,
      fraction: 0,
      value: p.denominator > 0 ? p.numerator / p.denominator : null,
      unconstrained: true,
      maxAgents,
    };
  }
  // n - 1 fails and n meets: solve (a + b f) / (c + d f) = goal on [0, 1].
  const below = parts(n - 1);
  const at = parts(n);
  const a = below.numerator;
  const b = at.numerator - below.numerator;
  const c = below.denominator;
  const d = at.denominator - below.denominator;
  const slope = b - goal * d;
  let f = slope !== 0 ? (goal * c - a) / slope : 0;
  // 0 / 0 arises only from 0 agents to 1 with a figure undefined at 0 (c = a = 0) equal to the goal at 1.
  if (!Number.isFinite(f)) f = 0;
  f = Math.min(1, Math.max(0, f));
  const den = c + d * f;
  const unconstrained = n - 1 === 0 && c === 0 && f === 0;
  return {
    agents: n - 1 + f,
    base: n - 1,
    fraction: f,
    value: den > 0 ? (a + b * f) / den : null,
    unconstrained,
    maxAgents,
  };
}
