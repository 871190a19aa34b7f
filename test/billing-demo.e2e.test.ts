import { manualClock } from '../services/platform/clock';
import { expectError, startTestHub, TestHub } from './support/hub';

/**
 * The billing demo data (issue 14) on a fixed clock: price terms on every active demo contract,
 * a statement issued for each of the last two months (April and May 2026), and Fabrikam's
 * invoice for Globex's May whose reconciliation shows an over-billed quantity and a missing
 * service credit. The README's example queries use these ids.
 */
let t: TestHub;
const clock = manualClock('2026-06-15T10:00:00Z');
const ACTIVE = ['ct-northwind-contoso', 'ct-northwind-fabrikam', 'ct-globex-fabrikam'];

beforeAll(async () => {
  t = await startTestHub({ seed: true, clock });
}, 180_000);
afterAll(() => t?.stop());

it('has price terms on every active contract, and a statement issued for each of the last two months', async () => {
  for (const id of ACTIVE) {
    const client = id.startsWith('ct-globex') ? 'globex' : 'northwind';
    const res = await t.client(t.token(client)).request<any>(`query($id: ID!) { contract(id: $id) { status priceTerms { currency components { code } } billingStatements { month version status lines { code } } } }`, { id });
    expect(res.contract.status).toBe('ACTIVE');
    expect(res.contract.priceTerms.components.length).toBeGreaterThan(0);
    expect(res.contract.billingStatements.map((s: any) => [s.month, s.version, s.status])).toEqual([
      ['2026-05', 1, 'ISSUED'],
      ['2026-04', 1, 'ISSUED'],
    ]);
    for (const s of res.contract.billingStatements) expect(s.lines.length).toBeGreaterThan(0);
  }
});

it("splits Globex's April calls at the mid-month price indexation", async () => {
  const res = await t.client(t.token('fabrikam')).request<any>(`{ contract(id: "ct-globex-fabrikam") { billingStatements { month lines { code from rateMinor quantity } } } }`);
  const april = res.contract.billingStatements.find((s: any) => s.month === '2026-04');
  const calls = april.lines.filter((l: any) => l.code === 'MOBILE-CALLS');
  expect(calls.map((l: any) => [l.from, l.rateMinor])).toEqual([
    ['2026-03-31T23:00:00.000Z', 295],
    ['2026-04-15T23:00:00.000Z', 305],
  ]);
});

it("has Fabrikam's submitted invoice for Globex's May: an over-billed quantity and a missing credit", async () => {
  const res = await t.client(t.token('globex')).request<any>(`{ contract(id: "ct-globex-fabrikam") { invoices { id month status reference currency reconciliation { matches differenceMinor lines { code causes differenceMinor } } } } }`);
  const [invoice] = res.contract.invoices;
  expect(invoice).toMatchObject({ month: '2026-05', status: 'SUBMITTED', reference: 'FAB-GX-DEMO-001', currency: 'GBP', reconciliation: { matches: false } });
  const flagged = invoice.reconciliation.lines.filter((l: any) => l.causes.length > 0);
  expect(flagged.find((l: any) => l.code === 'MOBILE-CALLS')).toMatchObject({ causes: ['QUANTITY'] });
  expect(flagged.find((l: any) => l.code === 'MOBILE-CALLS').differenceMinor).toBeGreaterThan(0);
  expect(flagged.find((l: any) => l.code.startsWith('CREDIT.'))).toMatchObject({ causes: ['CREDIT_MISSING'] });
  await expectError(t.client(t.token('northwind')).request(`query($id: ID!) { invoice(id: $id) { id } }`, { id: invoice.id }), 'NOT_FOUND');
  await expectError(t.client(t.token('fabrikam')).request(`mutation($id: ID!) { approveInvoice(id: $id) { id } }`, { id: invoice.id }), 'FORBIDDEN');
});
