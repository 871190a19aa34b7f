import { GraphQLError } from 'graphql';
import type { BidFacts, ContractFacts, QueueFacts, TenderFacts } from '../clients/contracts';
import { Role, Viewer } from '../platform/auth';
import { AccessContext, authorize, ContractsLookup, PERFORMANCE_ACCESS, PerformanceAction } from './access';
import type { PerformanceReportRow } from './entities/performance-report';

/**
 * Every action of the performance subgraph × every party × every role, decided by `authorize`
 * against a stub of the contracts subgraph (no HTTP). The stub answers as contracts does: a
 * queue or contract only to its client and centre, a tender only to its owner and the centres
 * invited, a bid only to its centre and (after the close) the owner.
 */
const CLIENT = 'acme';
const CENTRE = 'callco';
const STRANGER = 'umbrella';
const OWNER = 'buyer';
const BIDDER = 'centre-a';
const OTHER_INVITED = 'centre-b';

const QUEUE: QueueFacts = { id: 'q-1', timeZone: 'Europe/Paris', contractId: 'ct-1', contractStatus: 'ACTIVE', clientId: CLIENT, centreId: CENTRE };
const CONTRACT: ContractFacts = {
  id: 'ct-1', status: 'ACTIVE', clientId: CLIENT, centreId: CENTRE, monthlyFeeMinor: null, currency: 'EUR',
  queues: [{ id: 'q-1', timeZone: 'Europe/Paris' }], slaTargets: [], complaintTerms: null,
};
const REPORT = { id: 'r-1', contractId: 'ct-1', clientId: CLIENT, centreId: CENTRE, status: 'PUBLISHED' } as PerformanceReportRow;
const BID: BidFacts = {
  id: 'b-1', centre: { id: BIDDER, name: 'Centre A' }, pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3500, currency: 'EUR' },
  commitments: [], proposedHoursPerWeek: null, pastPerformance: [], pastActuals: [],
};
const TENDER: TenderFacts = {
  id: 't-1', owner: { id: OWNER }, closed: true, currency: 'EUR', patienceSeconds: 90, agentHourCostMinor: 3000, priceWeight: 0.5,
  demand: { intervalSeconds: 900, intervals: [] }, requirements: [], bids: [BID],
};

function lookup<T>(answer: (org: string, id: string) => T | null, org: string) {
  return { load: async (id: string) => answer(org, id) };
}

/** Contracts as the caller `org` sees it. */
function contractsAs(org: string): ContractsLookup {
  const party = (o: string) => o === CLIENT || o === CENTRE;
  return {
    queue: lookup((o, id) => (id === QUEUE.id && party(o) ? QUEUE : null), org),
    contract: lookup((o, id) => (id === CONTRACT.id && party(o) ? CONTRACT : null), org),
    tender: lookup((o, id) => {
      if (id !== TENDER.id || ![OWNER, BIDDER, OTHER_INVITED].includes(o)) return null;
      return { ...TENDER, bids: TENDER.bids.filter((b) => o === OWNER || b.centre.id === o) };
    }, org),
  };
}

function ctxOf(org: string, roles: Role[], contracts = contractsAs(org)): AccessContext {
  const viewer: Viewer = { subject: `user-of-${org}`, organisationId: org, roles };
  return { viewer, contracts };
}

/** What each action is asked about: the real resource, and one with a made-up id. */
const RESOURCES: Record<PerformanceAction, { real: unknown; madeUp: unknown }> = {
  'queue.read': { real: 'q-1', madeUp: 'q-404' },
  'queue.upload': { real: 'q-1', madeUp: 'q-404' },
  'contract.read': { real: 'ct-1', madeUp: 'ct-404' },
  'contract.publish': { real: 'ct-1', madeUp: 'ct-404' },
  'report.read': { real: { id: 'r-1', row: REPORT }, madeUp: { id: 'r-404', row: null } },
  'report.review': { real: { id: 'r-1', row: REPORT }, madeUp: { id: 'r-404', row: null } },
  'tender.compare': { real: 't-1', madeUp: 't-404' },
  'bid.read': { real: { tenderId: 't-1', bidId: 'b-1' }, madeUp: { tenderId: 't-1', bidId: 'b-404' } },
};

async function outcome(ctx: AccessContext, action: PerformanceAction, resource: unknown): Promise<string> {
  try {
    await (authorize as (c: AccessContext, a: PerformanceAction, r: unknown) => Promise<unknown>)(ctx, action, resource);
    return 'ok';
  } catch (error) {
    return String((error as GraphQLError).extensions?.code ?? error);
  }
}

const ROLE_SETS: Role[][] = [[], ['read'], ['write'], ['procure'], ['admin']];

