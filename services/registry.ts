import { SubgraphName } from './platform/config';
import { SubgraphModule } from './platform/subgraph';
import { contractsSubgraph } from './contracts/module';
import { performanceSubgraph } from './performance/module';
import { forecastsSubgraph } from './forecasts/module';
import { feedbackSubgraph } from './feedback/module';
import { qualitySubgraph } from './quality/module';
import { billingSubgraph } from './billing/module';
import { exchangeSubgraph } from './exchange/module';

/** Every subgraph of the hub, by name; the gateway, schema printer and local runner read this. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule<any>> = {
  contracts: contractsSubgraph,
  performance: performanceSubgraph,
  forecasts: forecastsSubgraph,
  feedback: feedbackSubgraph,
  quality: qualitySubgraph,
  billing: billingSubgraph,
  exchange: exchangeSubgraph,
};
