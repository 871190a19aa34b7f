/**
 * Normalizing figures that come without raw data: tender bids (shared/METRICS.md, "Normalizing
 * figures that come without raw data"). Pure functions, no I/O.
 *
 * A bid states "85 % in 30 s" under its own definition. To compare it with other bids the hub
 * (1) finds, interval by interval of the tender's demand profile, the staffing the bidder needs to
 * meet its promise exactly under ITS definition (Erlang A with the tender's patience), and
 * (2) computes what that staffing delivers under the canonical definitions, from expected raw
 * counts, with the catalogue's formulas and the aggregation rule (sum of numerators over sum of
 * denominators). Cost is normalized at the same staffing.
 *
 * Fractional staffing: "x = n + f agents" means n agents for (1 - f) of the interval and n + 1 for
 * f of it, so every expected count is (1 - f) counts(n) + f counts(n + 1). Every supported figure is
 * a ratio num / den of counts, so along the mix it is (a + b f) / (c + d f): monotone in f, and the f
 * that meets a goal g exactly is f = (g c - a) / (b - g d). With every interval meeting the goal
 * exactly (num_i = g den_i), the bidder's own aggregate is g exactly, so a commitment already stated
 * in the canonical definition converts to itself (the round-trip property the tests check).
 */
import {
  CANONICAL_VARIANT,
  CATALOGUE,
  MetricDefinition,
  describeDefinition,
  isMetricKey,
  validateDefinition,
  validateGoal,
} from './catalogue';
import { erlangA } from './queueing';

// ---------------------------------------------------------------------------------------------
// Demand
// ---------------------------------------------------------------------------------------------

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

export type Comparator = 'AT_LEAST' | 'AT_MOST';

// ---------------------------------------------------------------------------------------------
// Expected counts
// ---------------------------------------------------------------------------------------------

/**
 * Expected raw counts of one interval, the fields of an uploaded interval record that the
 * convertible metrics need. Fractional, since they are expectations.
 */
export interface ExpectedCounts {
  offered: number;
  answered: number;
  abandoned: number;
  /** A(t): answered with a wait of at most t seconds, by threshold t. */
  answeredWithin: Record<number, number>;
  /** B(t): abandoned after a wait of at most t seconds, by threshold t. */
  abandonedWithin: Record<number, number>;
  /** Total wait of answered contacts. */
  answeredWaitSeconds: number;
  /**
   * Total wait (time to abandon) of abandoned contacts: the wait of all arrivals (Little's law on
   * the queue: mean wait of all = P(abandon) x patience) minus the wait of the answered ones.
   */
  abandonedWaitSeconds: number;
  /** Total handling time of answered contacts: answered x AHT. */
  handleSeconds: number;
}

function zeroCounts(thresholds: readonly number[]): ExpectedCounts {
  const within: Record<number, number> = {};
  for (const t of thresholds) within[t] = 0;
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    answeredWithin: { ...within },
    abandonedWithin: { ...within },
    answeredWaitSeconds: 0,
    abandonedWaitSeconds: 0,
    handleSeconds: 0,
  };
}

/**
 * Expected counts of `interval` staffed with `agents` (a whole number) agents, from Erlang A: one
 * erlangA call per distinct threshold (the threshold-free figures are the same in every call), and
 * every count is the model's probability times `offered`. A zero-volume interval gives all zeros.
 */
