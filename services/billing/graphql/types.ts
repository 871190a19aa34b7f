import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../../platform/enums';
import { BILLING_UNITS, DIFFERENCE_CAUSES, LINE_KINDS } from '../../metrics/pricing';

export const StatementStatusEnum = enumOf(['LIVE', 'ISSUED', 'SUPERSEDED'] as const);
export const InvoiceStatusEnum = enumOf(['SUBMITTED', 'APPROVED', 'DISPUTED', 'SUPERSEDED'] as const);
export const BillingUnitEnum = enumOf(BILLING_UNITS);
export const StatementLineKindEnum = enumOf(LINE_KINDS);
export const DifferenceCauseEnum = enumOf(DIFFERENCE_CAUSES);

registerEnumType(StatementStatusEnum, { name: 'BillingStatementStatus', description: 'LIVE: computed from the data as it stands now; ISSUED: frozen; SUPERSEDED: replaced by a later version' });
registerEnumType(InvoiceStatusEnum, { name: 'InvoiceStatus' });
registerEnumType(BillingUnitEnum, { name: 'BillingUnit', description: 'CONTACT whole; MINUTE, HOUR and FTE_MONTH to 0.01; MONTH and PERCENT (of the rate) to 0.0001; LUMP_SUM 1' });
registerEnumType(StatementLineKindEnum, {
  name: 'StatementLineKind',
  description: 'CHARGE (a price component), MINIMUM_TOP_UP, CHARGE_CAP (negative), SERVICE_CREDIT (negative), CREDIT_CAP (credits above the overall cap, given back), BONUS, EARN_BACK (an earlier credit paid back)',
});
registerEnumType(DifferenceCauseEnum, {
  name: 'DifferenceCause',
  description:
    "QUANTITY, RATE, ARITHMETIC (the invoice's amount is not its own quantity × rate), CREDIT_MISSING (a service credit, or the credits' overall cap, the statement has and the invoice leaves out), NOT_INVOICED (a charge the invoice leaves out), NOT_IN_TERMS (a line the price terms do not define)",
});

@ObjectType({ description: 'One line of a statement: quantity × rate = amount, rounded once (see rounding)' })
export class StatementLine {
  @Field(() => String, { description: 'The price component or rule that priced it; an invoice line names the same code' }) code!: string;
  @Field(() => StatementLineKindEnum) kind!: string;
  @Field(() => ID, { nullable: true }) queueId!: string | null;
  @Field(() => ID, { nullable: true }) slaTargetId!: string | null;
  @Field(() => Date, { description: 'Start of the part of the month it covers (a price change mid-month splits a line)' }) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Float, { description: 'At the precision of its unit' }) quantity!: number;
  @Field(() => BillingUnitEnum) unit!: string;
  @Field(() => GraphQLSafeInt, { description: 'Minor units per unit; for PERCENT, the amount a percentage is taken of' }) rateMinor!: number;
  @Field(() => GraphQLSafeInt, { description: 'Minor units; negative for deductions' }) amountMinor!: number;
  @Field(() => String, { description: 'What the quantity is, where it comes from, how it was rounded' }) definition!: string;
  @Field(() => Int, { nullable: true, description: 'The contract revision whose price terms priced it' }) termsRevision!: number | null;
}

@ObjectType({ description: 'A figure of an issued statement that the data now gives differently' })
export class StatementDifference {
  @Field(() => String) code!: string;
  @Field(() => Date) from!: Date;
  @Field(() => String, { description: 'quantity, rateMinor, amountMinor, or line (a line that appeared or went)' }) field!: string;
  @Field(() => Float, { nullable: true }) issued!: number | null;
  @Field(() => Float, { nullable: true }) current!: number | null;
}

