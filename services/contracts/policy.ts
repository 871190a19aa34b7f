import { hasRole, Viewer } from '../platform/auth';
import { forbidden, notFound } from '../platform/errors';
import type { ContractRow } from './entities/contract';
import type { OrganisationRow } from './entities/organisation';

/**
 * Every authorisation decision of the contracts subgraph. A client sees and amends the
 * contracts it is the client of; a centre reads the contracts it serves; nobody else learns
 * that a contract exists (NOT_FOUND, not FORBIDDEN).
 */
export type ContractAction = 'read' | 'amend';

export function isParty(viewer: Viewer, contract: Pick<ContractRow, 'clientId' | 'centreId'>): boolean {
  return contract.clientId === viewer.organisationId || contract.centreId === viewer.organisationId;
}

export function canRead(viewer: Viewer, contract: Pick<ContractRow, 'clientId' | 'centreId'>): boolean {
  return hasRole(viewer, 'read') && isParty(viewer, contract);
}

export function authorizeContract(viewer: Viewer, action: ContractAction, contract: ContractRow | null | undefined, id: string): ContractRow {
  if (!contract || !isParty(viewer, contract)) throw notFound('Contract', id);
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  if (action === 'amend') {
    if (contract.clientId !== viewer.organisationId) {
      throw forbidden('only the client organisation of a contract can change it; the centre has read access');
    }
    if (!hasRole(viewer, 'write')) throw forbidden('changing a contract needs a token with the write role');
  }
  return contract;
}

export function authorizeCreateContract(viewer: Viewer, organisation: OrganisationRow | undefined): void {
  if (!hasRole(viewer, 'write')) throw forbidden('creating a contract needs a token with the write role');
  if (!organisation) throw forbidden(`your organisation ${viewer.organisationId} is not registered with the hub`);
  if (organisation.kind !== 'CLIENT') throw forbidden('only client organisations create contracts with a centre');
}

/** Listing needs the read role; the rows are then filtered to the viewer's organisation. */
export function authorizeList(viewer: Viewer): string {
  if (!hasRole(viewer, 'read')) throw forbidden('your token has no read role');
  return viewer.organisationId;
}

export function authorizeAdmin(viewer: Viewer): void {
  if (!hasRole(viewer, 'admin')) throw forbidden('registering organisations needs the admin role (hub operator)');
}
