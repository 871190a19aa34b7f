import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import { groupRows as groupBy, loaderByArguments as byArguments } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import { ComplaintListArgs, complaintsOfContracts } from './complaints';
import { ComplaintStats, ComplaintStatsArgs, complaintStatsOfContracts } from './stats';
import { ComplaintEventRow, ComplaintPauseRow, ComplaintRow, CorrectiveActionRow } from './entities/complaint';
import { SatisfactionArgs, SatisfactionPoint, satisfactionSeries } from './surveys';

/**
 * Per-request loaders: facts from the contracts subgraph (with the caller's token), and one SQL
 * statement per kind of child row whatever the number of complaints listed (history, pauses,
 * corrective actions), so a contract's complaints with everything on them cost a fixed number of
 * queries.
 */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
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
