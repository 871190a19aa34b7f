import { randomBytes } from 'node:crypto';
import { ClientError, GraphQLClient } from 'graphql-request';
import { startLocalHub, LocalHub, LocalHubOptions } from '../../gateway/local-hub';
import { Role, signToken } from '../../services/platform/auth';
import { deriveDatabaseUrl, SUBGRAPHS, SubgraphName } from '../../services/platform/config';
import { dropMysqlDatabase, QueryCounter } from '../../services/platform/database';
import { manualClock } from '../../services/platform/clock';
import { NOW } from './fixtures';

export const TEST_SECRET = 'test-secret-for-jest-only-0123456789abcdef';

export interface TestHub {
  url: string;
  hub: LocalHub;
  queries: Record<SubgraphName, QueryCounter>;
  token(org: string, roles?: Role[], sub?: string): string;
  client(token?: string): GraphQLClient;
  /** Registers organisations through the API as the hub operator. */
  organisations(orgs: Array<{ id: string; kind: 'CLIENT' | 'CENTRE'; name?: string }>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole hub for one test file: in-memory SQLite by default, or fresh MySQL databases
 * (dropped afterwards) when DATABASE_URL points at MySQL/MariaDB, as in CI's second run. `seed`
 * loads every subgraph's demo data; `clock` is where every process of the hub reads "now". Tests
 * never read the wall clock: without a clock the hub runs on one fixed at NOW (support/fixtures.ts).
 */
export async function startTestHub(given: { seed?: boolean } & Pick<LocalHubOptions, 'clock' | 'gateway' | 'peerTimeoutMs'> = {}): Promise<TestHub> {
  const options = { ...given, clock: given.clock ?? manualClock(NOW) };
  const configured = process.env.DATABASE_URL;
  const databaseUrl =
    configured && /^(mysql|mariadb):\/\//.test(configured)
      ? (() => {
          const url = new URL(configured);
          url.pathname = `/t${randomBytes(4).toString('hex')}`;
          return url.toString();
        })()
      : 'sqlite::memory:';
  const queries = Object.fromEntries(SUBGRAPHS.map((s) => [s, new QueryCounter()])) as Record<SubgraphName, QueryCounter>;
  const hub = await startLocalHub({
    databaseUrl,
    jwtSecret: TEST_SECRET,
    ephemeralPorts: true,
    loggers: queries,
    seed: options.seed,
    clock: options.clock,
    gateway: options.gateway,
    peerTimeoutMs: options.peerTimeoutMs,
  });
  // Tokens are issued at the hub's own instant, so a hub on a fixed clock accepts them. A test
  // that moves the clock acts like a client that renews its token: a token made by `token()`
  // is signed again at the hub's instant for each request; any other token is sent as given.
  const claims = new Map<string, { sub: string; org: string; roles: Role[] }>();
  const token = (org: string, roles: Role[] = ['read', 'write'], sub = `user-of-${org}`) => {
    const signed = signToken({ sub, org, roles }, TEST_SECRET, undefined, { now: options.clock() });
    claims.set(signed, { sub, org, roles });
    return signed;
  };
  const fresh = (t: string) => {
    const c = claims.get(t);
    return c ? signToken(c, TEST_SECRET, undefined, { now: options.clock() }) : t;
  };
  const client = (t?: string) =>
    new GraphQLClient(hub.url, {
      requestMiddleware: (request) => {
        if (!t) return request;
        const headers = new Headers(request.headers as ConstructorParameters<typeof Headers>[0]);
        headers.set('authorization', `Bearer ${fresh(t)}`);
        return { ...request, headers };
      },
    });
  return {
    url: hub.url,
    hub,
    queries,
    token,
    client,
    async organisations(orgs) {
      const admin = client(token('hub-operator', ['admin']));
      for (const o of orgs) {
        await admin.request(`mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`, {
          input: { id: o.id, kind: o.kind, name: o.name ?? o.id },
        });
      }
    },
    async stop() {
      await hub.stop();
      if (databaseUrl.startsWith('mysql')) {
        for (const name of SUBGRAPHS) await dropMysqlDatabase(deriveDatabaseUrl(databaseUrl, name));
      }
    },
  };
}

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string; problems?: Array<{ field: string; message: string }> };
}

/** Runs a request that must fail and returns its first error. */
export async function expectError(request: Promise<unknown>, code: string): Promise<GraphQLErrorShape> {
  try {
    const data = await request;
    throw new Error(`expected ${code}, got data ${JSON.stringify(data)}`);
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    const first = error.response.errors?.[0] as GraphQLErrorShape | undefined;
    expect(first?.extensions?.code).toBe(code);
    return first!;
  }
}
