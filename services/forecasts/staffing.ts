import type { TargetFacts, TargetVersionFacts } from '../clients/contracts';
import { Bound, BOUNDS } from '../metrics/bounds';
import { agentsForServiceLevel, erlangC } from '../metrics/erlang-c';
import { agentsForServiceLevelErlangA, erlangA } from '../metrics/erlang-a';

/**
 * Staffing of forecast intervals (ISO 18295-1 7.3): for each interval, the least agents that meet
 * the queue's SERVICE_LEVEL target in force at the interval's start, by Erlang C and, when the
 * forecast states a mean patience, by Erlang A; occupancy and ASA at that staffing; scheduled FTE
 * after the centre's shrinkage; and, with planned agents, the service level they are expected to
 * reach. Pure: no I/O. Results are cached by workload, since forecasts repeat the same volume and
 * AHT often (closed hours, flat profiles).
 */

export interface StaffingTarget {
  targetId: string;
  goal: number;
  thresholdSeconds: number;
  variant: string;
  /** Which Erlang A reading the variant corresponds to. */
  reading: 'OF_ALL' | 'OF_ANSWERED';
  /** True when the variant has no exact queueing counterpart (short abandons, abandons within T) and the canonical reading stands in. */
  approximate: boolean;
}

export interface ErlangCStaffing {
  agents: number;
  serviceLevel: number;
  occupancy: number;
  asaSeconds: number;
  probabilityOfWait: number;
}

export interface ErlangAStaffing {
  agents: number;
  serviceLevelOfAll: number;
  serviceLevelOfAnswered: number | null;
  probabilityOfAbandonment: number;
  occupancy: number | null;
  asaOfAnsweredSeconds: number | null;
}

export interface PlannedOutcome {
  agents: number;
  /** Under the target's reading: Erlang A when the forecast has a patience, else Erlang C (0 when the queue is unstable). */
  expectedServiceLevel: number;
  occupancy: number | null;
  asaSeconds: number | null;
  atRisk: boolean;
}

export interface IntervalStaffing {
  target: StaffingTarget;
  model: 'ERLANG_C' | 'ERLANG_A';
  /** The requirement: Erlang A agents when a patience is stated, else Erlang C agents. */
  requiredAgents: number;
  erlangC: ErlangCStaffing | null;
  erlangA: ErlangAStaffing | null;
  /** requiredAgents / (1 - shrinkage): paid agents to schedule so that requiredAgents are on the phones. */
  scheduledFte: number;
  /** requiredAgents × interval length, in hours. */
  requiredProductiveHours: number;
}

export interface StaffingInput {
  startEpoch: number;
  volume: number;
  ahtSeconds: number;
  plannedAgents: number | null;
}

export interface StaffingResult {
  workloadErlangs: number;
  staffing: IntervalStaffing | null;
  /** Why staffing is null. */
  note: string | null;
  planned: PlannedOutcome | null;
}

const EXACT_VARIANTS: Record<string, 'OF_ALL' | 'OF_ANSWERED'> = { CANONICAL: 'OF_ALL', OF_ANSWERED: 'OF_ANSWERED' };

function toStaffingTarget(targetId: string, v: TargetVersionFacts): StaffingTarget {
  const exact = EXACT_VARIANTS[v.variant];
  return {
    targetId,
    goal: v.goal,
    thresholdSeconds: v.thresholdSeconds ?? 0,
    variant: v.variant,
    reading: exact ?? 'OF_ALL',
    approximate: exact === undefined,
  };
}

/**
 * The SERVICE_LEVEL target that governs a queue at an instant: the queue's own target in force
 * then, else a contract-wide one (queueId null). Versions are half-open [effectiveFrom, effectiveTo).
 */
export function targetResolver(queueId: string, targets: TargetFacts[]): (epochSeconds: number) => StaffingTarget | null {
  const versions: Array<{ targetId: string; from: number; to: number; own: boolean; v: TargetVersionFacts }> = [];
  for (const t of targets) {
    for (const v of t.history) {
      if (v.metric !== 'SERVICE_LEVEL' || v.comparator !== 'AT_LEAST') continue;
      if (v.queueId !== null && v.queueId !== queueId) continue;
      versions.push({
        targetId: t.id,
        from: Date.parse(v.effectiveFrom) / 1000,
        to: v.effectiveTo ? Date.parse(v.effectiveTo) / 1000 : Number.POSITIVE_INFINITY,
        own: v.queueId === queueId,
        v,
      });
    }
  }
  // The queue's own targets first; among several, the highest goal (the binding one).
  versions.sort((a, b) => Number(b.own) - Number(a.own) || b.v.goal - a.v.goal);
  const cache = new Map<string, StaffingTarget>();
  return (at) => {
    const hit = versions.find((x) => x.from <= at && at < x.to);
    if (!hit) return null;
    const key = `${hit.targetId}|${hit.from}`;
    let target = cache.get(key);
    if (!target) {
      target = toStaffingTarget(hit.targetId, hit.v);
      cache.set(key, target);
    }
    return target;
  };
}

