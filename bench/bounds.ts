import { BOUNDS, LIST_LIMITS } from '../services/metrics/bounds';
import { normalizeCost } from '../services/metrics/bid-cost';
import { MetricDefinition, describeDefinition } from '../services/metrics/catalogue';
import { DemandInterval, DemandProfile } from '../services/metrics/demand-profile';
import { agentsForServiceLevelErlangA } from '../services/metrics/erlang-a';
import { agentsForServiceLevel } from '../services/metrics/erlang-c';
import { Commitment, normalizeCommitment } from '../services/metrics/normalization';
import { defaultComparator, staffForGoal } from '../services/metrics/staffing-for-goal';
import { Runs, timeRuns, writeResults } from './timing';

/**
 * Worst-case time of the staffing and normalization maths at the domain bounds of
 * services/metrics/bounds.ts (issue 9: Erlang and normalization work is bounded in time by those
 * ranges). `npm run bench:bounds`; writes bench/results/bounds.json.
 *
 * 1. Every corner of the bounds, one interval at the maximum load: Erlang C staffing, Erlang A
 *    staffing (both readings), and the least staffing for a bid's promise (every convertible
 *    definition, usual and extreme goals). The slowest corner of each is reported.
 * 2. At each slowest corner, a week of quarter hours (LIST_LIMITS.demandIntervals intervals), all
 *    at the maximum load and all distinct, so that no cache of equal demands helps: the time a
 *    forecast's staffing or a bid's normalization (normalizeCommitment + normalizeCost) takes.
 *    For the normalization also a week whose AHTs spread over the whole range in shuffled order,
 *    so that neighbouring intervals tell the search little about each other.
 *
 * Two domains: REACHABLE, where the maximum load comes from at most BOUNDS.contactsPerInterval.max
 * contacts per quarter hour, so its AHT is at least AHT_AT_MAX_VOLUME; and BARE_CORNER, the AHTs
 * below that at the maximum load, which the bounds of each input allow but no upload can reach
 * (they need millions of contacts per quarter hour). Every figure is min / median / max of RUNS
 * timed runs after one warm-up, in wall time and in processor time of this process (which other
 * work on a shared machine disturbs least).
 */

const RUNS = 3;
const BUDGET_MS = 1000;
const WEEK_INTERVALS = LIST_LIMITS.demandIntervals;
/** The shortest interval tenders and forecasts take: a week of demand intervals. */
const INTERVAL_SECONDS = (7 * 86_400) / WEEK_INTERVALS;
const MAX_LOAD = BOUNDS.offeredLoadErlangs.max;
/** The least AHT at which BOUNDS.contactsPerInterval.max contacts per interval make the maximum load. */
const AHT_AT_MAX_VOLUME = (MAX_LOAD * INTERVAL_SECONDS) / BOUNDS.contactsPerInterval.max;
const { handlingSeconds, patienceSeconds, thresholdSeconds } = BOUNDS;
const ENDS = (b: { min: number; max: number }) => [b.min, b.max];
/** Service-level targets: usual, strict, and as close to 1 as a stated goal gets (1 itself is refused). */
const TARGETS = [0.8, 0.95, 0.999999];

type Domain = 'REACHABLE' | 'BARE_CORNER';
/** The AHTs of each domain at the maximum load, least first. */
const AHT_RANGE: Record<Domain, [number, number]> = {
  REACHABLE: [AHT_AT_MAX_VOLUME, handlingSeconds.max],
  BARE_CORNER: [handlingSeconds.min, AHT_AT_MAX_VOLUME],
};
/** The AHTs whose corners are timed: both ends of the reachable range; the bare corner itself. */
const CORNER_AHTS: Record<Domain, number[]> = { REACHABLE: AHT_RANGE.REACHABLE, BARE_CORNER: [handlingSeconds.min] };

interface Slowest<T> {
  corners: number;
  slowest: string;
  corner: T;
  time: Runs;
}

/** Times `run` at every corner and returns the slowest corner (by the processor time of its fastest run: the least disturbed by other work). */
function slowestOf<T>(corners: T[], label: (corner: T) => string, run: (corner: T) => unknown): Slowest<T> {
  // One untimed pass over every corner first, so that the corners timed early do not pay for compiling the code.
  for (const corner of corners) run(corner);
  let worst: Slowest<T> | null = null;
  for (const corner of corners) {
    const time = timeRuns(() => run(corner), RUNS);
    if (!worst || time.cpuMs.min > worst.time.cpuMs.min) worst = { corners: corners.length, slowest: label(corner), corner, time };
  }
  if (!worst) throw new Error('no corners');
  return worst;
}

// ---------------------------------------------------------------------------------------------
// Step 1: the corners of one interval
// ---------------------------------------------------------------------------------------------

interface ErlangCorner {
  aht: number;
  patience: number;
  threshold: number;
  target: number;
  reading: 'OF_ALL' | 'OF_ANSWERED';
}

