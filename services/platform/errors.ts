import { GraphQLError } from 'graphql';

/** The stable error codes clients can branch on (extensions.code). */
export type ErrorCode = 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED';

export interface FieldProblem {
  field: string;
  message: string;
}

function hubError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}, httpStatus?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
  });
}

/**
 * Bad input naming every offending field. `extensions.field` is the first one (for simple
 * clients), `extensions.problems` all of them.
 */
export function badInput(problems: FieldProblem[] | FieldProblem): GraphQLError {
  const list = Array.isArray(problems) ? problems : [problems];
  const message = list.map((p) => `${p.field}: ${p.message}`).join('; ');
  return hubError('BAD_USER_INPUT', message, { field: list[0]?.field, problems: list });
}

export function forbidden(message: string): GraphQLError {
  return hubError('FORBIDDEN', message);
}

export function notFound(what: string, id: string): GraphQLError {
  return hubError('NOT_FOUND', `${what} ${id} was not found (or is not visible to your organisation)`, { id });
}

export function conflict(message: string): GraphQLError {
  return hubError('CONFLICT', message);
}

export function unauthenticated(message: string): GraphQLError {
  return hubError('UNAUTHENTICATED', message, {}, 401);
}

/** Collects field problems so a use case can report all of them in one error. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  addAll(prefix: string, problems: FieldProblem[]): void {
    for (const p of problems) this.add(prefix ? `${prefix}.${p.field}` : p.field, p.message);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** How many problems so far (to tell whether a check added any). */
  get size(): number {
    return this.list.length;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw badInput(this.list);
  }
}