export function expectedCounts(
  interval: DemandInterval,
  agents: number,
  intervalSeconds: number,
  patienceSeconds: number,
  thresholds: readonly number[],
): ExpectedCounts {
  requireDemand(interval);
  if (!Number.isSafeInteger(agents) || agents < 0) throw new RangeError(`agents must be an integer >= 0, got ${agents}`);
  const distinct = [...new Set(thresholds)];
  for (const t of distinct) {
    if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`thresholds must be finite seconds >= 0, got ${t}`);
  }
  if (interval.offered === 0) return zeroCounts(distinct);
  const O = interval.offered;
  const load = (O * interval.ahtSeconds) / intervalSeconds;
  const base = { offeredLoadErlangs: load, agents, ahtSeconds: interval.ahtSeconds, patienceSeconds };
  const answeredWithin: Record<number, number> = {};
  const abandonedWithin: Record<number, number> = {};
  let first = null as ReturnType<typeof erlangA> | null;
  for (const t of distinct) {
    const r = erlangA({ ...base, thresholdSeconds: t });
    first ??= r;
    answeredWithin[t] = r.serviceLevelOfAll * O;
    abandonedWithin[t] = r.abandonedWithinThreshold * O;
  }
  const r = first ?? erlangA({ ...base, thresholdSeconds: 0 });
  const answered = r.probabilityAnswered * O;
  const abandoned = r.probabilityOfAbandonment * O;
  const answeredWaitSeconds = (r.asaOfAnsweredSeconds ?? 0) * answered;
  // Clamped: the two totals come from different sums and may differ by rounding when almost nobody abandons.
  const abandonedWaitSeconds = Math.max(0, r.averageWaitAllSeconds * O - answeredWaitSeconds);
  return {
    offered: O,
    answered,
    abandoned,
    answeredWithin,
    abandonedWithin,
    answeredWaitSeconds,
    abandonedWaitSeconds,
    handleSeconds: answered * interval.ahtSeconds,
  };
}

/** (1 - f) c0 + f c1, field by field (thresholds present in both). */
export function mixCounts(c0: ExpectedCounts, c1: ExpectedCounts, f: number): ExpectedCounts {
  const mix = (u: number, v: number) => (f === 0 ? u : f === 1 ? v : (1 - f) * u + f * v);
  const mixRecord = (u: Record<number, number>, v: Record<number, number>) => {
    const out: Record<number, number> = {};
    for (const key of Object.keys(u)) {
      const t = Number(key);
      if (v[t] === undefined) throw new Error(`threshold ${t} missing from one side of a mix`);
      out[t] = mix(u[t], v[t]);
    }
    return out;
  };
  return {
    offered: mix(c0.offered, c1.offered),
    answered: mix(c0.answered, c1.answered),
    abandoned: mix(c0.abandoned, c1.abandoned),
    answeredWithin: mixRecord(c0.answeredWithin, c1.answeredWithin),
    abandonedWithin: mixRecord(c0.abandonedWithin, c1.abandonedWithin),
    answeredWaitSeconds: mix(c0.answeredWaitSeconds, c1.answeredWaitSeconds),
    abandonedWaitSeconds: mix(c0.abandonedWaitSeconds, c1.abandonedWaitSeconds),
    handleSeconds: mix(c0.handleSeconds, c1.handleSeconds),
  };
}

// ---------------------------------------------------------------------------------------------
// Definitions as ratios of counts
// ---------------------------------------------------------------------------------------------

export interface NotConvertible {
  convertible: false;
  reason: string;
}

export interface RatioParts {
  convertible: true;
  numerator: number;
  denominator: number;
}

/** The convertible definitions: those whose formula uses only counts Erlang A predicts. */
const CONVERTIBLE: Record<string, string[]> = {
  SERVICE_LEVEL: [
    CANONICAL_VARIANT,
    'EXCLUDE_SHORT_ABANDONS',
    'OF_ANSWERED',
    'ABANDONS_WITHIN_T_COUNT_AS_MET',
    'ABANDONS_WITHIN_T_EXCLUDED',
  ],
  ABANDONMENT_RATE: [CANONICAL_VARIANT, 'EXCLUDE_SHORT_ABANDONS'],
  ASA: [CANONICAL_VARIANT, 'AVERAGE_WAIT_ALL'],
};

/**
 * Whether a definition can be converted, and why not. Only service level, abandonment rate and
 * ASA follow from a queueing model; AHT is an input of the model, occupancy depends on how idle
 * time is logged, and FCR, CSAT, NPS, CES, forecast error and complaint handling have no
 * relation to staffing that a model could supply.
 */
