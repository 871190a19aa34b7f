import { GraphQLError } from 'graphql';
import type { Target } from '../platform/access';
import { ROLES, Role, Viewer } from '../platform/auth';
import { ACCESS_TABLE, allows, authorize, bidTarget, ContractsAction, contractTarget, Resource, tenderTarget, volumeShareGroupTarget } from './access';
import type { OrganisationKind, OrganisationRow } from './entities/organisation';

/**
 * Every action of the contracts subgraph against every kind of caller and every role, as one
 * table: the client of a contract (and issuer of a tender, owner of a volume share group), the
 * centre that serves it (invited to the tender, bidder), a stranger (another client), and the
 * hub operator (an organisation the hub does not know). Procurement is the client organisation
 * with the procure role. Each cell is the answer for a token with that one role.
 */
const CLIENT = 'acme';
const CENTRE = 'callco';
const STRANGER = 'umbrella';
const ADMIN = 'hub-operator';
const NOW = new Date('2026-06-01T00:00:00Z');

type Party = 'client' | 'centre' | 'stranger' | 'admin';
const ORG: Record<Party, string> = { client: CLIENT, centre: CENTRE, stranger: STRANGER, admin: ADMIN };
const KIND: Record<Party, OrganisationKind | null> = { client: 'CLIENT', centre: 'CENTRE', stranger: 'CLIENT', admin: null };
/** The columns: no role, then each role alone. */
const COLUMNS: Array<Role | 'none'> = ['none', ...ROLES];

function viewer(org: string, roles: Role[]): Viewer {
  return { subject: `user@${org}`, organisationId: org, roles };
}

function organisation(party: Party): OrganisationRow | null {
  const kind = KIND[party];
  return kind ? { id: ORG[party], name: ORG[party], kind, createdAt: NOW } : null;
}

const contract = { clientId: CLIENT, centreId: CENTRE };
const tender = { ownerId: CLIENT, closesAt: new Date('2026-05-01T00:00:00Z') };
const bid = { centreId: CENTRE };

/** What each action acts on, as the use case would name it; `caller` for actions on no resource. */
function resourceOf(action: ContractsAction, party: Party): Resource | undefined {
  switch (action) {
    case 'contract.create':
    case 'tender.create':
    case 'volumeShareGroup.create':
      return { caller: organisation(party) };
    case 'contract.read':
    case 'contract.amend':
    case 'tender.contract':
      return contractTarget('Contract', 'c-1', contract);
    case 'tender.read':
    case 'tender.invitations':
    case 'tender.bid':
      return tenderTarget('t-1', tender, [CENTRE]);
    case 'bid.read':
    case 'bid.award':
      return bidTarget('b-1', bid, tender, NOW);
    case 'volumeShareGroup.read':
    case 'volumeShareGroup.replace':
      return volumeShareGroupTarget('vsg-1', { clientId: CLIENT });
    default:
      return undefined;
  }
}

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return String(error.extensions.code);
  }
}

