import { DataSource } from 'typeorm';
import { hasRole, Viewer } from '../platform/auth';
import { GraphQLError } from 'graphql';
import { forbidden, notFound } from '../platform/errors';
import { ContractFacts, ContractsClient, QueueFacts, VolumeShareGroupFacts } from '../clients/contracts';
import type { PerformanceClient } from '../clients/performance';

/** What the forecasts use cases run with. */
export interface ForecastsContext {
  viewer: Viewer;
  db: DataSource;
  contracts: ContractsClient;
  performance: PerformanceClient;
}

/**
 * Every authorisation decision of the forecasts subgraph. Visibility comes from the contracts
 * subgraph, asked with the caller's token: it answers only for queues and contracts the caller
 * is party to, so a stranger gets NOT_FOUND (or null) and never learns that a forecast exists.
 * The rule here is which party may do what: the centre serving a queue publishes its forecasts;
 * the client and the centre both read them; the client publishes the volume drivers.
 */
export type ForecastAction = 'read' | 'publish' | 'drive';

function partyCheck(viewer: Viewer, action: ForecastAction, facts: { clientId: string; centreId: string }): void {
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  if (viewer.organisationId !== facts.clientId && viewer.organisationId !== facts.centreId) {
    // Contracts answered, so the caller sees the contract; only a party reads its forecasts.
    throw forbidden('only the client and the centre of the contract see its forecasts');
  }
  if (action === 'read') return;
  if (!hasRole(viewer, 'write')) throw forbidden(`${action === 'drive' ? 'changing volume drivers' : 'publishing a forecast'} needs a token with the write role`);
  if (action === 'publish' && viewer.organisationId !== facts.centreId) throw forbidden('only the centre that serves the queue publishes its forecasts');
  if (action === 'drive' && viewer.organisationId !== facts.clientId) throw forbidden('only the client of the contract publishes its volume drivers');
}

export async function authorizeQueue(ctx: ForecastsContext, action: ForecastAction, queueId: string): Promise<QueueFacts> {
  const facts = await ctx.contracts.queue.load(queueId);
  if (!facts) throw notFound('Queue', queueId);
  partyCheck(ctx.viewer, action, facts);
  return facts;
}

export async function authorizeContract(ctx: ForecastsContext, action: ForecastAction, contractId: string): Promise<ContractFacts> {
  const facts = await ctx.contracts.contract.load(contractId);
  if (!facts) throw notFound('Contract', contractId);
  partyCheck(ctx.viewer, action, facts);
  return facts;
}

/**
 * Only the client of a volume share group reads its group views and publishes its total forecast
 * (publishing needs the write role too). Contracts answers for a group only to its client, so
 * anybody else (a member centre included) gets NOT_FOUND.
 */
export async function authorizeGroup(ctx: ForecastsContext, action: 'read' | 'publish', groupId: string): Promise<VolumeShareGroupFacts> {
  if (!hasRole(ctx.viewer, 'read')) throw forbidden('your token has no read role');
  const facts = await ctx.contracts.volumeShareGroup.load(groupId);
  if (!facts) throw notFound('VolumeShareGroup', groupId);
  if (action === 'publish' && !hasRole(ctx.viewer, 'write')) throw forbidden('publishing a forecast needs a token with the write role');
  return facts;
}

/**
 * Runs a read check for a thing found by its own id (a forecast, a driver) and answers NOT_FOUND
 * when the caller may not see it, so a stranger cannot tell an id that exists from one that does
 * not. Other failures (a peer unreachable) pass through.
 */
export async function visibleOrNotFound<T>(check: () => Promise<T>, what: string, id: string): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN') throw notFound(what, id);
    throw error;
  }
}

