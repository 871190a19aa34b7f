import { DataSource } from 'typeorm';
import type { Viewer } from '../platform/auth';
import type { SubgraphContext } from '../platform/subgraph';
import { INSTANT_WINDOW, instantProblem } from '../metrics/bounds';
import type { ComplaintTermsFacts, ContractFacts, QueueFacts } from '../clients/contracts';
import type { FeedbackLoaders } from './loaders';

/**
 * What the contracts subgraph tells feedback about queues and contracts, answered only for what
 * the caller may see. The per-request contracts client is one; the demo seed and unit tests pass
 * their own.
 */
export interface ContractFactsSource {
  queue: { load(id: string): Promise<QueueFacts | null> };
  contract: { load(id: string): Promise<ContractFacts | null> };
  /** A contract's complaint terms as they stood at each instant (epoch seconds); the historic complaint record needs it. */
  complaintTermsAsOf?(contractId: string, instants: readonly number[]): Promise<Map<number, ComplaintTermsFacts | null>>;
}

/** What the feedback use cases run with. */
export interface FeedbackContext {
  viewer: Viewer;
  db: DataSource;
  /** The request's instant: every instant a use case stores or judges a clock at is this one. */
  now: Date;
  contracts: ContractFactsSource;
}

/** The context of the read use cases: they answer through the request's loaders (batched). */
export interface FeedbackReadContext extends FeedbackContext {
  loaders: FeedbackLoaders;
}

/** The one place a resolver's context becomes a use-case context. */
export function feedbackContext(ctx: SubgraphContext<FeedbackLoaders>): FeedbackReadContext {
  return { viewer: ctx.viewer, db: ctx.db, now: ctx.now, contracts: ctx.loaders.contracts, loaders: ctx.loaders };
}

/** The request's instant in epoch seconds, to judge clocks at. */
export function nowEpoch(ctx: Pick<FeedbackContext, 'now'>): number {
  return Math.floor(ctx.now.getTime() / 1000);
}

/**
 * The request's instant in epoch seconds, for a mutation to store. A clock reading outside the
 * instant window is a fault of the deployment, not of the caller: it is refused (and logged as an
 * internal error) before anything is written.
 */
export function eventEpoch(ctx: Pick<FeedbackContext, 'now'>): number {
  const epoch = nowEpoch(ctx);
  if (instantProblem(epoch)) {
    throw new Error(`the clock reads ${ctx.now.toISOString()}, outside ${INSTANT_WINDOW.label}; nothing was written`);
  }
  return epoch;
}
