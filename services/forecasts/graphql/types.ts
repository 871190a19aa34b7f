import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Bound, BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../../metrics/bounds';

/** A bound as input descriptions state it (metrics/bounds.ts holds the numbers). */
const range = (b: Bound) => `${b.min} to ${b.max} ${b.unit}`;

export const SupersessionStatusEnum = { CURRENT: 'CURRENT', PARTLY_SUPERSEDED: 'PARTLY_SUPERSEDED', SUPERSEDED: 'SUPERSEDED' } as const;
export const StaffingModelEnum = { ERLANG_C: 'ERLANG_C', ERLANG_A: 'ERLANG_A' } as const;
registerEnumType(SupersessionStatusEnum, {
  name: 'SupersessionStatus',
  description: 'CURRENT: no later version overlaps; PARTLY_SUPERSEDED / SUPERSEDED: later versions cover part / all of the horizon',
});
registerEnumType(StaffingModelEnum, { name: 'StaffingModel', description: 'ERLANG_C (no abandonment) or ERLANG_A (abandonment with the stated mean patience)' });

@ObjectType({ description: 'The SERVICE_LEVEL target a staffing requirement was computed for (from the contracts subgraph)' })
export class StaffingTarget {
  @Field(() => ID) targetId!: string;
  @Field(() => Float, { description: 'Goal as a ratio, 0.8 is 80 %' }) goal!: number;
  @Field(() => Int) thresholdSeconds!: number;
  @Field(() => String) variant!: string;
  @Field(() => String, { description: 'Erlang A reading: OF_ALL (answered within T / offered) or OF_ANSWERED' }) reading!: string;
  @Field(() => Boolean, { description: 'True when the variant (short abandons, abandons within T) has no exact queueing counterpart and OF_ALL stands in' })
  approximate!: boolean;
}

@ObjectType({ description: 'Erlang C (M/M/n) figures at the least staffing that meets the target' })
export class ErlangCStaffing {
  @Field(() => Int) agents!: number;
  @Field(() => Float) serviceLevel!: number;
  @Field(() => Float) occupancy!: number;
  @Field(() => Float, { description: 'Mean wait of all arrivals' }) asaSeconds!: number;
  @Field(() => Float) probabilityOfWait!: number;
}

@ObjectType({ description: 'Erlang A (M/M/n+M) figures at the least staffing that meets the target' })
export class ErlangAStaffing {
  @Field(() => Int) agents!: number;
  @Field(() => Float, { description: 'Answered within T over all arrivals' }) serviceLevelOfAll!: number;
  @Field(() => Float, { nullable: true, description: 'Answered within T over answered contacts' }) serviceLevelOfAnswered!: number | null;
  @Field(() => Float) probabilityOfAbandonment!: number;
  @Field(() => Float, { nullable: true }) occupancy!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean wait of answered contacts' }) asaOfAnsweredSeconds!: number | null;
}

@ObjectType({ description: 'Staffing requirement of one interval, computed in the hub' })
export class IntervalStaffing {
  @Field(() => StaffingTarget) target!: StaffingTarget;
  @Field(() => StaffingModelEnum, { description: 'The model of requiredAgents: ERLANG_A when the forecast states a mean patience' }) model!: string;
  @Field(() => Int, { description: 'Least agents on contacts meeting the target' }) requiredAgents!: number;
  @Field(() => ErlangCStaffing, { nullable: true }) erlangC!: ErlangCStaffing | null;
  @Field(() => ErlangAStaffing, { nullable: true, description: 'Only when the forecast states patienceSeconds' }) erlangA!: ErlangAStaffing | null;
  @Field(() => Float, { description: 'requiredAgents / (1 - shrinkage): paid agents to schedule' }) scheduledFte!: number;
  @Field(() => Float, { description: 'requiredAgents × interval length, hours' }) requiredProductiveHours!: number;
}

@ObjectType({ description: 'What the agents the centre plans are expected to deliver' })
export class PlannedOutcome {
  @Field(() => Int) agents!: number;
  @Field(() => Float, { description: "Under the target's reading; Erlang A with a patience, else Erlang C (0 when n ≤ load)" }) expectedServiceLevel!: number;
  @Field(() => Float, { nullable: true }) occupancy!: number | null;
  @Field(() => Float, { nullable: true }) asaSeconds!: number | null;
  @Field(() => Boolean, { description: 'Expected service level below the goal' }) atRisk!: boolean;
}

