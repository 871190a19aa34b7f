import { badInput, conflict, FieldProblem, Problems } from '../platform/errors';
import { isUniqueViolation } from '../platform/database';
import { checkNumber, checkText } from '../platform/validate';
import { Bound, boundProblem, BOUNDS, instantProblem, LIST_LIMITS, listProblem, TEXT_LIMITS } from '../metrics/bounds';
import { CANONICAL_VARIANT, CATALOGUE, isMetricKey } from '../metrics/catalogue';
import { validateSums } from '../metrics/kpi';
import { Channel } from '../metrics/vocabulary';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { allows, authorize, bidTarget, isClosed, tenderTarget } from './access';
import { checkListSize, checkPositive, checkRequiredText, figureProblems } from './checks';
import { inTransaction, managerOf, newId, UseCaseContext } from './context';
import { addQueue, checkQueue, checkSlaTarget, createContract, setPriceTerms, setSlaTarget } from './contracts';
import { normalizePriceTerms, PRICE_KIND_OF_BID_MODEL, PriceTermsInput } from './price-terms';
import { priceTermsProblems } from '../metrics/pricing';
import { BidRow, PastActualsValue, PricingValue, StatedFigureValue } from './entities/bid';
import { ContractRow } from './entities/contract';
import { DemandProfileValue, RequirementValue, TenderQueueValue, TenderRow } from './entities/tender';
import { TendersStorage } from './tenders-storage';
import { validateCurrency } from './terms';

/**
 * Procurement: a client's procurement user issues a tender to invited centres, centres bid in
 * their own metric definitions, and after the close the owner compares the bids (normalized by
 * the performance subgraph) and awards one, which becomes a draft contract.
 *
 * Every number of a tender and a bid is bounded (metrics/bounds.ts), and so is the offered load
 * of each demand interval: the Erlang and normalization work a tender sets off is bounded in time.
 */

const WEEK_SECONDS = 7 * 86_400;
const INTERVAL_SECONDS = [900, 1800, 3600];
const PRICING_MODELS = ['PER_PRODUCTIVE_HOUR', 'PER_HANDLED_CONTACT', 'PER_MINUTE'] as const;
/** The tenders list answers at most this many. */
const LIST_SIZE = 500;

export interface TenderInput {
  title: string;
  description?: string | null;
  closesAt: Date;
  currency: string;
  patienceSeconds: number;
  agentHourCostMinor: number;
  priceWeight: number;
  queues: TenderQueueValue[];
  demand: DemandProfileValue;
  requirements: Array<Omit<RequirementValue, 'variant' | 'comparator' | 'thresholdSeconds'> & { variant?: string | null; comparator?: 'AT_LEAST' | 'AT_MOST' | null; thresholdSeconds?: number | null }>;
  invitedCentreIds: string[];
}

export interface BidInput {
  pricing: PricingValue;
  commitments: StatedFigureValue[];
  proposedHoursPerWeek?: number | null;
  pastPerformance?: StatedFigureValue[] | null;
  pastActuals?: PastActualsValue[] | null;
}

function storageOf(ctx: UseCaseContext): TendersStorage {
  return new TendersStorage(managerOf(ctx));
}

// ---- validation ----

function checkDemand(p: Problems, demand: DemandProfileValue): void {
  const { intervalSeconds, intervals } = demand;
  const knownLength = INTERVAL_SECONDS.includes(intervalSeconds);
  if (!knownLength) p.add('demand.intervalSeconds', `must be one of ${INTERVAL_SECONDS.join(', ')}`);
  const tooMany = listProblem(intervals.length, LIST_LIMITS.demandIntervals, 'intervals');
  if (tooMany) {
    p.add('demand.intervals', tooMany);
    return;
  }
  if (knownLength && intervals.length !== WEEK_SECONDS / intervalSeconds) {
    p.add('demand.intervals', `a representative week of ${intervalSeconds} s intervals has ${WEEK_SECONDS / intervalSeconds} entries, Monday 00:00 first; got ${intervals.length}`);
  }
  intervals.forEach(({ offered, ahtSeconds }, i) => {
    const at = `demand.intervals[${i}]`;
    const offeredProblem = boundProblem(offered, BOUNDS.forecastVolume);
    const ahtProblem = boundProblem(ahtSeconds, BOUNDS.handlingSeconds);
    if (offeredProblem) p.add(`${at}.offered`, offeredProblem);
    if (ahtProblem) p.add(`${at}.ahtSeconds`, ahtProblem);
    if (offeredProblem || ahtProblem || !knownLength) return;
    // The staffing models run per interval on this load: bounded, so normalization is too.
    const load = boundProblem((offered * ahtSeconds) / intervalSeconds, BOUNDS.offeredLoadErlangs);
    if (load) p.add(`${at}.offered`, `the offered load (offered × ahtSeconds / intervalSeconds) ${load}`);
  });
  if (!intervals.some((iv) => iv.offered > 0)) p.add('demand.intervals', 'the demand profile has no contacts');
}

