/**
 * Normalizing figures that come without raw data: a tender bid's commitment (shared/METRICS.md,
 * "Normalizing figures that come without raw data"). Pure functions, no I/O.
 *
 * A bid states "85 % in 30 s" under its own definition. To compare it with other bids the hub
 * (1) finds, interval by interval of the tender's demand profile, the staffing the bidder needs to
 * meet its promise exactly under ITS definition (Erlang A with the tender's patience:
 * staffing-for-goal.ts), and (2) computes what that staffing delivers under the canonical
 * definitions, from expected raw counts (expected-counts.ts), with the catalogue's formulas
 * (convertible-definitions.ts) and the aggregation rule (sum of numerators over sum of
 * denominators). Cost is normalized at the same staffing (bid-cost.ts) and bids are scored on
 * the normalized figures (bid-scoring.ts).
 */
import { MetricDefinition, describeDefinition, validateGoal } from './catalogue';
import { RatioParts, checkConvertible, ratioParts, thresholdsOf } from './convertible-definitions';
import { DemandInterval, DemandProfile, ProfileParams, requireProfile } from './demand-profile';
import { ExpectedCounts, expectedCountsOf, mixCounts } from './expected-counts';
import { StaffingForGoal, defaultComparator, staffForGoal } from './staffing-for-goal';

export interface Commitment {
  definition: MetricDefinition;
  goal: number;
}

export interface CanonicalFigure {
  definition: MetricDefinition;
  label: string;
  /** Σ numerators / Σ denominators over the profile; null if not convertible or nothing to measure. */
  value: number | null;
  reason?: string;
}

/** Expected totals over the profile week at the normalized staffing. */
export interface WeeklyTotals {
  offered: number;
  answered: number;
  abandoned: number;
  handleSeconds: number;
}

export interface NormalizedCommitment {
  convertible: boolean;
  reason?: string;
  /** Fractional agents per interval of the profile (empty when not convertible). */
  agentsPerInterval: number[];
  /** Σ agents x interval length, in hours per profile week (null when not convertible). */
  staffedHours: number | null;
  canonical: CanonicalFigure[];
  /** The bidder's own figure over the profile at that staffing: the goal, up to rounding. */
  ownValue: number | null;
  totals: WeeklyTotals | null;
  /** Intervals whose promise puts no constraint on staffing (see StaffingForGoal.unconstrained). */
  unconstrainedIntervals: number;
}

/**
 * Converts a bid's commitment into canonical figures at the tender's demand profile: staffs every
 * interval for the goal under the commitment's own definition (staffForGoal), then computes each
 * canonical definition over the whole profile as Σ num / Σ den of the mixed expected counts.
 */
