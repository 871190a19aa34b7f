import type { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import type { ForecastsLoaders } from './loaders';

/**
 * What every forecasts use case runs with: who asks, the database, the request's instant (read
 * once from the process clock, so one request sees one "now" and tests fix it), and the
 * per-request loaders, which hold the peers (contracts, performance).
 */
export interface ForecastsContext {
  viewer: Viewer;
  db: DataSource;
  now: Date;
  loaders: ForecastsLoaders;
}

/** The one place a resolver's context becomes a use-case context. */
export function useCaseContext(ctx: SubgraphContext<ForecastsLoaders>): ForecastsContext {
  return { viewer: ctx.viewer, db: ctx.db, now: ctx.now, loaders: ctx.loaders };
}
