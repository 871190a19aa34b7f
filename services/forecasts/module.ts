import { createContractsClient } from '../clients/contracts';
import { createPerformanceClient } from '../clients/performance';
import { SubgraphModule } from '../platform/subgraph';
import { ForecastIntervalRow, ForecastRow } from './entities/forecast';
import { VolumeDriverRow } from './entities/volume-driver';
import { CapacityPlanRow } from './entities/capacity-plan';
import {
  ContractDriversResolver,
  ForecastOperations,
  ForecastResolver,
  QueueDriversResolver,
  QueueForecastsResolver,
  referenceResolvers,
  PlanningOperations,
  VolumeShareGroupCapacityResolver,
} from './graphql/resolvers';
import { Contract, Queue, VolumeShareGroup } from './graphql/types';
import { createLoaders, ForecastsLoaders } from './loaders';
import { ForecastsInitial1795478400000 } from './migrations/0001-initial';
import { ForecastsVolumeDrivers1795564800000 } from './migrations/0002-volume-drivers';
import { ForecastsCapacityPlans1795651200000 } from './migrations/0003-capacity-plans';
import { seedForecasts } from './seed';

/** The forecasts subgraph: volume drivers, versioned queue forecasts with staffing (Erlang C/A), plans at risk, capacity commitments, and accuracy. */
export const forecastsSubgraph: SubgraphModule<ForecastsLoaders> = {
  name: 'forecasts',
  resolvers: [ForecastOperations, PlanningOperations, QueueForecastsResolver, QueueDriversResolver, ContractDriversResolver, ForecastResolver, VolumeShareGroupCapacityResolver],
  orphanedTypes: [Queue, Contract, VolumeShareGroup],
  entities: [ForecastRow, ForecastIntervalRow, VolumeDriverRow, CapacityPlanRow],
  migrations: [ForecastsInitial1795478400000, ForecastsVolumeDrivers1795564800000, ForecastsCapacityPlans1795651200000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => {
    const contracts = createContractsClient(request.peer('contracts'));
    const performance = createPerformanceClient(request.peers.performance ? request.peer('performance') : undefined);
    return createLoaders(db, {
      contracts: { queue: contracts.queue, contract: contracts.contract, volumeShare: contracts.volumeShare, volumeShareGroup: contracts.volumeShareGroup },
      performance,
    });
  },
  seed: seedForecasts,
};
