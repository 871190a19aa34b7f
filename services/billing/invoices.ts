import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../platform/database';
import { conflict, Problems } from '../platform/errors';
import { checkList, checkNumber, checkText } from '../platform/validate';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';
import { InvoiceLineValue, reconcile, Reconciliation } from '../metrics/pricing';
import { authorize } from './access';
import { insertInvoice, latestInvoice, moveInvoice } from './billing-storage';
import type { BillingContext, BillingReadContext } from './context';
import { InvoiceRow } from './entities/invoice';
import { checkedMonth, checkMonth, computeContent, issueWithin, StatementContent } from './statements';

/**
 * The invoice check (issue 14): the centre submits its invoice lines for a month; the hub
 * reconciles them line by line against the month's statement (issued, or issued now) and keeps
 * both, frozen; the client approves (final) or disputes it, and the centre may then submit a new
 * version: the publish, dispute and approve history of monthly performance reports.
 */
export interface InvoiceInput {
  reference: string;
  currency: string;
  lines: Array<{ code: string; description?: string | null; quantity: number; rateMinor: number; amountMinor: number }>;
}

function required(problems: Problems, field: string, value: string | null | undefined, max: number): void {
  if (value === null || value === undefined || value.trim() === '') problems.add(field, 'must not be empty');
  else checkText(problems, field, value, max);
}

/** Every problem of an invoice, fields named as the mutation's argument `invoice`; the currency must be the contract's. */
function invoiceProblems(problems: Problems, input: InvoiceInput, currency: string): void {
  required(problems, 'invoice.reference', input.reference, TEXT_LIMITS.reference);
  if (!/^[A-Z]{3}$/.test(input.currency)) problems.add('invoice.currency', 'must be an ISO 4217 code of three capital letters, e.g. EUR');
  else if (input.currency !== currency) problems.add('invoice.currency', `the contract is priced in ${currency}; an invoice in ${input.currency} cannot be checked against it`);
  if (input.lines.length === 0) problems.add('invoice.lines', 'at least one line');
  checkList(problems, 'invoice.lines', input.lines, LIST_LIMITS.invoiceLines, 'lines');
  if (input.lines.length > LIST_LIMITS.invoiceLines) return;
  input.lines.forEach((l, i) => {
    const at = `invoice.lines[${i}]`;
    required(problems, `${at}.code`, l.code, TEXT_LIMITS.reference);
    checkText(problems, `${at}.description`, l.description, TEXT_LIMITS.description);
    checkNumber(problems, `${at}.quantity`, l.quantity, BOUNDS.billedQuantity);
    checkNumber(problems, `${at}.rateMinor`, l.rateMinor, BOUNDS.moneyMinor);
    checkNumber(problems, `${at}.amountMinor`, l.amountMinor, BOUNDS.signedMoneyMinor);
  });
}

/**
 * The centre submits its invoice for a month that has ended. In one transaction: the latest
 * invoice of the month must have been disputed (or there is none), the statement is issued (or
 * the current one kept when its figures stand), the lines reconciled against it, the invoice
 * stored and a disputed predecessor superseded. Any refusal writes nothing.
 */
export async function submitInvoice(ctx: BillingContext, contractId: string, month: string, input: InvoiceInput): Promise<InvoiceRow> {
  const monthCheck = new Problems();
  checkMonth(monthCheck, month);
  monthCheck.throwIfAny();
  const facts = await authorize(ctx, 'invoice.submit', contractId);
  const problems = new Problems();
  invoiceProblems(problems, input, facts.currency);
  problems.throwIfAny();
  const range = checkedMonth(ctx, facts, month, true);
  const lines: InvoiceLineValue[] = input.lines.map((l) => ({ code: l.code.trim(), description: l.description?.trim() || null, quantity: l.quantity, rateMinor: l.rateMinor, amountMinor: l.amountMinor }));
  const content = await computeContent(ctx, facts, month, range);
  try {
    return await ctx.db.transaction(async (tx) => {
      const latest = await latestInvoice(tx, contractId, month);
      if (latest?.status === 'APPROVED') throw conflict(`the ${month} invoice was approved and is final`);
      if (latest?.status === 'SUBMITTED') throw conflict(`the ${month} invoice awaits the client's review; a new one can be submitted only after a dispute`);
      const statement = await issueWithin(tx, ctx, facts, month, content);
      const reconciliation = reconcile((statement.content as StatementContent).lines, lines);
      const row = Object.assign(new InvoiceRow(), {
        id: randomUUID(),
        contractId,
        clientId: facts.clientId,
        centreId: facts.centreId,
        month,
        version: (latest?.version ?? 0) + 1,
        status: 'SUBMITTED' as const,
        reference: input.reference.trim(),
        currency: input.currency,
        statementId: statement.id,
        lines,
        reconciliation,
        submittedAt: ctx.now,
        submittedBy: ctx.viewer.subject,
        reviewedAt: null,
        reviewedBy: null,
        disputeReason: null,
      });
      if (latest && !(await moveInvoice(tx, latest.id, 'DISPUTED', { status: 'SUPERSEDED' }))) throw conflict(`the ${month} invoice changed meanwhile; reload and retry`);
      await insertInvoice(tx, row);
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`another ${month} invoice or statement was recorded meanwhile; reload and retry`);
    throw error;
  }
}

/** The client approves (final) or disputes (with a reason) a submitted invoice. */
export async function reviewInvoice(ctx: BillingReadContext, id: string, decision: { approve: true } | { approve: false; reason: string }): Promise<InvoiceRow> {
  const invoice = await authorize(ctx, 'invoice.review', { id, row: await ctx.loaders.invoice.load(id) });
  if (!decision.approve) {
    const problems = new Problems();
    if (!decision.reason?.trim()) problems.add('reason', `a dispute needs a reason of 1 to ${TEXT_LIMITS.description} characters`);
    checkText(problems, 'reason', decision.reason, TEXT_LIMITS.description);
    problems.throwIfAny();
  }
  if (invoice.status !== 'SUBMITTED') throw conflict(`the invoice is ${invoice.status}; only a SUBMITTED invoice can be approved or disputed`);
  const changes = decision.approve
    ? { status: 'APPROVED' as const, reviewedAt: ctx.now, reviewedBy: ctx.viewer.subject }
    : { status: 'DISPUTED' as const, reviewedAt: ctx.now, reviewedBy: ctx.viewer.subject, disputeReason: decision.reason.trim() };
  if (!(await moveInvoice(ctx.db.manager, id, 'SUBMITTED', changes))) throw conflict('the invoice was reviewed meanwhile; reload it');
  ctx.loaders.invoice.clear(id);
  return Object.assign(invoice, changes);
}

/** One invoice, for its client and centre. */
export async function readInvoice(ctx: BillingReadContext, id: string): Promise<InvoiceRow> {
  return authorize(ctx, 'invoice.read', { id, row: await ctx.loaders.invoice.load(id) });
}

/** A contract's invoices, every version, newest month first. */
export async function contractInvoices(ctx: BillingReadContext, contractId: string): Promise<InvoiceRow[]> {
  await authorize(ctx, 'contract.read', contractId);
  return ctx.loaders.invoicesByContract.load(contractId);
}

export function reconciliationOf(row: InvoiceRow): Reconciliation {
  return row.reconciliation as Reconciliation;
}
