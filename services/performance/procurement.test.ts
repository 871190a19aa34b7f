import { GraphQLError } from 'graphql';
import type { BidFacts, TenderFacts } from '../clients/contracts';
import { BOUNDS } from '../metrics/bounds';
import { compareBids, normalizedBid } from './procurement';

/**
 * Bid normalization is bounded in time: the tender's demand (and the bids' figures) are checked
 * against the domain bounds before any Erlang work, and a tender stored beyond them answers a
 * coded error at once instead of searching staffing for a million contacts an interval.
 */
const BID: BidFacts = {
  id: 'b-1', centre: { id: 'centre-a', name: 'Centre A' }, pricing: { model: 'PER_PRODUCTIVE_HOUR', priceMinor: 3500, currency: 'EUR' },
  commitments: [{ metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, shortAbandonSeconds: null, value: 0.8, period: null }],
  proposedHoursPerWeek: null, pastPerformance: [], pastActuals: [],
};

function tender(intervals: Array<{ offered: number; ahtSeconds: number }>, overrides: Partial<TenderFacts> = {}): TenderFacts {
  return {
    id: 't-1', owner: { id: 'buyer' }, closed: true, currency: 'EUR', patienceSeconds: 90, agentHourCostMinor: 3000, priceWeight: 0.5,
    demand: { intervalSeconds: 900, intervals },
    requirements: [{ metric: 'SERVICE_LEVEL', variant: 'CANONICAL', thresholdSeconds: 20, goal: 0.8, comparator: 'AT_LEAST', weight: 0.5 }],
    bids: [BID], ...overrides,
  };
}

function ctxWith(facts: TenderFacts, org = 'buyer', roles: Array<'read' | 'procure'> = ['read', 'procure']) {
  return {
    viewer: { subject: 'u', organisationId: org, roles },
    db: null as never,
    now: new Date('2026-06-01T00:00:00Z'),
    contracts: { queue: { load: async () => null }, contract: { load: async () => null }, tender: { load: async (id: string) => (id === facts.id ? facts : null) } },
    loaders: { bidNormalizations: new Map() } as never,
  };
}

async function failure(run: Promise<unknown>): Promise<GraphQLError> {
  try {
    await run;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error');
}

describe('normalization facts beyond the bounds', () => {
  it('answers CONFLICT for a demand of a million contacts an interval, naming the fact and its bound', async () => {
    const absurd = tender([{ offered: 1_000_000, ahtSeconds: 300 }, { offered: 50, ahtSeconds: 300 }]);
    const error = await failure(compareBids(ctxWith(absurd), 't-1'));
    expect(error.extensions.code).toBe('CONFLICT');
    expect(error.message).toMatch(/tender\.demand\.intervals\[0\]\.offered: must be between 0 and 20000 contacts/);
    const own = await failure(normalizedBid(ctxWith(absurd, 'centre-a', ['read']), 't-1', 'b-1'));
    expect(own.extensions.code).toBe('CONFLICT');
  }, 10_000);

  it('refuses an offered load beyond the Erlang bound, an AHT, patience or interval length beyond theirs', async () => {
    const load = BOUNDS.offeredLoadErlangs.max + 1;
    const cases: Array<[TenderFacts, RegExp]> = [
      [tender([{ offered: (load * 900) / 3600, ahtSeconds: 3600 }]), /intervals\[0\]\.offeredLoadErlangs: must be between 0 and 2000 Erlangs/],
      [tender([{ offered: 10, ahtSeconds: 1e308 }]), /intervals\[0\]\.ahtSeconds/],
      [tender([{ offered: 10, ahtSeconds: 300 }], { patienceSeconds: 1e308 }), /tender\.patienceSeconds/],
      [tender([{ offered: 10, ahtSeconds: 300 }], { demand: { intervalSeconds: 1, intervals: [{ offered: 10, ahtSeconds: 300 }] } }), /tender\.demand\.intervalSeconds/],
      [tender([{ offered: 10, ahtSeconds: 300 }], { bids: [{ ...BID, pricing: { ...BID.pricing, priceMinor: 1e308 } }] }), /bid b-1\.pricing\.priceMinor/],
    ];
    for (const [facts, message] of cases) {
      const error = await failure(compareBids(ctxWith(facts), 't-1'));
      expect(error.extensions.code).toBe('CONFLICT');
      expect(error.message).toMatch(message);
    }
  });

  it('normalizes a demand at the bound, once a request however often it is asked', async () => {
    const atBound = tender(Array.from({ length: 8 }, () => ({ offered: (BOUNDS.offeredLoadErlangs.max * 900) / 300, ahtSeconds: 300 })));
    const ctx = ctxWith(atBound);
    const first = await compareBids(ctx, 't-1');
    expect(first.bids[0].commitments[0].convertible).toBe(true);
    const again = await normalizedBid(ctx, 't-1', 'b-1');
    expect(again.canonical).toBe(first.bids[0].canonical);
  });
});