function validateTender(input: TenderInput, now: Date): void {
  const p = new Problems();
  checkRequiredText(p, 'title', input.title, TEXT_LIMITS.name);
  checkText(p, 'description', input.description, TEXT_LIMITS.note);
  const outside = instantProblem(input.closesAt.getTime() / 1000);
  if (outside) p.add('closesAt', outside);
  else if (!(input.closesAt.getTime() > now.getTime())) p.add('closesAt', `must be in the future (after ${now.toISOString()})`);
  p.addAll('', validateCurrency('currency', input.currency));
  checkNumber(p, 'patienceSeconds', input.patienceSeconds, BOUNDS.patienceSeconds);
  checkPositive(p, 'agentHourCostMinor', input.agentHourCostMinor, BOUNDS.unitPriceMinor);
  checkNumber(p, 'priceWeight', input.priceWeight, BOUNDS.weight);
  if (checkListSize(p, 'queues', input.queues, 1, LIST_LIMITS.smallList, 'queues')) {
    input.queues.forEach((q, i) => checkQueue(p, q, `queues[${i}].`));
  }
  checkDemand(p, input.demand);
  let weights = Number.isFinite(input.priceWeight) && input.priceWeight > 0 ? input.priceWeight : 0;
  if (checkListSize(p, 'requirements', input.requirements, 1, LIST_LIMITS.smallList, 'required metrics')) {
    input.requirements.forEach((r, i) => {
      const at = `requirements[${i}]`;
      if ((r.variant ?? CANONICAL_VARIANT) !== CANONICAL_VARIANT) {
        p.add(`${at}.variant`, 'a tender states its requirements in the canonical definitions; bidders state theirs in their own');
      }
      p.addAll('', figureProblems(`${at}.`, { ...r, variant: CANONICAL_VARIANT }, r.goal, 'goal'));
      const weight = boundProblem(r.weight, BOUNDS.weight);
      if (weight) p.add(`${at}.weight`, weight);
      else weights += r.weight;
    });
  }
  if (weights <= 0) p.add('priceWeight', 'the evaluation weights (price and metrics) must not all be 0');
  if (checkListSize(p, 'invitedCentreIds', input.invitedCentreIds, 1, LIST_LIMITS.smallList, 'invited centres')) {
    input.invitedCentreIds.forEach((id, i) => checkText(p, `invitedCentreIds[${i}]`, id, TEXT_LIMITS.reference));
  }
  p.throwIfAny();
}

function checkFigures(p: Problems, field: string, figures: readonly StatedFigureValue[], min: number): void {
  if (!checkListSize(p, field, figures, min, LIST_LIMITS.smallList, 'figures')) return;
  figures.forEach((c, i) => {
    p.addAll('', figureProblems(`${field}[${i}].`, c, c.value, 'value'));
    checkText(p, `${field}[${i}].period`, c.period, TEXT_LIMITS.name);
  });
}

const PERIOD_COUNTS = ['offered', 'answered', 'abandoned'] as const;
const PERIOD_DURATIONS = ['answeredWaitSeconds', 'abandonedWaitSeconds', 'talkSeconds', 'holdSeconds', 'wrapSeconds', 'availableSeconds'] as const;

function checkPastActuals(p: Problems, actuals: readonly PastActualsValue[]): void {
  if (!checkListSize(p, 'pastActuals', actuals, 0, LIST_LIMITS.pastPeriods, 'periods')) return;
  actuals.forEach((a, i) => {
    const at = `pastActuals[${i}]`;
    checkRequiredText(p, `${at}.period`, a.period, TEXT_LIMITS.name);
    const sums: FieldProblem[] = [];
    const bounded = (field: string, value: number | null | undefined, bound: Bound) => {
      const problem = value === null || value === undefined ? null : boundProblem(value, bound);
      if (problem) sums.push({ field: `${at}.${field}`, message: problem });
    };
    for (const f of PERIOD_COUNTS) bounded(f, a[f], BOUNDS.contactsPerPeriod);
    for (const f of PERIOD_DURATIONS) bounded(f, a[f], BOUNDS.secondsPerPeriod);
    for (const f of ['answeredWait', 'abandonedWait'] as const) {
      const problem = listProblem(a[f].length, STANDARD_WAIT_BOUNDS.length, 'counts, one per standard wait bucket,');
      if (problem) sums.push({ field: `${at}.${f}`, message: problem });
    }
    // Consistency is worth checking only on numbers within their bounds.
    if (sums.length === 0) sums.push(...validateSums({ ...a, bucketBounds: [...STANDARD_WAIT_BOUNDS] }).map((e) => ({ field: `${at}.${e.field}`, message: e.message })));
    p.addAll('', sums);
  });
}

