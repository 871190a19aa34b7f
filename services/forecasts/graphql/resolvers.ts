import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LIST_LIMITS } from '../../metrics/bounds';
import { SubgraphContext } from '../../platform/subgraph';
import { forecastAccuracy, ForecastAccuracyView } from '../accuracy';
import { useCaseContext } from '../context';
import { ForecastRow } from '../entities/forecast';
import { forecastById, forecastInForce, forecastIntervals, ForecastSummary as SummaryValue, ForecastView, IntervalView, MAX_RANGE_DAYS, queueForecasts, status, summarize } from '../forecasts';
import type { ForecastsLoaders } from '../loaders';
import { publishForecast, publishGroupForecast } from '../publish';
import { GROUP_PREFIX } from '../versions';
import { CapacityWeek as CapacityWeekValue, contractCapacity, groupCapacity, MAX_CAPACITY_WEEKS, setCapacityPlan } from '../capacity';
import { contractDrivers, publishVolumeDriver, queueDrivers, removeVolumeDriver } from '../drivers';
import { VolumeDriverRow } from '../entities/volume-driver';
import { CapacityPlanWeek, CapacityWeek, CapacityWeekInput, Contract, Forecast, ForecastAccuracy, ForecastInput, ForecastInterval, ForecastSummary, Queue, SupersessionStatusEnum, VolumeDriver, VolumeDriverInput, VolumeShareGroup } from './types';

type Context = SubgraphContext<ForecastsLoaders>;
/** A Forecast as resolvers pass it on: the published row plus the versions it is read against. */
type ForecastObject = Forecast & { view: ForecastView };

function toForecast(view: ForecastView): ForecastObject {
  const r: ForecastRow = view.row;
  return {
    id: r.id,
    queueId: r.queueId,
    contractId: r.contractId,
    version: r.version,
    from: new Date(r.fromEpoch * 1000),
    to: new Date(r.toEpoch * 1000),
    granularityMinutes: r.granularitySeconds / 60,
    shrinkage: r.shrinkage,
    patienceSeconds: r.patienceSeconds,
    note: r.note,
    intervalCount: r.intervalCount,
    publishedAt: r.publishedAt,
    publishedBy: r.publishedBy,
    groupId: view.groupId ?? (r.queueId.startsWith(GROUP_PREFIX) ? r.queueId.slice(GROUP_PREFIX.length) : null),
    shareOfGroup: view.share ?? null,
    view,
  };
}

function toDriver(r: VolumeDriverRow): VolumeDriver {
  return { ...r, from: new Date(r.fromEpoch * 1000), to: new Date(r.toEpoch * 1000) };
}

const RANGE = {
  from: { nullable: true, description: 'Start of the range (default: the horizon start)' },
  to: { nullable: true, description: 'End of the range, exclusive (default: the horizon end)' },
};

@Resolver(() => Queue)
export class QueueForecastsResolver {
  @FieldResolver(() => [Forecast], {
    nullable: true,
    description: 'Published forecast versions whose horizon overlaps [from, to), newest first; every version stays readable. asOf: as published by then',
  })
  async forecasts(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('version', () => Int, { nullable: true }) version?: number,
    @Arg('asOf', () => Date, { nullable: true }) asOf?: Date,
  ): Promise<ForecastObject[]> {
    const views = await queueForecasts(useCaseContext(ctx), queue.id, { from, to, version, asOf });
    return views.map(toForecast);
  }

  @FieldResolver(() => [ForecastInterval], {
    nullable: true,
    description: `The forecast in force per interval: each from the latest version whose horizon covers it (published by asOf, when given); [from, to) at most ${MAX_RANGE_DAYS} days`,
  })
  forecastInForce(
    @Root() queue: Queue,
    @Ctx() ctx: Context,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('asOf', () => Date, { nullable: true }) asOf?: Date,
  ): Promise<IntervalView[]> {
    return forecastInForce(useCaseContext(ctx), queue.id, { from, to, asOf });
  }
}

