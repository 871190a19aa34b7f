import { GraphQLError } from 'graphql';
import type { Role, Viewer } from '../platform/auth';
import type { ContractRow } from './entities/contract';
import type { OrganisationRow } from './entities/organisation';
import { authorizeAdmin, authorizeContract, authorizeCreateContract, authorizeList, canRead, isParty } from './policy';

const CLIENT = 'org-client';
const CENTRE = 'org-centre';
const STRANGER = 'org-stranger';

function viewer(organisationId: string, roles: Role[]): Viewer {
  return { subject: `user@${organisationId}`, organisationId, roles };
}

// Only the two party ids matter to the policy; the rest of the row is never read.
const contract = { id: 'c-1', clientId: CLIENT, centreId: CENTRE } as ContractRow;

function organisation(id: string, kind: OrganisationRow['kind']): OrganisationRow {
  return { id, name: id, kind, createdAt: new Date('2026-01-01T00:00:00Z') };
}

/** The `extensions.code` of the GraphQLError `run` throws; fails the test when it does not throw one. */
function errorCode(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.code;
  }
  throw new Error('expected a GraphQLError, but nothing was thrown');
}

describe('isParty and canRead', () => {
  it('knows the client and the centre as parties, nobody else', () => {
    expect(isParty(viewer(CLIENT, []), contract)).toBe(true);
    expect(isParty(viewer(CENTRE, []), contract)).toBe(true);
    expect(isParty(viewer(STRANGER, ['admin']), contract)).toBe(false);
  });

  it('lets a party with read or write read, and nobody without a role', () => {
    expect(canRead(viewer(CENTRE, ['read']), contract)).toBe(true);
    expect(canRead(viewer(CLIENT, ['write']), contract)).toBe(true);
    expect(canRead(viewer(CLIENT, ['procure']), contract)).toBe(false);
    expect(canRead(viewer(STRANGER, ['read', 'write']), contract)).toBe(false);
  });
});

describe('authorizeContract: read', () => {
  it.each([
    ['the client with read', CLIENT, ['read']],
    ['the client with write', CLIENT, ['write']],
    ['the centre with read', CENTRE, ['read']],
    ['the centre with write', CENTRE, ['write']],
  ] as const)('allows %s and returns the contract', (_who, org, roles) => {
    expect(authorizeContract(viewer(org, [...roles]), 'read', contract, 'c-1')).toBe(contract);
  });

  it('hides the contract from a stranger, even an admin, as NOT_FOUND', () => {
    expect(errorCode(() => authorizeContract(viewer(STRANGER, ['read', 'write', 'admin']), 'read', contract, 'c-1'))).toBe('NOT_FOUND');
  });

  it('gives the same NOT_FOUND for a missing contract, naming the requested id', () => {
    expect(() => authorizeContract(viewer(CLIENT, ['read']), 'read', null, 'c-404')).toThrow(/Contract c-404 was not found/);
    expect(errorCode(() => authorizeContract(viewer(CLIENT, ['read']), 'read', undefined, 'c-404'))).toBe('NOT_FOUND');
  });

  it('refuses a party without a read role as FORBIDDEN', () => {
    expect(errorCode(() => authorizeContract(viewer(CLIENT, []), 'read', contract, 'c-1'))).toBe('FORBIDDEN');
    expect(errorCode(() => authorizeContract(viewer(CENTRE, ['procure']), 'read', contract, 'c-1'))).toBe('FORBIDDEN');
  });
});

describe('authorizeContract: amend', () => {
  it('allows the client with write', () => {
    expect(authorizeContract(viewer(CLIENT, ['write']), 'amend', contract, 'c-1')).toBe(contract);
  });

  it('refuses the client with read only as FORBIDDEN', () => {
    expect(() => authorizeContract(viewer(CLIENT, ['read']), 'amend', contract, 'c-1')).toThrow(/write role/);
    expect(errorCode(() => authorizeContract(viewer(CLIENT, ['read']), 'amend', contract, 'c-1'))).toBe('FORBIDDEN');
  });

  it('refuses the centre as FORBIDDEN, even with write: it can see the contract, so NOT_FOUND would be a lie', () => {
    expect(() => authorizeContract(viewer(CENTRE, ['write']), 'amend', contract, 'c-1')).toThrow(/only the client organisation/);
    expect(errorCode(() => authorizeContract(viewer(CENTRE, ['read']), 'amend', contract, 'c-1'))).toBe('FORBIDDEN');
  });

  it('hides the contract from a stranger as NOT_FOUND', () => {
    expect(errorCode(() => authorizeContract(viewer(STRANGER, ['write']), 'amend', contract, 'c-1'))).toBe('NOT_FOUND');
  });

  it('refuses a client without any role as FORBIDDEN', () => {
    expect(errorCode(() => authorizeContract(viewer(CLIENT, []), 'amend', contract, 'c-1'))).toBe('FORBIDDEN');
  });
});

describe('authorizeCreateContract', () => {
  it('allows a client organisation with write', () => {
    expect(() => authorizeCreateContract(viewer(CLIENT, ['write']), organisation(CLIENT, 'CLIENT'))).not.toThrow();
  });

  it('refuses a centre organisation', () => {
    expect(() => authorizeCreateContract(viewer(CENTRE, ['write']), organisation(CENTRE, 'CENTRE'))).toThrow(/only client organisations/);
    expect(errorCode(() => authorizeCreateContract(viewer(CENTRE, ['write']), organisation(CENTRE, 'CENTRE')))).toBe('FORBIDDEN');
  });

  it('refuses an organisation the hub does not know, naming it', () => {
    expect(() => authorizeCreateContract(viewer(STRANGER, ['write']), undefined)).toThrow(/org-stranger is not registered/);
    expect(errorCode(() => authorizeCreateContract(viewer(STRANGER, ['write']), undefined))).toBe('FORBIDDEN');
  });

  it('checks the write role first', () => {
    expect(() => authorizeCreateContract(viewer(CLIENT, ['read']), organisation(CLIENT, 'CLIENT'))).toThrow(/write role/);
    expect(() => authorizeCreateContract(viewer(STRANGER, ['read']), undefined)).toThrow(/write role/);
  });
});

describe('authorizeList', () => {
  it('returns the viewer’s organisation for a reader', () => {
    expect(authorizeList(viewer(CENTRE, ['read']))).toBe(CENTRE);
    expect(authorizeList(viewer(CLIENT, ['write']))).toBe(CLIENT);
  });

  it('refuses a token without read as FORBIDDEN', () => {
    expect(errorCode(() => authorizeList(viewer(CLIENT, ['procure'])))).toBe('FORBIDDEN');
  });
});

describe('authorizeAdmin', () => {
  it('allows the admin role', () => {
    expect(() => authorizeAdmin(viewer('hub', ['admin']))).not.toThrow();
  });

  it.each([[[]], [['read']], [['read', 'write', 'procure']]] as Role[][][])('refuses %j as FORBIDDEN', (roles) => {
    expect(errorCode(() => authorizeAdmin(viewer('hub', roles)))).toBe('FORBIDDEN');
  });
});
