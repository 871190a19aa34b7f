import { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import type { Peer } from '../clients/graphql-http';
import type { AccessContext } from './access';
import type { ExchangeLoaders, ExchangePeer } from './loaders';
import { jobRunner, JobRunner } from './runner';

/**
 * What every exchange use case runs with: who asks, this subgraph's database, the request's
 * instant, the contracts facts the caller may see, the other subgraphs with the caller's token,
 * and this process's job runner.
 */
export interface ExchangeContext extends AccessContext {
  viewer: Viewer;
  db: DataSource;
  now: Date;
  peer(name: ExchangePeer): Peer;
  runner: JobRunner;
  loaders: ExchangeLoaders;
}

/** The one place a resolver's context becomes a use-case context. */
export function exchangeContext(ctx: SubgraphContext<ExchangeLoaders>): ExchangeContext {
  return {
    viewer: ctx.viewer,
    db: ctx.db,
    now: ctx.now,
    contracts: ctx.loaders.contracts,
    forecastQueue: (id) => ctx.loaders.forecastQueue.load(id),
    scorecardContract: (id) => ctx.loaders.scorecardContract.load(id),
    peer: ctx.loaders.peer,
    runner: jobRunner(ctx.db),
    loaders: ctx.loaders,
  };
}
