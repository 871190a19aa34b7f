import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  ChannelEnum,
  ComparatorEnum,
  DirectionEnum,
  FrequencyEnum,
  MeasurementWindowEnum,
  METRIC_KEY_LIST,
  OrganisationKindEnum,
  PartyEnum,
  PriceKindEnum,
  WeekdayEnum,
} from './enums';
import type { Channel, Comparator, Direction, Frequency, MeasurementWindow, Party, Weekday } from '../../metrics/vocabulary';
import type { PriceKind } from '../../metrics/pricing';

@InputType()
export class RegisterOrganisationInput {
  @Field(() => ID, { nullable: true, description: 'A readable id (lower-case, digits, hyphens); generated when left out' })
  id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => OrganisationKindEnum) kind!: 'CLIENT' | 'CENTRE';
}

@InputType()
export class CreateContractInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => ID, { description: 'The contact centre organisation that will serve the contract' }) centreId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) startDate!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startDate' }) endDate?: string | null;
  @Field(() => String, { description: 'ISO 4217, e.g. EUR' }) currency!: string;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Monthly fee in minor units (cents); service credits are a share of it' })
  monthlyFeeMinor?: number | null;
}

@InputType()
export class UpdateContractInput {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => String, { nullable: true }) startDate?: string;
  @Field(() => String, { nullable: true }) endDate?: string | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) monthlyFeeMinor?: number | null;
}

@InputType()
export class OpeningHoursInput {
  @Field(() => WeekdayEnum) weekday!: Weekday;
  @Field(() => String) opens!: string;
  @Field(() => String) closes!: string;
}

@InputType()
export class QueueInput {
  @Field(() => String) name!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => DirectionEnum, { defaultValue: 'INBOUND' }) direction!: Direction;
  @Field(() => String, { description: 'IANA time zone, e.g. Europe/Paris' }) timeZone!: string;
  @Field(() => [OpeningHoursInput], { defaultValue: [] }) openingHours!: OpeningHoursInput[];
}

@InputType()
export class ServiceCreditInput {
  @Field(() => Float) percentPerPoint!: number;
  @Field(() => Float) capPercent!: number;
}

@InputType()
export class SlaTargetInput {
  @Field(() => ID, { nullable: true, description: 'Give the id of an existing target to replace its definition' })
  id?: string | null;
  @Field(() => ID, { nullable: true, description: 'Leave out for a target over all queues of the contract' })
  queueId?: string | null;
  @Field(() => String, { description: `Catalogue metric key: ${METRIC_KEY_LIST}` }) metric!: string;
  @Field(() => String, { nullable: true, description: 'Catalogue variant; CANONICAL when left out' }) variant?: string | null;
  @Field(() => Int, { nullable: true }) thresholdSeconds?: number | null;
  @Field(() => Int, { nullable: true }) shortAbandonSeconds?: number | null;
  @Field(() => Int, { nullable: true }) repeatWindowDays?: number | null;
  @Field(() => Float, { nullable: true }) tolerance?: number | null;
  @Field(() => Float) goal!: number;
  @Field(() => ComparatorEnum, { nullable: true, description: "Defaults from the metric: AT_LEAST where higher is better" })
  comparator?: Comparator | null;
  @Field(() => MeasurementWindowEnum) window!: MeasurementWindow;
  @Field(() => ServiceCreditInput, { nullable: true, description: 'Left out when replacing a target (input.id): the target keeps its service credit; null removes it' })
  serviceCredit?: ServiceCreditInput | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The least survey responses, evaluations or (for interval metrics) offered contacts a window needs to be judged; a window with fewer is reported as not judged, with the reason',
  })
  minimumSample?: number | null;
}

@InputType()
export class ResponsibilityInput {
  @Field(() => String) area!: string;
  @Field(() => PartyEnum) party!: Party;
  @Field(() => String) contactName!: string;
  @Field(() => String, { nullable: true }) contactEmail?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class InformationItemInput {
  @Field(() => String) what!: string;
  @Field(() => FrequencyEnum) frequency!: Frequency;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class ReportingObligationInput {
  @Field(() => String) report!: string;
  @Field(() => FrequencyEnum) frequency!: Frequency;
  @Field(() => Int) dueDaysAfterPeriodEnd!: number;
}

@InputType()
export class BusinessCalendarInput {
  @Field(() => String) timeZone!: string;
  @Field(() => [OpeningHoursInput]) hours!: OpeningHoursInput[];
  @Field(() => [String], { defaultValue: [] }) holidays!: string[];
}

@InputType()
export class ComplaintTermsInput {
  @Field(() => Int, { description: 'Business hours to acknowledge a complaint' }) acknowledgeWithinHours!: number;
  @Field(() => Int, { description: 'Business days to resolve a complaint' }) resolveWithinDays!: number;
  @Field(() => BusinessCalendarInput) calendar!: BusinessCalendarInput;
}

@InputType()
export class ServiceTermInput {
  @Field(() => String) topic!: string;
  @Field(() => String) text!: string;
}

@InputType({ description: 'A volume band: the units from fromPercent to toPercent of the forecast in force (counted cumulatively) at their own rate' })
export class VolumeBandInput {
  @Field(() => Float, { description: 'e.g. 90 for 90 % of the forecast' }) fromPercent!: number;
  @Field(() => Float, { nullable: true, description: 'Above fromPercent; leave out for no upper limit' }) toPercent?: number | null;
  @Field(() => GraphQLSafeInt, { description: 'Minor units per unit, 0 or more' }) rateMinor!: number;
}

@InputType()
export class PriceComponentInput {
  @Field(() => String, { nullable: true, description: 'Names its lines on statements and invoices; defaults to the kind (and queue id)' }) code?: string | null;
  @Field(() => PriceKindEnum) kind!: PriceKind;
  @Field(() => GraphQLSafeInt, { description: 'Minor units per unit (per month for FIXED_MONTHLY), 0 or more; units outside every band are priced at it' }) rateMinor!: number;
  @Field(() => ID, { nullable: true, description: 'Leave out for all the queues of the contract together' }) queueId?: string | null;
  @Field(() => [VolumeBandInput], { nullable: true, description: 'Only on PER_HANDLED_CONTACT and PER_HANDLED_MINUTE; bands must not overlap' }) bands?: VolumeBandInput[] | null;
}

@InputType()
export class BonusRuleInput {
  @Field(() => ID) slaTargetId!: string;
  @Field(() => Float, { description: 'Share of the judged windows of the month that must be met, 0..1' }) minShareMet!: number;
  @Field(() => Float, { description: "Percent of the month's charges" }) percent!: number;
}

@InputType({ description: "What the client pays, in minor units of the contract's currency" })
export class PriceTermsInput {
  @Field(() => [PriceComponentInput]) components!: PriceComponentInput[];
  @Field(() => Float, { nullable: true, description: 'Productive hours of one FTE-month; needed by PER_FTE components' }) fteHoursPerMonth?: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true }) minimumMonthlyMinor?: number | null;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Not below the minimum' }) capMonthlyMinor?: number | null;
  @Field(() => Float, { nullable: true, description: "All the month's service credits together at most this percent of its charges" }) creditCapPercent?: number | null;
  @Field(() => [BonusRuleInput], { nullable: true }) bonuses?: BonusRuleInput[] | null;
  @Field(() => Int, { nullable: true, description: 'A service credit is paid back once its target meets every judged window for this many months' }) earnBackMonths?: number | null;
}
