import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSchema, GraphQLSchema, isObjectType, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { bucketCount, depthLimit, EXPORT_ROW_WEIGHT, measureOperation, QUERY_LIMITS, queryLimitsPlugin, RANGE_FIELDS, tooCostly } from './limits';

const schema = buildSchema(`
  scalar DateTime
  scalar _Any
  enum Granularity { INTERVAL HOUR DAY WEEK MONTH }
  union _Entity = Queue | Contract
  type Query {
    contracts(first: Int = 100, after: ID): [Contract!]!
    page(first: Int): [Contract!]!
    queues(ids: [ID!]!): [Queue]!
    me: Org
    _entities(representations: [_Any!]!): [_Entity]!
  }
  type Contract { id: ID!, queues: [Queue!]!, client: Org! }
  type Queue {
    id: ID!
    contract: Contract!
    performance(from: DateTime!, to: DateTime!, granularity: Granularity! = DAY): PerformanceSeries
  }
  type PerformanceSeries { granularity: Granularity!, points: [PerformancePoint!]! }
  type PerformancePoint { start: DateTime!, sums: Sums! }
  type Sums { offered: Int!, answered: Int! }
  type Org { id: ID!, name: String }
`);

function errors(query: string, rules: ReturnType<typeof depthLimit>[]) {
  return validate(schema, parse(query), rules).map((e) => e.extensions.code);
}

function operationOf(document: ReturnType<typeof parse>): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
}

function cost(query: string, variables: Record<string, unknown> = {}, on: GraphQLSchema = schema) {
  const document = parse(query);
  expect(validate(on, document)).toEqual([]);
  return measureOperation(on, document, operationOf(document), variables);
}

const OCTOBER = `from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z"`;
/** Quarter hours in October 2026 (31 days). */
const OCTOBER_QUARTER_HOURS = 31 * 96;

describe('depth limit', () => {
  it('counts nested fields, through fragments', () => {
    const q = `{ contracts { queues { contract { queues { ...F } } } } } fragment F on Queue { contract { id } }`;
    // contracts(1) queues(2) contract(3) queues(4) contract(5) id(6)
    expect(errors(q, [depthLimit(6)])).toEqual([]);
    expect(errors(q, [depthLimit(5)])).toEqual(['QUERY_TOO_DEEP']);
  });
  it('ignores introspection', () => {
    expect(errors(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } }`, [depthLimit(2)])).toEqual([]);
  });
  it('survives a fragment cycle without looping', () => {
    const q = `{ me { ...A } } fragment A on Org { id ...A }`;
    expect(() => validate(schema, parse(q), [depthLimit(5)])).not.toThrow();
  });
});

/** Forty fragments, each spreading the next twice: 2^40 paths if fragments were walked again at every spread. */
function fragmentBomb(): string {
  const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Org { id ${i < 39 ? `...F${i + 1} ...F${i + 1}` : 'name'} }`);
  return `{ me { ...F0 } } ${fragments.join(' ')}`;
}

describe('fragments are measured once, however often they are spread', () => {
  it('depth of a fragment bomb', () => {
    expect(errors(fragmentBomb(), [depthLimit(5)])).toEqual([]);
  });
  it('cost of a fragment bomb', () => {
    expect(cost(fragmentBomb()).cost).toBeGreaterThan(0);
  });
});

describe('cost', () => {
  it('counts the objects of the answer, multiplied by list sizes; scalars come with their object', () => {
    // contracts(first: 2) => 2 * (1 contract + queues 10 * 1 queue) = 22
    expect(cost(`{ contracts(first: 2) { id queues { id } } }`).cost).toBe(22);
    expect(cost(`{ me { id name } }`).cost).toBe(1);
  });

  it('reads a page size from a variable as from a literal (issue 9: contracts(first: $n) passed where first: 500 was refused)', () => {
    const literal = cost(`{ page(first: 500) { id } }`).cost;
    expect(literal).toBe(500);
    expect(cost(`query($n: Int) { page(first: $n) { id } }`, { n: 500 }).cost).toBe(literal);
  });

  it("uses the argument's default when the query leaves the size out, and the default list size when there is none", () => {
    expect(cost(`{ contracts { id } }`).cost).toBe(100);
    expect(cost(`query($n: Int) { contracts(first: $n) { id } }`).cost).toBe(100);
    expect(cost(`query($n: Int) { page(first: $n) { id } }`).cost).toBe(QUERY_LIMITS.defaultListSize);
  });

  it('counts ids at their real length, a repeated id once', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `q${i}`);
    expect(cost(`query($ids: [ID!]!) { queues(ids: $ids) { id } }`, { ids }).cost).toBe(300);
    expect(cost(`query($ids: [ID!]!) { queues(ids: $ids) { id } }`, { ids: new Array(500).fill('q1') }).cost).toBe(1);
    expect(cost(`{ queues(ids: ["a", "b", "a"]) { id } }`).cost).toBe(2);
    expect(cost(`query($a: ID!, $b: ID!) { queues(ids: [$a, $b]) { id } }`, { a: 'x', b: 'y' }).cost).toBe(2);
  });

  it('counts every representation of a federated _entities call', () => {
    const representations = new Array(500).fill({ __typename: 'Queue', id: 'q1' });
    const q = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Queue { id } } }`;
    expect(cost(q, { representations }).cost).toBe(500);
  });

  it('counts every alias as a field of its own', () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: me { id }`).join(' ');
    expect(cost(`{ ${aliases} }`)).toEqual({ cost: 300, aliases: 300 });
    expect(cost(`{ me { a: id b: id c: name } }`)).toEqual({ cost: 1, aliases: 3 });
  });

  it('leaves out a field skipped by its variable', () => {
    expect(cost(`query($s: Boolean!) { me { id } contracts @skip(if: $s) { id } }`, { s: true }).cost).toBe(1);
    expect(cost(`query($s: Boolean!) { me { id } contracts @skip(if: $s) { id } }`, { s: false }).cost).toBe(101);
    expect(cost(`query($i: Boolean!) { me { id } contracts @include(if: $i) { id } }`, { i: false }).cost).toBe(1);
  });
});

