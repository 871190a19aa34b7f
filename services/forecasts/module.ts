import { SubgraphModule } from '../platform/subgraph';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { VolumeDriverRow } from './entities/volume-driver';
import {
  ContractDriversResolver,
  ForecastOperations,
  ForecastResolver,
  QueueDriversResolver,
  QueueForecastsResolver,
  referenceResolvers,
  VolumeDriverOperations,
} from './graphql/resolvers';
import { Contract, Queue } from './graphql/types';
import { createLoaders, ForecastsLoaders } from './loaders';
import { ForecastsInitial1795478400000 } from './migrations/0001-initial';
import { ForecastsVolumeDrivers1795564800000 } from './migrations/0002-volume-drivers';
import { seedForecasts } from './seed';

/** The forecasts subgraph: volume drivers, versioned queue forecasts with staffing (Erlang C/A), plans at risk, and accuracy. */
export const forecastsSubgraph: SubgraphModule<ForecastsLoaders> = {
  name: 'forecasts',
  resolvers: [ForecastOperations, VolumeDriverOperations, QueueForecastsResolver, QueueDriversResolver, ContractDriversResolver, ForecastResolver],
  orphanedTypes: [Queue, Contract],
  entities: [ForecastRow, ForecastIntervalRow, VolumeDriverRow],
  migrations: [ForecastsInitial1795478400000, ForecastsVolumeDrivers1795564800000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request.peers, request.authorization),
  seed: seedForecasts,
};
