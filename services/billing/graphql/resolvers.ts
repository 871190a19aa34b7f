import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../platform/subgraph';
import { billingContext } from '../context';
import type { InvoiceRow } from '../entities/invoice';
import { contractInvoices, readInvoice, reconciliationOf, reviewInvoice, submitInvoice } from '../invoices';
import type { BillingLoaders } from '../loaders';
import { contractStatements, currentDifferences, issueStatement, liveStatement, readStatement, storedView, StatementView } from '../statements';
import { BillingStatement, Contract, Invoice, InvoiceInput, Reconciliation, StatementDifference, StatementLine } from './types';
import type { InvoiceLineValue } from '../../metrics/pricing';

type Context = SubgraphContext<BillingLoaders>;
/** A statement as resolvers pass it on: its fields, and the view it came from. */
type StatementObject = BillingStatement & { view: StatementView };
type InvoiceObject = Invoice & { row: InvoiceRow };

function toStatement(view: StatementView): StatementObject {
  const c = view.content;
  return {
    id: view.id,
    contractId: view.contractId,
    month: view.month,
    version: view.version,
    status: view.status,
    currency: c.currency,
    timeZone: c.timeZone,
    from: new Date(c.from),
    to: new Date(c.to),
    computedAt: new Date(c.computedAt),
    issuedAt: view.issuedAt,
    issuedBy: view.issuedBy,
    lines: c.lines.map((l): StatementLine => ({ ...l, from: new Date(l.from * 1000), to: new Date(l.to * 1000) })),
    chargesMinor: c.chargesMinor,
    creditsMinor: c.creditsMinor,
    bonusesMinor: c.bonusesMinor,
    totalMinor: c.totalMinor,
    notes: c.notes,
    rounding: c.rounding,
    view,
  };
}

function toInvoice(row: InvoiceRow): InvoiceObject {
  return { ...row, lines: row.lines as InvoiceLineValue[], reconciliation: reconciliationOf(row) as Reconciliation, row };
}

@Resolver(() => BillingStatement)
export class BillingStatementResolver {
  @FieldResolver(() => [StatementDifference], {
    description: 'For an issued statement, its figures that the data now gives differently (empty when none, and for a LIVE statement): the statement itself is never rewritten',
  })
  async differences(@Root() s: StatementObject, @Ctx() ctx: Context): Promise<StatementDifference[]> {
    return (await currentDifferences(billingContext(ctx), s.view)).map((d) => ({ ...d, from: new Date(d.from) }));
  }

  @FieldResolver(() => Boolean, { description: 'True when the actuals (or terms) of the month changed after the statement was issued' })
  async changed(@Root() s: StatementObject, @Ctx() ctx: Context): Promise<boolean> {
    return (await currentDifferences(billingContext(ctx), s.view)).length > 0;
  }
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @FieldResolver(() => BillingStatement, { description: 'The statement the invoice was checked against, as issued' })
  async statement(@Root() i: InvoiceObject, @Ctx() ctx: Context): Promise<StatementObject> {
    const row = await ctx.loaders.statement.load(i.row.statementId);
    if (!row) throw new Error(`statement ${i.row.statementId} of invoice ${i.id} is missing`);
    return toStatement(storedView(row));
  }
}

@Resolver(() => Contract)
export class ContractBillingResolver {
  @FieldResolver(() => [BillingStatement], { nullable: true, description: 'Issued statements, newest month first, every version' })
  async billingStatements(@Root() contract: Contract, @Ctx() ctx: Context): Promise<StatementObject[]> {
    return (await contractStatements(billingContext(ctx), contract.id)).map(toStatement);
  }

  @FieldResolver(() => [Invoice], { nullable: true, description: 'Submitted invoices, newest month first, every version' })
  async invoices(@Root() contract: Contract, @Ctx() ctx: Context): Promise<InvoiceObject[]> {
    return (await contractInvoices(billingContext(ctx), contract.id)).map(toInvoice);
  }
}

@Resolver()
export class BillingOperations {
  @Query(() => BillingStatement, {
    description: "A contract's month priced as the data now stands (LIVE; a month not yet over shows what was reported so far); NOT_FOUND unless you are its client or centre",
  })
  async billingStatement(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('month', () => String, { description: 'YYYY-MM' }) month: string): Promise<StatementObject> {
    return toStatement(await liveStatement(billingContext(ctx), contractId, month));
  }

  @Query(() => BillingStatement, { description: 'One issued statement; NOT_FOUND unless you are its client or centre' })
  async issuedBillingStatement(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<StatementObject> {
    return toStatement(await readStatement(billingContext(ctx), id));
  }

  @Query(() => Invoice, { description: 'One invoice; NOT_FOUND unless you are its client or centre' })
  async invoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<InvoiceObject> {
    return toInvoice(await readInvoice(billingContext(ctx), id));
  }

  @Mutation(() => BillingStatement, { description: "The client or the centre issues a month's statement once the month has ended: computed now and frozen; the same one while its figures stand" })
  async issueBillingStatement(@Ctx() ctx: Context, @Arg('contractId', () => ID) contractId: string, @Arg('month', () => String, { description: 'YYYY-MM, a month that has ended' }) month: string): Promise<StatementObject> {
    return toStatement(await issueStatement(billingContext(ctx), contractId, month));
  }

  @Mutation(() => Invoice, {
    description: "The centre submits its invoice for a month that has ended; the hub reconciles it line by line against the month's statement (issued now if need be). BAD_USER_INPUT for an invoice in another currency",
  })
  async submitInvoice(
    @Ctx() ctx: Context,
    @Arg('contractId', () => ID) contractId: string,
    @Arg('month', () => String, { description: 'YYYY-MM, a month that has ended' }) month: string,
    @Arg('invoice', () => InvoiceInput) invoice: InvoiceInput,
  ): Promise<InvoiceObject> {
    return toInvoice(await submitInvoice(billingContext(ctx), contractId, month, invoice));
  }

  @Mutation(() => Invoice, { description: 'The client approves a submitted invoice; it is then final' })
  async approveInvoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<InvoiceObject> {
    return toInvoice(await reviewInvoice(billingContext(ctx), id, { approve: true }));
  }

  @Mutation(() => Invoice, { description: 'The client disputes a submitted invoice, with a reason; the centre may then submit a new version' })
  async disputeInvoice(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<InvoiceObject> {
    return toInvoice(await reviewInvoice(billingContext(ctx), id, { approve: false, reason }));
  }
}

/** References are plain keys: every field that reads data authorises itself through the contracts subgraph. */
export const referenceResolvers = {
  Contract: (ref: { id: string }) => ({ id: ref.id }),
};