@Resolver(() => Queue)
export class QueueDriversResolver {
  @FieldResolver(() => [VolumeDriver], { nullable: true, description: 'Volume drivers of the contract that name this queue, overlapping [from, to)' })
  async volumeDrivers(@Root() queue: Queue, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<VolumeDriver[]> {
    return (await queueDrivers(useCaseContext(ctx), queue.id, { from, to })).map(toDriver);
  }
}

@Resolver(() => Contract)
export class ContractDriversResolver {
  @FieldResolver(() => [VolumeDriver], { nullable: true, description: 'Volume drivers the client published for this contract, overlapping [from, to), earliest first' })
  async volumeDrivers(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<VolumeDriver[]> {
    return (await contractDrivers(useCaseContext(ctx), contract.id, { from, to })).map(toDriver);
  }

  @FieldResolver(() => [CapacityWeek], {
    nullable: true,
    description: `Per queue and local week overlapping [from, to): required, committed, scheduled and actual productive hours with the gaps (at most ${MAX_CAPACITY_WEEKS} weeks)`,
  })
  capacity(@Root() contract: Contract, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<CapacityWeekValue[]> {
    return contractCapacity(useCaseContext(ctx), contract.id, from, to);
  }
}

@Resolver(() => VolumeShareGroup)
export class VolumeShareGroupCapacityResolver {
  @FieldResolver(() => [CapacityWeek], {
    nullable: true,
    description: `The client's view: per member centre and local week overlapping [from, to), its share's required hours beside its committed, scheduled and actual hours, by week then centre (at most ${MAX_CAPACITY_WEEKS} weeks)`,
  })
  capacity(@Root() group: VolumeShareGroup, @Ctx() ctx: Context, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Promise<CapacityWeekValue[]> {
    return groupCapacity(useCaseContext(ctx), group.id, from, to);
  }
}

@Resolver(() => Forecast)
export class ForecastResolver {
  @FieldResolver(() => SupersessionStatusEnum, { description: 'Judged against the versions published by asOf when the forecast was read with asOf' })
  status(@Root() f: ForecastObject): string {
    return status(f.view).status;
  }

  @FieldResolver(() => [Int], { description: 'Later versions that overlap this one' })
  supersededByVersions(@Root() f: ForecastObject): number[] {
    return status(f.view).byVersions;
  }

  @FieldResolver(() => [ForecastInterval], { description: 'Intervals of this version with their staffing, in [from, to) of the horizon' })
  async intervals(
    @Root() f: ForecastObject,
    @Ctx() ctx: Context,
    @Arg('from', () => Date, RANGE.from) from?: Date,
    @Arg('to', () => Date, RANGE.to) to?: Date,
    @Arg('onlyAtRisk', () => Boolean, { defaultValue: false, description: 'Only intervals whose planned agents are expected to miss the target' }) onlyAtRisk?: boolean,
  ): Promise<IntervalView[]> {
    const rows = await forecastIntervals(useCaseContext(ctx), f.view, { from, to });
    return onlyAtRisk ? rows.filter((r) => r.atRisk) : rows;
  }

  @FieldResolver(() => ForecastSummary, { description: 'Totals over the horizon: volume, required and scheduled hours, intervals at risk' })
  async summary(@Root() f: ForecastObject, @Ctx() ctx: Context): Promise<SummaryValue> {
    const rows = await forecastIntervals(useCaseContext(ctx), f.view);
    return summarize(rows, f.view.row.granularitySeconds);
  }

  @FieldResolver(() => ForecastAccuracy, {
    nullable: true,
    description: 'This version against the offered contacts reported to the performance subgraph: WAPE, MAPE, bias, share within ±tolerance, overall and per local day',
  })
  accuracy(
    @Root() f: ForecastObject,
    @Ctx() ctx: Context,
    @Arg('from', () => Date, RANGE.from) from?: Date,
    @Arg('to', () => Date, RANGE.to) to?: Date,
    @Arg('tolerance', () => Float, { defaultValue: 0.1, description: '0.1 = within ±10 %' }) tolerance?: number,
  ): Promise<ForecastAccuracyView> {
    return forecastAccuracy(useCaseContext(ctx), f.view, { from, to, tolerance: tolerance ?? 0.1 });
  }
}

@Resolver()
export class ForecastOperations {
  @Query(() => Forecast, { description: 'One forecast version; NOT_FOUND unless you are the client or the centre of its contract' })
  async forecast(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ForecastObject> {
    return toForecast(await forecastById(useCaseContext(ctx), id));
  }

  @Mutation(() => Forecast, {
    description:
      `The centre serving a queue publishes a forecast: the next version, superseding older ones where the horizons overlap. Up to ${LIST_LIMITS.forecastIntervals} intervals (a year of hourly ones, 13 weeks of 15-minute ones), every value within its bound, validated as a whole, one transaction`,
  })
  async publishForecast(@Ctx() ctx: Context, @Arg('queueId', () => ID) queueId: string, @Arg('input', () => ForecastInput) input: ForecastInput): Promise<ForecastObject> {
    return toForecast(await publishForecast(useCaseContext(ctx), queueId, input));
  }

  @Mutation(() => Forecast, {
    description:
      "The client publishes the TOTAL forecast of a volume share group, validated like publishForecast; each member queue reads it scaled by its share (Queue.forecasts, forecastInForce, Contract.capacity)",
  })
  async publishGroupForecast(@Ctx() ctx: Context, @Arg('groupId', () => ID) groupId: string, @Arg('input', () => ForecastInput) input: ForecastInput): Promise<ForecastObject> {
    return toForecast(await publishGroupForecast(useCaseContext(ctx), groupId, input));
  }
}

@Resolver()
export class PlanningOperations {
  @Mutation(() => VolumeDriver, { description: 'The client announces an event expected to move volume on some queues of a contract' })
  async publishVolumeDriver(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('input', () => VolumeDriverInput) input: VolumeDriverInput): Promise<VolumeDriver> {
    return toDriver(await publishVolumeDriver(useCaseContext(ctx), contractId, input));
  }

  @Mutation(() => [CapacityPlanWeek], { description: 'The centre serving a queue commits and schedules productive hours per week; a week sent again replaces it' })
  setCapacityPlan(@Ctx() ctx: Context, @Arg('queueId', () => ID) queueId: string, @Arg('weeks', () => [CapacityWeekInput]) weeks: CapacityWeekInput[]): Promise<CapacityPlanWeek[]> {
    return setCapacityPlan(useCaseContext(ctx), queueId, weeks);
  }

  @Mutation(() => Boolean, { description: 'The client withdraws a volume driver' })
  removeVolumeDriver(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return removeVolumeDriver(useCaseContext(ctx), id);
  }
}

/** References are plain keys: every field that reads data authorises itself through the contracts subgraph. */
export const referenceResolvers = {
  Queue: (ref: { id: string }) => ({ id: ref.id }),
  Contract: (ref: { id: string }) => ({ id: ref.id }),
  VolumeShareGroup: (ref: { id: string }) => ({ id: ref.id }),
};
