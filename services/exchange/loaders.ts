import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { createContractsClient, ContractsClient } from '../clients/contracts';
import { ask } from '../clients/exchange-call';
import { scorecardFacts } from '../clients/quality-files';
import type { Peer } from '../clients/graphql-http';
import { loaderById } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import type { SubgraphName } from '../platform/config';
import { findJobs } from './jobs-storage';

export type ExchangePeer = Extract<SubgraphName, 'contracts' | 'performance' | 'forecasts' | 'feedback' | 'quality'>;

/** Per-request loaders: contracts facts with the caller's token, the caller's peers, jobs by id. */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const contracts: ContractsClient = createContractsClient(request.peer('contracts'));
  return {
    contracts,
    peer: (name: ExchangePeer): Peer => request.peer(name),
    /** The queue of each forecast the caller may see (null otherwise): one request per forecast, deduplicated. */
    forecastQueue: new DataLoader<string, string | null>((ids) =>
      Promise.all(
        ids.map(async (id) => {
          try {
            const data = await ask<{ forecast: { queueId: string } | null }>(request.peer('forecasts'), 'query($id: ID!) { forecast(id: $id) { queueId } }', { id });
            return data.forecast?.queueId ?? null;
          } catch (error) {
            if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
            throw error;
          }
        }),
      ),
    ),
    /** The contract of each scorecard the caller may see (null otherwise), asked of quality. */
    scorecardContract: new DataLoader<string, string | null>((ids) => Promise.all(ids.map(async (id) => (await scorecardFacts(request.peer('quality'), id))?.contractId ?? null))),
    job: loaderById((ids) => findJobs(db, ids), (j) => j.id),
  };
}

export type ExchangeLoaders = ReturnType<typeof createLoaders>;
