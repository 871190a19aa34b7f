import { GraphQLSafeInt } from 'graphql-scalars';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { BidRow } from '../entities/bid';
import { TenderRow } from '../entities/tender';
import type { ContractsLoaders } from '../loaders';
import { clearLoaders } from '../loaders';
import { allows, bidTarget, contractTarget, isClosed, tenderTarget } from '../access';
import { useCaseContext } from '../context';
import * as tenders from '../tenders';
import { ChannelEnum, ComparatorEnum, MeasurementWindowEnum } from './enums';
import { OpeningHoursInput } from './inputs';
import { Contract, OpeningHours, Organisation } from './types';

type Context = SubgraphContext<ContractsLoaders>;

const PricingModelEnum = { PER_PRODUCTIVE_HOUR: 'PER_PRODUCTIVE_HOUR', PER_HANDLED_CONTACT: 'PER_HANDLED_CONTACT', PER_MINUTE: 'PER_MINUTE' } as const;
const TenderStatusEnum = { OPEN: 'OPEN', AWARDED: 'AWARDED' } as const;
const BidStatusEnum = { SUBMITTED: 'SUBMITTED', AWARDED: 'AWARDED', NOT_AWARDED: 'NOT_AWARDED' } as const;
registerEnumType(PricingModelEnum, { name: 'PricingModel', description: 'PER_MINUTE is per handled minute (talk, hold and wrap)' });
registerEnumType(TenderStatusEnum, { name: 'TenderStatus' });
registerEnumType(BidStatusEnum, { name: 'BidStatus' });

@ObjectType()
export class TenderQueue {
  @Field(() => String) name!: string;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String) timeZone!: string;
  @Field(() => [OpeningHours]) openingHours!: OpeningHours[];
}

@Directive('@shareable')
@ObjectType({ description: 'Contacts offered and AHT in one interval of the representative week' })
export class DemandInterval {
  @Field(() => Float) offered!: number;
  @Field(() => Float) ahtSeconds!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'A representative week of demand, Monday 00:00 first' })
export class DemandProfile {
  @Field(() => Int) intervalSeconds!: number;
  @Field(() => [DemandInterval]) intervals!: DemandInterval[];
}

@Directive('@shareable')
@ObjectType({ description: 'A required metric in the canonical definition, with its goal and evaluation weight' })
export class TenderRequirement {
  @Field(() => String) metric!: string;
  @Field(() => String) variant!: string;
  @Field(() => Int, { nullable: true }) thresholdSeconds!: number | null;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum) comparator!: string;
  @Field(() => MeasurementWindowEnum) window!: string;
  @Field(() => Float) weight!: number;
}

@Directive('@shareable')
@ObjectType()
export class Pricing {
  @Field(() => PricingModelEnum) model!: string;
  @Field(() => GraphQLSafeInt) priceMinor!: number;
  @Field(() => String) currency!: string;
}

@Directive('@shareable')
@ObjectType({ description: "A figure in the bidder's own definition: a commitment (value = goal) or a past result" })
export class StatedFigure {
  @Field(() => String) metric!: string;
  @Field(() => String) variant!: string;
  @Field(() => Int, { nullable: true }) thresholdSeconds!: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds!: number | null;
  @Field(() => Float) value!: number;
  @Field(() => String, { nullable: true }) period!: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Raw fields summed over a past period (shared/METRICS.md): any definition can be recomputed from them' })
export class PastActuals {
  @Field(() => String) period!: string;
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) abandoned!: number;
  @Field(() => Float) answeredWaitSeconds!: number;
  @Field(() => Float) abandonedWaitSeconds!: number;
  @Field(() => Float) talkSeconds!: number;
  @Field(() => Float) holdSeconds!: number;
  @Field(() => Float) wrapSeconds!: number;
  @Field(() => Float, { nullable: true }) availableSeconds!: number | null;
  @Field(() => [Int]) answeredWait!: number[];
  @Field(() => [Int]) abandonedWait!: number[];
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A bid of an invited centre; frozen once the tender closes' })
export class Bid {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenderId!: string;
  @Field(() => BidStatusEnum) status!: string;
  @Field(() => Pricing) pricing!: Pricing;
  @Field(() => [StatedFigure]) commitments!: StatedFigure[];
  @Field(() => Float, { nullable: true }) proposedHoursPerWeek!: number | null;
  @Field(() => [StatedFigure]) pastPerformance!: StatedFigure[];
  @Field(() => [PastActuals]) pastActuals!: PastActuals[];
  @Field(() => Date) submittedAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A call for bids: the demand, the required metrics in canonical definitions, the weights' })
export class Tender {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => TenderStatusEnum) status!: string;
  @Field(() => Date) closesAt!: Date;
  @Field(() => String) currency!: string;
  @Field(() => Int, { description: 'Mean caller patience assumed for abandonment (Erlang A)' }) patienceSeconds!: number;
  @Field(() => GraphQLSafeInt, { description: "The buyer's estimate of what an agent hour costs a centre" }) agentHourCostMinor!: number;
  @Field(() => Float) priceWeight!: number;
  @Field(() => [TenderQueue]) queues!: TenderQueue[];
  @Field(() => DemandProfile) demand!: DemandProfile;
  @Field(() => [TenderRequirement]) requirements!: TenderRequirement[];
}

@InputType()
class TenderQueueInput {
  @Field(() => String) name!: string;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String) timeZone!: string;
  @Field(() => [OpeningHoursInput], { defaultValue: [] }) openingHours!: OpeningHoursInput[];
}

