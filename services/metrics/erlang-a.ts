/**
 * Erlang A (M/M/n+M: Poisson arrivals, exponential handling and exponential patience) for
 * staffing and for normalizing stated figures (see shared/METRICS.md, "Queueing models"). Pure
 * functions, no I/O.
 *
 * With abandonment, "service level" and "mean wait" each have two readings that the hub must
 * always keep apart; every figure here is returned under its own name. The queue states are
 * summed in log space around their largest term, so every figure stays finite and accurate far
 * beyond 1,000 agents.
 */
import { AgentRange, agentRange, requireCount, requireFinite, requireOccupancy, requirePositive, requireTarget, resolveWorkload, Workload } from './queueing-inputs';
import { harmonicShifted, logTermRange } from './special-functions';
import { leastMeeting } from './staffing-search';

export interface ErlangAInput {
  offeredLoadErlangs: number;
  agents: number;
  ahtSeconds: number;
  /** Mean of the exponential patience of a waiting contact. */
  patienceSeconds: number;
  /** T of "answered within T seconds". */
  thresholdSeconds: number;
}

/**
 * Erlang A figures. With abandonment, "service level" and "mean wait" each have two readings;
 * both are returned under their own names so that no figure is ever an unlabelled number.
 */
export interface ErlangAResult extends ErlangAInput {
  /** Share of arrivals that find every agent busy. */
  probabilityOfWait: number;
  /** Share of arrivals that abandon (the canonical ABANDONMENT_RATE X / O). */
  probabilityOfAbandonment: number;
  /** Share of arrivals that are answered, 1 - probabilityOfAbandonment. */
  probabilityAnswered: number;
  /** P(answered within T) over all arrivals: canonical SERVICE_LEVEL(T) = A(T) / O. */
  serviceLevelOfAll: number;
  /** P(answered within T | answered): SERVICE_LEVEL(T) variant OF_ANSWERED = A(T) / N. Null if none is answered (n = 0). */
  serviceLevelOfAnswered: number | null;
  /** P(abandoned after a wait of at most T) over all arrivals: B(T) / O, for the other SL variants. */
  abandonedWithinThreshold: number;
  /** Mean wait of answered contacts: canonical ASA. Null if none is answered (n = 0). */
  asaOfAnsweredSeconds: number | null;
  /** Mean wait of all arrivals, abandoned ones with their time to abandon: ASA variant AVERAGE_WAIT_ALL. */
  averageWaitAllSeconds: number;
  /** Share of agent time spent handling: a * probabilityAnswered / n. Null when n = 0. */
  occupancy: number | null;
}

/**
 * Erlang A (Palm; Garnett, Mandelbaum & Reiman 2002, "Designing a call center with impatient
 * customers") for one interval. Stable for any n >= 0, including n <= a, since impatient
 * contacts bound the queue.
 *
 * Model: Poisson arrivals at rate lambda = a / AHT, exponential handling with rate mu = 1 / AHT,
 * exponential patience with rate gamma = 1 / patienceSeconds, FCFS. With x = lambda / gamma and
 * y = n mu / gamma the queue states n + j have weights (relative to state n)
 *   T_j = x^j / ((y + 1)(y + 2)...(y + j)),   S = sum_j T_j = y e^x x^-y gamma_lower(y, x),
 * which is GMR's A(n mu / gamma, lambda / gamma); the states below n weigh E = 1 / B(n, a) - 1.
 * All figures follow exactly from sums over T_j:
 *   P(wait) = pi_n S,  P(abandon) = pi_n sum_j j T_j / x,  pi_n = 1 / (E + S),
 * the second being GMR's P(Ab | W) = 1 / (rho A) + 1 - 1 / rho, rho = a / n.
 * Service level: a contact arriving to j waiting ahead reaches an agent after
 * V_j = Exp(n mu) + Exp(n mu + gamma) + ... + Exp(n mu + j gamma) unless it abandons first.
 * The probabilities of "still waiting at time s with i ahead" solve forward equations whose
 * solution keeps the stationary product form with x replaced by x e^{-gamma s}, which gives
 *   P(answered after waiting more than t) = pi_n D(t) (y / x) (S(x e^{-gamma t}) - 1),
 *   P(abandoned within t)                 = pi_n (M(x) - D(t) M(x e^{-gamma t})) / x,
 *   D(t) = exp(-n mu t + x (1 - e^{-gamma t})),  M(z) = sum_j j T_j(z),
 * the exponential-patience case of Mandelbaum & Zeltyn (2004, "The M/M/n+G queue: summary of
 * performance measures") written as series; as gamma -> 0, D(t) -> e^{-(n mu - lambda) t} and it
 * becomes Erlang C. Mean wait of answered contacts: E[V_j e^{-gamma V_j}] telescopes to
 * (y / (y + j + 1)) sum_{i<=j+1} 1 / (gamma (y + i)), so
 *   E[wait; answered] = pi_n (y / x) (1 / gamma) sum_{j>=1} T_j H_j,  H_j = sum_{i<=j} 1 / (y + i).
 * These are exact (no simulation, quadrature or truncation beyond double precision); the tests
 * check them against 80-digit per-state references, a uniformized Markov chain and a simulation.
 *
 * Accuracy: ~1e-14 relative in usual cases; shares that are almost 0 (service level of a heavily
 * overloaded queue) carry absolute errors up to ~1e-12 from differences of nearly equal sums.
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  return erlangAModel(input.offeredLoadErlangs, input.ahtSeconds, input.patienceSeconds).at(input.agents)(input.thresholdSeconds);
}

/** Erlang A figures of one staffing for any threshold T (seconds). */
export type FiguresAtThreshold = (thresholdSeconds: number) => ErlangAResult;

