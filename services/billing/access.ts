import type { Viewer } from '../platform/auth';
import { AccessTable, decide, Parties } from '../platform/access';
import type { PricedContractFacts } from '../clients/contracts';
import type { BillingPeers } from './context';
import type { InvoiceRow } from './entities/invoice';
import type { StatementRow } from './entities/statement';

/**
 * Every authorisation decision of the billing subgraph: one table, one call (`authorize`) from
 * each use case. Who the parties of a contract are comes from the contracts subgraph, asked with
 * the caller's own token: it answers only for contracts the caller may see, so anything it does
 * not answer is NOT_FOUND here, with the same message as for an id that does not exist.
 * Statements and invoices carry their parties in their rows. Both parties read a contract's
 * statements and invoices and may issue a month's statement; the centre submits its invoice;
 * the client approves or disputes it.
 */
export type BillingAction = 'contract.read' | 'statement.issue' | 'statement.read' | 'invoice.submit' | 'invoice.read' | 'invoice.review';

export const BILLING_ACCESS: AccessTable<BillingAction> = {
  'contract.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its statements and invoices" },
  'statement.issue': { role: 'write', parties: ['client', 'centre'], denied: "only the contract's client and centre issue its statements" },
  'statement.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its statements" },
  'invoice.submit': { role: 'write', parties: ['centre'], denied: 'only the centre that serves the contract submits its invoices' },
  'invoice.read': { role: 'read', parties: ['client', 'centre'], denied: "only the contract's client and centre read its invoices" },
  'invoice.review': { role: 'write', parties: ['client'], denied: 'only the client organisation of the contract approves or disputes its invoices' },
};

/** A stored row as the caller named it: the id asked for, and the row when one exists. */
export interface RowRef<T> {
  id: string;
  row: T | null;
}

export interface AccessContext {
  viewer: Viewer;
  contracts: BillingPeers['contracts'];
}

function partiesOf(facts: { clientId: string; centreId: string } | null): Parties | null {
  return facts ? { clientId: facts.clientId, centreId: facts.centreId } : null;
}

export function authorize(ctx: AccessContext, action: 'contract.read' | 'statement.issue' | 'invoice.submit', contractId: string): Promise<PricedContractFacts>;
export function authorize(ctx: AccessContext, action: 'statement.read', statement: RowRef<StatementRow>): Promise<StatementRow>;
export function authorize(ctx: AccessContext, action: 'invoice.read' | 'invoice.review', invoice: RowRef<InvoiceRow>): Promise<InvoiceRow>;
export async function authorize(ctx: AccessContext, action: BillingAction, resource: string | RowRef<StatementRow> | RowRef<InvoiceRow>): Promise<unknown> {
  switch (action) {
    case 'contract.read':
    case 'statement.issue':
    case 'invoice.submit': {
      const id = resource as string;
      const facts = await ctx.contracts.contract.load(id);
      decide(BILLING_ACCESS, ctx.viewer, action, { what: 'Contract', id, parties: partiesOf(facts) });
      return facts;
    }
    case 'statement.read': {
      const { id, row } = resource as RowRef<StatementRow>;
      decide(BILLING_ACCESS, ctx.viewer, action, { what: 'BillingStatement', id, parties: partiesOf(row) });
      return row;
    }
    case 'invoice.read':
    case 'invoice.review': {
      const { id, row } = resource as RowRef<InvoiceRow>;
      decide(BILLING_ACCESS, ctx.viewer, action, { what: 'Invoice', id, parties: partiesOf(row) });
      return row;
    }
    default:
      throw new Error(`no access rule for action ${String(action)}`);
  }
}
