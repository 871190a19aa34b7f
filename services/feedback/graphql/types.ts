import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GRANULARITIES } from '../../metrics/calendar';
import { CHANNELS } from '../../metrics/vocabulary';
import { COMPLAINT_STATUSES, PAUSE_REASONS, SEVERITIES } from '../entities/complaint';
import { enumOf } from '../../platform/enums';

// The same enums (names and values) as the contracts and performance subgraphs declare.
export const GranularityEnum = enumOf(GRANULARITIES);
export const ChannelEnum = enumOf(CHANNELS);
export const ComplaintStatusEnum = enumOf(COMPLAINT_STATUSES);
export const SeverityEnum = enumOf(SEVERITIES);
export const PauseReasonEnum = enumOf(PAUSE_REASONS);
export const ClockKindEnum = enumOf(['ACKNOWLEDGEMENT', 'RESOLUTION'] as const);
export const ComplaintEventKindEnum = enumOf(['TRANSITION', 'PAUSE', 'RESUME'] as const);

registerEnumType(GranularityEnum, { name: 'Granularity', description: 'Buckets of a series; HOUR and longer follow the time zone' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(ComplaintStatusEnum, {
  name: 'ComplaintStatus',
  description: 'ISO 10002 lifecycle: RECEIVED → ACKNOWLEDGED → ASSESSED → INVESTIGATING → RESPONDED → CLOSED, with ESCALATED, REOPENED and WITHDRAWN',
});
registerEnumType(SeverityEnum, { name: 'ComplaintSeverity' });
registerEnumType(PauseReasonEnum, {
  name: 'ClockPauseReason',
  description: 'Why the resolution clock stood still: waiting on the customer or a third party, or (automatic) the time a reopened complaint stood answered',
});
registerEnumType(ClockKindEnum, { name: 'ComplaintClockKind' });
registerEnumType(ComplaintEventKindEnum, { name: 'ComplaintEventKind' });

@ObjectType({ description: 'A share (0..1) with its 95 % Wilson score interval' })
export class ShareFigure {
  @Field(() => Int) responses!: number;
  @Field(() => Int, { description: 'Responses counted as successes (top two boxes, resolved)' }) successes!: number;
  @Field(() => Float, { nullable: true, description: 'Null without responses' }) share!: number | null;
  @Field(() => Float, { nullable: true, description: 'Lower bound of the 95 % Wilson interval' }) low!: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound of the 95 % Wilson interval' }) high!: number | null;
}

@ObjectType({ description: 'CSAT on a 1-5 scale: share of 4s and 5s (top two boxes) with its interval, and the mean score' })
export class CsatFigure extends ShareFigure {
  @Field(() => Float, { nullable: true }) meanScore!: number | null;
}

@ObjectType({ description: 'Net Promoter Score in points (-100..100): % promoters (9-10) minus % detractors (0-6)' })
export class NpsFigure {
  @Field(() => Int) responses!: number;
  @Field(() => Int) promoters!: number;
  @Field(() => Int) passives!: number;
  @Field(() => Int) detractors!: number;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => Float, { nullable: true, description: '95 % interval from the variance of the promoter/detractor difference' }) low!: number | null;
  @Field(() => Float, { nullable: true }) high!: number | null;
}

@ObjectType({ description: 'Customer effort score on a 1-7 scale' })
export class CesFigure {
  @Field(() => Int) responses!: number;
  @Field(() => Float, { nullable: true }) meanScore!: number | null;
}

@ObjectType()
export class SatisfactionPoint {
  @Field(() => String, { description: 'Local label: 2026-03-29, 2026-W13, 2026-03, or a local time' }) label!: string;
  @Field(() => Date) start!: Date;
  @Field(() => Date) end!: Date;
  @Field(() => Int, { description: 'Responses of every type' }) responses!: number;
  @Field(() => CsatFigure) csat!: CsatFigure;
  @Field(() => NpsFigure) nps!: NpsFigure;
  @Field(() => CesFigure) ces!: CesFigure;
  @Field(() => ShareFigure, { description: 'First-contact resolution as the customer reported it (FCR surveys)' }) fcr!: ShareFigure;
}

@ObjectType()
export class SatisfactionSeries {
  @Field(() => String) timeZone!: string;
  @Field(() => GranularityEnum) granularity!: string;
  @Field(() => [SatisfactionPoint]) points!: SatisfactionPoint[];
}

@ObjectType()
export class RecordSurveyResponsesResult {
  @Field(() => ID) queueId!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'New responses' }) inserted!: number;
  @Field(() => Int, { description: 'Responses that replaced ones stored with the same response id' }) replaced!: number;
}