export interface ErlangAModel {
  /** The figures at `agents` agents; the work that depends on the staffing alone is done once, here. */
  at(agents: number): FiguresAtThreshold;
}

/**
 * Erlang A at one load, AHT and patience, for any staffing and threshold: what a staffing search
 * and the expected counts of an interval evaluate again and again. The weights of the states
 * below n are shared across staffings, and the queue-state sums at arrival across thresholds, so
 * each further threshold costs one sum instead of a whole erlangA call. The figures are exactly
 * erlangA's.
 */
export function erlangAModel(offeredLoadErlangs: number, ahtSeconds: number, patienceSeconds: number): ErlangAModel {
  checkModel(offeredLoadErlangs, ahtSeconds, patienceSeconds);
  const a = offeredLoadErlangs;
  const logEAt = a > 0 ? lowerStateWeights(a) : null;
  return {
    at(agents) {
      requireCount('agents', agents);
      const state = logEAt === null ? null : staffedState(a, agents, ahtSeconds, patienceSeconds, logEAt(agents));
      return (thresholdSeconds) => {
        requireFinite('thresholdSeconds', thresholdSeconds, 0);
        return state === null ? idleFigures(agents, ahtSeconds, patienceSeconds, thresholdSeconds) : figuresAt(state, thresholdSeconds);
      };
    },
  };
}

function checkModel(offeredLoadErlangs: number, ahtSeconds: number, patienceSeconds: number): void {
  requireFinite('offeredLoadErlangs', offeredLoadErlangs, 0);
  requirePositive('ahtSeconds', ahtSeconds);
  requirePositive('patienceSeconds', patienceSeconds);
}

/**
 * ln E(k), k = 0, 1, ..., with E(k) = sum_{i<k} pi_i / pi_k = 1 / B(k, a) - 1, memoized so that a
 * staffing search can step up and down cheaply. E(k) = (k / a)(1 + E(k - 1)) overflows for k >> a
 * (B underflows), so E is carried as e * exp(offset), rescaled when e grows large: no logarithm
 * per step, and no cancellation since every operation adds or multiplies positives.
 */
function lowerStateWeights(a: number): (k: number) => number {
  const scaled: number[] = [0];
  const offsets: number[] = [0];
  let unit = 1; // exp(-offset)
  return (k: number): number => {
    while (scaled.length <= k) {
      const i = scaled.length;
      let offset = offsets[i - 1];
      const factor = i / a;
      let e = scaled[i - 1] + unit;
      if (factor > 1e100) {
        // Only for loads below ~1e-100 Erlangs; keeps the product from overflowing.
        offset += Math.log(factor) + Math.log(e);
        e = 1;
        unit = Math.exp(-offset);
      } else {
        e *= factor;
        if (e > 1e200) {
          offset += Math.log(e);
          e = 1;
          unit = Math.exp(-offset);
        }
      }
      scaled.push(e);
      offsets.push(offset);
    }
    return scaled[k] > 0 ? offsets[k] + Math.log(scaled[k]) : Number.NEGATIVE_INFINITY;
  };
}

