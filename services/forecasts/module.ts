import { SubgraphModule } from '../platform/subgraph';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { ForecastOperations, ForecastResolver, QueueForecastsResolver, referenceResolvers } from './graphql/resolvers';
import { Queue } from './graphql/types';
import { createLoaders, ForecastsLoaders } from './loaders';
import { ForecastsInitial1795478400000 } from './migrations/0001-initial';
import { seedForecasts } from './seed';

/** The forecasts subgraph: versioned queue forecasts with staffing (Erlang C/A), plans at risk, and accuracy. */
export const forecastsSubgraph: SubgraphModule<ForecastsLoaders> = {
  name: 'forecasts',
  resolvers: [ForecastOperations, QueueForecastsResolver, ForecastResolver],
  orphanedTypes: [Queue],
  entities: [ForecastRow, ForecastIntervalRow],
  migrations: [ForecastsInitial1795478400000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request.peers, request.authorization),
  seed: seedForecasts,
};
