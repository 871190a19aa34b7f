import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  IntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isInterfaceType,
  isUnionType,
} from 'graphql';
import { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../services/platform/config';
import { manualClock } from '../services/platform/clock';
import { startTestHub, TestHub } from './support/hub';

/**
 * Property-based safety of the whole supergraph (issue 9): for every mutation and every field
 * that takes arguments, fast-check generates arguments — in range, at the bounds, past them,
 * malformed — and sends them through the gateway as variables with the token of a party, of a
 * stranger or of the wrong role. Whatever the input:
 *
 * - no answer is INTERNAL_SERVER_ERROR (or has no code);
 * - every error carries one of the hub's codes, and BAD_USER_INPUT names the field;
 * - a mutation that answers with an error has written nothing (row counts of every table of
 *   every subgraph are unchanged).
 *
 * The hub runs on a fixed clock with the demo data, so real ids of every kind are in play.
 * The seed is fixed so CI is repeatable; PROPERTY_SEED and PROPERTY_RUNS change it.
 */
const NOW = '2026-06-15T10:00:00Z';
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const SEED = Number(process.env.PROPERTY_SEED ?? 18295);
const CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_DEEP',
  'GRAPHQL_VALIDATION_FAILED',
  'RATE_LIMITED',
]);

let hub: TestHub;
let schema: GraphQLSchema;
let tokens: string[];
const clock = manualClock(NOW);

/** Real ids of every kind from the demo data, and made-up ones. */
let idPool: string[] = [];

beforeAll(async () => {
  hub = await startTestHub({ seed: true, clock });
  const admin = hub.client(hub.token('hub-operator', ['admin']));
  const introspection = await admin.request<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection);
  tokens = [
    hub.token('northwind', ['read', 'write']),
    hub.token('northwind', ['read']),
    hub.token('northwind', ['read', 'procure']),
    hub.token('contoso', ['read', 'write']),
    hub.token('fabrikam', ['read', 'write']),
    hub.token('globex', ['read', 'write']),
    hub.token('initech', ['read', 'write']),
    hub.token('hub-operator', ['admin']),
  ];
  idPool = await realIds();
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

async function realIds(): Promise<string[]> {
  const ids = new Set<string>(['made-up-id', 'q-does-not-exist', 'ct-does-not-exist', 'northwind', 'contoso', 'fabrikam', 'globex', 'initech']);
  for (const name of SUBGRAPHS) {
    const db = hub.hub.subgraphs[name].db;
    for (const table of await tablesOf(db)) {
      const columns = (await columnsOf(db, table)).filter((c) => c === 'id' || c.endsWith('_id'));
      for (const column of columns) {
        const rows: Array<{ v: unknown }> = await db.query(`SELECT DISTINCT ${column} AS v FROM ${table} LIMIT 20`);
        for (const r of rows) if (typeof r.v === 'string' && r.v.length < 80) ids.add(r.v);
      }
    }
  }
  return [...ids];
}

async function tablesOf(db: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> =
    db.options.type === 'mysql'
      ? await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`)
      : await db.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((r) => r.name).filter((n) => n !== 'migrations' && n !== 'typeorm_metadata');
}

async function columnsOf(db: DataSource, table: string): Promise<string[]> {
  const rows: Array<{ name: string }> =
    db.options.type === 'mysql'
      ? await db.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?`, [table])
      : await db.query(`SELECT name FROM pragma_table_info('${table}')`);
  return rows.map((r) => r.name);
}

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of SUBGRAPHS) {
    const db = hub.hub.subgraphs[name].db;
    for (const table of await tablesOf(db)) {
      const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[`${name}.${table}`] = Number(n);
    }
  }
  return counts;
}

// ---- arbitraries from the schema's types -------------------------------------------------