function validateBid(tender: TenderRow, input: BidInput): void {
  const p = new Problems();
  if (!(PRICING_MODELS as readonly string[]).includes(input.pricing.model)) p.add('pricing.model', `one of ${PRICING_MODELS.join(', ')}`);
  checkPositive(p, 'pricing.priceMinor', input.pricing.priceMinor, BOUNDS.unitPriceMinor);
  if (input.pricing.currency !== tender.currency) {
    const code = validateCurrency('pricing.currency', input.pricing.currency);
    p.add('pricing.currency', `the tender is priced in ${tender.currency}${code.length === 0 ? `; got ${input.pricing.currency}` : ''}`);
  }
  checkFigures(p, 'commitments', input.commitments, 1);
  checkFigures(p, 'pastPerformance', input.pastPerformance ?? [], 0);
  checkPastActuals(p, input.pastActuals ?? []);
  checkPositive(p, 'proposedHoursPerWeek', input.proposedHoursPerWeek, BOUNDS.hoursPerWeek);
  p.throwIfAny();
}

// ---- use cases ----

export async function createTender(ctx: UseCaseContext, input: TenderInput): Promise<TenderRow> {
  const storage = storageOf(ctx);
  const owner = await storage.organisation(ctx.viewer.organisationId);
  authorize(ctx, 'tender.create', { caller: owner });
  validateTender(input, ctx.now);
  const invited = [...new Set(input.invitedCentreIds)];
  const centres = await storage.centres(invited);
  const unknown = invited.filter((id) => !centres.some((c) => c.id === id));
  if (unknown.length > 0) throw badInput({ field: 'invitedCentreIds', message: `not contact centres: ${unknown.join(', ')}` });
  const tender = Object.assign(new TenderRow(), {
    id: newId(ctx, 'tender'),
    ownerId: ctx.viewer.organisationId,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    status: 'OPEN' as const,
    closesAt: input.closesAt,
    currency: input.currency,
    patienceSeconds: input.patienceSeconds,
    agentHourCostMinor: input.agentHourCostMinor,
    priceWeight: input.priceWeight,
    queues: input.queues,
    demand: input.demand,
    requirements: input.requirements.map((r) => ({
      metric: r.metric,
      variant: CANONICAL_VARIANT,
      thresholdSeconds: r.thresholdSeconds ?? null,
      goal: r.goal,
      comparator: r.comparator ?? (isMetricKey(r.metric) && CATALOGUE[r.metric].better === 'LOWER' ? 'AT_MOST' : 'AT_LEAST'),
      window: r.window,
      weight: r.weight,
    })),
    awardedBidId: null,
    contractId: null,
    createdAt: ctx.now,
  });
  await storage.transaction((tx) => tx.insertTender(tender, invited));
  return tender;
}

/** A tender the caller issued or is invited to, or NOT_FOUND. */
export async function readTender(ctx: UseCaseContext, tenderId: string): Promise<TenderRow> {
  const storage = storageOf(ctx);
  const tender = await storage.tender(tenderId);
  const invited = tender !== null && (await storage.isInvited(tenderId, ctx.viewer.organisationId));
  authorize(ctx, 'tender.read', tenderTarget(tenderId, tender, invited ? [ctx.viewer.organisationId] : []));
  return tender!;
}

/** The tenders the caller issued or is invited to, latest close first. */
export async function listTenders(ctx: UseCaseContext): Promise<TenderRow[]> {
  const org = ctx.viewer.organisationId;
  const { tenders, invitedTo } = await storageOf(ctx).tendersOf(org, LIST_SIZE);
  return tenders.filter((t) => allows(ctx, 'tender.read', tenderTarget(t.id, t, invitedTo.has(t.id) ? [org] : [])));
}

/**
 * An invited centre submits its bid; submitting again before the close replaces it. One
 * transaction: the tender is read, the caller authorised and the whole bid checked before the
 * bid is written.
 */