describe('series are priced by the rows they return', () => {
  const series = (granularity: string) => `{ queues(ids: ["q1"]) { performance(${OCTOBER}, granularity: ${granularity}) { points { sums { offered } } } } }`;
  // Per queue: 1 (queue) + 1 (performance) + buckets × (1 point + 1 sums).
  const priced = (buckets: number) => 1 + 1 + buckets * 2;

  it('one point per bucket of the range at its granularity', () => {
    expect(cost(series('INTERVAL')).cost).toBe(priced(OCTOBER_QUARTER_HOURS));
    expect(cost(series('HOUR')).cost).toBe(priced(31 * 24 + 1));
    expect(cost(series('DAY')).cost).toBe(priced(31 + 1));
    expect(cost(series('WEEK')).cost).toBe(priced(5 + 1));
    expect(cost(series('MONTH')).cost).toBe(priced(2 + 1));
  });

  it('reads the range and granularity from variables, and the default granularity (DAY) from the schema', () => {
    const q = `query($f: DateTime!, $t: DateTime!, $g: Granularity!) { queues(ids: ["q1"]) { performance(from: $f, to: $t, granularity: $g) { points { sums { offered } } } } }`;
    expect(cost(q, { f: '2026-10-01T00:00:00Z', t: '2026-11-01T00:00:00Z', g: 'INTERVAL' }).cost).toBe(priced(OCTOBER_QUARTER_HOURS));
    expect(cost(`{ queues(ids: ["q1"]) { performance(${OCTOBER}) { points { sums { offered } } } } }`).cost).toBe(priced(32));
  });

  it('prices a range the subgraph refuses (malformed, empty) as one bucket', () => {
    expect(bucketCount('yesterday', '2026-11-01T00:00:00Z', 'INTERVAL')).toBe(1);
    expect(bucketCount('2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z', 'INTERVAL')).toBe(1);
    expect(bucketCount(undefined, '2026-10-01T00:00:00Z', 'DAY')).toBe(1);
  });

  it('multiplies by the queues asked, and by every alias (issue 9)', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `q${i}`);
    const many = cost(
      `query($ids: [ID!]!) { queues(ids: $ids) { performance(${OCTOBER}, granularity: INTERVAL) { points { sums { offered } } } } }`,
      { ids },
    );
    expect(many.cost).toBe(500 * priced(OCTOBER_QUARTER_HOURS));
    const aliases = Array.from({ length: 100 }, (_, i) => `s${i}: performance(${OCTOBER}, granularity: INTERVAL) { points { sums { offered } } }`).join(' ');
    expect(cost(`{ queues(ids: ["q1"]) { ${aliases} } }`).cost).toBe(1 + 100 * (1 + OCTOBER_QUARTER_HOURS * 2));
  });

  it('finds the points through fragments', () => {
    const q = `{ queues(ids: ["q1"]) { performance(${OCTOBER}, granularity: INTERVAL) { ...P } } } fragment P on PerformanceSeries { points { sums { offered } } }`;
    expect(cost(q).cost).toBe(priced(OCTOBER_QUARTER_HOURS));
  });

  it('prices a queue series asked by the gateway of a subgraph (_entities) alike', () => {
    const q = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Queue { performance(${OCTOBER}, granularity: INTERVAL) { points { sums { offered } } } } } }`;
    expect(cost(q, { representations: [{ __typename: 'Queue', id: 'q1' }] }).cost).toBe(priced(OCTOBER_QUARTER_HOURS));
  });
});

describe('the cases of issue 9 are refused at the default limits', () => {
  const refused = (query: string, variables: Record<string, unknown> = {}) =>
    tooCostly(cost(query, variables), { maxCost: QUERY_LIMITS.maxCost, maxAliases: QUERY_LIMITS.maxAliases })?.extensions.code;
  const SERIES = `performance(${OCTOBER}, granularity: INTERVAL) { points { sums { offered } } }`;

  it('500 queues with an INTERVAL series over a month', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `q${i}`);
    expect(refused(`query($ids: [ID!]!) { queues(ids: $ids) { ${SERIES} } }`, { ids })).toBe('QUERY_TOO_COSTLY');
  });

  it('the same queue 500 times is one queue: priced as one series, and allowed', () => {
    expect(refused(`query($ids: [ID!]!) { queues(ids: $ids) { ${SERIES} } }`, { ids: new Array(500).fill('q1') })).toBeUndefined();
  });

  it('300 and 100 aliases of one INTERVAL series, also under a higher alias limit', () => {
    for (const n of [300, 100]) {
      const aliases = Array.from({ length: n }, (_, i) => `s${i}: ${SERIES}`).join(' ');
      expect(refused(`{ queues(ids: ["q1"]) { ${aliases} } }`)).toBe('QUERY_TOO_COSTLY');
      const measured = cost(`{ queues(ids: ["q1"]) { ${aliases} } }`);
      expect(tooCostly(measured, { maxCost: QUERY_LIMITS.maxCost, maxAliases: 1000 })?.message).toMatch(/query cost \d+ exceeds the limit of 200000. Ask for less: a coarser granularity/);
    }
  });

  it('contracts(first: $n) with n = 500, as contracts(first: 500)', () => {
    const selection = `{ id queues { id contract { queues { id contract { client { id } queues { id } } } } } }`;
    expect(refused(`{ contracts(first: 500) ${selection} }`)).toBe('QUERY_TOO_COSTLY');
    expect(refused(`query($n: Int) { contracts(first: $n) ${selection} }`, { n: 500 })).toBe('QUERY_TOO_COSTLY');
    expect(refused(`query($n: Int) { contracts(first: $n) ${selection} }`, { n: 100 })).toBeUndefined();
  });

  it('more aliases than the limit, however cheap', () => {
    const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(' ');
    const error = tooCostly(cost(`{ ${aliases} }`), QUERY_LIMITS);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', aliases: QUERY_LIMITS.maxAliases + 1, maxAliases: QUERY_LIMITS.maxAliases });
  });
});

describe('the limits plugin', () => {
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs: `type Query { page(first: Int): [Item!]! } type Item { id: ID! }`,
      resolvers: { Query: { page: () => [] } },
      plugins: [queryLimitsPlugin({ maxCost: 100, maxAliases: 5 })],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  it('refuses before execution with QUERY_TOO_COSTLY and HTTP 400, not as a validation failure', async () => {
    const response = await server.executeOperation({ query: `query($n: Int) { page(first: $n) { id } }`, variables: { n: 101 } });
    expect(response.http.status).toBe(400);
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 101, maxCost: 100 });
    expect(result?.data).toBeUndefined();
  });

  it('lets a query within the limits run', async () => {
    const response = await server.executeOperation({ query: `query($n: Int) { page(first: $n) { id } }`, variables: { n: 100 } });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
  });
});

describe('every field of the supergraph over a time range is priced', () => {
  const supergraph = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
  const DAY = `from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z"`;

  it('prices the series and interval lists of the supergraph by their buckets', () => {
    expect(cost(`{ queues(ids: ["q"]) { performance(${DAY}, granularity: INTERVAL) { points { start } } } }`, {}, supergraph).cost).toBe(1 + 1 + 96);
    expect(cost(`{ contract(id: "c") { performance(${DAY}, granularity: HOUR) { points { start } } } }`, {}, supergraph).cost).toBe(1 + 1 + 25);
    expect(cost(`{ queues(ids: ["q"]) { satisfaction(${DAY}, granularity: INTERVAL) { points { start } } } }`, {}, supergraph).cost).toBe(1 + 1 + 96);
    expect(cost(`{ queues(ids: ["q"]) { baselineForecast(${DAY}) { points { start } } } }`, {}, supergraph).cost).toBe(1 + 1 + 96);
    expect(cost(`{ queues(ids: ["q"]) { forecastInForce(${DAY}) { start } } }`, {}, supergraph).cost).toBe(1 + 96);
    expect(cost(`{ forecast(id: "f") { intervals(${DAY}) { start } } }`, {}, supergraph).cost).toBe(1 + 96);
    // SLA windows per day (the target's window is known only after the contract is read): 10 targets × (1 + 1 + 32 days).
    expect(cost(`{ contract(id: "c") { slaTargets { compliance(${OCTOBER}) { windows { met } } } } }`, {}, supergraph).cost).toBe(1 + 10 * (1 + 1 + 32));
    // Capacity: weeks (5 + 1) × queues (10).
    expect(cost(`{ contract(id: "c") { capacity(from: "2026-10-05T00:00:00Z", to: "2026-11-09T00:00:00Z") { week } } }`, {}, supergraph).cost).toBe(1 + 6 * 10);
  });

  it('prices a series export as the series it is written from, read directly', () => {
    const MONTH = `from: "2026-10-01T00:00:00Z", to: "2026-10-31T00:00:00Z"`;
    const direct = cost(
      `{ queues(ids: ["q"]) { performance(${MONTH}, granularity: INTERVAL) { points { start sums { offered answeredWait { count } abandonedWait { count } } figures { value definition { label } } } } } }`,
      {},
      supergraph,
    ).cost;
    const exported = cost(`{ exportQueueSeries(queueId: "q", ${MONTH}, granularity: INTERVAL) { rows content } }`, {}, supergraph).cost;
    expect(exported).toBeGreaterThanOrEqual(direct - 2);
    expect(exported).toBe(30 * 96 * EXPORT_ROW_WEIGHT);
    // Two months of quarter hours in one query are refused; one passes.
    expect(2 * exported).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(exported).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
  });

  it("prices a forecast's intervals without a range as a week, like a list of unknown length", () => {
    expect(cost(`{ forecast(id: "f") { intervals { start } accuracy { days { intervals } } } }`, {}, supergraph).cost).toBe(1 + 7 * 96 + 1 + 7);
  });

  it('lists each field with from/to arguments in RANGE_FIELDS', () => {    const ranged: string[] = [];
    for (const type of Object.values(supergraph.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation') continue;
      for (const field of Object.values(type.getFields())) {
        const names = field.args.map((a) => a.name);
        if (names.includes('from') || names.includes('to')) ranged.push(`${type.name}.${field.name}`);
      }
    }
    expect(ranged.sort()).toEqual(Object.keys(RANGE_FIELDS).sort());
  });
});
