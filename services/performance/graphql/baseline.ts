import { Arg, Ctx, Field, Float, InputType, Int, ObjectType, registerEnumType, FieldResolver, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { BaselineMethod, BaselineResult, DEFAULT_HISTORY_WEEKS, queueBaseline } from '../baseline';
import { performanceContext } from '../context';
import type { PerformanceLoaders } from '../loaders';
import { Queue } from './types';

export const BaselineMethodEnum = {
  SEASONAL_NAIVE: 'SEASONAL_NAIVE',
  DOUBLE_SEASONAL_SMOOTHING: 'DOUBLE_SEASONAL_SMOOTHING',
  EXPONENTIAL_SMOOTHING: 'EXPONENTIAL_SMOOTHING',
} as const;
registerEnumType(BaselineMethodEnum, {
  name: 'BaselineMethod',
  description:
    "EXPONENTIAL_SMOOTHING (default): local daily totals by exponential smoothing with a weekly season (and a damped trend when it helps), fitted by likelihood, holidays and outliers kept out, split by each weekday's intraday profile, with prediction intervals; SEASONAL_NAIVE: the same local quarter hour of the latest same weekday, the reference; DOUBLE_SEASONAL_SMOOTHING: the earlier intraday × weekly smoothing over UTC quarter hours with fixed constants, kept for comparison",
  valuesConfig: {
    EXPONENTIAL_SMOOTHING: { description: 'Daily exponential smoothing (ETS) in local time, split by intraday profiles; prediction intervals' },
    SEASONAL_NAIVE: { description: 'The same local quarter hour of the latest same weekday' },
    DOUBLE_SEASONAL_SMOOTHING: { description: 'The earlier double seasonal smoothing over UTC quarter hours' },
  },
});

@InputType({ description: 'An announced volume driver to take into account (the forecasts subgraph publishes them as Queue.volumeDrivers)' })
export class BaselineDriverInput {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Float, { description: 'Ratio of extra contacts while it runs: 0.25 = 25 % more, -0.1 = 10 % fewer' }) uplift!: number;
}

@ObjectType()
export class BaselinePoint {
  @Field(() => Date) start!: Date;
  @Field(() => Float, { description: 'Expected offered contacts (median)' }) volume!: number;
  @Field(() => Float, { nullable: true, description: '80 % prediction interval, lower bound (EXPONENTIAL_SMOOTHING only)' }) lower80!: number | null;
  @Field(() => Float, { nullable: true }) upper80!: number | null;
  @Field(() => Float, { nullable: true, description: '95 % prediction interval' }) lower95!: number | null;
  @Field(() => Float, { nullable: true }) upper95!: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected mean handling time; null when no contact is expected' }) ahtSeconds!: number | null;
}

@ObjectType({ description: 'A whole local day of the queue' })
export class BaselineDay {
  @Field(() => String, { description: 'Local date, YYYY-MM-DD' }) date!: string;
  @Field(() => Float) volume!: number;
  @Field(() => Float, { nullable: true }) lower80!: number | null;
  @Field(() => Float, { nullable: true }) upper80!: number | null;
  @Field(() => Float, { nullable: true }) lower95!: number | null;
  @Field(() => Float, { nullable: true }) upper95!: number | null;
  @Field(() => Float, { nullable: true }) ahtSeconds!: number | null;
  @Field(() => Boolean, { description: 'No contact expected (a closed weekday, or a holiday the queue has always been closed on)' }) closed!: boolean;
  @Field(() => Boolean, { description: "A public holiday of the contract's calendar" }) holiday!: boolean;
}

@ObjectType({ description: 'The baseline against actuals already uploaded for its range' })
export class BaselineAccuracy {
  @Field(() => Int) intervals!: number;
  @Field(() => Float, { nullable: true }) wape!: number | null;
  @Field(() => Float, { nullable: true }) mape!: number | null;
  @Field(() => Float, { nullable: true }) bias!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of intervals within ±10 %' }) withinShare!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of actuals inside the 80 % prediction interval' }) coverage80!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of actuals inside the 95 % prediction interval' }) coverage95!: number | null;
}

@ObjectType()
export class BaselineCalendarEffect {
  @Field(() => String, { description: 'FIRST_OPEN_DAY_OF_MONTH, LAST_OPEN_DAY_OF_MONTH or DAY_AFTER_HOLIDAY' }) name!: string;
  @Field(() => Float, { description: 'Multiplier of an ordinary day' }) factor!: number;
}

