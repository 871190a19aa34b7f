import { DataSource } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import { groupRows, loaderByArguments, loaderById, loaderGroupedBy } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import {
  actionsOfComplaints,
  ComplaintListArgs,
  complaintsOfContracts,
  eventsOfComplaints,
  findComplaints,
  pausesOfComplaints,
} from './complaints-storage';
import { ComplaintStats, ComplaintStatsArgs, complaintStatsOfContracts } from './stats';
import { ComplaintRow } from './entities/complaint';
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
    complaintsByContract: loaderByArguments<ComplaintListArgs, ComplaintRow[]>(async (contractIds, args) => {
      const groups = groupRows(contractIds, await complaintsOfContracts(db, contractIds, args), (c) => c.contractId);
      return new Map(contractIds.map((id, i) => [id, groups[i]]));
    }, () => []),
    /** Complaint statistics of contracts with the same range and instant: three SQL statements per batch. */
    complaintStats: loaderByArguments<ComplaintStatsArgs, ComplaintStats | null>((contractIds, args) => complaintStatsOfContracts(db, contractIds, args), () => null),
    complaint: loaderById((ids) => findComplaints(db, ids), (c) => c.id),
    eventsByComplaint: loaderGroupedBy((ids) => eventsOfComplaints(db, ids), (e) => e.complaintId),
    pausesByComplaint: loaderGroupedBy((ids) => pausesOfComplaints(db, ids), (p) => p.complaintId),
    actionsByComplaint: loaderGroupedBy((ids) => actionsOfComplaints(db, ids), (a) => a.complaintId),
    /** Satisfaction of many queues with the same arguments (a contract's queues in one query): one SQL statement. */
    queueSatisfaction: loaderByArguments<SatisfactionArgs, SatisfactionPoint[]>((queueIds, args) => satisfactionSeries(db, { queueIds }, args), () => []),
    /** Satisfaction of many contracts (all their queues together) with the same arguments: one SQL statement. */
    contractSatisfaction: loaderByArguments<SatisfactionArgs, SatisfactionPoint[]>((contractIds, args) => satisfactionSeries(db, { contractIds }, args), () => []),
  };
}

export type FeedbackLoaders = ReturnType<typeof createLoaders>;
