import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { signToken } from '../services/platform/auth';
import { manualClock } from '../services/platform/clock';
import { DEVELOPMENT_JWT_SECRET } from '../services/platform/config';
import { RunningServer } from '../services/platform/http';
import { answer, downPeerUrl, hang, startStubPeer, StubHandler, StubPeer } from '../services/clients/stub-peer';
import { GatewayOptions, startGateway } from './gateway';

/**
 * The gateway in front of stub subgraphs on 127.0.0.1: each answers as the test says (slow,
 * down, partial, refusing), so every way a subgraph call can fail is covered without a database.
 */
const SUPERGRAPH = readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
const SECRET = 'gateway-test-secret-0123456789abcdef';
const NOW = '2026-06-01T00:00:00Z';
/** Short enough that a test waiting for it stays fast; nothing asserts on elapsed time. */
const SHORT_MS = 50;

const QUERY = `{ queues(ids: ["q1", "q2"]) { id performance(from: "2026-05-01T00:00:00Z", to: "2026-05-02T00:00:00Z", granularity: DAY) { granularity } } }`;

/** The contracts stub: queues q1 and q2 exist. */
const contracts: StubHandler = (_body, _req, res) =>
  answer(res, { data: { queues: [{ __typename: 'Queue', id: 'q1' }, { __typename: 'Queue', id: 'q2' }] } });

const running: Array<{ stop(): Promise<void> } | StubPeer> = [];
afterEach(async () => {
  while (running.length > 0) {
    const next = running.pop()!;
    await ('stop' in next ? next.stop() : next.close());
  }
  jest.restoreAllMocks();
});

async function stub(handler: StubHandler): Promise<StubPeer> {
  const peer = await startStubPeer(handler);
  running.push(peer);
  return peer;
}

async function gatewayWith(performance: string | StubHandler, options: Partial<GatewayOptions> = {}): Promise<RunningServer> {
  const performanceUrl = typeof performance === 'string' ? performance : (await stub(performance)).url;
  const server = await startGateway({
    supergraphSdl: SUPERGRAPH,
    subgraphUrls: { contracts: (await stub(contracts)).url, performance: performanceUrl },
    jwtSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    clock: manualClock(NOW),
    subgraphTimeoutMs: 10_000,
    ...options,
  });
  running.push(server);
  return server;
}

const token = (now = NOW) => signToken({ sub: 'alice', org: 'acme', roles: ['read'] }, SECRET, 3600, { now: new Date(now) });