/** Who may do what; every other party of the resource is FORBIDDEN, everyone else NOT_FOUND. */
const ALLOWED: Record<PerformanceAction, { parties: string[]; others: string[]; allowed: Record<string, Role[]> }> = {
  'queue.read': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] } },
  'queue.upload': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CENTRE]: ['write'] } },
  'contract.read': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] } },
  'contract.publish': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CENTRE]: ['write'] } },
  'report.read': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CLIENT]: ['read', 'write'], [CENTRE]: ['read', 'write'] } },
  'report.review': { parties: [CLIENT, CENTRE], others: [STRANGER], allowed: { [CLIENT]: ['write'] } },
  'tender.compare': { parties: [OWNER, BIDDER, OTHER_INVITED], others: [STRANGER], allowed: { [OWNER]: ['procure'] } },
  // Contracts lists a bid only to its centre and the owner: another invited centre does not see it.
  'bid.read': { parties: [OWNER, BIDDER], others: [OTHER_INVITED, STRANGER], allowed: { [OWNER]: ['read', 'write'], [BIDDER]: ['read', 'write'] } },
};

const CASES = (Object.keys(PERFORMANCE_ACCESS) as PerformanceAction[]).flatMap((action) => {
  const spec = ALLOWED[action];
  return [...spec.parties, ...spec.others].flatMap((org) =>
    ROLE_SETS.map((roles): [PerformanceAction, string, Role[], string] => {
      if (!spec.parties.includes(org)) return [action, org, roles, 'NOT_FOUND'];
      const ok = roles.some((r) => (spec.allowed[org] ?? []).includes(r));
      return [action, org, roles, ok ? 'ok' : 'FORBIDDEN'];
    }),
  );
});

describe('authorize: action × party × role', () => {
  it('covers every action of the table', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(PERFORMANCE_ACCESS).sort());
  });

  it.each(CASES)('%s by %s with %j → %s', async (action, org, roles, expected) => {
    expect(await outcome(ctxOf(org, roles), action, RESOURCES[action].real)).toBe(expected);
  });
});

describe('a stranger learns nothing', () => {
  it.each(Object.keys(PERFORMANCE_ACCESS) as PerformanceAction[])('%s: the same NOT_FOUND for a real id as for a made-up one', async (action) => {
    const messageOf = async (resource: unknown, madeUpId: string) => {
      try {
        await (authorize as (c: AccessContext, a: PerformanceAction, r: unknown) => Promise<unknown>)(ctxOf(STRANGER, ['read', 'write', 'procure', 'admin']), action, resource);
        return 'ok';
      } catch (error) {
        const e = error as GraphQLError;
        // The message names what was asked for: replace that id to compare the two answers.
        return `${e.extensions.code}: ${e.message.replace(madeUpId, '<id>')}`;
      }
    };
    const { real, madeUp } = RESOURCES[action];
    const idOf = (r: unknown) => (typeof r === 'string' ? r : ((r as { id?: string; bidId?: string }).bidId ?? (r as { id: string }).id));
    const a = await messageOf(real, idOf(real));
    const b = await messageOf(madeUp, idOf(madeUp));
    expect(a).toMatch(/^NOT_FOUND: /);
    expect(a).toBe(b);
  });

  it('even when contracts answers for a non-party (a view it may grant), a queue, contract or report is NOT_FOUND to it', async () => {
    const leaky: ContractsLookup = { queue: lookup(() => QUEUE, STRANGER), contract: lookup(() => CONTRACT, STRANGER), tender: lookup(() => null, STRANGER) };
    const ctx = ctxOf(STRANGER, ['read', 'write', 'admin'], leaky);
    for (const action of ['queue.read', 'queue.upload', 'contract.read', 'contract.publish', 'report.read', 'report.review'] as PerformanceAction[]) {
      expect(await outcome(ctx, action, RESOURCES[action].real)).toBe('NOT_FOUND');
    }
  });
});

describe('a peer that fails', () => {
  it('keeps the peer error code: a contracts subgraph that is down or slow is not taken for NOT_FOUND', async () => {
    for (const code of ['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']) {
      const failing = { load: async () => Promise.reject(new GraphQLError('contracts did not answer', { extensions: { code } })) };
      const ctx = ctxOf(CENTRE, ['write'], { queue: failing, contract: failing, tender: failing });
      expect(await outcome(ctx, 'queue.upload', 'q-1')).toBe(code);
      expect(await outcome(ctx, 'contract.publish', 'ct-1')).toBe(code);
    }
  });

  it('returns the facts it decided on, so the use case asks contracts no second time', async () => {
    let calls = 0;
    const counting: ContractsLookup = { ...contractsAs(CENTRE), queue: { load: async () => (calls++, QUEUE) } };
    expect(await authorize(ctxOf(CENTRE, ['write'], counting), 'queue.upload', 'q-1')).toBe(QUEUE);
    expect(calls).toBe(1);
  });
});
