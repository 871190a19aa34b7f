/**
 * Which metric definitions a queueing model can predict, and each of them as a ratio of expected
 * counts: the catalogue's formulas (shared/METRICS.md) with A(t), B(t), O, N, X read from
 * ExpectedCounts. Pure functions, no I/O.
 */
import { CANONICAL_VARIANT, MetricDefinition, describeDefinition, validateDefinition } from './catalogue';
import { ExpectedCounts } from './expected-counts';

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