export function checkConvertible(definition: MetricDefinition): NotConvertible | null {
  const errors = validateDefinition(definition);
  if (errors.length > 0) {
    return { convertible: false, reason: `invalid definition: ${errors.map((e) => e.message).join('; ')}` };
  }
  const variant = definition.variant ?? CANONICAL_VARIANT;
  const variants = CONVERTIBLE[definition.metric];
  if (!variants || !variants.includes(variant)) {
    return {
      convertible: false,
      reason:
        `${describeDefinition(definition)} cannot be converted: a queueing model predicts only waits, answers and ` +
        `abandons (SERVICE_LEVEL, ABANDONMENT_RATE, ASA), not ${definition.metric}`,
    };
  }
  return null;
}

/** The wait thresholds (T and S) whose counts a definition's formula reads. */
export function thresholdsOf(definition: MetricDefinition): number[] {
  const out: number[] = [];
  if (definition.thresholdSeconds != null) out.push(definition.thresholdSeconds);
  if (definition.shortAbandonSeconds != null) out.push(definition.shortAbandonSeconds);
  return out;
}

function within(record: Record<number, number>, t: number): number {
  const value = record[t];
  if (value === undefined) throw new Error(`counts lack the threshold ${t} s; pass it to expectedCounts`);
  return value;
}

/**
 * Numerator and denominator of `definition` over `counts`: the catalogue's formulas
 * (shared/METRICS.md) with A(t), B(t), O, N, X read from expected counts.
 */
export function ratioParts(definition: MetricDefinition, counts: ExpectedCounts): RatioParts | NotConvertible {
  const problem = checkConvertible(definition);
  if (problem) return problem;
  const T = definition.thresholdSeconds as number;
  const S = definition.shortAbandonSeconds as number;
  const A = (t: number) => within(counts.answeredWithin, t);
  const B = (t: number) => within(counts.abandonedWithin, t);
  const { offered: O, answered: N, abandoned: X } = counts;
  const parts = (numerator: number, denominator: number): RatioParts => ({ convertible: true, numerator, denominator });
  switch (`${definition.metric}/${definition.variant ?? CANONICAL_VARIANT}`) {
    case 'SERVICE_LEVEL/CANONICAL':
      return parts(A(T), O);
    case 'SERVICE_LEVEL/EXCLUDE_SHORT_ABANDONS':
      return parts(A(T), O - B(S));
    case 'SERVICE_LEVEL/OF_ANSWERED':
      return parts(A(T), N);
    case 'SERVICE_LEVEL/ABANDONS_WITHIN_T_COUNT_AS_MET':
      return parts(A(T) + B(T), O);
    case 'SERVICE_LEVEL/ABANDONS_WITHIN_T_EXCLUDED':
      return parts(A(T), O - B(T));
    case 'ABANDONMENT_RATE/CANONICAL':
      return parts(X, O);
    case 'ABANDONMENT_RATE/EXCLUDE_SHORT_ABANDONS':
      return parts(X - B(S), O - B(S));
    case 'ASA/CANONICAL':
      return parts(counts.answeredWaitSeconds, N);
    case 'ASA/AVERAGE_WAIT_ALL':
      return parts(counts.answeredWaitSeconds + counts.abandonedWaitSeconds, O);
    default:
      // Unreachable while CONVERTIBLE and this switch list the same variants.
      throw new Error(`no formula for ${describeDefinition(definition)}`);
  }
}

/** Value of `definition` over `counts`; null when the denominator is 0 (nothing to measure). */
export function definitionValue(
  definition: MetricDefinition,
  counts: ExpectedCounts,
): { convertible: true; value: number | null } | NotConvertible {
  const p = ratioParts(definition, counts);
  if (!p.convertible) return p;
  return { convertible: true, value: p.denominator > 0 ? p.numerator / p.denominator : null };
}

// ---------------------------------------------------------------------------------------------
// Staffing for a goal
// ---------------------------------------------------------------------------------------------

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

