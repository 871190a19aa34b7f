import { In } from 'typeorm';
import { hasRole } from '../platform/auth';
import { isUniqueViolation } from '../platform/database';
import { badInput, conflict, FieldProblem, forbidden, notFound, Problems } from '../platform/errors';
import { CANONICAL_VARIANT, CATALOGUE, isMetricKey, MetricDefinition, validateDefinition, validateGoal } from '../metrics/catalogue';
import { addQueue, createContract, managerOf, newId, setSlaTarget, UseCaseContext } from './contracts';
import { BidRow, PastActualsValue, PricingValue, StatedFigureValue } from './entities/bid';
import { validateSums } from '../metrics/kpi';
import { STANDARD_WAIT_BOUNDS } from '../metrics/wait-buckets';
import { ContractRow } from './entities/contract';
import { OrganisationRow } from './entities/organisation';
import { DemandProfileValue, RequirementValue, TenderInvitationRow, TenderQueueValue, TenderRow } from './entities/tender';
import { validateCurrency, validateOpeningHours, validateTimeZone } from './terms';
import { Channel } from '../metrics/vocabulary';

/**
 * Procurement: a client's procurement user issues a tender to invited centres, centres bid in
 * their own metric definitions, and after the close the owner compares the bids (normalized by
 * the performance subgraph) and awards one, which becomes a draft contract.
 */

const WEEK_SECONDS = 7 * 86_400;
const PRICING_MODELS = ['PER_PRODUCTIVE_HOUR', 'PER_HANDLED_CONTACT', 'PER_MINUTE'] as const;

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

// ---- authorisation: every decision about tenders and bids ----

export function canSeeTender(ctx: UseCaseContext, tender: TenderRow, invited: boolean): boolean {
  if (tender.ownerId === ctx.viewer.organisationId) return hasRole(ctx.viewer, 'read') || hasRole(ctx.viewer, 'procure');
  return invited && hasRole(ctx.viewer, 'read');
}

export function isClosed(tender: TenderRow, now = Date.now()): boolean {
  return tender.closesAt.getTime() <= now;
}

/** A centre sees its own bid; the owner sees every bid, but only once the tender has closed. */
export function canSeeBid(ctx: UseCaseContext, tender: TenderRow, bid: BidRow): boolean {
  if (bid.centreId === ctx.viewer.organisationId) return hasRole(ctx.viewer, 'read');
  return tender.ownerId === ctx.viewer.organisationId && isClosed(tender) && (hasRole(ctx.viewer, 'procure') || hasRole(ctx.viewer, 'read'));
}

async function isInvited(ctx: UseCaseContext, tenderId: string): Promise<boolean> {
  return (await managerOf(ctx).countBy(TenderInvitationRow, { tenderId, centreId: ctx.viewer.organisationId })) > 0;
}

export async function visibleTender(ctx: UseCaseContext, tenderId: string): Promise<TenderRow> {
  const tender = await managerOf(ctx).findOneBy(TenderRow, { id: tenderId });
  if (!tender || !canSeeTender(ctx, tender, await isInvited(ctx, tenderId))) throw notFound('Tender', tenderId);
  return tender;
}

// ---- validation ----

function definitionProblems(prefix: string, def: MetricDefinition, value: number, what: 'goal' | 'value'): FieldProblem[] {
  const errors = validateDefinition(def).map((e) => ({ field: `${prefix}.${e.field}`, message: e.message }));
  if (errors.length > 0) return errors;
  return validateGoal(def, value).map((e) => ({ field: `${prefix}.${what}`, message: e.message.replace(/^goal/, what) }));
}

