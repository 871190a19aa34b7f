import { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import { INSTANT_WINDOW, instantProblem } from '../metrics/bounds';
import type { ContractFacts, QueueFacts } from '../clients/contracts';
import type { QualityLoaders } from './loaders';

/**
 * What the contracts subgraph tells quality about queues and contracts, answered only for what
 * the caller may see. The per-request contracts client is one; the demo seed and unit tests pass
 * their own.
 */
export interface ContractFactsSource {
  queue: { load(id: string): Promise<QueueFacts | null> };
  contract: { load(id: string): Promise<ContractFacts | null> };
}

/** What the quality use cases run with. */
export interface QualityContext {
  viewer: Viewer;
  db: DataSource;
  /** The request's instant: what a mutation stores, and what "in force now" means. */
  now: Date;
  contracts: ContractFactsSource;
}

/** The context of the read use cases: they answer through the request's loaders (batched). */
export interface QualityReadContext extends QualityContext {
  loaders: QualityLoaders;
}

/** The one place a resolver's context becomes a use-case context. */
export function qualityContext(ctx: SubgraphContext<QualityLoaders>): QualityReadContext {
  return { viewer: ctx.viewer, db: ctx.db, now: ctx.now, contracts: ctx.loaders.contracts, loaders: ctx.loaders };
}

/** The request's instant in epoch seconds. */
export function nowEpoch(ctx: Pick<QualityContext, 'now'>): number {
  return Math.floor(ctx.now.getTime() / 1000);
}

/**
 * The request's instant in epoch seconds, for a mutation to store. A clock reading outside the
 * instant window is a fault of the deployment, not of the caller: refused before anything is written.
 */
export function eventEpoch(ctx: Pick<QualityContext, 'now'>): number {
  const epoch = nowEpoch(ctx);
  if (instantProblem(epoch)) throw new Error(`the clock reads ${ctx.now.toISOString()}, outside ${INSTANT_WINDOW.label}; nothing was written`);
  return epoch;
}