@InputType({ description: 'One survey response as the survey platform exported it' })
export class SurveyResponseInput {
  @Field(() => String, { description: "The source platform's response id; re-sending it replaces the stored response" }) responseId!: string;
  @Field(() => String, { description: 'CSAT (score 1-5), NPS (0-10), CES (1-7) or FCR (resolved yes/no)' }) type!: string;
  @Field(() => Int, { nullable: true }) score?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'FCR only: was the request resolved at first contact' }) resolved?: boolean | null;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => Date) respondedAt!: Date;
  @Field(() => String, { nullable: true, description: 'The interaction surveyed (a key in the centre platform)' }) interactionRef?: string | null;
  @Field(() => String, { nullable: true, description: 'The agent (a pseudonymous key)' }) agentRef?: string | null;
}

@ObjectType({ description: 'The complaint-handling terms a complaint was received under (a snapshot of the contract terms)' })
export class ComplaintClockTerms {
  @Field(() => Int) acknowledgeWithinHours!: number;
  @Field(() => Int) resolveWithinDays!: number;
  @Field(() => String) timeZone!: string;
  @Field(() => [String], { description: 'Local dates on which no clock runs' }) holidays!: string[];
  @Field(() => [BusinessHoursSnapshot]) hours!: BusinessHoursSnapshot[];
}

@ObjectType()
export class BusinessHoursSnapshot {
  @Field(() => String) weekday!: string;
  @Field(() => String) opens!: string;
  @Field(() => String) closes!: string;
}

@ObjectType({ description: 'One ISO 10002 deadline of a complaint and where it stands' })
export class ComplaintClock {
  @Field(() => ClockKindEnum) kind!: string;
  @Field(() => Date, { description: 'The deadline (business hours of the terms calendar; pauses push the resolution deadline back)' }) dueAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the clock stopped; null while it runs' }) stoppedAt!: Date | null;
  @Field(() => Boolean) running!: boolean;
  @Field(() => Boolean, { description: 'The resolution clock is paused now' }) paused!: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Stopped by the deadline; null while running, or when withdrawn before it had to stop' }) met!: boolean | null;
  @Field(() => Boolean, { description: 'Past the deadline without having stopped in time' }) overdue!: boolean;
  @Field(() => GraphQLSafeInt) pausedBusinessSeconds!: number;
  @Field(() => GraphQLSafeInt, { description: 'Business seconds left; 0 once overdue or stopped' }) businessSecondsRemaining!: number;
  @Field(() => GraphQLSafeInt, { description: 'Business seconds past the deadline, up to the stop or now' }) businessSecondsOverdue!: number;
}

@ObjectType({ description: 'A transition or clock pause: who, when, and the note' })
export class ComplaintEvent {
  @Field(() => Int) seq!: number;
  @Field(() => ComplaintEventKindEnum) kind!: string;
  @Field(() => ComplaintStatusEnum, { nullable: true }) from!: string | null;
  @Field(() => ComplaintStatusEnum) to!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String) actorSubject!: string;
  @Field(() => ID) actorOrganisationId!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType()
export class ClockPause {
  @Field(() => PauseReasonEnum) reason!: string;
  @Field(() => Date) start!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while paused' }) end!: Date | null;
}

@ObjectType({ description: 'A corrective action on the root cause of a complaint' })
export class CorrectiveAction {
  @Field(() => ID) id!: string;
  @Field(() => String) rootCause!: string;
  @Field(() => String) action!: string;
  @Field(() => String) owner!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) dueDate!: string;
  @Field(() => Boolean) done!: boolean;
  @Field(() => Date, { nullable: true }) doneAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String) createdBy!: string;
}

