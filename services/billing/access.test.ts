import { GraphQLError } from 'graphql';
import type { PricedContractFacts } from '../clients/contracts';
import { Role, Viewer } from '../platform/auth';
import { AccessContext, authorize, BILLING_ACCESS, BillingAction } from './access';
import type { InvoiceRow } from './entities/invoice';
import type { StatementRow } from './entities/statement';

/**
 * Every action of the billing subgraph × every party × every role, decided by `authorize`
 * against a stub of the contracts subgraph (no HTTP), which answers a contract only to its client
 * and centre, as contracts does.
 */
const CLIENT = 'acme';
const CENTRE = 'callco';
const STRANGER = 'umbrella';

const CONTRACT: PricedContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: CLIENT, centreId: CENTRE, monthlyFeeMinor: null, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [], complaintTerms: null, priceTermsHistory: [],
};
const STATEMENT = { id: 'st-1', contractId: 'ct-1', clientId: CLIENT, centreId: CENTRE, status: 'ISSUED' } as StatementRow;
const INVOICE = { id: 'inv-1', contractId: 'ct-1', clientId: CLIENT, centreId: CENTRE, status: 'SUBMITTED' } as InvoiceRow;

function contractsAs(org: string): AccessContext['contracts'] {
  return { contract: { load: async (id: string) => (id === CONTRACT.id && (org === CLIENT || org === CENTRE) ? CONTRACT : null) } };
}

function ctxOf(org: string, roles: Role[], contracts = contractsAs(org)): AccessContext {
  const viewer: Viewer = { subject: `user-of-${org}`, organisationId: org, roles };
  return { viewer, contracts };
}

const RESOURCES: Record<BillingAction, { real: unknown; madeUp: unknown }> = {
  'contract.read': { real: 'ct-1', madeUp: 'ct-404' },
  'statement.issue': { real: 'ct-1', madeUp: 'ct-404' },
  'invoice.submit': { real: 'ct-1', madeUp: 'ct-404' },
  'statement.read': { real: { id: 'st-1', row: STATEMENT }, madeUp: { id: 'st-404', row: null } },
  'invoice.read': { real: { id: 'inv-1', row: INVOICE }, madeUp: { id: 'inv-404', row: null } },
  'invoice.review': { real: { id: 'inv-1', row: INVOICE }, madeUp: { id: 'inv-404', row: null } },
};

async function outcome(ctx: AccessContext, action: BillingAction, resource: unknown): Promise<string> {
  try {
    await (authorize as (c: AccessContext, a: BillingAction, r: unknown) => Promise<unknown>)(ctx, action, resource);
    return 'ok';
  } catch (error) {
    return String((error as GraphQLError).extensions?.code ?? error);
  }
}

const ROLE_SETS: Role[][] = [[], ['read'], ['write'], ['procure'], ['admin']];

/** Who may do what; the other party is FORBIDDEN, a stranger NOT_FOUND. */
const ALLOWED: Record<BillingAction, Record<string, Role[]>> = {
  'contract.read': { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] },
  'statement.issue': { [CLIENT]: ['write'], [CENTRE]: ['write'] },
  'statement.read': { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] },
  'invoice.submit': { [CENTRE]: ['write'] },
  'invoice.read': { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] },
  'invoice.review': { [CLIENT]: ['write'] },
};

const CASES = (Object.keys(BILLING_ACCESS) as BillingAction[]).flatMap((action) =>
  [CLIENT, CENTRE, STRANGER].flatMap((org) =>
    ROLE_SETS.map((roles): [BillingAction, string, Role[], string] => {
      if (org === STRANGER) return [action, org, roles, 'NOT_FOUND'];
      const ok = roles.some((r) => (ALLOWED[action][org] ?? []).includes(r));
      return [action, org, roles, ok ? 'ok' : 'FORBIDDEN'];
    }),
  ),
);

describe('authorize: action × party × role', () => {
  it('covers every action of the table', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(BILLING_ACCESS).sort());
  });

  it.each(CASES)('%s by %s with %j → %s', async (action, org, roles, expected) => {
    expect(await outcome(ctxOf(org, roles), action, RESOURCES[action].real)).toBe(expected);
  });
});

describe('a stranger learns nothing', () => {
  it.each(Object.keys(BILLING_ACCESS) as BillingAction[])('%s: the same NOT_FOUND for a real id as for a made-up one', async (action) => {
    const messageOf = async (resource: unknown, id: string) => {
      try {
        await (authorize as (c: AccessContext, a: BillingAction, r: unknown) => Promise<unknown>)(ctxOf(STRANGER, ['read', 'write', 'procure', 'admin']), action, resource);
        return 'ok';
      } catch (error) {
        const e = error as GraphQLError;
        return `${e.extensions.code}: ${e.message.replace(id, '<id>')}`;
      }
    };
    const { real, madeUp } = RESOURCES[action];
    const idOf = (r: unknown) => (typeof r === 'string' ? r : (r as { id: string }).id);
    const a = await messageOf(real, idOf(real));
    expect(a).toMatch(/^NOT_FOUND: /);
    expect(a).toBe(await messageOf(madeUp, idOf(madeUp)));
  });

  it('even when contracts answers for a non-party, a contract, statement or invoice is NOT_FOUND to it', async () => {
    const ctx = ctxOf(STRANGER, ['read', 'write', 'admin'], { contract: { load: async () => CONTRACT } });
    for (const action of Object.keys(BILLING_ACCESS) as BillingAction[]) expect(await outcome(ctx, action, RESOURCES[action].real)).toBe('NOT_FOUND');
  });
});

describe('a peer that fails', () => {
  it('keeps the peer error code: a contracts subgraph that is down or slow is not taken for NOT_FOUND', async () => {
    for (const code of ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']) {
      const failing = { load: async () => Promise.reject(new GraphQLError('contracts did not answer', { extensions: { code } })) };
      expect(await outcome(ctxOf(CENTRE, ['write'], { contract: failing }), 'invoice.submit', 'ct-1')).toBe(code);
    }
  });

  it('returns the facts it decided on, so the use case asks contracts no second time', async () => {
    let calls = 0;
    const counting = { contract: { load: async () => (calls++, CONTRACT) } };
    expect(await authorize(ctxOf(CENTRE, ['write'], counting), 'invoice.submit', 'ct-1')).toBe(CONTRACT);
    expect(calls).toBe(1);
  });
});
