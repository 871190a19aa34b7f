/**
 * A bid's price normalized to cost per profile week and per handled contact at the staffing its
 * own promise needs, and whether the price can pay for that staffing (shared/METRICS.md,
 * "Normalizing figures that come without raw data"). Pure functions, no I/O.
 */
import { DemandProfile, requireProfile } from './demand-profile';
import { ExpectedCounts, expectedCountsOf, mixCounts } from './expected-counts';

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
  // Profiles repeat demands and their staffing: each distinct interval is counted once.
  const counted = new Map<string, ExpectedCounts>();
  profile.intervals.forEach((interval, i) => {
    if (interval.offered === 0) return;
    const x = staffing.agentsPerInterval[i];
    const key = `${interval.offered}|${interval.ahtSeconds}|${x}`;
    let c = counted.get(key);
    if (c === undefined) {
      const n = Math.floor(x);
      const f = x - n;
      const countsOf = expectedCountsOf(interval, profile.intervalSeconds, profile.patienceSeconds);
      c = f === 0 ? countsOf(n, []) : mixCounts(countsOf(n, []), countsOf(n + 1, []), f);
      counted.set(key, c);
    }
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

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
