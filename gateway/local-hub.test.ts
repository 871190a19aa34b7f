import { signToken } from '../services/platform/auth';
import { LocalHub, localHubAddresses, PartialLocalHub, startLocalHub } from './local-hub';

// Every test of localHubAddresses passes its own env object: process.env is never read or changed, and no port is opened.

describe('localHubAddresses (npm start)', () => {
  it('uses the default ports (4000-4005, billing 4006, exchange 4007) without variables', () => {
    expect(localHubAddresses({})).toEqual({
      gatewayPort: 4000,
      subgraphs: { contracts: { port: 4001 }, performance: { port: 4002 }, forecasts: { port: 4003 }, feedback: { port: 4004 }, quality: { port: 4005 }, billing: { port: 4006 }, exchange: { port: 4007 } },
    });
  });

  it('honours GATEWAY_PORT and <NAME>_PORT, and leaves PORT to services run on their own', () => {
    const addresses = localHubAddresses({ GATEWAY_PORT: '8080', PERFORMANCE_PORT: '9002', FEEDBACK_PORT: '', PORT: '7000' });
    expect(addresses).toEqual({
      gatewayPort: 8080,
      subgraphs: { contracts: { port: 4001 }, performance: { port: 9002 }, forecasts: { port: 4003 }, feedback: { port: 4004 }, quality: { port: 4005 }, billing: { port: 4006 }, exchange: { port: 4007 } },
    });
  });

  it('reaches a subgraph given <NAME>_URL there instead of starting it', () => {
    const addresses = localHubAddresses({ CONTRACTS_URL: 'http://contracts.internal:5001/graphql', CONTRACTS_PORT: '6001', FORECASTS_URL: '' });
    expect(addresses.subgraphs.contracts).toEqual({ url: 'http://contracts.internal:5001/graphql' });
    expect(addresses.subgraphs.forecasts).toEqual({ port: 4003 });
  });

  it('allows 0 (any free port) for several servers', () => {
    const addresses = localHubAddresses({ GATEWAY_PORT: '0', CONTRACTS_PORT: '0', PERFORMANCE_PORT: '0' });
    expect([addresses.gatewayPort, addresses.subgraphs.contracts, addresses.subgraphs.performance]).toEqual([0, { port: 0 }, { port: 0 }]);
  });

  it('refuses, naming the variable, a port that is no port, a URL that is not http(s), and two servers on one port', () => {
    expect(() => localHubAddresses({ GATEWAY_PORT: 'eighty' })).toThrow('GATEWAY_PORT must be a port number from 0 to 65535 (got "eighty")');
    expect(() => localHubAddresses({ FEEDBACK_PORT: '70000' })).toThrow(/^FEEDBACK_PORT must be a port number/);
    expect(() => localHubAddresses({ FORECASTS_PORT: '40.5' })).toThrow(/^FORECASTS_PORT must be a port number/);
    expect(() => localHubAddresses({ CONTRACTS_PORT: ' ' })).toThrow(/^CONTRACTS_PORT must be a port number/);
    expect(() => localHubAddresses({ PERFORMANCE_URL: 'ftp://perf/graphql' })).toThrow('PERFORMANCE_URL must be an http:// or https:// URL (got "ftp://perf/graphql")');
    expect(() => localHubAddresses({ GATEWAY_PORT: '4001' })).toThrow('GATEWAY_PORT and CONTRACTS_PORT both ask for port 4001');
    expect(() => localHubAddresses({ FORECASTS_PORT: '4002' })).toThrow('PERFORMANCE_PORT and FORECASTS_PORT both ask for port 4002');
  });
});

describe('startLocalHub with a subgraph elsewhere', () => {
  const secret = 'local-hub-test-secret-0123456789abcdef';
  let elsewhere: LocalHub;
  let hub: PartialLocalHub;

  beforeAll(async () => {
    elsewhere = await startLocalHub({ databaseUrl: 'sqlite::memory:', jwtSecret: secret, ephemeralPorts: true });
    hub = await startLocalHub({
      databaseUrl: 'sqlite::memory:',
      jwtSecret: secret,
      addresses: { gatewayPort: 0, subgraphs: { contracts: { url: elsewhere.subgraphUrls.contracts }, performance: { port: 0 }, forecasts: { port: 0 }, feedback: { port: 0 }, quality: { port: 0 }, billing: { port: 0 }, exchange: { port: 0 } } },
    });
  });
  afterAll(async () => {
    await hub?.stop();
    await elsewhere?.stop();
  });

  it('starts the others on free ports and sends the gateway to the given URL', async () => {
    expect(hub.subgraphs.contracts).toBeUndefined();
    expect(Object.keys(hub.subgraphs).sort()).toEqual(['billing', 'exchange', 'feedback', 'forecasts', 'performance', 'quality']);
    expect(hub.subgraphUrls.contracts).toBe(elsewhere.subgraphUrls.contracts);
    const admin = signToken({ sub: 'operator', org: 'hub-operator', roles: ['admin', 'read'] }, secret, 3600);
    const ask = (url: string, query: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
    const registered = await ask(hub.url, `mutation { registerOrganisation(input: { id: "far-client", kind: CLIENT, name: "Far client" }) { id } }`);
    expect(registered).toEqual({ data: { registerOrganisation: { id: 'far-client' } } });
    // Written in the contracts subgraph of the other hub.
    expect(await ask(elsewhere.url, `{ organisations(kind: CLIENT) { id } }`)).toEqual({ data: { organisations: [{ id: 'far-client' }] } });
  });
});
