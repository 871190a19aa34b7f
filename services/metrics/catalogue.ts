/**
 * The canonical KPI catalogue (see shared/METRICS.md).
 *
 * Every figure the hub stores or returns names its definition: a metric key, one of that
 * metric's named variants, and the parameters the variant needs. This module is the single
 * place that knows which keys, variants and parameters exist and what values a goal may take,
 * so that contracts (SLA targets), performance (KPI engine) and procurement (bids) agree.
 */

import { BOUNDS } from './bounds';

export const METRIC_KEYS = [
  'SERVICE_LEVEL',
  'ABANDONMENT_RATE',
  'ASA',
  'AHT',
  'OCCUPANCY',
  'FCR',
  'CSAT',
  'NPS',
  'CES',
  'FORECAST_WAPE',
  'COMPLAINTS_ACK_ON_TIME',
  'COMPLAINTS_RESOLVED_ON_TIME',
  'QUALITY_SCORE',
  'TRANSFER_RATE',
  'AFTER_CALL_WORK',
  'HOLD_TIME',
  'QUEUE_LENGTH',
  'LONGEST_WAIT',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/**
 * RATIO: a share in 0..1. SECONDS: a duration. SCORE: a mean on a rating scale. POINTS: NPS,
 * -100..100. CONTACTS: a number of contacts (the mean queue length).
 */
export type MetricUnit = 'RATIO' | 'SECONDS' | 'SCORE' | 'POINTS' | 'CONTACTS';

/** Parameters a definition may carry besides its key and variant. */
export type DefinitionParameter = 'thresholdSeconds' | 'shortAbandonSeconds' | 'repeatWindowDays' | 'tolerance';

export interface VariantSpec {
  key: string;
  description: string;
  /** Parameters this variant needs in addition to the metric's own (e.g. S for short abandons). */
  parameters: DefinitionParameter[];
  /** Overrides the metric's unit and range where the variant measures something else (CSAT MEAN_SCORE). */
  unit?: MetricUnit;
  range?: [number, number];
  /** Overrides the metric's direction where the variant counts failures (QUALITY_SCORE CRITICAL_FAIL_RATE). */
  better?: 'HIGHER' | 'LOWER';
}

export interface MetricSpec {
  key: MetricKey;
  name: string;
  description: string;
  unit: MetricUnit;
  /** Values a measured figure, and so a goal, can take. Infinity for an open end. */
  range: [number, number];
  /** Parameters every variant of this metric needs (SERVICE_LEVEL needs T). */
  parameters: DefinitionParameter[];
  /** Which direction is better; it gives the default comparator of an SLA target. */
  better: 'HIGHER' | 'LOWER';
  /** The subgraph whose data measures this metric. */
  measuredBy: 'performance' | 'feedback' | 'forecasts' | 'quality';
  variants: VariantSpec[];
}

const CANONICAL = 'CANONICAL';

/**
 * The largest mean queue length a figure or goal may state: every contact of the busiest
 * interval the bounds allow waiting for the whole interval.
 */
const MAX_QUEUE_LENGTH = BOUNDS.contactsPerInterval.max;

const RATIO: [number, number] = [0, 1];

export const CATALOGUE: Record<MetricKey, MetricSpec> = {
  SERVICE_LEVEL: {
    key: 'SERVICE_LEVEL',
    name: 'Service level',
    description: 'Share of offered contacts answered within T seconds: A(T) / O',
    unit: 'RATIO',
    range: RATIO,
    parameters: ['thresholdSeconds'],
    better: 'HIGHER',
    measuredBy: 'performance',
    variants: [
      { key: CANONICAL, description: 'A(T) / O: every offered contact counts, abandons against', parameters: [] },
      {
        key: 'EXCLUDE_SHORT_ABANDONS',
        description: 'A(T) / (O - B(S)): contacts abandoned within S seconds are left out',
        parameters: ['shortAbandonSeconds'],
      },
      { key: 'OF_ANSWERED', description: 'A(T) / N: abandons are ignored', parameters: [] },
      {
        key: 'ABANDONS_WITHIN_T_COUNT_AS_MET',
        description: '(A(T) + B(T)) / O: contacts abandoned within T count as met',
        parameters: [],
      },
      {
        key: 'ABANDONS_WITHIN_T_EXCLUDED',
        description: 'A(T) / (O - B(T)): only abandons after T count against',
        parameters: [],
      },
    ],
  },
  ABANDONMENT_RATE: {
    key: 'ABANDONMENT_RATE',
    name: 'Abandonment rate',
    description: 'Share of offered contacts that left before an answer: X / O',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [
      { key: CANONICAL, description: 'X / O', parameters: [] },
      {
        key: 'EXCLUDE_SHORT_ABANDONS',
        description: '(X - B(S)) / (O - B(S)): abandons within S seconds are left out',
        parameters: ['shortAbandonSeconds'],
      },
    ],
  },
  ASA: {
    key: 'ASA',
    name: 'Average speed of answer',
    description: 'Mean wait of answered contacts: answeredWaitSeconds / N',
    unit: 'SECONDS',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [
      { key: CANONICAL, description: 'answeredWaitSeconds / N', parameters: [] },
      {
        key: 'AVERAGE_WAIT_ALL',
        description: '(answeredWaitSeconds + abandonedWaitSeconds) / O: mean wait of every offered contact',
        parameters: [],
      },
    ],
  },
  AHT: {
    key: 'AHT',
    name: 'Average handling time',
    description: 'Mean handling time of answered contacts: (talk + hold + wrap) / N',
    unit: 'SECONDS',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [
      { key: CANONICAL, description: '(talk + hold + wrap) / N', parameters: [] },
      { key: 'WITHOUT_WRAP', description: '(talk + hold) / N: after-contact work left out', parameters: [] },
      { key: 'TALK_ONLY', description: 'talk / N', parameters: [] },
    ],
  },
  OCCUPANCY: {
    key: 'OCCUPANCY',
    name: 'Occupancy',
    description: 'Share of available agent time spent handling: handle / (handle + available)',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'performance',
    variants: [{ key: CANONICAL, description: '(talk + hold + wrap) / (talk + hold + wrap + available)', parameters: [] }],
  },
  FCR: {
    key: 'FCR',
    name: 'First contact resolution',
    description: 'Contacts resolved at first contact / contacts in scope, with the method named',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'feedback',
    variants: [
      { key: CANONICAL, description: 'Customer survey: share answering that the issue was resolved', parameters: [] },
      {
        key: 'REPEAT_CONTACT_WINDOW',
        description: 'No repeat contact by the same customer within the window (days)',
        parameters: ['repeatWindowDays'],
      },
      { key: 'AGENT_FLAG', description: 'Agent marked the contact resolved', parameters: [] },
    ],
  },
  CSAT: {
    key: 'CSAT',
    name: 'Customer satisfaction',
    description: 'Share of responses in the top two boxes of a 5-point scale',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'feedback',
    variants: [
      { key: CANONICAL, description: 'Top-two-box share (4 or 5 of 5)', parameters: [] },
      { key: 'MEAN_SCORE', description: 'Mean score on the 1..5 scale', parameters: [], unit: 'SCORE', range: [1, 5] },
    ],
  },
  NPS: {
    key: 'NPS',
    name: 'Net promoter score',
    description: '% promoters (9-10) minus % detractors (0-6)',
    unit: 'POINTS',
    range: [-100, 100],
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'feedback',
    variants: [{ key: CANONICAL, description: '% promoters - % detractors', parameters: [] }],
  },
  CES: {
    key: 'CES',
    name: 'Customer effort score',
    description: 'Mean effort score on a 1..7 scale (lower is less effort)',
    unit: 'SCORE',
    range: [1, 7],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'feedback',
    variants: [{ key: CANONICAL, description: 'Mean effort score (1..7)', parameters: [] }],
  },
  FORECAST_WAPE: {
    key: 'FORECAST_WAPE',
    name: 'Forecast error',
    description: 'Weighted absolute percentage error of the offered-volume forecast: sum|F - A| / sum A',
    unit: 'RATIO',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'forecasts',
    variants: [
      { key: CANONICAL, description: 'WAPE: sum|F - A| / sum A', parameters: [] },
      { key: 'MAPE', description: 'Mean of |F - A| / A over intervals with A > 0', parameters: [] },
      { key: 'BIAS', description: 'sum(F - A) / sum A', parameters: [], range: [-1, Infinity] },
      {
        key: 'INTERVALS_WITHIN',
        description: 'Share of intervals whose forecast is within the tolerance p of the actual',
        parameters: ['tolerance'],
        range: RATIO,
      },
    ],
  },
  COMPLAINTS_ACK_ON_TIME: {
    key: 'COMPLAINTS_ACK_ON_TIME',
    name: 'Complaints acknowledged on time',
    description: 'Share of complaints acknowledged within the agreed clock (ISO 10002)',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'feedback',
    variants: [{ key: CANONICAL, description: 'Acknowledged on time / complaints due in the period', parameters: [] }],
  },
  COMPLAINTS_RESOLVED_ON_TIME: {
    key: 'COMPLAINTS_RESOLVED_ON_TIME',
    name: 'Complaints resolved on time',
    description: 'Share of complaints resolved within the agreed clock (ISO 10002)',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'feedback',
    variants: [{ key: CANONICAL, description: 'Resolved on time / complaints due in the period', parameters: [] }],
  },
  QUALITY_SCORE: {
    key: 'QUALITY_SCORE',
    name: 'Quality score',
    description: 'Mean evaluation score (0..1, 0.91 for 91 %) under the scorecard version in force at the interaction',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'HIGHER',
    measuredBy: 'quality',
    variants: [
      { key: CANONICAL, description: 'Mean score of the evaluations (MEAN_SCORE): sum of scores / evaluations', parameters: [] },
      { key: 'SHARE_PASSING', description: 'Share of evaluations at or above the pass mark', parameters: [] },
      { key: 'CRITICAL_FAIL_RATE', description: 'Share of evaluations failed by a critical criterion', parameters: [], better: 'LOWER' },
    ],
  },
  TRANSFER_RATE: {
    key: 'TRANSFER_RATE',
    name: 'Transfer rate',
    description: 'Share of answered contacts transferred: transferred / N',
    unit: 'RATIO',
    range: RATIO,
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [{ key: CANONICAL, description: 'transferred / N', parameters: [] }],
  },
  AFTER_CALL_WORK: {
    key: 'AFTER_CALL_WORK',
    name: 'After-call work',
    description: 'Mean after-contact work per answered contact, in seconds: wrap / N',
    unit: 'SECONDS',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [{ key: CANONICAL, description: 'wrap / N', parameters: [] }],
  },
  HOLD_TIME: {
    key: 'HOLD_TIME',
    name: 'Hold time',
    description: 'Mean hold per answered contact, in seconds: hold / N',
    unit: 'SECONDS',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [{ key: CANONICAL, description: 'hold / N: every answered contact counts, held or not', parameters: [] }],
  },
  QUEUE_LENGTH: {
    key: 'QUEUE_LENGTH',
    name: 'Queue length',
    description: "Mean contacts waiting (Little's law): (answeredWaitSeconds + abandonedWaitSeconds) / seconds covered",
    unit: 'CONTACTS',
    range: [0, MAX_QUEUE_LENGTH],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [
      {
        key: CANONICAL,
        description: '(answeredWaitSeconds + abandonedWaitSeconds) / lengthSeconds, summed over the intervals of the period',
        parameters: [],
      },
    ],
  },
  LONGEST_WAIT: {
    key: 'LONGEST_WAIT',
    name: 'Longest wait',
    description: 'The longest single wait of the period, in seconds, from the uploaded longest-wait column',
    unit: 'SECONDS',
    range: [0, Infinity],
    parameters: [],
    better: 'LOWER',
    measuredBy: 'performance',
    variants: [{ key: CANONICAL, description: 'max(longestWaitSeconds) over the intervals', parameters: [] }],
  },
};

/** A metric definition: what a figure means. Stored beside every target, commitment and figure. */
export interface MetricDefinition {
  metric: string;
  variant?: string | null;
  thresholdSeconds?: number | null;
  shortAbandonSeconds?: number | null;
  repeatWindowDays?: number | null;
  tolerance?: number | null;
}

export interface DefinitionError {
  field: DefinitionParameter | 'metric' | 'variant' | 'goal';
  message: string;
}

export function isMetricKey(value: string): value is MetricKey {
  return (METRIC_KEYS as readonly string[]).includes(value);
}

export function variantSpec(key: MetricKey, variant: string | null | undefined): VariantSpec | undefined {
  return CATALOGUE[key].variants.find((v) => v.key === (variant ?? CANONICAL));
}

/** Unit and range of a figure under this metric and variant. */
export function valueDomain(key: MetricKey, variant?: string | null): { unit: MetricUnit; range: [number, number] } {
  const spec = CATALOGUE[key];
  const v = variantSpec(key, variant);
  return { unit: v?.unit ?? spec.unit, range: v?.range ?? spec.range };
}

/** Which direction is better under this variant: it gives the default comparator of an SLA target. */
export function betterOf(key: MetricKey, variant?: string | null): 'HIGHER' | 'LOWER' {
  return variantSpec(key, variant)?.better ?? CATALOGUE[key].better;
}

const PARAMETER_RULES: Record<DefinitionParameter, { min: number; max: number; integer: boolean; what: string }> = {
  thresholdSeconds: { min: 1, max: 86_400, integer: true, what: 'the answer threshold T in seconds' },
  shortAbandonSeconds: { min: 1, max: 3_600, integer: true, what: 'the short-abandon limit S in seconds' },
  repeatWindowDays: { min: 1, max: 90, integer: true, what: 'the repeat-contact window in days' },
  tolerance: { min: 0, max: 1, integer: false, what: 'the tolerance p as a fraction (0.1 for 10 %)' },
};

/**
 * Checks a definition against the catalogue. Returns every problem found, each naming the
 * field, so a caller can report them all at once.
 */
export function validateDefinition(def: MetricDefinition): DefinitionError[] {
  if (!isMetricKey(def.metric)) {
    return [{ field: 'metric', message: `unknown metric "${def.metric}"; known metrics: ${METRIC_KEYS.join(', ')}` }];
  }
  const spec = CATALOGUE[def.metric];
  const variant = variantSpec(def.metric, def.variant);
  if (!variant) {
    return [
      {
        field: 'variant',
        message: `unknown variant "${def.variant}" of ${def.metric}; known variants: ${spec.variants.map((v) => v.key).join(', ')}`,
      },
    ];
  }
  const errors: DefinitionError[] = [];
  const needed = new Set<DefinitionParameter>([...spec.parameters, ...variant.parameters]);
  for (const param of Object.keys(PARAMETER_RULES) as DefinitionParameter[]) {
    const value = def[param];
    const rule = PARAMETER_RULES[param];
    const present = value !== undefined && value !== null;
    if (needed.has(param) && !present) {
      errors.push({ field: param, message: `${param} is required for ${def.metric}/${variant.key}: ${rule.what}` });
    } else if (!needed.has(param) && present) {
      errors.push({ field: param, message: `${param} does not apply to ${def.metric}/${variant.key}; leave it out` });
    } else if (present) {
      const n = value as number;
      if (!Number.isFinite(n) || n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) {
        errors.push({
          field: param,
          message: `${param} must be ${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}: ${rule.what}`,
        });
      }
    }
  }
  return errors;
}

/** Checks that a goal is a value the metric can take under its variant. */
export function validateGoal(def: MetricDefinition, goal: number): DefinitionError[] {
  if (!isMetricKey(def.metric)) return [];
  const { unit, range } = valueDomain(def.metric, def.variant);
  if (!Number.isFinite(goal) || goal < range[0] || goal > range[1]) {
    const hint = unit === 'RATIO' ? ' (a ratio: 0.8 means 80 %)' : unit === 'SECONDS' ? ' (seconds)' : '';
    const upper = range[1] === Infinity ? 'upwards' : `to ${range[1]}`;
    return [{ field: 'goal', message: `goal must be from ${range[0]} ${upper} for ${def.metric}${hint}` }];
  }
  return [];
}

/** Human-readable label of a definition, e.g. "SERVICE_LEVEL 20s / EXCLUDE_SHORT_ABANDONS S=5s". */
export function describeDefinition(def: MetricDefinition): string {
  const parts: string[] = [def.metric];
  if (def.thresholdSeconds != null) parts.push(`T=${def.thresholdSeconds}s`);
  const variant = def.variant ?? CANONICAL;
  if (variant !== CANONICAL) parts.push(variant);
  if (def.shortAbandonSeconds != null) parts.push(`S=${def.shortAbandonSeconds}s`);
  if (def.repeatWindowDays != null) parts.push(`window=${def.repeatWindowDays}d`);
  if (def.tolerance != null) parts.push(`p=${def.tolerance}`);
  return parts.join(' ');
}

export const CANONICAL_VARIANT = CANONICAL;