type CountsAt = (n: number) => ExpectedCounts;

function memoCounts(interval: DemandInterval, params: ProfileParams, thresholds: number[]): CountsAt {
  const cache = new Map<number, ExpectedCounts>();
  return (n) => {
    let c = cache.get(n);
    if (!c) {
      c = expectedCounts(interval, n, params.intervalSeconds, params.patienceSeconds, thresholds);
      cache.set(n, c);
    }
    return c;
  };
}

/**
 * Least fractional staffing x >= 0 of one interval whose value under `definition` meets `goal`
 * exactly (AT_LEAST for service level, AT_MOST for abandonment rate and ASA).
 *
 * Method: the least whole n that meets the goal, then f on [n - 1, n] in closed form. The search
 * starts at n = round(load), brackets the answer with steps that double (down while n meets, up
 * while it fails, up to maxAgents = ceil(3 load) + 50), then bisects. It finds the least n because
 * every figure is monotone in n
 * (queueing.ts documents the numerical check of that for Erlang A). Below n - 1 no mix meets the
 * goal: a mix of two failing whole staffings fails, since the mixed ratio is monotone in f.
 *
 * The comparator must be the metric's own direction: the least staffing keeping service level
 * AT_MOST a goal is always 0 and means nothing, so it is refused with a RangeError.
 */
export function staffForGoal(
  interval: DemandInterval,
  definition: MetricDefinition,
  goal: number,
  comparator: Comparator,
  profileParams: ProfileParams,
): StaffingForGoal {
  return staffWith(interval, definition, goal, comparator, memoCounts(interval, profileParams, thresholdsOf(definition)), profileParams);
}

