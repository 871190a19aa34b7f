import type { Viewer } from '../platform/auth';
import { AccessTable, decide, Parties } from '../platform/access';
import type { BidFacts, ContractFacts, QueueFacts, TenderFacts } from '../clients/contracts';
import type { PerformanceReportRow } from './entities/performance-report';

/**
 * The one authorisation entry of the performance subgraph: `authorize(ctx, action, resource)`,
 * called by the use cases (never by resolvers), decided by the table below through the
 * platform's `decide`.
 *
 * Who the parties of a queue, contract or tender are comes from the contracts subgraph, asked
 * with the caller's own token: it answers only for what the caller may see, so anything it does
 * not answer is NOT_FOUND here too, with the same message as for an id that does not exist. A
 * report carries its parties in its own row. Then the table says which party may do what: the
 * centre serving a contract uploads its actuals and publishes its reports, the client reviews
 * them, both read; the owner of a tender compares its bids, a bid's centre and the tender owner
 * read its normalization.
 */
export type PerformanceAction =
  | 'queue.read'
  | 'queue.upload'
  | 'contract.read'
  | 'contract.publish'
  | 'report.read'
  | 'report.review'
  | 'tender.compare'
  | 'bid.read';

export const PERFORMANCE_ACCESS: AccessTable<PerformanceAction> = {
  'queue.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its actuals" },
  'queue.upload': { role: 'write', parties: ['centre'], denied: 'only the centre that serves the contract can upload its actuals' },
  'contract.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its performance" },
  'contract.publish': { role: 'write', parties: ['centre'], denied: 'only the centre that serves the contract can publish its reports' },
  'report.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its reports" },
  'report.review': { role: 'write', parties: ['client'], denied: 'only the client organisation of the contract reviews its reports' },
  'tender.compare': { role: 'procure', parties: ['owner'], denied: 'only the tender owner compares the bids' },
  'bid.read': { role: 'read', parties: ['owner', 'centre'], denied: "only the bid's centre and the tender owner read its normalization" },
};

/** A per-request lookup in the contracts subgraph (a DataLoader in production, a stub in tests). */
export interface Lookup<T> {
  load(id: string): Promise<T | null>;
}

/** What authorisation asks the contracts subgraph, with the caller's token. */
export interface ContractsLookup {
  queue: Lookup<QueueFacts>;
  contract: Lookup<ContractFacts>;
  tender: Lookup<TenderFacts>;
}

export interface AccessContext {
  viewer: Viewer;
  contracts: ContractsLookup;
}

/** A report as the caller named it: the id asked for, and the row when one exists. */
export interface ReportRef {
  id: string;
  row: PerformanceReportRow | null;
}

export interface BidRef {
  tenderId: string;
  bidId: string;
}

function contractParties(facts: { clientId: string; centreId: string } | null): Parties | null {
  return facts ? { clientId: facts.clientId, centreId: facts.centreId } : null;
}

// Contracts shows a tender only to its owner and to the centres invited to it: a caller it shows
// the tender to and who is not the owner is invited.
function tenderParties(viewer: Viewer, tender: TenderFacts | null): Parties | null {
  if (!tender) return null;
  return { ownerId: tender.owner.id, invitedIds: tender.owner.id === viewer.organisationId ? [] : [viewer.organisationId] };
}

export function authorize(ctx: AccessContext, action: 'queue.read' | 'queue.upload', queueId: string): Promise<QueueFacts>;
export function authorize(ctx: AccessContext, action: 'contract.read' | 'contract.publish', contractId: string): Promise<ContractFacts>;
export function authorize(ctx: AccessContext, action: 'report.read' | 'report.review', report: ReportRef): Promise<PerformanceReportRow>;
export function authorize(ctx: AccessContext, action: 'tender.compare', tenderId: string): Promise<TenderFacts>;
export function authorize(ctx: AccessContext, action: 'bid.read', bid: BidRef): Promise<{ tender: TenderFacts; bid: BidFacts }>;
export async function authorize(ctx: AccessContext, action: PerformanceAction, resource: string | ReportRef | BidRef): Promise<unknown> {
  switch (action) {
    case 'queue.read':
    case 'queue.upload': {
      const id = resource as string;
      const facts = await ctx.contracts.queue.load(id);
      decide(PERFORMANCE_ACCESS, ctx.viewer, action, { what: 'Queue', id, parties: contractParties(facts) });
      return facts;
    }
    case 'contract.read':
    case 'contract.publish': {
      const id = resource as string;
      const facts = await ctx.contracts.contract.load(id);
      decide(PERFORMANCE_ACCESS, ctx.viewer, action, { what: 'Contract', id, parties: contractParties(facts) });
      return facts;
    }
    case 'report.read':
    case 'report.review': {
      const { id, row } = resource as ReportRef;
      decide(PERFORMANCE_ACCESS, ctx.viewer, action, { what: 'PerformanceReport', id, parties: contractParties(row) });
      return row;
    }
    case 'tender.compare': {
      const id = resource as string;
      const tender = await ctx.contracts.tender.load(id);
      decide(PERFORMANCE_ACCESS, ctx.viewer, action, { what: 'Tender', id, parties: tenderParties(ctx.viewer, tender) });
      return tender;
    }
    case 'bid.read': {
      const { tenderId, bidId } = resource as BidRef;
      const tender = await ctx.contracts.tender.load(tenderId);
      // Contracts lists only the bids the caller may see: its own, or all of them for the owner after the close.
      const bid = tender?.bids.find((b) => b.id === bidId) ?? null;
      const parties = tender && bid ? { ownerId: tender.owner.id, centreId: bid.centre.id } : null;
      decide(PERFORMANCE_ACCESS, ctx.viewer, action, { what: 'Bid', id: bidId, parties });
      return { tender, bid };
    }
    default:
      throw new Error(`no access rule for action ${String(action)}`);
  }
}