export interface StaffingOptions {
  granularitySeconds: number;
  shrinkage: number | null;
  patienceSeconds: number | null;
  targetAt: (epochSeconds: number) => StaffingTarget | null;
  /** Shared by several calls (one request's versions and queues); a fresh one per call by default. */
  cache?: StaffingCache;
}

interface Requirement {
  staffing: IntervalStaffing | null;
  note: string | null;
}

/** Staffing already computed, by workload, target and forecast parameters. */
export interface StaffingCache {
  required: Map<string, Requirement>;
  planned: Map<string, PlannedOutcome>;
}

export function newStaffingCache(): StaffingCache {
  return { required: new Map(), planned: new Map() };
}

/**
 * A Float output never carries Infinity (GraphQL refuses to serialize it): a figure computed from
 * a row stored before the bounds, past the largest double, reads as the largest double.
 */
export const finiteOrLargest = (value: number) => (Number.isFinite(value) ? value : Number.MAX_VALUE);

const within = (value: number | null, b: Bound) => value === null || (Number.isFinite(value) && value >= b.min && value <= b.max);

/**
 * Why the models are not run on an interval, or null. Publication refuses values beyond the
 * bounds, so this only meets rows stored before the bounds existed: it keeps a read of them (and
 * every other request of the process) from running Erlang work that grows with the value.
 */
function beyondBounds(interval: StaffingInput, a: number, patience: number | null, target: StaffingTarget): string | null {
  if (!within(interval.volume, BOUNDS.forecastVolume) || !within(interval.ahtSeconds, BOUNDS.handlingSeconds) || !within(patience, BOUNDS.patienceSeconds)) {
    return `volume, AHT or patience beyond their bounds (${BOUNDS.forecastVolume.max} contacts, ${BOUNDS.handlingSeconds.max} s, ${BOUNDS.patienceSeconds.max} s); staffing is not computed`;
  }
  if (!within(a, BOUNDS.offeredLoadErlangs)) {
    return `the offered load of ${a} Erlangs lies beyond ${BOUNDS.offeredLoadErlangs.max} Erlangs; staffing is not computed`;
  }
  if (!(target.goal >= 0 && target.goal < 1)) return `no staffing meets a goal of ${target.goal} with random arrivals (a goal must be below 1)`;
  if (!within(target.thresholdSeconds, { ...BOUNDS.thresholdSeconds, min: 0 })) {
    return `the target's threshold of ${target.thresholdSeconds} s lies beyond ${BOUNDS.thresholdSeconds.max} s; staffing is not computed`;
  }
  return null;
}

/** Staffing of every interval; the work per distinct (workload, target) is done once. */
export function staffIntervals(intervals: StaffingInput[], options: StaffingOptions): StaffingResult[] {
  const { granularitySeconds: L, patienceSeconds } = options;
  const shrinkage = options.shrinkage ?? 0;
  const { required, planned: plannedCache } = options.cache ?? newStaffingCache();
  return intervals.map((interval) => {
    const a = finiteOrLargest((interval.volume * interval.ahtSeconds) / L);
    const target = options.targetAt(interval.startEpoch);
    if (!target) {
      return { workloadErlangs: a, staffing: null, note: 'no SERVICE_LEVEL target is in force for this queue at this interval', planned: null };
    }
    const beyond = beyondBounds(interval, a, patienceSeconds, target);
    if (beyond) return { workloadErlangs: a, staffing: null, note: beyond, planned: null };
    const key = `${L}|${shrinkage}|${patienceSeconds}|${interval.volume}|${interval.ahtSeconds}|${target.targetId}|${target.goal}|${target.thresholdSeconds}|${target.reading}`;
    let entry = required.get(key);
    if (!entry) {
      entry = requirement(a, interval.ahtSeconds, L, shrinkage, patienceSeconds, target);
      required.set(key, entry);
    }
    let planned: PlannedOutcome | null = null;
    if (interval.plannedAgents !== null && within(interval.plannedAgents, BOUNDS.agents)) {
      const pkey = `${key}|${interval.plannedAgents}`;
      planned = plannedCache.get(pkey) ?? plannedOutcome(a, interval.ahtSeconds, interval.plannedAgents, patienceSeconds, target);
      plannedCache.set(pkey, planned);
    }
    return { workloadErlangs: a, staffing: entry.staffing, note: entry.note, planned };
  });
}

