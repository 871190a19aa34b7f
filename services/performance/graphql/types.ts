import { GraphQLSafeInt } from 'graphql-scalars';
import { GraphQLScalarType } from 'graphql';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GRANULARITIES } from '../../metrics/calendar';
import { enumOf } from '../../platform/enums';

export const GranularityEnum = enumOf(GRANULARITIES);
export const AttributionEnum = enumOf(['QUEUE_ENTRY', 'CONTACT_END'] as const);
export const ReportStatusEnum = enumOf(['PUBLISHED', 'APPROVED', 'DISPUTED', 'SUPERSEDED'] as const);
// The same enums as the contracts subgraph declares for SlaTargetVersion.
export const ComparatorEnum = enumOf(['AT_LEAST', 'AT_MOST'] as const);
export const MeasurementWindowEnum = enumOf(['INTERVAL', 'DAY', 'WEEK', 'MONTH'] as const);

registerEnumType(GranularityEnum, { name: 'Granularity', description: 'Buckets of a series; HOUR and longer follow the time zone' });
registerEnumType(AttributionEnum, {
  name: 'Attribution',
  description: 'Which interval a contact counts in: QUEUE_ENTRY (the hub canonical rule) or CONTACT_END (some platforms)',
});
registerEnumType(ReportStatusEnum, { name: 'ReportStatus' });
registerEnumType(ComparatorEnum, { name: 'Comparator' });
registerEnumType(MeasurementWindowEnum, { name: 'MeasurementWindow' });

@ObjectType({ description: 'Contacts whose wait fell in one bucket' })
export class WaitBucket {
  @Field(() => Int, { nullable: true, description: 'Upper bound in seconds; null for the open last bucket' }) upToSeconds!: number | null;
  @Field(() => GraphQLSafeInt, { description: 'Summed over the period: may exceed 32 bits' }) count!: number;
}

/**
 * Sums over a period: counts are SafeInt (a month of a contract's queues can pass 2^31 contacts,
 * and the bounds on every interval keep any sum below 2^53), durations Float.
 */
@ObjectType({ description: 'Raw interval fields summed over a period (shared/METRICS.md); counts are SafeInt, as sums may exceed 32 bits' })
export class IntervalSums {
  @Field(() => GraphQLSafeInt) offered!: number;
  @Field(() => GraphQLSafeInt) answered!: number;
  @Field(() => GraphQLSafeInt) abandoned!: number;
  @Field(() => GraphQLSafeInt, { nullable: true }) flowedOut!: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) callbackRequested!: number | null;
  @Field(() => Float) answeredWaitSeconds!: number;
  @Field(() => Float) abandonedWaitSeconds!: number;
  @Field(() => Float) talkSeconds!: number;
  @Field(() => Float) holdSeconds!: number;
  @Field(() => Float) wrapSeconds!: number;
  @Field(() => GraphQLSafeInt, { nullable: true }) transferred!: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) resolvedFirstContact!: number | null;
  @Field(() => Float, { nullable: true }) staffedSeconds!: number | null;
  @Field(() => Float, { nullable: true }) availableSeconds!: number | null;
  @Field(() => GraphQLSafeInt, { description: 'Seconds covered by the intervals summed (the denominator of QUEUE_LENGTH)' }) lengthSeconds!: number;
  @Field(() => Int, { nullable: true, description: 'The longest single wait: the maximum over the intervals, null unless every one reported it' })
  longestWaitSeconds!: number | null;
  @Field(() => [WaitBucket]) answeredWait!: WaitBucket[];
  @Field(() => [WaitBucket]) abandonedWait!: WaitBucket[];
}

@ObjectType({ description: 'What a figure means: metric, variant, parameters, attribution and time zone' })
export class FigureDefinition {
  @Field(() => String) metric!: string;
  @Field(() => String) variant!: string;
  @Field(() => Int, { nullable: true }) thresholdSeconds!: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds!: number | null;
  @Field(() => String, { description: 'e.g. "SERVICE_LEVEL 20s EXCLUDE_SHORT_ABANDONS S=5s"' }) label!: string;
  @Field(() => String, { description: 'QUEUE_ENTRY, CONTACT_END, or MIXED when the intervals differ' }) attribution!: string;
  @Field(() => String) timeZone!: string;
}

@ObjectType({ description: 'A computed KPI with its definition' })
export class Figure {
  @Field(() => FigureDefinition) definition!: FigureDefinition;
  @Field(() => Float, { nullable: true, description: 'Null when undefined (no contacts, or a needed field not reported). Ratios 0..1, durations seconds' })
  value!: number | null;
  @Field(() => Boolean, { description: 'True when T or S falls between bucket bounds and the count was interpolated' }) approximate!: boolean;
  @Field(() => Float, { nullable: true }) numerator!: number | null;
  @Field(() => Float, { nullable: true }) denominator!: number | null;
}

