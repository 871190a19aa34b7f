import DataLoader from 'dataloader';
import { fromPeerError, Peer, postGraphQL } from './graphql-http';
import { notFound } from '../platform/errors';

/**
 * The client other subgraphs use to ask the contracts subgraph about queues and contracts, with
 * the caller's own token. Contracts answers only for what the caller may see, so tenancy is
 * decided where the contract lives; the asking subgraph then checks the role (a centre uploads,
 * a client approves). Loaders: one request per batch, created per incoming request.
 */
export interface QueueFacts {
  id: string;
  timeZone: string;
  contractId: string;
  contractStatus: string;
  clientId: string;
  centreId: string;
}

export interface TargetVersionFacts {
  effectiveFrom: string;
  effectiveTo: string | null;
  queueId: string | null;
  metric: string;
  variant: string;
  thresholdSeconds: number | null;
  shortAbandonSeconds: number | null;
  repeatWindowDays: number | null;
  tolerance: number | null;
  goal: number;
  comparator: 'AT_LEAST' | 'AT_MOST';
  window: 'INTERVAL' | 'DAY' | 'WEEK' | 'MONTH';
  creditPercentPerPoint: number | null;
  creditCapPercent: number | null;
  /** The least sample a window needs to be judged; null or absent: any. */
  minimumSample?: number | null;
}

export interface TargetFacts {
  id: string;
  contractId: string;
  history: TargetVersionFacts[];
}

export interface StatedFigureFacts {
  metric: string;
  variant: string;
  thresholdSeconds: number | null;
  shortAbandonSeconds: number | null;
  value: number;
  period: string | null;
}

export interface BidFacts {
  id: string;
  centre: { id: string; name: string };
  pricing: { model: 'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_MINUTE'; priceMinor: number; currency: string };
  commitments: StatedFigureFacts[];
  proposedHoursPerWeek: number | null;
  pastPerformance: StatedFigureFacts[];
  pastActuals: PastActualsFacts[];
}

/** A bid's past actuals as raw monthly sums (wait counts per standard bucket). */
export interface PastActualsFacts {
  period: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWaitSeconds: number;
  abandonedWaitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapSeconds: number;
  availableSeconds: number | null;
  answeredWait: number[];
  abandonedWait: number[];
}

export interface TenderFacts {
  id: string;
  owner: { id: string };
  closed: boolean;
  currency: string;
  patienceSeconds: number;
  agentHourCostMinor: number;
  priceWeight: number;
  demand: { intervalSeconds: number; intervals: Array<{ offered: number; ahtSeconds: number }> };
  requirements: Array<{ metric: string; variant: string; thresholdSeconds: number | null; goal: number; comparator: 'AT_LEAST' | 'AT_MOST'; weight: number }>;
  /** Only the bids the caller may see: its own, or all of them for the owner after the close. */
  bids: BidFacts[];
}

export interface ContractFacts {
  id: string;
  status: string;
  clientId: string;
  centreId: string;
  monthlyFeeMinor: number | null;
  currency: string;
  queues: Array<{ id: string; timeZone: string }>;
  slaTargets: TargetFacts[];
  /** ISO 10002 clocks agreed in the contract; null when the contract has none. */
  complaintTerms: ComplaintTermsFacts | null;
}