function validateTender(input: TenderInput, now: Date): void {
  const p = new Problems();
  if (!input.title?.trim() || input.title.length > 200) p.add('title', 'must be 1 to 200 characters');
  if (input.description && input.description.length > 20_000) p.add('description', 'at most 20,000 characters');
  if (!(input.closesAt.getTime() > now.getTime())) p.add('closesAt', 'must be in the future');
  p.addAll('', validateCurrency('currency', input.currency));
  if (!Number.isInteger(input.patienceSeconds) || input.patienceSeconds < 1 || input.patienceSeconds > 3600) {
    p.add('patienceSeconds', 'mean caller patience must be a whole number of seconds from 1 to 3600');
  }
  if (!Number.isSafeInteger(input.agentHourCostMinor) || input.agentHourCostMinor <= 0) {
    p.add('agentHourCostMinor', 'the cost of an agent hour must be a positive amount in minor units');
  }
  if (!(input.priceWeight >= 0)) p.add('priceWeight', 'must be 0 or more');
  if (input.queues.length < 1 || input.queues.length > 50) p.add('queues', 'from 1 to 50 queues');
  input.queues.forEach((q, i) => {
    if (!q.name?.trim() || q.name.length > 200) p.add(`queues[${i}].name`, 'must be 1 to 200 characters');
    p.addAll('', validateTimeZone(`queues[${i}].timeZone`, q.timeZone));
    p.addAll('', validateOpeningHours(`queues[${i}].openingHours`, q.openingHours));
  });
  const { intervalSeconds, intervals } = input.demand;
  if (![900, 1800, 3600].includes(intervalSeconds)) p.add('demand.intervalSeconds', 'must be 900, 1800 or 3600');
  else if (intervals.length !== WEEK_SECONDS / intervalSeconds) {
    p.add('demand.intervals', `a representative week of ${intervalSeconds} s intervals has ${WEEK_SECONDS / intervalSeconds} entries, Monday 00:00 first; got ${intervals.length}`);
  }
  for (let i = 0; i < intervals.length; i++) {
    const { offered, ahtSeconds } = intervals[i];
    if (!(Number.isFinite(offered) && offered >= 0)) p.add(`demand.intervals[${i}].offered`, 'must be 0 or more');
    if (!(Number.isFinite(ahtSeconds) && ahtSeconds > 0 && ahtSeconds <= 7200)) p.add(`demand.intervals[${i}].ahtSeconds`, 'must be above 0 and at most 7200');
  }
  if (!intervals.some((iv) => iv.offered > 0)) p.add('demand.intervals', 'the demand profile has no contacts');
  if (input.requirements.length < 1 || input.requirements.length > 20) p.add('requirements', 'from 1 to 20 required metrics');
  let weights = input.priceWeight > 0 ? input.priceWeight : 0;
  input.requirements.forEach((r, i) => {
    if ((r.variant ?? CANONICAL_VARIANT) !== CANONICAL_VARIANT) {
      p.add(`requirements[${i}].variant`, 'a tender states its requirements in the canonical definitions; bidders state theirs in their own');
    }
    for (const e of definitionProblems(`requirements[${i}]`, { ...r, variant: CANONICAL_VARIANT }, r.goal, 'goal')) p.add(e.field, e.message);
    if (!(r.weight >= 0)) p.add(`requirements[${i}].weight`, 'must be 0 or more');
    else weights += r.weight;
  });
  if (weights <= 0) p.add('priceWeight', 'the evaluation weights (price and metrics) must not all be 0');
  if (input.invitedCentreIds.length < 1 || input.invitedCentreIds.length > 50) p.add('invitedCentreIds', 'invite from 1 to 50 centres');
  p.throwIfAny();
}