export function normalizeCommitment(
  profile: DemandProfile,
  commitment: Commitment,
  canonical: MetricDefinition[],
): NormalizedCommitment {
  requireProfile(profile);
  const notConvertible = (reason: string): NormalizedCommitment => ({
    convertible: false,
    reason,
    agentsPerInterval: [],
    staffedHours: null,
    canonical: canonical.map((definition) => ({ definition, label: describeDefinition(definition), value: null, reason })),
    ownValue: null,
    totals: null,
    unconstrainedIntervals: 0,
  });
  const { definition, goal } = commitment;
  const problem = checkConvertible(definition);
  if (problem) return notConvertible(problem.reason);
  const goalErrors = validateGoal(definition, goal);
  if (goalErrors.length > 0) return notConvertible(goalErrors.map((e) => e.message).join('; '));

  const canonicalProblems = canonical.map((c) => checkConvertible(c));
  const thresholds = [
    ...new Set([...thresholdsOf(definition), ...canonical.flatMap((c, i) => (canonicalProblems[i] ? [] : thresholdsOf(c)))]),
  ];
  const comparator = defaultComparator(definition);
  const params: ProfileParams = { intervalSeconds: profile.intervalSeconds, patienceSeconds: profile.patienceSeconds };
  const own = { num: 0, den: 0 };
  const sums = canonical.map(() => ({ num: 0, den: 0 }));
  const totals: WeeklyTotals = { offered: 0, answered: 0, abandoned: 0, handleSeconds: 0 };
  const agentsPerInterval: number[] = [];
  let unconstrainedIntervals = 0;

  // Profiles repeat demands (closed hours, flat stretches): each distinct one is staffed and counted
  // once. The search for a new one starts from the staffing of the most similar demand done so far,
  // scaled by load, which is usually within an agent or two of its answer.
  const byDemand = new Map<string, { staffing: StaffingForGoal; mixed: ExpectedCounts | null }>();
  const done: Array<{ load: number; aht: number; agents: number }> = [];
  const estimateFor = (load: number, aht: number): number | undefined => {
    let best: (typeof done)[number] | undefined;
    let distance = Number.POSITIVE_INFINITY;
    for (const d of done) {
      const dd = Math.abs(Math.log(load / d.load)) + Math.abs(Math.log(aht / d.aht));
      if (dd < distance) {
        distance = dd;
        best = d;
      }
    }
    return best && (best.agents * load) / best.load;
  };
  const staffAndCount = (interval: DemandInterval) => {
    const load = (interval.offered * interval.ahtSeconds) / params.intervalSeconds;
    // The search reads only the commitment's thresholds; the mix needs every canonical one too.
    // Threshold-free figures do not depend on which thresholds erlangA was called with, so the
    // mixed counts reproduce exactly the parts f was solved on.
    const staffing = staffForGoal(interval, definition, goal, comparator, params, load > 0 ? estimateFor(load, interval.ahtSeconds) : undefined);
    if (staffing.agents === null || interval.offered === 0) return { staffing, mixed: null };
    const base = staffing.base as number;
    const f = staffing.fraction as number;
    if (base > 0) done.push({ load, aht: interval.ahtSeconds, agents: base + 1 });
    const countsOf = expectedCountsOf(interval, params.intervalSeconds, params.patienceSeconds);
    const c0 = countsOf(base, thresholds);
    return { staffing, mixed: f === 0 ? c0 : mixCounts(c0, countsOf(base + 1, thresholds), f) };
  };

  for (let i = 0; i < profile.intervals.length; i++) {
    const interval = profile.intervals[i];
    const key = `${interval.offered}|${interval.ahtSeconds}`;
    let result = byDemand.get(key);
    if (result === undefined) {
      result = staffAndCount(interval);
      byDemand.set(key, result);
    }
    const { staffing, mixed } = result;
    if (staffing.agents === null) {
      return notConvertible(`interval ${i}: ${staffing.reason}`);
    }
    agentsPerInterval.push(staffing.agents);
    if (staffing.unconstrained && interval.offered > 0) unconstrainedIntervals += 1;
    if (mixed === null) continue;
    const p = ratioParts(definition, mixed) as RatioParts;
    own.num += p.numerator;
    own.den += p.denominator;
    canonical.forEach((c, k) => {
      if (canonicalProblems[k]) return;
      const q = ratioParts(c, mixed) as RatioParts;
      sums[k].num += q.numerator;
      sums[k].den += q.denominator;
    });
    totals.offered += mixed.offered;
    totals.answered += mixed.answered;
    totals.abandoned += mixed.abandoned;
    totals.handleSeconds += mixed.handleSeconds;
  }

  const staffedHours = (agentsPerInterval.reduce((s, x) => s + x, 0) * profile.intervalSeconds) / 3600;
  return {
    convertible: true,
    agentsPerInterval,
    staffedHours,
    canonical: canonical.map((c, k) => {
      const label = describeDefinition(c);
      const cp = canonicalProblems[k];
      if (cp) return { definition: c, label, value: null, reason: cp.reason };
      const { num, den } = sums[k];
      return den > 0 ? { definition: c, label, value: num / den } : { definition: c, label, value: null, reason: 'nothing to measure: the denominator is 0 over the profile' };
    }),
    ownValue: own.den > 0 ? own.num / own.den : null,
    totals,
    unconstrainedIntervals,
  };
}