function staffWith(
  interval: DemandInterval,
  definition: MetricDefinition,
  goal: number,
  comparator: Comparator,
  countsAt: CountsAt,
  params: ProfileParams,
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
  const parts = (n: number): RatioParts => ratioParts(definition, countsAt(n)) as RatioParts;
  const meets = (n: number): boolean => {
    const p = parts(n);
    if (!(p.denominator > 0)) return false;
    const v = p.numerator / p.denominator;
    return comparator === 'AT_LEAST' ? v >= goal : v <= goal;
  };

  // Bracket the least meeting n between a failing `lo` and a meeting `hi` by steps that double,
  // then bisect: O(log) erlangA calls however far the answer lies from the start.
  const start = Math.min(maxAgents, Math.round(load));
  let lo = -1; // -1 stands for "fails": no staffing below 0
  let hi = -1;
  if (meets(start)) {
    hi = start;
    for (let step = 1; ; step *= 2) {
      const probe = hi - step;
      if (probe < 0) break;
      if (!meets(probe)) {
        lo = probe;
        break;
      }
      hi = probe;
    }
  } else {
    lo = start;
    for (let step = 1; ; step *= 2) {
      const probe = Math.min(maxAgents, lo + step);
      if (meets(probe)) {
        hi = probe;
        break;
      }
      lo = probe;
      if (probe === maxAgents) break;
    }
    if (hi < 0) {
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
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(mid)) hi = mid;
    else lo = mid;
  }
  const n = hi;
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

// ---------------------------------------------------------------------------------------------
// Normalizing a commitment
// ---------------------------------------------------------------------------------------------

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

  for (let i = 0; i < profile.intervals.length; i++) {
    const interval = profile.intervals[i];
    // The search reads only the commitment's thresholds; the mix needs every canonical one too.
    // Threshold-free figures do not depend on which thresholds erlangA was called with, so the
    // mixed counts reproduce exactly the parts f was solved on.
    const staffing = staffWith(interval, definition, goal, comparator, memoCounts(interval, params, thresholdsOf(definition)), params);
    if (staffing.agents === null) {
      return notConvertible(`interval ${i}: ${staffing.reason}`);
    }
    agentsPerInterval.push(staffing.agents);
    if (staffing.unconstrained && interval.offered > 0) unconstrainedIntervals += 1;
    if (interval.offered === 0) continue;
    const base = staffing.base as number;
    const f = staffing.fraction as number;
    const at = (n: number) => expectedCounts(interval, n, params.intervalSeconds, params.patienceSeconds, thresholds);
    const c0 = at(base);
    const mixed = f === 0 ? c0 : mixCounts(c0, at(base + 1), f);
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

// ---------------------------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------------------------

export type PricingModel = 'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_MINUTE';

export interface Pricing {
  model: PricingModel;
  /** Price in minor currency units (cents) per productive hour, per handled contact or per handled minute. */
  priceMinor: number;
  currency: string;
  /** PER_PRODUCTIVE_HOUR only: the hours per profile week the bid itself proposes, if it states them. */
  proposedHoursPerWeek?: number | null;
}

/** The staffing a normalization found; a NormalizedCommitment fits. */
export interface StaffingPlan {
  staffedHours: number | null;
  agentsPerInterval: number[];
}

export interface NormalizedCost {
  currency: string;
  /** What the client pays per profile week, rounded to whole minor units. */
  weeklyCostMinor: number;
  /** weekly x 52 / 12, from the unrounded weekly cost, rounded. */
  monthlyCostMinor: number;
  /** Weekly cost / expected handled (answered) contacts; unrounded, it is a comparison rate. Null if none is handled. */
  costPerHandledContactMinor: number | null;
  /** Agent hours the price pays for: weekly cost / cost of one agent hour. */
  payableHours: number;
  /** Agent hours per week the bid's own promise needs (step 5). */
  requiredHours: number;
  /** Hours billed under PER_PRODUCTIVE_HOUR (proposed or required); null for the other models. */
  billedHours: number | null;
  handledContacts: number;
  handledMinutes: number;
  feasible: boolean;
  shortfallHours: number;
  reasons: string[];
}

/**
 * Cost of a bid per profile week at the staffing its promise needs, and whether the price can pay
 * for that staffing.
 *
 * - PER_HANDLED_CONTACT: price x expected answered contacts.
 * - PER_MINUTE: price per handled minute x expected handle minutes (answered x AHT / 60).
 * - PER_PRODUCTIVE_HOUR: the centre bills the agent hours it staffs. Without stated hours we
 *   assume it bills exactly the hours its promise needs (requiredHours), since that is what
 *   delivering the promise costs the client; with `proposedHoursPerWeek` the bill is those hours,
 *   and a proposal below the required hours is infeasible however high the price (the promise
 *   cannot be kept with the hours offered).
 *
 * Expected answered contacts and handle minutes are recomputed from the profile at the plan's
 * fractional staffing (the same mix as normalizeCommitment), because a contact abandoned for lack
 * of staff is neither handled nor billed per contact or minute. `agentHourCostMinor` is the
 * tender's estimate of the fully loaded cost of one staffed agent hour; payableHours =
 * weeklyCost / agentHourCost, and the bid is feasible when payableHours >= requiredHours.
 */
export function normalizeCost(
  pricing: Pricing,
  staffing: StaffingPlan,
  profile: DemandProfile,
  agentHourCostMinor: number,
): NormalizedCost {
  requireProfile(profile);
  if (!(agentHourCostMinor > 0) || !Number.isFinite(agentHourCostMinor)) {
    throw new RangeError(`agentHourCostMinor must be a positive number, got ${agentHourCostMinor}`);
  }
  if (!(pricing.priceMinor >= 0) || !Number.isFinite(pricing.priceMinor)) {
    throw new RangeError(`priceMinor must be a finite number >= 0, got ${pricing.priceMinor}`);
  }
  if (staffing.staffedHours === null) throw new RangeError('the staffing plan has no hours: its commitment was not convertible');
  if (staffing.agentsPerInterval.length !== profile.intervals.length) {
    throw new RangeError(
      `the staffing plan has ${staffing.agentsPerInterval.length} intervals, the profile ${profile.intervals.length}`,
    );
  }
  const requiredHours = staffing.staffedHours;
  let handled = 0;
  let handleSeconds = 0;
  profile.intervals.forEach((interval, i) => {
    if (interval.offered === 0) return;
    const x = staffing.agentsPerInterval[i];
    const n = Math.floor(x);
    const f = x - n;
    const at = (k: number) => expectedCounts(interval, k, profile.intervalSeconds, profile.patienceSeconds, []);
    const c = f === 0 ? at(n) : mixCounts(at(n), at(n + 1), f);
    handled += c.answered;
    handleSeconds += c.handleSeconds;
  });

  const reasons: string[] = [];
  let weekly: number;
  let billedHours: number | null = null;
  let hoursOffered = Infinity;
  switch (pricing.model) {
    case 'PER_PRODUCTIVE_HOUR': {
      const proposed = pricing.proposedHoursPerWeek;
      if (proposed != null) {
        if (!(proposed >= 0) || !Number.isFinite(proposed)) {
          throw new RangeError(`proposedHoursPerWeek must be a finite number >= 0, got ${proposed}`);
        }
        hoursOffered = proposed;
        if (proposed < requiredHours) {
          reasons.push(`proposed ${round2(proposed)} h/week is below the ${round2(requiredHours)} h/week the promise needs`);
        }
      }
      billedHours = proposed ?? requiredHours;
      weekly = pricing.priceMinor * billedHours;
      break;
    }
    case 'PER_HANDLED_CONTACT':
      weekly = pricing.priceMinor * handled;
      break;
    case 'PER_MINUTE':
      weekly = (pricing.priceMinor * handleSeconds) / 60;
      break;
    default:
      throw new RangeError(`unknown pricing model ${String((pricing as Pricing).model)}`);
  }
  const payableHours = weekly / agentHourCostMinor;
  if (payableHours < requiredHours) {
    reasons.push(`the price pays for ${round2(payableHours)} agent h/week; the promise needs ${round2(requiredHours)}`);
  }
  const shortfallHours = Math.max(0, requiredHours - Math.min(payableHours, hoursOffered));
  return {
    currency: pricing.currency,
    weeklyCostMinor: Math.round(weekly),
    monthlyCostMinor: Math.round((weekly * 52) / 12),
    costPerHandledContactMinor: handled > 0 ? weekly / handled : null,
    payableHours,
    requiredHours,
    billedHours,
    handledContacts: handled,
    handledMinutes: handleSeconds / 60,
    feasible: payableHours >= requiredHours && hoursOffered >= requiredHours,
    shortfallHours,
    reasons,
  };
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

export interface BidForScoring {
  id: string;
  /** Canonical figures by label (e.g. describeDefinition of the canonical definition); null if unknown. */
  canonicalValues: Record<string, number | null>;
  costPerHandledContactMinor: number | null;
  feasible: boolean;
}

export interface ScoringWeights {
  price: number;
  metrics: Record<string, { weight: number; better: 'HIGHER' | 'LOWER' }>;
}

export interface ScoreTerm {
  name: string;
  weight: number;
  value: number | null;
  /** 0..100: 100 for the best value, others proportional (see scoreBids). */
  points: number;
  /** weight x points / total weight: this term's share of the score. */
  contribution: number;
}

export interface ScoredBid {
  id: string;
  score: number;
  rank: number;
  feasible: boolean;
  terms: ScoreTerm[];
}

/**
 * Weighted scores of bids, 0..100, with every term shown.
 *
 * Normalization (the usual "lowest price = 100" tender rule, applied to every criterion):
 * - LOWER is better (price per handled contact, abandonment, ASA): points = 100 x best / value,
 *   best = the least value; a value of 0 when the best is 0 gets 100, any other value then 0.
 * - HIGHER is better (service level): points = 100 x value / best, best = the greatest value
 *   (100 for all when every value is 0).
 * - Points are capped at 100, so a bid better than the bar (an infeasible one) gets 100, not more.
 * - A missing value (null) gets 0 points.
 * The best values are taken over the feasible bids only, so an infeasible price (one that cannot
 * pay for the promise) does not set the bar for the others; if no bid is feasible, over all.
 * score = Σ weight x points / Σ weights. Rank 1 is best; feasible bids rank before every infeasible
 * one, then by score; equal scores (within 1e-9) share a rank (1, 1, 3). Values must be >= 0.
 */
export function scoreBids(bids: BidForScoring[], weights: ScoringWeights): ScoredBid[] {
  const criteria: Array<{ name: string; weight: number; better: 'HIGHER' | 'LOWER'; read: (b: BidForScoring) => number | null }> = [
    { name: 'price', weight: weights.price, better: 'LOWER', read: (b) => b.costPerHandledContactMinor },
    ...Object.entries(weights.metrics).map(([name, w]) => ({
      name,
      weight: w.weight,
      better: w.better,
      read: (b: BidForScoring) => b.canonicalValues[name] ?? null,
    })),
  ];
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  for (const c of criteria) {
    if (!(c.weight >= 0) || !Number.isFinite(c.weight)) throw new RangeError(`weight of ${c.name} must be >= 0, got ${c.weight}`);
  }
  if (!(totalWeight > 0)) throw new RangeError('the weights must not all be 0');
  for (const b of bids) {
    for (const c of criteria) {
      const v = c.read(b);
      if (v !== null && (!(v >= 0) || !Number.isFinite(v))) {
        throw new RangeError(`bid ${b.id}: ${c.name} must be a finite number >= 0 for proportional points, got ${v}`);
      }
    }
  }
  const pool = bids.some((b) => b.feasible) ? bids.filter((b) => b.feasible) : bids;
  const scored = bids.map((bid) => {
    const terms: ScoreTerm[] = criteria.map((c) => {
      const value = c.read(bid);
      const known = pool.map(c.read).filter((v): v is number => v !== null);
      let points = 0;
      if (value !== null && known.length > 0) {
        if (c.better === 'LOWER') {
          const best = Math.min(...known);
          points = value === 0 ? 100 : Math.min(100, (100 * best) / value);
        } else {
          const best = Math.max(...known);
          points = best === 0 ? 100 : Math.min(100, (100 * value) / best);
        }
      }
      return { name: c.name, weight: c.weight, value, points, contribution: (c.weight * points) / totalWeight };
    });
    return { id: bid.id, feasible: bid.feasible, terms, score: terms.reduce((s, t) => s + t.contribution, 0), rank: 0 };
  });
  const order = [...scored].sort((p, q) => (p.feasible !== q.feasible ? (p.feasible ? -1 : 1) : q.score - p.score));
  order.forEach((s, i) => {
    const prev = order[i - 1];
    s.rank = prev && prev.feasible === s.feasible && Math.abs(prev.score - s.score) <= 1e-9 ? prev.rank : i + 1;
  });
  return scored;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function requireDemand(interval: DemandInterval): void {
  if (!(interval.offered >= 0) || !Number.isFinite(interval.offered)) {
    throw new RangeError(`offered must be a finite number >= 0, got ${interval.offered}`);
  }
  if (interval.offered > 0 && (!(interval.ahtSeconds > 0) || !Number.isFinite(interval.ahtSeconds))) {
    throw new RangeError(`ahtSeconds must be a finite number > 0 where contacts are offered, got ${interval.ahtSeconds}`);
  }
}

function requireProfile(profile: DemandProfile): void {
  if (!(profile.intervalSeconds > 0) || !Number.isFinite(profile.intervalSeconds)) {
    throw new RangeError(`intervalSeconds must be a positive number, got ${profile.intervalSeconds}`);
  }
  if (!(profile.patienceSeconds > 0) || !Number.isFinite(profile.patienceSeconds)) {
    throw new RangeError(`patienceSeconds must be a positive number, got ${profile.patienceSeconds}`);
  }
  profile.intervals.forEach(requireDemand);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
