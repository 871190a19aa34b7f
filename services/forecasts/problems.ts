import { FieldProblem, Problems } from '../platform/errors';

/** Problems reported in one error at most: enough to fix a file, never a message of megabytes. */
export const MAX_PROBLEMS = 50;

/**
 * The platform's Problems, capped at MAX_PROBLEMS and readable, for checks that walk long lists
 * (every interval of a forecast, every week of a plan) and stop once the report is full.
 */
export class CappedProblems extends Problems {
  readonly found: FieldProblem[] = [];

  override add(field: string, message: string): void {
    if (this.full) return;
    this.found.push({ field, message });
    super.add(field, message);
  }

  get full(): boolean {
    return this.found.length >= MAX_PROBLEMS;
  }
}
