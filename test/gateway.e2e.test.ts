import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLClient } from 'graphql-request';
import { startGateway } from '../gateway/gateway';
import { manualClock } from '../services/platform/clock';
import { RunningServer } from '../services/platform/http';
import { NOW } from './support/fixtures';
import { expectError, startTestHub, TEST_SECRET, TestHub } from './support/hub';

// The test hub and the production gateway read the same fixed clock.
const clock = manualClock(NOW);
let t: TestHub;
let production: RunningServer;

beforeAll(async () => {
  t = await startTestHub({ clock });
  production = await startGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'),
    subgraphUrls: { contracts: t.hub.subgraphs.contracts.server.url },
    jwtSecret: TEST_SECRET,
    port: 0,
    production: true,
    clock,
  });
});
afterAll(async () => {
  await production?.stop();
  await t?.stop();
});

describe('gateway hardening', () => {
  it('allows introspection in development and refuses it in production', async () => {
    const token = t.token('anyone', ['read']);
    const dev = await t.client(token).request<any>(`{ __schema { queryType { name } } }`);
    expect(dev.__schema.queryType.name).toBe('Query');
    const prod = new GraphQLClient(production.url, { headers: { authorization: `Bearer ${token}` } });
    const error = await expectError(prod.request(`{ __schema { queryType { name } } }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/introspection/i);
  });

  it('refuses a simple GET that could be a cross-site request (CSRF prevention)', async () => {
    const res = await fetch(`${t.url}?query=${encodeURIComponent('{ me { subject } }')}`, {
      headers: { authorization: `Bearer ${t.token('anyone')}` },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it('answers health checks on the gateway and on each subgraph', async () => {
    expect((await fetch(t.url.replace('/graphql', '/health'))).status).toBe(200);
    expect((await fetch(t.hub.subgraphs.contracts.server.url.replace('/graphql', '/health'))).status).toBe(200);
  });

  it('has every subgraph verify the token again, so bypassing the gateway gains nothing', async () => {
    const direct = new GraphQLClient(t.hub.subgraphs.contracts.server.url);
    await expectError(direct.request(`{ me { subject } }`), 'UNAUTHENTICATED');
  });

  it('refuses a request body over the size limit', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token('anyone')}` },
      body: JSON.stringify({ query: `{ me { subject } }`, padding: 'x'.repeat(17 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
