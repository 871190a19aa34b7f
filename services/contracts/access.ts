import { GraphQLError } from 'graphql';
import { AccessRule, AccessTable, decide, PartyKind, requireRole, Target } from '../platform/access';
import type { Viewer } from '../platform/auth';
import { forbidden } from '../platform/errors';
import type { BidRow } from './entities/bid';
import type { ContractRow } from './entities/contract';
import type { OrganisationKind, OrganisationRow } from './entities/organisation';
import type { TenderRow } from './entities/tender';
import type { VolumeShareGroupRow } from './entities/volume-share';

/**
 * Every authorisation decision of the contracts subgraph, as one table read by one call:
 * `authorize(ctx, action, resource)`, made by each use case before it reads or writes anything
 * else. A client reads and amends its contracts; a centre reads the contracts it serves;
 * procurement issues tenders and, after the close, reads and awards the bids; an invited centre
 * reads the tender and bids; the hub operator registers organisations. Anybody else is told
 * NOT_FOUND with the id it asked for, exactly as for an id that does not exist.
 *
 * Visibility facts (who the parties of a thing are, and whether the owner may see a bid yet)
 * live in the target builders below, so the table stays a table.
 */
export type ContractsAction =
  | 'organisation.register'
  | 'organisation.list'
  | 'contract.create'
  | 'contract.list'
  | 'contract.read'
  | 'contract.amend'
  | 'queue.lookup'
  | 'tender.create'
  | 'tender.read'
  | 'tender.invitations'
  | 'tender.contract'
  | 'tender.bid'
  | 'bid.read'
  | 'bid.award'
  | 'volumeShareGroup.create'
  | 'volumeShareGroup.replace'
  | 'volumeShareGroup.read'
  | 'volumeShareGroup.list';

interface ContractsRule extends AccessRule {
  /** For an action on no particular resource: the kind of organisation the caller must be. */
  callerKind?: OrganisationKind;
}

/** One rule, or alternatives (any one suffices; the last one's refusal is the answer). */
type Entry = ContractsRule | readonly ContractsRule[];

export const ACCESS_TABLE: Record<ContractsAction, Entry> = {
  'organisation.register': { role: 'admin', parties: 'anyone', denied: 'only the hub operator registers organisations' },
  'organisation.list': { role: 'read', parties: 'anyone', denied: 'the directory of organisations is for members of the hub' },
  'contract.create': { role: 'write', parties: 'anyone', callerKind: 'CLIENT', denied: 'only client organisations create contracts with a centre' },
  'contract.list': { role: 'read', parties: 'anyone', denied: 'listing contracts is for members of the hub' },
  'contract.read': { role: 'read', parties: ['client', 'centre'], denied: 'only the parties to a contract read it' },
  'contract.amend': {
    role: 'write',
    parties: ['client'],
    denied: 'only the client organisation of a contract can change it; the centre has read access',
  },
  'queue.lookup': { role: 'read', parties: 'anyone', denied: 'looking up queues is for members of the hub' },
  'tender.create': { role: 'procure', parties: 'anyone', callerKind: 'CLIENT', denied: 'only client organisations issue tenders' },
  // The issuer's procurement user reads its tender with the procure role alone.
  'tender.read': [
    { role: 'procure', parties: ['owner'], denied: 'only the issuer and the invited centres see a tender' },
    { role: 'read', parties: ['owner', 'invited'], denied: 'only the issuer and the invited centres see a tender' },
  ],
  'tender.invitations': [
    { role: 'procure', parties: ['owner'], denied: 'only the issuer sees whom it invited' },
    { role: 'read', parties: ['owner'], denied: 'only the issuer sees whom it invited' },
  ],
  // The contract an award created: its client (the issuer) and its centre (the winner).
  'tender.contract': [
    { role: 'procure', parties: ['client'], denied: 'only the parties to the awarded contract see it' },
    { role: 'read', parties: ['client', 'centre'], denied: 'only the parties to the awarded contract see it' },
  ],
  'tender.bid': { role: 'write', parties: ['invited'], denied: 'only invited centres bid' },
  // The owner is a party to a bid only once the tender has closed (see bidTarget).
  'bid.read': [
    { role: 'procure', parties: ['owner'], denied: 'a centre sees its own bid; the issuer sees every bid after the close' },
    { role: 'read', parties: ['centre', 'owner'], denied: 'a centre sees its own bid; the issuer sees every bid after the close' },
  ],
  'bid.award': { role: 'procure', parties: ['owner'], denied: 'only the tender owner (procure role) awards' },
  'volumeShareGroup.create': {
    role: 'write',
    parties: 'anyone',
    callerKind: 'CLIENT',
    denied: 'only a client organisation sets the volume shares of its queues',
  },
  'volumeShareGroup.replace': { role: 'write', parties: ['client'], denied: 'only the client of a volume share group changes it' },
  'volumeShareGroup.read': { role: 'read', parties: ['client'], denied: 'only the client of a volume share group reads it' },
  'volumeShareGroup.list': { role: 'read', parties: 'anyone', denied: 'listing volume share groups is for members of the hub' },
};