/** Without load nobody waits, whatever the staffing. */
function idleFigures(n: number, ahtSeconds: number, patienceSeconds: number, thresholdSeconds: number): ErlangAResult {
  // Properties are listed, not spread: object spread made result construction the dominant cost.
  return {
    offeredLoadErlangs: 0,
    agents: n,
    ahtSeconds,
    patienceSeconds,
    thresholdSeconds,
    probabilityOfWait: 0,
    probabilityOfAbandonment: 0,
    probabilityAnswered: 1,
    serviceLevelOfAll: 1,
    serviceLevelOfAnswered: 1,
    abandonedWithinThreshold: 0,
    asaOfAnsweredSeconds: 0,
    averageWaitAllSeconds: 0,
    occupancy: n > 0 ? 0 : null,
  };
}

/** What Erlang A knows at a load a > 0 and n agents before a threshold is chosen. */
interface StaffedState {
  a: number;
  n: number;
  ahtSeconds: number;
  patienceSeconds: number;
  x: number;
  y: number;
  answeredRatio: number;
  atArrival: QueueStateSums;
  probabilityOfWait: number;
  probabilityNoWait: number;
  piScaled: number;
  probabilityOfAbandonment: number;
  probabilityAnswered: number;
  answeredWaitSeconds: number;
}

function staffedState(a: number, n: number, ahtSeconds: number, patienceSeconds: number, logE: number): StaffedState {
  const x = (a * patienceSeconds) / ahtSeconds;
  const y = (n * patienceSeconds) / ahtSeconds;
  const answeredRatio = n / a; // y / x
  const atArrival = queueStateSums(x, y, true);
  // ln(E / S): weight of the states below n against the queue states.
  const logBelowOverQueue = logE - atArrival.logScale - Math.log(atArrival.s0);
  // Written as 1 / (1 + ratio) so that the limits n = 0 and n >> a come out exactly 1 and 0.
  const probabilityOfWait = 1 / (1 + Math.exp(logBelowOverQueue));
  const probabilityNoWait = 1 / (1 + Math.exp(-logBelowOverQueue));
  // pi_n times the scale of the queue sums; every figure below is a product of this and a scaled sum.
  const piScaled = probabilityOfWait / atArrival.s0;
  return {
    a,
    n,
    ahtSeconds,
    patienceSeconds,
    x,
    y,
    answeredRatio,
    atArrival,
    probabilityOfWait,
    probabilityNoWait,
    piScaled,
    probabilityOfAbandonment: Math.min(1, (piScaled * atArrival.m) / x),
    // Summed from its two positive parts rather than 1 - P(abandon): keeps relative accuracy when almost all abandon.
    probabilityAnswered: Math.min(1, probabilityNoWait + piScaled * answeredRatio * atArrival.s1),
    answeredWaitSeconds: piScaled * answeredRatio * patienceSeconds * atArrival.h,
  };
}

