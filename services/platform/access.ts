import { hasRole, Role, Viewer } from './auth';
import { forbidden, notFound } from './errors';

/**
 * The shape every subgraph's authorisation takes: one table of actions, each with the token
 * role it needs and the parties of the resource that may perform it, decided by one call
 * (`decide`) that each subgraph's `access.ts` wraps as `authorize(ctx, action, resource)`.
 *
 * Two answers only, in this order, so existence never shows through:
 * - NOT_FOUND when the resource does not exist or the caller is none of its parties, with the
 *   same message for both (built from what the caller asked for, never from a parent);
 * - FORBIDDEN when the caller is a party but lacks the role, or is the wrong party.
 */
export type PartyKind = 'client' | 'centre' | 'owner' | 'invited';

/** The organisations that are parties to a resource, as the subgraph knows them. */
export interface Parties {
  clientId?: string | null;
  centreId?: string | null;
  /** The issuer of a tender, the client owning a group … */
  ownerId?: string | null;
  /** Organisations invited to a tender. */
  invitedIds?: readonly string[];
}

export interface AccessRule {
  /** The token role the action needs. */
  role: Role;
  /** The parties that may perform it; `anyone` for an action open to every organisation with the role. */
  parties: readonly PartyKind[] | 'anyone';
  /** Says what a party that may see the resource but not do this should know (FORBIDDEN). */
  denied: string;
}

export type AccessTable<A extends string> = Record<A, AccessRule>;

/** What the caller asked for: the kind and id it named, and the parties when the thing exists. */
export interface Target {
  what: string;
  id: string;
  /** null when nothing with this id exists. */
  parties: Parties | null;
}

export function partiesOf(viewer: Viewer, parties: Parties): PartyKind[] {
  const org = viewer.organisationId;
  const kinds: PartyKind[] = [];
  if (parties.clientId === org) kinds.push('client');
  if (parties.centreId === org) kinds.push('centre');
  if (parties.ownerId === org) kinds.push('owner');
  if (parties.invitedIds?.includes(org)) kinds.push('invited');
  return kinds;
}

/** Decides `action` on `target` under `table`; throws NOT_FOUND or FORBIDDEN, or returns the caller's party kinds. */
export function decide<A extends string>(table: AccessTable<A>, viewer: Viewer, action: A, target: Target): PartyKind[] {
  const rule = table[action];
  if (!rule) throw new Error(`no access rule for action ${action}`);
  const kinds = target.parties ? partiesOf(viewer, target.parties) : [];
  if (!target.parties || (rule.parties !== 'anyone' && kinds.length === 0)) throw notFound(target.what, target.id);
  if (!hasRole(viewer, rule.role)) throw forbidden(`${rule.denied} (needs a token with the ${rule.role} role)`);
  if (rule.parties !== 'anyone' && !kinds.some((k) => (rule.parties as readonly PartyKind[]).includes(k))) throw forbidden(rule.denied);
  return kinds;
}

/** For actions on no particular resource (create, list): the role alone decides. */
export function requireRole(viewer: Viewer, role: Role, denied: string): void {
  if (!hasRole(viewer, role)) throw forbidden(`${denied} (needs a token with the ${role} role)`);
}