// ok = allowed, F = FORBIDDEN, N = NOT_FOUND; columns: none read write procure admin.
const EXPECTED: Record<ContractsAction, Record<Party, string>> = {
  'organisation.register': { client: 'F F F F ok', centre: 'F F F F ok', stranger: 'F F F F ok', admin: 'F F F F ok' },
  'organisation.list': { client: 'F ok ok F F', centre: 'F ok ok F F', stranger: 'F ok ok F F', admin: 'F ok ok F F' },
  'contract.create': { client: 'F F ok F F', centre: 'F F F F F', stranger: 'F F ok F F', admin: 'F F F F F' },
  'contract.list': { client: 'F ok ok F F', centre: 'F ok ok F F', stranger: 'F ok ok F F', admin: 'F ok ok F F' },
  'contract.read': { client: 'F ok ok F F', centre: 'F ok ok F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'contract.amend': { client: 'F F ok F F', centre: 'F F F F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'queue.lookup': { client: 'F ok ok F F', centre: 'F ok ok F F', stranger: 'F ok ok F F', admin: 'F ok ok F F' },
  'tender.create': { client: 'F F F ok F', centre: 'F F F F F', stranger: 'F F F ok F', admin: 'F F F F F' },
  'tender.read': { client: 'F ok ok ok F', centre: 'F ok ok F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'tender.invitations': { client: 'F ok ok ok F', centre: 'F F F F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'tender.contract': { client: 'F ok ok ok F', centre: 'F ok ok F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'tender.bid': { client: 'F F F F F', centre: 'F F ok F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'bid.read': { client: 'F ok ok ok F', centre: 'F ok ok F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'bid.award': { client: 'F F F ok F', centre: 'F F F F F', stranger: 'N N N N N', admin: 'N N N N N' },
  'volumeShareGroup.create': { client: 'F F ok F F', centre: 'F F F F F', stranger: 'F F ok F F', admin: 'F F F F F' },
  'volumeShareGroup.replace': { client: 'F F ok F F', centre: 'N N N N N', stranger: 'N N N N N', admin: 'N N N N N' },
  'volumeShareGroup.read': { client: 'F ok ok F F', centre: 'N N N N N', stranger: 'N N N N N', admin: 'N N N N N' },
  'volumeShareGroup.list': { client: 'F ok ok F F', centre: 'F ok ok F F', stranger: 'F ok ok F F', admin: 'F ok ok F F' },
};

const CODE: Record<string, string> = { ok: 'ok', F: 'FORBIDDEN', N: 'NOT_FOUND' };

const cells = (Object.keys(EXPECTED) as ContractsAction[]).flatMap((action) =>
  (Object.keys(ORG) as Party[]).flatMap((party) =>
    EXPECTED[action][party].split(' ').map((cell, i) => [action, party, COLUMNS[i], CODE[cell]] as const),
  ),
);

describe('authorize: action × party × role', () => {
  it('covers every action of the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
  });

  it.each(cells)('%s by the %s with role %s: %s', (action, party, column, expected) => {
    const roles = column === 'none' ? [] : [column];
    expect(outcome(() => authorize({ viewer: viewer(ORG[party], roles) }, action, resourceOf(action, party)))).toBe(expected);
  });

  it('lets a write token read, as write includes read', () => {
    expect(outcome(() => authorize({ viewer: viewer(CENTRE, ['write']) }, 'contract.read', contractTarget('Contract', 'c-1', contract)))).toBe('ok');
  });

  it('gives the owner the bids only after the close: before it, a bid is NOT_FOUND to the owner, as to anyone', () => {
    const early = bidTarget('b-1', bid, { ...tender, closesAt: new Date('2026-07-01T00:00:00Z') }, NOW);
    expect(outcome(() => authorize({ viewer: viewer(CLIENT, ['read', 'procure']) }, 'bid.award', early))).toBe('NOT_FOUND');
    expect(outcome(() => authorize({ viewer: viewer(CLIENT, ['read', 'procure']) }, 'bid.read', early))).toBe('NOT_FOUND');
    expect(outcome(() => authorize({ viewer: viewer(CENTRE, ['read']) }, 'bid.read', early))).toBe('ok');
  });
});

describe('a stranger learns nothing', () => {
  const targets: Array<[ContractsAction, Target, Target]> = [
    ['contract.read', contractTarget('Contract', 'c-1', contract), contractTarget('Contract', 'c-1', null)],
    ['contract.amend', contractTarget('Contract', 'c-1', contract), contractTarget('Contract', 'c-1', null)],
    ['contract.amend', contractTarget('Queue', 'q-1', contract), contractTarget('Queue', 'q-1', null)],
    ['contract.amend', contractTarget('SlaTarget', 's-1', contract), contractTarget('SlaTarget', 's-1', null)],
    ['tender.read', tenderTarget('t-1', tender, [CENTRE]), tenderTarget('t-1', null, [])],
    ['tender.bid', tenderTarget('t-1', tender, [CENTRE]), tenderTarget('t-1', null, [])],
    ['bid.read', bidTarget('b-1', bid, tender, NOW), bidTarget('b-1', null, null, NOW)],
    ['bid.award', bidTarget('b-1', bid, tender, NOW), bidTarget('b-1', null, null, NOW)],
    ['volumeShareGroup.read', volumeShareGroupTarget('vsg-1', { clientId: CLIENT }), volumeShareGroupTarget('vsg-1', null)],
    ['volumeShareGroup.replace', volumeShareGroupTarget('vsg-1', { clientId: CLIENT }), volumeShareGroupTarget('vsg-1', null)],
  ];

  function message(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      return `${(error as GraphQLError).extensions.code}: ${(error as GraphQLError).message}`;
    }
    return 'ok';
  }

  it.each(targets)('%s on %j: the same answer for a real id as for a made-up one, naming only the id asked', (action, real, madeUp) => {
    for (const roles of [[], ['read'], ['read', 'write', 'procure', 'admin']] as Role[][]) {
      const stranger = { viewer: viewer(STRANGER, roles) };
      const answer = message(() => authorize(stranger, action, real));
      expect(answer).toBe(message(() => authorize(stranger, action, madeUp)));
      expect(answer).toBe(`NOT_FOUND: ${real.what} ${real.id} was not found (or is not visible to your organisation)`);
    }
  });

  it('names the queue or SLA target asked for, never its contract', () => {
    expect(() => authorize({ viewer: viewer(STRANGER, ['write']) }, 'contract.amend', contractTarget('Queue', 'q-1', contract))).toThrow(/^Queue q-1 was not found/);
    expect(() => authorize({ viewer: viewer(STRANGER, ['write']) }, 'contract.amend', contractTarget('SlaTarget', 's-1', contract))).toThrow(/^SlaTarget s-1 was not found/);
  });
});

describe('what a refused party is told', () => {
  it('the centre may read a contract but not change it', () => {
    expect(() => authorize({ viewer: viewer(CENTRE, ['write']) }, 'contract.amend', contractTarget('Contract', 'c-1', contract))).toThrow(/only the client organisation/);
  });

  it('a client with read only needs the write role to change it', () => {
    expect(() => authorize({ viewer: viewer(CLIENT, ['read']) }, 'contract.amend', contractTarget('Contract', 'c-1', contract))).toThrow(/write role/);
  });

  it('an organisation the hub does not know is named; the role is checked first', () => {
    expect(() => authorize({ viewer: viewer('org-unknown', ['write']) }, 'contract.create', { caller: null })).toThrow(/org-unknown is not registered/);
    expect(() => authorize({ viewer: viewer('org-unknown', ['read']) }, 'contract.create', { caller: null })).toThrow(/write role/);
  });

  it('a centre does not create contracts', () => {
    expect(() => authorize({ viewer: viewer(CENTRE, ['write']) }, 'contract.create', { caller: organisation('centre') })).toThrow(/only client organisations/);
  });
});

describe('allows', () => {
  it('answers true or false where authorize would allow or refuse', () => {
    const target = contractTarget('Contract', 'c-1', contract);
    expect(allows({ viewer: viewer(CENTRE, ['read']) }, 'contract.read', target)).toBe(true);
    expect(allows({ viewer: viewer(STRANGER, ['read']) }, 'contract.read', target)).toBe(false);
    expect(allows({ viewer: viewer(CENTRE, []) }, 'contract.read', target)).toBe(false);
  });
});