function figuresAt(state: StaffedState, thresholdSeconds: number): ErlangAResult {
  const { a, n, ahtSeconds, patienceSeconds, x, y, answeredRatio, atArrival, piScaled, probabilityAnswered, probabilityOfAbandonment } = state;
  const gammaT = thresholdSeconds / patienceSeconds;
  const atThreshold = queueStateSums(x * Math.exp(-gammaT), y, false);
  const logD = (-n * thresholdSeconds) / ahtSeconds - x * Math.expm1(-gammaT);
  // k = D(t) T_mode(z) / T_mode(x). Both scales can be ~1e7 in log while k is modest; with
  // T_i(z) = e^{-i gamma t} T_i(x) only the terms between the two modes remain, so nothing large cancels.
  // D(t) S(z) <= S(x) mathematically, so k cannot overflow.
  const k = Math.exp(
    logD - atThreshold.mode * gammaT - logTermRange(x, y, atThreshold.mode + 1, atArrival.mode),
  );
  const serviceLevelOfAll = clamp01(state.probabilityNoWait + piScaled * answeredRatio * (atArrival.s1 - k * atThreshold.s1));
  const abandonedWithinThreshold = clamp01((piScaled * (atArrival.m - k * atThreshold.m)) / x);

  return {
    offeredLoadErlangs: a,
    agents: n,
    ahtSeconds,
    patienceSeconds,
    thresholdSeconds,
    probabilityOfWait: state.probabilityOfWait,
    probabilityOfAbandonment,
    probabilityAnswered,
    serviceLevelOfAll,
    serviceLevelOfAnswered: probabilityAnswered > 0 ? Math.min(1, serviceLevelOfAll / probabilityAnswered) : null,
    abandonedWithinThreshold,
    asaOfAnsweredSeconds: probabilityAnswered > 0 ? state.answeredWaitSeconds / probabilityAnswered : null,
    // Little's law on the queue: abandonment rate gamma E[Q] = lambda P(abandon), E[Q] = lambda E[wait].
    averageWaitAllSeconds: probabilityOfAbandonment * patienceSeconds,
    occupancy: n > 0 ? Math.min(1, (a * probabilityAnswered) / n) : null,
  };
}

/** Sums over the queue states, all divided by exp(logScale) = T_mode, the largest T_j. */
interface QueueStateSums {
  mode: number;
  logScale: number;
  /** sum_{j>=0} T_j (= S) */
  s0: number;
  /** sum_{j>=1} T_j (= S - 1, summed without the cancellation) */
  s1: number;
  /** sum_{j>=1} j T_j */
  m: number;
  /** sum_{j>=1} H_j T_j, H_j = sum_{i=1..j} 1 / (y + i); only when asked for */
  h: number;
}

/** Relative size below which a term no longer changes a double sum. */
const SUM_EPSILON = 1e-17;
const MAX_SUM_TERMS = 50_000_000;

/**
 * Sums T_j(w) = w^j / ((y+1)...(y+j)) outward from the largest term. Starting at the mode keeps
 * every partial sum in range however large w and y are (x = lambda / gamma reaches 1e7 for long
 * patience), and visits only the O(sqrt(w) + 1 / (1 - w / y)) terms that matter instead of all
 * terms from j = 0. This is the series of the regularized incomplete gamma function, evaluated
 * around its peak.
 */
function queueStateSums(w: number, y: number, withH: boolean): QueueStateSums {
  // T_j / T_{j-1} = w / (y + j) >= 1 exactly while j <= w - y.
  const mode = w > y ? Math.floor(w - y) : 0;
  const logScale = logTermRange(w, y, 1, mode);
  const hAtMode = withH ? harmonicShifted(y, mode) : 0;
  // The mode's own term, T_mode / T_mode = 1; j = 0 belongs to s0 only.
  let s0 = 1;
  let s1 = mode >= 1 ? 1 : 0;
  let m = mode >= 1 ? mode : 0;
  let h = mode >= 1 ? hAtMode : 0;
  let terms = 1;
  // Upwards from the mode: every j >= 1. A term stops the sum once it no longer changes any of them.
  let t = 1;
  let hj = hAtMode;
  for (let j = mode + 1; ; j++) {
    const next = (t * w) / (y + j);
    const hNext = withH ? hj + 1 / (y + j) : 0;
    if (next <= SUM_EPSILON * s0 && j * next <= SUM_EPSILON * m && (!withH || hNext * next <= SUM_EPSILON * h)) break;
    t = next;
    hj = hNext;
    s0 += t;
    s1 += t;
    m += j * t;
    h += hj * t;
    if (++terms > MAX_SUM_TERMS) throw new RangeError('Erlang A: queue too long to sum (patience or load out of range)');
  }
  // Downwards from the mode, j = mode - 1 .. 0.
  t = 1;
  hj = hAtMode;
  for (let j = mode; j > 0; j--) {
    const previous = (t * (y + j)) / w;
    const hPrevious = withH ? hj - 1 / (y + j) : 0;
    if (previous <= SUM_EPSILON * s0 && (j - 1) * previous <= SUM_EPSILON * m && (!withH || hPrevious * previous <= SUM_EPSILON * h)) break;
    t = previous;
    hj = hPrevious;
    s0 += t;
    if (j - 1 >= 1) {
      s1 += t;
      m += (j - 1) * t;
      h += hj * t;
    }
    if (++terms > MAX_SUM_TERMS) throw new RangeError('Erlang A: queue too long to sum (patience or load out of range)');
  }
  return { mode, logScale, s0, s1, m, h };
}

