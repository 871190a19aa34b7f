import { conflict, FieldProblem } from '../platform/errors';
import { Bound, boundProblem, BOUNDS, LIST_LIMITS, listProblem } from '../metrics/bounds';
import { CATALOGUE, describeDefinition, isMetricKey, MetricDefinition } from '../metrics/catalogue';
import { DemandProfile } from '../metrics/demand-profile';
import { normalizeCommitment, NormalizedCommitment } from '../metrics/normalization';
import { normalizeCost, NormalizedCost } from '../metrics/bid-cost';
import { ScoredBid, scoreBids } from '../metrics/bid-scoring';
import type { BidFacts, TenderFacts } from '../clients/contracts';
import { authorize } from './access';
import type { PerformanceContext } from './context';
import { computeMetric } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';

/**
 * Makes the bids of a tender comparable: each commitment, stated in the bidder's own
 * definition, is converted at the tender's demand profile into the canonical definitions the
 * tender requires (through the staffing the commitment needs, Erlang A), and each price into a
 * cost per handled contact at that staffing. The maths is in services/metrics/normalization.ts.
 */

export interface CommitmentResult {
  stated: string;
  statedValue: number;
  convertible: boolean;
  reason: string | null;
  staffedHours: number | null;
  canonical: Array<{ label: string; value: number | null }>;
}

export interface BidNormalization {
  bidId: string;
  centreId: string;
  centreName: string;
  commitments: CommitmentResult[];
  /** The commitment that needs the most staffing: the bid's promise is judged by it. */
  binding: string | null;
  canonical: Array<{ label: string; value: number | null }>;
  cost: NormalizedCost | null;
  feasible: boolean;
  pastPerformance: Array<{ stated: string; value: number; period: string | null; recomputed: null; note: string }>;
  /** Past actuals (raw sums) recomputed under each canonical definition of the tender. */
  pastActuals: Array<{ period: string; offered: number; canonical: Array<{ label: string; value: number | null; approximate: boolean }> }>;
}

export interface TenderComparisonResult {
  tenderId: string;
  canonicalDefinitions: string[];
  bids: Array<BidNormalization & { score: ScoredBid | null }>;
}

function canonicalDefinitions(tender: TenderFacts): MetricDefinition[] {
  return tender.requirements.map((r) => ({ metric: r.metric, variant: r.variant, thresholdSeconds: r.thresholdSeconds }));
}

function profileOf(tender: TenderFacts): DemandProfile {
  return { intervalSeconds: tender.demand.intervalSeconds, intervals: tender.demand.intervals, patienceSeconds: tender.patienceSeconds };
}

export function normalizeBid(tender: TenderFacts, bid: BidFacts): BidNormalization {
  const profile = profileOf(tender);
  const canonical = canonicalDefinitions(tender);
  const results: Array<{ stated: string; goal: number; normalized: NormalizedCommitment }> = bid.commitments.map((c) => {
    const definition = { metric: c.metric, variant: c.variant, thresholdSeconds: c.thresholdSeconds, shortAbandonSeconds: c.shortAbandonSeconds };
    return { stated: describeDefinition(definition), goal: c.value, normalized: normalizeCommitment(profile, { definition, goal: c.value }, canonical) };
  });
  const convertible = results.filter((r) => r.normalized.convertible && r.normalized.staffedHours !== null);
  const binding = convertible.sort((x, y) => (y.normalized.staffedHours ?? 0) - (x.normalized.staffedHours ?? 0))[0];
  const cost = binding
    ? normalizeCost(
        { ...bid.pricing, proposedHoursPerWeek: bid.proposedHoursPerWeek },
        { staffedHours: binding.normalized.staffedHours, agentsPerInterval: binding.normalized.agentsPerInterval },
        profile,
        tender.agentHourCostMinor,
      )
    : null;
  return {
    bidId: bid.id,
    centreId: bid.centre.id,
    centreName: bid.centre.name,
    commitments: results.map((r) => ({
      stated: r.stated,
      statedValue: r.goal,
      convertible: r.normalized.convertible,
      reason: r.normalized.reason ?? null,
      staffedHours: r.normalized.staffedHours ?? null,
      canonical: (r.normalized.canonical ?? []).map((c) => ({ label: c.label, value: c.value })),
    })),
    binding: binding?.stated ?? null,
    canonical: binding ? binding.normalized.canonical.map((c) => ({ label: c.label, value: c.value })) : canonical.map((d) => ({ label: describeDefinition(d), value: null })),
    cost,
    feasible: cost?.feasible ?? false,
    pastPerformance: bid.pastPerformance.map((p) => ({
      stated: describeDefinition(p),
      value: p.value,
      period: p.period,
      recomputed: null,
      note: 'stated figure without raw data: it cannot be recomputed under the canonical definition; past actuals below are',
    })),
    pastActuals: bid.pastActuals.map((a) => {
      const sums = { ...a, bucketBounds: [...STANDARD_WAIT_BOUNDS] };
      return {
        period: a.period,
        offered: a.offered,
        canonical: canonical.map((d) => {
          const figure = computeMetric(d, sums);
          return { label: describeDefinition(d), value: figure.value, approximate: figure.approximate };
        }),
      };
    }),
  };
}

