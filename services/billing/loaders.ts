import { DataSource } from 'typeorm';
import { createPricedContractsClient } from '../clients/contracts';
import { createForecastsClient } from '../clients/forecasts';
import { createBillingPerformanceClient } from '../clients/performance';
import { loaderById, loaderGroupedBy } from '../platform/loaders';
import type { RequestInfo } from '../platform/subgraph';
import { invoicesByIds, invoicesOfContracts, statementsByIds, statementsOfContracts } from './billing-storage';
import type { BillingPeers } from './context';
import type { StatementDifference } from './statements';

/**
 * Per-request loaders: the peers (contracts, performance, forecasts, each batched and asked with
 * the caller's token), and one SQL statement per kind of row whatever the number of contracts,
 * statements or invoices a request lists.
 */
export function createLoaders(db: DataSource, request: RequestInfo) {
  const peers: BillingPeers = {
    contracts: createPricedContractsClient(request.peer('contracts')),
    performance: createBillingPerformanceClient(request.peer('performance')),
    forecasts: createForecastsClient(request.peer('forecasts')),
  };
  return {
    peers,
    statement: loaderById((ids) => statementsByIds(db.manager, ids), (r) => r.id),
    invoice: loaderById((ids) => invoicesByIds(db.manager, ids), (r) => r.id),
    statementsByContract: loaderGroupedBy((ids) => statementsOfContracts(db.manager, ids), (r) => r.contractId),
    invoicesByContract: loaderGroupedBy((ids) => invoicesOfContracts(db.manager, ids), (r) => r.contractId),
    /** An issued statement's differences from its month now: computed once a request. */
    differences: new Map<string, Promise<StatementDifference[]>>(),
  };
}

export type BillingLoaders = ReturnType<typeof createLoaders>;
