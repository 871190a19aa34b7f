import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import { createFiguresClient } from '../clients/figures';
import type { FigureOwners } from './compliance';
import { loaderByArguments, loaderGroupedBy } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import { PerformanceReportRow } from './entities/performance-report';
import { computeSeries, SeriesArgs, SeriesPoint } from './series';
import { DataDifference, dataDifferences } from './reports';
import { AgentSeries, agentSeries, AgentSeriesArgs } from './agents';
import type { BidNormalization } from './procurement';

/** The arguments of a series without its queues: queues asking the same ones share one statement. */
export type QueueSeriesArgs = Omit<SeriesArgs, 'queueIds'>;

/** How many of a request's targets have their compliance measured at once (see `measuring`). */
export const MEASURING_AT_ONCE = 4;

/**
 * Per-request loaders. Keys asked twice (the same queue id many times in `queues(ids:)`, aliases
 * of one field) are answered from the same computation: DataLoader caches by key for the request.
 */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
  // A subgraph this one is not configured to reach leaves its targets unjudged, with a note.
  const figures: FigureOwners = {
    feedback: request.peers.feedback ? createFiguresClient(request.peer('feedback')) : null,
    quality: request.peers.quality ? createFiguresClient(request.peer('quality')) : null,
  };
  return {
    contracts,
    figures,
    /** Queue series asked with the same arguments for many queues (a contract's queues in one query) cost one SQL statement. */
    queueSeries: loaderByArguments<QueueSeriesArgs, SeriesPoint[]>((queueIds, args) => computeSeries(db, { ...args, queueIds }, true), () => []),
    /** Per-agent series of queues asked with the same arguments: one SQL statement whatever the number of queues or agents. */
    agentSeries: loaderByArguments<AgentSeriesArgs, AgentSeries[]>((queueIds, args) => agentSeries(db, queueIds, args), () => []),
    /** A contract's queues added together: one statement per contract and arguments. */
    contractSeries: loaderByArguments<SeriesArgs, SeriesPoint[]>(async (contractIds, args) => {
      const points = await computeSeries(db, args);
      return new Map(contractIds.map((id) => [id, points]));
    }, () => []),
    /** A report's data changes, asked by both dataChanged and dataDifferences: computed once a request. */
    reportDifferences: new DataLoader<PerformanceReportRow, DataDifference[], string>((reports) => Promise.all(reports.map((r) => dataDifferences(db, r))), {
      cacheKeyFn: (r) => r.id,
    }),
    reportsByContract: loaderGroupedBy(
      (contractIds) => db.getRepository(PerformanceReportRow).find({ where: { contractId: In(contractIds) }, order: { month: 'DESC', version: 'DESC' } }),
      (row) => row.contractId,
    ),
    /**
     * Compliance of the request's targets measured from this subgraph's sums, MEASURING_AT_ONCE
     * at a time. Every such measurement reads and holds its windows' sums (a year of DAY windows
     * is 365 rows); measured all at once, a contract's 100 targets hold all of theirs together,
     * and the young heap copies them from collection to collection. A few at a time keep the
     * database busy as well. (Targets another subgraph measures do not wait: their calls are
     * batched across the request's targets.)
     */
    measuring: pLimit(MEASURING_AT_ONCE),
    /** Bid normalizations by tender and bid: Erlang work done once a request however often it is asked. */
    bidNormalizations: new Map<string, BidNormalization>(),
  };
}

export type PerformanceLoaders = ReturnType<typeof createLoaders>;
