/**
 * Erlang B and Erlang C (see shared/METRICS.md, "Queueing models"). Pure functions, no I/O.
 *
 * - Erlang B (M/M/n/n): blocking probability of a system without a queue. Its recurrence is also
 *   how Erlang C is computed, so the two live together.
 * - Erlang C (M/M/n, nobody abandons): probability of wait, service level, ASA, occupancy, and the
 *   least agents for a target.
 *
 * Nothing here multiplies factorials or powers directly: the Erlang B recurrence keeps every
 * figure finite and accurate far beyond 1,000 agents.
 */
import { AgentRange, agentRange, requireCount, requireFinite, requireOccupancy, requirePositive, requireTarget, resolveWorkload, Workload } from './queueing-inputs';

// ---------------------------------------------------------------------------------------------
// Erlang B
// ---------------------------------------------------------------------------------------------

/**
 * Erlang B blocking probability for `offeredLoadErlangs` offered to `servers` servers without a
 * queue. The recurrence B(k) = a B(k-1) / (k + a B(k-1)) only ever divides numbers of the same
 * magnitude, so it is stable for any n; a result below ~1e-308 underflows to 0, which is the
 * correctly rounded value.
 */
export function erlangB(offeredLoadErlangs: number, servers: number): number {
  requireFinite('offeredLoadErlangs', offeredLoadErlangs, 0);
  requireCount('servers', servers);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoadErlangs * b) / (k + offeredLoadErlangs * b);
  return b;
}

function nextErlangB(offeredLoadErlangs: number, previousB: number, k: number): number {
  return (offeredLoadErlangs * previousB) / (k + offeredLoadErlangs * previousB);
}

// ---------------------------------------------------------------------------------------------
// Erlang C
// ---------------------------------------------------------------------------------------------

export interface ErlangCInput {
  offeredLoadErlangs: number;
  agents: number;
  ahtSeconds: number;
  /** T of "answered within T seconds". */
  thresholdSeconds: number;
}

interface ErlangCEcho {
  offeredLoadErlangs: number;
  agents: number;
  ahtSeconds: number;
  thresholdSeconds: number;
}

export interface ErlangCStable extends ErlangCEcho {
  stable: true;
  /** Share of arrivals that find every agent busy (Erlang C formula). */
  probabilityOfWait: number;
  /** P(wait <= thresholdSeconds) over all arrivals; nobody abandons in this model. */
  serviceLevel: number;
  /** Mean wait of all arrivals, the undelayed counted with 0 (the usual "ASA" of Erlang C). */
  asaSeconds: number;
  /** Mean wait of the arrivals that had to wait: AHT / (n - a). */
  meanWaitOfDelayedSeconds: number;
  /** a / n: share of agent time spent handling. */
  occupancy: number;
}

/** n <= a: the queue grows without bound, so no steady-state figure exists. */
export interface ErlangCUnstable extends ErlangCEcho {
  stable: false;
  probabilityOfWait: null;
  serviceLevel: null;
  asaSeconds: null;
  meanWaitOfDelayedSeconds: null;
  occupancy: null;
}

export type ErlangCResult = ErlangCStable | ErlangCUnstable;

/** Erlang C probability of wait, or null when `agents <= offeredLoadErlangs` (unstable queue). */
export function erlangCProbabilityOfWait(offeredLoadErlangs: number, agents: number): number | null {
  requireFinite('offeredLoadErlangs', offeredLoadErlangs, 0);
  requireCount('agents', agents);
  if (agents <= offeredLoadErlangs) return null;
  return erlangCFromB(offeredLoadErlangs, agents, erlangB(offeredLoadErlangs, agents));
}

function erlangCFromB(a: number, n: number, b: number): number {
  // Written so that the denominator n - a + aB stays a sum of positives when n > a.
  return (n * b) / (n - a + a * b);
}

function erlangCServiceLevel(probabilityOfWait: number, thresholdSeconds: number, meanWaitOfDelayedSeconds: number): number {
  // The wait of a delayed contact is exponential with rate (n - a) / AHT.
  return 1 - probabilityOfWait * Math.exp(-thresholdSeconds / meanWaitOfDelayedSeconds);
}