@ObjectType({ description: 'One interval of a forecast version' })
export class ForecastInterval {
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Int, { description: 'The version this interval comes from' }) version!: number;
  @Field(() => Float, { description: 'Expected offered contacts' }) volume!: number;
  @Field(() => Float) ahtSeconds!: number;
  @Field(() => Int, { nullable: true }) plannedAgents!: number | null;
  @Field(() => Int, { nullable: true, description: 'The later version that replaced this interval; null while it is in force' }) supersededByVersion!: number | null;
  @Field(() => Float, { description: 'Offered load, Erlangs' }) workloadErlangs!: number;
  @Field(() => IntervalStaffing, { nullable: true }) staffing!: IntervalStaffing | null;
  @Field(() => String, { nullable: true, description: 'Why staffing is null (no SERVICE_LEVEL target in force, unreachable goal)' }) staffingNote!: string | null;
  @Field(() => PlannedOutcome, { nullable: true }) planned!: PlannedOutcome | null;
  @Field(() => Boolean, { nullable: true, description: 'Planned agents are expected to miss the target; null without a plan or a target' }) atRisk!: boolean | null;
  @Field(() => Float, { nullable: true, description: "The queue's share when the interval comes from its volume share group's forecast (volume already scaled); null for the queue's own forecast" }) shareOfGroup!: number | null;
}

@ObjectType()
export class ForecastSummary {
  @Field(() => Int) intervals!: number;
  @Field(() => Float) volume!: number;
  @Field(() => Float, { nullable: true }) requiredProductiveHours!: number | null;
  @Field(() => Float, { nullable: true }) scheduledFteHours!: number | null;
  @Field(() => Int) intervalsWithoutStaffing!: number;
  @Field(() => Int) intervalsWithPlan!: number;
  @Field(() => Int) intervalsAtRisk!: number;
}

@ObjectType({ description: 'Forecast accuracy (FORECAST_WAPE and variants, shared/METRICS.md)' })
export class AccuracyFigures {
  @Field(() => Int, { description: 'Intervals compared' }) intervals!: number;
  @Field(() => Float) forecastTotal!: number;
  @Field(() => Float) actualTotal!: number;
  @Field(() => Float, { nullable: true, description: 'Σ|F − A| / ΣA' }) wape!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean |F − A| / A over intervals with A > 0' }) mape!: number | null;
  @Field(() => Int) mapeIntervals!: number;
  @Field(() => Float, { nullable: true, description: 'Σ(F − A) / ΣA; positive means over-forecast' }) bias!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of intervals with |F − A| ≤ tolerance × A' }) withinShare!: number | null;
  @Field(() => Float) withinTolerance!: number;
}

@ObjectType()
export class DayAccuracy extends AccuracyFigures {
  @Field(() => String, { description: 'Local date in the queue time zone' }) date!: string;
}

@ObjectType()
export class ForecastAccuracy {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => String) timeZone!: string;
  @Field(() => AccuracyFigures) overall!: AccuracyFigures;
  @Field(() => [DayAccuracy]) days!: DayAccuracy[];
  @Field(() => Int, { description: 'Forecast intervals with volume but no reported actuals, left out' }) intervalsWithoutActuals!: number;
}

@ObjectType({ description: 'One published version of a queue forecast (ISO 18295-2 6.7); never changed after publication' })
export class Forecast {
  @Field(() => ID) id!: string;
  @Field(() => ID) queueId!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => Int) version!: number;
  @Field(() => Date) from!: Date;
  @Field(() => Date, { description: 'End of the horizon, exclusive' }) to!: Date;
  @Field(() => Int) granularityMinutes!: number;
  @Field(() => Float, { nullable: true }) shrinkage!: number | null;
  @Field(() => Float, { nullable: true }) patienceSeconds!: number | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) intervalCount!: number;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String) publishedBy!: string;
  @Field(() => ID, { nullable: true, description: "The volume share group whose total forecast this is; null for a queue's own forecast" }) groupId!: string | null;
  @Field(() => Float, { nullable: true, description: "Read for a member queue: its share, by which every volume is scaled (AHT unchanged); null for a queue's own forecast and for the group's total" }) shareOfGroup!: number | null;
}

@InputType()
export class ForecastIntervalInput {
  @Field(() => Date, { description: 'Interval start, on the granularity grid from the horizon start' }) start!: Date;
  @Field(() => Float, { description: `Expected offered contacts, ${range(BOUNDS.forecastVolume)}; volume × ahtSeconds / interval length at most ${BOUNDS.offeredLoadErlangs.max} Erlangs` }) volume!: number;
  @Field(() => Float, { description: `Expected AHT, whole seconds, ${range(BOUNDS.handlingSeconds)}` }) ahtSeconds!: number;
  @Field(() => Int, { nullable: true, description: `Agents the centre plans on contacts (productive, after shrinkage), ${range(BOUNDS.agents)}` }) plannedAgents?: number | null;
}

