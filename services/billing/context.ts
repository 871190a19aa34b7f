import { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import type { PricedContractFacts } from '../clients/contracts';
import type { ComplianceFacts, PeriodSums, TargetRepresentation } from '../clients/performance';
import type { ForecastInForceFacts } from '../clients/forecasts';
import type { BillingLoaders } from './loaders';

interface Lookup<K, V> {
  load(key: K): Promise<V>;
}

/**
 * What the other subgraphs tell billing, each answering only for what the caller may see: the
 * per-request clients in production (batched, with the caller's token and the timeout), clients
 * acting for one organisation in the demo seed, stubs in unit tests.
 */
export interface BillingPeers {
  contracts: { contract: Lookup<string, PricedContractFacts | null> };
  performance: {
    periodSums: Lookup<{ queueId: string; from: number; to: number }, PeriodSums>;
    compliance: Lookup<{ target: TargetRepresentation; from: number; to: number }, ComplianceFacts>;
  };
  forecasts: { inForce: Lookup<{ queueId: string; from: number; to: number }, ForecastInForceFacts> };
}

/** What every billing use case runs with: the caller, this subgraph's database, the request's instant, the peers. */
export interface BillingContext extends BillingPeers {
  viewer: Viewer;
  db: DataSource;
  /** The request's instant: use cases never read the process clock. */
  now: Date;
}

/** The context of reads: they also answer through the request's loaders. */
export interface BillingReadContext extends BillingContext {
  loaders: BillingLoaders;
}

/** The one place a resolver's context becomes a use-case context. */
export function billingContext(ctx: SubgraphContext<BillingLoaders>): BillingReadContext {
  const { contracts, performance, forecasts } = ctx.loaders.peers;
  return { viewer: ctx.viewer, db: ctx.db, now: ctx.now, contracts, performance, forecasts, loaders: ctx.loaders };
}
