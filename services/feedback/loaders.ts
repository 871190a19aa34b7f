import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../contracts/client';
import { complaintsOfContracts } from './complaints';
import { ComplaintEventRow, ComplaintPauseRow, ComplaintRow, CorrectiveActionRow } from './entities/complaint';
import { SatisfactionArgs, SatisfactionPoint, satisfactionSeries } from './surveys';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
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
    complaintsByContract: new DataLoader<string, ComplaintRow[]>(async (ids) => groupBy(ids, await complaintsOfContracts(db, ids), (c) => c.contractId)),
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
    queueSatisfaction: new DataLoader<{ queueId: string; args: SatisfactionArgs }, SatisfactionPoint[], string>(
      async (keys) => {
        const groups = new Map<string, { args: SatisfactionArgs; queueIds: string[] }>();
        for (const k of keys) {
          const group = JSON.stringify(k.args);
          const entry = groups.get(group) ?? { args: k.args, queueIds: [] };
          entry.queueIds.push(k.queueId);
          groups.set(group, entry);
        }
        const results = new Map<string, SatisfactionPoint[]>();
        for (const [group, { args, queueIds }] of groups) {
          const perQueue = await satisfactionSeries(db, { queueIds: [...new Set(queueIds)] }, args);
          for (const [queueId, points] of perQueue) results.set(`${group}|${queueId}`, points);
        }
        return keys.map((k) => results.get(`${JSON.stringify(k.args)}|${k.queueId}`) ?? []);
      },
      { cacheKeyFn: (k) => JSON.stringify(k), maxBatchSize: 500 },
    ),
  };
}

export type FeedbackLoaders = ReturnType<typeof createLoaders>;
