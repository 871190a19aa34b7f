import { Arg, Ctx, Field, Float, Int, ObjectType, registerEnumType, FieldResolver, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { BaselineMethod, BaselineResult, queueBaseline } from '../baseline';
import { performanceContext } from '../context';
import type { PerformanceLoaders } from '../loaders';
import { Queue } from './types';

export const BaselineMethodEnum = { SEASONAL_NAIVE: 'SEASONAL_NAIVE', DOUBLE_SEASONAL_SMOOTHING: 'DOUBLE_SEASONAL_SMOOTHING' } as const;
registerEnumType(BaselineMethodEnum, {
  name: 'BaselineMethod',
  description: 'SEASONAL_NAIVE: the same interval last week; DOUBLE_SEASONAL_SMOOTHING: exponential smoothing with daily and weekly seasonality',
});

@ObjectType()
export class BaselinePoint {
  @Field(() => Date) start!: Date;
  @Field(() => Float, { description: 'Expected offered contacts' }) volume!: number;
}

@ObjectType({ description: 'The baseline against actuals already uploaded for its range' })
export class BaselineAccuracy {
  @Field(() => Int) intervals!: number;
  @Field(() => Float, { nullable: true }) wape!: number | null;
  @Field(() => Float, { nullable: true }) mape!: number | null;
  @Field(() => Float, { nullable: true }) bias!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of intervals within ±10 %' }) withinShare!: number | null;
}

@ObjectType({ description: "A forecast of offered contacts per 15 minutes from the queue's own history" })
export class BaselineForecast {
  @Field(() => BaselineMethodEnum) method!: string;
  @Field(() => Date) historyFrom!: Date;
  @Field(() => Date) historyTo!: Date;
  @Field(() => Int) granularityMinutes!: number;
  @Field(() => Float, { nullable: true, description: 'Mean handling time over the history' }) ahtSeconds!: number | null;
  @Field(() => [BaselinePoint]) points!: BaselinePoint[];
  @Field(() => BaselineAccuracy, { nullable: true }) accuracy!: BaselineAccuracy | null;
}

@Resolver(() => Queue)
export class QueueBaselineResolver {
  @FieldResolver(() => BaselineForecast, { nullable: true, description: 'A baseline forecast from this queue history; compare it with a published forecast' })
  async baselineForecast(
    @Root() queue: Queue,
    @Ctx() ctx: SubgraphContext<PerformanceLoaders>,
    @Arg('from', () => Date, { description: 'First interval, on a quarter hour' }) from: Date,
    @Arg('to', () => Date, { description: 'End, exclusive; at most 35 days after from' }) to: Date,
    @Arg('method', () => BaselineMethodEnum, { defaultValue: 'DOUBLE_SEASONAL_SMOOTHING' }) method: BaselineMethod,
    @Arg('historyWeeks', () => Int, { defaultValue: 8, description: 'Weeks of history before from, 2 to 26' }) historyWeeks: number,
  ): Promise<BaselineResult> {
    return queueBaseline(performanceContext(ctx), queue.id, { from, to, method, historyWeeks });
  }
}