async function post(server: RunningServer, query: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(server.url.replace('localhost', '127.0.0.1'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

describe('a subgraph that fails to answer gets a coded error, not INTERNAL_SERVER_ERROR (issue 9)', () => {
  it('UPSTREAM_TIMEOUT when it does not answer in time; what other subgraphs answered is kept', async () => {
    const server = await gatewayWith(hang, { subgraphTimeoutMs: SHORT_MS });
    const { body } = await post(server, QUERY);
    expect(body.data.queues.map((q: any) => q.id)).toEqual(['q1', 'q2']);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(body.errors[0].message).toMatch(/performance service did not answer within 50 ms/);
  });

  it('UPSTREAM_UNAVAILABLE when it is down', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await gatewayWith(await downPeerUrl());
    const { body } = await post(server, QUERY);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
  });

  it('UPSTREAM_UNAVAILABLE when it answers without a GraphQL body', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await gatewayWith((_body, _req, res) => answer(res, '<html>502 Bad Gateway</html>', 502, 'text/html'));
    const { body } = await post(server, QUERY);
    expect(body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(body.errors[0].message).toMatch(/HTTP 502 without a GraphQL answer/);
  });

  it('REQUEST_TIMEOUT when the request as a whole runs out of time', async () => {
    const server = await gatewayWith(hang, { requestTimeoutMs: SHORT_MS });
    const { body } = await post(server, QUERY);
    expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['REQUEST_TIMEOUT']);
  });
});

describe('errors a subgraph raises keep their code and field through the gateway (issue 9)', () => {
  it('a refusal sent with HTTP 400 (a malformed variable or literal) stays BAD_USER_INPUT with its field', async () => {
    const server = await gatewayWith((_body, _req, res) =>
      answer(res, { errors: [{ message: 'DateTime: expected an ISO-8601 instant with a zone', extensions: { code: 'BAD_USER_INPUT', field: 'DateTime' } }] }, 400),
    );
    const { body } = await post(server, QUERY);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'DateTime' });
    expect(body.errors[0].message).toBe('DateTime: expected an ISO-8601 instant with a zone');
  });

  it('partial _entities answers: the entities answered are kept, each error keeps its code and gets its path', async () => {
    const server = await gatewayWith((_body, _req, res) =>
      answer(res, {
        data: { _entities: [{ performance: { granularity: 'DAY' } }, { performance: null }] },
        errors: [{ message: 'to: must be after from', path: ['_entities', 1, 'performance'], extensions: { code: 'BAD_USER_INPUT', field: 'to' } }],
      }),
    );
    const { body } = await post(server, QUERY);
    expect(body.data.queues).toEqual([
      { id: 'q1', performance: { granularity: 'DAY' } },
      { id: 'q2', performance: null },
    ]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['queues', 1, 'performance'], extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
  });

  it('a fault of a subgraph stays INTERNAL_SERVER_ERROR, logged at the gateway with the request id', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await gatewayWith((_body, _req, res) =>
      answer(res, {
        data: { _entities: [null, null] },
        errors: [{ message: 'internal error; it has been logged', path: ['_entities', 0, 'performance'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    );
    const { body } = await post(server, QUERY, { 'x-request-id': 'trace-42' });
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(log.mock.calls.some((args) => String(args[0]).includes('[gateway] request trace-42'))).toBe(true);
  });

  it('forwards the caller\'s request id to the subgraphs', async () => {
    const performance = await stub((_body, _req, res) => answer(res, { data: { _entities: [{ performance: null }, { performance: null }] } }));
    const server = await gatewayWith(performance.url);
    await post(server, QUERY, { 'x-request-id': 'trace-43' });
    expect(performance.received[0].headers['x-request-id']).toBe('trace-43');
  });
});

describe('limits at the gateway (issue 9)', () => {
  it('refuses a costly query with QUERY_TOO_COSTLY before asking any subgraph, also when its size is a variable', async () => {
    const performance = await stub(hang);
    const server = await gatewayWith(performance.url);
    const ids = Array.from({ length: 500 }, (_, i) => `q${i}`);
    const res = await fetch(server.url.replace('localhost', '127.0.0.1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: JSON.stringify({
        query: `query($ids: [ID!]!) { queues(ids: $ids) { performance(from: "2026-10-01T00:00:00Z", to: "2026-11-01T00:00:00Z", granularity: INTERVAL) { points { sums { offered } } } } }`,
        variables: { ids },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: 200_000 });
    expect(body.errors[0].message).toMatch(/coarser granularity or a shorter from\/to range/);
    expect(performance.received).toHaveLength(0);
  });

  it('refuses a document with more tokens than the limit', async () => {
    const server = await gatewayWith(hang, { maxTokens: 100 });
    const { status, body } = await post(server, `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0].message).toMatch(/100 tokens/);
  });
});

describe('tokens at the gateway (issue 9)', () => {
  it("verifies tokens at the gateway's clock", async () => {
    const server = await gatewayWith(hang);
    expect((await post(server, `{ __typename }`)).body.data).toEqual({ __typename: 'Query' });
    const issuedLater = token('2026-06-01T01:00:00Z');
    const { body } = await post(server, `{ __typename }`, { authorization: `Bearer ${issuedLater}` });
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(/issued in the future/);
  });

  it('refuses a token without exp', async () => {
    const server = await gatewayWith(hang);
    const forever = jwt.sign({ org: 'acme', roles: ['read'], iat: Date.parse(NOW) / 1000 }, SECRET, { algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub', subject: 'alice' });
    const { body } = await post(server, `{ __typename }`, { authorization: `Bearer ${forever}` });
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('production', () => {
  it('refuses to start with the development secret', async () => {
    await expect(
      startGateway({ supergraphSdl: SUPERGRAPH, subgraphUrls: {}, jwtSecret: DEVELOPMENT_JWT_SECRET, port: 0, production: true }),
    ).rejects.toThrow(/development JWT secret is refused/);
  });

  it('gives no field suggestions ("Did you mean …") in production, as it does in development', async () => {
    const development = await gatewayWith(hang);
    const production = await gatewayWith(hang, { production: true });
    const typo = `{ queues(ids: ["q1"]) { idd } }`;
    expect((await post(development, typo)).body.errors[0].message).toMatch(/Did you mean/);
    const refused = (await post(production, typo)).body.errors[0];
    expect(refused.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.message).not.toMatch(/Did you mean/);
  });
});

describe('tenants side by side: a bounded number of requests per organisation (issue 9, fairness)', () => {
  // Answered by the contracts stub alone (which knows q1 and q2).
  const CONTRACTS_ONLY = `{ queues(ids: ["q1", "q2"]) { id } }`;
  const as = (org: string) => ({ authorization: `Bearer ${signToken({ sub: `user-of-${org}`, org, roles: ['read'] }, SECRET, 3600, { now: new Date(NOW) })}` });

  it('refuses an organisation past its running and waiting requests with RATE_LIMITED, serves another meanwhile, and frees the slot when the answer goes out', async () => {
    let hold: (() => void) | null = null;
    const held = new Promise<void>((resolve) => (hold = resolve));
    let started!: () => void;
    const arrived = new Promise<void>((resolve) => (started = resolve));
    const server = await gatewayWith(
      async (_body, _req, res) => {
        started();
        await held;
        answer(res, { data: { _entities: [{ performance: { granularity: 'DAY' } }, { performance: { granularity: 'DAY' } }] } });
      },
      { tenantLimits: { perOrganisation: 1, queuePerOrganisation: 0 } },
    );
    const slow = post(server, QUERY, as('acme'));
    await arrived; // acme's request holds its one slot inside the performance subgraph
    const refused = await post(server, CONTRACTS_ONLY, as('acme'));
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const other = await post(server, CONTRACTS_ONLY, as('globex'));
    expect(other.body).toEqual({ data: { queues: [{ id: 'q1' }, { id: 'q2' }] } });
    hold!();
    expect((await slow).body.data.queues).toHaveLength(2);
    const again = await post(server, CONTRACTS_ONLY, as('acme'));
    expect(again.body).toEqual({ data: { queues: [{ id: 'q1' }, { id: 'q2' }] } });
  });
});
