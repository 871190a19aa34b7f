import { DataSource } from 'typeorm';
import { LocalHub, startLocalHub } from '../../gateway/local-hub';
import { Role, signToken } from '../../services/platform/auth';
import { SubgraphName } from '../../services/platform/config';
import { QueryCounter } from '../../services/platform/database';
import { gql } from '../graphql';
import { fmt, seconds, timed } from '../timing';
import { BenchMonth, MONTH, QUEUES, SECRET, SLA, TIME_ZONE } from './config';
import { describeDatabase, Target } from './database';

/** What every step of the benchmark works on: the running hub, its tokens, the contract and its queues. */
export interface Bench {
  target: Target;
  counters: Record<SubgraphName, QueryCounter>;
  month: BenchMonth;
  hub: LocalHub;
  url: string;
  /** Tokens of the client and of the centre. */
  client: string;
  centre: string;
  contractId: string;
  queueIds: string[];
  perfDb: DataSource;
}

/**
 * Step 1: the whole hub in-process, one contract with QUEUES Paris voice queues and one
 * SERVICE_LEVEL DAY target per queue, in force from the start of the month. `started` learns of
 * the hub as soon as it runs, so that it is stopped even if a later part of the set-up fails.
 */
export async function setUp(
  target: Target,
  counters: Record<SubgraphName, QueryCounter>,
  month: BenchMonth,
  started: (hub: LocalHub) => void,
): Promise<{ bench: Bench; setupMs: number; databaseInfo: Record<string, string> }> {
  const setup = await timed(async () => {
    const hub = await startLocalHub({ databaseUrl: target.databaseUrl, jwtSecret: SECRET, ephemeralPorts: true, loggers: counters });
    started(hub);
    const url = hub.url;
    const token = (org: string, roles: Role[]) => signToken({ sub: `bench-${org}`, org, roles }, SECRET, 6 * 3600);
    const admin = token('hub-operator', ['admin']);
    for (const o of [{ id: 'bench-client', kind: 'CLIENT' }, { id: 'bench-centre', kind: 'CENTRE' }]) {
      await gql(url, admin, `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`, {
        input: { ...o, name: `Benchmark ${o.id}` },
      });
    }
    const client = token('bench-client', ['read', 'write']);
    const centre = token('bench-centre', ['read', 'write']);
    const effectiveFrom = new Date(month.monthStart * 1000).toISOString();
    const created = await gql<{ createContract: { id: string } }>(
      url,
      client,
      `mutation($input: CreateContractInput!, $f: DateTime) { createContract(input: $input, effectiveFrom: $f) { id } }`,
      { input: { title: 'Benchmark contract', centreId: 'bench-centre', startDate: `${MONTH}-01`, currency: 'EUR', monthlyFeeMinor: 1_000_000 }, f: effectiveFrom },
    );
    const contractId = created.createContract.id;
    const queueIds: string[] = [];
    for (let i = 0; i < QUEUES; i++) {
      const q = await gql<{ addQueue: { id: string } }>(
        url,
        client,
        `mutation($c: ID!, $f: DateTime, $name: String!) { addQueue(contractId: $c, effectiveFrom: $f, input: { name: $name, channel: VOICE, timeZone: "${TIME_ZONE}" }) { id } }`,
        { c: contractId, f: effectiveFrom, name: `Bench queue ${i + 1}` },
      );
      queueIds.push(q.addQueue.id);
      await gql(
        url,
        client,
        `mutation($c: ID!, $q: ID, $f: DateTime) { setSlaTarget(contractId: $c, effectiveFrom: $f, input: { queueId: $q, metric: "SERVICE_LEVEL",
            thresholdSeconds: ${SLA.thresholdSeconds}, goal: ${SLA.goal}, window: DAY, serviceCredit: { percentPerPoint: ${SLA.percentPerPoint}, capPercent: ${SLA.capPercent} } }) { id } }`,
        { c: contractId, q: q.addQueue.id, f: effectiveFrom },
      );
    }
    await gql(url, client, `mutation($id: ID!, $f: DateTime) { activateContract(id: $id, effectiveFrom: $f) { status } }`, { id: contractId, f: effectiveFrom });
    return { hub, url, client, centre, contractId, queueIds };
  });
  const { hub, url, client, centre, contractId, queueIds } = setup.value;
  const perfDb = hub.subgraphs.performance.db;
  const databaseInfo = await describeDatabase(perfDb, target.dialect);
  console.log(`database: ${Object.entries(databaseInfo).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  console.log('note: gateway, subgraphs and this client share one Node.js event loop here; in production each runs in its own process');
  console.log(`hub up, contract ${contractId} with ${QUEUES} queues and ${QUEUES} SLA targets activated in ${fmt(seconds(setup.ms), 1)} s`);
  return { bench: { target, counters, month, hub, url, client, centre, contractId, queueIds, perfDb }, setupMs: setup.ms, databaseInfo };
}
