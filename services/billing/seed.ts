import { DataSource } from 'typeorm';
import type { Role } from '../platform/auth';
import type { SeedPeers } from '../platform/subgraph';
import { bucketStart, localDateLabel } from '../metrics/calendar';
import { createPricedContractsClient } from '../clients/contracts';
import { createForecastsClient } from '../clients/forecasts';
import { createBillingPerformanceClient } from '../clients/performance';
import { DEMO, DEMO_QUEUE_HOURS } from '../demo/ids';
import type { BillingContext } from './context';
import { StatementRow } from './entities/statement';
import { submitInvoice } from './invoices';
import { issueStatement, shiftMonth, StatementContent } from './statements';

/** Acting for one organisation through the same use cases and peers as the API. */
function actingFor(db: DataSource, now: Date, peers: SeedPeers, organisationId: string): BillingContext {
  const as = { organisationId, roles: ['read', 'write'] as Role[] };
  return {
    viewer: { subject: 'demo-seed', ...as },
    db,
    now,
    contracts: createPricedContractsClient(peers.peer('contracts', as)),
    performance: createBillingPerformanceClient(peers.peer('performance', as)),
    forecasts: createForecastsClient(peers.peer('forecasts', as)),
  };
}

/** The active demo contracts, with the zone of their months (their first queue's). */
const CONTRACTS = [
  { id: DEMO.contracts.northwindContoso, client: 'northwind', zone: DEMO_QUEUE_HOURS[DEMO.queues.northwindBilling].timeZone },
  { id: DEMO.contracts.northwindFabrikam, client: 'northwind', zone: DEMO_QUEUE_HOURS[DEMO.queues.northwindChat].timeZone },
  { id: DEMO.contracts.globexFabrikam, client: 'globex', zone: DEMO_QUEUE_HOURS[DEMO.queues.globexMobile].timeZone },
];

/** The demo invoice: Fabrikam bills Globex's last month with 3 % more calls than handled and without the service credit. */
export const DEMO_INVOICE = { contractId: DEMO.contracts.globexFabrikam, centre: 'fabrikam', reference: 'FAB-GX-DEMO-001', overBilledCode: 'MOBILE-CALLS' };

/**
 * Demo statements and an invoice (issue 14), asked of the contracts, performance and forecasts
 * subgraphs already running: each active contract's statement issued by its client for each of
 * the last two months, and Fabrikam's invoice for Globex's last month, whose reconciliation shows
 * an over-billed quantity and a missing credit.
 */
export async function seedBilling(db: DataSource, now: Date, peers?: SeedPeers): Promise<void> {
  if (!peers || (await db.getRepository(StatementRow).count()) > 0) return;
  const nowEpoch = Math.floor(now.getTime() / 1000);
  for (const c of CONTRACTS) {
    const current = localDateLabel(bucketStart(nowEpoch, 'MONTH', c.zone), 'MONTH', c.zone);
    const client = actingFor(db, now, peers, c.client);
    for (const back of [2, 1]) await issueStatement(client, c.id, shiftMonth(current, -back));
  }
  const zone = CONTRACTS.find((c) => c.id === DEMO_INVOICE.contractId)!.zone;
  const month = shiftMonth(localDateLabel(bucketStart(nowEpoch, 'MONTH', zone), 'MONTH', zone), -1);
  const statement = await db.getRepository(StatementRow).findOneByOrFail({ contractId: DEMO_INVOICE.contractId, month, status: 'ISSUED' });
  const lines = (statement.content as StatementContent).lines
    .filter((l) => l.kind !== 'SERVICE_CREDIT' && l.kind !== 'CREDIT_CAP')
    .map((l) => {
      if (l.code !== DEMO_INVOICE.overBilledCode) return { code: l.code, description: l.definition.split(':')[0], quantity: l.quantity, rateMinor: l.rateMinor, amountMinor: l.amountMinor };
      const quantity = Math.round(l.quantity * 1.03);
      return { code: l.code, description: 'Handled calls', quantity, rateMinor: l.rateMinor, amountMinor: quantity * l.rateMinor };
    });
  await submitInvoice(actingFor(db, now, peers, DEMO_INVOICE.centre), DEMO_INVOICE.contractId, month, { reference: DEMO_INVOICE.reference, currency: statement.currency, lines });
}