export interface ComplaintTermsFacts {
  acknowledgeWithinHours: number;
  resolveWithinDays: number;
  calendar: {
    timeZone: string;
    hours: Array<{ weekday: 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY'; opens: string; closes: string }>;
    holidays: string[];
  };
}

/** A queue's share of its volume share group, as the parties of its contract see it. */
export interface VolumeShareFacts {
  groupId: string;
  groupName: string;
  share: number;
}

/** A volume share group as its client sees it: only the client is answered. */
export interface VolumeShareGroupFacts {
  id: string;
  name: string;
  members: Array<{ queueId: string; contractId: string; centreId: string; share: number }>;
}

/** The selection SlaTarget.compliance @requires, and the one reports ask for: one definition of "what defines a target". */
export const TARGET_VERSION_FIELDS =
  'effectiveFrom effectiveTo queueId metric variant thresholdSeconds shortAbandonSeconds repeatWindowDays tolerance goal comparator window creditPercentPerPoint creditCapPercent minimumSample';

const COMPLAINT_TERMS_SELECTION = 'acknowledgeWithinHours resolveWithinDays calendar { timeZone hours { weekday opens closes } holidays }';
const QUEUE_SELECTION = 'id timeZone contract { id status client { id } centre { id } }';
const CONTRACT_SELECTION = `id status currency client { id } centre { id } monthlyFee { amountMinor } queues { id timeZone } slaTargets { id contractId history { ${TARGET_VERSION_FIELDS} } } complaintTerms { ${COMPLAINT_TERMS_SELECTION} }`;

const FIGURE = 'metric variant thresholdSeconds shortAbandonSeconds value period';
const TENDER_SELECTION = `id owner { id } closed currency patienceSeconds agentHourCostMinor priceWeight demand { intervalSeconds intervals { offered ahtSeconds } } requirements { metric variant thresholdSeconds goal comparator weight } bids { id centre { id name } pricing { model priceMinor currency } commitments { ${FIGURE} } proposedHoursPerWeek pastPerformance { ${FIGURE} } pastActuals { period offered answered abandoned answeredWaitSeconds abandonedWaitSeconds talkSeconds holdSeconds wrapSeconds availableSeconds answeredWait abandonedWait } }`;

interface RawQueue {
  id: string;
  timeZone: string;
  contract: { id: string; status: string; client: { id: string }; centre: { id: string } };
}

interface RawContract {
  id: string;
  status: string;
  currency: string;
  client: { id: string };
  centre: { id: string };
  monthlyFee: { amountMinor: number } | null;
  queues: Array<{ id: string; timeZone: string }>;
  slaTargets: TargetFacts[];
  complaintTerms: ComplaintTermsFacts | null;
}

/**
 * One request to contracts. NOT_FOUND for the whole answer means "not visible" and gives no
 * data; any other error of the whole answer is raised with its code.
 */
async function post<T>(peer: Peer, query: string, variables: Record<string, unknown>): Promise<{ data?: T | null }> {
  const body = await postGraphQL<T>(peer, query, variables);
  if (!body.data && body.errors?.length) {
    const first = body.errors[0];
    if (first.extensions?.code === 'NOT_FOUND') return {};
    throw fromPeerError(peer, first);
  }
  return body;
}

function contractFacts(c: RawContract): ContractFacts {
  return {
    id: c.id,
    status: c.status,
    clientId: c.client.id,
    centreId: c.centre.id,
    monthlyFeeMinor: c.monthlyFee?.amountMinor ?? null,
    currency: c.currency,
    queues: c.queues,
    slaTargets: c.slaTargets,
    complaintTerms: c.complaintTerms ?? null,
  };
}

export function createContractsClient(peer: Peer) {
  return {
    queue: new DataLoader<string, QueueFacts | null>(
      async (ids) => {
        const body = await post<{ queues: Array<RawQueue | null> }>(peer, `query($ids: [ID!]!) { queues(ids: $ids) { ${QUEUE_SELECTION} } }`, { ids });
        return (body.data?.queues ?? ids.map(() => null)).map((q) =>
          q
            ? { id: q.id, timeZone: q.timeZone, contractId: q.contract.id, contractStatus: q.contract.status, clientId: q.contract.client.id, centreId: q.contract.centre.id }
            : null,
        );
      },
      { maxBatchSize: 500 },
    ),
    // One request per batch: contract entities the caller may not see resolve to null.
    contract: new DataLoader<string, ContractFacts | null>(
      async (ids) => {
        const body = await post<{ _entities: Array<RawContract | null> }>(
          peer,
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Contract { ${CONTRACT_SELECTION} } } }`,
          { reps: ids.map((id) => ({ __typename: 'Contract', id })) },
        );
        return ids.map((_, i) => {
          const c = body.data?._entities?.[i];
          return c && c.id ? contractFacts(c) : null;
        });
      },
      { maxBatchSize: 500 },
    ),
    /** Per queue, its share of a volume share group (null when in none or not visible); a separate request, so the queue facts stay as they were. */
    volumeShare: new DataLoader<string, VolumeShareFacts | null>(
      async (ids) => {
        const body = await post<{ queues: Array<{ id: string; volumeShare: VolumeShareFacts | null } | null> }>(
          peer,
          `query($ids: [ID!]!) { queues(ids: $ids) { id volumeShare { groupId groupName share } } }`,
          { ids },
        );
        return (body.data?.queues ?? ids.map(() => null)).map((q) => q?.volumeShare ?? null);
      },
      { maxBatchSize: 500 },
    ),
    volumeShareGroup: new DataLoader<string, VolumeShareGroupFacts | null>((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const body = await post<{ volumeShareGroup: { id: string; name: string; members: Array<{ queue: { id: string; contract: { id: string } }; centre: { id: string }; share: number }> } | null }>(
            peer,
            `query($id: ID!) { volumeShareGroup(id: $id) { id name members { queue { id contract { id } } centre { id } share } } }`,
            { id },
          );
          const g = body.data?.volumeShareGroup;
          return g ? { id: g.id, name: g.name, members: g.members.map((m) => ({ queueId: m.queue.id, contractId: m.queue.contract.id, centreId: m.centre.id, share: m.share })) } : null;
        }),
      ),
    ),
    /**
     * A contract's complaint-handling terms as they stood at each of some instants (epoch
     * seconds), from `Contract.asOf(at:)`: null where the contract had none then (or did not yet
     * exist). Aliased reads, 25 instants per request; NOT_FOUND when the caller may not see it.
     */
    async complaintTermsAsOf(contractId: string, instants: readonly number[]): Promise<Map<number, ComplaintTermsFacts | null>> {
      const out = new Map<number, ComplaintTermsFacts | null>();
      const distinct = [...new Set(instants)];
      for (let i = 0; i < distinct.length; i += 25) {
        const part = distinct.slice(i, i + 25);
        const declared = part.map((_, j) => `$at${j}: DateTime!`).join(', ');
        const aliases = part.map((_, j) => `t${j}: asOf(at: $at${j}) { complaintTerms { ${COMPLAINT_TERMS_SELECTION} } }`).join(' ');
        const variables: Record<string, unknown> = { reps: [{ __typename: 'Contract', id: contractId }] };
        part.forEach((epoch, j) => (variables[`at${j}`] = new Date(epoch * 1000).toISOString()));
        const body = await postGraphQL<{ _entities: Array<Record<string, { complaintTerms: ComplaintTermsFacts | null } | null> | null> }>(
          peer,
          `query($reps: [_Any!]!, ${declared}) { _entities(representations: $reps) { ... on Contract { id ${aliases} } } }`,
          variables,
        );
        if (body.errors?.length) throw fromPeerError(peer, body.errors[0]);
        const entity = body.data?._entities?.[0];
        if (!entity) throw notFound('Contract', contractId);
        part.forEach((epoch, j) => out.set(epoch, entity[`t${j}`]?.complaintTerms ?? null));
      }
      return out;
    },
    tender: new DataLoader<string, TenderFacts | null>((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const body = await post<{ tender: TenderFacts | null }>(peer, `query($id: ID!) { tender(id: $id) { ${TENDER_SELECTION} } }`, { id });
          return body.data?.tender ?? null;
        }),
      ),
    ),
  };
}

export type ContractsClient = ReturnType<typeof createContractsClient>;

/** One version of a contract's price terms (services/metrics/pricing.ts PriceTerms), as contracts states it. */
export interface PriceTermsVersionFacts {
  effectiveFrom: string;
  effectiveTo: string | null;
  revision: number;
  terms: {
    components: Array<{
      code: string;
      kind: 'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_HANDLED_MINUTE' | 'PER_FTE' | 'FIXED_MONTHLY';
      rateMinor: number;
      queueId: string | null;
      bands: Array<{ fromPercent: number; toPercent: number | null; rateMinor: number }>;
    }>;
    fteHoursPerMonth: number | null;
    minimumMonthlyMinor: number | null;
    capMonthlyMinor: number | null;
    creditCapPercent: number | null;
    bonuses: Array<{ slaTargetId: string; minShareMet: number; percent: number }>;
    earnBackMonths: number | null;
  };
}

/** What billing needs of a contract: its facts and its price terms over time. */
export interface PricedContractFacts extends ContractFacts {
  priceTermsHistory: PriceTermsVersionFacts[];
}

const PRICE_TERMS_SELECTION =
  'priceTermsHistory { effectiveFrom effectiveTo revision terms { components { code kind rateMinor queueId bands { fromPercent toPercent rateMinor } } fteHoursPerMonth minimumMonthlyMinor capMonthlyMinor creditCapPercent bonuses { slaTargetId minShareMet percent } earnBackMonths } }';

/**
 * The billing subgraph's view of contracts (issue 14): the contract facts and the price terms in
 * force over time, in one request per batch, with the caller's token (a contract the caller may
 * not see is null).
 */
export function createPricedContractsClient(peer: Peer) {
  return {
    contract: new DataLoader<string, PricedContractFacts | null>(
      async (ids) => {
        const body = await post<{ _entities: Array<(RawContract & { priceTermsHistory: PriceTermsVersionFacts[] }) | null> }>(
          peer,
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Contract { ${CONTRACT_SELECTION} ${PRICE_TERMS_SELECTION} } } }`,
          { reps: ids.map((id) => ({ __typename: 'Contract', id })) },
        );
        return ids.map((_, i) => {
          const c = body.data?._entities?.[i];
          return c && c.id ? { ...contractFacts(c), priceTermsHistory: c.priceTermsHistory } : null;
        });
      },
      { maxBatchSize: 500 },
    ),
  };
}

export type PricedContractsClient = ReturnType<typeof createPricedContractsClient>;
