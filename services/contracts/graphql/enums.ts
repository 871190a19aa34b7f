import { registerEnumType } from 'type-graphql';
import { METRIC_KEYS } from '../../metrics/catalogue';
import { CHANNELS, COMPARATORS, DIRECTIONS, FREQUENCIES, PARTIES, WEEKDAYS, WINDOWS } from '../../metrics/vocabulary';
import { enumOf } from '../../platform/enums';
import { PRICE_KINDS } from '../../metrics/pricing';

export const OrganisationKindEnum = enumOf(['CLIENT', 'CENTRE'] as const);
export const ContractStatusEnum = enumOf(['DRAFT', 'ACTIVE'] as const);
export const ChannelEnum = enumOf(CHANNELS);
export const DirectionEnum = enumOf(DIRECTIONS);
export const WeekdayEnum = enumOf(WEEKDAYS);
export const PartyEnum = enumOf(PARTIES);
export const FrequencyEnum = enumOf(FREQUENCIES);
export const ComparatorEnum = enumOf(COMPARATORS);
export const MeasurementWindowEnum = enumOf(WINDOWS);
export const MetricUnitEnum = enumOf(['RATIO', 'SECONDS', 'SCORE', 'POINTS', 'CONTACTS'] as const);
export const PriceKindEnum = enumOf(PRICE_KINDS);

registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind', description: 'A client organisation or an outsourced contact centre' });
registerEnumType(ContractStatusEnum, { name: 'ContractStatus' });
registerEnumType(ChannelEnum, { name: 'Channel' });
registerEnumType(DirectionEnum, { name: 'Direction' });
registerEnumType(WeekdayEnum, { name: 'Weekday' });
registerEnumType(PartyEnum, { name: 'Party', description: 'The side of the agreement that holds a responsibility' });
registerEnumType(FrequencyEnum, { name: 'Frequency' });
registerEnumType(ComparatorEnum, { name: 'Comparator', description: 'AT_LEAST: the measured value must reach the goal; AT_MOST: must not exceed it' });
registerEnumType(MeasurementWindowEnum, { name: 'MeasurementWindow', description: 'The period over which an SLA target is measured and judged' });
registerEnumType(MetricUnitEnum, { name: 'MetricUnit' });
registerEnumType(PriceKindEnum, {
  name: 'PriceKind',
  description:
    'What a price component charges for: PER_PRODUCTIVE_HOUR (staffed agent hours), PER_HANDLED_CONTACT (answered contacts), PER_HANDLED_MINUTE (talk + hold + after-contact work), PER_FTE (productive hours ÷ hours per FTE-month), FIXED_MONTHLY (a monthly fee, prorated over a partial month)',
});

/** Metric keys are strings in the API so an unknown key gets BAD_USER_INPUT naming the field; this list documents them. */
export const METRIC_KEY_LIST = METRIC_KEYS.join(', ');
