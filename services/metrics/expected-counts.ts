/**
 * Expected raw counts of one interval of a demand profile at a given staffing, from Erlang A: the
 * fields of an uploaded interval record (shared/METRICS.md, "Raw interval record") that the
 * convertible metrics read, as expectations (fractional). Pure functions, no I/O.
 *
 * Fractional staffing: "x = n + f agents" means n agents for (1 - f) of the interval and n + 1 for
 * f of it, so every expected count is (1 - f) counts(n) + f counts(n + 1) (mixCounts).
 */
import { DemandInterval, requireDemand } from './demand-profile';
import { ErlangAResult, erlangAModel } from './erlang-a';


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
 * Expected counts of `interval` staffed with `agents` (a whole number) agents, from Erlang A: every
 * count is the model's probability times `offered`, the thresholds sharing one evaluation of the
 * staffing (erlangAModel). A zero-volume interval gives all zeros.
 */
export function expectedCounts(
  interval: DemandInterval,
  agents: number,
  intervalSeconds: number,
  patienceSeconds: number,
  thresholds: readonly number[],
): ExpectedCounts {
  return expectedCountsOf(interval, intervalSeconds, patienceSeconds)(agents, thresholds);
}

/** Expected counts of one interval at a whole staffing, for the given thresholds. */
export type CountsAtStaffing = (agents: number, thresholds: readonly number[]) => ExpectedCounts;

/**
 * expectedCounts of one interval at any staffing: what a staffing search evaluates again and
 * again, with the Erlang A work that depends only on the load done once.
 */
export function expectedCountsOf(interval: DemandInterval, intervalSeconds: number, patienceSeconds: number): CountsAtStaffing {
  requireDemand(interval);
  const O = interval.offered;
  const model = O === 0 ? null : erlangAModel((O * interval.ahtSeconds) / intervalSeconds, interval.ahtSeconds, patienceSeconds);
  return (agents, thresholds) => {
    if (!Number.isSafeInteger(agents) || agents < 0) throw new RangeError(`agents must be an integer >= 0, got ${agents}`);
    const distinct = [...new Set(thresholds)];
    for (const t of distinct) {
      if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`thresholds must be finite seconds >= 0, got ${t}`);
    }
    if (model === null) return zeroCounts(distinct);
    const at = model.at(agents);
    const answeredWithin: Record<number, number> = {};
    const abandonedWithin: Record<number, number> = {};
    let first: ErlangAResult | null = null;
    for (const t of distinct) {
      const r = at(t);
      first ??= r;
      answeredWithin[t] = r.serviceLevelOfAll * O;
      abandonedWithin[t] = r.abandonedWithinThreshold * O;
    }
    // The threshold-free figures are the same at every threshold.
    const r = first ?? at(0);
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
