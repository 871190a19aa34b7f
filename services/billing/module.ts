import { SubgraphModule } from '../platform/subgraph';
import { InvoiceRow } from './entities/invoice';
import { StatementRow } from './entities/statement';
import { BillingOperations, BillingStatementResolver, ContractBillingResolver, InvoiceResolver, referenceResolvers } from './graphql/resolvers';
import { Contract } from './graphql/types';
import { BillingLoaders, createLoaders } from './loaders';
import { BillingInitial1795651200000 } from './migrations/0001-initial';
import { seedBilling } from './seed';

/** The billing subgraph (issue 14): monthly statements priced under the contracts' price terms, and invoices reconciled against them. */
export const billingSubgraph: SubgraphModule<BillingLoaders> = {
  name: 'billing',
  resolvers: [BillingOperations, BillingStatementResolver, InvoiceResolver, ContractBillingResolver],
  // Entities this subgraph only extends are reachable from no root field: name them.
  orphanedTypes: [Contract],
  entities: [StatementRow, InvoiceRow],
  migrations: [BillingInitial1795651200000],
  referenceResolvers,
  createLoaders: (db, _viewer, request) => createLoaders(db, request),
  seed: seedBilling,
};