export interface ErlangAStaffingOptions extends AgentRange {
  /**
   * Which service level the target is stated in: OF_ALL = answered within T / all arrivals
   * (canonical), OF_ANSWERED = answered within T / answered.
   */
  reading: 'OF_ALL' | 'OF_ANSWERED';
  /** Also require P(abandon) <= this. */
  maxAbandonment?: number;
  /** Also require the mean wait of answered contacts <= this. */
  maxAsaOfAnsweredSeconds?: number;
  /** Also require occupancy <= this. */
  maxOccupancy?: number;
}

/**
 * Least number of agents meeting `targetServiceLevel` under the chosen reading of Erlang A service
 * level (and the optional limits), with the figures at that staffing; null if none up to maxAgents.
 *
 * The search (staffing-search.ts) starts at n = a and finds the least n because every figure is
 * monotone in n: SL of all and of answered rise, abandonment, ASA
 * of answered and occupancy fall. That is evident for Erlang C but not proven here for the
 * answered readings of Erlang A; it held in a numerical scan of 3,000 random cases (a 0.05 to
 * 2,000 Erlangs, AHT 5 to 2,000 s, patience 0.1 s to 1e5 s, T 0 to 3,000 s, every n up to 1.5a + 20)
 * and the unit tests recheck a grid. The search never goes below a proven bound: answered <= n / a
 * of arrivals (agents cannot handle more), so OF_ALL >= target needs n >= target * a and
 * P(abandon) <= p needs n >= (1 - p) a.
 */
export function agentsForServiceLevelErlangA(
  workload: Workload,
  patienceSeconds: number,
  targetServiceLevel: number,
  thresholdSeconds: number,
  options: ErlangAStaffingOptions,
): ErlangAResult | null {
  const { offeredLoadErlangs: a, ahtSeconds } = resolveWorkload(workload);
  requirePositive('patienceSeconds', patienceSeconds);
  requireTarget(targetServiceLevel);
  requireFinite('thresholdSeconds', thresholdSeconds, 0);
  const { reading, maxAbandonment, maxAsaOfAnsweredSeconds, maxOccupancy } = options;
  if (reading !== 'OF_ALL' && reading !== 'OF_ANSWERED') {
    throw new RangeError(`unknown service-level reading ${String(reading)}`);
  }
  if (maxAbandonment !== undefined) requireFinite('maxAbandonment', maxAbandonment, 0);
  if (maxAsaOfAnsweredSeconds !== undefined) requireFinite('maxAsaOfAnsweredSeconds', maxAsaOfAnsweredSeconds, 0);
  if (maxOccupancy !== undefined) requireOccupancy(maxOccupancy);
  const { minAgents, maxAgents } = agentRange(options, a);

  // Valid lower bounds (one below each absorbs rounding in the products).
  let lowest = minAgents;
  if (reading === 'OF_ALL') lowest = Math.max(lowest, Math.floor(targetServiceLevel * a) - 1);
  if (maxAbandonment !== undefined) lowest = Math.max(lowest, Math.floor((1 - maxAbandonment) * a) - 1);
  if (lowest > maxAgents) return null;

  const model = erlangAModel(a, ahtSeconds, patienceSeconds);
  const figuresAt = new Map<number, ErlangAResult>();
  const figures = (k: number): ErlangAResult => {
    let r = figuresAt.get(k);
    if (r === undefined) {
      r = model.at(k)(thresholdSeconds);
      figuresAt.set(k, r);
    }
    return r;
  };
  // The least of the margins of every requirement: >= 0 exactly when all are met, and like each of them never falling with n.
  const margin = (k: number): number => {
    const r = figures(k);
    const serviceLevel = reading === 'OF_ALL' ? r.serviceLevelOfAll : r.serviceLevelOfAnswered;
    let m = serviceLevel === null ? Number.NEGATIVE_INFINITY : serviceLevel - targetServiceLevel;
    if (maxAbandonment !== undefined) m = Math.min(m, maxAbandonment - r.probabilityOfAbandonment);
    if (maxAsaOfAnsweredSeconds !== undefined) {
      m = Math.min(m, r.asaOfAnsweredSeconds === null ? Number.NEGATIVE_INFINITY : maxAsaOfAnsweredSeconds - r.asaOfAnsweredSeconds);
    }
    if (maxOccupancy !== undefined) m = Math.min(m, r.occupancy === null ? Number.NEGATIVE_INFINITY : maxOccupancy - r.occupancy);
    return m;
  };
  const n = leastMeeting({ lowest, highest: maxAgents, start: fluidStaffing(a, patienceSeconds, thresholdSeconds, targetServiceLevel, options), firstStep: Math.sqrt(a), margin });
  return n === null ? null : figures(n);
}