@InputType()
class DemandIntervalInput {
  @Field(() => Float) offered!: number;
  @Field(() => Float) ahtSeconds!: number;
}

@InputType()
class DemandProfileInput {
  @Field(() => Int) intervalSeconds!: number;
  @Field(() => [DemandIntervalInput], { description: 'A full week, Monday 00:00 first (672 entries of 15 minutes)' }) intervals!: DemandIntervalInput[];
}

@InputType()
class TenderRequirementInput {
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true, description: 'Must be CANONICAL (the default)' }) variant?: string | null;
  @Field(() => Int, { nullable: true }) thresholdSeconds?: number | null;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum, { nullable: true }) comparator?: 'AT_LEAST' | 'AT_MOST' | null;
  @Field(() => MeasurementWindowEnum) window!: 'INTERVAL' | 'DAY' | 'WEEK' | 'MONTH';
  @Field(() => Float) weight!: number;
}

@InputType()
export class TenderInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Date) closesAt!: Date;
  @Field(() => String) currency!: string;
  @Field(() => Int) patienceSeconds!: number;
  @Field(() => GraphQLSafeInt) agentHourCostMinor!: number;
  @Field(() => Float) priceWeight!: number;
  @Field(() => [TenderQueueInput]) queues!: TenderQueueInput[];
  @Field(() => DemandProfileInput) demand!: DemandProfileInput;
  @Field(() => [TenderRequirementInput]) requirements!: TenderRequirementInput[];
  @Field(() => [ID]) invitedCentreIds!: string[];
}

@InputType()
class PricingInput {
  @Field(() => PricingModelEnum) model!: 'PER_PRODUCTIVE_HOUR' | 'PER_HANDLED_CONTACT' | 'PER_MINUTE';
  @Field(() => GraphQLSafeInt) priceMinor!: number;
  @Field(() => String) currency!: string;
}

@InputType()
class StatedFigureInput {
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true }) variant?: string | null;
  @Field(() => Int, { nullable: true }) thresholdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds?: number | null;
  @Field(() => Float, { description: 'The committed goal, or the achieved value for past performance' }) value!: number;
  @Field(() => String, { nullable: true }) period?: string | null;
}

@InputType({ description: 'Past actuals: the raw interval fields summed over a period, wait buckets as in recordIntervals (13 counts)' })
class PastActualsInput {
  @Field(() => String) period!: string;
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) abandoned!: number;
  @Field(() => Float) answeredWaitSeconds!: number;
  @Field(() => Float) abandonedWaitSeconds!: number;
  @Field(() => Float) talkSeconds!: number;
  @Field(() => Float) holdSeconds!: number;
  @Field(() => Float) wrapSeconds!: number;
  @Field(() => Float, { nullable: true }) availableSeconds?: number | null;
  @Field(() => [Int]) answeredWait!: number[];
  @Field(() => [Int]) abandonedWait!: number[];
}

@InputType()
export class BidInput {
  @Field(() => PricingInput) pricing!: PricingInput;
  @Field(() => [StatedFigureInput]) commitments!: StatedFigureInput[];
  @Field(() => Float, { nullable: true }) proposedHoursPerWeek?: number | null;
  @Field(() => [StatedFigureInput], { nullable: true }) pastPerformance?: StatedFigureInput[] | null;
  @Field(() => [PastActualsInput], { nullable: true, description: 'Past performance as raw data, recomputed under the canonical definitions' })
  pastActuals?: PastActualsInput[] | null;
}

function asFigure(f: StatedFigureInput) {
  return { metric: f.metric, variant: f.variant ?? 'CANONICAL', thresholdSeconds: f.thresholdSeconds ?? null, shortAbandonSeconds: f.shortAbandonSeconds ?? null, value: f.value, period: f.period ?? null };
}

@Resolver()
export class TenderOperations {
  @Query(() => [Tender], { description: 'Tenders you issued (procurement) or are invited to (centres)' })
  tenders(@Ctx() ctx: Context): Promise<TenderRow[]> {
    return tenders.listTenders(useCaseContext(ctx));
  }