@ObjectType({ description: 'What the EXPONENTIAL_SMOOTHING baseline learnt: α, β, γ, φ of the one-step (likelihood) fit of the first day; the week ahead comes from a multi-step fit' })
export class BaselineModel {
  @Field(() => String, { description: "ETS(A,N,A) or ETS(A,Ad,A) on the log of daily totals, or WEEKDAY_MEAN when the history is too short" }) name!: string;
  @Field(() => Float, { nullable: true }) alpha!: number | null;
  @Field(() => Float, { nullable: true }) beta!: number | null;
  @Field(() => Float, { nullable: true }) gamma!: number | null;
  @Field(() => Float, { nullable: true }) phi!: number | null;
  @Field(() => Float, { nullable: true, description: 'α of the multi-step fit the forecast moves to over its first week' }) weekAheadAlpha!: number | null;
  @Field(() => Float, { nullable: true }) weekAheadGamma!: number | null;
  @Field(() => [String]) openWeekdays!: string[];
  @Field(() => [String], { description: 'Days kept out of the fit: holidays, flagged outliers, driver days, detected outliers' }) excludedDates!: string[];
  @Field(() => [BaselineCalendarEffect]) calendarEffects!: BaselineCalendarEffect[];
  @Field(() => Float, { description: 'Holiday volume as a share of an ordinary day (0: closed on holidays)' }) holidayRatio!: number;
  @Field(() => Int) profileWeeks!: number;
  @Field(() => Float, { description: 'Variance over mean of quarter-hour counts around the profile (1 = Poisson)' }) dispersion!: number;
}

@ObjectType({ description: "A forecast of offered contacts and AHT per local quarter hour and day from the queue's own history" })
export class BaselineForecast {
  @Field(() => BaselineMethodEnum) method!: string;
  @Field(() => Date) historyFrom!: Date;
  @Field(() => Date) historyTo!: Date;
  @Field(() => Int) granularityMinutes!: number;
  @Field(() => String, { description: "The queue's IANA time zone: days, weekdays and profiles are local" }) timeZone!: string;
  @Field(() => Float, { nullable: true, description: 'Mean handling time over the history' }) ahtSeconds!: number | null;
  @Field(() => [BaselinePoint]) points!: BaselinePoint[];
  @Field(() => [BaselineDay], { description: 'Whole local days overlapping the range' }) days!: BaselineDay[];
  @Field(() => BaselineAccuracy, { nullable: true, description: 'Per quarter hour, against actuals already uploaded' }) accuracy!: BaselineAccuracy | null;
  @Field(() => BaselineAccuracy, { nullable: true, description: 'Per whole local day inside the range, against actuals already uploaded' }) dailyAccuracy!: BaselineAccuracy | null;
  @Field(() => BaselineModel, { nullable: true }) model!: BaselineModel | null;
}

@Resolver(() => Queue)
export class QueueBaselineResolver {
  @FieldResolver(() => BaselineForecast, { nullable: true, description: 'A baseline forecast from this queue history; compare it with a published forecast' })
  async baselineForecast(
    @Root() queue: Queue,
    @Ctx() ctx: SubgraphContext<PerformanceLoaders>,
    @Arg('from', () => Date, { description: 'First interval, on a quarter hour' }) from: Date,
    @Arg('to', () => Date, { description: 'End, exclusive; at most 92 days after from (13 weeks ahead)' }) to: Date,
    @Arg('method', () => BaselineMethodEnum, { defaultValue: 'EXPONENTIAL_SMOOTHING' }) method: BaselineMethod,
    @Arg('historyWeeks', () => Int, { defaultValue: DEFAULT_HISTORY_WEEKS, description: 'Weeks of history before from, 2 to 104' }) historyWeeks: number,
    @Arg('outlierDates', () => [String], { defaultValue: [], description: 'Local dates to keep out of the fit (outages, half days)' }) outlierDates: string[],
    @Arg('drivers', () => [BaselineDriverInput], { defaultValue: [], description: 'Announced volume drivers: days ahead are lifted, past days kept out of the fit' })
    drivers: BaselineDriverInput[],
  ): Promise<BaselineResult> {
    return queueBaseline(performanceContext(ctx), queue.id, { from, to, method, historyWeeks, outlierDates, drivers: drivers.map((d) => ({ from: d.from, to: d.to, uplift: d.uplift })) });
  }
}
