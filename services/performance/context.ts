import { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import type { ContractsLookup } from './access';
import type { FigureOwners } from './compliance';
import type { PerformanceLoaders } from './loaders';

/**
 * What every performance use case runs with: who asks, this subgraph's database, the request's
 * instant (use cases never read the process clock), the contracts subgraph as the caller sees it,
 * and the request's loaders.
 */
export interface PerformanceContext {
  viewer: Viewer;
  db: DataSource;
  now: Date;
  contracts: ContractsLookup;
  loaders: PerformanceLoaders;
  /** The subgraphs that measure survey, complaint and quality figures, asked with the caller's token; none when absent. */
  figures?: FigureOwners;
}

/** The one place a resolver's context becomes a use-case context. */
export function performanceContext(ctx: SubgraphContext<PerformanceLoaders>): PerformanceContext {
  return { viewer: ctx.viewer, db: ctx.db, now: ctx.now, contracts: ctx.loaders.contracts, loaders: ctx.loaders, figures: ctx.loaders.figures };
}