  @Query(() => Tender, { description: 'NOT_FOUND unless you issued it or are invited' })
  tender(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<TenderRow> {
    return tenders.readTender(useCaseContext(ctx), id);
  }

  @Mutation(() => Tender, { description: 'A client procurement user (procure role) issues a tender to invited centres' })
  async createTender(@Ctx() ctx: Context, @Arg('input', () => TenderInput) input: TenderInput): Promise<TenderRow> {
    const tender = await tenders.createTender(useCaseContext(ctx), {
      ...input,
      queues: input.queues.map((q) => ({ ...q, openingHours: q.openingHours.map((h) => ({ ...h })) })),
      demand: { intervalSeconds: input.demand.intervalSeconds, intervals: input.demand.intervals.map((i) => ({ offered: i.offered, ahtSeconds: i.ahtSeconds })) },
      requirements: input.requirements.map((r) => ({ ...r })),
    });
    clearLoaders(ctx.loaders);
    return tender;
  }

  @Mutation(() => Bid, { description: 'An invited centre bids (again, to replace its bid) before the close' })
  submitBid(@Ctx() ctx: Context, @Arg('tenderId', () => ID) tenderId: string, @Arg('input', () => BidInput) input: BidInput): Promise<BidRow> {
    return tenders.submitBid(useCaseContext(ctx), tenderId, {
      pricing: { ...input.pricing },
      commitments: input.commitments.map(asFigure),
      proposedHoursPerWeek: input.proposedHoursPerWeek ?? null,
      pastPerformance: (input.pastPerformance ?? []).map(asFigure),
      pastActuals: (input.pastActuals ?? []).map((a) => ({ ...a, availableSeconds: a.availableSeconds ?? null })),
    });
  }

  @Mutation(() => Contract, { description: 'After the close, the owner awards a bid: a DRAFT contract with the tender queues and targets' })
  async awardBid(@Ctx() ctx: Context, @Arg('bidId', () => ID) bidId: string) {
    const contract = await tenders.awardBid(useCaseContext(ctx), bidId);
    clearLoaders(ctx.loaders);
    return contract;
  }
}

@Resolver(() => Tender)
export class TenderFieldResolvers {
  @FieldResolver(() => Organisation)
  owner(@Root() t: TenderRow, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.load(t.ownerId);
  }

  @FieldResolver(() => Boolean, { description: 'True once closesAt has passed: bids are frozen' })
  closed(@Root() t: TenderRow, @Ctx() ctx: Context): boolean {
    return isClosed(t, ctx.now);
  }

  @FieldResolver(() => [Organisation], { nullable: 'items', description: 'Visible to the owner only' })
  async invitedCentres(@Root() t: TenderRow, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.invitationsByTender.load(t.id);
    if (!allows(ctx, 'tender.invitations', tenderTarget(t.id, t, ids))) return [];
    return Promise.all(ids.map((id) => ctx.loaders.organisation.load(id)));
  }

  @FieldResolver(() => [Bid], { description: 'A centre sees its own bid; the owner sees every bid once the tender has closed' })
  async bids(@Root() t: TenderRow, @Ctx() ctx: Context): Promise<BidRow[]> {
    const rows = await ctx.loaders.bidsByTender.load(t.id);
    return rows.filter((b) => allows(ctx, 'bid.read', bidTarget(b.id, b, t, ctx.now)));
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The draft contract created by the award' })
  async contract(@Root() t: TenderRow, @Ctx() ctx: Context) {
    if (!t.contractId) return null;
    const contract = await ctx.loaders.contract.load(t.contractId);
    return allows(ctx, 'tender.contract', contractTarget('Contract', t.contractId, contract)) ? contract : null;
  }
}

@Resolver(() => Bid)
export class BidFieldResolvers {
  @FieldResolver(() => Organisation)
  centre(@Root() b: BidRow, @Ctx() ctx: Context) {
    return ctx.loaders.organisation.load(b.centreId);
  }

  @FieldResolver(() => Tender)
  tender(@Root() b: BidRow, @Ctx() ctx: Context) {
    return ctx.loaders.tender.load(b.tenderId);
  }
}

/** Federation references, filtered by the same visibility rules. */
export const tenderReferenceResolvers = {
  Tender: async (ref: { id: string }, ctx: Context) => {
    const [tender, invited] = await Promise.all([ctx.loaders.tender.load(ref.id), ctx.loaders.invitationsByTender.load(ref.id)]);
    return allows(ctx, 'tender.read', tenderTarget(ref.id, tender, invited)) ? tender : null;
  },
  Bid: async (ref: { id: string }, ctx: Context) => {
    const bid = await ctx.loaders.bid.load(ref.id);
    const tender = bid && (await ctx.loaders.tender.load(bid.tenderId));
    return allows(ctx, 'bid.read', bidTarget(ref.id, bid, tender, ctx.now)) ? bid : null;
  },
};