@ObjectType()
export class PerformancePoint {
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => String, { description: 'Local label: 2026-03-29, 2026-W13, 2026-03, or a local time' }) label!: string;
  @Field(() => Int, { description: 'Intervals that contributed' }) intervals!: number;
  @Field(() => IntervalSums) sums!: IntervalSums;
  @Field(() => [Figure]) figures!: Figure[];
}

@ObjectType()
export class PerformanceSeries {
  @Field(() => String) timeZone!: string;
  @Field(() => GranularityEnum) granularity!: string;
  @Field(() => [PerformancePoint]) points!: PerformancePoint[];
}

@ObjectType({ description: "One agent's figures per bucket, under the agent's pseudonymous reference" })
export class AgentPerformance {
  @Field(() => String, { description: 'The pseudonym the centre uploaded; the client sees only this, the centre knows who is behind it' }) agentRef!: string;
  @Field(() => String) timeZone!: string;
  @Field(() => GranularityEnum) granularity!: string;
  @Field(() => [PerformancePoint]) points!: PerformancePoint[];
}

@ObjectType()
export class RecordIntervalsResult {
  @Field(() => ID) queueId!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'New intervals' }) inserted!: number;
  @Field(() => Int, { description: 'Intervals that replaced ones already stored (re-sent)' }) replaced!: number;
  @Field(() => Date, { nullable: true }) from!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Start of the latest interval' }) to!: Date | null;
}

@ObjectType({ description: 'An interval of a checkIntervalSpans batch that overlaps a stored interval of another start or length' })
export class IntervalSpanConflict {
  @Field(() => Int, { description: "The span's index in the batch's rows" }) index!: number;
  @Field(() => String, { nullable: true }) agentRef!: string | null;
  @Field(() => Date) start!: Date;
  @Field(() => Int) lengthSeconds!: number;
  @Field(() => Date, { description: 'The first stored interval it overlaps' }) storedStart!: Date;
  @Field(() => Int) storedLengthSeconds!: number;
  @Field(() => String) message!: string;
}

@ObjectType()
export class IntervalSpanCheck {
  @Field(() => ID) queueId!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'Spans with the same start and length (and agent) as a stored interval: uploading them replaces those' }) replacing!: number;
  @Field(() => [IntervalSpanConflict], { description: 'Every span that overlaps a stored interval otherwise (an upload of it would be refused), in batch order' })
  conflicts!: IntervalSpanConflict[];
}

@Directive('@shareable')
@ObjectType({ description: 'The definition an SLA target had over a period (owned by the contracts subgraph)' })
export class SlaTargetVersion {
  @Field(() => Date) effectiveFrom!: Date;
  @Field(() => Date, { nullable: true }) effectiveTo!: Date | null;
  @Field(() => ID, { nullable: true }) queueId!: string | null;
  @Field(() => String) metric!: string;
  @Field(() => String) variant!: string;
  @Field(() => Int, { nullable: true }) thresholdSeconds!: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds!: number | null;
  @Field(() => Int, { nullable: true }) repeatWindowDays!: number | null;
  @Field(() => Float, { nullable: true }) tolerance!: number | null;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum) comparator!: string;
  @Field(() => MeasurementWindowEnum) window!: string;
  @Field(() => Float, { nullable: true }) creditPercentPerPoint!: number | null;
  @Field(() => Float, { nullable: true }) creditCapPercent!: number | null;
  @Field(() => Int, { nullable: true }) minimumSample!: number | null;
}

@ObjectType({ description: 'One measurement window of an SLA target' })
export class ComplianceWindow {
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => String) label!: string;
  @Field(() => Figure, { description: "The measured value under the target's definition in force at the window's start" }) figure!: Figure;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum) comparator!: string;
  @Field(() => MeasurementWindowEnum) window!: string;
  @Field(() => GraphQLSafeInt, {
    description: 'What the figure was measured over: offered contacts for interval metrics, survey responses, complaints with a judged clock, or evaluations',
  })
  sampleSize!: number;
  @Field(() => Float, { nullable: true, description: 'Lower end of the 95 % interval of the figure (survey, complaint and quality figures); null otherwise' })
  confidenceLow!: number | null;
  @Field(() => Float, { nullable: true }) confidenceHigh!: number | null;
  @Field(() => Int, { nullable: true, description: 'The least sample the target asks for a window to be judged' }) minimumSample!: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when not judged (see notJudgedReason)' }) met!: boolean | null;
  @Field(() => String, { nullable: true, description: 'Why the window was not judged: nothing measured, a sample below the minimum, or a figure its owner cannot measure' })
  notJudgedReason!: string | null;
  @Field(() => Float, { nullable: true, description: 'Percentage points for ratios, else the metric unit; 0 when met' }) shortfall!: number | null;
  @Field(() => Float, { description: 'Service credit earned by this window, % of the monthly fee, before the monthly cap' }) creditPercent!: number;
}

