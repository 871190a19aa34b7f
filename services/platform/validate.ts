import { Bound, boundProblem, instantProblem, listProblem, localDateYearProblem, textProblem } from '../metrics/bounds';
import { Problems } from './errors';

/**
 * Input checks every use case runs against the bounds declared in `metrics/bounds.ts`. Each
 * adds a problem naming the field and stating the bound; `Problems.throwIfAny` then answers
 * BAD_USER_INPUT with all of them, before anything is written.
 */
export function checkNumber(problems: Problems, field: string, value: number | null | undefined, bound: Bound): void {
  if (value === null || value === undefined) return;
  const problem = boundProblem(value, bound);
  if (problem) problems.add(field, problem);
}

export function checkText(problems: Problems, field: string, value: string | null | undefined, maxLength: number): void {
  if (value === null || value === undefined) return;
  const problem = textProblem(value, maxLength);
  if (problem) problems.add(field, problem);
}

export function checkInstant(problems: Problems, field: string, value: Date | null | undefined): void {
  if (value === null || value === undefined) return;
  const problem = instantProblem(value.getTime() / 1000);
  if (problem) problems.add(field, problem);
}

export function checkLocalDate(problems: Problems, field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const problem = localDateYearProblem(value);
  if (problem) problems.add(field, problem);
}

export function checkList(problems: Problems, field: string, list: readonly unknown[] | null | undefined, max: number, what: string): void {
  if (!list) return;
  const problem = listProblem(list.length, max, what);
  if (problem) problems.add(field, problem);
}
