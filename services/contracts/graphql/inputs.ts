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
  WeekdayEnum,
} from './enums';
import type { Channel, Comparator, Direction, Frequency, MeasurementWindow, Party, Weekday } from '../../metrics/vocabulary';

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