@ObjectType({ description: 'A customer complaint (ISO 10002); only the contract client and centre see it' })
export class Complaint {
  @Field(() => ID) id!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => ID, { nullable: true }) queueId!: string | null;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String) category!: string;
  @Field(() => SeverityEnum) severity!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'Pseudonymous customer reference (never a name or contact detail)' }) customerRef!: string;
  @Field(() => ComplaintStatusEnum) status!: string;
  @Field(() => Int, { description: 'Pass as expectedVersion to refuse a change if somebody changed the complaint since you read it' }) version!: number;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => Date, { nullable: true }) respondedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Closed or withdrawn' }) closedAt!: Date | null;
  @Field(() => Int) reopenCount!: number;
  @Field(() => Int, { nullable: true, description: "The customer's satisfaction with the handling, 1-5, recorded at closure" }) customerSatisfaction!: number | null;
  @Field(() => String) recordedBy!: string;
  @Field(() => ID) recordedByOrganisationId!: string;
}

@InputType()
export class RecordComplaintInput {
  @Field(() => ID, { nullable: true }) queueId?: string | null;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => String, { description: 'e.g. BILLING, SERVICE, STAFF_CONDUCT' }) category!: string;
  @Field(() => SeverityEnum) severity!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'Pseudonymous customer key; e-mail addresses, phone numbers and names are refused' }) customerRef!: string;
}

@InputType({ description: 'A past complaint with its history: when it was received, acknowledged, responded to and closed, and the status it stands at' })
export class HistoricComplaintInput extends RecordComplaintInput {
  @Field(() => ComplaintStatusEnum, { nullable: true, description: 'The status it stands at (not REOPENED); default: the latest the times say (CLOSED, RESPONDED, ACKNOWLEDGED or RECEIVED)' })
  status?: string | null;
  @Field(() => Date, { description: 'When the complaint was received: its clocks follow the contract complaint terms in force then' }) receivedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was acknowledged (stops the acknowledgement clock)' }) acknowledgedAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the response (resolution) was given (stops the resolution clock)' }) respondedAt?: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was closed, or withdrawn for a WITHDRAWN complaint' }) closedAt?: Date | null;
}

@InputType()
export class CorrectiveActionInput {
  @Field(() => String) rootCause!: string;
  @Field(() => String) action!: string;
  @Field(() => String) owner!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) dueDate!: string;
}

@ObjectType()
export class CategoryCount {
  @Field(() => String) category!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class SeverityCount {
  @Field(() => SeverityEnum) severity!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'How many clocks were judged (stopped, or overdue while running) and how many met' })
export class ClockShare {
  @Field(() => Int) judged!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Float, { nullable: true }) share!: number | null;
}

@ObjectType({ description: 'Complaints received in a period (ISO 10002 monitoring)' })
export class ComplaintStats {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Int) received!: number;
  @Field(() => [CategoryCount]) byCategory!: CategoryCount[];
  @Field(() => [SeverityCount]) bySeverity!: SeverityCount[];
  @Field(() => ClockShare, { description: 'COMPLAINTS_ACK_ON_TIME' }) acknowledgement!: ClockShare;
  @Field(() => ClockShare, { description: 'COMPLAINTS_RESOLVED_ON_TIME' }) resolution!: ClockShare;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Median elapsed seconds from receipt to response (nearest rank)' }) resolveSecondsMedian!: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true, description: '90th percentile of the same' }) resolveSecondsP90!: number | null;
  @Field(() => Int, { description: 'Complaints answered at least once' }) responded!: number;
  @Field(() => Int) reopened!: number;
  @Field(() => Float, { nullable: true, description: 'reopened / responded' }) reopenRate!: number | null;
  @Field(() => Int) satisfactionResponses!: number;
  @Field(() => Float, { nullable: true }) satisfactionMean!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Queue {
  @Field(() => ID) id!: string;
}

/**
 * The subgraph-to-subgraph figures API for SLA verdicts (`Contract.windowFigures`). Feedback and
 * quality both resolve it, each for its own metrics, so the gateway must never route a client's
 * query to it: it is @inaccessible (absent from the public API) and @shareable (both define it).
 * The performance subgraph asks each owner directly.
 */
@Directive('@inaccessible')
@InputType({ description: 'One measurement window [from, to)' })
export class FigureWindowInput {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
}

@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType({ description: "A metric's figure in one measurement window, with its sample size and 95 % interval" })
export class WindowFigure {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) numerator!: number | null;
  @Field(() => Float, { nullable: true }) denominator!: number | null;
  @Field(() => Int) sampleSize!: number;
  @Field(() => Float, { nullable: true }) confidenceLow!: number | null;
  @Field(() => Float, { nullable: true }) confidenceHigh!: number | null;
  @Field(() => Boolean) approximate!: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID) id!: string;
}