@InputType({ description: `A forecast for one queue, at most ${LIST_LIMITS.forecastIntervals} intervals: intervals left out of the horizon expect no contacts` })
export class ForecastInput {
  @Field(() => Date, { description: 'Horizon start, on a quarter hour' }) from!: Date;
  @Field(() => Date, { description: 'Horizon end, exclusive; at most 366 days after from' }) to!: Date;
  @Field(() => Int, { description: '15, 30 or 60' }) granularityMinutes!: number;
  @Field(() => Float, { nullable: true, description: 'Share of paid time not on contacts, 0 to < 1' }) shrinkage?: number | null;
  @Field(() => Float, { nullable: true, description: `Mean patience of waiting contacts, whole seconds, ${range(BOUNDS.patienceSeconds)}; staffing then also uses Erlang A` }) patienceSeconds?: number | null;
  @Field(() => String, { nullable: true, description: `At most ${TEXT_LIMITS.description} characters` }) note?: string | null;
  @Field(() => [ForecastIntervalInput]) intervals!: ForecastIntervalInput[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Queue {
  @Field(() => ID) id!: string;
}

export const DriverKindEnum = { CAMPAIGN: 'CAMPAIGN', BILLING_RUN: 'BILLING_RUN', OUTAGE: 'OUTAGE', PRODUCT_LAUNCH: 'PRODUCT_LAUNCH', OTHER: 'OTHER' } as const;
registerEnumType(DriverKindEnum, { name: 'VolumeDriverKind' });

@ObjectType({ description: 'Expected uplift of one queue while a driver runs' })
export class QueueUplift {
  @Field(() => ID) queueId!: string;
  @Field(() => Float, { description: 'Ratio: 0.25 is 25 % more contacts, -0.1 is 10 % fewer' }) uplift!: number;
}

@ObjectType({ description: 'An event the client expects to move volume (ISO 18295-2 6.5, 6.7)' })
export class VolumeDriver {
  @Field(() => ID) id!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => DriverKindEnum) kind!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Date) from!: Date;
  @Field(() => Date, { description: 'End, exclusive' }) to!: Date;
  @Field(() => [QueueUplift]) uplifts!: QueueUplift[];
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String) publishedBy!: string;
}

@InputType()
export class QueueUpliftInput {
  @Field(() => ID) queueId!: string;
  @Field(() => Float, { description: `Ratio above -1: 0.25 is 25 % more contacts; 1 + uplift at most ${BOUNDS.upliftFactor.max} times the baseline` }) uplift!: number;
}

@InputType()
export class VolumeDriverInput {
  @Field(() => DriverKindEnum) kind!: 'CAMPAIGN' | 'BILLING_RUN' | 'OUTAGE' | 'PRODUCT_LAUNCH' | 'OTHER';
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => [QueueUpliftInput]) uplifts!: QueueUpliftInput[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class VolumeShareGroup {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Hours per queue and local ISO week: required by the forecast in force, committed and scheduled by the centre, actually staffed' })
export class CapacityWeek {
  @Field(() => ID) queueId!: string;
  @Field(() => ID) centreId!: string;
  @Field(() => String, { description: 'ISO week in the queue time zone, e.g. 2026-W06' }) week!: string;
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Float, { nullable: true, description: 'Σ required agents × interval length of the forecast in force; null without a forecast or a target' }) requiredHours!: number | null;
  @Field(() => Float, { nullable: true }) committedHours!: number | null;
  @Field(() => Float, { nullable: true }) scheduledHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'Staffed (logged-in) hours reported to performance' }) actualHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'committed − required' }) commitmentGapHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'scheduled − required' }) scheduleGapHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'actual − required' }) actualGapHours!: number | null;
  @Field(() => Float, { nullable: true, description: "The queue's share of its volume share group when its requirement comes from the group forecast; in VolumeShareGroup.capacity always set" }) shareOfGroup!: number | null;
}

@ObjectType()
export class CapacityPlanWeek {
  @Field(() => ID) queueId!: string;
  @Field(() => String) week!: string;
  @Field(() => Float, { nullable: true }) committedHours!: number | null;
  @Field(() => Float, { nullable: true }) scheduledHours!: number | null;
}

@InputType()
export class CapacityWeekInput {
  @Field(() => String, { description: 'ISO week in the queue time zone, e.g. 2026-W06' }) week!: string;
  @Field(() => Float, { nullable: true, description: `Productive hours the centre commits, ${range(BOUNDS.hoursPerWeek)}` }) committedHours?: number | null;
  @Field(() => Float, { nullable: true, description: `Productive hours the centre has scheduled, ${range(BOUNDS.hoursPerWeek)}` }) scheduledHours?: number | null;
}