function erlangCorners(domain: Domain): ErlangCorner[] {
  const out: ErlangCorner[] = [];
  for (const aht of CORNER_AHTS[domain])
    for (const patience of ENDS(patienceSeconds))
      for (const threshold of ENDS(thresholdSeconds))
        for (const target of TARGETS) for (const reading of ['OF_ALL', 'OF_ANSWERED'] as const) out.push({ aht, patience, threshold, target, reading });
  return out;
}

const erlangCLabel = (c: ErlangCorner) => `load ${MAX_LOAD}, AHT ${c.aht} s, T ${c.threshold} s, target ${c.target}`;
const erlangALabel = (c: ErlangCorner) => `load ${MAX_LOAD}, AHT ${c.aht} s, patience ${c.patience} s, T ${c.threshold} s, target ${c.target} ${c.reading}`;

function erlangCStaffing(load: number, c: ErlangCorner): unknown {
  return agentsForServiceLevel({ offeredLoadErlangs: load, ahtSeconds: c.aht }, c.target, c.threshold)?.agents;
}

function erlangAStaffing(load: number, c: ErlangCorner): unknown {
  return agentsForServiceLevelErlangA({ offeredLoadErlangs: load, ahtSeconds: c.aht }, c.patience, c.target, c.threshold, { reading: c.reading })?.agents;
}

/** Every convertible definition with its thresholds at the bounds, with usual and extreme goals. */
function promises(): Commitment[] {
  const out: Commitment[] = [];
  for (const T of ENDS(thresholdSeconds)) {
    for (const variant of ['CANONICAL', 'OF_ANSWERED', 'ABANDONS_WITHIN_T_COUNT_AS_MET', 'ABANDONS_WITHIN_T_EXCLUDED']) {
      for (const goal of [...TARGETS, 1]) out.push({ definition: { metric: 'SERVICE_LEVEL', variant, thresholdSeconds: T }, goal });
    }
    for (const S of ENDS(thresholdSeconds)) {
      for (const goal of [0.8, 0.999999]) {
        out.push({ definition: { metric: 'SERVICE_LEVEL', variant: 'EXCLUDE_SHORT_ABANDONS', thresholdSeconds: T, shortAbandonSeconds: S }, goal });
      }
    }
  }
  for (const goal of [0.05, 1e-6, 0]) {
    out.push({ definition: { metric: 'ABANDONMENT_RATE' }, goal });
    for (const S of ENDS(thresholdSeconds)) out.push({ definition: { metric: 'ABANDONMENT_RATE', variant: 'EXCLUDE_SHORT_ABANDONS', shortAbandonSeconds: S }, goal });
  }
  for (const goal of [20, 0.001, 0]) {
    for (const variant of ['CANONICAL', 'AVERAGE_WAIT_ALL']) out.push({ definition: { metric: 'ASA', variant }, goal });
  }
  return out;
}

interface GoalCorner {
  aht: number;
  patience: number;
  promise: Commitment;
}

const goalLabel = (g: GoalCorner) =>
  `load ${MAX_LOAD}, AHT ${g.aht} s, patience ${g.patience} s, ${describeDefinition(g.promise.definition)} goal ${g.promise.goal}`;

/** One interval carrying `load` Erlangs at this AHT. */
function intervalAt(load: number, aht: number): DemandInterval {
  return { offered: (load * INTERVAL_SECONDS) / aht, ahtSeconds: aht };
}

function staffOneInterval(g: GoalCorner): unknown {
  const { definition, goal } = g.promise;
  return staffForGoal(intervalAt(MAX_LOAD, g.aht), definition, goal, defaultComparator(definition), {
    intervalSeconds: INTERVAL_SECONDS,
    patienceSeconds: g.patience,
  }).agents;
}

// ---------------------------------------------------------------------------------------------
// Step 2: weeks at the slowest corners
// ---------------------------------------------------------------------------------------------

/** Loads of a week: all at the maximum, and all distinct. */
const weekLoads = () => Array.from({ length: WEEK_INTERVALS }, (_, i) => MAX_LOAD - i * 1e-3);

/** A week at the maximum load whose AHTs spread geometrically over [low, high], in a fixed shuffled order. */
function spreadAhts([low, high]: [number, number]): number[] {
  const ahts = Array.from({ length: WEEK_INTERVALS }, (_, i) => low * (high / low) ** (i / (WEEK_INTERVALS - 1)));
  // A fixed permutation: stepping by a number coprime to the length visits every index once.
  return ahts.map((_, i) => ahts[(i * 389) % WEEK_INTERVALS]);
}

/** What a tender compares the bids under: service level at both threshold bounds, abandonment and both ASAs. */
function canonicalDefinitions(): MetricDefinition[] {
  return [
    ...ENDS(thresholdSeconds).map((T): MetricDefinition => ({ metric: 'SERVICE_LEVEL', thresholdSeconds: T })),
    { metric: 'ABANDONMENT_RATE' },
    { metric: 'ASA' },
    { metric: 'ASA', variant: 'AVERAGE_WAIT_ALL' },
  ];
}

