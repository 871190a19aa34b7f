import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import {
  ChannelEnum,
  ComparatorEnum,
  ContractStatusEnum,
  DirectionEnum,
  FrequencyEnum,
  MeasurementWindowEnum,
  METRIC_KEY_LIST,
  MetricUnitEnum,
  OrganisationKindEnum,
  PartyEnum,
  PriceKindEnum,
  WeekdayEnum,
} from './enums';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A client organisation or an outsourced contact centre' })
export class Organisation {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => OrganisationKindEnum) kind!: string;
}

@ObjectType({ description: 'The caller, as its token says' })
export class Me {
  @Field(() => String, { description: 'The token subject (a user or system id)' }) subject!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => Organisation, { nullable: true, description: 'Null when the token names an organisation the hub does not know' })
  organisation!: Organisation | null;
}

@ObjectType({ description: 'An amount in integer minor units (cents) with its ISO 4217 currency' })
export class Money {
  @Field(() => GraphQLSafeInt) amountMinor!: number;
  @Field(() => String) currency!: string;
}

@ObjectType()
export class OpeningHours {
  @Field(() => WeekdayEnum) weekday!: string;
  @Field(() => String, { description: 'Local time HH:MM' }) opens!: string;
  @Field(() => String, { description: 'Local time HH:MM (24:00 for midnight)' }) closes!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A queue (line of business on one channel) the centre serves under a contract' })
export class Queue {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ChannelEnum) channel!: string;
  @Field(() => DirectionEnum) direction!: string;
  @Field(() => String, { description: 'IANA time zone of the queue: business hours and daily buckets follow it' }) timeZone!: string;
  @Field(() => [OpeningHours]) openingHours!: OpeningHours[];
}

@ObjectType({ description: 'Service credit owed when a target is missed: a share of the monthly fee per point of shortfall, capped' })
export class ServiceCredit {
  @Field(() => Float) percentPerPoint!: number;
  @Field(() => Float) capPercent!: number;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A service-level target in one of the catalogue definitions' })
export class SlaTarget {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: `Catalogue metric key: ${METRIC_KEY_LIST}` }) metric!: string;
  @Field(() => String, { description: 'Catalogue variant of the metric (CANONICAL unless stated)' }) variant!: string;
  @Field(() => Int, { nullable: true, description: 'T, for metrics with an answer threshold' }) thresholdSeconds!: number | null;
  @Field(() => Int, { nullable: true, description: 'S, for variants that leave out short abandons' }) shortAbandonSeconds!: number | null;
  @Field(() => Int, { nullable: true }) repeatWindowDays!: number | null;
  @Field(() => Float, { nullable: true }) tolerance!: number | null;
  @Field(() => Float, { description: 'Ratios as 0..1, durations in seconds' }) goal!: number;
  @Field(() => ComparatorEnum) comparator!: string;
  @Field(() => MeasurementWindowEnum) window!: string;
  @Field(() => Int, { nullable: true, description: 'The least sample a window needs to be judged; null: any' }) minimumSample!: number | null;
  @Field(() => ID) contractId!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'The definition an SLA target had over a period; the performance subgraph measures each window under the version then in force' })
export class SlaTargetVersion {
  @Field(() => Date) effectiveFrom!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while in force' }) effectiveTo!: Date | null;
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

@ObjectType({ description: 'ISO 18295-2 6.4: who is responsible for what' })
export class Responsibility {
  @Field(() => String) area!: string;
  @Field(() => PartyEnum) party!: string;
  @Field(() => String) contactName!: string;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'ISO 18295-2 6.5: information the client hands to the centre' })
export class InformationItem {
  @Field(() => String) what!: string;
  @Field(() => FrequencyEnum) frequency!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
}

@ObjectType({ description: 'ISO 18295-2 6.8: a report the centre owes the client' })
export class ReportingObligation {
  @Field(() => String) report!: string;
  @Field(() => FrequencyEnum) frequency!: string;
  @Field(() => Int) dueDaysAfterPeriodEnd!: number;
}

@ObjectType({ description: 'When complaint clocks run: business hours in a time zone, minus holidays' })
export class BusinessCalendar {
  @Field(() => String) timeZone!: string;
  @Field(() => [OpeningHours]) hours!: OpeningHours[];
  @Field(() => [String], { description: 'Local dates YYYY-MM-DD' }) holidays!: string[];
}

@ObjectType({ description: 'ISO 10002 complaint-handling clocks agreed in the contract' })
export class ComplaintTerms {
  @Field(() => Int) acknowledgeWithinHours!: number;
  @Field(() => Int) resolveWithinDays!: number;
  @Field(() => BusinessCalendar) calendar!: BusinessCalendar;
}

@ObjectType({ description: 'ISO 18295-2 6.10: a named clause of the service terms' })
export class ServiceTerm {
  @Field(() => String) topic!: string;
  @Field(() => String) text!: string;
}

@ObjectType({ description: 'One field that changed in a revision; values are JSON' })
export class FieldChange {
  @Field(() => String) path!: string;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
}

