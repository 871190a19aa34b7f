import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import type { RequestInfo } from '../platform/subgraph';
import { PerformanceReportRow } from './entities/performance-report';
import { performanceSeries, SeriesArgs, SeriesPoint } from './series';
import { DataDifference, dataDifferences } from './reports';

/** Per-request loaders: facts from the contracts subgraph (with the caller's token) and report lists. */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
  return {
    contracts,
    /** Queue series asked with the same arguments for many queues (a contract's queues in one query) cost one SQL statement. */
    queueSeries: new DataLoader<{ queueId: string; args: Omit<SeriesArgs, 'queueIds'> }, SeriesPoint[], string>(
      async (keys) => {
        const groups = new Map<string, { args: Omit<SeriesArgs, 'queueIds'>; queueIds: string[] }>();
        for (const k of keys) {
          const group = JSON.stringify(k.args);
          const entry = groups.get(group) ?? { args: k.args, queueIds: [] };
          entry.queueIds.push(k.queueId);
          groups.set(group, entry);
        }
        const results = new Map<string, SeriesPoint[]>();
        for (const [group, { args, queueIds }] of groups) {
          const perQueue = await performanceSeries(db, { ...args, queueIds: [...new Set(queueIds)] }, true);
          for (const [queueId, points] of perQueue) results.set(`${group}|${queueId}`, points);
        }
        return keys.map((k) => results.get(`${JSON.stringify(k.args)}|${k.queueId}`) ?? []);
      },
      { cacheKeyFn: (k) => JSON.stringify(k), maxBatchSize: 500 },
    ),
    /** A report's data changes, asked by both dataChanged and dataDifferences: computed once a request. */
    reportDifferences: new DataLoader<PerformanceReportRow, DataDifference[], string>((reports) => Promise.all(reports.map((r) => dataDifferences(db, r))), {
      cacheKeyFn: (r) => r.id,
    }),
    reportsByContract: new DataLoader<string, PerformanceReportRow[]>(async (contractIds) => {
      const rows = await db.getRepository(PerformanceReportRow).find({
        where: { contractId: In([...contractIds]) },
        order: { month: 'DESC', version: 'DESC' },
      });
      const groups = new Map<string, PerformanceReportRow[]>(contractIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.contractId)?.push(row);
      return contractIds.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type PerformanceLoaders = ReturnType<typeof createLoaders>;
