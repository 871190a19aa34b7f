import jwt from 'jsonwebtoken';
import { ClientError, GraphQLClient } from 'graphql-request';
import { SUBGRAPH_MODULES } from '../services/registry';
import { signToken } from '../services/platform/auth';
import { manualClock } from '../services/platform/clock';
import { openDatabase } from '../services/platform/database';
import { startSubgraph } from '../services/platform/subgraph';
import { expectError, GraphQLErrorShape, startTestHub, TEST_SECRET, TestHub } from './support/hub';

/**
 * Issue 9 through the whole hub: what one party sends cannot crash or slow the hub for another,
 * and every refusal reaches the caller with its own code. The hub runs on a fixed clock.
 */
const NOW = '2026-06-01T00:00:00Z';
const clock = manualClock(NOW);

let t: TestHub;
let client: string;
let centre: string;
let queueId: string;

beforeAll(async () => {
  t = await startTestHub({ clock });
  await t.organisations([
    { id: 'acme', kind: 'CLIENT' },
    { id: 'callco', kind: 'CENTRE' },
  ]);
  client = t.token('acme');
  centre = t.token('callco');
  const c = t.client(client);
  const contract = await c.request<any>(`mutation($input: CreateContractInput!) { createContract(input: $input, effectiveFrom: "2026-01-01T00:00:00Z") { id } }`, {
    input: { title: 'Acme care', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 100_000 },
  });
  const queue = await c.request<any>(
    `mutation($c: ID!) { addQueue(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { name: "Billing", channel: VOICE, timeZone: "Europe/Paris" }) { id } }`,
    { c: contract.createContract.id },
  );
  queueId = queue.addQueue.id;
  await c.request(
    `mutation($c: ID!, $q: ID) { setSlaTarget(contractId: $c, effectiveFrom: "2026-01-01T00:00:00Z", input: { queueId: $q, metric: "SERVICE_LEVEL", thresholdSeconds: 20, goal: 0.8, window: DAY }) { id } }`,
    { c: contract.createContract.id, q: queueId },
  );
  await c.request(`mutation($id: ID!) { activateContract(id: $id, effectiveFrom: "2026-01-01T00:00:00Z") { id } }`, { id: contract.createContract.id });
});
afterAll(() => t?.stop());

/** Every error of a request that must fail. */
async function errorsOf(request: Promise<unknown>): Promise<GraphQLErrorShape[]> {
  try {
    await request;
  } catch (error) {
    if (error instanceof ClientError) return (error.response.errors ?? []) as GraphQLErrorShape[];
    throw error;
  }
  throw new Error('expected the request to fail');
}

const OCTOBER = `from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z"`;
const INTERVAL_SERIES = `performance(${OCTOBER}, granularity: INTERVAL) { points { sums { offered } } }`;

