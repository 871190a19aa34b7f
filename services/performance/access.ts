import { DataSource } from 'typeorm';
import { hasRole, Viewer } from '../platform/auth';
import { forbidden, notFound } from '../platform/errors';
import { ContractFacts, ContractsClient, QueueFacts } from '../clients/contracts';

/** What the performance use cases run with. */
export interface PerformanceContext {
  viewer: Viewer;
  db: DataSource;
  contracts: ContractsClient;
}

/**
 * Every authorisation decision of the performance subgraph. Visibility comes from the contracts
 * subgraph (it answers only for what the caller may see); the rules here say which party may do
 * what: the centre serving a queue uploads its actuals and publishes reports, the client reviews.
 */
export type PerformanceAction = 'read' | 'upload' | 'publish' | 'review';

function partyCheck(viewer: Viewer, action: PerformanceAction, facts: { clientId: string; centreId: string }): void {
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  if (action === 'read') return;
  if (!hasRole(viewer, 'write')) throw forbidden(`${action} needs a token with the write role`);
  if ((action === 'upload' || action === 'publish') && viewer.organisationId !== facts.centreId) {
    throw forbidden(`only the centre that serves the contract can ${action === 'upload' ? 'upload its actuals' : 'publish its reports'}`);
  }
  if (action === 'review' && viewer.organisationId !== facts.clientId) {
    throw forbidden('only the client organisation of the contract reviews its reports');
  }
}

export async function authorizeQueue(ctx: PerformanceContext, action: PerformanceAction, queueId: string): Promise<QueueFacts> {
  const facts = await ctx.contracts.queue.load(queueId);
  if (!facts) throw notFound('Queue', queueId);
  partyCheck(ctx.viewer, action, facts);
  return facts;
}

export async function authorizeContract(ctx: PerformanceContext, action: PerformanceAction, contractId: string): Promise<ContractFacts> {
  const facts = await ctx.contracts.contract.load(contractId);
  if (!facts) throw notFound('Contract', contractId);
  partyCheck(ctx.viewer, action, facts);
  return facts;
}