/** Erlang C (M/M/n, no abandonment) figures for one interval. */
export function erlangC(input: ErlangCInput): ErlangCResult {
  const { offeredLoadErlangs: a, agents: n, ahtSeconds, thresholdSeconds } = input;
  requireFinite('offeredLoadErlangs', a, 0);
  requireCount('agents', n);
  requirePositive('ahtSeconds', ahtSeconds);
  requireFinite('thresholdSeconds', thresholdSeconds, 0);
  if (!(n > a)) {
    return {
      offeredLoadErlangs: a,
      agents: n,
      ahtSeconds,
      thresholdSeconds,
      stable: false,
      probabilityOfWait: null,
      serviceLevel: null,
      asaSeconds: null,
      meanWaitOfDelayedSeconds: null,
      occupancy: null,
    };
  }
  return stableErlangC(a, n, ahtSeconds, thresholdSeconds, erlangB(a, n));
}

/** Figures for n > a given B(n, a). */
function stableErlangC(a: number, n: number, ahtSeconds: number, thresholdSeconds: number, b: number): ErlangCStable {
  const probabilityOfWait = erlangCFromB(a, n, b);
  const meanWaitOfDelayedSeconds = ahtSeconds / (n - a);
  return {
    offeredLoadErlangs: a,
    agents: n,
    ahtSeconds,
    thresholdSeconds,
    stable: true,
    probabilityOfWait,
    serviceLevel: erlangCServiceLevel(probabilityOfWait, thresholdSeconds, meanWaitOfDelayedSeconds),
    asaSeconds: probabilityOfWait * meanWaitOfDelayedSeconds,
    meanWaitOfDelayedSeconds,
    occupancy: a / n,
  };
}

export interface ErlangCStaffingOptions extends AgentRange {
  /** Also require ASA (mean wait of all arrivals) <= this. */
  maxAsaSeconds?: number;
  /** Also require occupancy a / n <= this (e.g. 0.85 to protect agents from burn-out). */
  maxOccupancy?: number;
}

/**
 * Least number of agents whose Erlang C service level P(wait <= thresholdSeconds) is at least
 * `targetServiceLevel` (and that meets the optional ASA and occupancy limits), with the figures at
 * that staffing; null when no staffing up to `maxAgents` meets every target.
 *
 * Every target is monotone in n, so the search walks up from the first stable staffing,
 * floor(a) + 1, carrying Erlang B along the recurrence: one O(a) start plus O(sqrt(a)) steps.
 */
export function agentsForServiceLevel(
  workload: Workload,
  targetServiceLevel: number,
  thresholdSeconds: number,
  options: ErlangCStaffingOptions = {},
): ErlangCStable | null {
  const { offeredLoadErlangs: a, ahtSeconds } = resolveWorkload(workload);
  requireTarget(targetServiceLevel);
  requireFinite('thresholdSeconds', thresholdSeconds, 0);
  const { maxAsaSeconds, maxOccupancy } = options;
  if (maxAsaSeconds !== undefined) requireFinite('maxAsaSeconds', maxAsaSeconds, 0);
  if (maxOccupancy !== undefined) requireOccupancy(maxOccupancy);
  const { minAgents, maxAgents } = agentRange(options, a);

  // floor(a) + 1 is the least stable staffing; every candidate from there on has n > a.
  let n = Math.max(minAgents, Math.floor(a) + 1);
  // a / n <= maxOccupancy needs n >= a / maxOccupancy; starting one below absorbs rounding.
  if (maxOccupancy !== undefined) n = Math.max(n, Math.floor(a / maxOccupancy) - 1);
  if (n > maxAgents) return null;
  let b = erlangB(a, n);
  // Plain numbers in the loop: building a result object per candidate would dominate the cost.
  for (;;) {
    const probabilityOfWait = erlangCFromB(a, n, b);
    const meanWaitOfDelayedSeconds = ahtSeconds / (n - a);
    if (
      erlangCServiceLevel(probabilityOfWait, thresholdSeconds, meanWaitOfDelayedSeconds) >= targetServiceLevel &&
      (maxAsaSeconds === undefined || probabilityOfWait * meanWaitOfDelayedSeconds <= maxAsaSeconds) &&
      (maxOccupancy === undefined || a / n <= maxOccupancy)
    ) {
      return stableErlangC(a, n, ahtSeconds, thresholdSeconds, b);
    }
    if (n >= maxAgents) return null;
    n += 1;
    b = nextErlangB(a, b, n);
  }
}
