import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import type { RequestInfo } from '../platform/subgraph';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { VolumeDriverRow } from './entities/volume-driver';
import { createPerformanceClient, PerformanceClient } from '../clients/performance';

export interface IntervalRange {
  forecastId: string;
  from: number;
  to: number;
}

/** Per-request loaders: facts from the contracts subgraph, actuals from performance, versions and intervals. */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
  const performance: PerformanceClient = createPerformanceClient(request.peers.performance ? request.peer('performance') : undefined);
  return {
    contracts,
    performance,
    /** Every version of each queue, oldest first: one statement for all the queues of a request. */
    versionsByQueue: new DataLoader<string, ForecastRow[]>(async (queueIds) => {
      const rows = await db.getRepository(ForecastRow).find({ where: { queueId: In([...queueIds]) }, order: { version: 'ASC' } });
      const groups = new Map<string, ForecastRow[]>(queueIds.map((id) => [id, []]));
      for (const row of rows) groups.get(row.queueId)?.push(row);
      return queueIds.map((id) => groups.get(id) ?? []);
    }),
    driversByContract: new DataLoader<string, VolumeDriverRow[]>(async (contractIds) => {
      const rows = await db.getRepository(VolumeDriverRow).find({ where: { contractId: In([...contractIds]) }, order: { fromEpoch: 'ASC' } });
      return contractIds.map((id) => rows.filter((r) => r.contractId === id));
    }),
    forecast: new DataLoader<string, ForecastRow | null>(async (ids) => {
      const rows = await db.getRepository(ForecastRow).findBy({ id: In([...ids]) });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    /** Intervals of many versions, each over its own range, cost one statement per 200 versions (each range an index seek). */
    intervals: new DataLoader<IntervalRange, ForecastIntervalRow[], string>(
      async (keys) => {
        const found = new Map<string, ForecastIntervalRow[]>(keys.map((k) => [`${k.forecastId}|${k.from}|${k.to}`, []]));
        for (let i = 0; i < keys.length; i += 200) {
          const chunk = keys.slice(i, i + 200);
          const rows: Array<Record<string, unknown>> = await db.query(
            `SELECT forecast_id, start_epoch, volume, aht_seconds, planned_agents FROM forecast_intervals WHERE ${chunk
              .map(() => '(forecast_id = ? AND start_epoch >= ? AND start_epoch < ?)')
              .join(' OR ')} ORDER BY forecast_id, start_epoch`,
            chunk.flatMap((k) => [k.forecastId, k.from, k.to]),
          );
          const rangesOf = new Map<string, IntervalRange[]>();
          for (const k of chunk) rangesOf.set(k.forecastId, [...(rangesOf.get(k.forecastId) ?? []), k]);
          for (const r of rows) {
            const row: ForecastIntervalRow = {
              forecastId: String(r.forecast_id),
              startEpoch: Number(r.start_epoch),
              volume: Number(r.volume),
              ahtSeconds: Number(r.aht_seconds),
              plannedAgents: r.planned_agents === null ? null : Number(r.planned_agents),
            };
            // A row may fall in several asked ranges of the same version.
            for (const k of rangesOf.get(row.forecastId) ?? []) {
              if (k.forecastId === row.forecastId && row.startEpoch >= k.from && row.startEpoch < k.to) found.get(`${k.forecastId}|${k.from}|${k.to}`)!.push(row);
            }
          }
        }
        return keys.map((k) => found.get(`${k.forecastId}|${k.from}|${k.to}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.forecastId}|${k.from}|${k.to}` },
    ),
  };
}

export type ForecastsLoaders = ReturnType<typeof createLoaders>;