/**
 * The facts normalization runs on, checked against the domain bounds before any Erlang work:
 * the staffing search grows with the offered load of each interval, so a demand beyond the
 * bounds (a tender stored before they were enforced) would run for minutes. At the bounds a
 * commitment takes well under a second. Refused as CONFLICT naming every fact out of bounds.
 */
export function normalizationProblems(tender: TenderFacts, bids: readonly BidFacts[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (field: string, value: unknown, bound: Bound) => {
    const problem = boundProblem(value, bound);
    if (problem) problems.push({ field, message: problem });
  };
  const list = (field: string, items: readonly unknown[], max: number, what: string) => {
    const problem = listProblem(items.length, max, what);
    if (problem) problems.push({ field, message: problem });
  };
  check('tender.demand.intervalSeconds', tender.demand.intervalSeconds, BOUNDS.intervalSeconds);
  check('tender.patienceSeconds', tender.patienceSeconds, BOUNDS.patienceSeconds);
  check('tender.agentHourCostMinor', tender.agentHourCostMinor, BOUNDS.unitPriceMinor);
  list('tender.demand.intervals', tender.demand.intervals, LIST_LIMITS.demandIntervals, 'demand intervals');
  check('tender.priceWeight', tender.priceWeight, BOUNDS.weight);
  list('tender.requirements', tender.requirements, LIST_LIMITS.smallList, 'requirements');
  tender.requirements.forEach((r, i) => check(`tender.requirements[${i}].weight`, r.weight, BOUNDS.weight));
  if (problems.length === 0) {
    tender.demand.intervals.forEach((interval, i) => {
      const at = `tender.demand.intervals[${i}]`;
      const before = problems.length;
      check(`${at}.offered`, interval.offered, BOUNDS.forecastVolume);
      check(`${at}.ahtSeconds`, interval.ahtSeconds, BOUNDS.handlingSeconds);
      if (problems.length === before) check(`${at}.offeredLoadErlangs`, (interval.offered * interval.ahtSeconds) / tender.demand.intervalSeconds, BOUNDS.offeredLoadErlangs);
    });
  }
  for (const bid of bids) {
    const at = `bid ${bid.id}`;
    check(`${at}.pricing.priceMinor`, bid.pricing.priceMinor, BOUNDS.unitPriceMinor);
    if (bid.proposedHoursPerWeek !== null) check(`${at}.proposedHoursPerWeek`, bid.proposedHoursPerWeek, BOUNDS.hoursPerWeek);
    list(`${at}.commitments`, bid.commitments, LIST_LIMITS.smallList, 'commitments');
  }
  return problems;
}

function requireNormalizable(tender: TenderFacts, bids: readonly BidFacts[]): void {
  const problems = normalizationProblems(tender, bids);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).map((p) => `${p.field}: ${p.message}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  throw conflict(`tender ${tender.id} cannot be normalized, its facts are beyond the hub's bounds: ${shown.join('; ')}${more}`);
}

/** A bid's normalization, computed once a request however often it is asked (aliases, comparison and Bid.normalized). */
function normalizedOnce(ctx: PerformanceContext, tender: TenderFacts, bid: BidFacts): BidNormalization {
  const key = `${tender.id}|${bid.id}`;
  let result = ctx.loaders.bidNormalizations.get(key);
  if (!result) {
    result = normalizeBid(tender, bid);
    ctx.loaders.bidNormalizations.set(key, result);
  }
  return result;
}

/** The owner's comparison of all bids, after the close: normalized figures, cost, score and rank. */
export async function compareBids(ctx: PerformanceContext, tenderId: string): Promise<TenderComparisonResult> {
  const tender = await authorize(ctx, 'tender.compare', tenderId);
  if (!tender.closed) throw conflict('bids are compared after the tender closes');
  requireNormalizable(tender, tender.bids);
  const normalized = tender.bids.map((b) => normalizedOnce(ctx, tender, b));
  const metrics: Record<string, { weight: number; better: 'HIGHER' | 'LOWER' }> = {};
  for (const r of tender.requirements) {
    const label = describeDefinition({ metric: r.metric, variant: r.variant, thresholdSeconds: r.thresholdSeconds });
    metrics[label] = { weight: r.weight, better: isMetricKey(r.metric) ? CATALOGUE[r.metric].better : 'HIGHER' };
  }
  const scores = scoreBids(
    normalized.map((n) => ({
      id: n.bidId,
      canonicalValues: Object.fromEntries(n.canonical.map((c) => [c.label, c.value])),
      costPerHandledContactMinor: n.cost?.costPerHandledContactMinor ?? null,
      feasible: n.feasible,
    })),
    { price: tender.priceWeight, metrics },
  );
  const byId = new Map(scores.map((s) => [s.id, s]));
  return {
    tenderId,
    canonicalDefinitions: Object.keys(metrics),
    bids: normalized.map((n) => ({ ...n, score: byId.get(n.bidId) ?? null })).sort((a, b) => (a.score?.rank ?? 99) - (b.score?.rank ?? 99)),
  };
}

/** One bid's normalization: for its centre at any time, for the owner after the close. */
export async function normalizedBid(ctx: PerformanceContext, tenderId: string, bidId: string): Promise<BidNormalization> {
  const { tender, bid } = await authorize(ctx, 'bid.read', { tenderId, bidId });
  requireNormalizable(tender, [bid]);
  return normalizedOnce(ctx, tender, bid);
}