function requirement(
  a: number,
  aht: number,
  L: number,
  shrinkage: number,
  patience: number | null,
  target: StaffingTarget,
): Requirement {
  const hours = (agents: number) => (agents * L) / 3600;
  const fte = (agents: number) => agents / (1 - shrinkage);
  if (a === 0) {
    // No contacts expected: nobody needs to be on the queue.
    const zeroC: ErlangCStaffing = { agents: 0, serviceLevel: 1, occupancy: 0, asaSeconds: 0, probabilityOfWait: 0 };
    const zeroA: ErlangAStaffing | null = patience
      ? { agents: 0, serviceLevelOfAll: 1, serviceLevelOfAnswered: 1, probabilityOfAbandonment: 0, occupancy: 0, asaOfAnsweredSeconds: 0 }
      : null;
    return {
      staffing: { target, model: patience ? 'ERLANG_A' : 'ERLANG_C', requiredAgents: 0, erlangC: zeroC, erlangA: zeroA, scheduledFte: 0, requiredProductiveHours: 0 },
      note: null,
    };
  }
  const c = agentsForServiceLevel({ offeredLoadErlangs: a, ahtSeconds: aht }, target.goal, target.thresholdSeconds, { minAgents: 1 });
  const erlangCFigures: ErlangCStaffing | null = c
    ? { agents: c.agents, serviceLevel: c.serviceLevel, occupancy: c.occupancy, asaSeconds: c.asaSeconds, probabilityOfWait: c.probabilityOfWait }
    : null;
  let erlangAFigures: ErlangAStaffing | null = null;
  if (patience) {
    const r = leastAgentsErlangA(a, aht, patience, target);
    if (r) {
      erlangAFigures = {
        agents: r.agents,
        serviceLevelOfAll: r.serviceLevelOfAll,
        serviceLevelOfAnswered: r.serviceLevelOfAnswered,
        probabilityOfAbandonment: r.probabilityOfAbandonment,
        occupancy: r.occupancy,
        asaOfAnsweredSeconds: r.asaOfAnsweredSeconds,
      };
    }
  }
  const model = patience ? 'ERLANG_A' : 'ERLANG_C';
  const agents = patience ? erlangAFigures?.agents : erlangCFigures?.agents;
  if (agents === undefined) {
    return { staffing: null, note: `no staffing up to ${searchLimit(a)} agents reaches the goal of ${target.goal}` };
  }
  return {
    staffing: { target, model, requiredAgents: agents, erlangC: erlangCFigures, erlangA: erlangAFigures, scheduledFte: fte(agents), requiredProductiveHours: hours(agents) },
    note: null,
  };
}

/**
 * The least agents (at least 1) meeting the target under Erlang A, with the figures there: the
 * answer of agentsForServiceLevelErlangA, found by bisection over its search range instead of its
 * walk from n = a. Every figure is monotone in n (the premise of that walk too), so both find the
 * same n; the walk takes up to ~a steps when long patience makes the answer far below the load
 * (about 1,300 steps, 50 ms, at 2,000 Erlangs), bisection ~12 (under 1 ms).
 */
function leastAgentsErlangA(a: number, aht: number, patience: number, target: StaffingTarget) {
  const at = (n: number) =>
    agentsForServiceLevelErlangA({ offeredLoadErlangs: a, ahtSeconds: aht }, patience, target.goal, target.thresholdSeconds, {
      reading: target.reading,
      minAgents: n,
      maxAgents: n,
    });
  let high = searchLimit(a);
  let best = at(high);
  if (!best) return null;
  let low = 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const found = at(middle);
    if (found) {
      best = found;
      high = middle;
    } else low = middle + 1;
  }
  return best;
}

/** Where the staffing searches of metrics/queueing.ts give up by default. */
function searchLimit(a: number): number {
  return 2 * Math.ceil(a) + 100;
}

function plannedOutcome(a: number, aht: number, agents: number, patience: number | null, target: StaffingTarget): PlannedOutcome {
  if (a === 0) return { agents, expectedServiceLevel: 1, occupancy: agents > 0 ? 0 : null, asaSeconds: 0, atRisk: false };
  let sl: number;
  let occupancy: number | null;
  let asa: number | null;
  if (patience) {
    const r = erlangA({ offeredLoadErlangs: a, agents, ahtSeconds: aht, patienceSeconds: patience, thresholdSeconds: target.thresholdSeconds });
    sl = (target.reading === 'OF_ALL' ? r.serviceLevelOfAll : r.serviceLevelOfAnswered) ?? 0;
    occupancy = r.occupancy;
    asa = r.asaOfAnsweredSeconds;
  } else {
    const r = erlangC({ offeredLoadErlangs: a, agents, ahtSeconds: aht, thresholdSeconds: target.thresholdSeconds });
    // Without abandonment an overloaded queue grows without bound: nobody is answered in time in the long run.
    sl = r.stable ? r.serviceLevel : 0;
    occupancy = r.stable ? r.occupancy : 1;
    asa = r.stable ? r.asaSeconds : null;
  }
  return { agents, expectedServiceLevel: sl, occupancy, asaSeconds: asa, atRisk: sl < target.goal };
}