function validateBid(tender: TenderRow, input: BidInput): void {
  const p = new Problems();
  if (!(PRICING_MODELS as readonly string[]).includes(input.pricing.model)) p.add('pricing.model', `one of ${PRICING_MODELS.join(', ')}`);
  if (!Number.isSafeInteger(input.pricing.priceMinor) || input.pricing.priceMinor <= 0) p.add('pricing.priceMinor', 'a positive amount in minor units');
  if (input.pricing.currency !== tender.currency) p.add('pricing.currency', `the tender is priced in ${tender.currency}; got ${input.pricing.currency}`);
  if (input.commitments.length < 1 || input.commitments.length > 20) p.add('commitments', 'from 1 to 20 commitments');
  input.commitments.forEach((c, i) => {
    for (const e of definitionProblems(`commitments[${i}]`, c, c.value, 'value')) p.add(e.field, e.message);
  });
  (input.pastPerformance ?? []).forEach((c, i) => {
    for (const e of definitionProblems(`pastPerformance[${i}]`, c, c.value, 'value')) p.add(e.field, e.message);
  });
  if ((input.pastActuals ?? []).length > 12) p.add('pastActuals', 'at most 12 periods');
  (input.pastActuals ?? []).forEach((a, i) => {
    if (!a.period?.trim() || a.period.length > 100) p.add(`pastActuals[${i}].period`, 'must be 1 to 100 characters, e.g. 2026-Q3');
    for (const e of validateSums({ ...a, bucketBounds: [...STANDARD_WAIT_BOUNDS] })) p.add(`pastActuals[${i}].${e.field}`, e.message);
  });
  if (input.proposedHoursPerWeek != null && !(input.proposedHoursPerWeek > 0 && input.proposedHoursPerWeek < 1_000_000)) {
    p.add('proposedHoursPerWeek', 'must be a positive number of agent hours per week');
  }
  p.throwIfAny();
}

// ---- use cases ----

export async function createTender(ctx: UseCaseContext, input: TenderInput): Promise<TenderRow> {
  if (!hasRole(ctx.viewer, 'procure')) throw forbidden('issuing a tender needs the procure role');
  const m = managerOf(ctx);
  const owner = await m.findOneBy(OrganisationRow, { id: ctx.viewer.organisationId });
  if (!owner || owner.kind !== 'CLIENT') throw forbidden('only client organisations issue tenders');
  const now = new Date();
  validateTender(input, now);
  const centres = await m.findBy(OrganisationRow, { id: In(input.invitedCentreIds), kind: 'CENTRE' });
  const unknown = input.invitedCentreIds.filter((id) => !centres.some((c) => c.id === id));
  if (unknown.length > 0) throw badInput({ field: 'invitedCentreIds', message: `not contact centres: ${unknown.join(', ')}` });
  const tender = m.create(TenderRow, {
    id: newId(ctx, 'tender'),
    ownerId: owner.id,
    title: input.title.trim(),
    description: input.description?.trim() || null,
    status: 'OPEN',
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
    createdAt: now,
  });
  await m.transaction(async (tx) => {
    await tx.insert(TenderRow, tender);
    await tx.insert(TenderInvitationRow, [...new Set(input.invitedCentreIds)].map((centreId) => ({ tenderId: tender.id, centreId })));
  });
  return tender;
}

/** An invited centre submits its bid; submitting again before the close replaces it. */
export async function submitBid(ctx: UseCaseContext, tenderId: string, input: BidInput): Promise<BidRow> {
  const tender = await visibleTender(ctx, tenderId);
  if (tender.ownerId === ctx.viewer.organisationId || !(await isInvited(ctx, tenderId))) throw forbidden('only invited centres bid');
  if (!hasRole(ctx.viewer, 'write')) throw forbidden('submitting a bid needs the write role');
  if (isClosed(tender) || tender.status !== 'OPEN') throw conflict(`the tender closed at ${tender.closesAt.toISOString()}; bids are frozen`);
  validateBid(tender, input);
  const m = managerOf(ctx);
  const values = {
    pricing: input.pricing,
    commitments: input.commitments.map((c) => ({ ...c, variant: c.variant ?? CANONICAL_VARIANT, thresholdSeconds: c.thresholdSeconds ?? null, shortAbandonSeconds: c.shortAbandonSeconds ?? null })),
    proposedHoursPerWeek: input.proposedHoursPerWeek ?? null,
    pastPerformance: (input.pastPerformance ?? []).map((c) => ({ ...c, variant: c.variant ?? CANONICAL_VARIANT, thresholdSeconds: c.thresholdSeconds ?? null, shortAbandonSeconds: c.shortAbandonSeconds ?? null, period: c.period ?? null })),
    pastActuals: (input.pastActuals ?? []).map((a) => ({ ...a, availableSeconds: a.availableSeconds ?? null })),
    submittedAt: new Date(),
  };
  const existing = await m.findOneBy(BidRow, { tenderId, centreId: ctx.viewer.organisationId });
  if (existing) {
    await m.update(BidRow, { id: existing.id }, values);
    return Object.assign(existing, values);
  }
  const bid = m.create(BidRow, { id: newId(ctx, 'bid'), tenderId, centreId: ctx.viewer.organisationId, status: 'SUBMITTED', ...values });
  try {
    await m.insert(BidRow, bid);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('your organisation submitted a bid meanwhile; submit again to replace it');
    throw error;
  }
  return bid;
}