describe('bad input keeps BAD_USER_INPUT end to end, not INTERNAL_SERVER_ERROR', () => {
  const series = (from: string) => `{ queues(ids: ["QUEUE"]) { performance(from: ${from}, to: "2026-06-02T00:00:00Z", granularity: DAY) { granularity } } }`;
  const byVariable = `query($q: ID!, $f: DateTime!) { queues(ids: [$q]) { performance(from: $f, to: "2026-06-02T00:00:00Z", granularity: DAY) { granularity } } }`;

  it.each([
    ['a word', 'yesterday', /expected an ISO-8601 instant with a zone/],
    ['an instant without a zone', '2026-06-01T00:00:00', /expected an ISO-8601 instant with a zone/],
    ['year 275760', '+275760-09-13T00:00:00Z', /expected an ISO-8601 instant with a zone/],
    ['year 0001 (outside the instant window)', '0001-01-01T00:00:00Z', /must lie between 2000-01-01T00:00:00Z/],
    ['year 2100 (the window ends before it)', '2100-01-01T00:00:00Z', /must lie between/],
  ])('a DateTime that is %s, as a variable and as a literal', async (_label, value, message) => {
    for (const request of [
      () => t.client(client).request(byVariable, { q: queueId, f: value }),
      () => t.client(client).request(series(JSON.stringify(value)).replace('QUEUE', queueId)),
    ]) {
      const [error, ...rest] = await errorsOf(request());
      expect(rest).toEqual([]);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
      expect(error.message).toMatch(message);
    }
  });

  it('a SafeInt that is not a whole number, as a variable and as a literal', async () => {
    const input = { title: 'x', centreId: 'callco', startDate: '2026-01-01', currency: 'EUR', monthlyFeeMinor: 1.5 };
    const asVariable = await errorsOf(t.client(client).request(`mutation($i: CreateContractInput!) { createContract(input: $i) { id } }`, { i: input }));
    expect(asVariable.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const asLiteral = await errorsOf(
      t.client(client).request(`mutation { createContract(input: { title: "x", centreId: "callco", startDate: "2026-01-01", currency: "EUR", monthlyFeeMinor: 1.5 }) { id } }`),
    );
    expect(asLiteral.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(asLiteral[0].extensions?.field).toBe('input.monthlyFeeMinor');
  });

  it('an empty IntervalBatch, as a literal and as a variable', async () => {
    const literal = await errorsOf(t.client(centre).request(`mutation($q: ID!) { recordIntervalBatch(queueId: $q, batch: {}) { received } }`, { q: queueId }));
    expect(literal[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'batch' });
    const variable = await errorsOf(
      t.client(centre).request(`mutation($q: ID!, $b: IntervalBatch!) { recordIntervalBatch(queueId: $q, batch: $b) { received } }`, { q: queueId, b: {} }),
    );
    expect(variable[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'batch' });
  });
});

describe('the cost limit prices what a query really fetches (issue 9)', () => {
  it('the same queue id 500 times with an INTERVAL series over a month is answered once or refused, never INTERNAL_SERVER_ERROR', async () => {
    const query = `query($ids: [ID!]!) { queues(ids: $ids) { id ${INTERVAL_SERIES} } }`;
    try {
      const data = await t.client(client).request<any>(query, { ids: new Array(500).fill(queueId) });
      // Answered: one queue, one series.
      expect(data.queues).toHaveLength(1);
      expect(data.queues[0].performance.points).toHaveLength(31 * 96);
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      const codes = new Set((error.response.errors ?? []).map((e: any) => e.extensions?.code));
      expect([...codes]).toEqual(['QUERY_TOO_COSTLY']);
    }
  });

  it('500 distinct queue ids with an INTERVAL series over a month', async () => {
    const ids = Array.from({ length: 500 }, (_, i) => (i === 0 ? queueId : `made-up-${i}`));
    const error = await expectError(t.client(client).request(`query($ids: [ID!]!) { queues(ids: $ids) { ${INTERVAL_SERIES} } }`, { ids }), 'QUERY_TOO_COSTLY');
    expect(error.message).toMatch(/Ask for less: a coarser granularity or a shorter from\/to range for series, fewer ids/);
  });

  it('contracts(first: $n) with n = 500 is priced as contracts(first: 500)', async () => {
    const selection = `{ id queues { id contract { queues { id contract { slaTargets { id } } } } } }`;
    await expectError(t.client(client).request(`{ contracts(first: 500) ${selection} }`), 'QUERY_TOO_COSTLY');
    await expectError(t.client(client).request(`query($n: Int!) { contracts(first: $n) ${selection} }`, { n: 500 }), 'QUERY_TOO_COSTLY');
    const fewer = await t.client(client).request<any>(`query($n: Int!) { contracts(first: $n) ${selection} }`, { n: 5 });
    expect(fewer.contracts).toHaveLength(1);
  });

  it.each([300, 100])('%i aliases of one INTERVAL series', async (n) => {
    const aliases = Array.from({ length: n }, (_, i) => `s${i}: ${INTERVAL_SERIES}`).join(' ');
    await expectError(t.client(client).request(`query($q: ID!) { queues(ids: [$q]) { ${aliases} } }`, { q: queueId }), 'QUERY_TOO_COSTLY');
  });

  it('lets a reasonable series through: two aliases of a day at INTERVAL', async () => {
    const day = (alias: string) => `${alias}: performance(from: "2026-10-01T00:00:00Z", to: "2026-10-02T00:00:00Z", granularity: INTERVAL) { points { start } }`;
    const data = await t.client(client).request<any>(`query($q: ID!) { queues(ids: [$q]) { ${day('a')} ${day('b')} } }`, { q: queueId });
    expect(data.queues[0].a.points).toHaveLength(96);
    expect(data.queues[0].b.points).toHaveLength(96);
  });

  it('a subgraph prices what the gateway asks of it too (defence in depth): 500 entities with an INTERVAL series', async () => {
    const direct = new GraphQLClient(t.hub.subgraphs.performance.server.url, { headers: { authorization: `Bearer ${client}` } });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Queue { ${INTERVAL_SERIES} } } }`;
    await expectError(direct.request(query, { r: new Array(500).fill({ __typename: 'Queue', id: queueId }) }), 'QUERY_TOO_COSTLY');
  });
});

describe('tokens (issue 9)', () => {
  const at = (seconds: number) => new Date(Date.parse(NOW) + seconds * 1000);
  const direct = (token: string) => new GraphQLClient(t.hub.subgraphs.contracts.server.url, { headers: { authorization: `Bearer ${token}` } });
  const gateway = (token: string) => t.client(token);

  it("accepts a token issued at the hub's clock, through the gateway and at a subgraph", async () => {
    const token = signToken({ sub: 'alice', org: 'acme', roles: ['read'] }, TEST_SECRET, 3600, { now: at(0) });
    expect((await gateway(token).request<any>(`{ me { subject } }`)).me.subject).toBe('alice');
    expect((await direct(token).request<any>(`{ me { subject } }`)).me.subject).toBe('alice');
  });

  it.each([
    ['without exp', () => jwt.sign({ org: 'acme', roles: ['read'], iat: Date.parse(NOW) / 1000 }, TEST_SECRET, { algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub', subject: 'alice' })],
    ['valid for a century', () => signToken({ sub: 'alice', org: 'acme', roles: ['read'] }, TEST_SECRET, 100 * 365 * 86_400, { now: at(0) })],
    ['issued an hour in the future', () => signToken({ sub: 'alice', org: 'acme', roles: ['read'] }, TEST_SECRET, 3600, { now: at(3600) })],
    ['with an empty org', () => signToken({ sub: 'alice', org: '', roles: ['read'] }, TEST_SECRET, 3600, { now: at(0) })],
  ])('refuses a token %s, through the gateway and at a subgraph', async (_label, make) => {
    const token = make();
    await expectError(gateway(token).request(`{ me { subject } }`), 'UNAUTHENTICATED');
    await expectError(direct(token).request(`{ me { subject } }`), 'UNAUTHENTICATED');
  });
});

describe('a subgraph in production', () => {
  it('refuses the development secret and gives no field suggestions', async () => {
    const db = await openDatabase({ url: 'sqlite::memory:', entities: SUBGRAPH_MODULES.contracts.entities, migrations: SUBGRAPH_MODULES.contracts.migrations });
    try {
      await expect(
        startSubgraph(SUBGRAPH_MODULES.contracts, { db, port: 0, jwtSecret: 'development-only-secret-not-for-production', production: true }),
      ).rejects.toThrow(/development JWT secret is refused/);
      const server = await startSubgraph(SUBGRAPH_MODULES.contracts, { db, port: 0, jwtSecret: TEST_SECRET, production: true, clock });
      try {
        const token = signToken({ sub: 'alice', org: 'acme', roles: ['read'] }, TEST_SECRET, 3600, { now: clock() });
        const [error] = await errorsOf(new GraphQLClient(server.url, { headers: { authorization: `Bearer ${token}` } }).request(`{ contractz { id } }`));
        expect(error.message).toMatch(/Cannot query field "contractz"/);
        expect(error.message).not.toMatch(/Did you mean/);
      } finally {
        await server.stop();
      }
    } finally {
      await db.destroy();
    }
  });
});
