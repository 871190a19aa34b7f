import { Bound, boundProblem, BOUNDS, instantProblem } from '../metrics/bounds';
import { MetricDefinition, validateDefinition, validateGoal, valueDomain, isMetricKey } from '../metrics/catalogue';
import { FieldProblem, Problems } from '../platform/errors';
import { checkText } from '../platform/validate';

/**
 * Input checks the contracts use cases share, over the bounds declared in metrics/bounds.ts and
 * the metric catalogue. Each adds problems naming the field; the use case throws them all at
 * once before it writes anything.
 */

/** Text that must not be blank, within `maxLength`, free of control and bidi-override characters. */
export function checkRequiredText(problems: Problems, field: string, value: string | null | undefined, maxLength: number): void {
  if (value === null || value === undefined || value.trim() === '') problems.add(field, 'must not be empty');
  else checkText(problems, field, value, maxLength);
}

/** A number within `bound` and above its minimum (prices, hours and credits of 0 mean nothing). */
export function checkPositive(problems: Problems, field: string, value: number | null | undefined, bound: Bound): void {
  if (value === null || value === undefined) return;
  const problem = boundProblem(value, bound);
  if (problem) problems.add(field, problem);
  else if (value <= bound.min) problems.add(field, `must be above ${bound.min} ${bound.unit}`);
}

/** A list that must hold from `min` to `max` items; true when its items are worth checking one by one. */
export function checkListSize(problems: Problems, field: string, list: readonly unknown[] | null | undefined, min: number, max: number, what: string): boolean {
  const length = list?.length ?? 0;
  if (length < min || length > max) {
    problems.add(field, min > 0 ? `from ${min} to ${max} ${what} per call (got ${length})` : `at most ${max} ${what} per call (got ${length})`);
  }
  return length <= max;
}

/**
 * A metric definition with a goal (or a stated value): the definition and the value's domain from
 * the catalogue, and, where the metric has no upper end (seconds, forecast error), the goal bound.
 * Fields are `prefix` + the definition's field names.
 */
export function figureProblems(prefix: string, def: MetricDefinition, value: number, what: 'goal' | 'value'): FieldProblem[] {
  const definition = validateDefinition(def).map((e) => ({ field: `${prefix}${e.field}`, message: e.message }));
  if (definition.length > 0) return definition;
  const domain = validateGoal(def, value).map((e) => ({ field: `${prefix}${what}`, message: e.message.replace(/^goal/, what) }));
  if (domain.length > 0 || !isMetricKey(def.metric)) return domain;
  const { unit, range } = valueDomain(def.metric, def.variant);
  if (Number.isFinite(range[1])) return [];
  const problem = boundProblem(value, unit === 'SECONDS' ? BOUNDS.goalSeconds : BOUNDS.goalRatio);
  return problem ? [{ field: `${prefix}${what}`, message: problem }] : [];
}

/** How far ahead a change may be dated. */
const MAX_FUTURE_MS = 366 * 24 * 3600 * 1000;

/**
 * When a change applies: within the instant window, at most a year after `now`, and not before
 * the previous change's effective date (changes apply in order).
 */
export function checkEffectiveFrom(problems: Problems, effectiveFrom: Date, previous: Date | null, now: Date): void {
  const outside = instantProblem(effectiveFrom.getTime() / 1000);
  if (outside) problems.add('effectiveFrom', outside);
  else if (effectiveFrom.getTime() > now.getTime() + MAX_FUTURE_MS) {
    problems.add('effectiveFrom', 'must be at most a year ahead');
  } else if (previous && effectiveFrom.getTime() < previous.getTime()) {
    problems.add('effectiveFrom', `must not be before the previous change's effective date (${previous.toISOString()}); changes apply in order`);
  }
}