export async function submitBid(ctx: UseCaseContext, tenderId: string, input: BidInput): Promise<BidRow> {
  const org = ctx.viewer.organisationId;
  try {
    return await storageOf(ctx).transaction(async (storage) => {
      const tender = await storage.tender(tenderId);
      const invited = tender !== null && (await storage.isInvited(tenderId, org));
      authorize(ctx, 'tender.bid', tenderTarget(tenderId, tender, invited ? [org] : []));
      if (isClosed(tender!, ctx.now) || tender!.status !== 'OPEN') throw conflict(`the tender closed at ${tender!.closesAt.toISOString()}; bids are frozen`);
      validateBid(tender!, input);
      const values = {
        pricing: input.pricing,
        commitments: input.commitments.map((c) => ({ ...c, variant: c.variant ?? CANONICAL_VARIANT, thresholdSeconds: c.thresholdSeconds ?? null, shortAbandonSeconds: c.shortAbandonSeconds ?? null })),
        proposedHoursPerWeek: input.proposedHoursPerWeek ?? null,
        pastPerformance: (input.pastPerformance ?? []).map((c) => ({ ...c, variant: c.variant ?? CANONICAL_VARIANT, thresholdSeconds: c.thresholdSeconds ?? null, shortAbandonSeconds: c.shortAbandonSeconds ?? null, period: c.period ?? null })),
        pastActuals: (input.pastActuals ?? []).map((a) => ({ ...a, availableSeconds: a.availableSeconds ?? null })),
        submittedAt: ctx.now,
      };
      const existing = await storage.bidOf(tenderId, org);
      if (existing) {
        await storage.updateBid(existing.id, values);
        return Object.assign(existing, values);
      }
      const bid = Object.assign(new BidRow(), { id: newId(ctx, 'bid'), tenderId, centreId: org, status: 'SUBMITTED' as const, ...values });
      await storage.insertBid(bid);
      return bid;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('your organisation submitted a bid meanwhile; submit again to replace it');
    throw error;
  }
}

/**
 * After the close, the tender owner awards one bid: in one transaction the bids are marked, and
 * a DRAFT contract is created with the tender's queues and its requirements as SLA targets in
 * the canonical definitions, ready for the client to complete and activate. Everything the
 * award will write is checked before the first write.
 */
export async function awardBid(ctx: UseCaseContext, bidId: string): Promise<ContractRow> {
  return storageOf(ctx).transaction(async (storage, tx) => {
    const bid = await storage.bid(bidId);
    const tender = bid && (await storage.tender(bid.tenderId));
    // Before the close the owner is no party to the bids, so an early award is NOT_FOUND, like any bid it may not see.
    authorize(ctx, 'bid.award', bidTarget(bidId, bid, tender, ctx.now));
    if (tender!.status !== 'OPEN') throw conflict('the tender was already awarded');
    const award = awardOf(tender!, bid!, ctx.now);
    const problems = new Problems();
    award.queues.forEach((q, i) => checkQueue(problems, q, `queues[${i}].`));
    award.targets.forEach((r, i) => checkSlaTarget(problems, r, `requirements[${i}].`));
    problems.addAll('', priceTermsProblems(normalizePriceTerms(award.priceTerms), 'pricing.'));
    if (!problems.empty) {
      try {
        problems.throwIfAny();
      } catch (error) {
        throw conflict(`tender ${tender!.id} no longer makes a valid contract: ${(error as Error).message}`);
      }
    }

    if (!(await storage.markAwarded(tender!.id, bid!.id))) throw conflict('the tender was awarded meanwhile');
    // The award acts for the client organisation: its procurement user may create the draft.
    const inner = inTransaction(ctx, tx, { ...ctx.viewer, roles: [...ctx.viewer.roles, 'write'] });
    const contract = await createContract(inner, award.contract);
    const reason = `awarded from tender ${tender!.id}`;
    for (const q of award.queues) await addQueue(inner, contract.id, q, { reason });
    for (const r of award.targets) await setSlaTarget(inner, contract.id, r, { reason });
    // The bid's price, which ranked it, becomes the contract's price terms.
    await setPriceTerms(inner, contract.id, award.priceTerms, { reason: `${reason}: the price of bid ${bid!.id}` });
    await storage.linkContract(tender!.id, contract.id);
    return (await tx.findOneBy(ContractRow, { id: contract.id }))!;
  });
}

/** The draft contract an award makes of a tender and its winning bid. */
function awardOf(tender: TenderRow, bid: BidRow, now: Date) {
  return {
    contract: {
      title: tender.title,
      reference: `tender ${tender.id.slice(0, 8)}`,
      centreId: bid.centreId,
      startDate: now.toISOString().slice(0, 10),
      currency: tender.currency,
    },
    queues: tender.queues.map((q) => ({ name: q.name, channel: q.channel as Channel, direction: 'INBOUND' as const, timeZone: q.timeZone, openingHours: q.openingHours })),
    targets: tender.requirements.map((r) => ({ metric: r.metric, variant: r.variant, thresholdSeconds: r.thresholdSeconds, goal: r.goal, comparator: r.comparator, window: r.window })),
    priceTerms: { components: [{ kind: PRICE_KIND_OF_BID_MODEL[bid.pricing.model], rateMinor: bid.pricing.priceMinor }] } as PriceTermsInput,
  };
}
