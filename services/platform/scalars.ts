import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { instantProblem } from '../metrics/bounds';

/**
 * Bad input without a field: the argument (and the path inside it) that carried the value is
 * named where the error is reported (subgraph.ts), since a scalar does not know it.
 */
function badValue(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw badValue('expected an ISO-8601 instant with a zone, e.g. 2026-03-01T00:00:00Z');
  }
  const date = new Date(value);
  // Date would roll 2026-02-30 over to 2 March; a day the month does not have is refused.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(date.getTime()) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    throw badValue(`"${value}" is not a valid instant`);
  }
  const outside = instantProblem(date.getTime() / 1000);
  if (outside) throw badValue(`${outside} (got ${value})`);
  return date;
}

/** An instant, always serialized as UTC ISO-8601 (`2026-03-01T08:15:00.000Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as UTC ISO-8601, e.g. 2026-03-01T08:15:00Z. Input must carry a zone (Z or ±hh:mm).',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => parseInstant(value),
  parseLiteral(ast) {
    // graphql-js reports a GraphQLError thrown here as it is: give it the value's node, so the
    // argument that carried it can be named.
    try {
      if (ast.kind !== Kind.STRING) throw badValue('expected a string');
      return parseInstant(ast.value);
    } catch (error) {
      throw new GraphQLError((error as Error).message, { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
  },
});