/**
 * After the close, the tender owner awards one bid: in one transaction the bids are marked, and
 * a DRAFT contract is created with the tender's queues and its requirements as SLA targets in
 * the canonical definitions, ready for the client to complete and activate.
 */
export async function awardBid(ctx: UseCaseContext, bidId: string): Promise<ContractRow> {
  const m = managerOf(ctx);
  const bid = await m.findOneBy(BidRow, { id: bidId });
  const tender = bid && (await m.findOneBy(TenderRow, { id: bid.tenderId }));
  // Before the close the owner cannot see the bids, so an early award is NOT_FOUND, like any bid it may not see.
  if (!bid || !tender || !canSeeBid(ctx, tender, bid)) throw notFound('Bid', bidId);
  if (tender.ownerId !== ctx.viewer.organisationId || !hasRole(ctx.viewer, 'procure')) throw forbidden('only the tender owner (procure role) awards');
  if (tender.status !== 'OPEN') throw conflict('the tender was already awarded');
  return m.transaction(async (tx) => {
    const marked = await tx.update(TenderRow, { id: tender.id, status: 'OPEN' }, { status: 'AWARDED', awardedBidId: bid.id });
    if (marked.affected === 0) throw conflict('the tender was awarded meanwhile');
    await tx.update(BidRow, { tenderId: tender.id }, { status: 'NOT_AWARDED' });
    await tx.update(BidRow, { id: bid.id }, { status: 'AWARDED' });
    // The award acts for the client organisation: its procurement user may create the draft.
    const inner: UseCaseContext = { viewer: { ...ctx.viewer, roles: [...ctx.viewer.roles, 'write'] }, db: tx };
    const contract = await createContract(inner, {
      title: tender.title,
      reference: `tender ${tender.id.slice(0, 8)}`,
      centreId: bid.centreId,
      startDate: new Date().toISOString().slice(0, 10),
      currency: tender.currency,
    });
    const reason = `awarded from tender ${tender.id}`;
    for (const q of tender.queues) {
      await addQueue(inner, contract.id, { name: q.name, channel: q.channel as Channel, direction: 'INBOUND', timeZone: q.timeZone, openingHours: q.openingHours }, { reason });
    }
    for (const r of tender.requirements) {
      await setSlaTarget(inner, contract.id, { metric: r.metric, variant: r.variant, thresholdSeconds: r.thresholdSeconds, goal: r.goal, comparator: r.comparator, window: r.window }, { reason });
    }
    await tx.update(TenderRow, { id: tender.id }, { contractId: contract.id });
    return (await tx.findOneBy(ContractRow, { id: contract.id }))!;
  });
}

export async function listTenders(ctx: UseCaseContext): Promise<TenderRow[]> {
  const m = managerOf(ctx);
  const org = ctx.viewer.organisationId;
  const invited = await m.findBy(TenderInvitationRow, { centreId: org });
  const ids = invited.map((i) => i.tenderId);
  const rows = await m
    .getRepository(TenderRow)
    .createQueryBuilder('t')
    .where('t.owner_id = :org', { org })
    .orWhere(ids.length > 0 ? 't.id IN (:...ids)' : '1 = 0', { ids })
    .orderBy('t.closes_at', 'DESC')
    .limit(500)
    .getMany();
  return rows.filter((t) => canSeeTender(ctx, t, ids.includes(t.id)));
}