/** A bid's normalization as procurement runs it: the commitment, then the cost at its staffing. */
function normalizeWeek(intervals: DemandInterval[], patience: number, promise: Commitment): unknown {
  const profile: DemandProfile = { intervalSeconds: INTERVAL_SECONDS, intervals, patienceSeconds: patience };
  const normalized = normalizeCommitment(profile, promise, canonicalDefinitions());
  if (!normalized.convertible) return normalized.reason;
  return normalizeCost({ model: 'PER_HANDLED_CONTACT', priceMinor: 500, currency: 'EUR' }, normalized, profile, 3000).weeklyCostMinor;
}

// ---------------------------------------------------------------------------------------------
// The benchmark
// ---------------------------------------------------------------------------------------------

interface Result {
  name: string;
  domain: Domain;
  oneInterval: Omit<Slowest<unknown>, 'corner'>;
  weeks: Record<string, Runs>;
  withinBudget: boolean;
}

const fmt = (r: Runs) => `${r.minMs} / ${r.medianMs} / ${r.maxMs} ms (processor ${r.cpuMs.min} / ${r.cpuMs.median} / ${r.cpuMs.max} ms)`;

function report<T>(results: Result[], name: string, domain: Domain, one: Slowest<T>, weeks: Record<string, (corner: T) => unknown>): void {
  const { corner, ...oneInterval } = one;
  const times = Object.fromEntries(Object.entries(weeks).map(([label, run]) => [label, timeRuns(() => run(corner), RUNS)]));
  const withinBudget = Object.values(times).every((t) => t.maxMs <= BUDGET_MS);
  results.push({ name, domain, oneInterval, weeks: times, withinBudget });
  console.log(`${name} (${domain}, ${one.corners} corners)`);
  console.log(`  slowest corner: ${one.slowest}`);
  console.log(`  one interval: ${fmt(one.time)}   (min / median / max of ${RUNS})`);
  for (const [label, t] of Object.entries(times)) {
    console.log(`  ${WEEK_INTERVALS} intervals, ${label}: ${fmt(t)}${t.maxMs > BUDGET_MS ? `   OVER the ${BUDGET_MS} ms budget` : ''}`);
  }
}

function measure(domain: Domain): Result[] {
  const results: Result[] = [];
  const corners = erlangCorners(domain);
  // Erlang C reads neither the patience nor the reading.
  const cCorners = corners.filter((c) => c.reading === 'OF_ALL' && c.patience === patienceSeconds.min);
  report(results, 'Erlang C staffing (agentsForServiceLevel)', domain, slowestOf(cCorners, erlangCLabel, (c) => erlangCStaffing(MAX_LOAD, c)), {
    'distinct loads': (c) => weekLoads().map((load) => erlangCStaffing(load, c)),
  });
  report(results, 'Erlang A staffing (agentsForServiceLevelErlangA)', domain, slowestOf(corners, erlangALabel, (c) => erlangAStaffing(MAX_LOAD, c)), {
    'distinct loads': (c) => weekLoads().map((load) => erlangAStaffing(load, c)),
  });

  const goalCorners = CORNER_AHTS[domain].flatMap((aht) => ENDS(patienceSeconds).flatMap((patience) => promises().map((promise) => ({ aht, patience, promise }))));
  report(results, 'Bid normalization (one interval: staffForGoal; a week: normalizeCommitment + normalizeCost)', domain, slowestOf(goalCorners, goalLabel, staffOneInterval), {
    'distinct loads': (g) => normalizeWeek(weekLoads().map((load) => intervalAt(load, g.aht)), g.patience, g.promise),
    [`AHTs spread over ${AHT_RANGE[domain].join('..')} s, shuffled`]: (g) =>
      normalizeWeek(spreadAhts(AHT_RANGE[domain]).map((aht) => intervalAt(MAX_LOAD, aht)), g.patience, g.promise),
  });
  return results;
}

function main(): void {
  console.log(`staffing and normalization maths at the bounds, node ${process.version}; budget ${BUDGET_MS} ms for a week of ${WEEK_INTERVALS} intervals\n`);
  const results = [...measure('REACHABLE'), ...measure('BARE_CORNER')];
  const file = writeResults('bounds.json', {
    benchmark: 'bounds',
    node: process.version,
    at: new Date().toISOString(),
    bounds: { offeredLoadErlangs: BOUNDS.offeredLoadErlangs, handlingSeconds, patienceSeconds, thresholdSeconds, agents: BOUNDS.agents, ahtAtMaxVolume: AHT_AT_MAX_VOLUME },
    budgetMsPerWeek: BUDGET_MS,
    results,
  });
  console.log(`\nresults: ${file}`);
}

main();
