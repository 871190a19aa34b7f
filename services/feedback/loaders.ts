import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../contracts/client';
import { ComplaintListArgs, complaintsOfContracts } from './complaints';
import { ComplaintStats, ComplaintStatsArgs, complaintStatsOfContracts } from './stats';
import { ComplaintEventRow, ComplaintPauseRow, ComplaintRow, CorrectiveActionRow } from './entities/complaint';
import { SatisfactionArgs, SatisfactionPoint, satisfactionSeries } from './surveys';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * A loader whose keys are an owner (a queue, a contract) with arguments: the keys of a batch are
 * grouped by their arguments and each group is read with one call (one SQL statement) for all
 * its owners.
 */
function byArguments<A, V>(read: (owners: string[], args: A) => Promise<Map<string, V>>, empty: () => V) {
  const keyOf = (k: { owner: string; args: A }) => `${JSON.stringify(k.args)}|${k.owner}`;
  return new DataLoader<{ owner: string; args: A }, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; owners: Set<string> }>();
      for (const k of keys) {
        const group = JSON.stringify(k.args);
        const entry = groups.get(group) ?? { args: k.args, owners: new Set<string>() };
        entry.owners.add(k.owner);
        groups.set(group, entry);
      }
      const results = new Map<string, V>();
      for (const [group, { args, owners }] of groups) {
        for (const [owner, value] of await read([...owners], args)) results.set(`${group}|${owner}`, value);
      }
      return keys.map((k) => results.get(keyOf(k)) ?? empty());
    },
    { cacheKeyFn: keyOf, maxBatchSize: 500 },
  );
}

/**
 * Per-request loaders: facts from the contracts subgraph (with the caller's token), and one SQL
 * statement per kind of child row whatever the number of complaints listed (history, pauses,
 * corrective actions), so a contract's complaints with everything on them cost a fixed number of
 * queries.
 */
export function createLoaders(db: DataSource, contractsUrl: string, authorization: string) {
  const contracts: ContractsClient = createContractsClient(contractsUrl, authorization);
  return {
    contracts,
    /** The newest complaints of contracts, in some statuses (owner: the contract id): one SQL statement per batch with the same arguments. */
    complaintsByContract: byArguments<ComplaintListArgs, ComplaintRow[]>(async (contractIds, args) => {
      const groups = groupBy(contractIds, await complaintsOfContracts(db, contractIds, args), (c) => c.contractId);
      return new Map(contractIds.map((id, i) => [id, groups[i]]));
    }, () => []),
    /** Complaint statistics of contracts with the same range and instant: three SQL statements per batch. */
    complaintStats: byArguments<ComplaintStatsArgs, ComplaintStats | null>((contractIds, args) => complaintStatsOfContracts(db, contractIds, args), () => null),
    complaint: new DataLoader<string, ComplaintRow | null>(async (ids) => {
      const rows = await db.getRepository(ComplaintRow).findBy({ id: In([...ids]) });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    eventsByComplaint: new DataLoader<string, ComplaintEventRow[]>(async (ids) =>
      groupBy(ids, await db.getRepository(ComplaintEventRow).find({ where: { complaintId: In([...ids]) }, order: { seq: 'ASC' } }), (e) => e.complaintId),
    ),
    pausesByComplaint: new DataLoader<string, ComplaintPauseRow[]>(async (ids) =>
      groupBy(ids, await db.getRepository(ComplaintPauseRow).find({ where: { complaintId: In([...ids]) }, order: { startEpoch: 'ASC' } }), (p) => p.complaintId),
    ),
    actionsByComplaint: new DataLoader<string, CorrectiveActionRow[]>(async (ids) =>
      groupBy(ids, await db.getRepository(CorrectiveActionRow).find({ where: { complaintId: In([...ids]) }, order: { createdEpoch: 'ASC', id: 'ASC' } }), (a) => a.complaintId),
    ),
    /** Satisfaction of many queues with the same arguments (a contract's queues in one query): one SQL statement. */
    queueSatisfaction: byArguments<SatisfactionArgs, SatisfactionPoint[]>((queueIds, args) => satisfactionSeries(db, { queueIds }, args), () => []),
    /** Satisfaction of many contracts (all their queues together) with the same arguments: one SQL statement. */
    contractSatisfaction: byArguments<SatisfactionArgs, SatisfactionPoint[]>((contractIds, args) => satisfactionSeries(db, { contractIds }, args), () => []),
  };
}

export type FeedbackLoaders = ReturnType<typeof createLoaders>;