const EDGE_INTS = [0, 1, 2, 5, 20, 30, 96, 100, 500, 900, 1800, 3600, 20_000, 2_147_483_647, -1, -2_147_483_648];
const EDGE_FLOATS = [0, 0.05, 0.5, 0.8, 0.95, 1, 1.5, 7, 100, 1e6, 2_147_483_648, 9_007_199_254_740_994, 1e300, -1, -0.5, 1e-9];
const EDGE_STRINGS = [
  '',
  ' ',
  'Billing',
  'Europe/Paris',
  'Mars/Olympus',
  'EUR',
  'eur',
  '2026-05',
  '0001-01',
  '2026-13',
  '2026-05-01',
  '2026-02-30',
  '9999-12-31',
  '2026-W20',
  '9999-W01',
  '09:00',
  '24:00',
  '25:61',
  'SERVICE_LEVEL',
  'ABANDONMENT_RATE',
  'CSAT',
  'CANONICAL',
  'x'.repeat(6000),
  'nul\u0000byte',
  'bell\u0007',
  'abc\u202Edef',
  'ok\nnew line\tand tab',
  '😀 emoji',
];
const EDGE_INSTANTS = [
  '2026-05-01T00:00:00Z',
  '2026-06-01T00:00:00+02:00',
  '2026-06-14T08:00:00Z',
  '2026-06-15T09:45:00Z',
  '2026-07-01T00:00:00Z',
  '2026-06-15T10:07:00Z',
  'yesterday',
  '2026-05-01T00:00:00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T00:00:00Z',
  '+275760-09-13T00:00:00Z',
];

function pick<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

function scalarArbitrary(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return fc.oneof({ weight: 5, arbitrary: pick(idPool) }, { weight: 1, arbitrary: pick(['', 'x'.repeat(500), 'id\u0000']) });
    case 'Int':
      return fc.oneof({ weight: 3, arbitrary: pick(EDGE_INTS) }, { weight: 1, arbitrary: fc.integer() });
    case 'SafeInt':
      return fc.oneof(pick(EDGE_INTS), pick([9_007_199_254_740_991, 1.5, -5]));
    case 'Float':
      return fc.oneof({ weight: 3, arbitrary: pick(EDGE_FLOATS) }, { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) });
    case 'Boolean':
      return fc.boolean();
    case 'String':
      return fc.oneof({ weight: 4, arbitrary: pick(EDGE_STRINGS) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) });
    case 'DateTime':
      return pick(EDGE_INSTANTS);
    case 'IntervalBatch':
      return intervalBatch();
    default:
      return fc.oneof(pick(EDGE_STRINGS), pick(EDGE_INTS));
  }
}

const BATCH_COLUMNS = ['start', 'lengthSeconds', 'offered', 'answered', 'abandoned', 'answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'answeredWait', 'abandonedWait'];

function intervalBatch(): fc.Arbitrary<unknown> {
  const count = pick([0, 1, 2, 20, 1e300, 9_007_199_254_740_994, -3, 1.5]);
  const row = fc.tuple(
    pick(['2026-06-01T08:00:00Z', '2026-06-01T08:15:00Z', '0001-01-01T00:00:00Z', '2026-06-01T08:00:00']),
    pick([900, 1800, 3600, 0, 901]),
    count,
    count,
    count,
    count,
    count,
    count,
    count,
    count,
    fc.array(count, { minLength: 13, maxLength: 13 }),
    fc.array(count, { minLength: 13, maxLength: 13 }),
  );
  return fc.oneof(
    fc.record({ columns: fc.constant(BATCH_COLUMNS), rows: fc.array(row, { maxLength: 3 }) }),
    pick([{}, { columns: [], rows: [] }, [], 'batch', null]),
  );
}

function valueArbitrary(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueArbitrary(type.ofType, depth);
  if (isListType(type)) return fc.array(valueArbitrary(type.ofType, depth + 1), { maxLength: depth > 1 ? 2 : 3 });
  if (isEnumType(type)) return fc.oneof({ weight: 9, arbitrary: pick(type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: fc.constant('NOT_A_VALUE') });
  if (isInputObjectType(type)) return inputObjectArbitrary(type, depth);
  if (isScalarType(type)) return scalarArbitrary(type.name);
  return fc.constant(null);
}

function inputObjectArbitrary(type: GraphQLInputObjectType, depth: number): fc.Arbitrary<unknown> {
  const fields = Object.values(type.getFields());
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) {
    const value = valueArbitrary(f.type, depth + 1);
    entries[f.name] = isNonNullType(f.type) ? value : fc.option(value, { nil: undefined, freq: 3 });
  }
  return fc.record(entries).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

/** Arguments of a field as variables: a required argument always, an optional one often. */
function argumentsArbitrary(args: readonly GraphQLArgument[]): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of args) {
    const value = valueArbitrary(a.type, 0);
    entries[a.name] = isNonNullType(a.type) && a.defaultValue === undefined ? value : fc.option(value, { nil: undefined, freq: 2 });
  }
  return fc.record(entries).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

// ---- documents -----------------------------------------------------------------------------

function selectionOf(type: GraphQLNamedType): string {
  if (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) return ' { __typename }';
  return '';
}

function argumentList(args: readonly GraphQLArgument[], variables: Record<string, unknown>): { defs: string; uses: string } {
  const present = args.filter((a) => a.name in variables);
  return {
    defs: present.map((a) => `$${a.name}: ${a.type.toString()}`).join(', '),
    uses: present.map((a) => `${a.name}: $${a.name}`).join(', '),
  };
}

/** Where a field with arguments is reached from the root: a root field, or one of a demo contract's or queue's. */
function documentFor(kind: 'mutation' | 'query', owner: string, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, hostId: string): string {
  const { defs, uses } = argumentList(field.args, variables);
  const call = `${field.name}${uses ? `(${uses})` : ''}${selectionOf(getNamedType(field.type))}`;
  const header = `${kind}${defs ? `(${defs})` : ''}`;
  if (owner === 'Query' || owner === 'Mutation') return `${header} { ${call} }`;
  if (owner === 'Contract') return `${header} { contract(id: "${hostId}") { ${call} } }`;
  if (owner === 'Queue') return `${header} { queues(ids: ["${hostId}"]) { ${call} } }`;
  if (owner === 'SlaTarget') return `${header} { contract(id: "${hostId}") { slaTargets { ${call} } } }`;
  throw new Error(`no host for ${owner}.${field.name}`);
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string } }>;
}