/** An action on no particular resource whose rule names the kind of organisation the caller must be. */
export interface CallerResource {
  caller: OrganisationRow | null | undefined;
}

export type Resource = Target | CallerResource;

function rulesOf(action: ContractsAction): readonly ContractsRule[] {
  const entry = ACCESS_TABLE[action];
  if (!entry) throw new Error(`no access rule for action ${action}`);
  return Array.isArray(entry) ? entry : [entry as ContractsRule];
}

/**
 * Decides `action` for the caller: throws NOT_FOUND (a stranger, or nothing with that id) or
 * FORBIDDEN (a party without the role, or the wrong party), or returns the caller's party kinds.
 * Actions on a resource take its Target; actions on none take nothing, or the caller's
 * organisation when the rule names a kind.
 */
export function authorize(ctx: { viewer: Viewer }, action: ContractsAction, resource?: Resource): PartyKind[] {
  const rules = rulesOf(action);
  if (rules[0].parties === 'anyone') {
    const rule = rules[0];
    requireRole(ctx.viewer, rule.role, rule.denied);
    if (rule.callerKind) {
      const caller = resource && 'caller' in resource ? resource.caller : undefined;
      if (!caller) throw forbidden(`your organisation ${ctx.viewer.organisationId} is not registered with the hub`);
      if (caller.kind !== rule.callerKind) throw forbidden(rule.denied);
    }
    return [];
  }
  if (!resource || 'caller' in resource) throw new Error(`action ${action} needs the resource it acts on`);
  let refusal: unknown;
  for (const rule of rules) {
    try {
      return decide({ [action]: rule } as AccessTable<ContractsAction>, ctx.viewer, action, resource);
    } catch (error) {
      refusal = error;
    }
  }
  throw refusal;
}

/**
 * The read helper for reference resolvers and fields that filter what a caller sees: true when
 * `authorize` would allow, false when it would refuse.
 */
export function allows(ctx: { viewer: Viewer }, action: ContractsAction, target: Target): boolean {
  try {
    authorize(ctx, action, target);
    return true;
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
}

// ---- targets: what the caller asked for, and the parties when it exists ----

type ContractParties = Pick<ContractRow, 'clientId' | 'centreId'>;

/** A contract, or a thing of a contract (a queue, an SLA target) asked for by its own id. */
export function contractTarget(what: 'Contract' | 'Queue' | 'SlaTarget', id: string, contract: ContractParties | null | undefined): Target {
  return { what, id, parties: contract ? { clientId: contract.clientId, centreId: contract.centreId } : null };
}

/** A tender: its issuer is the owner; `invitedIds` are the invited centres (or just the caller, when invited). */
export function tenderTarget(id: string, tender: Pick<TenderRow, 'ownerId'> | null | undefined, invitedIds: readonly string[]): Target {
  return { what: 'Tender', id, parties: tender ? { ownerId: tender.ownerId, invitedIds } : null };
}

/** Whether a tender has closed at `now`: bids are frozen, and the owner sees them. */
export function isClosed(tender: Pick<TenderRow, 'closesAt'>, now: Date): boolean {
  return tender.closesAt.getTime() <= now.getTime();
}

/** A bid: the bidding centre, and the tender's owner once the tender has closed at `now`. */
export function bidTarget(id: string, bid: Pick<BidRow, 'centreId'> | null | undefined, tender: Pick<TenderRow, 'ownerId' | 'closesAt'> | null | undefined, now: Date): Target {
  return {
    what: 'Bid',
    id,
    parties: bid && tender ? { centreId: bid.centreId, ownerId: isClosed(tender, now) ? tender.ownerId : null } : null,
  };
}

export function volumeShareGroupTarget(id: string, group: Pick<VolumeShareGroupRow, 'clientId'> | null | undefined): Target {
  return { what: 'VolumeShareGroup', id, parties: group ? { clientId: group.clientId } : null };
}
