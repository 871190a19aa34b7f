/**
 * What every queueing model takes (see shared/METRICS.md, "Queueing models"): the workload of
 * one interval and the checks of the numeric arguments, so that every model refuses the same
 * nonsense with the same message. Pure functions, no I/O.
 *
 * Conventions: offered load `a` is in Erlangs (arrival rate x mean handling time); time is in
 * seconds; probabilities are shares in 0..1.
 */

/**
 * Demand for one interval. The time scale (AHT) is always needed: service level and ASA are
 * durations, which the load in Erlangs alone cannot give.
 */
export type Workload =
  | { offeredLoadErlangs: number; ahtSeconds: number }
  | { callsPerInterval: number; ahtSeconds: number; intervalSeconds: number };

/** Offered load in Erlangs of `callsPerInterval` contacts of mean handling time `ahtSeconds`. */
export function offeredLoadErlangs(callsPerInterval: number, ahtSeconds: number, intervalSeconds: number): number {
  requireFinite('callsPerInterval', callsPerInterval, 0);
  requirePositive('ahtSeconds', ahtSeconds);
  requirePositive('intervalSeconds', intervalSeconds);
  return (callsPerInterval * ahtSeconds) / intervalSeconds;
}

/** The load and AHT of a workload stated either way, checked. */
export function resolveWorkload(workload: Workload): { offeredLoadErlangs: number; ahtSeconds: number } {
  if ('offeredLoadErlangs' in workload) {
    requireFinite('offeredLoadErlangs', workload.offeredLoadErlangs, 0);
    requirePositive('ahtSeconds', workload.ahtSeconds);
    return { offeredLoadErlangs: workload.offeredLoadErlangs, ahtSeconds: workload.ahtSeconds };
  }
  return {
    offeredLoadErlangs: offeredLoadErlangs(workload.callsPerInterval, workload.ahtSeconds, workload.intervalSeconds),
    ahtSeconds: workload.ahtSeconds,
  };
}

/** The range every staffing search looks in. */
export interface AgentRange {
  /** Never return fewer agents than this. Default 0. */
  minAgents?: number;
  /** Give up (return null) above this many agents. Default 2 * ceil(a) + 100. */
  maxAgents?: number;
}

/** The checked search range of a staffing search at an offered load of `a` Erlangs, defaults filled in. */
export function agentRange(options: AgentRange, a: number): Required<AgentRange> {
  const minAgents = options.minAgents ?? 0;
  requireCount('minAgents', minAgents);
  const maxAgents = options.maxAgents ?? 2 * Math.ceil(a) + 100;
  requireCount('maxAgents', maxAgents);
  return { minAgents, maxAgents };
}

export function requireFinite(name: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a finite number >= ${min}, got ${value}`);
  }
}

export function requirePositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

export function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be an integer >= 0, got ${value}`);
}

export function requireTarget(target: number): void {
  // A target of 1 is never met by a queue with random arrivals; refusing it avoids a search that only stops at maxAgents.
  if (typeof target !== 'number' || !(target >= 0 && target < 1)) {
    throw new RangeError(`targetServiceLevel must be in [0, 1), got ${target}`);
  }
}

export function requireOccupancy(value: number): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new RangeError(`maxOccupancy must be in (0, 1], got ${value}`);
  }
}