async function post(token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

function checkErrors(answer: Answer, context: string): void {
  for (const error of answer.errors ?? []) {
    const code = error.extensions?.code;
    if (!code || !CODES.has(code)) throw new Error(`${context}: error with code ${code}: ${error.message}`);
    if (code === 'BAD_USER_INPUT') {
      const named = Boolean(error.extensions?.field) || /Variable "\$\w+"|argument "\w+"|Argument "\w+"/.test(error.message);
      if (!named) throw new Error(`${context}: BAD_USER_INPUT without a field: ${error.message}`);
    }
  }
}

/** Fields with arguments that the property covers, with where to reach them. */
function fieldsWithArguments(type: GraphQLObjectType | null | undefined): Array<GraphQLField<unknown, unknown>> {
  if (!type) return [];
  return Object.values(type.getFields()).filter((f) => f.args.length > 0 && !f.name.startsWith('_'));
}

const HOSTS: Record<string, string[]> = {
  Contract: ['ct-northwind-contoso', 'ct-globex-fabrikam'],
  Queue: ['q-northwind-billing', 'q-globex-mobile'],
  SlaTarget: ['ct-northwind-contoso'],
};

describe('every mutation, whatever its input', () => {
  it('answers no internal error, names the field of bad input, and writes nothing when it answers an error', async () => {
    const mutations = fieldsWithArguments(schema.getMutationType());
    expect(mutations.length).toBeGreaterThan(30);
    for (const field of mutations) {
      await fc.assert(
        fc.asyncProperty(argumentsArbitrary(field.args), pick(tokens), async (variables, token) => {
          const before = await rowCounts();
          const query = documentFor('mutation', 'Mutation', field, variables, '');
          const answer = await post(token, query, variables);
          const context = `${field.name}(${JSON.stringify(variables).slice(0, 400)})`;
          checkErrors(answer, context);
          if (answer.errors?.length && (answer.data?.[field.name] ?? null) === null) {
            expect({ context, counts: await rowCounts() }).toEqual({ context, counts: before });
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 900_000);
});

describe('every argument of every read', () => {
  it('answers no internal error and names the field of bad input', async () => {
    const owners: Array<[string, GraphQLObjectType | null | undefined]> = [
      ['Query', schema.getQueryType()],
      ['Contract', schema.getType('Contract') as GraphQLObjectType],
      ['Queue', schema.getType('Queue') as GraphQLObjectType],
      ['SlaTarget', schema.getType('SlaTarget') as GraphQLObjectType],
    ];
    let covered = 0;
    for (const [owner, type] of owners) {
      for (const field of fieldsWithArguments(type)) {
        covered += 1;
        const hosts = HOSTS[owner] ?? [''];
        await fc.assert(
          fc.asyncProperty(argumentsArbitrary(field.args), pick(tokens), pick(hosts), async (variables, token, host) => {
            const answer = await post(token, documentFor('query', owner, field, variables, host), variables);
            checkErrors(answer, `${owner}.${field.name}(${JSON.stringify(variables).slice(0, 400)})`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    }
    expect(covered).toBeGreaterThan(15);
  }, 900_000);
});

