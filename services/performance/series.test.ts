import { DataSource } from 'typeorm';
import type { QueueFacts } from '../clients/contracts';
import { openDatabase, QueryCounter } from '../platform/database';
import type { RequestInfo } from '../platform/subgraph';
import { QueuePerformanceResolver } from './graphql/resolvers';
import { createLoaders } from './loaders';
import { performanceSubgraph } from './module';

/**
 * A queue asked many times in one request (`queues(ids: [q, q, q …])`, aliases) is computed once:
 * one SQL statement, and one converted series every occurrence shares, so the work does not
 * grow with the repetitions. Run on the use case and resolver with a stub of the contracts
 * subgraph (no HTTP).
 */
const QUEUE: QueueFacts = { id: 'q-1', timeZone: 'UTC', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: 'acme', centreId: 'callco' };
const queries = new QueryCounter();
let db: DataSource;

beforeAll(async () => {
  db = await openDatabase({ url: 'sqlite::memory:', entities: performanceSubgraph.entities, migrations: performanceSubgraph.migrations, logger: queries });
});
afterAll(() => db?.destroy());

function requestContext() {
  const request = { authorization: '', peers: {}, now: new Date('2026-06-01T00:00:00Z'), peer: () => ({ name: 'contracts', url: 'http://unused', authorization: '', timeoutMs: 1 }) } as unknown as RequestInfo;
  let lookups = 0;
  const contracts = { queue: { load: async (id: string) => (lookups++, id === QUEUE.id ? QUEUE : null) }, contract: { load: async () => null }, tender: { load: async () => null } };
  const loaders = { ...createLoaders(db, request), contracts: contracts as never };
  return { ctx: { viewer: { subject: 'u', organisationId: 'acme', roles: ['read' as const] }, db, now: request.now, loaders }, lookups: () => lookups };
}

describe('duplicate queue ids in one request', () => {
  it('are read with one statement and answered with one shared series', async () => {
    const { ctx } = requestContext();
    const args = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-05-31T00:00:00Z'), granularity: 'INTERVAL' as const };
    queries.reset();
    const resolver = new QueuePerformanceResolver();
    const answers = await Promise.all(Array.from({ length: 50 }, () => resolver.performance({ id: QUEUE.id }, ctx as never, args as never)));
    expect(queries.count).toBe(1);
    expect(answers[0].points).toHaveLength(30 * 96);
    for (const a of answers) expect(a.points).toBe(answers[0].points);
  });
});