@ObjectType()
export class SlaCompliance {
  @Field(() => Boolean, {
    description: 'False when no window can be measured here: a metric whose subgraph this hub does not reach, or a definition its owner cannot measure (see note)',
  })
  measurable!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [ComplianceWindow]) windows!: ComplianceWindow[];
  @Field(() => Int) windowsJudged!: number;
  @Field(() => Int) windowsMet!: number;
  @Field(() => Float, { nullable: true, description: 'Share of judged windows met' }) shareMet!: number | null;
  @Field(() => Float, { description: 'Credit due, % of the monthly fee, summed per month with each month capped' }) creditPercent!: number;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Credit due in minor units of the contract currency' }) creditAmountMinor!: number | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
}

@ObjectType()
export class ReportQueue {
  @Field(() => ID) queueId!: string;
  @Field(() => Int) intervals!: number;
  @Field(() => [Figure]) figures!: Figure[];
}

@ObjectType()
export class ReportCompliance {
  @Field(() => ID) targetId!: string;
  @Field(() => String) label!: string;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum) comparator!: string;
  @Field(() => Boolean) measurable!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) windowsJudged!: number;
  @Field(() => Int) windowsMet!: number;
  @Field(() => Float, { nullable: true }) shareMet!: number | null;
  @Field(() => Float) creditPercent!: number;
  @Field(() => GraphQLSafeInt, { nullable: true }) creditAmountMinor!: number | null;
}

@ObjectType({ description: 'A total that changed since the report was published' })
export class DataDifference {
  @Field(() => ID) queueId!: string;
  @Field(() => String) field!: string;
  @Field(() => Float) published!: number;
  @Field(() => Float) current!: number;
}

@ObjectType({ description: 'A monthly performance report (ISO 18295-2 6.8): figures frozen at publication' })
export class PerformanceReport {
  @Field(() => ID) id!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => Int) version!: number;
  @Field(() => ReportStatusEnum) status!: string;
  @Field(() => String, { nullable: true }) commentary!: string | null;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String) publishedBy!: string;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => String, { nullable: true }) disputeReason!: string | null;
}

@InputType({ description: 'A metric definition from the catalogue (see metricCatalogue)' })
export class MetricDefinitionInput {
  @Field(() => String) metric!: string;
  @Field(() => String, { nullable: true }) variant?: string | null;
  @Field(() => Int, { nullable: true }) thresholdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds?: number | null;
}

@InputType({ description: 'The raw record of one queue and interval (shared/METRICS.md); wait buckets are the hub standard ones' })
export class IntervalInput {
  @Field(() => Date, { description: 'Interval start, UTC, on a quarter hour' }) start!: Date;
  @Field(() => Int, { description: '900, 1800 or 3600' }) lengthSeconds!: number;
  @Field(() => Int) offered!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) abandoned!: number;
  @Field(() => Int, { nullable: true }) flowedOut?: number | null;
  @Field(() => Int, { nullable: true }) callbackRequested?: number | null;
  @Field(() => Float) answeredWaitSeconds!: number;
  @Field(() => Float) abandonedWaitSeconds!: number;
  @Field(() => Float) talkSeconds!: number;
  @Field(() => Float) holdSeconds!: number;
  @Field(() => Float) wrapSeconds!: number;
  @Field(() => Int, { nullable: true }) transferred?: number | null;
  @Field(() => Int, { nullable: true }) resolvedFirstContact?: number | null;
  @Field(() => Float, { nullable: true }) staffedSeconds?: number | null;
  @Field(() => Float, { nullable: true }) availableSeconds?: number | null;
  @Field(() => Int, { nullable: true, description: 'The longest single wait of the interval in seconds, answered or abandoned; it must lie in the highest non-empty wait bucket' })
  longestWaitSeconds?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The agent's pseudonymous reference (a pseudonym the centre controls, never a name): the record is that agent's share of the queue's interval, stored beside the queue's own record and never added to it. Leave out for the queue's record",
  })
  agentRef?: string | null;
  @Field(() => [Int], { description: 'Answered contacts per wait bucket: ≤5, ≤10, ≤15, ≤20, ≤30, ≤45, ≤60, ≤90, ≤120, ≤180, ≤300, ≤600, >600 s' })
  answeredWait!: number[];
  @Field(() => [Int], { description: 'Abandoned contacts per wait bucket, same buckets' }) abandonedWait!: number[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Queue {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class SlaTarget {
  @Field(() => ID) id!: string;
  @Directive('@external')
  @Field(() => ID)
  contractId!: string;
  @Directive('@external')
  @Field(() => [SlaTargetVersion])
  history!: SlaTargetVersion[];
}

/**
 * A bulk upload as one JSON value. Kept opaque on purpose: the gateway passes it through and the
 * performance subgraph checks every row itself (services/performance/intervals.ts).
 */
export const IntervalBatchScalar = new GraphQLScalarType({
  name: 'IntervalBatch',
  description: 'JSON: { "columns": [field names of IntervalInput], "rows": [[one value per column], …] }; waits as arrays of 13 counts',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral() {
    throw new TypeError('send an IntervalBatch as a variable (JSON), not inline');
  },
});
