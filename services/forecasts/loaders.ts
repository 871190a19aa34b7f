import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { loaderById, loaderGroupedBy } from '../platform/loaders';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { VolumeDriverRow } from './entities/volume-driver';
import { ForecastsPeers, guardPeer } from './peers';
import type { IntervalView } from './forecasts';
import { newStaffingCache } from './staffing';

export interface IntervalRange {
  forecastId: string;
  from: number;
  to: number;
}

/** Versions whose interval ranges go in one statement (each range is an index seek). */
const RANGES_PER_STATEMENT = 200;

/**
 * Per-request loaders: facts from the contracts subgraph and actuals from performance (through
 * `peers`, guarded so that their failures keep a code), versions, drivers and intervals.
 */
export function createLoaders(db: DataSource, peers: ForecastsPeers) {
  return {
    contracts: guardPeer('contracts', peers.contracts),
    performance: guardPeer('performance', peers.performance),
    /** Every version of each queue (or group subject), oldest first: one statement for all the queues of a request. */
    versionsByQueue: loaderGroupedBy(
      (queueIds) => db.getRepository(ForecastRow).find({ where: { queueId: In(queueIds) }, order: { version: 'ASC' } }),
      (row) => row.queueId,
    ),
    driversByContract: loaderGroupedBy(
      (contractIds) => db.getRepository(VolumeDriverRow).find({ where: { contractId: In(contractIds) }, order: { fromEpoch: 'ASC' } }),
      (row) => row.contractId,
    ),
    forecast: loaderById((ids) => db.getRepository(ForecastRow).findBy({ id: In(ids) }), (row) => row.id),
    driver: loaderById((ids) => db.getRepository(VolumeDriverRow).findBy({ id: In(ids) }), (row) => row.id),
    /**
     * Intervals of many versions, each over its own range. Not a group-by of the platform helpers:
     * a version may be asked over several ranges, and all of them go in one statement per 200.
     */
    intervals: new DataLoader<IntervalRange, ForecastIntervalRow[], string>(
      async (keys) => {
        const found = new Map<string, ForecastIntervalRow[]>(keys.map((k) => [rangeKey(k), []]));
        for (let i = 0; i < keys.length; i += RANGES_PER_STATEMENT) {
          const chunk = keys.slice(i, i + RANGES_PER_STATEMENT);
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
              if (row.startEpoch >= k.from && row.startEpoch < k.to) found.get(rangeKey(k))!.push(row);
            }
          }
        }
        return keys.map((k) => found.get(rangeKey(k)) ?? []);
      },
      { cacheKeyFn: rangeKey },
    ),
    /** Intervals with their staffing, per version read and range, so `intervals` and `summary` of one version staff it once. */
    staffedIntervals: new Map<string, Promise<IntervalView[]>>(),
    /** Staffing per distinct workload and target, shared by every version and queue the request reads. */
    staffing: newStaffingCache(),
  };
}

function rangeKey(k: IntervalRange): string {
  return `${k.forecastId}|${k.from}|${k.to}`;
}

export type ForecastsLoaders = ReturnType<typeof createLoaders>;