@ObjectType({ description: 'One recorded change to a contract' })
export class Amendment {
  @Field(() => Int) revision!: number;
  @Field(() => Date, { description: 'When the change was recorded' }) at!: Date;
  @Field(() => Date, { description: 'From when it applies to the service' }) effectiveFrom!: Date;
  @Field(() => String) actorSubject!: string;
  @Field(() => ID) actorOrganisationId!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => [FieldChange]) changes!: FieldChange[];
}

/** Fields a contract shares with its past states; not itself in the schema, as no field returns it. */
@ObjectType()
abstract class ContractFields {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) reference!: string | null;
  @Field(() => ContractStatusEnum) status!: string;
  @Field(() => String, { description: 'First day of service, YYYY-MM-DD' }) startDate!: string;
  @Field(() => String, { nullable: true, description: 'Last day of service, YYYY-MM-DD' }) endDate!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => Int) revision!: number;
  @Field(() => [Responsibility]) responsibilities!: Responsibility[];
  @Field(() => [InformationItem]) informationItems!: InformationItem[];
  @Field(() => [ReportingObligation]) reportingObligations!: ReportingObligation[];
  @Field(() => ComplaintTerms, { nullable: true }) complaintTerms!: ComplaintTerms | null;
  @Field(() => [ServiceTerm]) serviceTerms!: ServiceTerm[];
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An agreement between a client organisation and a contact centre (ISO 18295-2 clause 6)' })
export class Contract extends ContractFields {
  @Field(() => ID) id!: string;
  @Field(() => Date, { nullable: true }) activatedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'A contract as it stood at a past instant' })
export class ContractState extends ContractFields {
  @Field(() => ID) id!: string;
  @Field(() => Date, { description: 'When this state came into force' }) effectiveFrom!: Date;
  @Field(() => [Queue]) queues!: Queue[];
  @Field(() => [SlaTarget]) slaTargets!: SlaTarget[];
}

@ObjectType()
export class MetricVariantInfo {
  @Field(() => String) key!: string;
  @Field(() => String) description!: string;
  @Field(() => [String]) parameters!: string[];
  @Field(() => MetricUnitEnum) unit!: string;
}

@ObjectType({ description: 'A metric of the canonical catalogue (shared/METRICS.md)' })
export class MetricInfo {
  @Field(() => String) key!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => MetricUnitEnum) unit!: string;
  @Field(() => Float, { nullable: true }) minimum!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null when unbounded' }) maximum!: number | null;
  @Field(() => [String], { description: 'Parameters every variant needs, e.g. thresholdSeconds' }) parameters!: string[];
  @Field(() => String, { description: 'HIGHER or LOWER is better' }) better!: string;
  @Field(() => [MetricVariantInfo]) variants!: MetricVariantInfo[];
}

@ObjectType({ description: 'A volume band: the units from fromPercent to toPercent of the forecast in force, counted cumulatively, at their own rate' })
export class VolumeBand {
  @Field(() => Float) fromPercent!: number;
  @Field(() => Float, { nullable: true, description: 'Null: no upper limit' }) toPercent!: number | null;
  @Field(() => GraphQLSafeInt) rateMinor!: number;
}

@ObjectType()
export class PriceComponent {
  @Field(() => String, { description: 'Names its lines on statements and invoices' }) code!: string;
  @Field(() => PriceKindEnum) kind!: string;
  @Field(() => GraphQLSafeInt, { description: 'Minor units per unit (per month for FIXED_MONTHLY); units outside every band' }) rateMinor!: number;
  @Field(() => ID, { nullable: true, description: 'Null: all the queues of the contract together' }) queueId!: string | null;
  @Field(() => [VolumeBand]) bands!: VolumeBand[];
}

@ObjectType({ description: "A bonus of percent of the month's charges when at least minShareMet of a target's judged windows were met" })
export class BonusRule {
  @Field(() => ID) slaTargetId!: string;
  @Field(() => Float) minShareMet!: number;
  @Field(() => Float) percent!: number;
}

@ObjectType({ description: 'What the client pays (issue 14): amounts in minor units of currency. Service credits are on the SLA targets, as a share of the month\'s charges' })
export class PriceTerms {
  @Field(() => String) currency!: string;
  @Field(() => [PriceComponent]) components!: PriceComponent[];
  @Field(() => Float, { nullable: true }) fteHoursPerMonth!: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) minimumMonthlyMinor!: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) capMonthlyMinor!: number | null;
  @Field(() => Float, { nullable: true }) creditCapPercent!: number | null;
  @Field(() => [BonusRule]) bonuses!: BonusRule[];
  @Field(() => Int, { nullable: true }) earnBackMonths!: number | null;
}

@ObjectType({ description: 'The price terms over a period while the contract was active' })
export class PriceTermsVersion {
  @Field(() => Date) effectiveFrom!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while in force' }) effectiveTo!: Date | null;
  @Field(() => Int, { description: 'The contract revision that set them' }) revision!: number;
  @Field(() => PriceTerms) terms!: PriceTerms;
}