/**
 * Where a staffing search starts: the least staffing of the fluid limit of Erlang A (Whitt 2006,
 * "Fluid models for multiserver queues with abandonments"), which ignores randomness. With n < a
 * agents every answered contact waits w = patience ln(a / n) (the share a e^(-w / patience) of
 * arrivals still waiting is what n agents can answer), so answered within T needs n >= a e^(-T /
 * patience), answered of all needs n >= target a as well, a mean wait of at most m needs n >= a
 * e^(-m / patience), and occupancy below 1 needs n >= a / maxOccupancy. Overloaded answers with
 * long patience lie near it (a thousand agents below the load at the bounds), answers near the
 * load within a few sqrt(a) of it; either way the search only starts there.
 */
function fluidStaffing(a: number, patienceSeconds: number, thresholdSeconds: number, target: number, options: ErlangAStaffingOptions): number {
  const waitWithin = (seconds: number) => a * Math.exp(-seconds / patienceSeconds);
  let n = waitWithin(thresholdSeconds);
  if (options.reading === 'OF_ALL') n = Math.max(n, target * a);
  if (options.maxAsaOfAnsweredSeconds !== undefined) n = Math.max(n, waitWithin(options.maxAsaOfAnsweredSeconds));
  if (options.maxOccupancy !== undefined) n = Math.max(n, a / options.maxOccupancy);
  return n;
}

/**
 * Steady-state distribution of the number of contacts in an Erlang A system (in service plus
 * waiting): element k is P(k in system), k = 0, 1, ...; the upper tail is cut where the remaining
 * terms are below `tolerance` relative to the largest. Length grows with the queue, which is
 * about max(0, a - n) * patience / AHT for long patience, so this is for inspection and small
 * systems rather than hot loops.
 */
export function erlangAStateProbabilities(
  input: Omit<ErlangAInput, 'thresholdSeconds'>,
  tolerance = 1e-16,
): number[] {
  checkModel(input.offeredLoadErlangs, input.ahtSeconds, input.patienceSeconds);
  requireCount('agents', input.agents);
  requirePositive('tolerance', tolerance);
  const { offeredLoadErlangs: a, agents: n, ahtSeconds, patienceSeconds } = input;
  if (a === 0) return [1];
  const y = (n * patienceSeconds) / ahtSeconds;
  const x = (a * patienceSeconds) / ahtSeconds;
  // Log weights relative to state n: below n from pi_{k-1} / pi_k = k / a, above from T_j.
  const logWeights: number[] = new Array<number>(n + 1);
  logWeights[n] = 0;
  let peak = 0;
  for (let k = n; k >= 1; k--) {
    logWeights[k - 1] = logWeights[k] + Math.log(k / a);
    peak = Math.max(peak, logWeights[k - 1]);
  }
  const mode = x > y ? Math.floor(x - y) : 0;
  const logTolerance = Math.log(tolerance);
  let logT = 0;
  // Past the mode the terms fall at least geometrically, so stop once they are far below tolerance.
  for (let j = 1; ; j++) {
    logT += Math.log(x / (y + j));
    peak = Math.max(peak, logT);
    if (j > mode && logT < peak + logTolerance - 5) break;
    logWeights.push(logT);
  }
  const weights = logWeights.map((l) => Math.exp(l - peak));
  let total = 0;
  for (const value of weights) total += value;
  let end = weights.length;
  while (end > n + 1 && weights[end - 1] / total < tolerance) end--;
  return weights.slice(0, end).map((value) => value / total);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
