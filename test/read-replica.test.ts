import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../services/platform/auth';
import { openDatabase } from '../services/platform/database';
import { runSubgraph, StartedSubgraph } from '../services/platform/run';
import { LAST_WRITE_HEADER } from '../services/platform/read-routing';
import { manualClock } from '../services/platform/clock';
import { contractsSubgraph } from '../services/contracts/module';
import { startTestHub } from './support/hub';

/**
 * A subgraph with a read replica (<NAME>_READ_DATABASE_URL): queries read the replica, except
 * for a party that wrote within READ_REPLICA_MAX_LAG_MS (it sends back the x-hub-last-write the
 * gateway answered its mutation with); mutations read and write the primary. The "replica" here
 * is a second database that replication has not reached yet, so where a read went shows.
 */
const SECRET = 'x'.repeat(40);
const clock = manualClock('2026-06-15T10:00:00Z');
let dir: string;
let subgraph: StartedSubgraph;

async function ask(query: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(subgraph.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cchub-replica-'));
  const replica = `sqlite:${join(dir, 'replica.sqlite')}`;
  // The replica has the schema (replication copies it) but not the rows written below.
  await (await openDatabase({ url: replica, entities: contractsSubgraph.entities, migrations: contractsSubgraph.migrations })).destroy();
  subgraph = await runSubgraph(contractsSubgraph, {
    databaseUrl: `sqlite:${join(dir, 'primary.sqlite')}`,
    readDatabaseUrl: replica,
    port: 0,
    jwtSecret: SECRET,
    migrate: true,
    clock,
  });
});
afterAll(async () => {
  await subgraph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const admin = () => signToken({ sub: 'operator', org: 'hub-operator', roles: ['admin'] }, SECRET, 3600, { now: clock() });
const reader = () => signToken({ sub: 'someone', org: 'globex', roles: ['read'] }, SECRET, 3600, { now: clock() });
const REGISTER = `mutation { registerOrganisation(input: { id: "acme", kind: CLIENT, name: "Acme" }) { id } }`;
const DIRECTORY = `{ organisations { id } }`;

describe('reads from a replica', () => {
  it('a mutation writes and reads the primary (a second registration is refused though the replica lacks the first)', async () => {
    expect((await ask(REGISTER, admin())).data).toEqual({ registerOrganisation: { id: 'acme' } });
    const again = await ask(REGISTER, admin());
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a query reads the replica, which has not caught up', async () => {
    expect((await ask(DIRECTORY, reader())).data.organisations).toEqual([]);
  });

  it('a query carrying a recent last-write reads the primary; an old one reads the replica again', async () => {
    const justNow = String(clock().getTime() - 1000);
    expect((await ask(DIRECTORY, reader(), { [LAST_WRITE_HEADER]: justNow })).data.organisations).toEqual([{ id: 'acme' }]);
    const longAgo = String(clock().getTime() - 60_000);
    expect((await ask(DIRECTORY, reader(), { [LAST_WRITE_HEADER]: longAgo })).data.organisations).toEqual([]);
    expect((await ask(DIRECTORY, reader(), { [LAST_WRITE_HEADER]: 'soon' })).data.organisations).toEqual([]);
  });
});

describe('the gateway', () => {
  it('answers a mutation with the instant it wrote at, for the client to send back', async () => {
    const t = await startTestHub({ clock });
    try {
      const mutation = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token('hub-operator', ['admin'])}` },
        body: JSON.stringify({ query: REGISTER }),
      });
      expect(mutation.headers.get(LAST_WRITE_HEADER)).toBe(String(clock().getTime()));
      const query = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token('acme')}` },
        body: JSON.stringify({ query: '{ me { organisation { id } } }' }),
      });
      expect(query.headers.get(LAST_WRITE_HEADER)).toBeNull();
    } finally {
      await t.stop();
    }
  });
});
