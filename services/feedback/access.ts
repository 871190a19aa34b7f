import { DataSource } from 'typeorm';
import { hasRole, Viewer } from '../platform/auth';
import { conflict, forbidden, notFound } from '../platform/errors';
import { ContractFacts, ContractsClient, QueueFacts } from '../clients/contracts';
import type { ComplaintRow, ComplaintStatus } from './entities/complaint';

/** What the feedback use cases run with. */
export interface FeedbackContext {
  viewer: Viewer;
  db: DataSource;
  contracts: ContractsClient;
  /** Injected so tests and the seed can set the time; Date.now() by default. */
  now?: () => number;
}

export function nowEpoch(ctx: FeedbackContext): number {
  return Math.floor((ctx.now ? ctx.now() : Date.now()) / 1000);
}

/**
 * Every authorisation decision of the feedback subgraph. Visibility comes from the contracts
 * subgraph (it answers only for what the caller may see); a stranger is told NOT_FOUND. Both
 * parties of a contract read everything on it, complaint descriptions and notes included, and
 * with the write role both may upload surveys and record complaints. Transitions: see
 * TRANSITIONS below.
 */
export type FeedbackAction = 'read' | 'upload' | 'record' | 'handle';

type Party = 'CLIENT' | 'CENTRE';

function partyOf(viewer: Viewer, facts: { clientId: string; centreId: string }): Party | null {
  if (viewer.organisationId === facts.centreId) return 'CENTRE';
  if (viewer.organisationId === facts.clientId) return 'CLIENT';
  return null;
}

function partyCheck(viewer: Viewer, action: FeedbackAction, facts: { clientId: string; centreId: string }, what: string, id: string): Party {
  const party = partyOf(viewer, facts);
  // The contracts subgraph already hid strangers' contracts; this guards stored complaints too.
  if (!party) throw notFound(what, id);
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  if (action !== 'read' && !hasRole(viewer, 'write')) throw forbidden(`${action === 'upload' ? 'uploading survey responses' : action === 'record' ? 'recording a complaint' : 'handling a complaint'} needs a token with the write role`);
  return party;
}

export async function authorizeQueue(ctx: FeedbackContext, action: FeedbackAction, queueId: string): Promise<QueueFacts> {
  const facts = await ctx.contracts.queue.load(queueId);
  if (!facts) throw notFound('Queue', queueId);
  partyCheck(ctx.viewer, action, facts, 'Queue', queueId);
  return facts;
}

export async function authorizeContract(ctx: FeedbackContext, action: FeedbackAction, contractId: string): Promise<ContractFacts> {
  const facts = await ctx.contracts.contract.load(contractId);
  if (!facts) throw notFound('Contract', contractId);
  partyCheck(ctx.viewer, action, facts, 'Contract', contractId);
  return facts;
}

/**
 * A stored complaint: only its contract's client and centre see it. The parties are stored with
 * the complaint, so reading one costs no call to the contracts subgraph.
 */
export function authorizeComplaint(ctx: FeedbackContext, action: FeedbackAction, row: ComplaintRow | null, id: string): { row: ComplaintRow; party: Party } {
  if (!row) throw notFound('Complaint', id);
  return { row, party: partyCheck(ctx.viewer, action, row, 'Complaint', id) };
}

/**
 * The ISO 10002 lifecycle: for each status, the statuses it may move to and which party may
 * move it. The centre handles (acknowledges, assesses, investigates, responds); either party may
 * escalate (to the client's complaints lead), withdraw on the customer's behalf, close an
 * answered complaint or reopen it when the customer is not satisfied; an escalated complaint is
 * answered or sent back to investigation by either party (the client gives the final response).
 */
export const TRANSITIONS: Record<ComplaintStatus, Partial<Record<ComplaintStatus, Party[]>>> = {
  RECEIVED: { ACKNOWLEDGED: ['CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  ACKNOWLEDGED: { ASSESSED: ['CENTRE'], ESCALATED: ['CLIENT', 'CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  ASSESSED: { INVESTIGATING: ['CENTRE'], ESCALATED: ['CLIENT', 'CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  INVESTIGATING: { RESPONDED: ['CENTRE'], ESCALATED: ['CLIENT', 'CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  ESCALATED: { INVESTIGATING: ['CLIENT', 'CENTRE'], RESPONDED: ['CLIENT', 'CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  RESPONDED: { CLOSED: ['CLIENT', 'CENTRE'], REOPENED: ['CLIENT', 'CENTRE'] },
  REOPENED: { INVESTIGATING: ['CENTRE'], ESCALATED: ['CLIENT', 'CENTRE'], WITHDRAWN: ['CLIENT', 'CENTRE'] },
  CLOSED: { REOPENED: ['CLIENT', 'CENTRE'] },
  WITHDRAWN: {},
};

/** Refuses a transition the lifecycle does not allow (CONFLICT) or this party may not make (FORBIDDEN). */
export function authorizeTransition(party: Party, from: ComplaintStatus, to: ComplaintStatus): void {
  const allowed = TRANSITIONS[from][to];
  if (!allowed) {
    const next = Object.keys(TRANSITIONS[from]);
    throw conflict(`a ${from} complaint cannot move to ${to}${next.length ? `; it can move to ${next.join(', ')}` : '; it is final'}`);
  }
  if (!allowed.includes(party)) throw forbidden(`only the ${allowed.map((p) => p.toLowerCase()).join(' or ')} moves a ${from} complaint to ${to}`);
}