@ObjectType({ description: "A contract's month priced under its price terms (issue 14): every line with its quantity, rate, amount and definition" })
export class BillingStatement {
  @Field(() => ID, { nullable: true, description: 'Null for a LIVE statement' }) id!: string | null;
  @Field(() => ID) contractId!: string;
  @Field(() => String, { description: 'YYYY-MM in timeZone' }) month!: string;
  @Field(() => Int, { nullable: true }) version!: number | null;
  @Field(() => StatementStatusEnum) status!: string;
  @Field(() => String) currency!: string;
  @Field(() => String, { description: "The zone of the contract's months (its first queue's)" }) timeZone!: string;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Date) computedAt!: Date;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
  @Field(() => String, { nullable: true }) issuedBy!: string | null;
  @Field(() => [StatementLine]) lines!: StatementLine[];
  @Field(() => GraphQLSafeInt, { description: 'Charges after minimum and cap' }) chargesMinor!: number;
  @Field(() => GraphQLSafeInt, { description: 'Service credits net of the overall credit cap (0 or negative)' }) creditsMinor!: number;
  @Field(() => GraphQLSafeInt, { description: 'Bonuses and credits earned back' }) bonusesMinor!: number;
  @Field(() => GraphQLSafeInt) totalMinor!: number;
  @Field(() => [String], { description: 'What could not be priced as the terms say, and why' }) notes!: string[];
  @Field(() => String) rounding!: string;
}

@ObjectType()
export class InvoiceLine {
  @Field(() => String) code!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Float) quantity!: number;
  @Field(() => GraphQLSafeInt) rateMinor!: number;
  @Field(() => GraphQLSafeInt) amountMinor!: number;
}

@ObjectType()
export class LineFigures {
  @Field(() => Float) quantity!: number;
  @Field(() => GraphQLSafeInt) rateMinor!: number;
  @Field(() => GraphQLSafeInt) amountMinor!: number;
}

@ObjectType({ description: 'An invoice line against its statement line, with the cause of every difference' })
export class ReconciliationLine {
  @Field(() => String) code!: string;
  @Field(() => [DifferenceCauseEnum], { description: 'Empty when the line agrees' }) causes!: string[];
  @Field(() => LineFigures, { nullable: true }) statement!: LineFigures | null;
  @Field(() => LineFigures, { nullable: true }) invoiced!: LineFigures | null;
  @Field(() => GraphQLSafeInt, { description: 'Invoiced minus statement amount' }) differenceMinor!: number;
  @Field(() => String) explanation!: string;
}

@ObjectType()
export class Reconciliation {
  @Field(() => Boolean, { description: 'Every line agrees and the totals are equal' }) matches!: boolean;
  @Field(() => GraphQLSafeInt) statementTotalMinor!: number;
  @Field(() => GraphQLSafeInt) invoicedTotalMinor!: number;
  @Field(() => GraphQLSafeInt) differenceMinor!: number;
  @Field(() => [ReconciliationLine]) lines!: ReconciliationLine[];
}

@ObjectType({ description: "A centre's invoice for a month, checked line by line against the statement" })
export class Invoice {
  @Field(() => ID) id!: string;
  @Field(() => ID) contractId!: string;
  @Field(() => String) month!: string;
  @Field(() => Int) version!: number;
  @Field(() => InvoiceStatusEnum) status!: string;
  @Field(() => String, { description: "The centre's invoice number" }) reference!: string;
  @Field(() => String) currency!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => String) submittedBy!: string;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => String, { nullable: true }) disputeReason!: string | null;
  @Field(() => [InvoiceLine]) lines!: InvoiceLine[];
  @Field(() => Reconciliation) reconciliation!: Reconciliation;
}

@InputType()
export class InvoiceLineInput {
  @Field(() => String, { description: 'The code of the statement line it bills (see BillingStatement.lines)' }) code!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Float) quantity!: number;
  @Field(() => GraphQLSafeInt) rateMinor!: number;
  @Field(() => GraphQLSafeInt, { description: 'Negative for deductions (credits, a cap)' }) amountMinor!: number;
}

@InputType()
export class InvoiceInput {
  @Field(() => String, { description: "The centre's invoice number" }) reference!: string;
  @Field(() => String, { description: "ISO 4217; must be the contract's currency" }) currency!: string;
  @Field(() => [InvoiceLineInput]) lines!: InvoiceLineInput[];
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID) id!: string;
}
