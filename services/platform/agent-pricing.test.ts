import { buildSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import { measureOperation, QUERY_LIMITS } from './limits';

/** Queue.agentPerformance is priced as its page of agents, each with one point per bucket. */
const schema = buildSchema(`
  scalar DateTime
  enum Granularity { INTERVAL HOUR DAY WEEK MONTH }
  type Query { queues(ids: [ID!]!): [Queue]! }
  type Queue {
    id: ID!
    agentPerformance(from: DateTime!, to: DateTime!, granularity: Granularity! = DAY, first: Int! = 50, after: String): [AgentPerformance!]
  }
  type AgentPerformance { agentRef: String!, points: [Point!]! }
  type Point { label: String!, sums: Sums! }
  type Sums { offered: Int! }
`);

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(schema, document, operation, variables).cost;
}

describe('pricing of per-agent series', () => {
  const QUERY = `query($first: Int!, $g: Granularity!) { queues(ids: ["q"]) { agentPerformance(from: "2026-03-01T00:00:00Z", to: "2026-03-08T00:00:00Z", granularity: $g, first: $first) { agentRef points { label sums { offered } } } } }`;

  it('counts the page size times the buckets of the range', () => {
    // One queue (1) + 20 agents × (1 + 8 local days × (point 1 + sums 1)) = 1 + 20 × 17 = 341.
    expect(cost(QUERY, { first: 20, g: 'DAY' })).toBe(1 + 20 * (1 + 8 * 2));
    // The schema default page (50) when none is given.
    expect(cost(QUERY.replace(', first: $first', '').replace('$first: Int!, ', ''), { g: 'DAY' })).toBe(1 + 50 * (1 + 8 * 2));
  });
  it('refuses a page of 500 agents in quarter hours over a week as too costly', () => {
    // 500 × (1 + 672 × 2) = 672,500 objects.
    expect(cost(QUERY, { first: 500, g: 'INTERVAL' })).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });
});
