import { GraphQLSafeInt } from 'graphql-scalars';
import { Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import type { PerformanceLoaders } from '../loaders';
import { performanceContext } from '../context';
import { BidNormalization, compareBids, normalizedBid } from '../procurement';

type Context = SubgraphContext<PerformanceLoaders>;

@ObjectType({ description: 'A figure under a canonical definition' })
export class CanonicalValue {
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
}

@ObjectType()
export class RecomputedValue {
  @Field(() => String) label!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Boolean) approximate!: boolean;
}

@ObjectType({ description: "One commitment in the bidder's definition and what it means in the canonical ones" })
export class CommitmentNormalization {
  @Field(() => String) stated!: string;
  @Field(() => Float) statedValue!: number;
  @Field(() => Boolean) convertible!: boolean;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Float, { nullable: true, description: 'Agent hours per week of the demand profile this commitment needs' }) staffedHours!: number | null;
  @Field(() => [CanonicalValue]) canonical!: CanonicalValue[];
}

@ObjectType({ description: 'The price of a bid at the staffing its promise needs, at the tender demand' })
export class NormalizedCost {
  @Field(() => String) currency!: string;
  @Field(() => GraphQLSafeInt) weeklyCostMinor!: number;
  @Field(() => GraphQLSafeInt) monthlyCostMinor!: number;
  @Field(() => Float, { nullable: true }) costPerHandledContactMinor!: number | null;
  @Field(() => Float, { description: 'Agent hours per week the price pays for' }) payableHours!: number;
  @Field(() => Float, { description: "Agent hours per week the bid's promise needs" }) requiredHours!: number;
  @Field(() => Float, { nullable: true }) billedHours!: number | null;
  @Field(() => Float) handledContacts!: number;
  @Field(() => Boolean) feasible!: boolean;
  @Field(() => Float) shortfallHours!: number;
  @Field(() => [String]) reasons!: string[];
}

@ObjectType()
export class StatedPastFigure {
  @Field(() => String) stated!: string;
  @Field(() => Float) value!: number;
  @Field(() => String, { nullable: true }) period!: string | null;
  @Field(() => Float, { nullable: true, description: 'The figure under the canonical definition, where raw data exists' }) recomputed!: number | null;
  @Field(() => String) note!: string;
}

@ObjectType({ description: 'Past actuals of a bid (raw sums) recomputed under the canonical definitions' })
export class RecomputedPastActuals {
  @Field(() => String) period!: string;
  @Field(() => GraphQLSafeInt, { description: 'Offered contacts over the period: may exceed 32 bits' }) offered!: number;
  @Field(() => [RecomputedValue]) canonical!: RecomputedValue[];
}

@ObjectType({ description: 'One term of a weighted score: weight × points (0..100, 100 for the best bid)' })
export class ScoreTermView {
  @Field(() => String) name!: string;
  @Field(() => Float) weight!: number;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float) points!: number;
  @Field(() => Float) contribution!: number;
}

@ObjectType({ description: 'A bid in canonical definitions and cost' })
export class BidNormalizationView {
  @Field(() => ID) bidId!: string;
  @Field(() => ID) centreId!: string;
  @Field(() => String) centreName!: string;
  @Field(() => [CommitmentNormalization]) commitments!: CommitmentNormalization[];
  @Field(() => String, { nullable: true, description: 'The commitment needing the most staffing, which sets the figures below' }) binding!: string | null;
  @Field(() => [CanonicalValue]) canonical!: CanonicalValue[];
  @Field(() => NormalizedCost, { nullable: true }) cost!: NormalizedCost | null;
  @Field(() => Boolean, { description: 'False when the price cannot pay for the staffing the promise needs' }) feasible!: boolean;
  @Field(() => [StatedPastFigure]) pastPerformance!: StatedPastFigure[];
  @Field(() => [RecomputedPastActuals]) pastActuals!: RecomputedPastActuals[];
}

@ObjectType()
export class RankedBid extends BidNormalizationView {
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Int, { nullable: true, description: '1 = best; infeasible bids rank after every feasible one' }) rank!: number | null;
  @Field(() => [ScoreTermView]) terms!: ScoreTermView[];
}

@ObjectType()
export class TenderComparison {
  @Field(() => ID) tenderId!: string;
  @Field(() => [String], { description: 'The canonical definitions every bid is stated in below' }) canonicalDefinitions!: string[];
  @Field(() => [RankedBid], { description: 'Best first' }) bids!: RankedBid[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Tender {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Bid {
  @Field(() => ID) id!: string;
  @Directive('@external')
  @Field(() => ID)
  tenderId!: string;
}

function view(n: BidNormalization): BidNormalizationView {
  return { ...n, cost: n.cost ? { ...n.cost } : null };
}

@Resolver(() => Tender)
export class TenderComparisonResolver {
  @FieldResolver(() => TenderComparison, {
    nullable: true,
    description: 'For the owner after the close: every bid converted to the canonical definitions at the tender demand, costed, scored and ranked',
  })
  async comparison(@Root() tender: Tender, @Ctx() ctx: Context): Promise<TenderComparison> {
    const result = await compareBids(performanceContext(ctx), tender.id);
    return {
      ...result,
      bids: result.bids.map((b) => ({ ...view(b), score: b.score?.score ?? null, rank: b.score?.rank ?? null, terms: b.score?.terms ?? [] })),
    };
  }
}

@Resolver(() => Bid)
export class BidNormalizationResolver {
  @Directive('@requires(fields: "tenderId")')
  @FieldResolver(() => BidNormalizationView, { nullable: true, description: 'This bid in the canonical definitions and cost, at the tender demand' })
  async normalized(@Root() bid: Bid, @Ctx() ctx: Context): Promise<BidNormalizationView> {
    return view(await normalizedBid(performanceContext(ctx), bid.tenderId, bid.id));
  }
}
