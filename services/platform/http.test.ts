import { ApolloServer } from '@apollo/server';
import { serveHttp, RunningServer } from './http';
import { metricsPlugin } from './metrics';

/** A server whose `slow` field answers only when the test opens the gate. */
async function serverWithGate(health: () => Promise<void>) {
  let entered!: () => void;
  let open!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (open = resolve));
  const apollo = new ApolloServer({
    typeDefs: 'type Query { slow: Int, fast: Int }',
    resolvers: {
      Query: {
        slow: async () => {
          entered();
          await gate;
          return 42;
        },
        fast: () => 1,
      },
    },
    plugins: [metricsPlugin('probe')],
  });
  await apollo.start();
  const server = await serveHttp({ apollo, port: 0, host: '127.0.0.1', service: 'probe', context: async () => ({}), health });
  return { server, inside, open };
}

const base = (server: RunningServer) => `http://127.0.0.1:${server.port}`;
const ask = (server: RunningServer, query: string, operationName?: string) =>
  fetch(`${base(server)}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName }) });

describe('health, metrics and a graceful stop', () => {
  it('liveness answers while the process runs; readiness follows the probe (and /health is readiness)', async () => {
    let failing: Error | null = null;
    const { server } = await serverWithGate(async () => {
      if (failing) throw failing;
    });
    try {
      expect((await fetch(`${base(server)}/health/live`)).status).toBe(200);
      expect((await fetch(`${base(server)}/health/ready`)).status).toBe(200);
      expect((await fetch(`${base(server)}/health`)).status).toBe(200);
      failing = new Error('the database lacks the migration(s) Agents1800000000000');
      const ready = await fetch(`${base(server)}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', error: 'the database lacks the migration(s) Agents1800000000000' });
      expect((await fetch(`${base(server)}/health`)).status).toBe(503);
      expect((await fetch(`${base(server)}/health/live`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('counts requests per operation on /metrics in the Prometheus format', async () => {
    const { server } = await serverWithGate(async () => undefined);
    try {
      await ask(server, 'query Quick { fast }', 'Quick');
      await ask(server, '{ nope }');
      const text = await (await fetch(`${base(server)}/metrics`)).text();
      expect(text).toContain('hub_graphql_requests_total{service="probe",operation="Quick",outcome="ok"} 1');
      expect(text).toContain('hub_graphql_errors_total{service="probe",operation="anonymous",code="GRAPHQL_VALIDATION_FAILED"} 1');
      expect(text).toMatch(/hub_graphql_request_duration_seconds_count\{service="probe",operation="Quick"\} 1/);
    } finally {
      await server.stop();
    }
  });

  it('stop() lets a request in flight finish, then refuses new connections', async () => {
    const { server, inside, open } = await serverWithGate(async () => undefined);
    const inFlight = ask(server, '{ slow }');
    await inside;
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    // The server no longer accepts connections, but the request already in it is still running.
    await expect(fetch(`${base(server)}/health/live`)).rejects.toThrow();
    expect(stopped).toBe(false);
    open();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { slow: 42 } });
    await stopping;
    expect(stopped).toBe(true);
  });
});
